"""Tabbed edit handlers built from a model's own panel lists."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import ObjectList, TabbedInterface


class TabbedPanels:
    """An ``edit_handler`` that reads the panel lists from the class it is accessed on.

    Declared once on an abstract base, it gives every subclass tabs built from that subclass's
    own ``content_panels``, ``details_panels`` …, so an agency that extends a list keeps the tabs.
    """

    def __init__(self, *tabs: tuple[str, Any]) -> None:
        self.tabs = tabs

    def __get__(self, instance: Any, owner: type) -> TabbedInterface:
        return TabbedInterface(
            [
                ObjectList(getattr(owner, attr), heading=heading)
                for attr, heading in self.tabs
                if getattr(owner, attr, None)
            ],
            base_form_class=getattr(owner, "base_form_class", None),
        )
