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

function markScrollableRegions() {
  for (const region of document.querySelectorAll(".highlight pre, .table-wrapper")) {
    if (region.scrollWidth > region.clientWidth) {
      region.tabIndex = 0;
    } else {
      region.removeAttribute("tabindex");
    }
  }
}

// The nodes of `node` cut at each newline: one list of nodes a line. An
// element whose text spans lines (a docstring's span) is copied, empty, into
// each line it touches, so that highlighting and links survive.
function splitAtNewlines(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    return node.data.split("\n").map(part => (part ? [document.createTextNode(part)] : []));
  }
  if (!node.textContent.includes("\n")) {
    return [[node]];
  }
  const lines = [[]];
  for (const child of [...node.childNodes]) {
    const [first, ...rest] = splitAtNewlines(child);
    lines[lines.length - 1].push(...first);
    lines.push(...rest);
  }
  return lines.map(nodes => {
    const copy = node.cloneNode(false);
    copy.append(...nodes);
    return [copy];
  });
}

// Put each line of a block in a <code-line> element (see article.css),
// keeping the newlines between them as text, so that copying and reading the
// block give exactly the text it had. A custom element, not a span, so that
// "pre span" still means the highlighter's tokens and nothing else.
function wrapLines(pre) {
  const lines = [[]];
  for (const child of [...pre.childNodes]) {
    const [first, ...rest] = splitAtNewlines(child);
    lines[lines.length - 1].push(...first);
    lines.push(...rest);
  }
  const endsWithNewline = pre.textContent.endsWith("\n");
  if (endsWithNewline) lines.pop();
  pre.replaceChildren();
  lines.forEach((nodes, i) => {
    const line = document.createElement("code-line");
    line.append(...nodes);
    const indent = line.textContent.match(/^ */)[0].length;
    if (indent) line.style.setProperty("--indent", Math.min(indent, 24));
    if (i) pre.append("\n");
    pre.append(line);
  });
  if (endsWithNewline) pre.append("\n");
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
  for (const pre of document.querySelectorAll("article .highlight pre")) {
    wrapLines(pre);
  }
  fitTables();
  markScrollableRegions();
});
window.addEventListener("resize", () => {
  fitTables();
  markScrollableRegions();
});
