/*
 * Practice: interview drills answered first and graded by the reader, concept checks and capstone
 * rubrics. Loaded by handbook.js on a page with any of them; everything is kept with the reader's
 * progress (answers, grades, checks, rubric). A drill or check the reader misses goes to the review
 * queue (review.js) as a card in box 1, due tomorrow.
 */
(() => {
  "use strict";

  const hb = window.handbook;
  const { el, all, words, count, ownValue } = hb;
  const state = () => hb.state();
  const percent = (part, whole) => `${Math.round((100 * part) / whole)}%`;
  // a miss comes back tomorrow, unless the card is in the boxes already
  const queue = (next, key) => {
    if (!ownValue(next.boxes, key)) next.boxes[key] = { box: 1, due: hb.dayAfter(1) };
  };
  const once = (node) => !node.dataset.ready && (node.dataset.ready = "1");

  // --- interview drills ------------------------------------------------------------------
  // The question moves out of the fold, a box for the reader's answer comes under it, and the
  // fold becomes the reveal; each point in it gets a box to tick. An answer covering less than
  // half of the points goes to review.

  // The whole line is its box's label: a tap on the words ticks it, not only one on the box.
  // One span: as flex items, words and an <abbr> were columns.
  function tickable(item, box) {
    item.replaceChildren(el("label", { class: "hb-tick" }, box, el("span", {}, ...item.childNodes)));
  }

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
    points(drill).forEach((point, i) => tickable(point, el("input", { type: "checkbox",
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

  // A drill gets its answer box and tick boxes when it nears the screen (handbook.js whenNear);
  // the scores read the state, so they count drills not set up yet.
  function renderDrill(drill, grades = gradesOf(drill.dataset.question)) {
    const answer = drill.querySelector(".hb-drill__answer");
    if (!answer) return;
    if (!answer.dataset.typed) answer.value = ownValue(state().answers, drill.dataset.question) || "";
    const boxes = all("input[data-point]", drill);
    boxes.forEach((box, i) => { box.checked = Boolean(grades?.[i]); });
    drill.querySelector(".hb-drill__score").textContent = grades
      ? `You covered ${boxes.filter((box) => box.checked).length} of ${boxes.length} points.` : "";
  }

  function renderDrills() {
    const tally = {};
    for (const drill of all(".hb-question[data-question]")) {
      const grades = gradesOf(drill.dataset.question);
      renderDrill(drill, grades);
      const group = (tally[drill.dataset.skill] ??= { graded: 0, questions: 0, got: 0, of: 0 });
      group.questions += 1;
      if (!grades) continue;
      const of = points(drill).length;
      Object.assign(group, { graded: group.graded + 1, got: group.got + grades.slice(0, of).filter(Boolean).length,
        of: group.of + of });
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

  // the reader's choice, if it is one of the check's options (storage may hold any 0 to 9)
  function choiceOf(check) {
    const choice = ownValue(state().checks, check.dataset.check);
    return choice < all(":scope > ul > li, .hb-check__options > label", check).length ? choice : undefined;
  }

  function renderCheck(check, choice = choiceOf(check)) {
    for (const radio of all("input[type=radio]", check)) radio.checked = Number(radio.value) === choice;
    const result = check.querySelector(".hb-check__result");
    if (!result) return;
    const right = choice === Number(check.dataset.answer);
    const queued = ownValue(state().boxes, `check-${check.dataset.check}`) ? " It is in your review queue." : "";
    result.textContent = choice === undefined ? ""
      : right ? "Right." : `Not quite: the answer is ${"ABCDEFGHIJ"[check.dataset.answer]}.${queued}`;
    result.dataset.right = String(right);
  }

  function renderChecks() {
    const tally = {};
    for (const check of all(".hb-check[data-check]")) {
      const choice = choiceOf(check);
      renderCheck(check, choice);
      const right = choice === Number(check.dataset.answer);
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
    Array.from(rubric.children).forEach((item, i) => tickable(item, el("input", { type: "checkbox",
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

  // A link to a section (#id) must land on it. Drills and checks set up near the screen (whenNear)
  // make the page grow above the section after the browser has scrolled there, and scroll anchoring
  // does not always follow: keep the section in view while the page settles, until the reader
  // scrolls, presses a key or three seconds pass. Below the header, measured: the theme keeps a
  // heading clear of it only while the heading is the :target, which its instant navigation
  // replaces, content and all, when the address changes to another #id of the same page.
  let pinned = null;
  const clearOfHeader = (target) => scrollBy(0, target.getBoundingClientRect().top -
    (document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0) - 20);
  function keepInView(hash) {
    pinned?.();
    let target = null;
    try {
      target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    } catch { /* a malformed escape in the address names no section */ }
    if (!target || !window.ResizeObserver) return;
    const sized = new ResizeObserver(() => clearOfHeader(target));
    const stop = () => {
      sized.disconnect();
      clearTimeout(timer);
      for (const type of READER_MOVES) removeEventListener(type, stop, true);
      pinned = null;
    };
    const timer = setTimeout(stop, 3000);
    sized.observe(document.body);
    setTimeout(() => { for (const type of READER_MOVES) addEventListener(type, stop, true); });
    pinned = stop;
  }
  const READER_MOVES = ["wheel", "touchstart", "keydown", "mousedown"];
  document.addEventListener("click", (event) => { // a table of contents, "jump to" links
    const link = event.target.closest?.("a[href*='#']");
    if (link && link.pathname === location.pathname && link.hash) keepInView(link.hash);
  });
  addEventListener("hashchange", () => keepInView(location.hash)); // typed, pasted, back

  function setUp() {
    keepInView(location.hash);
    for (const drill of all(".hb-question[data-question]").filter(once)) {
      hb.whenNear(drill, () => { setUpDrill(drill); renderDrill(drill); });
    }
    for (const check of all(".hb-check[data-check]").filter(once)) {
      hb.whenNear(check, () => { setUpCheck(check); renderCheck(check); });
    }
    all(".hb-capstone[data-capstone]").filter(once).forEach(setUpCapstone);
  }

  function render() {
    renderDrills();
    renderChecks();
    renderCapstones();
  }

  hb.define("practice.js", { setUp, render });
})();
