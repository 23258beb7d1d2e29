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
  var FIRST = 2; // shards the first results wait for
  var BATCH = 4; // shards asked at once after them
  // A filter value no page has: asking for pages without it loads that filter's
  // counts and leaves the results as they are.
  var NOTHING = "\u0000";
  var index = null; // cablegenShards.open(...): the shards, opened as queries need them
  var people = null; // lower-cased spelling -> registry name
  var run = 0; // the newest search; older ones stop drawing when it changes
  var view = null; // see newView
  var baseTitle = document.title;
  // Counts need each shard's chunk of a filter, most of a query's download when
  // all are loaded; so a facet's counts load only once the reader opens it (or
  // follows a link with one of its values chosen), over the shards searched.
  var opened = new Set(); // the facets whose counts are shown

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
    var shards = (await S.load("shards", "shards.js")) || [];
    if (!shards.length) {
      status.textContent = "The search index is missing: this archive was built without it.";
      return;
    }
    try {
      // The runtime is loaded once, from the first shard; every shard is an instance of it.
      var mod = await import(S.root + "pagefind/" + shards[0] + "/pagefind.js");
      index = self.cablegenShards.open(S.root, shards, mod);
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
    toggle.addEventListener("click", function () { expand(facets.hidden); });
    facetButtons();
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

  // Each facet opens by its own button: its counts are loaded then, not before.
  function facetButtons() {
    FACETS.forEach(function (facet) {
      var box = aside.querySelector('[data-facet="' + facet + '"]');
      var b = S.el("button", "facet-open", "Show counts");
      b.type = "button";
      b.setAttribute("aria-expanded", "false");
      b.addEventListener("click", function () { openFacet(facet); });
      box.querySelector("legend").after(b);
    });
  }

  async function openFacet(facet) {
    if (opened.has(facet)) return;
    opened.add(facet);
    var v = view;
    if (!v || !hasSearch(v.state)) { show(readState()); return; }
    var box = aside.querySelector('[data-facet="' + facet + '"]');
    box.querySelector(".facet-open").hidden = true;
    box.setAttribute("aria-busy", "true");
    var note = S.el("p", "facets-loading", "Loading the counts…");
    box.querySelector("ul").before(note);
    await fillFacets(v);
    note.remove();
    box.removeAttribute("aria-busy");
  }

  // Loads the counts of every open facet that a shard already searched lacks.
  async function fillFacets(v) {
    var asks = [];
    v.answers.forEach(function (a) {
      opened.forEach(function (facet) {
        if (a.facets.has(facet)) return;
        a.facets.add(facet);
        var f = facetFilters(v.state, v.plan, [facet]);
        asks.push(index.shard(a.name).search(v.plan.text || null, { filters: f })
          .then(function (res) { add(a.counts, res.filters || {}, facet); }));
      });
    });
    await Promise.all(asks);
    if (v === view) drawFilters(v);
  }

  // The filters of a search, asking besides for the counts of the `facets` open.
  function facetFilters(state, p, facets) {
    var f = pfFilters(state, p);
    facets.forEach(function (x) { if (!f[x]) f[x] = { none: [NOTHING] }; });
    return f;
  }

  // Adds the counts of `from` (of one shard) into `into`, for one facet or all.
  function add(into, from, facet) {
    Object.keys(from).forEach(function (f) {
      if (facet && f !== facet) return;
      var have = into[f] = into[f] || {};
      Object.keys(from[f]).forEach(function (k) { have[k] = (have[k] || 0) + from[f][k]; });
    });
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

  // The ids of the results holding every word and phrase whole, or null when
  // the query has nothing to check.
  async function wholeIds(pf, p, filters) {
    if (!p.checks.length) return null;
    var found = await Promise.all(p.checks.map(function (c) {
      return pf.search(c, { filters: filters });
    }));
    var keep = null;
    found.forEach(function (res) {
      var ids = new Set(res.results.map(function (r) { return r.id; }));
      keep = keep ? new Set(Array.from(keep).filter(function (id) { return ids.has(id); })) : ids;
    });
    return keep;
  }

  // One shard's answer to the search: its results in the order shown (by date
  // when sorted by date: Pagefind sorts inside a shard), split into whole and
  // partial matches, and its filter counts.
  async function askShard(name, state, p) {
    var pf = index.shard(name);
    var facets = new Set(opened);
    var opts = { filters: facetFilters(state, p, Array.from(facets)) };
    if (state.sort) opts.sort = { date: state.sort === "new" ? "desc" : "asc" };
    var res = await pf.search(p.text || null, opts);
    var keep = await wholeIds(pf, p, pfFilters(state, p));
    var whole = keep ? res.results.filter(function (r) { return keep.has(r.id); }) : res.results;
    var loose = res.results;
    if (!state.partial && p.loose && p.loose !== p.text) {
      loose = (await pf.search(p.loose, { filters: pfFilters(state, p) })).results;
    }
    var rest = state.partial && keep ? res.results.filter(function (r) { return !keep.has(r.id); }) : [];
    return {
      name: name, whole: whole, rest: rest, dated: state.partial && state.sort ? res.results : null,
      partial: loose.length - whole.length, counts: {}, facets: facets,
      others: loose.filter(function (r) { return !keep || !keep.has(r.id); }), filters: res.filters || {}
    };
  }

  // The search on show. Its shards are asked in batches, the first results
  // drawn as soon as the first batch answers, the count refined as the others
  // do; `list` holds the results in the order shown, its first `shown` fixed.
  function newView(state, p, mine, order) {
    var v = {
      state: state, plan: p, run: mine, order: order, answers: [], list: [], shown: 0, total: 0,
      done: false, words: p.words, extra: p.extra, waiting: []
    };
    // Results from `start` on: by date they come in order shard by shard; by
    // relevance the order is known only once every shard has answered.
    v.fetch = async function (start) {
      while (!v.done && (!state.sort || v.list.length < start + PAGE)) {
        await new Promise(function (resolve) { v.waiting.push(resolve); });
      }
      return v.list.slice(start, start + PAGE);
    };
    return v;
  }

  function take(v, answers) {
    answers.forEach(function (a) {
      a.counts = {};
      // Only the facets asked for: a shard's filters hold any others it loaded before.
      a.facets.forEach(function (f) { add(a.counts, a.filters, f); });
      v.answers.push(a);
    });
    if (v.state.sort) {
      answers.forEach(function (a) { v.list = v.list.concat(a.dated || a.whole); });
    } else {
      var byScore = function (x, y) { return y.score - x.score; };
      var all = [].concat.apply([], v.answers.map(function (a) { return a.whole; })).sort(byScore);
      var rest = [].concat.apply([], v.answers.map(function (a) { return a.rest; })).sort(byScore);
      var fixed = v.list.slice(0, v.shown >= PAGE ? v.shown : 0);
      var ids = new Set(fixed.map(function (r) { return r.id; }));
      v.list = fixed.concat(all.concat(rest).filter(function (r) { return !ids.has(r.id); }));
    }
    v.total = v.list.length;
    v.done = v.answers.length === v.order.length;
    v.waiting.splice(0).forEach(function (resolve) { resolve(); });
  }

  async function show(state) {
    var mine = ++run;
    page.removeAttribute("data-search");
    list.replaceChildren();
    more.hidden = true;
    partialBox.replaceChildren();
    view = null;
    page.dispatchEvent(new CustomEvent("search-view"));
    document.title = state.q ? state.q + " · " + baseTitle : baseTitle;
    // Chosen filters are shown with their counts, so a shared link says what it narrows.
    Object.keys(state.filters).forEach(function (f) { opened.add(f); });
    if (Object.keys(state.filters).length || state.from || state.to) expand(true);
    var p = plan(state, state.partial);
    if (!hasSearch(state)) {
      status.textContent = "Type words to search the subject and text of every cable, or pick a filter.";
      if (opened.size) await counting(state, p, mine, index.names.slice());
      return;
    }
    status.textContent = "Searching…";
    var order = await index.candidates(p.words.join(" "), pfFilters(state, p));
    if (mine !== run) return;
    if (state.sort !== "old") order.reverse(); // newest first, unless asked otherwise
    var v = newView(state, p, mine, order);
    view = v;
    var at = 0;
    while (at < order.length && mine === run) {
      var size = at ? BATCH : FIRST;
      var batch = order.slice(at, at + size);
      at += size;
      take(v, await Promise.all(batch.map(function (name) { return askShard(name, state, p); })));
      if (mine !== run) return;
      await fillFacets(v);
      await say(v);
      if (mine !== run) return;
      page.dispatchEvent(new CustomEvent("search-view"));
      if (v.shown < PAGE) {
        // Until the first page is full it is drawn again in the order known so far.
        if (!state.sort && v.shown) { list.replaceChildren(); v.shown = 0; }
        await draw(v, v.list.slice(v.shown, PAGE));
      }
      more.hidden = v.shown >= v.total && v.done;
    }
    if (!order.length) { take(v, []); drawFilters(v); await say(v); }
    if (mine !== run) return;
    page.dispatchEvent(new CustomEvent("search-view"));
    page.setAttribute("data-search", "done"); // for those waiting on the whole answer
  }

  // Counts of the open facets with no search: over every shard, batch by batch.
  async function counting(state, p, mine, order) {
    var v = newView(state, p, mine, order);
    view = v;
    for (var at = 0; at < order.length && mine === run; at += BATCH) {
      var batch = order.slice(at, at + BATCH);
      var answers = await Promise.all(batch.map(function (name) {
        var facets = new Set(opened);
        return index.shard(name).search(null, { filters: facetFilters(state, p, Array.from(facets)) })
          .then(function (res) {
            return { name: name, whole: [], rest: [], others: [], partial: 0, facets: facets, filters: res.filters || {} };
          });
      }));
      if (mine !== run) return;
      take(v, answers);
      await fillFacets(v);
    }
  }

  // The status line: how many match, and what was made of the query.
  async function say(v) {
    var state = v.state;
    var p = v.plan;
    var whole = 0;
    var partial = 0;
    var loose = [];
    v.answers.forEach(function (a) {
      whole += a.whole.length;
      partial += a.partial;
      if (!loose.length) loose = a.others;
    });
    var what = state.q ? "“" + state.q + "”" : "these filters";
    var count = function (n) { return n + " cable" + (n === 1 ? "" : "s"); };
    var lines = [];
    if (p.person) {
      var others = p.extra.filter(function (s) { return s !== p.person.spelling.toLowerCase(); });
      lines.push("“" + p.person.spelling + "” is read as " + p.person.name +
        (others.length ? " (also written " + others.join(", ") + ")" : "") + ".");
    }
    if (!v.done) {
      lines.push("So far " + count(whole) + (whole === 1 ? " matches " : " match ") + what +
        " (" + v.answers.length + " of " + v.order.length + " parts of the index searched)…");
    } else if (whole) {
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
        partialBox.replaceChildren(b);
      }
    }
    if (v.run !== run) return;
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
    await draw(v, await v.fetch(v.shown));
  }

  // Draws `batch`, the results of `v` that follow those drawn; from here on
  // their place in its order is fixed.
  async function draw(v, batch) {
    if (batch.length && list.childElementCount !== v.shown) return; // drawn meanwhile
    v.shown += batch.length;
    var data = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (v.run !== run) return;
    data.forEach(function (d) { list.appendChild(drawResult(d, v)); });
    more.hidden = v.shown >= v.total && v.done;
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

  // The counts of the open facets, summed over the shards `v` searched so far.
  function drawFilters(v) {
    var counts = {};
    var state = v.state;
    v.answers.forEach(function (a) { add(counts, a.counts); });
    aside.hidden = false;
    FACETS.forEach(function (facet) {
      var box = aside.querySelector('[data-facet="' + facet + '"]');
      var button = box.querySelector(".facet-open");
      if (button) button.hidden = opened.has(facet);
      var partNote = box.querySelector(".facet-part");
      if (partNote) partNote.remove();
      if (!opened.has(facet)) {
        box.hidden = false;
        box.querySelector("ul").replaceChildren();
        return;
      }
      if (!v.done) {
        box.querySelector("ul").before(S.el("p", "facet-part facets-loading",
          "Counted in " + v.answers.length + " of " + v.order.length + " parts of the index so far…"));
      }
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
