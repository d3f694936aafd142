"""Date fields as the browser's own ``<input type="date">`` in the package's editors.

Wagtail's ``AdminDateInput`` builds a jQuery calendar for every date field when the editor
loads, about 250 elements each, whether or not it is ever opened: 7 of them were 1,757 of the
demo article editor's 6,569 elements (see docs/editors.md, "Editor speed"). The native input
has a calendar of its own, shown only when asked for, keyboard-accessible and localised by the
browser; the value posted is ISO ``YYYY-MM-DD`` either way, so nothing else changes.
"""

from __future__ import annotations

from django import forms
from django.utils.functional import cached_property
from wagtail import blocks


class NativeDateInput(forms.DateInput):
    """``<input type="date">``, whose value is always ``YYYY-MM-DD``."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class NativeDateBlock(blocks.DateBlock):
    """A ``DateBlock`` edited with :class:`NativeDateInput` (same value, same API shape)."""

    @cached_property
    def field(self) -> forms.DateField:
        return forms.DateField(widget=NativeDateInput(), **self.field_options)

    def deconstruct(self) -> tuple[str, tuple, dict]:
        # the widget is the admin's business: migrations keep seeing a plain DateBlock
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.DateBlock", args, kwargs
