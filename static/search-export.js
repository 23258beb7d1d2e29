// The download of a search's results as CSV or JSON: ID, date, subject and
// classification of each, in the order shown, up to the page's limit
// (data-export-limit), with a note when more cables match than it holds.
// The file is made in the browser from the results' data and handed over as
// a blob: nothing is asked of a server.
(function () {
  "use strict";
  var Q = self.cablegenQuery;
  var page = document.querySelector(".search-page");
  var box = document.getElementById("search-export");
  var note = document.getElementById("export-note");
  var limit = +(page.getAttribute("data-export-limit") || 1000);
  var busy = false;

  function current() { return self.cablegenView ? self.cablegenView() : null; }

  function refresh() {
    var v = current();
    box.hidden = !v || !v.total;
    if (!v || !v.total) return;
    note.textContent = v.total > limit
      ? "A download holds the first " + limit.toLocaleString("en") + " of the " +
        v.total.toLocaleString("en") + " matching cables."
      : "A download holds all " + v.total + " matching cable" + (v.total === 1 ? "" : "s") + ".";
  }

  async function rows(v) {
    var out = [];
    var want = Math.min(v.total, limit);
    while (out.length < want) {
      var batch = await v.fetch(out.length);
      if (!batch.length) break;
      var data = await Promise.all(batch.slice(0, want - out.length).map(function (r) { return r.data(); }));
      data.forEach(function (d) {
        var m = d.meta || {};
        out.push({ id: m.id || "", date: m.date === "undated" ? "" : m.date || "", subject: m.title || "", classification: m.classification || "" });
      });
    }
    return out;
  }

  function save(text, type, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  async function download(kind, button) {
    var v = current();
    if (!v || busy) return;
    busy = true;
    var label = button.textContent;
    button.textContent = "Preparing…";
    try {
      var data = await rows(v);
      var info = { query: v.state.q, total: v.total, rows: data.length, limit: limit };
      if (kind === "csv") save(Q.toCsv(data), "text/csv;charset=utf-8", "cables-search.csv");
      else save(Q.toJson(data, info), "application/json", "cables-search.json");
    } finally {
      button.textContent = label;
      busy = false;
    }
  }

  box.addEventListener("click", function (event) {
    var b = event.target.closest("button[data-format]");
    if (b) download(b.getAttribute("data-format"), b);
  });
  page.addEventListener("search-view", refresh);
})();
