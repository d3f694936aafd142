"""The weekly-hours editor: one compact table of the seven days instead of one StreamField
block per opening.

Each day is "Closed" or has one or more periods; a period that runs past midnight must say so
("closes next day"), so a 9–5 typo entered as 17:00–09:00 is refused instead of silently read
as overnight. What is stored does not change: the same ``period`` blocks that
:mod:`wagtail_neuro.hours` reads, so the APIs, templates and old revisions are unaffected.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks import BlockField, BlockWidget, StreamBlockValidationError, StreamValue

from . import hours

__all__ = [
    "ClinicHoursForm",
    "PeriodRow",
    "WeeklyHoursField",
    "WeeklyHoursInput",
    "WeeklyHoursWidget",
]

#: Blank rows shown for a day that has no period yet (the script adds more).
MIDNIGHT = time(0)
ROW_NAME = re.compile(r"^(?P<day>[0-6])-(?P<row>\d+)-(?P<part>opens|closes|overnight)$")


@dataclass
class PeriodRow:
    """One row of the table as typed: text times (kept verbatim for re-display)."""

    opens: str = ""
    closes: str = ""
    overnight: bool = False

    @property
    def blank(self) -> bool:
        return not self.opens.strip() and not self.closes.strip()


@dataclass
class WeeklyHoursInput:
    """What the table posted: for each weekday, "closed" and its rows."""

    closed: dict[int, bool] = field(default_factory=dict)
    rows: dict[int, list[PeriodRow]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def from_stream(cls, value: Any) -> WeeklyHoursInput:
        """The table for stored ``period`` blocks (overnight ones ticked)."""
        data = cls()
        for child in value or ():
            period = child.value
            if period.get("weekday") in (None, "") or not (
                period.get("opens") and period.get("closes")
            ):
                continue
            opens, closes = period["opens"], period["closes"]
            data.rows[int(period["weekday"])].append(
                PeriodRow(_text(opens), _text(closes), overnight=_runs_overnight(opens, closes))
            )
        for day in range(7):
            data.rows[day].sort(key=lambda row: row.opens)
            data.closed[day] = not data.rows[day]
        return data


def _text(value: time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def _runs_overnight(opens: time, closes: time) -> bool:
    """Closes on the next day: before (or at) the opening time, except "until midnight"."""
    return closes != MIDNIGHT and closes <= opens


def _parse_time(text: str) -> time | None:
    for pattern in ("%H:%M", "%H:%M:%S"):
        try:
            return datetime.strptime(text.strip(), pattern).time()
        except ValueError:
            continue
    return None


class WeeklyHoursWidget(forms.Widget):
    """The seven-day table; works without JavaScript (one blank row per day), and the script
    adds rows, "Closed" toggling, live overnight warnings and "Copy Monday to weekdays"."""

    template_name = "wagtail_neuro/widgets/weekly_hours.html"

    class Media:
        js = ["wagtail_neuro/js/weekly-hours.js"]
        css = {"all": ["wagtail_neuro/css/weekly-hours.css"]}

    def format_value(self, value: Any) -> WeeklyHoursInput:
        if isinstance(value, WeeklyHoursInput):
            return value
        return WeeklyHoursInput.from_stream(value)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        data = self.format_value(value)
        context["days"] = [
            {
                "number": day,
                "name": _(hours.WEEKDAY_NAMES[day]),
                "closed": data.closed.get(day, not data.rows.get(day)),
                # one blank row to type into on a closed day (hidden by the script)
                "rows": list(data.rows.get(day) or [PeriodRow()]),
            }
            for day in range(7)
        ]
        return context

    def __init__(self, block: Any = None, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.block = block

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if f"{name}-count" in data and self.block is not None:
            # StreamField-shaped data (scripts, older tests): read it as the block widget would
            return BlockWidget(self.block).value_from_datadict(data, files, name)
        posted = WeeklyHoursInput()
        parts: dict[tuple[int, int], dict[str, str]] = defaultdict(dict)
        prefix = f"{name}-"
        for key in data:
            if not key.startswith(prefix):
                continue
            if match := ROW_NAME.match(key[len(prefix) :]):
                parts[(int(match["day"]), int(match["row"]))][match["part"]] = data.get(key, "")
        for (day, _row), values in sorted(parts.items()):
            posted.rows[day].append(
                PeriodRow(
                    opens=values.get("opens", ""),
                    closes=values.get("closes", ""),
                    overnight="overnight" in values,
                )
            )
        for day in range(7):
            posted.closed[day] = f"{prefix}{day}-closed" in data
        return posted

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(key.startswith(f"{name}-") for key in data)


class WeeklyHoursField(BlockField):
    """Cleans the table into the stored ``period`` blocks; every problem is named with its
    day and times, and nothing typed is lost when the form comes back with errors."""

    widget = WeeklyHoursWidget

    def __init__(self, block: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("widget", WeeklyHoursWidget(block))
        super().__init__(block=block, **kwargs)

    def clean(self, value: Any) -> StreamValue:
        if not isinstance(value, WeeklyHoursInput):  # e.g. initial data, a StreamValue
            return self.block.clean(value)
        raw, messages = self.periods_from_input(value)
        stream = self.block.to_python(raw)
        try:
            cleaned = self.block.clean(stream)
        except StreamBlockValidationError as error:
            messages.extend(_messages_of(error))
            cleaned = None
        if messages:
            raise ValidationError(messages, code="invalid_hours")
        return cleaned

    @staticmethod
    def periods_from_input(value: WeeklyHoursInput) -> tuple[list[dict], list[str]]:
        """The stream data for ``value`` and the messages for rows that cannot be stored."""
        raw: list[dict] = []
        messages: list[str] = []
        for day in range(7):
            name = _(hours.WEEKDAY_NAMES[day])
            rows = [row for row in value.rows.get(day, []) if not row.blank]
            if value.closed.get(day):
                if rows:
                    messages.append(
                        _(
                            "%(day)s is marked closed but has opening times. Untick "
                            "\u201cClosed\u201d to keep them, or clear the times."
                        )
                        % {"day": name}
                    )
                continue
            for row in rows:
                opens, closes = _parse_time(row.opens), _parse_time(row.closes)
                if opens is None or closes is None:
                    messages.append(
                        _("%(day)s: give both an opening and a closing time, e.g. 09:00 and 17:00.")
                        % {"day": name}
                    )
                    continue
                span = f"{name} {_text(opens)}\u2013{_text(closes)}"
                if _runs_overnight(opens, closes) and not row.overnight and closes != opens:
                    messages.append(
                        _(
                            "%(span)s: the closing time is before the opening time. Tick "
                            "\u201ccloses next day\u201d if the clinic stays open past "
                            "midnight, or correct the times."
                        )
                        % {"span": span}
                    )
                    continue
                if row.overnight and not _runs_overnight(opens, closes) and closes != opens:
                    messages.append(
                        _(
                            "%(span)s is marked \u201ccloses next day\u201d but closes after "
                            "it opens on the same day. Untick it, or correct the times."
                        )
                        % {"span": span}
                    )
                    continue
                raw.append(
                    {
                        "type": "period",
                        "value": {"weekday": str(day), "opens": opens, "closes": closes},
                    }
                )
        return raw, messages

    def has_changed(self, initial: Any, data: Any) -> bool:
        if not isinstance(data, WeeklyHoursInput):
            return super().has_changed(initial, data)
        raw, messages = self.periods_from_input(data)
        if messages:
            return True
        before = WeeklyHoursInput.from_stream(initial)
        after = WeeklyHoursInput.from_stream(self.block.to_python(raw))
        return before.rows != after.rows


def _messages_of(error: ValidationError) -> list[str]:
    """Flat messages of a StreamField error (the period blocks name their day and times)."""
    found: list[str] = []
    for item in getattr(error, "block_errors", {}).values():
        found.extend(_messages_of(item) if hasattr(item, "block_errors") else item.messages)
    non_block = getattr(error, "non_block_errors", None)
    if non_block:
        found.extend(message for e in non_block.as_data() for message in e.messages)
    if not found:
        found.extend(error.messages)
    return list(dict.fromkeys(found))


class ClinicHoursForm(WagtailAdminModelForm):
    """The clinic-hours edit form: the weekly table for ``weekly_hours``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "weekly_hours" in self.fields:
            current = self.fields["weekly_hours"]
            self.fields["weekly_hours"] = WeeklyHoursField(
                block=current.block,
                required=current.required,
                label=current.label,
                help_text=current.help_text,
            )
