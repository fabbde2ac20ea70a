/*
 * The self-assessment: ratings per competency, a chart and table of each group's average
 * beside its concept check score, the weakest group's next resources, and the path's stages
 * the reader may skip. Loaded by handbook.js on a page with .hb-assessment.
 */
(() => {
  "use strict";

  const hb = window.handbook;
  const { el, all, words } = hb;

  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attributes = {}, text = "") {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text) node.textContent = text;
    return node;
  }

  const ratingForms = () => all("form.hb-rating[data-skill]");
  const competencies = (form) => all("fieldset.hb-competency", form);

  function setUpAssessment() {
    if (!document.querySelector(".hb-assessment") || !ratingForms().length) return;
    migrateRatings();
    for (const form of ratingForms()) {
      if (form.dataset.ready) continue;
      form.dataset.ready = "1";
      const skill = form.dataset.skill;
      const keep = (early) => hb.isKey(skill) && hb.change((next) => {
        const ratings = hb.ownValue(next.ratings, skill);
        next.ratings[skill] = hb.isRecord(ratings) ? ratings : hb.dict();
        for (const fieldset of competencies(form)) {
          const [id, checked] = [fieldset.dataset.competency, fieldset.querySelector("input:checked")];
          if (hb.isKey(id) && checked) next.ratings[skill][id] = Number(checked.value);
          else if (hb.isKey(id) && !early) delete next.ratings[skill][id];
        }
      });
      // the result above grows: the rating chosen stays where it was
      form.addEventListener("change", ({ target }) => {
        const top = target.getBoundingClientRect().top;
        keep(false);
        scrollBy(0, target.getBoundingClientRect().top - top);
      });
      // A rating clicked before this script arrived is the reader's (autocomplete="off" stops
      // the browser from restoring old ones): keep it, and the stored ratings of the rest.
      if (form.querySelector("input:checked")) keep(true);
    }
  }

  // Version 1 kept ratings as arrays by position. Position i is the i-th id of the form's
  // data-positions (the order the data's redirects.yml records), else the i-th competency on the
  // form. Only this page knows the order, so arrays wait (kept as they are) until it opens.
  function migrateRatings() {
    let next = null;
    for (const form of ratingForms()) {
      const old = hb.ownValue(hb.state().ratings, form.dataset.skill);
      if (!Array.isArray(old)) continue;
      next ??= hb.copyState(hb.state());
      const ratings = hb.dict();
      const here = competencies(form).map((fieldset) => fieldset.dataset.competency);
      const order = words(form.dataset.positions);
      (order.length ? order : here).forEach((id, i) => {
        if (hb.isKey(id) && here.includes(id) && hb.isRating(old[i])) ratings[id] = old[i];
      });
      next.ratings[form.dataset.skill] = ratings;
    }
    if (!next) return;
    hb.adopt(next); // the same ratings by id; if it cannot be saved, storage keeps the array
  }

  const ratingsOf = (form) => competencies(form)
    .map((fieldset) => hb.ownValue(hb.ownValue(hb.state().ratings, form.dataset.skill), fieldset.dataset.competency));

  function renderRatings() {
    if (!document.querySelector(".hb-assessment")) return;
    // a starter already finished says so in its link
    for (const a of all(".hb-start a[data-resource]")) {
      a.querySelector("em")?.remove();
      const status = hb.statusOf(a.dataset.resource);
      if (hb.finished(a.dataset.resource)) a.append(el("em", { text: ` (${hb.STATUSES[status].toLowerCase()})` }));
    }
    for (const form of ratingForms()) {
      const values = ratingsOf(form);
      competencies(form).forEach((fieldset, i) => {
        for (const radio of all("input[type=radio]", fieldset)) radio.checked = values[i] === Number(radio.value);
      });
    }
    if (ratingForms().length) renderAssessment();
  }

  // The group's concept checks as the practice page counts them: "3 of 8 right, 5 answered".
  function checkScore(form) {
    const checks = words(form.dataset.checks).map((pair) => pair.split(":"));
    if (!checks.length) return "–";
    const answers = checks.map(([id]) => hb.ownValue(hb.state().checks, id));
    const right = checks.filter(([, answer], i) => answers[i] === Number(answer)).length;
    const answered = answers.filter((a) => a !== undefined).length;
    const score = answered ? `${right} of ${checks.length} right, ${answered} answered` : `${checks.length} not tried yet`;
    const line = form.nextElementSibling; // written by the build, its room kept from the start
    if (line?.matches(".hb-check-score")) {
      line.textContent = `Concept checks for this group: ${score}.`;
      line.hidden = false;
    }
    return score;
  }

  function renderAssessment() {
    const result = document.querySelector(".hb-assessment");
    const groups = ratingForms().map((form) => {
      const rated = ratingsOf(form).filter(hb.isRating);
      const size = competencies(form).length;
      const average = rated.length ? rated.reduce((a, b) => a + b, 0) / rated.length : null;
      const ids = competencies(form).map((fieldset) => fieldset.dataset.competency);
      return { id: form.dataset.skill, title: form.dataset.title, average, rated: rated.length, size,
        checks: checkScore(form), strong: hb.strong(form.dataset.skill, ids) };
    });

    // Up to 544 px wide, 340 units with labels above the bars; wider, 560 with labels beside
    // them: words stay 13-21 px. handbook.css keeps room for both. The screen's width decides
    // (reading the chart's would lay the page out mid-script).
    const narrow = matchMedia("(max-width: 34em)").matches;
    const width = narrow ? 340 : 560;
    const [row, left, valueWidth, barTop] = narrow ? [52, 0, 76, 20] : [34, 170, 90, 0];
    const track = width - left - valueWidth;
    const chart = svg("svg", { viewBox: `0 0 ${width} ${groups.length * row + 10}`, role: "img",
      "aria-labelledby": "hb-chart-title", class: "hb-chart" });
    chart.append(svg("title", { id: "hb-chart-title" },
      "Average self-rating per skill group, from 0 (not yet) to 3 (confident)"));
    groups.forEach((group, i) => {
      const y = i * row + 5;
      const bar = y + barTop;
      const value = group.average ?? 0;
      chart.append(
        svg("text", { x: 0, y: narrow ? y + 14 : y + 19, class: "hb-chart__label" }, group.title),
        svg("rect", { x: left, y: bar, width: track, height: 24, class: "hb-chart__track", rx: 3 }),
        svg("rect", { x: left, y: bar, width: (track * value) / 3, height: 24, class: "hb-chart__bar", rx: 3 }),
        svg("text", { x: left + track + 10, y: bar + 19, class: "hb-chart__value" },
          group.average === null ? "not rated" : group.average.toFixed(1)),
      );
    });

    // The table is the build's, with a first visit's values (self_assessment.md.j2): its cells
    // are filled in here, and a path without concept checks has no column for them.
    const table = result.querySelector(".hb-chart__table");
    all("tbody tr", table).forEach((row, i) => {
      const g = groups[i];
      [g.average === null ? "–" : g.average.toFixed(1), `${g.rated} of ${g.size}`, g.checks]
        .forEach((text, j) => row.cells[j + 1]?.replaceChildren(text));
    });

    const rated = groups.filter((g) => g.average !== null);
    const weak = rated.filter((g) => !g.strong); // a group rated strong is no place to start
    const unrated = groups.filter((g) => g.average === null).map((g) => g.title);
    const advice = el("div", { class: "hb-assessment__advice", role: "status", "aria-live": "polite" });
    if (!rated.length) {
      advice.append(el("p", { text: "Rate a few competencies below to see where to start." }));
    } else if (!weak.length) {
      advice.append(el("p", { text: unrated.length
        ? `You rate yourself strong in every group you have rated. Rate ${unrated.join(", ")} ` +
          "too, to see where to start."
        : "You rate yourself strong in every group: choose the stages you still want on the " +
          "learning path." }));
    } else {
      const weakest = weak.reduce((a, b) => (b.average < a.average ? b : a));
      const links = all(`.hb-start[data-skill="${weakest.id}"] a[data-resource]`)
        .filter((a) => !hb.finished(a.dataset.resource)).slice(0, 3);
      advice.append(el("p", {}, "Your weakest group so far: ", el("strong", { text: weakest.title }),
        ` (${weakest.average.toFixed(1)} of 3). Start there.`));
      if (links.length) {
        advice.append(el("p", { text: "Next resources for it:" }),
          el("ol", {}, ...links.map((a) => el("li", {}, a.cloneNode(true)))));
      } else {
        advice.append(el("p", { text: "You have finished its starter resources: see its skill page for more." }));
      }
    }
    advice.append(...maySkip());
    result.replaceChildren(advice, chart, table);
    result.hidden = false;
  }

  // Stages whose every group the reader rates strong (each competency rated, 2.5 or more on
  // average) may be skipped: one click marks them skipped on the path, and the planner and its
  // calendar leave skipped stages out. A stage's own status select brings it back.
  function maySkip() {
    const strong = new Set(ratingForms().filter((form) => hb.strong(form.dataset.skill,
      competencies(form).map((fieldset) => fieldset.dataset.competency))).map((form) => form.dataset.skill));
    const stages = all(".hb-may-skip [data-stage]")
      .filter((s) => words(s.dataset.skills).every((id) => strong.has(id)));
    const [open, skipped] = [(s) => !["done", "skipped"].includes(hb.stageOf(s.dataset.stage)),
      (s) => hb.stageOf(s.dataset.stage) === "skipped"];
    const titles = (list) => list.map((s) => s.dataset.title).join("; ");
    const shown = [];
    if (stages.some(open)) {
      shown.push(el("p", { text: `Your ratings say you may skip ${hb.count(stages.filter(open).length,
        "stage", "stages")} of the learning path: ${titles(stages.filter(open))}.` }),
      hb.button("Mark them skipped on the path", () => hb.change((next) => {
        for (const s of stages.filter(open)) next.stages[s.dataset.stage] = "skipped";
      })));
    }
    if (stages.some(skipped)) {
      shown.push(el("p", { text: `Skipped on the path: ${titles(stages.filter(skipped))}. The ` +
        "planner leaves them out; choose another status on the learning path to bring one back." }));
    }
    return shown;
  }

  hb.define("assessment.js", { setUp: setUpAssessment, render: renderRatings });
})();
