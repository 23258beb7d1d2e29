// The tags glossary's filter box. Progressive enhancement only: without this
// file the box stays hidden and every kind's table is shown in full.
// Typing keeps the rows whose code, meaning or kind contain every word typed,
// hides the kinds left empty and says how many tags are shown.
(function () {
  "use strict";
  var box = document.getElementById("tag-filter-box");
  var input = document.getElementById("tag-filter");
  var status = document.getElementById("tag-filter-status");
  if (!box || !input || !status) return;
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.tag-kind"));
  var total = 0;
  var kinds = sections.map(function (section) {
    var rows = Array.prototype.slice.call(section.querySelectorAll("tbody tr"));
    total += rows.length;
    var heading = section.querySelector("h2");
    return {
      section: section,
      count: document.querySelector('[data-kind-count="' + (heading ? heading.id : "") + '"]'),
      rows: rows.map(function (row) {
        return { row: row, text: row.textContent.toLowerCase() };
      }),
    };
  });

  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    kinds.forEach(function (kind) {
      var here = 0;
      kind.rows.forEach(function (r) {
        var match = words.every(function (w) { return r.text.indexOf(w) !== -1; });
        r.row.hidden = !match;
        if (match) here += 1;
      });
      kind.section.hidden = here === 0;
      if (kind.count) kind.count.textContent = String(here);
      shown += here;
    });
    if (!words.length) status.textContent = "";
    else if (shown === 0) status.textContent = "No tag matches \u201c" + input.value.trim() + "\u201d.";
    else status.textContent = shown + " of " + total + " tags shown.";
  }

  input.addEventListener("input", apply);
  box.hidden = false;
  // A value the browser restored (back button) is applied at once.
  if (input.value) apply();
})();
