/*
 * The review queue: cards in five Leitner boxes, kept with the reader's progress (boxes). Loaded
 * by handbook.js on the review page; practice.js puts missed drills and checks into box 1.
 */
(() => {
  "use strict";

  const hb = window.handbook;
  const { el, all, button, count, ownValue } = hb;
  const DAYS = [0, 1, 2, 4, 8, 16]; // days until a card in box n comes back
  const NEW_TERMS = 10; // glossary terms one click adds to the boxes
  const state = () => hb.state();

  // --- the review queue ------------------------------------------------------------------

  let deck = null; // key -> card, from the page's #hb-deck, in its order
  let revealed = null; // the key whose answer is showing
  const KINDS = { term: "Glossary term", check: "Concept check", question: "Interview question" };

  function readDeck() {
    deck = new Map();
    try {
      const cards = JSON.parse(document.getElementById("hb-deck").textContent).cards;
      for (const card of cards) if (hb.isKey(ownValue(card, "key"))) deck.set(card.key, card);
    } catch { /* an empty deck: the page says so */ }
  }

  const inBoxes = () => [...deck.keys()].filter((key) => ownValue(state().boxes, key))
    .map((key) => [key, state().boxes[key]]);
  // the longest overdue first, then the lowest box, then the deck's own order (inBoxes keeps it)
  const dueCards = () => {
    const today = hb.today();
    return inBoxes().filter(([, card]) => card.due <= today)
      .sort(([, x], [, y]) => x.due.localeCompare(y.due) || x.box - y.box);
  };

  function grade(key, knew) {
    const box = knew ? Math.min(5, (ownValue(state().boxes, key)?.box || 1) + 1) : 1;
    revealed = null;
    hb.change((next) => { next.boxes[key] = { box, due: hb.dayAfter(DAYS[box]) }; });
    document.querySelector(".hb-review button")?.focus();
  }

  function addTerms() {
    const fresh = [...deck.values()].filter((c) => c.kind === "term" && !ownValue(state().boxes, c.key));
    hb.change((next) => {
      for (const card of fresh.slice(0, NEW_TERMS)) next.boxes[card.key] = { box: 1, due: hb.today() };
    });
    document.querySelector(".hb-review button")?.focus();
  }

  function cardView(key, entry) {
    const card = deck.get(key);
    const shown = revealed === key;
    const view = el("article", { class: "hb-review__card", "aria-label": "Card" },
      el("p", { class: "hb-review__kind", text: `${KINDS[card.kind] || "Card"} · box ${entry.box} of 5` }),
      el("p", { class: "hb-review__front", text: card.front }));
    if (!shown) {
      view.append(button("Show the answer", () => {
        revealed = key;
        renderReview();
        document.querySelector(".hb-review__back")?.focus();
      }, "md-button md-button--primary"));
      return view;
    }
    const back = el("div", { class: "hb-review__back", tabindex: "-1" },
      ...(Array.isArray(card.back) ? card.back : []).map((line) => el("p", { text: String(line) })));
    if (typeof card.url === "string") back.append(el("p", {}, el("a", { href: card.url, text: "Read it in full" })));
    const no = button("Not yet", () => grade(key, false));
    const yes = button("I knew it", () => grade(key, true), "md-button md-button--primary");
    no.setAttribute("aria-keyshortcuts", "1");
    yes.setAttribute("aria-keyshortcuts", "2");
    view.append(back, el("div", { class: "hb-review__grade" }, no, yes));
    return view;
  }

  function renderReview() {
    const host = document.querySelector(".hb-review");
    if (!host) return;
    const due = dueCards();
    const boxed = inBoxes();
    const status = el("p", { class: "hb-review__status" });
    const parts = [host.querySelector(".hb-review__status") || status];
    const live = parts[0];
    live.setAttribute("role", "status");
    if (due.length) {
      live.textContent = `${count(due.length, "card", "cards")} due today; ${boxed.length} in your boxes.`;
      parts.push(cardView(...due[0]));
    } else {
      const next = boxed.map(([, c]) => c.due).sort()[0];
      live.textContent = boxed.length
        ? `Nothing due today. ${count(boxed.length, "card is", "cards are")} in your boxes; the next ` +
          `comes back on ${hb.dateFormat.format(new Date(`${next}T12:00`))}.`
        : host.dataset.empty; // the engine words it from the kinds of card the deck has
    }
    const left = [...deck.values()].filter((c) => c.kind === "term" && !ownValue(state().boxes, c.key)).length;
    if (left) {
      parts.push(button(`Add ${Math.min(left, NEW_TERMS)} glossary terms to review (${left} not added yet)`, addTerms));
    }
    // keep the focused control when nothing about the card changed
    const focused = host.contains(document.activeElement) ? document.activeElement.textContent : null;
    host.replaceChildren(...parts);
    host.hidden = false;
    if (focused) all("button", host).find((b) => b.textContent === focused)?.focus();
  }

  document.addEventListener("keydown", (event) => {
    const host = document.querySelector(".hb-review");
    if (!host || event.altKey || event.ctrlKey || event.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) return;
    const target = { 1: "Not yet", 2: "I knew it" }[event.key] ||
      (/^( |Enter)$/.test(event.key) && event.target === document.body && "Show the answer");
    const found = target && all("button", host).find((b) => b.textContent === target);
    if (found) {
      event.preventDefault();
      found.click();
    }
  });

  function setUp() {
    revealed = null;
    readDeck();
    // a card whose term, check or question this site no longer has can never be shown, and
    // every page would count it as due for ever
    const gone = Object.keys(state().boxes).filter((key) => !deck.has(key));
    if (deck.size && gone.length) hb.change((next) => { for (const key of gone) delete next.boxes[key]; });
  }

  hb.define("review.js", { setUp, render: renderReview });
})();
