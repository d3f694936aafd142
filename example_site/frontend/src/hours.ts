/**
 * Clinic hours from the feed: the "Open now / Opens Monday 9 AM" badge and the weekly table.
 * Times are shown in the clinic's own time zone, whatever the visitor's is.
 */
import type { ClinicHours } from "./api";
import { h } from "./dom";

/** "9 AM", "9:30 AM", "12 PM", like `wagtail_neuro.hours.format_time`. */
export function formatClock(hour: number, minute: number): string {
  const suffix = hour < 12 ? "AM" : "PM";
  const twelve = hour % 12 || 12;
  return minute ? `${twelve}:${String(minute).padStart(2, "0")} ${suffix}` : `${twelve} ${suffix}`;
}

/** "09:00" → "9 AM". */
export function formatWallTime(wall: string): string {
  const [hour, minute] = wall.split(":").map(Number);
  return formatClock(hour ?? 0, minute ?? 0);
}

function partsIn(timeZone: string, instant: Date): { weekday: string; day: string; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "long",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return {
    weekday: get("weekday"),
    day: `${get("year")}-${get("month")}-${get("day")}`,
    hour: Number(get("hour")),
    minute: Number(get("minute")),
  };
}

/** The badge text: "Open now · closes 5 PM", "Opens today 1 PM", "Opens Monday 9 AM". */
export function statusText(hours: ClinicHours, now: Date = new Date()): string {
  const change = hours.next_change;
  if (hours.open_now) {
    if (!change) return "Open now";
    const at = partsIn(hours.timezone, new Date(change.at));
    const today = partsIn(hours.timezone, now);
    const when = at.day === today.day ? "" : `${at.weekday} `;
    return `Open now · closes ${when}${formatClock(at.hour, at.minute)}`;
  }
  if (!change) return "Closed";
  const at = partsIn(hours.timezone, new Date(change.at));
  const today = partsIn(hours.timezone, now);
  const day = at.day === today.day ? "today" : at.weekday;
  return `Closed · Opens ${day} ${formatClock(at.hour, at.minute)}`;
}

export function hoursBadge(hours: ClinicHours, now?: Date): HTMLElement {
  return h(
    "p",
    { class: `badge ${hours.open_now ? "badge--open" : "badge--closed"}`, "data-testid": "hours-badge" },
    statusText(hours, now),
  );
}

export function hoursTable(hours: ClinicHours): HTMLElement {
  const rows = hours.weekly.map((day) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, day.weekday_name),
      h(
        "td",
        {},
        day.periods.length
          ? day.periods.map((p) => `${formatWallTime(p.opens)}–${formatWallTime(p.closes)}`).join(", ")
          : "Closed",
      ),
    ),
  );
  const upcoming = hours.exceptions.map((exception) =>
    h(
      "li",
      {},
      `${exception.label || "Special hours"}: ${exception.start_date}`,
      exception.end_date ? `–${exception.end_date}` : "",
      exception.closed
        ? " (closed)"
        : ` (${exception.periods.map((p) => `${formatWallTime(p.opens)}–${formatWallTime(p.closes)}`).join(", ")})`,
    ),
  );
  return h(
    "section",
    { class: "hours", "aria-labelledby": `hours-${hours.id}` },
    h("h2", { id: `hours-${hours.id}` }, hours.name),
    hoursBadge(hours),
    h(
      "table",
      {},
      h("caption", {}, `Weekly hours (${hours.timezone})`),
      h("tbody", {}, ...rows),
    ),
    upcoming.length ? h("h3", {}, "Holidays and special days") : null,
    upcoming.length ? h("ul", { class: "hours__exceptions" }, ...upcoming) : null,
    hours.notes ? h("p", { class: "hours__notes" }, hours.notes) : null,
  );
}
