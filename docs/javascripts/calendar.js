/*
 * The learning plan as a calendar file (RFC 5545): one all-day event per stage with work left,
 * on the day the planner says it is done. planner.js loads this file on the first click of
 * "Add the plan to your calendar" and passes what it needs (window.handbookCalendar).
 */
(() => {
  "use strict";

  // TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545, 3.3.11).
  const icsText = (text) => String(text).replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, "\\n");
  const icsDate = (day) => `${day.getFullYear()}${String(day.getMonth() + 1).padStart(2, "0")}` +
    String(day.getDate()).padStart(2, "0");
  const encoder = new TextEncoder();
  // Content lines longer than 75 octets are folded with CRLF and one space (3.1), never inside
  // a character.
  function icsFold(line) {
    const lines = [];
    let current = "";
    let octets = 0;
    for (const char of line) {
      const size = encoder.encode(char).length;
      if (octets + size > (lines.length ? 74 : 75)) {
        lines.push(current);
        [current, octets] = ["", 0];
      }
      current += char;
      octets += size;
    }
    return [...lines, current].join("\r\n ");
  }

  // One all-day event per stage with timed work left, on the day the planner says it is done.
  // A stage whose work left states no time has no day on the page, and none here (`untimedOnly`).
  // The UID is the stage's own, on this site, so importing a new plan moves the events instead
  // of adding copies.
  function calendarOfPlan({ stages, stageMinutes, finishDay, formatDuration, root, hours }) {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const events = [];
    let untimedOnly = 0;
    let cumulative = 0;
    stages.forEach((stage, i) => {
      const { minutes, untimed } = stageMinutes(stage);
      cumulative += minutes;
      if (!minutes) {
        if (untimed) untimedOnly += 1;
        return;
      }
      const start = finishDay(cumulative);
      const end = new Date(start);
      end.setDate(end.getDate() + 1);
      const id = stage.dataset.stage;
      const link = new URL(`#${id}`, location.href.split("#")[0]).href;
      const left = `${formatDuration(minutes)} left`;
      const untimedNote = untimed ? `, and ${untimed} without a stated time` : "";
      events.push(["BEGIN:VEVENT", `UID:stage-${id}.${root.pathname.replace(/[^A-Za-z0-9]+/g, "-")}@${root.host || "localhost"}`,
        `DTSTAMP:${stamp}`, `DTSTART;VALUE=DATE:${icsDate(start)}`, `DTEND;VALUE=DATE:${icsDate(end)}`,
        `SUMMARY:${icsText(`Finish stage ${i + 1}: ${stage.dataset.title || id}`)}`,
        `DESCRIPTION:${icsText(`${left}${untimedNote}, at ${hours} h a week. ${link}`)}`,
        `URL:${link}`, "TRANSP:TRANSPARENT", "END:VEVENT"]);
    });
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//handbook//learning plan//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", ...events.flat(), "END:VCALENDAR"];
    return { count: events.length, untimedOnly, text: `${lines.map(icsFold).join("\r\n")}\r\n` };
  }

  window.handbookCalendar = (plan) => {
    const { message } = plan;
    const { count, untimedOnly, text } = calendarOfPlan(plan);
    const { count: n } = window.handbook;
    const left = untimedOnly
      ? ` ${n(untimedOnly, "stage has", "stages have")} work left that states no time, so no day, as on the page.`
      : "";
    if (!count) {
      message.textContent = untimedOnly
        ? `No stage has work left with a stated time to put on a calendar.${left}`
        : "Every stage is done or skipped: there is nothing left to plan.";
      return;
    }
    window.handbook.download("learning-plan.ics", "text/calendar", text);
    message.textContent = `Saved ${n(count, "stage", "stages")} as learning-plan.ics: ` +
      `open it with your calendar. Importing a newer plan moves the same events.${left}`;
  };
})();
