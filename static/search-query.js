// What the search page makes of a query and of a result, with no page state:
// the query split into words and quoted phrases, a person's spelling found in
// it, the months of a date range, the body-only excerpt, the download files.
// A classic script (see search-lookup.js) that search.js reads as cablegenQuery.
(function () {
  "use strict";
  var WORD = /[\p{L}\p{N}]/u;

  // "ben ali" 'x "human rights" y' -> {words: ["x", "y"], phrases: ["human rights"]}.
  function parse(text) {
    var phrases = [];
    var rest = text.replace(/"([^"]*)"?/g, function (_, p) {
      var phrase = p.trim().replace(/\s+/g, " ");
      if (phrase) phrases.push(phrase);
      return " ";
    });
    var words = rest.split(/\s+/).filter(function (w) { return WORD.test(w); });
    return { words: words, phrases: phrases };
  }

  // The longest run of `words` that spells a registry person (`people`: lower-cased
  // spelling -> name), as {name, spelling, words: the words left}, or null.
  function person(words, people) {
    if (!people) return null;
    for (var len = words.length; len > 0; len--) {
      for (var at = 0; at + len <= words.length; at++) {
        var spelling = words.slice(at, at + len).join(" ");
        var name = people[spelling.toLowerCase()];
        if (name) {
          return { name: name, spelling: spelling, words: words.slice(0, at).concat(words.slice(at + len)) };
        }
      }
    }
    return null;
  }

  // Every other spelling of `name` in `people`, for the status line and the excerpt.
  function spellings(name, people) {
    return Object.keys(people || {}).filter(function (s) { return people[s] === name; });
  }

  // "2008-11".."2009-02" -> ["2008-11", "2008-12", "2009-01", "2009-02"], kept
  // inside the archive's first and last months; [] when the range is empty.
  function months(from, to, first, last) {
    var lo = from && from > first ? from : first;
    var hi = to && to < last ? to : last;
    var out = [];
    var y = +lo.slice(0, 4);
    var m = +lo.slice(5, 7);
    while (lo <= hi && out.length < 12 * 200) {
      var key = String(y).padStart(4, "0") + "-" + String(m).padStart(2, "0");
      if (key > hi) break;
      out.push(key);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function plain(word) { return word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ""); }

  // The pieces of a word as Pagefind indexes them ("al-Qadhafi's" -> al, qadhafi, s).
  function pieces(word) { return word.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  var ENDINGS = ["s", "es", "ies", "ed", "d", "ing", "er", "ers", "ly", "y"];

  // A word and the forms it takes without a common ending ("rights" -> right).
  function stems(word) {
    var out = [word];
    ENDINGS.forEach(function (e) {
      if (word.length - e.length >= 3 && word.slice(-e.length) === e) out.push(word.slice(0, -e.length));
    });
    return out;
  }

  // Whether `word` of a cable is `want` whole, give or take an ending ("rights",
  // "right"), rather than a longer word that only begins like it ("right-hand", "bent").
  function whole(word, want) {
    var wanted = stems(want);
    return pieces(word).some(function (p) {
      return stems(p).some(function (s) { return wanted.indexOf(s) >= 0; });
    });
  }

  // The longest start of `want` that a piece of `word` begins with ("wiki" of
  // "wikileaks" in "…/wiki/Portal"), or "".
  function sharedStart(word, want) {
    var best = "";
    pieces(word).forEach(function (p) {
      var n = 0;
      while (n < want.length && n < p.length && want[n] === p[n]) n++;
      if (n > best.length) best = want.slice(0, n);
    });
    return best;
  }

  // The body of a result as [{text, hit}] words, about `length` long, around its
  // densest run of matches. Pagefind's content opens with the subject (the page's
  // heading, shown as the result's title) and carries the ¶ marks of the text:
  // both are left out. `extra` are words found by spelling rather than by Pagefind;
  // with `strict` words, a match is marked only where it is one of them whole.
  function excerpt(content, locations, title, extra, length, strict) {
    var words = content.split(/\s+/).filter(Boolean);
    var skip = (title || "").split(/\s+/).filter(Boolean).length;
    var hits = {};
    var wants = (strict || []).map(plain).filter(Boolean);
    (locations || []).forEach(function (i) {
      if (i < skip || !words[i]) return;
      if (!wants.length || wants.some(function (w) { return whole(words[i], w); })) hits[i] = true;
    });
    var wanted = (extra || []).map(plain).filter(Boolean);
    if (wanted.length) {
      words.forEach(function (w, i) {
        var p = plain(w);
        if (i >= skip && wanted.some(function (x) { return p === x || p === x + "s"; })) hits[i] = true;
      });
    }
    var body = [];
    for (var i = skip; i < words.length; i++) {
      if (words[i] !== "¶") body.push({ text: words[i], hit: !!hits[i] });
    }
    var best = 0;
    var bestCount = -1;
    for (var start = 0; start < Math.max(1, body.length - length + 1); start++) {
      var n = 0;
      for (var j = start; j < Math.min(body.length, start + length); j++) if (body[j].hit) n++;
      if (n > bestCount) { best = start; bestCount = n; }
      if (bestCount > 0 && n === 0 && start > best + length) break;
    }
    // Open a little before the first match, so it is read in its sentence.
    var first = body.findIndex(function (w, k) { return k >= best && w.hit; });
    if (first > best + 3) best = Math.max(0, Math.min(first - 3, body.length - length));
    return {
      words: body.slice(best, best + length),
      before: best > 0,
      after: best + length < body.length
    };
  }

  function csvField(v) {
    var s = v === null || v === undefined ? "" : String(v);
    // A leading =, +, - or @ would make a spreadsheet run the field as a formula.
    if (/^[=+\-@]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  var COLUMNS = ["id", "date", "subject", "classification"];

  function toCsv(rows) {
    var lines = [COLUMNS.join(",")];
    rows.forEach(function (r) {
      lines.push(COLUMNS.map(function (c) { return csvField(r[c]); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function toJson(rows, info) {
    return JSON.stringify(Object.assign({}, info, { cables: rows }), null, 1) + "\n";
  }

  self.cablegenQuery = {
    parse: parse, person: person, spellings: spellings, months: months,
    excerpt: excerpt, plain: plain, sharedStart: sharedStart, toCsv: toCsv, toJson: toJson, COLUMNS: COLUMNS
  };
})();
