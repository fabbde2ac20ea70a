/*
 * Catalogue filters: by group, kind, cost, level, topic, tag, last check, length and words,
 * kept in the address so a filtered list can be shared. Loaded by handbook.js on a page with
 * .hb-filters; a catalogue split over pages filters its index.json instead of the cards.
 */
(() => {
  "use strict";

  const hb = window.handbook;
  const { el, all, words } = hb;

  // The page holds the form (hidden, so its room is kept from the first paint): this wires it up.
  function setUpFilters() {
    const host = document.querySelector(".hb-filters");
    const form = host?.querySelector("form");
    if (!form || host.dataset.ready) return;
    host.dataset.ready = "1";
    const params = new URLSearchParams(location.search);
    form.addEventListener("submit", (event) => event.preventDefault());
    const clear = form.querySelector(".hb-filters__clear");
    const count = host.querySelector(".hb-filters__count");
    const toggle = form.querySelector(".hb-filters__toggle");
    const facetBox = form.querySelector(".hb-filters__facets");
    const facets = [...facetBox.querySelectorAll("select, input")];
    const unfold = (open) => {
      facetBox.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
    };
    toggle.addEventListener("click", () => unfold(facetBox.hidden));

    // a link's filters as the form reads them; one it cannot take is said, never dropped unseen
    const ignored = [];
    const repeated = []; // `cost=free&cost=paid`: the form holds one value, the first
    for (const field of form.elements) {
      if (!field.name || !params.has(field.name)) continue;
      let [asked, ...more] = params.getAll(field.name);
      if (more.length) repeated.push(field.name);
      if (field.type === "search") asked = asked.replace(/[\r\n]/g, ""); // as the box drops them
      field.value = asked;
      if (field.tagName === "SELECT" && field.selectedIndex < 0) field.selectedIndex = 0; // "Any"
      if (field.value !== asked || (field.name === "max" && !(hoursOf(asked) > 0))) {
        // echoed without direction marks: a link must not turn the sentence around it
        const shown = asked.slice(0, 40).replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");
        ignored.push(`${field.name} “${shown}”`);
        field.value = "";
      }
    }
    // On a phone the facets fold under one line, so what Search finds is in view below it;
    // a link's own filters keep them open (handbook.css keeps the folded room before this runs)
    unfold(!matchMedia("(max-width: 44.984375em)").matches || facets.some((f) => f.value));
    host.hidden = false;
    let note = ignored.length ? ` The link also asked for ${ignored.join(", ")}, which no filter ` +
      "here takes; left at Any." : "";
    if (repeated.length) note += ` The link gave ${repeated.join(", ")} more than once; the first is used.`;
    // "checked in the last year" counts from the build date: the page says which day that is
    const since = host.dataset.checkedSince || "";
    const run = (updateUrl) => {
      applyFilters(form, count, updateUrl, since);
      count.textContent += note;
      const set = facets.filter((f) => f.value).length;
      toggle.textContent = set ? `Filters (${set} set)` : "Filters";
    };
    form.addEventListener("input", () => {
      note = "";
      run(true);
    });
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
            // as a card's own words are searched on an unsplit page, tags written as cards show them
            r.own = `${r.title} ${r.authors} ${r.tags.map((t) => `#${t}`).join(" ")}`.toLowerCase();
            r.text = `${r.own} ${r.why.toLowerCase()}`;
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
        // the card's own words: not its status control, made only once the card is near
        text: Array.from(card.children, (c) => (c.matches(".hb-status") ? "" : c.textContent)).join(" ").toLowerCase(),
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

  const hoursOf = (text) => (text ? Number(text) : NaN);

  function applyFilters(form, count, updateUrl, since) {
    const values = Object.fromEntries(new FormData(form));
    // "Via, Anna" finds Anna Via: commas only part the words
    const terms = words((values.text || "").toLowerCase().replaceAll(",", " "));
    const maxMinutes = hoursOf(values.max) > 0 ? hoursOf(values.max) * 60 : null;
    // 0 or -1 is no limit, and the reader is told so as it is typed, as a link with it is
    const badMax = Boolean(values.max) && maxMinutes === null;
    form.elements.max?.setAttribute("aria-invalid", String(badMax));
    let shown = 0;
    let untimedHidden = 0;
    let found = [];
    for (const r of records) {
      const match = matches(values, terms, r, since);
      const fits = maxMinutes === null || (r.minutes !== null && r.minutes <= maxMinutes);
      if (match && !fits && r.minutes === null) untimedHidden += 1;
      if (r.card) r.card.hidden = !(match && fits);
      if (match && fits) {
        shown += 1;
        if (!r.card) found.push(r);
      }
    }
    // a work whose title, makers or tags hold the words comes before one whose `why` names them
    // ("Anna Via": her articles, then those that cite her); by title within each, as found
    if (terms.length) {
      const own = [];
      const cited = [];
      for (const r of found) (terms.every((term) => r.own.includes(term)) ? own : cited).push(r);
      found = own.concat(cited);
    }
    found = found.slice(0, RESULTS_SHOWN);
    if (records.length && records[0].card) hideEmptyHeadings();
    else renderResults(found, shown, terms.length > 0);
    const extra = untimedHidden ? ` (${untimedHidden} more state no time)` : "";
    // a split catalogue lists only the first results: the count says so, not only the list's end
    const listed = shown > found.length && !records[0]?.card ? `; the first ${found.length} are listed below` : "";
    count.textContent = `Showing ${shown} of ${records.length} resources${extra}${listed}.` +
      (badMax ? " “At most” takes hours above 0; no limit is used." : "");
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

  // The words readers see for a kind, cost or level: the form's own options, which the build
  // writes from the schema's labels (the index holds the values).
  function labelOf(name, value) {
    const option = all(`.hb-filters select[name="${name}"] option`).find((o) => o.value === value);
    return option ? option.textContent : value;
  }

  function renderResults(found, total, ranked) {
    const box = document.querySelector(".hb-results");
    if (!box) return;
    const root = hb.siteRoot();
    const items = found.map((r) => el("li", {},
      el("a", { href: new URL(r.url, root).href, text: r.title }),
      // who made it, as a card says: a search for a name also finds works that only mention it
      (r.authors ? ` by ${r.authors}` : "") + ` · ${["kind", "cost", "level"].map((name) => labelOf(name, r[name])).join(" · ")}` +
        (r.minutes ? ` · ${hb.formatDuration(r.minutes)}` : "")));
    const more = total > found.length
      ? el("p", {
        text: `The first ${found.length}, by title${ranked ? " (works whose title, authors or " +
          "tags hold your words first)" : ""}, are listed: narrow the filters, or open a ` +
          "group's pages from the table above, to see the rest.",
      })
      : "";
    box.replaceChildren(el("ol", { class: "hb-results__list" }, ...items), more);
    box.hidden = false;
  }

  hb.define("filters.js", { setUp: setUpFilters });
})();
