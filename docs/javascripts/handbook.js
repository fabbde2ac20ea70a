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
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/; // = ids.ID_PATTERN
  const FILTERS = ["skill", "kind", "cost", "level", "topic", "tag", "checked"];
  const MAX_FILE = 1024 * 1024; // a real export is a few kilobytes

  // --- keys: the one guard for all state -------------------------------------------------
  // Any string can arrive as an id (files, storage, pages), even names every object inherits
  // ("constructor", "toString", "__proto__"). ALL state, now and added later, is keyed only by
  // ids that pass isKey(), read with ownValue(), kept in dict() maps (no prototype). Never
  // `key in object` or `object[key]` on what a file, storage or page gave.
  const dict = () => Object.create(null);
  const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const isKey = (id) => typeof id === "string" && ID.test(id) && !(id in Object.prototype);
  const ownValue = (object, key) =>
    (typeof key === "string" && isRecord(object) && Object.hasOwn(object, key) ? object[key] : undefined);
  const isStatus = (value) => typeof value === "string" && ownValue(STATUSES, value) !== undefined;
  const isRating = (value) => Number.isInteger(value) && value >= 0 && value <= 3;
  const isHours = (value) => typeof value === "number" && value >= 0.5 && value <= 80;
  const isDay = (value) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);

  // --- state -----------------------------------------------------------------------------

  const siteConfig = () => {
    try {
      return JSON.parse(document.getElementById("__config").textContent);
    } catch {
      return {};
    }
  };
  const siteRoot = () => new URL(siteConfig().base || ".", location.href);
  // Two handbooks on one origin (say, two forks on github.io) keep separate progress.
  const storageKey = () => `handbook.v${VERSION}:${siteRoot().pathname}`;

  // statuses, stages: {id: status}; ratings: {skillId: {competencyId: 0..3}}, or version 1's
  // array by position until the self-assessment page maps it (migrateRatings).
  const emptyState = () =>
    ({ version: VERSION, statuses: dict(), stages: dict(), ratings: dict(), hours: 5 });

  // `read` laid over `base` (both shaped like the state): read's values win for its ids, and a
  // part `read` lacks (hours, a rating left empty) keeps base's.
  function overlay(base, read = { statuses: {}, stages: {}, ratings: {} }) {
    const next = emptyState();
    for (const from of [base, read]) {
      for (const part of ["statuses", "stages"]) {
        for (const [id, status] of Object.entries(from[part])) {
          if (status === "todo") delete next[part][id];
          else next[part][id] = status;
        }
      }
      for (const [skill, values] of Object.entries(from.ratings)) {
        const mine = next.ratings[skill];
        if (Array.isArray(values)) {
          // version 1 arrays by position (only where no page could map them to ids)
          const old = Array.isArray(mine) ? mine : [];
          next.ratings[skill] = Array.from({ length: Math.max(old.length, values.length) },
            (_, i) => (isRating(values[i]) ? values[i] : old[i] ?? null));
        } else {
          next.ratings[skill] = Object.assign(isRecord(mine) ? mine : dict(), values);
        }
      }
      next.hours = from.hours ?? next.hours;
      if (isDay(from.visited) && !(next.visited >= from.visited)) next.visited = from.visited; // the later
    }
    return next;
  }
  const copyState = (from) => overlay(from);

  // Renames (old id -> current id, data/redirects.yml) from this page or resources.json.
  function readRenames(raw) {
    const renames = dict();
    for (const [old, current] of Object.entries(isRecord(raw) ? raw : {})) {
      if (isKey(old) && isKey(current)) renames[old] = current;
    }
    return renames;
  }
  function pageRenames() {
    try {
      return readRenames(JSON.parse(document.getElementById("hb-redirects")?.textContent || "null"));
    } catch {
      return dict();
    }
  }

  // Ratings of one skill: [what is usable or null, how many values are not].
  function readRatings(values) {
    if (Array.isArray(values)) {
      const kept = values.map((v) => (isRating(v) ? v : null));
      return [kept.some(isRating) ? kept : null, values.filter((v) => v !== null && !isRating(v)).length];
    }
    if (!isRecord(values)) return [null, 1];
    const kept = dict();
    for (const [id, value] of Object.entries(values)) if (isKey(id) && isRating(value)) kept[id] = value;
    return [kept, Object.keys(values).length - Object.keys(kept).length];
  }

  // What a file or storage holds that this version understands. Never throws, never recurses:
  // a malformed part is skipped and named in `problems`; given `known` (resources.json), ids
  // not on this site are left out and counted in `unknown`. Statuses follow renames.
  const PARTS = { statuses: "resource statuses", stages: "stage statuses" };
  function readState(raw, renames, known = null) {
    const read = { statuses: dict(), stages: dict(), ratings: dict(), problems: [], unknown: 0 };
    const problem = (text) => read.problems.push(text);
    for (const [part, name] of Object.entries(PARTS)) {
      const values = ownValue(raw, part);
      if (values !== undefined && !isRecord(values)) problem(`${name} (not a list of id: status)`);
      let bad = 0;
      for (const [id, status] of Object.entries(isRecord(values) ? values : {})) {
        if (isKey(id) && isStatus(status)) read[part][id] = status;
        else bad += 1;
      }
      if (bad) problem(`${bad} ${name} with a malformed id or an unknown status`);
    }
    const ratings = ownValue(raw, "ratings");
    if (ratings !== undefined && !isRecord(ratings)) problem("ratings (not a list by skill)");
    let bad = 0;
    for (const [skill, values] of Object.entries(isRecord(ratings) ? ratings : {})) {
      const [kept, wrong] = isKey(skill) ? readRatings(values) : [null, 1];
      bad += wrong;
      if (kept) read.ratings[skill] = kept;
    }
    if (bad) problem(`${bad} ratings that are not 0 to 3 under a well-formed id`);
    const hours = ownValue(raw, "hours");
    if (isHours(hours)) read.hours = hours;
    else if (hours !== undefined) problem("hours (must be a number from 0.5 to 80)");
    const visited = ownValue(raw, "visited");
    if (isDay(visited)) read.visited = visited;
    else if (visited !== undefined) problem("last visit (must be a date, YYYY-MM-DD)");

    for (const [old, current] of Object.entries(renames)) {
      if (Object.hasOwn(read.statuses, old)) read.statuses[current] ??= read.statuses[old];
      delete read.statuses[old];
    }
    const parts = [["statuses", known?.resources], ["stages", known?.stages], ["ratings", known?.skills]];
    for (const [part, ids] of known ? parts : []) {
      for (const id of Object.keys(read[part]).filter((id) => !ids.has(id))) {
        delete read[part][id];
        read.unknown += 1;
      }
    }
    if (known) read.unknown += ratingsById(read.ratings, known.competencies);
    return read;
  }

  // Ratings by competency id wherever the site says which ids a group has: version 1 arrays
  // become ids (position i is the i-th id of the order they were saved in) and ids the group
  // no longer has are dropped. Changes `ratings` in place; returns how many were dropped.
  function ratingsById(ratings, competencies) {
    let dropped = 0;
    for (const [skill, values] of Object.entries(ratings)) {
      const group = competencies.get(skill);
      if (!group) continue;
      const entries = Array.isArray(values)
        ? values.map((value, i) => [group.positions[i], value]).filter(([, v]) => isRating(v))
        : Object.entries(values);
      ratings[skill] = dict();
      for (const [id, value] of entries) {
        if (group.ids.has(id)) ratings[skill][id] = value;
        else dropped += 1;
      }
    }
    return dropped;
  }

  let storageWorks = true;
  function load() {
    let raw = null;
    try {
      raw = localStorage.getItem(storageKey());
    } catch {
      storageWorks = false;
    }
    try {
      raw = JSON.parse(raw || "null");
    } catch {
      raw = null; // unreadable state is dropped, never fatal
    }
    return overlay(emptyState(), readState(raw, pageRenames()));
  }

  // Every save is read back: a browser can refuse (full, blocked, private mode) or drop it.
  // Returns "" when kept, else why not.
  function save(next) {
    const text = JSON.stringify(next);
    try {
      localStorage.setItem(storageKey(), text);
      return localStorage.getItem(storageKey()) === text ? "" : "blocked";
    } catch (error) {
      return /quota/i.test(error?.name) ? "full" : "blocked"; // QuotaExceededError, NS_..._QUOTA_REACHED
    }
  }

  let state = emptyState();
  let undo = null; // the state before the last import, until the next change

  // The one way state changes: saved and read back first; if the browser did not keep it,
  // the state stays as it was and so do the controls. Returns "" or why it was not kept.
  function commit(next, undoTo = null) {
    const problem = save(next);
    if (!problem) [state, undo] = [next, undoTo];
    refresh();
    return problem;
  }
  // A change made with a control, on any page: the reader hears at once if it was not kept.
  function change(edit) {
    // from what storage holds now: another tab of the handbook may have saved since
    if (storageWorks) state = load();
    const next = copyState(state);
    edit(next);
    const problem = commit(next);
    saveBar().textContent = problem ? `Your change could not be saved in this browser: storage is ${problem}.` : "";
  }
  const saveBar = () => document.getElementById("hb-save-status") ||
    document.body.appendChild(el("p", { id: "hb-save-status", class: "hb-save-status", role: "status" }));

  const statusOf = (id) => ownValue(state.statuses, id) || "todo";
  const stageOf = (id) => ownValue(state.stages, id) || "todo";
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
        (value) => setStatus("statuses", id, value));
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

  // part: "statuses" (of resources) or "stages"
  function setStatus(part, id, value) {
    if (!isKey(id) || !isStatus(value)) return;
    change((next) => {
      if (value === "todo") delete next[part][id];
      else next[part][id] = value;
    });
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
    const stageFinished = ["done", "skipped"].includes(stageOf(stage.dataset.stage));
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
  const finishDate = (minutes) => dateFormat.format(finishDay(minutes));

  // The day a stage is done at the reader's pace: `minutes` of work left up to and including it.
  function finishDay(minutes) {
    const day = new Date();
    day.setHours(0, 0, 0, 0);
    day.setDate(day.getDate() + Math.ceil((minutes / 60 / state.hours) * 7));
    return day;
  }

  // The calendar file is written by calendar.js, fetched on the first click only: most readers
  // never ask for it, and every page would otherwise carry its code.
  const scripts = {};
  function loadScript(name) {
    scripts[name] ??= new Promise((resolve, reject) => {
      const script = el("script", { src: new URL(`javascripts/${name}`, siteRoot()).href });
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
    return scripts[name];
  }
  function downloadCalendar(stages, message) {
    loadScript("calendar.js")
      .then(() => window.handbookCalendar({ stages, message, el, stageMinutes, finishDay,
        formatDuration, root: siteRoot(), hours: state.hours }))
      .catch(() => { message.textContent = "The calendar could not be made: its script did not load."; });
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
        if (isHours(hours)) change((next) => { next.hours = hours; });
      });
      const saved = el("p", { class: "hb-planner__saved", role: "status", "aria-live": "polite" });
      const calendar = el("button", { type: "button", class: "md-button",
        text: "Add the plan to your calendar (.ics)" });
      calendar.addEventListener("click", () => downloadCalendar(all(".hb-stage[data-stage]"), saved));
      planner.replaceChildren(
        el("label", { for: "hb-hours", text: "Hours you can spend each week " }), input,
        el("p", { class: "hb-planner__total", role: "status", "aria-live": "polite" }),
        calendar, saved);
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
        const select = statusSelect(stageOf(id), `Status of stage ${id}`,
          (value) => setStatus("stages", id, value));
        tools = el("div", { class: "hb-stage__tools" },
          el("label", { class: "hb-status" }, el("span", { text: "Stage status" }), select),
          el("p", { class: "hb-stage__plan" }));
        stage.prepend(tools);
      }
      tools.querySelector("select").value = stageOf(stage.dataset.stage);
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
      topic: "Topic", tag: "Tag", checked: "Checked" };
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
      if (field.tagName === "SELECT" && field.selectedIndex < 0) field.selectedIndex = 0; // "Any"
    }
    // "checked in the last year" counts from the build date: the page says which day that is
    const since = host.dataset.checkedSince || "";
    const run = (updateUrl) => applyFilters(form, count, updateUrl, since);
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
            r.text = `${r.title} ${r.authors} ${r.why}`.toLowerCase();
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
        checked: card.dataset.checked || "",
        text: card.textContent.toLowerCase(),
      }));
      run(false);
    }
  }

  let records = [];
  const RESULTS_SHOWN = 40;

  function matches(values, terms, r, since) {
    return (!values.skill || r.skills.includes(values.skill)) &&
      (!values.kind || r.kind === values.kind) &&
      (!values.cost || r.cost === values.cost) &&
      (!values.level || r.level === values.level) &&
      (!values.topic || r.topic === values.topic) &&
      (!values.tag || r.tags.includes(values.tag)) &&
      // ISO dates (YYYY-MM-DD) order as text does
      (values.checked !== "year" || String(r.checked || "") >= since) &&
      terms.every((term) => r.text.includes(term));
  }

  function applyFilters(form, count, updateUrl, since) {
    const values = Object.fromEntries(new FormData(form));
    const terms = words((values.text || "").toLowerCase());
    const maxMinutes = values.max ? Number(values.max) * 60 : null;
    let shown = 0;
    let untimedHidden = 0;
    const found = [];
    for (const r of records) {
      const match = matches(values, terms, r, since);
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

  const ratingForms = () => all("form.hb-rating[data-skill]");
  const competencies = (form) => all("fieldset.hb-competency", form);

  function setUpAssessment() {
    if (!document.querySelector(".hb-assessment") || !ratingForms().length) return;
    migrateRatings();
    for (const form of ratingForms()) {
      if (form.dataset.ready) continue;
      form.dataset.ready = "1";
      const skill = form.dataset.skill;
      form.addEventListener("change", () => isKey(skill) && change((next) => {
        const ratings = ownValue(next.ratings, skill);
        next.ratings[skill] = isRecord(ratings) ? ratings : dict();
        for (const fieldset of competencies(form)) {
          const [id, checked] = [fieldset.dataset.competency, fieldset.querySelector("input:checked")];
          if (isKey(id) && checked) next.ratings[skill][id] = Number(checked.value);
          else if (isKey(id)) delete next.ratings[skill][id];
        }
      }));
    }
  }

  // Version 1 kept ratings as arrays by position. Position i is the i-th id of the form's
  // data-positions (the order the data's redirects.yml records), else the i-th competency on the
  // form. Only this page knows the order, so arrays wait (kept as they are) until it opens.
  function migrateRatings() {
    let next = null;
    for (const form of ratingForms()) {
      const old = ownValue(state.ratings, form.dataset.skill);
      if (!Array.isArray(old)) continue;
      next ??= copyState(state);
      const ratings = dict();
      const here = competencies(form).map((fieldset) => fieldset.dataset.competency);
      const order = words(form.dataset.positions);
      (order.length ? order : here).forEach((id, i) => {
        if (isKey(id) && here.includes(id) && isRating(old[i])) ratings[id] = old[i];
      });
      next.ratings[form.dataset.skill] = ratings;
    }
    if (!next) return;
    state = next; // the same ratings by id; if it cannot be saved, storage keeps the array
    save(next);
  }

  const ratingsOf = (form) => competencies(form)
    .map((fieldset) => ownValue(ownValue(state.ratings, form.dataset.skill), fieldset.dataset.competency));

  function renderRatings() {
    if (!document.querySelector(".hb-assessment")) return;
    for (const form of ratingForms()) {
      const values = ratingsOf(form);
      competencies(form).forEach((fieldset, i) => {
        for (const radio of all("input[type=radio]", fieldset)) radio.checked = values[i] === Number(radio.value);
      });
    }
    if (ratingForms().length) renderAssessment();
  }

  function renderAssessment() {
    const result = document.querySelector(".hb-assessment");
    const groups = ratingForms().map((form) => {
      const rated = ratingsOf(form).filter(isRating);
      const size = competencies(form).length;
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
    advice.append(...maySkip(groups));
    result.replaceChildren(advice, chart, table);
    result.hidden = false;
  }

  // Stages whose every group the reader rates strong (each competency rated, 2.5 or more on
  // average) may be skipped: one click marks them skipped on the path, and the planner and its
  // calendar leave skipped stages out. A stage's own status select brings it back.
  function maySkip(groups) {
    const strong = new Set(groups.filter((g) => g.rated === g.size && g.average >= 2.5).map((g) => g.id));
    const stages = all(".hb-may-skip [data-stage]")
      .filter((s) => words(s.dataset.skills).every((id) => strong.has(id)));
    const [open, skipped] = [(s) => !["done", "skipped"].includes(stageOf(s.dataset.stage)),
      (s) => stageOf(s.dataset.stage) === "skipped"];
    const titles = (list) => list.map((s) => s.dataset.title).join("; ");
    const shown = [];
    if (stages.some(open)) {
      shown.push(el("p", { text: `Your ratings say you may skip ${count(stages.filter(open).length,
        "stage", "stages")} of the learning path: ${titles(stages.filter(open))}.` }),
      button("Mark them skipped on the path", () => change((next) => {
        for (const s of stages.filter(open)) next.stages[s.dataset.stage] = "skipped";
      })));
    }
    if (stages.some(skipped)) {
      shown.push(el("p", { text: `Skipped on the path: ${titles(stages.filter(skipped))}. The ` +
        "planner leaves them out; choose another status on the learning path to bring one back." }));
    }
    return shown;
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
    if (!document.querySelector(".hb-print-button")) {
      document.querySelector(".hb-checklist").before(
        button("Print", () => window.print(), "md-button hb-print-button"));
    }
  }

  // --- export, import, reset -------------------------------------------------------------

  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const ratingCount = (ratings) =>
    Object.values(ratings).reduce((n, values) => n + Object.values(values).filter(isRating).length, 0);
  const describe = (read) =>
    `${count(Object.keys(read.statuses).length, "resource status", "resource statuses")}, ` +
    `${count(Object.keys(read.stages).length, "stage status", "stage statuses")}, ` +
    `${count(ratingCount(read.ratings), "rating", "ratings")} and ` +
    `${read.hours === undefined ? "no planner hours" : `${read.hours} h a week for the planner`}`;
  const notSaved = (what, problem) => `${what} could not be saved in this browser: storage is ${problem}.`;

  // The ids this site has now (resources.json at the site root), or null if it did not load.
  async function knownIds() {
    try {
      const data = await (await fetch(new URL("resources.json", siteRoot()))).json();
      const ids = (list) => new Set((Array.isArray(list) ? list : [])
        .map((item) => ownValue(item, "id")).filter(isKey));
      const competencies = new Map();
      for (const skill of data.skills) {
        const own = ownValue(skill, "competencies");
        if (!isKey(ownValue(skill, "id")) || !Array.isArray(own)) continue;
        const saved = ownValue(skill, "rating_positions");
        competencies.set(skill.id, { ids: new Set(own.filter(isKey)),
          positions: Array.isArray(saved) ? saved : own });
      }
      return { resources: ids(data.resources), skills: ids(data.skills), stages: ids(data.stages),
        competencies, renames: readRenames(data.redirects) };
    } catch {
      return null;
    }
  }

  function button(text, onClick, className = "md-button") {
    const node = el("button", { type: "button", class: className, text });
    node.addEventListener("click", onClick);
    return node;
  }

  function setUpDataTools() {
    const host = document.querySelector(".hb-data-tools");
    if (!host || host.querySelector("button")) return;
    const message = el("p", { class: "hb-data-tools__message", role: "status", tabindex: "-1" });
    const file = el("input", { type: "file", accept: "application/json,.json", id: "hb-import" });
    const review = el("div", { class: "hb-import", role: "group", "aria-label": "Import a file" });
    review.hidden = true;
    const say = (text) => {
      review.hidden = true;
      message.textContent = text;
    };

    const exportButton = button("Export to a file", () => {
      const data = { format: "handbook-progress", exported: new Date().toISOString(), ...state };
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)],
        { type: "application/json" }));
      const link = el("a", { href: url, download: `handbook-progress-${data.exported.slice(0, 10)}.json` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      say("Exported. Import the file on your other device.");
    }, "md-button md-button--primary");

    // Choosing a file changes nothing yet: it shows what the file holds and what will be
    // ignored; the reader then merges, replaces or cancels.
    file.addEventListener("change", async () => {
      const chosen = file.files[0];
      file.value = "";
      if (!chosen) return;
      const refuse = (why) => say(`${why}; nothing changed.`);
      const foreign = "not a progress export of this handbook";
      if (chosen.size > MAX_FILE) return refuse(`That file is over 1 MB, so ${foreign}`);
      let raw;
      try {
        raw = JSON.parse(await chosen.text());
      } catch {
        return refuse(`That file is not JSON, so ${foreign}`);
      }
      if (ownValue(raw, "format") !== "handbook-progress") return refuse(`That file is ${foreign}`);
      say("Reading the file…");
      const known = await knownIds();
      const read = readState(raw, Object.assign(pageRenames(), known?.renames), known);
      const ignored = [
        known ? read.unknown && `${count(read.unknown, "id", "ids")} not on this site`
          : "ids not on this site could not be checked (the list of resources did not load)",
        ...read.problems].filter(Boolean);
      const ignoredText = ignored.length ? ` Ignored: ${ignored.join("; ")}.` : "";
      if (!(Object.keys(read.statuses).length + Object.keys(read.stages).length +
        ratingCount(read.ratings) || read.hours !== undefined)) {
        return refuse(`Nothing in that file can be used.${ignoredText} Your progress is as it was`);
      }
      const act = (how) => () => {
        // build on what storage holds now (another tab may have saved since this page loaded),
        // with its own version 1 arrays moved to ids first, so a merge never mixes the two
        const before = storageWorks ? load() : state;
        const mine = copyState(before);
        if (known) ratingsById(mine.ratings, known.competencies);
        const problem = commit(overlay(how === "merged" ? mine : emptyState(), read), before);
        say(problem ? `${notSaved("The import", problem)} Nothing changed.`
          : `Imported (${how}): ${describe(read)}.${ignoredText}`);
        message.focus();
      };
      const merge = button("Merge", act("merged"), "md-button md-button--primary");
      // the name is the reader's file system's: isolated, so no direction mark in it can turn
      // the rest of the sentence around
      review.replaceChildren(
        el("p", {}, "The file “", el("bdi", { text: chosen.name }), `” holds ${describe(read)}.${ignoredText}`),
        el("p", { text: "Merge takes the file’s values for what it has and keeps the rest of your " +
          "progress; Replace forgets everything not in the file." }),
        merge, button("Replace", act("replaced")),
        button("Cancel", () => say("Import cancelled; nothing changed.")));
      review.hidden = false;
      merge.focus();
    });
    const undoButton = button("Undo import", () => {
      const problem = undo ? commit(undo) : "";
      say(problem ? notSaved("Undo", problem) : "Import undone: your progress is as it was before it.");
      message.focus();
    }, "md-button hb-undo");
    undoButton.hidden = !undo;
    const resetButton = button("Reset", () => {
      if (!window.confirm("Forget all statuses, ratings and planner settings in this browser?")) return;
      const problem = commit(emptyState());
      say(problem ? `${notSaved("The reset", problem)} Nothing changed.` : "Progress reset.");
    });
    host.replaceChildren(exportButton,
      el("label", { for: "hb-import", class: "md-button", text: "Import a file" }), file,
      resetButton, undoButton, review, message);
    host.hidden = false;
  }

  // --- wiring ----------------------------------------------------------------------------

  function refresh() {
    enhanceCards();
    markNew();
    renderProgressBars();
    renderPlanner();
    renderChecklist();
    renderRatings();
    for (const node of all(".hb-undo")) node.hidden = !undo;
  }

  // --- what is new since the last visit ---------------------------------------------------

  // `visited`, kept with the progress, is the day of the reader's last visit. A visit is one tab
  // session: its first page keeps the old day for the session's other pages (so they all mark
  // the same resources) and moves the stamp to today. A first visit marks nothing.
  let since = null;
  function startVisit() {
    const key = `${storageKey()}:since`;
    let kept = null;
    try {
      kept = sessionStorage.getItem(key);
    } catch { /* no session storage: each page is a visit of its own */ }
    if (kept !== null) {
      since = isDay(kept) ? kept : null;
      return;
    }
    since = isDay(state.visited) ? state.visited : null;
    try {
      sessionStorage.setItem(key, since ?? "");
    } catch { /* as above */ }
    const today = new Date().toLocaleDateString("sv"); // YYYY-MM-DD, local time
    if (storageWorks && state.visited !== today) commit({ ...copyState(state), visited: today });
  }

  function markNew() {
    for (const card of all(".hb-resource[data-added]")) {
      const fresh = since !== null && card.dataset.added > since;
      if (fresh === card.classList.contains("hb-resource--new")) continue;
      card.classList.toggle("hb-resource--new", fresh);
      if (fresh) card.querySelector(".hb-resource__title")?.append(" ", el("span", { class: "hb-badge hb-badge--new", text: "New" }));
      else card.querySelector(".hb-badge--new")?.remove();
    }
  }

  async function renderNewSince() {
    const box = document.querySelector(".hb-new-since");
    if (!box || since === null) return;
    try {
      const data = await (await fetch(new URL("resources.json", siteRoot()))).json();
      const fresh = data.resources.filter((r) => isDay(ownValue(r, "added")) && r.added > since).length;
      if (!fresh) return;
      box.textContent = `${count(fresh, "resource was", "resources were")} added since your last ` +
        `visit on ${dateFormat.format(new Date(`${since}T12:00`))}; they are marked “New” in the ` +
        "catalogue and on the skill pages.";
      box.hidden = false;
    } catch { /* a nicety: the marks on the cards still show */ }
  }

  function init() {
    // Material's search dialog has no accessible name; screen readers announce "dialog" alone.
    document.querySelector(".md-search[role=dialog]")?.setAttribute("aria-label", "Search");
    state = load();
    for (const note of all(".hb-needs-js")) note.hidden = true;
    setUpFilters();
    setUpDataTools();
    setUpAssessment();
    startVisit();
    refresh();
    renderNewSince();
    saveBar().textContent = "";
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
