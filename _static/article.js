// A code block or a table wider than the text column scrolls sideways, and
// a keyboard user can scroll it only if it can take the focus (WCAG 2.1.1;
// axe-core rule scrollable-region-focusable). Make exactly those focusable,
// again whenever the window's width changes or a tab is chosen.
"use strict";

// A table wider than the text column is first set snug: smaller type and
// tighter cells (see article.css). One that still does not fit scrolls
// sideways if it compares numbers, row against row, and is otherwise shown as
// cards, a row to a card.
//
// A code block or a table that scrolls sideways takes the focus. Everything
// is measured in as few passes as the writes allow, each pass reading every
// element before anything is written: once on a page whose tables all fit
// (the code blocks' widths do not depend on the tables), and three times at
// most, however many tables and blocks the page has.
function fitAndMark() {
  const tables = [...document.querySelectorAll("article table.docutils")];
  const blocks = shownBlocks();
  for (const table of tables) {
    table.classList.remove("cards", "snug");
    table.parentElement.classList.remove("scrolls");
  }
  // Pass 1: the column, the tables as they are, and every code block.
  const column = tables.length ? tables[0].closest("article").clientWidth : 0;
  const wide = tables.filter(table => table.offsetWidth > column);
  const blockScrolls = blocks.map(scrolls);
  for (const table of wide) table.classList.add("snug");
  // Pass 2, only if some table was too wide: which still are, set snug.
  const tooWide = wide.filter(table => table.offsetWidth > column);
  for (const table of tooWide) {
    if (table.dataset.numeric) {
      table.parentElement.classList.add("scrolls");
    } else {
      table.classList.replace("snug", "cards");
    }
  }
  // Pass 3, only if the page has tables: which of their wrappers scroll.
  const wrappers = [...document.querySelectorAll(".table-wrapper")];
  const wrapperScrolls = wrappers.map(scrolls);
  blocks.forEach((block, i) => focusable(block, blockScrolls[i]));
  wrappers.forEach((wrapper, i) => focusable(wrapper, wrapperScrolls[i]));
  // A folded block is not measured (see shownBlocks): it takes the focus
  // stop it may need, which it cannot be given while folded, and is
  // measured when it opens.
  for (const block of document.querySelectorAll("details:not([open]) .highlight pre")) {
    block.tabIndex = 0;
  }
}

// The code blocks, less those folded away in a closed <details> (the probes
// page's scripts): measuring one of them would lay it out on its own, for a
// block that cannot be scrolled until it is opened.
function shownBlocks() {
  return [...document.querySelectorAll(".highlight pre")]
    .filter(block => !block.closest("details:not([open])"));
}

function scrolls(region) {
  return region.scrollWidth > region.clientWidth;
}

function focusable(region, yes) {
  if (yes) {
    region.tabIndex = 0;
  } else {
    region.removeAttribute("tabindex");
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

// A tab or a <details> shows a block that was hidden, and may scroll: only
// the blocks and tables are read again, all before any is written.
function markScrollableRegions() {
  const regions = [...shownBlocks(), ...document.querySelectorAll(".table-wrapper")];
  const found = regions.map(scrolls);
  regions.forEach((region, i) => focusable(region, found[i]));
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
  fitAndMark();
});
document.addEventListener("change", event => {
  if (event.target.matches(".tab-input")) markScrollableRegions();
});
// A resize event comes at most once a frame.
window.addEventListener("resize", fitAndMark);
// A <details> says it opened on itself only: listen as the event goes down.
document.addEventListener("toggle", event => {
  if (event.target.open) markScrollableRegions();
}, true);
