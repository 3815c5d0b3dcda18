// A code block or a table wider than the text column scrolls sideways, and
// a keyboard user can scroll it only if it can take the focus (WCAG 2.1.1;
// axe-core rule scrollable-region-focusable). Make exactly those focusable,
// again whenever the window's width changes or a tab is chosen.
"use strict";

// A table wider than the text column is first set snug: smaller type and
// tighter cells (see article.css). One that still does not fit scrolls
// sideways if it compares numbers, row against row, and is otherwise shown as
// cards, a row to a card. All the tables are measured together, each time
// after all the writes, so that the page is laid out twice at most, however
// many tables it has.
function fitTables() {
  const tables = [...document.querySelectorAll("article table.docutils")];
  if (!tables.length) return;
  for (const table of tables) {
    table.classList.remove("cards", "snug");
    table.parentElement.classList.remove("scrolls");
  }
  const column = tables[0].closest("article").clientWidth;
  const wide = tables.filter(table => table.offsetWidth > column);
  for (const table of wide) table.classList.add("snug");
  const tooWide = wide.filter(table => table.offsetWidth > column);
  for (const table of tooWide) {
    if (table.dataset.numeric) {
      table.parentElement.classList.add("scrolls");
    } else {
      table.classList.replace("snug", "cards");
    }
  }
}

// Whether a table compares numbers: most of the cells after the first column
// (the rows' names) start with one ("0.25", "12 of 12", "36 ms").
function comparesNumbers(table) {
  const cells = [...table.querySelectorAll("tbody tr")]
    .flatMap(row => [...row.cells].slice(1).map(cell => cell.textContent.trim()))
    .filter(text => text);
  return cells.length > 0 && cells.filter(text => /^[-+]?\d/.test(text)).length >= 0.6 * cells.length;
}

// Every width is read before anything is written, so that the page is laid
// out once, not once per region. A block folded in a closed <details> (the
// probes page's scripts) is not measured, which would lay it out alone (TBT
// 0.4-1.4 s there): it takes a focus stop, unreachable while folded, and is
// measured when opened.
function markScrollableRegions() {
  for (const block of document.querySelectorAll("details:not([open]) pre")) block.tabIndex = 0;
  const regions = [...document.querySelectorAll(".highlight pre, .table-wrapper")]
    .filter(region => !region.closest("details:not([open])"));
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
// layout in article.css that shows a row as a card; an empty cell carries
// none, and a card leaves it out.
function labelTableCells(table) {
  const titles = [...table.querySelectorAll("thead tr:last-child th")].map(th => th.textContent.trim());
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.cells].forEach((cell, i) => {
      if (titles[i] && cell.textContent.trim()) cell.dataset.label = titles[i];
    });
  }
  if (comparesNumbers(table)) table.dataset.numeric = "true";
}

document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("article table.docutils")) {
    labelTableCells(table);
  }
  fitTables();
  markScrollableRegions();
});
// A tab or a <details> shows a block that was hidden, and may scroll (a
// <details> tells only itself: listen as the event goes down).
document.addEventListener("change", event => {
  if (event.target.matches(".tab-input")) markScrollableRegions();
});
document.addEventListener("toggle", event => {
  if (event.target.open) markScrollableRegions();
}, true);
// A resize event comes at most once a frame.
window.addEventListener("resize", () => {
  fitTables();
  markScrollableRegions();
});
