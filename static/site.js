// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var root = document.documentElement;

  function on(selector, fn) { document.querySelectorAll(selector).forEach(fn); }

  // A click on a paragraph's pilcrow link also copies the paragraph's permalink.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.pilcrow") : null;
    if (!link || !navigator.clipboard) return;
    navigator.clipboard.writeText(link.href).then(function () {
      link.classList.add("copied");
      setTimeout(function () { link.classList.remove("copied"); }, 1500);
    }, function () {});
  });

  // Copy buttons copy the value or the text of the element named by data-copy.
  function wireCopy(button) {
    if (!navigator.clipboard) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) return;
      var text = source.value !== undefined ? source.value : source.textContent;
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 1500);
      }, function () {});
    });
  }

  // The colour theme: the system's unless the reader chose one; the choice is remembered.
  var darkQuery = window.matchMedia("(prefers-color-scheme: dark)");
  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : darkQuery.matches;
  }
  function wireTheme(button) {
    var show = function () { button.setAttribute("aria-pressed", isDark() ? "true" : "false"); };
    show();
    button.hidden = false;
    darkQuery.addEventListener("change", show);
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("cablegen-theme", next); } catch (e) { /* kept for this page only */ }
      show();
    });
  }

  // The details panel follows the text on narrow screens: closed there, so the
  // links after it are near; built open, so without this file nothing is hidden.
  function foldFacts(panel) {
    if (window.matchMedia("(max-width: 75.99rem)").matches) panel.open = false;
  }

  // Next and previous highlighted search word, once search-highlight.js has marked them.
  var matches = { marks: [], at: -1 };
  function stepMatch(by) {
    var marks = matches.marks;
    if (!marks.length) return;
    if (matches.at >= 0) marks[matches.at].classList.remove("match-current");
    matches.at = (matches.at + by + marks.length) % marks.length;
    var mark = marks[matches.at];
    mark.classList.add("match-current");
    mark.scrollIntoView({ block: "center" });
    var count = document.querySelector(".match-nav .match-count");
    if (count) count.textContent = "Match " + (matches.at + 1) + " of " + marks.length;
  }
  function watchMatches(nav) {
    if (!new URLSearchParams(location.search).getAll("highlight").length) return;
    var found = function () {
      var marks = document.querySelectorAll(".cable-body mark.pagefind-highlight");
      if (!marks.length) return false;
      matches.marks = Array.prototype.slice.call(marks);
      nav.querySelector(".match-count").textContent = marks.length + " match" + (marks.length === 1 ? "" : "es");
      nav.hidden = false;
      return true;
    };
    if (found()) return;
    var observer = new MutationObserver(function () { if (found()) observer.disconnect(); });
    observer.observe(document.querySelector(".cable-body") || document.body, { childList: true, subtree: true });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".match-nav button[data-step]") : null;
    if (button) stepMatch(Number(button.getAttribute("data-step")));
  });

  // j and k: the next and previous paragraph below or above the top of the window.
  function stepParagraph(by) {
    var paras = Array.prototype.slice.call(document.querySelectorAll(".cable-body .para, .cable-body .para-heading"));
    if (!paras.length) return;
    var target = by > 0
      ? paras.find(function (p) { return p.getBoundingClientRect().top > 8; })
      : paras.slice().reverse().find(function (p) { return p.getBoundingClientRect().top < -8; });
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }

  var KEYS = [
    ["/", "Search"],
    ["j", "Next paragraph"],
    ["k", "Previous paragraph"],
    ["n", "Next highlighted search word"],
    ["N", "Previous highlighted search word"],
    ["?", "This list of keys"]
  ];
  var dialog = null;
  function showKeys() {
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "keys-dialog";
      dialog.setAttribute("aria-labelledby", "keys-title");
      var h = document.createElement("h2");
      h.id = "keys-title";
      h.textContent = "Keyboard shortcuts";
      var dl = document.createElement("dl");
      KEYS.forEach(function (k) {
        var dt = document.createElement("dt");
        var kbd = document.createElement("kbd");
        kbd.textContent = k[0];
        dt.appendChild(kbd);
        var dd = document.createElement("dd");
        dd.textContent = k[1];
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Close";
      close.addEventListener("click", function () { dialog.close(); });
      dialog.append(h, dl, close);
      document.body.appendChild(dialog);
    }
    if (!dialog.open) dialog.showModal();
  }

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (dialog && dialog.open) return;
    var act = {
      "/": function () {
        var box = document.getElementById("q") || document.getElementById("site-q");
        if (box) box.focus();
      },
      "j": function () { stepParagraph(1); },
      "k": function () { stepParagraph(-1); },
      "n": function () { stepMatch(1); },
      "N": function () { stepMatch(-1); },
      "?": showKeys
    }[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  });

  // Sortable cable tables: each heading becomes a button; the built order
  // (newest first) stays until a reader asks for another.
  function sortKey(cell) {
    if (!cell) return "";
    var time = cell.querySelector("time[datetime]");
    return time ? time.getAttribute("datetime") : cell.textContent.trim();
  }
  function wireSort(table) {
    var tbody = table.tBodies[0];
    if (!tbody || tbody.rows.length < 2) return;
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      if (!th.textContent.trim()) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.replaceChildren(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(tbody.rows);
        rows.sort(function (a, b) {
          var order = sortKey(a.cells[col]).localeCompare(sortKey(b.cells[col]), undefined, { numeric: true });
          return up ? order : -order;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    on("button.copy[data-copy]", wireCopy);
    on("button.theme-toggle", wireTheme);
    on("button.keys-button", function (b) { b.hidden = false; b.addEventListener("click", showKeys); });
    on("details.cable-facts", foldFacts);
    on(".match-nav", watchMatches);
    on("table.cable-table:not(.reading-table)", wireSort);
  });
  self.cablegenSite = { wireSort: wireSort };
})();

// The people index: a filter box over the names listed on the page. It is made
// here, not in the markup, so a reader without scripts sees no box that does
// nothing; the letter index stays in place whatever the filter shows.
(function () {
  var page = document.querySelector(".index-page.people");
  var nav = page ? page.querySelector("nav.letters") : null;
  if (!nav) return;
  var sections = Array.prototype.slice.call(page.querySelectorAll("section"));
  if (!sections.length) return;
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var entries = sections.map(function (section) {
    return Array.prototype.slice.call(section.querySelectorAll("li")).map(function (li) {
      var link = li.querySelector("a");
      return { li: li, name: fold(link ? link.textContent : li.textContent) };
    });
  });
  var box = document.createElement("div");
  box.className = "people-filter";
  var label = document.createElement("label");
  label.htmlFor = "people-filter";
  label.textContent = "Filter names on this page";
  var input = document.createElement("input");
  input.type = "search";
  input.id = "people-filter";
  input.autocomplete = "off";
  input.spellcheck = false;
  var status = document.createElement("p");
  status.className = "muted people-filter-status";
  status.setAttribute("aria-live", "polite");
  box.appendChild(label);
  box.appendChild(input);
  box.appendChild(status);
  nav.parentNode.insertBefore(box, nav.nextSibling);
  input.addEventListener("input", function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var names = {};
    sections.forEach(function (section, i) {
      var shown = 0;
      entries[i].forEach(function (entry) {
        var hit = words.every(function (w) { return entry.name.indexOf(w) >= 0; });
        entry.li.hidden = !hit;
        if (hit) { shown += 1; names[entry.name] = true; }
      });
      section.hidden = shown === 0;
    });
    var count = Object.keys(names).length;
    status.textContent = words.length
      ? count + (count === 1 ? " name matches" : " names match")
      : "";
  });
})();
