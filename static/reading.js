// The reading list page: the list kept by static/reading-store.js, a shared
// list from the link (#ids=A,B,...), and its exports (link, CSV, BibTeX).
// The Chicago and BibTeX shapes follow generator/site/citation.py.
(function () {
  "use strict";
  var R = self.cablegenReading;
  var page = document.querySelector(".reading");
  if (!R || !page) return;
  var baseUrl = page.getAttribute("data-base-url");
  var exportName = page.getAttribute("data-export-name");
  var table = document.getElementById("reading-table");
  var status = document.getElementById("reading-status");
  var blobs = [];

  function byId(id) { return document.getElementById(id); }

  function sharedIds() {
    var m = /(?:^|[#&])ids=([^&]*)/.exec(location.hash);
    if (!m) return [];
    var ids = decodeURIComponent(m[1]).split(",").map(function (s) { return s.trim().toUpperCase(); });
    return ids.filter(function (id, i) { return /^[0-9A-Z-]{3,40}$/.test(id) && ids.indexOf(id) === i; });
  }

  // The address a citation gives: absolute with a base_url, else the site-root path.
  function citeUrl(item) { return (baseUrl || "") + item.path; }

  function tex(text) {
    var map = { "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "&": "\\&", "%": "\\%", "$": "\\$",
      "#": "\\#", "_": "\\_", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}" };
    return String(text).replace(/[\\{}&%$#_~^]/g, function (c) { return map[c]; });
  }
  var MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

  function bibtex(item) {
    var fields = [
      ["author", "{" + tex(item.origin) + "}"],
      ["title", "{" + tex(item.subject || item.id) + "}"],
      ["howpublished", "Diplomatic cable " + tex(item.id) + (item.classification ? ", " + tex(item.classification) : "")]
    ];
    if (/^[0-9]{4}/.test(item.date)) fields.push(["year", item.date.slice(0, 4)]);
    if (/^[0-9]{4}-[0-9]{2}/.test(item.date)) fields.push(["month", MONTHS[Number(item.date.slice(5, 7)) - 1]]);
    fields.push(["url", citeUrl(item).replace(/\{/g, "%7B").replace(/\}/g, "%7D")]);
    return "@misc{" + item.id + ",\n" + fields.map(function (f) { return "  " + f[0] + " = {" + f[1] + "},\n"; }).join("") + "}";
  }

  function csvCell(text) {
    var s = String(text);
    // A leading = + - @ would run as a formula in a spreadsheet.
    if (/^[=+\-@]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function csv(items) {
    var rows = [["id", "date", "subject", "origin", "classification", "url"]].concat(items.map(function (i) {
      return [i.id, i.date, i.subject, i.origin, i.classification, citeUrl(i)];
    }));
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function shareUrl(items) {
    var here = baseUrl ? baseUrl + "reading/index.html" : location.href.split("#")[0];
    return here + "#ids=" + items.map(function (i) { return encodeURIComponent(i.id); }).join(",");
  }

  function download(link, text, type, ext) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    blobs.push(url);
    link.href = url;
    link.download = exportName + "." + ext;
  }

  function cell(row, cls, child) {
    var td = row.insertCell();
    if (cls) td.className = cls;
    if (typeof child === "string") td.textContent = child; else if (child) td.appendChild(child);
    return td;
  }

  function draw(items, editable) {
    blobs.forEach(URL.revokeObjectURL);
    blobs = [];
    var tbody = table.tBodies[0];
    tbody.replaceChildren();
    items.forEach(function (item) {
      var tr = tbody.insertRow();
      cell(tr, "c-date", item.date || "undated");
      var a = document.createElement("a");
      a.href = R.root + item.path;
      a.textContent = item.id;
      cell(tr, "c-id", a);
      cell(tr, "c-subject", item.subject);
      cell(tr, "c-origin", item.origin);
      cell(tr, "c-class", item.classification);
      var remove = null;
      if (editable) {
        remove = document.createElement("button");
        remove.type = "button";
        remove.className = "remove";
        remove.textContent = "Remove";
        remove.setAttribute("aria-label", "Remove " + item.id);
        remove.addEventListener("click", function () { R.remove(item.id); showStored(); });
      }
      cell(tr, "c-remove", remove);
    });
    table.hidden = !items.length;
    byId("reading-export").hidden = !items.length;
    if (!items.length) return;
    byId("share-url").value = shareUrl(items);
    download(byId("export-csv"), csv(items), "text/csv", "csv");
    download(byId("export-bibtex"), items.map(bibtex).join("\n\n") + "\n", "application/x-bibtex", "bib");
    byId("clear-list").hidden = !editable;
  }

  function showStored() {
    var items = R.items();
    status.textContent = items.length
      ? items.length + " cable" + (items.length === 1 ? "" : "s") + " in your reading list."
      : "Your reading list is empty. Save cables from their pages or from search results.";
    draw(items, true);
  }

  // What the offline lookup knows of a cable: its page, date, origin and subject.
  function resolve(id) {
    var S = self.cablegenSearch;
    var unknown = { id: id, subject: "", date: "", origin: "", classification: "", path: "" };
    if (!S) return Promise.resolve(unknown);
    return S.findId(id).then(function (url) {
      if (!url) return null;
      var dir = url.slice(S.root.length + "cable/".length).split("/").slice(0, -1).join("/");
      var year = /^[0-9]{4}/.test(dir) ? dir.slice(0, 4) : "undated";
      var item = { id: id, subject: "", date: year === "undated" ? "undated" : year, origin: "", classification: "", path: "cable/" + dir + "/" + id + ".html" };
      return S.load("index", "lookup/index.js").then(function (index) {
        var parts = ((index && index.subjects) || []).filter(function (p) { return p[0] === year; });
        var next = function (i) {
          if (i >= parts.length) return item;
          return S.load("subjects/" + parts[i][1], "lookup/subjects/" + parts[i][1] + ".js").then(function (rows) {
            var row = (rows || []).find(function (r) { return r[0] === id; });
            if (!row) return next(i + 1);
            item.date = row[2] || item.date;
            item.origin = row[3];
            item.subject = row[4];
            return item;
          });
        };
        return next(0);
      });
    });
  }

  function showShared(ids) {
    var box = byId("reading-import");
    var note = byId("import-status");
    box.hidden = false;
    note.textContent = "Looking up " + ids.length + " shared cable" + (ids.length === 1 ? "" : "s") + "…";
    Promise.all(ids.map(resolve)).then(function (found) {
      var items = found.filter(Boolean);
      var missing = ids.length - items.length;
      note.textContent = "This link shares " + items.length + " cable" + (items.length === 1 ? "" : "s") +
        (missing ? "; " + missing + " of its IDs " + (missing === 1 ? "is" : "are") + " not in this archive" : "") + ".";
      status.textContent = "";
      draw(items, false);
      var button = byId("import-button");
      button.hidden = !R.available || !items.length;
      button.onclick = function () {
        R.add(items);
        history.replaceState(null, "", location.href.split("#")[0]);
        box.hidden = true;
        showStored();
        status.textContent = "Added. " + status.textContent;
      };
    });
  }

  byId("clear-list").addEventListener("click", function () { R.set([]); showStored(); });
  byId("reading-storage").hidden = R.available;
  var ids = sharedIds();
  if (ids.length) showShared(ids); else if (R.available) showStored();
  else status.textContent = "Open a shared reading list link to see its cables here.";
})();
