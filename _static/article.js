// A code block or a table wider than the text column scrolls sideways, and
// a keyboard user can scroll it only if it can take the focus (WCAG 2.1.1;
// axe-core rule scrollable-region-focusable). Make exactly those focusable,
// again whenever the window's width changes.
"use strict";

function markScrollableRegions() {
  for (const region of document.querySelectorAll(".highlight pre, .table-wrapper")) {
    if (region.scrollWidth > region.clientWidth) {
      region.tabIndex = 0;
    } else {
      region.removeAttribute("tabindex");
    }
  }
}

document.addEventListener("DOMContentLoaded", markScrollableRegions);
window.addEventListener("resize", markScrollableRegions);
