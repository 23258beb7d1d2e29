// The sharded search index, opened shard by shard (see generator/search/index.py).
// Each shard of pagefind/ is a Pagefind index of its own, opened the first time
// a query needs it; the shard directory (pagefind/_shards/, one page per shard
// holding its words and filter values) says which shards can hold a match, so
// a rare word opens only its own. Read by search.js as cablegenShards.
// A classic script (see search-lookup.js).
(function () {
  "use strict";
  var WASM = /\/pagefind\/[^/?#]+\/(wasm\.[A-Za-z0-9_-]+\.pagefind)(?:[?#].*)?$/;

  // Every shard folder holds the same Pagefind runtime. Each instance fetches
  // its WebAssembly from its own folder, which would download it once per
  // shard; instances run on the page's thread, so their fetches of it are
  // answered from one download here (wasm-bindgen then keeps its first module).
  function shareWasm(base) {
    var real = self.fetch.bind(self);
    var kept = {};
    self.fetch = function (input, init) {
      var url = typeof input === "string" ? input : input && input.url;
      var m = url ? WASM.exec(url) : null;
      if (!m) return real(input, init);
      if (!kept[m[1]]) {
        kept[m[1]] = real(base + m[1]).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status + " for " + base + m[1]);
          return r.arrayBuffer();
        });
      }
      return kept[m[1]].then(function (buf) { return new Response(buf.slice(0)); });
    };
  }

  // `names`: the shards in chronological order; `mod`: the pagefind.js module.
  function open(root, names, mod) {
    var base = root + "pagefind/";
    shareWasm(base + names[0] + "/");
    var opened = {};
    var directory = null; // a Pagefind instance, or false once it failed to load

    function shard(name) {
      if (!opened[name]) opened[name] = mod.createInstance({ basePath: base + name + "/", noWorker: true });
      return opened[name];
    }

    // The shards, in chronological order, that can hold a page with every one
    // of `words` (unquoted) and a value of each filter of `filters`. Without a
    // directory (an index built before it), every shard.
    async function candidates(words, filters) {
      if (!words && !Object.keys(filters).length) return names.slice();
      if (directory === null) directory = mod.createInstance({ basePath: base + "_shards/", noWorker: true });
      if (directory === false) return names.slice();
      var f = Object.assign({}, filters, { shard: { any: names } });
      try {
        var res = await directory.search(words || null, { filters: f });
        var found = (res.filters && res.filters.shard) || {};
        return names.filter(function (n) { return found[n] > 0; });
      } catch (err) {
        directory = false;
        return names.slice();
      }
    }

    return { names: names, shard: shard, candidates: candidates };
  }

  self.cablegenShards = { open: open };
})();
