/*
 * The roadmap's colours: each node of the diagram (drawn at build time) takes the reader's
 * status, and its accessible name says it; "Download as SVG" saves the whole roadmap as one
 * standalone picture with those colours. Loaded by handbook.js on a page with .hb-roadmap.
 */
(() => {
  "use strict";

  const hb = window.handbook;
  const { all, words, ownValue } = hb;
  const SVG = "http://www.w3.org/2000/svg";
  const XLINK = "http://www.w3.org/1999/xlink";
  const LABELS = { ...hb.STATUSES, "may-skip": "You may skip" };
  // the colours a downloaded roadmap carries, whatever the page's palette
  const STYLE = "text{font:13px system-ui,sans-serif;fill:#1b1b1f}" +
    ".hb-node rect{fill:#fff;stroke:#5c6bc0}.hb-node--stage rect{fill:#e8eaf6}" +
    ".hb-roadmap__spine{fill:none;stroke:#9fa8da}[data-status=doing] rect{fill:#fff4d6;stroke:#a67c00}" +
    "[data-status=done] rect{fill:#d6f5dd;stroke:#1b7a36}[data-status=skipped] rect{fill:#eee;stroke:#888}" +
    "[data-status=may-skip] rect{fill:#e0f2f1;stroke:#00796b;stroke-dasharray:4 3}" +
    ["#3949ab", "#00897b", "#c2185b", "#e65100", "#6d4c41", "#558b2f"]
      .map((colour, i) => `[data-group="${i + 1}"] .hb-node__group{fill:${colour};stroke:none}`).join("");

  let competencies = null; // skill -> its competency ids, for "you may skip"
  function readCompetencies() {
    competencies = hb.dict();
    try {
      const raw = JSON.parse(document.getElementById("hb-roadmap-skills").textContent);
      for (const [skill, ids] of Object.entries(hb.isRecord(raw) ? raw : {})) {
        if (hb.isKey(skill) && Array.isArray(ids)) competencies[skill] = ids.filter(hb.isKey);
      }
    } catch { /* no data: no stage is marked "you may skip" */ }
  }

  // A stage's status as every page has it (handbook.js); if not started, "you may skip" when
  // the reader rates every group of the stage strong.
  function stageStatus(node) {
    const resources = all(".hb-node--resource", node.closest("svg")).map((n) => n.dataset.resource);
    const status = hb.stageStatus(node.dataset.stage, resources);
    if (status !== "todo") return status;
    const skills = words(node.dataset.skills);
    const strong = skills.length && skills.every((id) => hb.strong(id, ownValue(competencies, id) || []));
    return strong ? "may-skip" : "todo";
  }

  function capstoneStatus(node) {
    const items = words(node.dataset.items);
    const ticked = hb.ticked(node.dataset.capstone, items).length;
    return !ticked ? "todo" : ticked === items.length ? "done" : "doing";
  }

  function statusOf(node) {
    const { resource, stage, capstone } = node.dataset;
    if (resource) return hb.statusOf(resource);
    if (stage) return stageStatus(node);
    if (capstone) return capstoneStatus(node);
    return null; // concepts and the question bank are links only
  }

  function render() {
    if (!competencies) readCompetencies();
    for (const node of all(".hb-roadmap .hb-node")) {
      const status = statusOf(node);
      if (!status) continue;
      node.dataset.status = status;
      node.setAttribute("aria-label", `${node.dataset.label}: ${LABELS[status]}`);
    }
  }

  // The stages side by side, four to a row, in one SVG with its own styles and absolute links.
  function roadmapSvg() {
    const stages = all(".hb-roadmap__svg");
    const [width, gap, columns] = [320, 24, Math.min(4, stages.length)];
    const out = document.createElementNS(SVG, "svg");
    const style = document.createElementNS(SVG, "style");
    style.textContent = STYLE;
    out.append(style);
    let [top, rowHeight] = [gap, 0];
    stages.forEach((stage, i) => {
      if (i && i % columns === 0) [top, rowHeight] = [top + rowHeight + gap, 0];
      const height = stage.viewBox.baseVal.height;
      const group = document.createElementNS(SVG, "g");
      group.setAttribute("transform", `translate(${gap + (i % columns) * (width + gap)} ${top})`);
      group.append(...Array.from(stage.childNodes, (child) => child.cloneNode(true)));
      out.append(group);
      rowHeight = Math.max(rowHeight, height);
    });
    for (const link of all("a", out)) {
      const href = new URL(link.getAttributeNS(XLINK, "href") || "", location.href).href;
      link.setAttributeNS(XLINK, "xlink:href", href);
    }
    const size = [gap + columns * (width + gap), top + rowHeight + gap];
    out.setAttribute("xmlns", SVG);
    out.setAttribute("viewBox", `0 0 ${size.join(" ")}`);
    out.setAttribute("width", String(size[0]));
    out.setAttribute("height", String(size[1]));
    return new XMLSerializer().serializeToString(out);
  }

  function setUp() {
    competencies = null;
    const tools = document.querySelector(".hb-roadmap-tools");
    if (!tools || tools.querySelector("button")) return;
    tools.append(hb.button("Download the roadmap as SVG", () => {
      render();
      hb.download("roadmap.svg", "image/svg+xml", roadmapSvg());
    }));
    tools.hidden = false;
  }

  hb.define("roadmap.js", { setUp, render });
})();
