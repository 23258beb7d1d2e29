// The search page: Pagefind's JS API behind a small UI.
// The URL holds the whole search (q, sort, from/to months, partial, one
// parameter per chosen filter value), so a search can be shared and
// bookmarked and the back button works.
// A classic script, so that from disk it can still hand over to the offline
// lookup (static/search-lookup.js) instead of failing on a module import.
(function () {
  "use strict";
  var S = self.cablegenSearch;
  var Q = self.cablegenQuery;
  var FACETS = ["classification", "origin", "year", "tag", "person"];
  var PAGE = 20;
  var SHOWN = 12; // filter values shown before "show all"
  var EXCERPT = 30; // words
  var MONTH = /^[0-9]{4}-[0-9]{2}$/;
  var page = document.querySelector(".search-page");
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var sortBox = document.getElementById("sort");
  var status = document.getElementById("search-status");
  var partialBox = document.getElementById("search-partial");
  var list = document.getElementById("results");
  var more = document.getElementById("more");
  var aside = document.getElementById("search-filters");
  var facets = document.getElementById("facets");
  var toggle = document.getElementById("filters-toggle");
  var fromBox = document.getElementById("from");
  var toBox = document.getElementById("to");
  var first = page.getAttribute("data-first-month") || "0000-01";
  var last = page.getAttribute("data-last-month") || "9999-12";
  // Side by side with the results, the filters are open; above them, on a
  // narrow screen, they stay behind their button until asked for.
  var wide = window.matchMedia("(min-width: 48.01rem)");
  var pagefind = null;
  var people = null; // lower-cased spelling -> registry name
  var shards = [];
  var run = 0; // the newest search; older ones stop drawing when it changes
  var view = null; // {state, total, fetch(start) -> Promise<results>, words, extra}
  var baseTitle = document.title;
  // Counts need every shard's filter chunks, most of a query's download; a
  // search without filters needs none of them. So on a narrow screen they load
  // the first time the reader opens the filters (or follows a link with filters).
  var archiveCounts = null; // Promise of the counts over the whole archive, once asked for

  function readState() {
    var p = new URLSearchParams(location.search);
    var filters = {};
    FACETS.forEach(function (f) {
      var v = p.getAll(f).filter(Boolean);
      if (v.length) filters[f] = v;
    });
    var sort = p.get("sort");
    var from = p.get("from") || "";
    var to = p.get("to") || "";
    return {
      q: p.get("q") || "", sort: sort === "new" || sort === "old" ? sort : "", filters: filters,
      from: MONTH.test(from) ? from : "", to: MONTH.test(to) ? to : "", partial: p.get("partial") === "1"
    };
  }

  function stateUrl(state) {
    var p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    if (state.sort) p.set("sort", state.sort);
    if (state.from) p.set("from", state.from);
    if (state.to) p.set("to", state.to);
    if (state.partial) p.set("partial", "1");
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

  function pfFilters(state, plan) {
    var out = {};
    Object.keys(state.filters).forEach(function (f) { out[f] = { any: state.filters[f] }; });
    if (plan && plan.person) out.person = { any: [plan.person.name] };
    if (state.from || state.to) out.month = { any: Q.months(state.from, state.to, first, last) };
    return out;
  }

  // What to ask Pagefind for a query. Pagefind matches each word as the start
  // of a word ("ben" finds "Benjamin") and, for a word found nowhere, a shorter
  // start of it ("wikileaks" finds "wiki…"); quoted, it matches whole words in
  // that order. So `text` is asked, and each of `checks` (every word and
  // phrase, quoted) names the cables that hold it whole. One word or phrase is
  // asked quoted itself, so the filter counts and date order are of the whole
  // matches; `loose` is the query unquoted, what partial matches are taken from.
  function plan(state, partial) {
    var parsed = Q.parse(state.q);
    var who = state.filters.person ? null : Q.person(parsed.words, people);
    var words = who ? who.words : parsed.words;
    var quoted = words.map(function (w) { return '"' + w + '"'; })
      .concat(parsed.phrases.map(function (p) { return '"' + p + '"'; }));
    var loose = words.length ? words.concat(parsed.phrases).join(" ") : "";
    var single = quoted.length === 1;
    return {
      text: partial ? loose : single ? quoted[0] : loose || quoted.join(" "),
      checks: partial || !single ? quoted : [],
      loose: loose,
      words: words.concat(parsed.phrases),
      person: who,
      extra: who ? Q.spellings(who.name, people) : []
    };
  }

  async function start() {
    var state = readState();
    putState(state);
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
      for (var i = 1; i < shards.length; i++) {
        await pagefind.mergeIndex(S.root + "pagefind/" + shards[i] + "/");
      }
    } catch (err) {
      status.textContent = "The search index could not be loaded (" + err + ").";
      return;
    }
    people = (await S.load("people", "lookup/people.js")) || {};
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
    partialBox.addEventListener("click", function (event) {
      if (!event.target.matches("button")) return;
      var st = readState();
      st.partial = true;
      go(st);
    });
    more.addEventListener("click", showMore);
    window.addEventListener("popstate", function () {
      var st = readState();
      putState(st);
      show(st);
    });
    if (wide.matches) expand(true);
    show(state);
  }

  function putState(state) {
    input.value = state.q;
    sortBox.value = state.sort;
    fromBox.value = state.from;
    toBox.value = state.to;
  }

  async function onSubmit(event) {
    event.preventDefault();
    var q = input.value.trim();
    var url = await S.findId(q);
    if (url) { location.assign(url); return; }
    var st = readState();
    st.q = q;
    st.partial = false;
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
    var p = plan(state, state.partial);
    var res = hasSearch(state)
      ? (await pagefind.search(p.text || null, { filters: pfFilters(state, p) })).filters
      : all;
    if (mine === run) drawFilters(res, state);
  }

  function onFilter(event) {
    var box = event.target;
    var st = readState();
    if (box === fromBox || box === toBox) {
      st.from = MONTH.test(fromBox.value) ? fromBox.value : "";
      st.to = MONTH.test(toBox.value) ? toBox.value : "";
      go(st);
      return;
    }
    if (!box.matches("input[type=checkbox]")) return;
    var facet = box.getAttribute("data-facet");
    var values = (st.filters[facet] || []).filter(function (v) { return v !== box.value; });
    if (box.checked) values.push(box.value);
    if (values.length) st.filters[facet] = values; else delete st.filters[facet];
    go(st);
  }

  function hasSearch(state) {
    return !!(state.q || Object.keys(state.filters).length || state.from || state.to);
  }

  // Pagefind sorts inside each shard; merged, its results come back by score.
  // Shards are consecutive date ranges, so a date order is rebuilt exactly by
  // asking one shard at a time (the "shard" filter), walking them in order;
  // `keep` (a set of result ids, or null for all) drops the partial matches.
  function dateFetcher(state, p, counts, keep) {
    var order = shards.filter(function (s) { return counts[s]; });
    if (state.sort === "new") order.reverse();
    var found = [];
    var next = 0;
    return async function (start) {
      while (found.length < start + PAGE && next < order.length) {
        var f = pfFilters(state, p);
        f.shard = { any: [order[next++]] };
        var res = await pagefind.search(p.text || null, {
          filters: f, sort: { date: state.sort === "new" ? "desc" : "asc" }
        });
        res.results.forEach(function (r) { if (!keep || keep.has(r.id)) found.push(r); });
      }
      return found.slice(start, start + PAGE);
    };
  }

  // The ids of the results holding every word and phrase whole, or null when
  // the query has nothing to check.
  async function wholeIds(p, filters) {
    if (!p.checks.length) return null;
    var found = await Promise.all(p.checks.map(function (c) {
      return pagefind.search(c, { filters: filters });
    }));
    var keep = null;
    found.forEach(function (res) {
      var ids = new Set(res.results.map(function (r) { return r.id; }));
      keep = keep ? new Set(Array.from(keep).filter(function (id) { return ids.has(id); })) : ids;
    });
    return keep;
  }

  async function show(state) {
    var mine = ++run;
    list.replaceChildren();
    more.hidden = true;
    partialBox.replaceChildren();
    view = null;
    page.dispatchEvent(new CustomEvent("search-view"));
    var hasFilters = Object.keys(state.filters).length > 0;
    document.title = state.q ? state.q + " · " + baseTitle : baseTitle;
    // Chosen filters are shown with their counts, so a shared link says what it narrows.
    if (hasFilters || state.from || state.to) expand(true);
    var counted = !facets.hidden;
    if (!hasSearch(state)) {
      status.textContent = "Type words to search the subject and text of every cable, or pick a filter.";
      var all = counted ? await loadCounts() : null;
      if (all && mine === run) drawFilters(all, state);
      return;
    }
    status.textContent = "Searching…";
    if (counted) await loadCounts();
    var p = plan(state, state.partial);
    var f = pfFilters(state, p);
    // A date order needs each shard's count: asking for every shard loads just
    // that one small filter chunk and leaves the results as they are.
    if (state.sort) f.shard = { any: shards };
    var res = await pagefind.search(p.text || null, { filters: f });
    var keep = await wholeIds(p, pfFilters(state, p));
    var whole = keep ? res.results.filter(function (r) { return keep.has(r.id); }) : res.results;
    var partial = res.results.length - whole.length;
    var loose = res.results;
    if (!state.partial && p.loose && p.loose !== p.text) {
      loose = (await pagefind.search(p.loose, { filters: pfFilters(state, p) })).results;
      partial = loose.length - whole.length;
    }
    if (mine !== run) return;
    if (counted) drawFilters(res.filters, state);
    var shown = state.partial && keep
      ? whole.concat(res.results.filter(function (r) { return !keep.has(r.id); }))
      : whole;
    var fetch = state.sort
      ? dateFetcher(state, p, (res.filters && res.filters.shard) || {}, state.partial ? null : keep)
      : function (start) { return Promise.resolve(shown.slice(start, start + PAGE)); };
    view = { state: state, total: shown.length, fetch: fetch, shown: 0, run: mine, words: p.words, extra: p.extra };
    await say(state, p, whole.length, partial, loose.filter(function (r) { return !keep || !keep.has(r.id); }));
    if (mine !== run) return;
    page.dispatchEvent(new CustomEvent("search-view"));
    await showMore();
  }

  // The status line: how many match, and what was made of the query.
  async function say(state, p, whole, partial, loose) {
    var what = state.q ? "“" + state.q + "”" : "these filters";
    var count = function (n) { return n + " cable" + (n === 1 ? "" : "s"); };
    var lines = [];
    if (p.person) {
      var others = p.extra.filter(function (s) { return s !== p.person.spelling.toLowerCase(); });
      lines.push("“" + p.person.spelling + "” is read as " + p.person.name +
        (others.length ? " (also written " + others.join(", ") + ")" : "") + ".");
    }
    if (whole) {
      lines.push(count(whole) + (whole === 1 ? " matches " : " match ") + what + ".");
    } else {
      lines.push(p.words.length ? "No cable contains " + what + "." : "No cable matches " + what + ".");
    }
    if (partial) {
      var stem = await partialStem(p, loose[0]);
      if (state.partial) {
        lines.push("Showing also " + count(partial) + " with words that only begin like " + stem + ", after the whole matches.");
      } else {
        var b = S.el("button", "partial-show", "Show " + count(partial) + " with words that only begin like " + stem);
        b.type = "button";
        partialBox.appendChild(b);
      }
    }
    status.textContent = lines.join(" ");
  }

  // "“wiki…”": the start of a query word that the best partial match has.
  async function partialStem(p, r) {
    var d = r ? await r.data() : null;
    if (!d) return "the words searched for";
    var seen = d.content.split(/\s+/).filter(Boolean);
    var best = "";
    p.words.forEach(function (w) {
      var want = Q.plain(w);
      d.locations.forEach(function (i) {
        var have = Q.sharedStart(seen[i] || "", want);
        if (have.length > best.length) best = have;
      });
    });
    return best ? "“" + best + "…”" : "the words searched for";
  }

  async function showMore() {
    var v = view;
    if (!v) return;
    var batch = await v.fetch(v.shown);
    var data = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (v.run !== run) return;
    data.forEach(function (d) { list.appendChild(drawResult(d, v)); });
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

  // Built from words as text nodes and <mark>: nothing from a cable ever
  // reaches the page as markup.
  function drawExcerpt(d, v) {
    var strict = v.state.partial ? null : v.words.join(" ").split(/\s+/);
    var ex = Q.excerpt(d.content || "", d.locations, (d.meta || {}).title, v.extra, EXCERPT, strict);
    var p = S.el("p", "result-excerpt");
    if (ex.before) p.appendChild(document.createTextNode("… "));
    ex.words.forEach(function (w, i) {
      if (i) p.appendChild(document.createTextNode(" "));
      p.appendChild(w.hit ? S.el("mark", null, w.text) : document.createTextNode(w.text));
    });
    if (ex.after) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function drawResult(d, v) {
    var meta = d.meta || {};
    var li = S.el("li", "result");
    var h = S.el("h3", "result-title");
    var a = S.el("a");
    var words = v.words.concat(v.extra);
    a.href = pageUrl(d, words.join(" ").split(/\s+/).filter(Boolean));
    a.appendChild(S.el("span", "result-id", meta.id || ""));
    a.appendChild(document.createTextNode(" " + (meta.title || "")));
    h.appendChild(a);
    li.appendChild(h);
    var line = S.el("p", "result-meta", [meta.date || "undated", meta.post || meta.origin].filter(Boolean).join(" · "));
    if (meta.classification) {
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(S.el("span", "result-class level-" + (meta.level || "unknown"), meta.classification));
    }
    li.appendChild(line);
    li.appendChild(drawExcerpt(d, v));
    var reading = self.cablegenReading; // static/reading-store.js: the "Save" button
    if (reading) {
      li.appendChild(reading.saveButton({ id: meta.id, subject: meta.title, date: meta.date || "undated",
        origin: meta.post || meta.origin, classification: meta.classification, path: reading.pathOf(a.href) }));
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
      var all = box.querySelector(".facet-all");
      if (all) all.remove();
      if (keys.length > SHOWN) {
        all = S.el("button", "facet-all", "Show all " + keys.length);
        all.type = "button";
        all.addEventListener("click", function () {
          box.classList.toggle("open");
          all.textContent = box.classList.contains("open") ? "Show fewer" : "Show all " + keys.length;
        });
        box.appendChild(all);
      }
    });
  }

  // For the download (static/search-export.js): the search on show, and its results' data.
  self.cablegenView = function () { return view; };
  start();
})();
