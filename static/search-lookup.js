// The offline lookup, and the jump to a cable by its ID.
// A classic script on purpose: opened from disk (file://) a browser refuses
// module scripts, fetch() and workers, but still runs <script src> files, so
// the lookup data (written by generator/search/lookup.py) is loaded that way.
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : location.href;
  var root = new URL("../", here).href; // this file lives in static/
  var loading = {};
  var ID = /^[0-9]{2}[A-Z][A-Z0-9-]*[0-9]$/;

  // Loads search/<path> once and resolves with cablegenData[key] (undefined if missing).
  function load(key, path) {
    var data = self.cablegenData || {};
    if (Object.prototype.hasOwnProperty.call(data, key)) return Promise.resolve(data[key]);
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = root + "search/" + path;
        s.onload = function () { resolve((self.cablegenData || {})[key]); };
        s.onerror = function () { resolve(undefined); };
        document.head.appendChild(s);
      });
    }
    return loading[key];
  }

  // Same rule as generator.lookup.normal_id: "09 astana 2159" -> "09ASTANA2159".
  function normalId(text) { return text.replace(/\s+/g, "").toUpperCase(); }

  function looksLikeId(text) { return ID.test(normalId(text)); }

  function idKey(id) { return (normalId(id).slice(0, 3).replace(/[^A-Z0-9]/g, "_")) || "_"; }

  function cableUrl(id, dir) { return root + "cable/" + dir + "/" + id + ".html"; }

  // The IDs `text` may stand for: as typed, and without the zeros a cable pads
  // its serial with ("08TUNIS0679", "09 ASTANA 002159" -> "08TUNIS679", "09ASTANA2159").
  function idForms(text) {
    var id = normalId(text);
    var padded = /^([0-9]{2}[A-Z][A-Z-]*[A-Z])0+([1-9][0-9]*)$/.exec(id);
    return padded ? [id, padded[1] + padded[2]] : [id];
  }

  // Resolves with the URL of the cable whose ID is `text`, or null.
  function findId(text) {
    if (!looksLikeId(text)) return Promise.resolve(null);
    var forms = idForms(text);
    var key = idKey(forms[0]);
    return load("ids/" + key, "lookup/ids/" + key + ".js").then(function (ids) {
      var id = forms.find(function (f) { return ids && Object.prototype.hasOwnProperty.call(ids, f); });
      return id ? cableUrl(id, ids[id]) : null;
    });
  }

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  // Offline search by subject words: every word must start a word of the subject.
  // Parts are loaded one after another (newest years first) so results appear early.
  function searchSubjects(text, onProgress, limit) {
    var want = words(text);
    var found = [];
    var total = 0;
    var matches = function (subject) {
      var have = words(subject);
      return want.every(function (w) {
        return have.some(function (h) { return h.indexOf(w) === 0; });
      });
    };
    return load("index", "lookup/index.js").then(function (index) {
      if (!index) return null;
      var parts = index.subjects;
      var step = function (i) {
        if (i >= parts.length || !want.length) return Promise.resolve({ rows: found, total: total });
        var stem = parts[i][1];
        return load("subjects/" + stem, "lookup/subjects/" + stem + ".js").then(function (rows) {
          // Rows are oldest first within a part; show the newest first.
          (rows || []).slice().reverse().forEach(function (r) {
            if (matches(r[4])) {
              total += 1;
              if (found.length < limit) found.push(r);
            }
          });
          onProgress(i + 1, parts.length, total);
          return step(i + 1);
        });
      };
      return step(0);
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showRows(list, rows) {
    list.replaceChildren();
    rows.forEach(function (r) {
      var li = el("li", "result");
      var h = el("h3", "result-title");
      var a = el("a", null, r[0] + " — " + r[4]);
      a.href = cableUrl(r[0], r[1]);
      h.appendChild(a);
      li.appendChild(h);
      li.appendChild(el("p", "result-meta", [r[2] || "undated", r[3]].join(" · ")));
      list.appendChild(li);
    });
  }

  // The whole page when opened from disk: notice, then lookups by ID or subject.
  function offline(q) {
    var status = document.getElementById("search-status");
    var list = document.getElementById("results");
    document.getElementById("offline").hidden = false;
    document.getElementById("search-order").hidden = true;
    if (!q.trim()) return;
    status.textContent = "Looking up…";
    findId(q).then(function (url) {
      if (url) { location.replace(url); return; }
      var shown = 50;
      searchSubjects(q, function (done, all, total) {
        status.textContent = "Searching subjects: " + done + " of " + all + " parts, " + total + " found…";
      }, shown).then(function (res) {
        if (!res) {
          status.textContent = "The lookup files are missing: this archive was built without its search index.";
          return;
        }
        showRows(list, res.rows);
        var more = res.total > shown ? " (showing the newest " + shown + ")" : "";
        status.textContent = res.total
          ? res.total + " cable" + (res.total === 1 ? "" : "s") + " with “" + q.trim() + "” in the subject" + more + "."
          : (looksLikeId(q) ? "No cable with the ID " + normalId(q) + ", and no subject matches." : "No subject matches “" + q.trim() + "”.");
      });
    });
  }

  self.cablegenSearch = {
    root: root, load: load, normalId: normalId, looksLikeId: looksLikeId,
    findId: findId, offline: offline, el: el
  };
})();
