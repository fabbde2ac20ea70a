/*
 * The printable checklist: each resource's box shows the reader's status, and a Print button
 * sits above the list. Loaded by handbook.js on a page with .hb-checklist.
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
      for (const item of hb.all(".hb-checklist li[data-resource]")) {
        const status = hb.statusOf(item.dataset.resource);
        item.querySelector(".hb-box").textContent = hb.BOXES[status];
        item.dataset.status = status;
      }
    },
  });
})();
