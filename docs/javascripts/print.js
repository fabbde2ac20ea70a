/*
 * The printable checklist: each resource's box shows the reader's status, each stage its status
 * once it has one, and a Print button sits above the list. Loaded by handbook.js on a page
 * with .hb-checklist.
 */
(() => {
  "use strict";

  const hb = window.handbook;

  hb.define("print.js", {
    setUp() {
      if (document.querySelector(".hb-print-button")) return;
      document.querySelector(".md-typeset h2").before(
        hb.button("Print", () => window.print(), "md-button hb-print-button"));
    },
    render() {
      // a stage's status as on every page: the reader's own, else what its resources say
      for (const line of hb.all(".hb-checklist-stage")) {
        const status = hb.stageStatus(line.dataset.stage, hb.words(line.dataset.resources));
        line.textContent = `Stage status: ${hb.STATUSES[status]}`;
        line.hidden = status === "todo";
      }
      for (const item of hb.all(".hb-checklist li[data-resource]")) {
        const status = hb.statusOf(item.dataset.resource);
        item.querySelector(".hb-box").textContent = hb.BOXES[status];
        item.dataset.status = status;
      }
    },
  });
})();
