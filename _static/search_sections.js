/*
 * Search results that land on the section: loaded on the search page only,
 * after Sphinx's searchtools.js, by _ext/search_sections.py, which also
 * writes SEARCH_SECTIONS (search_sections_index.js): for each section of the
 * troubleshooting page, and each section with index entries elsewhere, its
 * page, title, ids, index entries and the text of its output blocks.
 *
 * - The sections that match the query best come first, with their own
 *   titles, linking to the section itself.
 * - Terms shorter than three letters are not highlighted: "Can't pickle"
 *   would otherwise mark every letter t of the page it opens.
 * - A search made from this page runs in place, without loading it again.
 */
"use strict";

(() => {
  if (typeof Search === "undefined" || typeof SEARCH_SECTIONS === "undefined") return;

  const MOST = 5; // section results shown at most
  const normal = (text) =>
    text
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w)
      .join(" ");
  // A title without its quotes and ellipsis: "Can't get attribute … on <module>".
  const bare = (title) =>
    normal(title)
      .replace(/^["']|["']$/g, "")
      .replace(/\u2026/g, " ")
      .trim();
  // Words that vary from run to run (addresses, process ids, random names)
  // say nothing about which section a message belongs to: a word of more
  // than four letters with a digit in it stands for any such word.
  const VARIES = /[\p{L}\p{N}_]*\d[\p{L}\p{N}_]*/gu;
  const masked = (text) => text.replace(VARIES, (w) => (w.length > 4 ? "#" : w));
  const words = (text) =>
    new Set(
      text
        .split(/[^\p{L}\p{N}_]+/u)
        .filter((w) => w.length > 1 && !(/\d/.test(w) && w.length > 4)),
    );

  const sections = SEARCH_SECTIONS.map((s) => {
    const title = bare(s.title);
    return {
      ...s,
      bareTitle: title,
      maskedText: masked(s.text),
      vocabulary: words(`${title} ${s.entries.join(" ")} ${s.text}`),
    };
  });

  // The strongest signal first: the query is one of the section's index
  // entries; the query is a whole line the section shows (a pasted message,
  // its varying words aside); it holds an index entry; it is part of an
  // entry or of the title; it is part of the section's output; or most of
  // its words are in the section. An entry the query holds adds a little,
  // so that of two sections that show the same line, the one indexed under
  // the message comes first.
  const score = (section, query, maskedQuery, queryWords) => {
    let best = 0;
    let bonus = 0;
    for (const entry of section.entries) {
      if (query === entry) best = Math.max(best, 1000);
      else if (query.includes(entry)) {
        best = Math.max(best, 500 + Math.min(entry.length, 100));
        bonus = 50;
      } else if (entry.includes(query) && query.length >= Math.min(8, entry.length))
        best = Math.max(best, 300 + query.length);
    }
    if (maskedQuery.length >= 20 && section.maskedText.includes(maskedQuery))
      best = Math.max(best, 700 + Math.min(maskedQuery.length, 100));
    const title = section.bareTitle;
    if (title && (query.includes(title) || (title.includes(query) && query.length >= 8)))
      best = Math.max(best, 250 + Math.min(query.length, title.length));
    if (query.length >= 8 && section.text.includes(query))
      best = Math.max(best, 200 + Math.min(query.length, 100));
    if (queryWords.size >= 2) {
      let found = 0;
      queryWords.forEach((w) => (found += section.vocabulary.has(w) ? 1 : 0));
      const share = found / queryWords.size;
      if (share >= 0.75) best = Math.max(best, Math.round(100 * share) + found);
    }
    return best && best + bonus;
  };

  Search.sectionResults = (query) => {
    const wanted = normal(query);
    if (!wanted) return [];
    const queryWords = words(wanted);
    const maskedQuery = masked(wanted);
    return sections
      .map((section, order) => [score(section, wanted, maskedQuery, queryWords), order, section])
      .filter(([points]) => points > 0)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, MOST)
      .map(([points, , section]) => [
        section.doc,
        section.title,
        `#${section.ids[0]}`,
        null,
        points,
        `${section.doc}.rst`,
        "title",
        section.ids,
      ]);
  };

  // Sphinx's results are in ascending order: the last is shown first.
  const performSearch = Search._performSearch;
  Search._performSearch = (query, ...rest) => {
    const results = performSearch(query, ...rest);
    const mine = Search.sectionResults(query);
    const covered = new Set(
      mine.flatMap(([doc, , , , , , , ids]) => ids.map((id) => `${doc}#${id}`)),
    );
    const others = results.filter(([doc, , anchor]) => !covered.has(`${doc}${anchor}`));
    return [...others, ...mine.map((item) => item.slice(0, 7)).reverse()];
  };

  const parseQuery = Search._parseQuery;
  Search._parseQuery = (query) => {
    const parsed = parseQuery(query);
    const highlightTerms = parsed[3];
    [...highlightTerms].forEach((term) => term.length < 3 && highlightTerms.delete(term));
    if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED)
      localStorage.setItem("sphinx_highlight_terms", [...highlightTerms].join(" "));
    return parsed;
  };

  // A new search from the search page's own box: run it here.
  document.querySelectorAll('form[role="search"]').forEach((form) =>
    form.addEventListener("submit", (event) => {
      const query = new FormData(form).get("q");
      if (!query || !Search.hasIndex()) return;
      event.preventDefault();
      const url = new URL(window.location.href);
      url.searchParams.set("q", query);
      window.history.pushState(null, "", url);
      document.querySelectorAll('input[name="q"]').forEach((input) => (input.value = query));
      const navigation = document.getElementById("__navigation");
      if (navigation) navigation.checked = false; // close the phone's menu over the results
      Search.stopPulse();
      const out = document.getElementById("search-results");
      while (out.lastChild) out.removeChild(out.lastChild);
      Search.performSearch(query);
    }),
  );
})();
