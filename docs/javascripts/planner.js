/*
 * The learning path's stage statuses and time planner: what is left at the reader's hours a
 * week, and when each stage is done. Loaded by handbook.js on a page with .hb-planner.
 */
(() => {
  "use strict";

  const hb = window.handbook;
  const { el, all, words } = hb;

  const status = (stage) => hb.stageStatus(stage.dataset.stage, words(stage.dataset.resources));

  function stageMinutes(stage) {
    const cards = words(stage.dataset.resources).map((id) =>
      document.querySelector(`.hb-resource[data-resource="${id}"]`));
    const stageFinished = ["done", "skipped"].includes(hb.stageOf(stage.dataset.stage));
    let minutes = 0;
    let untimed = 0;
    for (const card of cards) {
      if (!card || stageFinished || hb.finished(card.dataset.resource)) continue;
      if (card.dataset.minutes) minutes += Number(card.dataset.minutes);
      else untimed += 1;
    }
    return { minutes, untimed };
  }

  // The day a stage is done at the reader's pace: `minutes` of work left up to and including it.
  function finishDay(minutes) {
    const day = new Date();
    day.setHours(0, 0, 0, 0);
    day.setDate(day.getDate() + Math.ceil((minutes / 60 / hb.state().hours) * 7));
    return day;
  }
  const finishDate = (minutes) => hb.dateFormat.format(finishDay(minutes));

  // The calendar file is written by calendar.js, fetched on the first click only: most readers
  // never ask for it.
  function downloadCalendar(stages, message) {
    hb.loadScript("calendar.js")
      .then(() => window.handbookCalendar({ stages, message, stageMinutes, finishDay,
        formatDuration: hb.formatDuration, root: hb.siteRoot(), hours: hb.state().hours }))
      .catch(() => { message.textContent = "The calendar could not be made: its script did not load."; });
  }

  function setUp() {
    const planner = document.querySelector(".hb-planner");
    if (!planner || planner.querySelector("input")) return;
    const input = el("input", { type: "number", min: "0.5", max: "80", step: "0.5",
      id: "hb-hours", inputmode: "decimal" });
    // a value the plan cannot use is said, never silently replaced by the last one it could
    const hint = el("p", { class: "hb-planner__hint", role: "status", "aria-live": "polite", hidden: "" });
    input.addEventListener("input", () => {
      const hours = Number(input.value);
      const usable = input.value.trim() !== "" && hb.isHours(hours);
      input.setAttribute("aria-invalid", String(!usable));
      hint.hidden = usable;
      hint.textContent = usable ? "" : `Give 0.5 to 80 hours a week; the plan still counts ${hb.state().hours} h.`;
      if (usable) hb.change((next) => { next.hours = hours; });
    });
    const saved = el("p", { class: "hb-planner__saved", role: "status", "aria-live": "polite" });
    const calendar = hb.button("Add the plan to your calendar (.ics)",
      () => downloadCalendar(all(".hb-stage[data-stage]"), saved));
    planner.replaceChildren(
      el("p", { class: "hb-planner__next" }),
      el("label", { for: "hb-hours", text: "Hours you can spend each week " }), input, hint,
      el("p", { class: "hb-planner__total", role: "status", "aria-live": "polite" }),
      calendar, saved);
    planner.hidden = false;
  }

  // Where a returning reader goes on: the first resource, in path order, that is neither done
  // nor skipped, in a stage that is neither (a link to its card on this page).
  function showNext(line, stages) {
    let started = false;
    for (const [number, stage] of stages.entries()) {
      const ids = words(stage.dataset.resources);
      started ||= ids.some((id) => hb.finished(id)) || status(stage) !== "todo";
      if (["done", "skipped"].includes(status(stage))) continue;
      const id = ids.find((rid) => !hb.finished(rid));
      const card = id && document.querySelector(`.hb-resource[data-resource="${id}"]`);
      if (!card) continue;
      const time = card.dataset.minutes ? `, ${hb.formatDuration(Number(card.dataset.minutes))}` : "";
      line.replaceChildren(started ? "Next up: " : "Start with: ",
        el("a", { href: `#${card.id}`, text: card.querySelector(".hb-resource__title a")?.textContent || id }),
        ` (stage ${number + 1}${time})`);
      return;
    }
    line.textContent = "Every stage of the path is done or skipped.";
  }

  function render() {
    const planner = document.querySelector(".hb-planner");
    const stages = all(".hb-stage[data-stage]");
    if (!planner?.querySelector("input") || !stages.length) return;
    const state = hb.state();
    const input = planner.querySelector("input");
    if (document.activeElement !== input) input.value = String(state.hours);

    let cumulative = 0;
    let untimedTotal = 0;
    for (const stage of stages) {
      const { minutes, untimed } = stageMinutes(stage);
      cumulative += minutes;
      untimedTotal += untimed;
      let tools = stage.querySelector(".hb-stage__tools");
      if (!tools) {
        const id = stage.dataset.stage;
        const select = hb.statusSelect(status(stage), `Status of stage ${stage.dataset.title || id}`,
          (value) => hb.setStatus("stages", id, value));
        tools = el("div", { class: "hb-stage__tools" },
          el("label", { class: "hb-status" }, el("span", { text: "Stage status" }), select),
          el("p", { class: "hb-stage__plan" }));
        stage.prepend(tools);
      }
      tools.querySelector("select").value = status(stage);
      const note = untimed ? ` (${untimed} without a stated time not counted)` : "";
      tools.querySelector(".hb-stage__plan").textContent = minutes
        ? `Left: ${hb.formatDuration(minutes)}${note}. Done around ${finishDate(cumulative)}.`
        : `Nothing with a stated time left${note}.`;
    }
    showNext(planner.querySelector(".hb-planner__next"), stages);
    const note = untimedTotal === 1 ? " 1 resource states no time and is not counted."
      : untimedTotal ? ` ${untimedTotal} resources state no time and are not counted.` : "";
    planner.querySelector(".hb-planner__total").textContent =
      `Left on the whole path: ${hb.formatDuration(cumulative)}. At ${state.hours} h a week you ` +
      `finish around ${finishDate(cumulative)}.${note}`;
  }

  hb.define("planner.js", { setUp, render });
})();
