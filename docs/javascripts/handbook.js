/*
 * Reader features of the handbook: progress without an account, catalogue filters, a time
 * planner, a self-assessment and a printable checklist. Each enhances HTML that already works
 * without JavaScript. State stays in this browser (localStorage, one versioned key per site).
 */
(() => {
  "use strict";

  const VERSION = 1;
  const STATUSES = { todo: "Not started", doing: "In progress", done: "Done", skipped: "Skipped" };
  const BOXES = { todo: "☐", doing: "◐", done: "☑", skipped: "⊘" };
  const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  const FILTERS = ["skill", "kind", "cost", "level", "topic", "tag"];

  // --- state -----------------------------------------------------------------------------

  const siteConfig = () => {
    try {
      return JSON.parse(document.getElementById("__config").textContent);
    } catch {
      return {};
    }
  };
  // Two handbooks on one origin (say, two forks on github.io) keep separate progress.
  const storageKey = () =>
    `handbook.v${VERSION}:${new URL(siteConfig().base || ".", location.href).pathname}`;

  const emptyState = () => ({ version: VERSION, statuses: {}, stages: {}, ratings: {}, hours: 5 });

  // Keep only what this version understands; anything else in a file or in storage is dropped.
  function clean(raw) {
    const state = emptyState();
    if (!raw || typeof raw !== "object") return state;
    for (const key of ["statuses", "stages"]) {
      for (const [id, status] of Object.entries(raw[key] || {})) {
        if (ID.test(id) && status in STATUSES && status !== "todo") state[key][id] = status;
      }
    }
    for (const [skill, values] of Object.entries(raw.ratings || {})) {
      if (ID.test(skill) && Array.isArray(values)) {
        state.ratings[skill] = values.map((v) => (Number.isInteger(v) && v >= 0 && v <= 3 ? v : null));
      }
    }
    const hours = Number(raw.hours);
    if (hours >= 0.5 && hours <= 80) state.hours = hours;
    return state;
  }

  let storageWorks = true;
  // Statuses saved under an id that was since renamed follow it (data/redirects.yml).
  function followRenames(state) {
    let renames = {};
    try {
      renames = JSON.parse(document.getElementById("hb-redirects")?.textContent || "{}");
    } catch {
      return state;
    }
    for (const [old, current] of Object.entries(renames)) {
      if (old in state.statuses && !(current in state.statuses)) {
        state.statuses[current] = state.statuses[old];
      }
      delete state.statuses[old];
    }
    return state;
  }

  function load() {
    let raw = null;
    try {
      raw = localStorage.getItem(storageKey());
    } catch {
      storageWorks = false;
    }
    try {
      return followRenames(clean(JSON.parse(raw || "null")));
    } catch {
      return emptyState(); // unreadable state is dropped, never fatal
    }
  }
  function save(state) {
    try {
      localStorage.setItem(storageKey(), JSON.stringify(state));
    } catch {
      storageWorks = false;
    }
  }

  let state = emptyState();
  const statusOf = (id) => state.statuses[id] || "todo";
  const finished = (id) => statusOf(id) === "done" || statusOf(id) === "skipped";

  // --- small DOM helpers -----------------------------------------------------------------

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }
  const all = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const words = (value) => (value || "").split(" ").filter(Boolean);

  function statusSelect(current, label, onChange) {
    const select = el("select", { "aria-label": label });
    for (const [value, text] of Object.entries(STATUSES)) {
      select.append(el("option", { value, text }));
    }
    select.value = current;
    select.addEventListener("change", () => onChange(select.value));
    return select;
  }

  function formatDuration(minutes) {
    const hours = Math.floor(minutes / 60);
    const rest = Math.round(minutes % 60);
    if (!minutes) return "0 min";
    return [hours ? `${hours} h` : "", rest ? `${rest} min` : ""].filter(Boolean).join(" ");
  }

  // --- progress --------------------------------------------------------------------------

  function enhanceCard(card) {
    const id = card.dataset.resource;
    let select = card.querySelector(".hb-status select");
    if (!select) {
      select = statusSelect(statusOf(id), `Status of ${card.querySelector("a")?.textContent || id}`,
        (value) => setStatus(id, value));
      card.append(el("label", { class: "hb-status" }, el("span", { text: "Status" }), select));
    }
    select.value = statusOf(id);
    card.dataset.status = statusOf(id);
  }

  // On load, cards get their controls a few at a time, so a long list never holds up the page
  // in one long task (which phones feel as a frozen screen).
  let pendingCards = [];
  function enhanceCards() {
    const cards = all(".hb-resource[data-resource]");
    const ready = cards.filter((card) => card.querySelector(".hb-status"));
    ready.forEach(enhanceCard);
    const waiting = pendingCards.length > 0;
    pendingCards = cards.filter((card) => !card.querySelector(".hb-status"));
    if (!waiting) setTimeout(enhanceSome, 0);
  }
  function enhanceSome() {
    pendingCards.splice(0, 8).forEach(enhanceCard);
    if (pendingCards.length) setTimeout(enhanceSome, 0);
  }

  function setStatus(id, value) {
    if (value === "todo") delete state.statuses[id];
    else state.statuses[id] = value;
    save(state);
    refresh();
  }

  function renderProgressBars() {
    for (const box of all(".hb-progress[data-resources]")) {
      const ids = words(box.dataset.resources);
      const count = (s) => ids.filter((id) => statusOf(id) === s).length;
      const [done, doing, skipped] = [count("done"), count("doing"), count("skipped")];
      const bar = el("progress", { max: String(ids.length || 1), value: String(done + skipped),
        "aria-label": `${box.dataset.label}: ${done + skipped} of ${ids.length} finished` });
      const parts = [`${done} of ${ids.length} done`];
      if (doing) parts.push(`${doing} in progress`);
      if (skipped) parts.push(`${skipped} skipped`);
      box.replaceChildren(
        el("span", { class: "hb-progress__label", text: box.dataset.label }),
        bar,
        el("span", { class: "hb-progress__text", text: parts.join(", ") }),
      );
      box.hidden = false;
    }
  }

  // --- learning path: stage statuses and the time planner ---------------------------------

  function stageMinutes(stage) {
    const cards = words(stage.dataset.resources).map((id) =>
      document.querySelector(`.hb-resource[data-resource="${id}"]`));
    const stageFinished = ["done", "skipped"].includes(state.stages[stage.dataset.stage]);
    let minutes = 0;
    let untimed = 0;
    for (const card of cards) {
      if (!card || stageFinished || finished(card.dataset.resource)) continue;
      if (card.dataset.minutes) minutes += Number(card.dataset.minutes);
      else untimed += 1;
    }
    return { minutes, untimed };
  }

  // One formatter for every date: building one per call is slow on phones.
  const dateFormat = new Intl.DateTimeFormat(undefined,
    { year: "numeric", month: "short", day: "numeric" });
  function finishDate(minutes) {
    const days = (minutes / 60 / state.hours) * 7;
    const date = new Date();
    date.setDate(date.getDate() + Math.ceil(days));
    return dateFormat.format(date);
  }

  function renderPlanner() {
    const planner = document.querySelector(".hb-planner");
    const stages = all(".hb-stage[data-stage]");
    if (!planner || !stages.length) return;
    if (!planner.querySelector("input")) {
      const input = el("input", { type: "number", min: "0.5", max: "80", step: "0.5",
        id: "hb-hours", inputmode: "decimal" });
      input.addEventListener("input", () => {
        const hours = Number(input.value);
        if (hours >= 0.5 && hours <= 80) {
          state.hours = hours;
          save(state);
          renderPlanner();
        }
      });
      planner.replaceChildren(
        el("label", { for: "hb-hours", text: "Hours you can spend each week " }), input,
        el("p", { class: "hb-planner__total", role: "status", "aria-live": "polite" }));
      planner.hidden = false;
    }
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
        const select = statusSelect(state.stages[id] || "todo", `Status of stage ${id}`, (value) => {
          if (value === "todo") delete state.stages[id];
          else state.stages[id] = value;
          save(state);
          refresh();
        });
        tools = el("div", { class: "hb-stage__tools" },
          el("label", { class: "hb-status" }, el("span", { text: "Stage status" }), select),
          el("p", { class: "hb-stage__plan" }));
        stage.prepend(tools);
      }
      tools.querySelector("select").value = state.stages[stage.dataset.stage] || "todo";
      const note = untimed ? ` (${untimed} without a stated time not counted)` : "";
      tools.querySelector(".hb-stage__plan").textContent = minutes
        ? `Left: ${formatDuration(minutes)}${note}. Done around ${finishDate(cumulative)}.`
        : `Nothing with a stated time left${note}.`;
    }
    const note = untimedTotal
      ? ` ${untimedTotal} resources state no time and are not counted.` : "";
    planner.querySelector(".hb-planner__total").textContent =
      `Left on the whole path: ${formatDuration(cumulative)}. At ${state.hours} h a week you ` +
      `finish around ${finishDate(cumulative)}.${note}`;
  }

  // --- catalogue filters -----------------------------------------------------------------

  function setUpFilters() {
    const host = document.querySelector(".hb-filters");
    const facetsNode = document.getElementById("hb-facets");
    if (!host || !facetsNode || host.querySelector("form")) return;
    const facets = JSON.parse(facetsNode.textContent);
    const params = new URLSearchParams(location.search);
    const form = el("form", { class: "hb-filters__form", role: "search" });
    form.addEventListener("submit", (event) => event.preventDefault());

    const text = el("input", { type: "search", name: "text", placeholder: "Words in title, author or why" });
    form.append(el("label", {}, el("span", { text: "Search" }), text));
    const labels = { skill: "Skill group", kind: "Kind", cost: "Cost", level: "Level",
      topic: "Topic", tag: "Tag" };
    for (const name of FILTERS) {
      const select = el("select", { name }, el("option", { value: "", text: "Any" }));
      for (const [value, label] of Object.entries(facets[name] || {})) {
        select.append(el("option", { value, text: label }));
      }
      form.append(el("label", {}, el("span", { text: labels[name] }), select));
    }
    const max = el("input", { type: "number", name: "max", min: "0.25", step: "0.25",
      inputmode: "decimal" });
    form.append(el("label", {}, el("span", { text: "At most (hours)" }), max));
    const clear = el("button", { type: "button", class: "md-button", text: "Clear filters" });
    form.append(clear);
    const count = el("p", { class: "hb-filters__count", role: "status", "aria-live": "polite" });
    host.replaceChildren(form, count);
    host.hidden = false;

    for (const field of form.elements) {
      if (field.name && params.has(field.name)) field.value = params.get(field.name);
    }
    const run = (updateUrl) => applyFilters(form, count, updateUrl);
    form.addEventListener("input", () => run(true));
    clear.addEventListener("click", () => {
      form.reset();
      run(true);
    });
    if (host.dataset.index) {
      // A long catalogue is split over pages: filter a compact index of all of it instead.
      count.textContent = "Loading the index of all resources…";
      fetch(new URL(host.dataset.index, location.href))
        .then((response) => response.json())
        .then((index) => {
          records = index.rows.map((row) => {
            const r = Object.fromEntries(index.columns.map((c, i) => [c, row[i]]));
            r.text = `${r.title} ${r.authors}`.toLowerCase();
            return r;
          });
          run(false);
        })
        .catch(() => {
          count.textContent = "The filters could not load the index; browse the pages below.";
        });
    } else {
      records = all(".hb-resource[data-resource]").map((card) => ({
        card,
        skills: words(card.dataset.skills),
        kind: card.dataset.kind,
        cost: card.dataset.cost,
        level: card.dataset.level,
        topic: card.dataset.topic,
        tags: words(card.dataset.tags),
        minutes: card.dataset.minutes ? Number(card.dataset.minutes) : null,
        text: card.textContent.toLowerCase(),
      }));
      run(false);
    }
  }

  let records = [];
  const RESULTS_SHOWN = 40;

  function matches(values, terms, r) {
    return (!values.skill || r.skills.includes(values.skill)) &&
      (!values.kind || r.kind === values.kind) &&
      (!values.cost || r.cost === values.cost) &&
      (!values.level || r.level === values.level) &&
      (!values.topic || r.topic === values.topic) &&
      (!values.tag || r.tags.includes(values.tag)) &&
      terms.every((term) => r.text.includes(term));
  }

  function applyFilters(form, count, updateUrl) {
    const values = Object.fromEntries(new FormData(form));
    const terms = words((values.text || "").toLowerCase());
    const maxMinutes = values.max ? Number(values.max) * 60 : null;
    let shown = 0;
    let untimedHidden = 0;
    const found = [];
    for (const r of records) {
      const match = matches(values, terms, r);
      const fits = maxMinutes === null || (r.minutes !== null && r.minutes <= maxMinutes);
      if (match && !fits && r.minutes === null) untimedHidden += 1;
      if (r.card) r.card.hidden = !(match && fits);
      if (match && fits) {
        shown += 1;
        if (!r.card && found.length < RESULTS_SHOWN) found.push(r);
      }
    }
    if (records.length && records[0].card) hideEmptyHeadings();
    else renderResults(found, shown);
    const extra = untimedHidden ? ` (${untimedHidden} more state no time)` : "";
    count.textContent = `Showing ${shown} of ${records.length} resources${extra}.`;
    if (updateUrl) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
      const query = params.toString();
      history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
    }
  }

  // A group heading with nothing left under it goes too.
  function hideEmptyHeadings() {
    for (const heading of all("article h2")) {
      let node = heading.nextElementSibling;
      let visible = false;
      let hasCards = false;
      while (node && node.tagName !== "H2") {
        if (node.matches(".hb-resource")) {
          hasCards = true;
          visible ||= !node.hidden;
        }
        node = node.nextElementSibling;
      }
      if (hasCards) heading.hidden = !visible;
    }
  }

  function renderResults(found, total) {
    const box = document.querySelector(".hb-results");
    if (!box) return;
    const root = new URL(siteConfig().base || ".", location.href);
    const items = found.map((r) => el("li", {},
      el("a", { href: new URL(r.url, root).href, text: r.title }),
      ` · ${r.kind} · ${r.cost} · ${r.level}${r.minutes ? ` · ${formatDuration(r.minutes)}` : ""}`));
    const more = total > found.length
      ? el("p", { text: `The first ${found.length} are listed; narrow the filters to see the rest.` })
      : "";
    box.replaceChildren(el("ol", { class: "hb-results__list" }, ...items), more);
    box.hidden = false;
  }

  // --- self-assessment -------------------------------------------------------------------

  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attributes = {}, text = "") {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text) node.textContent = text;
    return node;
  }

  function setUpAssessment() {
    const result = document.querySelector(".hb-assessment");
    const forms = all("form.hb-rating[data-skill]");
    if (!result || !forms.length) return;
    for (const form of forms) {
      const skill = form.dataset.skill;
      const ratings = state.ratings[skill] || [];
      all("fieldset", form).forEach((fieldset, index) => {
        for (const radio of all("input[type=radio]", fieldset)) {
          radio.checked = ratings[index] === Number(radio.value);
        }
      });
      if (!form.dataset.ready) {
        form.dataset.ready = "1";
        form.addEventListener("change", () => {
          state.ratings[skill] = all("fieldset", form).map((fieldset) => {
            const checked = fieldset.querySelector("input:checked");
            return checked ? Number(checked.value) : null;
          });
          save(state);
          renderAssessment();
        });
      }
    }
    renderAssessment();
  }

  function renderAssessment() {
    const result = document.querySelector(".hb-assessment");
    const groups = all("form.hb-rating[data-skill]").map((form) => {
      const rated = (state.ratings[form.dataset.skill] || []).filter((v) => v !== null);
      const size = all("fieldset", form).length;
      const average = rated.length ? rated.reduce((a, b) => a + b, 0) / rated.length : null;
      return { id: form.dataset.skill, title: form.dataset.title, average, rated: rated.length, size };
    });

    const width = 560;
    const row = 34;
    const chart = svg("svg", { viewBox: `0 0 ${width} ${groups.length * row + 10}`, role: "img",
      "aria-labelledby": "hb-chart-title", class: "hb-chart" });
    chart.append(svg("title", { id: "hb-chart-title" },
      "Average self-rating per skill group, from 0 (not yet) to 3 (confident)"));
    groups.forEach((group, i) => {
      const y = i * row + 5;
      const value = group.average ?? 0;
      chart.append(
        svg("text", { x: 0, y: y + 19, class: "hb-chart__label" }, group.title),
        svg("rect", { x: 170, y, width: 300, height: 24, class: "hb-chart__track", rx: 3 }),
        svg("rect", { x: 170, y, width: (300 * value) / 3, height: 24, class: "hb-chart__bar", rx: 3 }),
        svg("text", { x: 480, y: y + 19, class: "hb-chart__value" },
          group.average === null ? "not rated" : group.average.toFixed(1)),
      );
    });

    const table = el("table", { class: "hb-chart__table" },
      el("caption", { text: "Your ratings as numbers" }),
      el("thead", {}, el("tr", {}, el("th", { text: "Skill group" }),
        el("th", { text: "Average (0–3)" }), el("th", { text: "Competencies rated" }))),
      el("tbody", {}, ...groups.map((g) => el("tr", {}, el("td", { text: g.title }),
        el("td", { text: g.average === null ? "–" : g.average.toFixed(1) }),
        el("td", { text: `${g.rated} of ${g.size}` })))));

    const rated = groups.filter((g) => g.average !== null);
    const advice = el("div", { class: "hb-assessment__advice", role: "status", "aria-live": "polite" });
    if (!rated.length) {
      advice.append(el("p", { text: "Rate a few competencies below to see where to start." }));
    } else {
      const weakest = rated.reduce((a, b) => (b.average < a.average ? b : a));
      const links = all(`.hb-start[data-skill="${weakest.id}"] a[data-resource]`)
        .filter((a) => !finished(a.dataset.resource)).slice(0, 3);
      advice.append(el("p", {}, "Your weakest group so far: ", el("strong", { text: weakest.title }),
        ` (${weakest.average.toFixed(1)} of 3). Start there.`));
      if (links.length) {
        advice.append(el("p", { text: "Next resources for it:" }),
          el("ol", {}, ...links.map((a) => el("li", {}, a.cloneNode(true)))));
      } else {
        advice.append(el("p", { text: "You have finished its starter resources: see its skill page for more." }));
      }
    }
    result.replaceChildren(advice, chart, table);
    result.hidden = false;
  }

  // --- printable checklist ---------------------------------------------------------------

  function renderChecklist() {
    const items = all(".hb-checklist li[data-resource]");
    if (!items.length) return;
    for (const item of items) {
      const status = statusOf(item.dataset.resource);
      item.querySelector(".hb-box").textContent = BOXES[status];
      item.dataset.status = status;
    }
    const first = document.querySelector(".hb-checklist");
    if (!document.querySelector(".hb-print-button")) {
      const button = el("button", { type: "button", class: "md-button hb-print-button", text: "Print" });
      button.addEventListener("click", () => window.print());
      first.before(button);
    }
  }

  // --- export, import, reset -------------------------------------------------------------

  function setUpDataTools() {
    const host = document.querySelector(".hb-data-tools");
    if (!host || host.querySelector("button")) return;
    const message = el("p", { class: "hb-data-tools__message", role: "status", "aria-live": "polite" });
    const exportButton = el("button", { type: "button", class: "md-button md-button--primary",
      text: "Export to a file" });
    const file = el("input", { type: "file", accept: "application/json,.json", id: "hb-import" });
    const importLabel = el("label", { for: "hb-import", class: "md-button", text: "Import a file" });
    const resetButton = el("button", { type: "button", class: "md-button", text: "Reset" });

    exportButton.addEventListener("click", () => {
      const data = { format: "handbook-progress", exported: new Date().toISOString(), ...state };
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)],
        { type: "application/json" }));
      const link = el("a", { href: url, download: `handbook-progress-${new Date().toISOString().slice(0, 10)}.json` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      message.textContent = "Exported. Import the file on your other device.";
    });
    file.addEventListener("change", async () => {
      const chosen = file.files[0];
      file.value = "";
      if (!chosen) return;
      try {
        const raw = JSON.parse(await chosen.text());
        if (raw.format !== "handbook-progress") throw new Error("format");
        state = followRenames(clean(raw));
        save(state);
        refresh();
        message.textContent = `Imported ${Object.keys(state.statuses).length} resource statuses, ` +
          `${Object.keys(state.stages).length} stage statuses and your ratings.`;
      } catch {
        message.textContent = "That file is not a progress export of this handbook; nothing changed.";
      }
    });
    resetButton.addEventListener("click", () => {
      if (!window.confirm("Forget all statuses, ratings and planner settings in this browser?")) return;
      state = emptyState();
      save(state);
      refresh();
      message.textContent = "Progress reset.";
    });
    host.replaceChildren(exportButton, importLabel, file, resetButton, message);
    host.hidden = false;
  }

  // --- wiring ----------------------------------------------------------------------------

  function refresh() {
    enhanceCards();
    renderProgressBars();
    renderPlanner();
    renderChecklist();
    if (document.querySelector(".hb-assessment:not([hidden])")) renderAssessment();
  }

  function init() {
    // Material's search dialog has no accessible name; screen readers announce "dialog" alone.
    document.querySelector(".md-search[role=dialog]")?.setAttribute("aria-label", "Search");
    state = load();
    for (const note of all(".hb-needs-js")) note.hidden = true;
    setUpFilters();
    setUpDataTools();
    refresh();
    setUpAssessment();
    if (!storageWorks) {
      document.querySelector(".hb-data-tools__message")?.replaceChildren(
        "This browser does not let the handbook store progress; nothing will be kept.");
    }
  }

  // Material replaces the page without reloading (instant navigation): run on every new page.
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
