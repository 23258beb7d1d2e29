// The search page: Pagefind's JS API behind a small UI.
// The URL holds the whole search (q, sort, one parameter per chosen filter
// value), so a search can be shared and bookmarked and the back button works.
// A classic script, so that from disk it can still hand over to the offline
// lookup (static/search-lookup.js) instead of failing on a module import.
(function () {
  "use strict";
  var S = self.cablegenSearch;
  var FACETS = ["classification", "origin", "year", "tag", "person"];
  var PAGE = 20;
  var SHOWN = 12; // filter values shown before "show all"
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var sortBox = document.getElementById("sort");
  var status = document.getElementById("search-status");
  var list = document.getElementById("results");
  var more = document.getElementById("more");
  var aside = document.getElementById("search-filters");
  var facets = document.getElementById("facets");
  var toggle = document.getElementById("filters-toggle");
  var pagefind = null;
  var shards = [];
  var run = 0; // the newest search; older ones stop drawing when it changes
  var view = null; // {state, total, fetch(start) -> Promise<results>}
  var baseTitle = document.title;
  // Counts need every shard's filter chunks, most of a query's download; a
  // search without filters needs none of them. So they load the first time the
  // reader opens the filters (or follows a link with filters chosen).
  var archiveCounts = null; // Promise of the counts over the whole archive, once asked for

  function readState() {
    var p = new URLSearchParams(location.search);
    var filters = {};
    FACETS.forEach(function (f) {
      var v = p.getAll(f).filter(Boolean);
      if (v.length) filters[f] = v;
    });
    var sort = p.get("sort");
    return { q: p.get("q") || "", sort: sort === "new" || sort === "old" ? sort : "", filters: filters };
  }

  function stateUrl(state) {
    var p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    if (state.sort) p.set("sort", state.sort);
    FACETS.forEach(function (f) {
      (state.filters[f] || []).forEach(function (v) { p.append(f, v); });
    });
    var s = p.toString();
    return location.pathname + (s ? "?" + s : "");
  }

  function go(state) {
    history.pushState(null, "", stateUrl(state));
    show(state);
  }

  function pfFilters(filters) {
    var out = {};
    Object.keys(filters).forEach(function (f) { out[f] = { any: filters[f] }; });
    return out;
  }

  async function start() {
    var state = readState();
    input.value = state.q;
    sortBox.value = state.sort;
    if (location.protocol === "file:") { S.offline(state.q); return; }
    var url = await S.findId(state.q);
    if (url) { location.replace(url); return; }
    shards = (await S.load("shards", "shards.js")) || [];
    if (!shards.length) {
      status.textContent = "The search index is missing: this archive was built without it.";
      return;
    }
    try {
      pagefind = await import(S.root + "pagefind/" + shards[0] + "/pagefind.js");
      await pagefind.options({ excerptLength: 30 });
      for (var i = 1; i < shards.length; i++) {
        await pagefind.mergeIndex(S.root + "pagefind/" + shards[i] + "/");
      }
    } catch (err) {
      status.textContent = "The search index could not be loaded (" + err + ").";
      return;
    }
    form.addEventListener("submit", onSubmit);
    sortBox.addEventListener("change", function () {
      var st = readState();
      st.sort = sortBox.value;
      go(st);
    });
    aside.addEventListener("change", onFilter);
    aside.hidden = false;
    toggle.addEventListener("click", function () {
      expand(facets.hidden);
      if (!facets.hidden) showCounts(readState());
    });
    more.addEventListener("click", showMore);
    window.addEventListener("popstate", function () {
      var st = readState();
      input.value = st.q;
      sortBox.value = st.sort;
      show(st);
    });
    show(state);
  }

  async function onSubmit(event) {
    event.preventDefault();
    var q = input.value.trim();
    var url = await S.findId(q);
    if (url) { location.assign(url); return; }
    var st = readState();
    st.q = q;
    go(st);
  }

  function expand(open) {
    facets.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  // Loads every filter chunk once; a search afterwards comes back with counts.
  // At the scale of the archive that is megabytes: say so while it loads.
  function loadCounts() {
    if (!archiveCounts) {
      var note = S.el("p", "facets-loading", "Loading the counts…");
      facets.prepend(note);
      facets.setAttribute("aria-busy", "true");
      archiveCounts = pagefind.filters().finally(function () {
        note.remove();
        facets.removeAttribute("aria-busy");
      });
    }
    return archiveCounts;
  }

  // Draws the counts of the search `state` once the filter chunks are in.
  async function showCounts(state) {
    var mine = run;
    var all = await loadCounts();
    var res = state.q || Object.keys(state.filters).length
      ? (await pagefind.search(state.q || null, { filters: pfFilters(state.filters) })).filters
      : all;
    if (mine === run) drawFilters(res, state);
  }

  function onFilter(event) {
    var box = event.target;
    if (!box.matches("input[type=checkbox]")) return;
    var st = readState();
    var facet = box.getAttribute("data-facet");
    var values = (st.filters[facet] || []).filter(function (v) { return v !== box.value; });
    if (box.checked) values.push(box.value);
    if (values.length) st.filters[facet] = values; else delete st.filters[facet];
    go(st);
  }

  // Pagefind sorts inside each shard; merged, its results come back by score.
  // Shards are consecutive date ranges, so a date order is rebuilt exactly by
  // asking one shard at a time (the "shard" filter), walking them in order.
  function dateFetcher(state, counts) {
    var order = shards.filter(function (s) { return counts[s]; });
    if (state.sort === "new") order.reverse();
    var cache = {};
    return async function (start) {
      var out = [];
      var offset = 0;
      for (var i = 0; i < order.length && out.length < PAGE; i++) {
        var name = order[i];
        var n = counts[name];
        if (offset + n > start + out.length) {
          if (!cache[name]) {
            var f = pfFilters(state.filters);
            f.shard = { any: [name] };
            cache[name] = (await pagefind.search(state.q || null, {
              filters: f, sort: { date: state.sort === "new" ? "desc" : "asc" }
            })).results;
          }
          var from = Math.max(0, start + out.length - offset);
          out = out.concat(cache[name].slice(from, from + PAGE - out.length));
        }
        offset += n;
      }
      return out;
    };
  }

  async function show(state) {
    var mine = ++run;
    list.replaceChildren();
    more.hidden = true;
    view = null;
    var hasFilters = Object.keys(state.filters).length > 0;
    document.title = state.q ? state.q + " · " + baseTitle : baseTitle;
    // Chosen filters are shown with their counts, so a shared link says what it narrows.
    if (hasFilters) expand(true);
    var counted = !facets.hidden;
    if (!state.q && !hasFilters) {
      status.textContent = "Type words to search the subject and text of every cable, or pick a filter.";
      var all = counted ? await loadCounts() : null;
      if (all && mine === run) drawFilters(all, state);
      return;
    }
    status.textContent = "Searching…";
    if (counted) await loadCounts();
    var f = pfFilters(state.filters);
    // A date order needs each shard's count: asking for every shard loads just
    // that one small filter chunk and leaves the results as they are.
    if (state.sort) f.shard = { any: shards };
    var res = await pagefind.search(state.q || null, { filters: f });
    if (mine !== run) return;
    if (counted) drawFilters(res.filters, state);
    var total = res.results.length;
    var fetch = state.sort
      ? dateFetcher(state, (res.filters && res.filters.shard) || {})
      : function (start) { return Promise.resolve(res.results.slice(start, start + PAGE)); };
    view = { state: state, total: total, fetch: fetch, shown: 0, run: mine };
    var what = state.q ? "“" + state.q + "”" : "these filters";
    status.textContent = total
      ? total + " cable" + (total === 1 ? "" : "s") + " match " + what + "."
      : "No cable matches " + what + ".";
    await showMore();
  }

  async function showMore() {
    var v = view;
    if (!v) return;
    var batch = await v.fetch(v.shown);
    var data = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (v.run !== run) return;
    var words = (v.state.q.match(/[\p{L}\p{N}]+/gu) || []);
    data.forEach(function (d) { list.appendChild(drawResult(d, words)); });
    v.shown += batch.length;
    more.hidden = v.shown >= v.total;
  }

  function pageUrl(d, words) {
    // Pagefind gives "/cable/…" (or a full URL for merged shards): make it relative to the root.
    var m = /(cable\/(?:[0-9]{4}\/)?(?:[0-9]{2}|undated)\/[^/?#]+\.html)/.exec(d.url) ||
      /(cable\/undated\/[^/?#]+\.html)/.exec(d.url);
    var url = S.root + (m ? m[1] : d.url.replace(/^\/+/, ""));
    if (!words.length) return url;
    return url + "?" + words.map(function (w) { return "highlight=" + encodeURIComponent(w); }).join("&");
  }

  // The excerpt is parsed inert and rebuilt from text and <mark> only: nothing
  // from a cable ever reaches the page as markup.
  function excerpt(html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var p = S.el("p", "result-excerpt");
    doc.body.firstChild.childNodes.forEach(function (n) {
      p.appendChild(n.nodeName === "MARK" ? S.el("mark", null, n.textContent) : document.createTextNode(n.textContent));
    });
    return p;
  }

  function drawResult(d, words) {
    var meta = d.meta || {};
    var li = S.el("li", "result");
    var h = S.el("h3", "result-title");
    var a = S.el("a");
    a.href = pageUrl(d, words);
    a.appendChild(S.el("span", "result-id", meta.id || ""));
    a.appendChild(document.createTextNode(" " + (meta.title || "")));
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(S.el("p", "result-meta",
      [meta.date || "undated", meta.origin, meta.classification].filter(Boolean).join(" · ")));
    li.appendChild(excerpt(d.excerpt || ""));
    var reading = self.cablegenReading; // static/reading-store.js: the "Save" button
    if (reading) {
      li.appendChild(reading.saveButton({ id: meta.id, subject: meta.title, date: meta.date || "undated",
        origin: meta.origin, classification: meta.classification, path: reading.pathOf(a.href) }));
    }
    return li;
  }

  function drawFilters(counts, state) {
    counts = counts || {};
    aside.hidden = false;
    FACETS.forEach(function (facet) {
      var box = aside.querySelector('[data-facet="' + facet + '"]');
      var ul = box.querySelector("ul");
      var values = counts[facet] || {};
      var chosen = state.filters[facet] || [];
      var keys = Object.keys(values).filter(function (k) { return values[k] > 0 || chosen.indexOf(k) >= 0; });
      chosen.forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
      keys.sort(facet === "year"
        ? function (a, b) { return b.localeCompare(a); }
        : function (a, b) { return (values[b] || 0) - (values[a] || 0) || a.localeCompare(b); });
      ul.replaceChildren();
      box.hidden = keys.length === 0;
      keys.forEach(function (k, i) {
        var li = S.el("li");
        if (i >= SHOWN && chosen.indexOf(k) < 0) li.className = "facet-extra";
        var label = S.el("label");
        var cb = S.el("input");
        cb.type = "checkbox";
        cb.value = k;
        cb.setAttribute("data-facet", facet);
        cb.checked = chosen.indexOf(k) >= 0;
        label.appendChild(cb);
        label.appendChild(document.createTextNode(" " + k + " "));
        label.appendChild(S.el("span", "count", "(" + (values[k] || 0) + ")"));
        li.appendChild(label);
        ul.appendChild(li);
      });
      var toggle = box.querySelector(".facet-all");
      if (toggle) toggle.remove();
      if (keys.length > SHOWN) {
        toggle = S.el("button", "facet-all", "Show all " + keys.length);
        toggle.type = "button";
        toggle.addEventListener("click", function () {
          box.classList.toggle("open");
          toggle.textContent = box.classList.contains("open") ? "Show fewer" : "Show all " + keys.length;
        });
        box.appendChild(toggle);
      }
    });
  }

  start();
})();
