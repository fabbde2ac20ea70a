/*
 * Practice: interview drills answered first and graded by the reader, concept checks, capstone
 * rubrics and a review queue in five Leitner boxes. Loaded by handbook.js on a page with any of
 * them; everything is kept with the reader's progress (answers, grades, checks, rubric, boxes).
 */
(() => {
  "use strict";

  const hb = window.handbook;
  const { el, all, words, button, count, ownValue } = hb;
  const DAYS = [0, 1, 2, 4, 8, 16]; // days until a card in box n comes back
  const NEW_TERMS = 10; // glossary terms one click adds to the boxes

  const dayAfter = (days) => {
    const day = new Date();
    day.setDate(day.getDate() + days);
    return hb.isoDay(day);
  };
  const state = () => hb.state();
  const percent = (part, whole) => `${Math.round((100 * part) / whole)}%`;
  // a miss comes back tomorrow, unless the card is in the boxes already
  const queue = (next, key) => {
    if (!ownValue(next.boxes, key)) next.boxes[key] = { box: 1, due: dayAfter(1) };
  };
  const once = (node) => !node.dataset.ready && (node.dataset.ready = "1");

  // --- interview drills ------------------------------------------------------------------
  // The question moves out of the fold, a box for the reader's answer comes under it, and the
  // fold becomes the reveal; each point in it gets a box to tick. An answer covering less than
  // half of the points goes to review.

  const points = (drill) => all("details li", drill).slice(0, Number(drill.dataset.points) || undefined);
  const gradesOf = (id) => ownValue(state().grades, id);

  function setUpDrill(drill) {
    const id = drill.dataset.question;
    const fold = drill.querySelector("details");
    if (!hb.isKey(id) || !fold) return;
    const summary = fold.querySelector("summary");
    const answer = el("textarea", { id: `answer-${id}`, rows: "4", maxlength: "20000", class: "hb-drill__answer" });
    // saved a moment after typing stops, or on leaving the box; until then no refresh may
    // put the saved text back over what is being typed
    let timer = null;
    const keep = () => {
      clearTimeout(timer);
      if (!answer.dataset.typed) return;
      delete answer.dataset.typed;
      hb.change((next) => { next.answers[id] = answer.value; });
    };
    answer.addEventListener("input", () => {
      answer.dataset.typed = "1";
      clearTimeout(timer);
      timer = setTimeout(keep, 400);
    });
    answer.addEventListener("change", keep);
    fold.before(el("p", { class: "hb-drill__question", text: summary.textContent.trim() }),
      el("label", { for: answer.id, text: "Your answer (kept in this browser)" }), answer);
    summary.textContent = "Reveal what a strong answer covers, then tick what you covered";
    points(drill).forEach((point, i) => point.prepend(el("input", { type: "checkbox",
      "aria-label": `I covered: ${point.textContent}`, "data-point": String(i) })));
    fold.append(el("p", { class: "hb-drill__score", role: "status" }));
    fold.addEventListener("change", () => {
      const ticks = all("input[data-point]", fold).map((box) => box.checked);
      hb.change((next) => {
        next.grades[id] = ticks;
        const key = `question-${id}`;
        if (ticks.filter(Boolean).length * 2 < ticks.length) queue(next, key);
        else if (ownValue(next.boxes, key)?.box === 1) delete next.boxes[key]; // graded up before review
      });
    });
  }

  function renderDrills() {
    const drills = all(".hb-question[data-question]");
    const tally = {};
    for (const drill of drills) {
      const id = drill.dataset.question;
      const answer = drill.querySelector(".hb-drill__answer");
      if (answer && !answer.dataset.typed) answer.value = ownValue(state().answers, id) || "";
      const grades = gradesOf(id);
      const boxes = all("input[data-point]", drill);
      boxes.forEach((box, i) => { box.checked = Boolean(grades?.[i]); });
      const got = boxes.filter((box) => box.checked).length;
      const score = drill.querySelector(".hb-drill__score");
      if (score) score.textContent = grades ? `You covered ${got} of ${boxes.length} points.` : "";
      const group = (tally[drill.dataset.skill] ??= { graded: 0, questions: 0, got: 0, of: 0 });
      group.questions += 1;
      if (grades) Object.assign(group, { graded: group.graded + 1, got: group.got + got, of: group.of + boxes.length });
    }
    for (const line of all(".hb-drill-score[data-skill]")) {
      const group = ownValue(tally, line.dataset.skill);
      if (!group) continue;
      line.setAttribute("role", "status");
      line.textContent = group.graded
        ? `Your score here: ${group.got} of ${group.of} points (${percent(group.got, group.of)}) on ` +
          `${group.graded} of ${count(group.questions, "question", "questions")} graded.`
        : `Your score here: none of ${count(group.questions, "question", "questions")} graded yet.`;
      line.hidden = false;
    }
  }

  // --- concept checks --------------------------------------------------------------------
  // The options become radio buttons; choosing one saves it, says whether it is right and opens
  // the explanations. A miss goes to review.

  function setUpCheck(check) {
    const id = check.dataset.check;
    const list = check.querySelector(":scope > ul");
    const question = check.querySelector(":scope > p");
    if (!hb.isKey(id) || !list || !question) return;
    question.id = `check-${id}-question`;
    const options = el("fieldset", { class: "hb-check__options", "aria-labelledby": question.id });
    all(":scope > li", list).forEach((item, i) => {
      options.append(el("label", {}, el("input", { type: "radio", name: `check-${id}`, value: String(i) }),
        " ", ...item.childNodes));
    });
    list.replaceWith(options, el("p", { class: "hb-check__result", role: "status" }));
    options.addEventListener("change", (event) => {
      const choice = Number(event.target.value);
      hb.change((next) => {
        next.checks[id] = choice;
        if (choice !== Number(check.dataset.answer)) queue(next, `check-${id}`);
      });
      const fold = check.querySelector("details");
      if (fold) fold.open = true;
    });
  }

  function renderChecks() {
    const tally = {};
    for (const check of all(".hb-check[data-check]")) {
      const choice = ownValue(state().checks, check.dataset.check);
      const right = choice === Number(check.dataset.answer);
      for (const radio of all("input[type=radio]", check)) radio.checked = Number(radio.value) === choice;
      const result = check.querySelector(".hb-check__result");
      if (result) {
        result.textContent = choice === undefined ? ""
          : right ? "Right." : `Not quite: the answer is ${"ABCDEFGHIJ"[check.dataset.answer]}. It is in your review queue.`;
        result.dataset.right = String(right);
      }
      const group = (tally[check.dataset.skill] ??= { checks: [], answered: 0, right: 0 });
      group.checks.push(check);
      if (choice !== undefined) Object.assign(group, { answered: group.answered + 1, right: group.right + right });
    }
    for (const [, group] of Object.entries(tally)) {
      let line = group.checks[0].previousElementSibling;
      if (!line?.matches(".hb-check-tally")) {
        line = el("p", { class: "hb-check-tally", role: "status" });
        group.checks[0].before(line);
      }
      line.textContent = `Your score here: ${group.right} of ${group.checks.length} right, ` +
        `${group.answered} answered.`;
    }
  }

  // --- capstones -------------------------------------------------------------------------

  function setUpCapstone(capstone) {
    const id = capstone.dataset.capstone;
    const items = words(capstone.dataset.items);
    const rubric = all(":scope > ul", capstone).at(-1);
    if (!hb.isKey(id) || !rubric || rubric.children.length !== items.length) return;
    Array.from(rubric.children).forEach((item, i) => item.prepend(el("input", { type: "checkbox",
      "aria-label": `Met: ${item.textContent}`, "data-item": items[i] })));
    rubric.after(el("p", { class: "hb-capstone__score", role: "status" }));
    rubric.addEventListener("change", () => hb.change((next) => {
      next.rubric[id] = all("input:checked", rubric).map((box) => box.dataset.item);
    }));
  }

  function renderCapstones() {
    for (const capstone of all(".hb-capstone[data-capstone]")) {
      const ticked = ownValue(state().rubric, capstone.dataset.capstone) || [];
      const boxes = all("input[data-item]", capstone);
      for (const box of boxes) box.checked = ticked.includes(box.dataset.item);
      const score = capstone.querySelector(".hb-capstone__score");
      if (score) score.textContent = `Your artifact meets ${boxes.filter((b) => b.checked).length} of ${boxes.length} points.`;
    }
  }

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
    hb.change((next) => { next.boxes[key] = { box, due: dayAfter(DAYS[box]) }; });
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
        render();
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
    if (!deck) readDeck();
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
        : "Your boxes are empty. Missed concept checks and interview answers you grade low come here; " +
          "so do glossary terms you add.";
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
    deck = null;
    revealed = null;
    all(".hb-question[data-question]").filter(once).forEach(setUpDrill);
    all(".hb-check[data-check]").filter(once).forEach(setUpCheck);
    all(".hb-capstone[data-capstone]").filter(once).forEach(setUpCapstone);
  }

  function render() {
    renderDrills();
    renderChecks();
    renderCapstones();
    renderReview();
  }

  hb.define("practice.js", { setUp, render });
})();
