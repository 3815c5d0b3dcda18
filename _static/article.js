// A code block or a table wider than the text column scrolls sideways, and
// a keyboard user can scroll it only if it can take the focus (WCAG 2.1.1;
// axe-core rule scrollable-region-focusable). Make exactly those focusable,
// again whenever the window's width changes.
"use strict";

// A table wider than the text column is shown as cards (see article.css).
function fitTables() {
  for (const table of document.querySelectorAll("article table.docutils")) {
    table.classList.remove("cards");
    if (table.offsetWidth > table.closest("article").clientWidth) table.classList.add("cards");
  }
}

// Every width is read before anything is written, so that the page is laid
// out once, not once per region.
function markScrollableRegions() {
  const regions = [...document.querySelectorAll(".highlight pre, .table-wrapper")];
  const scrolls = regions.map(region => region.scrollWidth > region.clientWidth);
  regions.forEach((region, i) => {
    if (scrolls[i]) {
      region.tabIndex = 0;
    } else {
      region.removeAttribute("tabindex");
    }
  });
}

// Each cell of a table body carries its column's title, for the narrow
// layout in article.css that shows a row as a card.
function labelTableCells(table) {
  const titles = [...table.querySelectorAll("thead tr:last-child th")].map(th => th.textContent.trim());
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.cells].forEach((cell, i) => {
      if (titles[i]) cell.dataset.label = titles[i];
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("article table.docutils")) {
    labelTableCells(table);
  }
  fitTables();
  markScrollableRegions();
});
window.addEventListener("resize", () => {
  fitTables();
  markScrollableRegions();
});
