// The reading list's storage, and the "Save to reading list" buttons of cable
// pages and search results. Progressive enhancement: without this file, or
// without storage, no button is shown and every page still works.
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : location.href;
  var rootUrl = new URL("../", here); // this file lives in static/
  // Pages opened from disk share one origin: the key keeps archives apart.
  var KEY = "cablegen-reading:" + rootUrl.pathname;
  var FIELDS = ["id", "subject", "date", "origin", "classification", "path"];

  var available = (function () {
    try {
      localStorage.setItem(KEY + ":probe", "1");
      localStorage.removeItem(KEY + ":probe");
      return true;
    } catch (e) {
      return false;
    }
  })();

  // Only the known fields, as strings: nothing stored is ever trusted as markup.
  function clean(item) {
    var out = {};
    FIELDS.forEach(function (f) { out[f] = item && item[f] != null ? String(item[f]) : ""; });
    return out;
  }

  function items() {
    if (!available) return [];
    try {
      var list = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (i) { return i && i.id; }).map(clean) : [];
    } catch (e) {
      return [];
    }
  }

  function set(list) {
    if (!available) return false;
    try {
      localStorage.setItem(KEY, JSON.stringify(list.map(clean)));
      return true;
    } catch (e) {
      return false;
    }
  }

  function has(id) { return items().some(function (i) { return i.id === id; }); }

  // Adds new cables at the end, in the order given; a cable already kept stays where it is.
  function add(list) {
    var kept = items();
    list.forEach(function (item) {
      if (!kept.some(function (i) { return i.id === item.id; })) kept.push(clean(item));
    });
    return set(kept);
  }

  function remove(id) { return set(items().filter(function (i) { return i.id !== id; })); }

  // A site-root path ("cable/2009/12/ID.html") from a link to a cable page.
  function pathOf(href) {
    var url = new URL(href, location.href);
    var path = url.href.split(/[?#]/)[0];
    return path.indexOf(rootUrl.href) === 0 ? path.slice(rootUrl.href.length) : path;
  }

  function show(button, item) {
    var saved = has(item.id);
    button.setAttribute("aria-pressed", saved ? "true" : "false");
    button.textContent = saved ? "Saved to reading list" : "Save to reading list";
    button.title = saved ? "Click to remove it from the reading list" : "";
  }

  function wire(button, item) {
    show(button, item);
    button.hidden = false;
    button.addEventListener("click", function () {
      if (has(item.id)) remove(item.id); else add([item]);
      show(button, item);
    });
    return button;
  }

  // The save button of one search result (static/search.js asks for it when drawing one).
  function saveButton(item) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "save-cable";
    if (!available) { button.hidden = true; return button; }
    return wire(button, clean(item));
  }

  self.cablegenReading = {
    available: available, root: rootUrl.href, items: items, set: set, add: add,
    remove: remove, has: has, pathOf: pathOf, saveButton: saveButton
  };

  document.addEventListener("DOMContentLoaded", function () {
    if (!available) return;
    document.querySelectorAll("button.save-cable[data-id]").forEach(function (b) {
      wire(b, clean(b.dataset));
    });
  });
})();
