/*
 * Export, import (merge, replace, undo) and reset of the progress kept in this browser, on a
 * page with .hb-data-tools. An import shows what a file holds and ignores before any change.
 */
(() => {
  "use strict";

  const hb = window.handbook;
  const { el, count, button, dict, isKey, isRating, ownValue } = hb;
  const MAX_FILE = 1024 * 1024; // a real export is a few kilobytes
  // how an import summary names what each part holds
  const NAMES = {
    statuses: ["resource status", "resource statuses"], stages: ["stage status", "stage statuses"],
    answers: ["written answer", "written answers"], grades: ["graded answer", "graded answers"],
    checks: ["concept check answer", "concept check answers"], boxes: ["review card", "review cards"],
    rubric: ["capstone rubric", "capstone rubrics"],
  };

  const ratingCount = (ratings) =>
    Object.values(ratings).reduce((n, values) => n + Object.values(values).filter(isRating).length, 0);
  const held = (read) => Object.keys(NAMES).map((part) => [part, Object.keys(read[part]).length]);
  function describe(read) {
    const parts = held(read).filter(([part, n]) => n || part === "statuses" || part === "stages")
      .map(([part, n]) => count(n, ...NAMES[part]));
    return `${parts.join(", ")}, ${count(ratingCount(read.ratings), "rating", "ratings")} and ` +
      `${read.hours === undefined ? "no planner hours" : `${read.hours} h a week for the planner`}`;
  }
  const notSaved = (what, problem) => `${what} could not be saved in this browser: storage is ${problem}.`;

  // The ids this site has now (resources.json at the site root), or null if it did not load.
  // A list the file lacks (an older site) is null: that part is then not checked.
  async function knownIds() {
    try {
      const data = await (await fetch(new URL("resources.json", hb.siteRoot()))).json();
      const ids = (list, key = (item) => ownValue(item, "id")) =>
        (Array.isArray(list) ? new Set(list.map(key).filter(isKey)) : null);
      const competencies = new Map();
      for (const skill of data.skills) {
        const own = ownValue(skill, "competencies");
        if (!isKey(ownValue(skill, "id")) || !Array.isArray(own)) continue;
        const saved = ownValue(skill, "rating_positions");
        competencies.set(skill.id, { ids: new Set(own.filter(isKey)),
          positions: Array.isArray(saved) ? saved : own });
      }
      const rubrics = new Map((Array.isArray(data.capstones) ? data.capstones : [])
        .map((c) => [ownValue(c, "id"), new Set(ownValue(c, "rubric") || [])]));
      const options = new Map((Array.isArray(data.checks) ? data.checks : [])
        .map((c) => [ownValue(c, "id"), ownValue(c, "options")]));
      return { statuses: ids(data.resources), stages: ids(data.stages), ratings: ids(data.skills),
        answers: ids(data.questions), grades: ids(data.questions), checks: ids(data.checks),
        rubric: ids(data.capstones), terms: ids(data.terms, (t) => t), competencies, rubrics, options,
        renames: hb.readRenames(data.redirects) };
    } catch {
      return null;
    }
  }

  // Review cards are keyed by what they ask: term-, check- or question- and the id.
  function knownCard(key, known) {
    const [, kind, id] = /^(term|check|question)-(.+)$/.exec(key) || [];
    const ids = { term: known.terms, check: known.checks, question: known.answers }[kind];
    return Boolean(kind) && (!ids || ids.has(id));
  }

  // Whether this site has the id (and, for a check, the option the answer names: 2 to 10 each).
  function onSite(part, id, value, known) {
    if (part === "boxes") return knownCard(id, known);
    if (known[part] && !known[part].has(id)) return false;
    return part !== "checks" || !known.options.has(id) || value < known.options.get(id);
  }

  // Leaves out what this site does not have; returns how many were left out.
  function dropUnknown(read, known) {
    let dropped = 0;
    for (const part of [...Object.keys(NAMES), "ratings"]) {
      for (const id of Object.keys(read[part])) {
        if (!onSite(part, id, read[part][id], known)) {
          delete read[part][id];
          dropped += 1;
        }
      }
    }
    for (const [id, items] of Object.entries(read.rubric)) {
      const have = known.rubrics.get(id);
      if (!have) continue;
      const kept = items.filter((item) => have.has(item));
      dropped += items.length - kept.length;
      if (kept.length) read.rubric[id] = kept;
      else delete read.rubric[id]; // an empty list would untick the reader's own on a merge
    }
    return dropped + ratingsById(read.ratings, known.competencies);
  }

  // Where the site lists a group's ids, version 1 arrays become ids (position i: the i-th id
  // saved) and ids the group lost are dropped. Changes `ratings`; returns how many were dropped.
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

  function setUp() {
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
      const data = { format: "handbook-progress", exported: new Date().toISOString(), ...hb.state() };
      hb.download(`handbook-progress-${data.exported.slice(0, 10)}.json`, "application/json",
        JSON.stringify(data, null, 1));
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
      const version = ownValue(raw, "version");
      if (version !== hb.emptyState().version) {
        const shown = ["number", "string"].includes(typeof version) ? `“${String(version).slice(0, 20)}”` : "";
        if (typeof version === "string") return refuse(`That file gives its version as text, ${shown}, not as a number`);
        return refuse(shown ? `That file is in version ${shown} of the progress format, which this site ` +
          "cannot read" : "That file does not say which version of the progress format it uses");
      }
      say("Reading the file…");
      const known = await knownIds();
      const read = hb.readState(raw, Object.assign(hb.pageRenames(), known?.renames));
      const unknown = known ? dropUnknown(read, known) : 0;
      const ignored = [
        known ? unknown && `${count(unknown, "id", "ids")} not on this site`
          : "ids not on this site could not be checked (the list of resources did not load)",
        ...read.problems].filter(Boolean);
      const ignoredText = ignored.length ? ` Ignored: ${ignored.join("; ")}.` : "";
      if (!(held(read).some(([, n]) => n) || ratingCount(read.ratings) || read.hours !== undefined)) {
        return refuse(`Nothing in that file can be used.${ignoredText} Your progress is as it was`);
      }
      const act = (how) => () => {
        // on what storage holds now (another tab may have saved), its version 1 arrays moved to
        // ids first, so a merge never mixes the two
        const before = hb.storageWorks() ? hb.load() : hb.state();
        const mine = hb.copyState(before);
        if (known) ratingsById(mine.ratings, known.competencies);
        const problem = hb.commit(hb.overlay(how === "merged" ? mine : hb.emptyState(), read), before);
        say(problem ? `${notSaved("The import", problem)} Nothing changed.`
          : `Imported (${how}): ${describe(read)}.${ignoredText}`);
        message.focus();
      };
      const merge = button("Merge", act("merged"), "md-button md-button--primary");
      // the file's name, isolated: no direction mark in it can turn the sentence around
      review.replaceChildren(
        el("p", {}, "The file “", el("bdi", { text: chosen.name }), `” holds ${describe(read)}.${ignoredText}`),
        el("p", { text: "Merge takes the file’s values for what it has and keeps the rest of your " +
          "progress; Replace forgets everything not in the file." }),
        merge, button("Replace", act("replaced")),
        button("Cancel", () => say("Import cancelled; nothing changed.")));
      review.hidden = false;
      message.textContent = ""; // the file is read: what it holds is above
      merge.focus();
    });
    const undoButton = button("Undo import", () => {
      const undo = hb.undo();
      const problem = undo ? hb.commit(undo) : "";
      say(problem ? notSaved("Undo", problem) : "Import undone: your progress is as it was before it.");
      message.focus();
    }, "md-button hb-undo");
    undoButton.hidden = !hb.undo();
    const resetButton = button("Reset", () => {
      if (!window.confirm("Forget all statuses, ratings, answers, review cards and planner settings in this browser?")) return;
      const problem = hb.commit(hb.emptyState());
      say(problem ? `${notSaved("The reset", problem)} Nothing changed.` : "Progress reset.");
    });
    host.replaceChildren(exportButton,
      file, el("label", { for: "hb-import", class: "md-button", text: "Import a file" }),
      resetButton, undoButton, review, message);
    host.hidden = false;
    if (!hb.storageWorks()) {
      message.textContent = "This browser does not let the handbook store progress; nothing will be kept.";
    }
  }

  hb.define("data-tools.js", { setUp });
})();
