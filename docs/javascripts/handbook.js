/*
 * The reader features' core, on every page: progress kept in this browser (localStorage, one
 * key per site) and the cards' status controls. Larger features are scripts of their own, loaded
 * where their placeholder is (FEATURES), using this core through window.handbook. All of it
 * enhances HTML that works without JavaScript.
 */
(() => {
  "use strict";

  const VERSION = 1;
  // Filled in by the build (the engine's reader_vocabulary.py): status labels in menu order,
  // their boxes, the top rating, the id rule.
  const VOCABULARY = /* handbook:vocabulary */ {};
  const { statuses: STATUSES, boxes: BOXES, topRating: TOP_RATING } = VOCABULARY;
  const ID = new RegExp(`^${VOCABULARY.id}$`);
  // page placeholder -> the script that fills it (classic scripts: modules fail from disk)
  const FEATURES = {
    ".hb-filters": "filters.js",
    ".hb-planner": "planner.js",
    ".hb-assessment": "assessment.js",
    ".hb-data-tools": "data-tools.js",
    ".hb-question, .hb-check, .hb-capstone": "practice.js",
    ".hb-review": "review.js",
    ".hb-roadmap": "roadmap.js",
    ".hb-checklist": "print.js",
  };

  // keys: the one guard for all state
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
  const isRating = (value) => Number.isInteger(value) && value >= 0 && value <= TOP_RATING;
  const isHours = (value) => typeof value === "number" && value >= 0.5 && value <= 80;
  // A real calendar day: "2026-00-00" has the shape, yet the page would show "Invalid Date".
  const isDay = (value) => {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const day = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
  };
  const inRange = (value, low, high) => Number.isInteger(value) && value >= low && value <= high;

  // The parts of the state kept as {id: value}: [what the part is called, what a bad entry is
  // not, the value as kept (a copy) or undefined when it is malformed]. A value that means
  // "nothing" (status todo, empty answer, no ticks) is not kept.
  const PARTS = {
    statuses: ["resource statuses", "an unknown status", (v) => (isStatus(v) ? v : undefined)],
    stages: ["stage statuses", "an unknown status", (v) => (isStatus(v) ? v : undefined)],
    answers: ["written answers", "not text up to 20,000 characters",
      (v) => (typeof v === "string" && v.length <= 20000 ? v : undefined)],
    grades: ["answer grades", "not a list of true or false",
      (v) => (Array.isArray(v) && v.length <= 20 && v.every((b) => typeof b === "boolean") ? [...v] : undefined)],
    checks: ["concept check answers", "not an option number", (v) => (inRange(v, 0, 9) ? v : undefined)],
    boxes: ["review cards", "not a box 1 to 5 with a due date", (v) => {
      const [box, due] = [ownValue(v, "box"), ownValue(v, "due")];
      return inRange(box, 1, 5) && isDay(due) ? { box, due } : undefined;
    }],
    rubric: ["rubric ticks", "not a list of item ids",
      (v) => (Array.isArray(v) && v.length <= 50 && v.every(isKey) ? [...new Set(v)] : undefined)],
  };
  const empty = (value) => value === "todo" || value === "" || (Array.isArray(value) && !value.length);

  // state

  const siteConfig = () => {
    try {
      return JSON.parse(document.getElementById("__config").textContent);
    } catch {
      return {};
    }
  };
  // from the first page's address, as Material does: pages swapped in later keep its config
  const ROOT = new URL(siteConfig().base || ".", location.href);
  const siteRoot = () => new URL(ROOT);
  // Two handbooks on one origin (say, two forks on github.io) keep separate progress.
  const storageKey = () => `handbook.v${VERSION}:${siteRoot().pathname}`;

  // PARTS: {id: value}; ratings: {skill: {competency: 0..3}} (version 1: arrays by position,
  // until assessment.js maps them)
  function emptyState() {
    const state = { version: VERSION, ratings: dict(), hours: 5 };
    for (const part of Object.keys(PARTS)) state[part] = dict();
    return state;
  }

  // `read` laid over `base`: read's values win for its ids; what read lacks keeps base's
  function overlay(base, read = {}) {
    const next = emptyState();
    for (const from of [base, read]) {
      for (const part of Object.keys(PARTS)) {
        for (const [id, value] of Object.entries(from[part] || {})) {
          if (empty(value)) delete next[part][id];
          else next[part][id] = value;
        }
      }
      for (const [skill, values] of Object.entries(from.ratings || {})) {
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
  // a malformed part is skipped and named in `problems`. Statuses follow renames.
  function readState(raw, renames) {
    const read = { ratings: dict(), problems: [] };
    const problem = (text) => read.problems.push(text);
    for (const [part, [name, fault, valid]] of Object.entries(PARTS)) {
      read[part] = dict();
      const values = ownValue(raw, part);
      if (values !== undefined && !isRecord(values)) problem(`${name} (not a list by id)`);
      let bad = 0;
      for (const [id, value] of Object.entries(isRecord(values) ? values : {})) {
        const kept = isKey(id) ? valid(value) : undefined;
        if (kept === undefined) bad += 1;
        else if (!empty(kept)) read[part][id] = kept; // "nothing" here must not erase a merge's own
      }
      if (bad) problem(`${name}: ${bad} with a malformed id or ${fault}`);
    }
    const ratings = ownValue(raw, "ratings");
    if (ratings !== undefined && !isRecord(ratings)) problem("ratings (not a list by skill)");
    let bad = 0;
    for (const [skill, values] of Object.entries(isRecord(ratings) ? ratings : {})) {
      const [kept, wrong] = isKey(skill) ? readRatings(values) : [null, 1];
      bad += wrong;
      if (kept) read.ratings[skill] = kept;
    }
    if (bad) problem(`ratings: ${bad} not 0 to 3 under a well-formed id`);
    const hours = ownValue(raw, "hours");
    if (isHours(hours)) read.hours = Math.round(hours * 100) / 100; // 33.333… would show as typed
    else if (hours !== undefined) problem("hours (must be a number from 0.5 to 80)");
    const visited = ownValue(raw, "visited");
    // a day to come would hide every "New" mark until then (one day of grace for time zones)
    if (isDay(visited) && visited <= dayAfter(1)) read.visited = visited;
    else if (visited !== undefined) problem("last visit (must be a past date, YYYY-MM-DD)");

    for (const [old, current] of Object.entries(renames)) {
      if (Object.hasOwn(read.statuses, old)) read.statuses[current] ??= read.statuses[old];
      delete read.statuses[old];
    }
    return read;
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
    return problem;
  }
  // A change of form only (assessment.js moving version 1 ratings to ids): kept for this page
  // even when storage refuses it, since storage then still holds the same values.
  function adopt(next) {
    state = next;
    save(next);
  }
  const saveBar = () => document.getElementById("hb-save-status") ||
    document.body.appendChild(el("p", { id: "hb-save-status", class: "hb-save-status", role: "status" }));

  const statusOf = (id) => ownValue(state.statuses, id) || "todo";
  const stageOf = (id) => ownValue(state.stages, id) || "todo";
  const finished = (id) => statusOf(id) === "done" || statusOf(id) === "skipped";
  // A stage's status on every page: the reader's own, else what its resources say
  function stageStatus(id, ids) {
    const own = stageOf(id);
    if (own !== "todo" || !ids.length) return own;
    if (ids.every(finished)) return "done";
    return ids.some((r) => statusOf(r) !== "todo") ? "doing" : "todo";
  }
  // YYYY-MM-DD, local time; not with Intl, whose first use costs a phone ~150 ms at load
  const isoDay = (day = new Date()) => [day.getFullYear(), day.getMonth() + 1, day.getDate()]
    .map((n) => String(n).padStart(2, "0")).join("-");
  const today = () => isoDay();
  const dayAfter = (days) => {
    const day = new Date();
    day.setDate(day.getDate() + days);
    return isoDay(day);
  };
  // A group the reader rates strong: every competency rated, 2.5 or more on average.
  function strong(skill, competencies) {
    const ratings = ownValue(state.ratings, skill);
    const values = competencies.map((id) => ownValue(ratings, id)).filter(isRating);
    return values.length > 0 && values.length === competencies.length &&
      values.reduce((a, b) => a + b, 0) / values.length >= 2.5;
  }

  // small DOM helpers

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
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  function button(text, onClick, className = "md-button") {
    const node = el("button", { type: "button", class: className, text });
    node.addEventListener("click", onClick);
    return node;
  }
  // A file the reader asked for (progress export, calendar, roadmap), saved by the browser.
  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  // "Dec 3, 2026" from "Thu Dec 03 2026" (see isoDay): the sentences around it are English
  const dateFormat = { format: (day) => day.toDateString().replace(/^\S+ (\S+) 0?(\d+) /, "$1 $2, ") };

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

  // progress

  function addControl(card) {
    const id = card.dataset.resource;
    const select = statusSelect(statusOf(id), `Status of ${card.querySelector("a")?.textContent || id}`,
      (value) => setStatus("statuses", id, value));
    // after the title, where it shows: Tab reaches it before the card's other links
    card.firstElementChild.after(el("label", { class: "hb-status" }, el("span", { text: "Status" }), select));
  }

  // A node gets its controls (setUp) within two screens of the view: made at load for ~85 path
  // cards, they held a phone up. Counters read the state, not controls.
  let near = null;
  const waiting = new Map(); // node -> its setUp
  function whenNear(node, setUp) {
    if (!near) return setUp(node);
    waiting.set(node, setUp);
    near.observe(node);
  }
  function watchNear() { // per page: instant navigation swaps pages without a reload
    near?.disconnect();
    waiting.clear();
    near = window.IntersectionObserver && new IntersectionObserver((entries) => {
      for (const { target, isIntersecting } of entries) {
        if (!isIntersecting || !waiting.has(target)) continue;
        near.unobserve(target);
        const setUp = waiting.get(target);
        waiting.delete(target);
        setUp(target);
      }
    }, { rootMargin: "200% 0px" });
  }

  function enhanceCards() {
    for (const card of all(".hb-resource[data-resource]")) {
      const status = statusOf(card.dataset.resource);
      if ((card.dataset.status || "todo") !== status) card.dataset.status = status; // no write at load
      const select = card.querySelector(".hb-status select");
      if (select) select.value = status;
      else if (!waiting.has(card)) whenNear(card, addControl);
    }
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
      const n = (s) => ids.filter((id) => statusOf(id) === s).length;
      const [done, doing, skipped] = [n("done"), n("doing"), n("skipped")];
      const bar = el("progress", { max: String(ids.length || 1), value: String(done + skipped),
        "aria-label": `${box.dataset.label}: ${done + skipped} of ${ids.length} finished` });
      const parts = [`${done} of ${ids.length} done`];
      if (doing) parts.push(`${doing} in progress`);
      if (skipped) parts.push(`${skipped} skipped`);
      const own = box.dataset.stage && stageOf(box.dataset.stage);
      if (own && own !== "todo") parts.push(`stage marked ${STATUSES[own].toLowerCase()}`);
      box.replaceChildren(
        el("span", { class: "hb-progress__label", text: box.dataset.label }),
        bar,
        el("span", { class: "hb-progress__text", text: parts.join(", ") }),
      );
      box.hidden = false;
    }
  }

  // The rubric points of a capstone the reader ticked, of those it has now (`items`).
  const ticked = (capstone, items) => (ownValue(state.rubric, capstone) || []).filter((id) => items.includes(id));

  // Capstone rubrics ticked on the practice page, counted wherever a capstone is listed.
  function renderCapstones() {
    for (const line of all(".hb-capstone-progress[data-capstone]")) {
      const items = words(line.dataset.items);
      const done = ticked(line.dataset.capstone, items);
      line.textContent = `${done.length} of ${count(items.length, "rubric point", "rubric points")} met`;
      line.hidden = false;
    }
  }

  // Review cards due today or earlier, announced where the reader's pages ask for the count.
  function renderDue() {
    const now = today();
    const due = Object.values(state.boxes).filter((card) => card.due <= now).length;
    for (const line of all(".hb-due")) {
      line.setAttribute("role", "status");
      if (!due) {
        line.replaceChildren();
        continue;
      }
      const text = `${count(due, "card", "cards")} due for review today`;
      line.replaceChildren(line.dataset.review ? el("a", { href: line.dataset.review, text }) : text);
      line.hidden = false;
    }
  }

  // what is new since the last visit

  // `visited` is the day of the last visit. A visit is one tab session: its first page keeps the
  // old day for the session's other pages and moves the stamp to today.
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
    if (!storageWorks || state.visited === today()) return;
    const next = { ...copyState(state), visited: today() };
    if (!save(next)) state = next; // init renders next: no commit(), which renders too
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

  // feature scripts

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
  // name -> {setUp, render}, as each feature script defines itself
  const features = dict();
  const define = (name, feature) => { features[name] = feature; };
  let active = []; // the features of the page on screen

  function startFeatures() {
    active = [];
    for (const [selector, name] of Object.entries(FEATURES)) {
      if (!document.querySelector(selector)) continue;
      const page = document.body; // instant navigation may move on before the script arrives
      loadScript(name).then(() => {
        const feature = features[name];
        if (!feature || page !== document.body || !document.querySelector(selector)) return;
        active.push(feature);
        feature.setUp?.();
        feature.render?.();
      }).catch(() => {
        saveBar().textContent = `Part of this page could not load (${name}); reload to try again.`;
      });
    }
  }

  function refresh() {
    enhanceCards();
    markNew();
    renderProgressBars();
    renderCapstones();
    renderDue();
    for (const feature of active) feature.render?.();
    for (const node of all(".hb-undo")) node.hidden = !undo;
  }

  window.handbook = {
    STATUSES, BOXES, state: () => state, undo: () => undo, storageWorks: () => storageWorks,
    dict, isRecord, isKey, ownValue, isRating, isHours, emptyState, overlay,
    copyState, readRenames, pageRenames, readState, load, save, commit, change, adopt, statusOf,
    stageOf, stageStatus, finished, today, isoDay, dayAfter, strong, ticked, el, all, words, count, button, download, dateFormat, statusSelect,
    formatDuration, setStatus, siteRoot, loadScript, define, whenNear,
  };

  function init() {
    // Material's search dialog has no accessible name; screen readers announce "dialog" alone.
    document.querySelector(".md-search[role=dialog]")?.setAttribute("aria-label", "Search");
    state = load();
    watchNear();
    for (const note of all(".hb-needs-js")) note.hidden = true;
    startVisit();
    startFeatures();
    refresh();
    renderNewSince();
    saveBar().textContent = "";
  }

  // Another tab of the handbook saved: show its change here too.
  window.addEventListener("storage", (event) => {
    if (event.key !== storageKey()) return;
    state = load();
    refresh();
  });

  // Material replaces the page without reloading (instant navigation): run on every new page,
  // in a task apart from Material's long one.
  const start = () => setTimeout(init);
  if (window.document$) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
