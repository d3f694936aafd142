/* The weekly-hours table (wagtail_neuro.hours_editor.WeeklyHoursWidget): add and remove
 * periods, "Closed" per day, "Copy Monday to weekdays", and a live warning when a period closes
 * before it opens without "closes next day". The server validates the same rules; this only
 * saves a round trip. Event delegation: works for tables added after the page loaded. */
(function () {
  "use strict";

  const WEEKDAYS = ["1", "2", "3", "4"]; // Tuesday to Friday

  function rowsOf(day) {
    return Array.from(day.querySelectorAll("[data-neuro-hours-periods] > [data-neuro-hours-row]"));
  }

  function nextIndex(day) {
    let highest = -1;
    for (const input of day.querySelectorAll("[data-neuro-hours-opens]")) {
      const match = input.name.match(/-(\d+)-opens$/);
      if (match) highest = Math.max(highest, Number(match[1]));
    }
    return highest + 1;
  }

  function addRow(day, values) {
    const table = day.closest("[data-neuro-hours]");
    const template = table.querySelector("template[data-neuro-hours-row-template]");
    const html = template.innerHTML
      .replaceAll("__DAY__", day.dataset.neuroHoursDay)
      .replaceAll("__DAYNAME__", day.dataset.dayName)
      .replaceAll("__ROW__", String(nextIndex(day)));
    const holder = document.createElement("div");
    holder.innerHTML = html.trim();
    const row = holder.firstElementChild;
    if (values) {
      row.querySelector("[data-neuro-hours-opens]").value = values.opens;
      row.querySelector("[data-neuro-hours-closes]").value = values.closes;
      row.querySelector("[data-neuro-hours-overnight]").checked = values.overnight;
    }
    day.querySelector("[data-neuro-hours-periods]").appendChild(row);
    checkRow(row);
    return row;
  }

  function setClosed(day, closed) {
    day.querySelector("[data-neuro-hours-closed]").checked = closed;
    const periods = day.querySelector("[data-neuro-hours-periods]");
    periods.hidden = closed;
    // a closed day sends no times: what was typed stays in the page if it is reopened
    periods.querySelectorAll("input").forEach((input) => {
      input.disabled = closed;
    });
    day.querySelector("[data-neuro-hours-add]").hidden = closed;
    day.classList.toggle("neuro-hours__day--closed", closed);
  }

  function checkRow(row) {
    const opens = row.querySelector("[data-neuro-hours-opens]").value;
    const closes = row.querySelector("[data-neuro-hours-closes]").value;
    const overnight = row.querySelector("[data-neuro-hours-overnight]").checked;
    const backwards = opens && closes && closes !== "00:00" && closes <= opens && closes !== opens;
    row.querySelector("[data-neuro-hours-warning]").hidden = !(backwards && !overnight);
    row.classList.toggle("neuro-hours__period--warning", Boolean(backwards && !overnight));
  }

  function copyMonday(table) {
    const monday = table.querySelector('[data-neuro-hours-day="0"]');
    const closed = monday.querySelector("[data-neuro-hours-closed]").checked;
    const periods = rowsOf(monday).map((row) => ({
      opens: row.querySelector("[data-neuro-hours-opens]").value,
      closes: row.querySelector("[data-neuro-hours-closes]").value,
      overnight: row.querySelector("[data-neuro-hours-overnight]").checked,
    }));
    for (const number of WEEKDAYS) {
      const day = table.querySelector(`[data-neuro-hours-day="${number}"]`);
      rowsOf(day).forEach((row) => row.remove());
      periods.forEach((values) => addRow(day, values));
      if (!periods.length) addRow(day);
      setClosed(day, closed);
    }
    table.dispatchEvent(new Event("change", { bubbles: true })); // Wagtail's unsaved-changes
  }

  function init(root) {
    for (const day of root.querySelectorAll("[data-neuro-hours-day]")) {
      setClosed(day, day.querySelector("[data-neuro-hours-closed]").checked);
      rowsOf(day).forEach(checkRow);
    }
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-neuro-hours-add], [data-neuro-hours-remove], [data-neuro-hours-copy]");
    if (!target || !target.closest("[data-neuro-hours]")) return;
    if (target.matches("[data-neuro-hours-copy]")) {
      copyMonday(target.closest("[data-neuro-hours]"));
      return;
    }
    const day = target.closest("[data-neuro-hours-day]");
    if (target.matches("[data-neuro-hours-add]")) {
      addRow(day).querySelector("[data-neuro-hours-opens]").focus();
    } else {
      target.closest("[data-neuro-hours-row]").remove();
      if (!rowsOf(day).length) {
        addRow(day);
        setClosed(day, true);
      }
      day.querySelector("[data-neuro-hours-add]").focus();
    }
  });

  document.addEventListener("change", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || !target.closest("[data-neuro-hours]")) return;
    if (target.matches("[data-neuro-hours-closed]")) {
      setClosed(target.closest("[data-neuro-hours-day]"), target.checked);
    }
    const row = target.closest("[data-neuro-hours-row]");
    if (row) checkRow(row);
  });

  document.addEventListener("input", (event) => {
    const row = event.target.closest && event.target.closest("[data-neuro-hours-row]");
    if (row) checkRow(row);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => init(document));
  } else {
    init(document);
  }
})();
