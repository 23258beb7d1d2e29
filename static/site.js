// Progressive enhancement only: every page works without this file.
// A click on a paragraph's pilcrow link also copies the paragraph's permalink.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a.pilcrow") : null;
  if (!link || !navigator.clipboard) return;
  navigator.clipboard.writeText(link.href).then(function () {
    link.classList.add("copied");
    setTimeout(function () { link.classList.remove("copied"); }, 1500);
  }, function () {});
});

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
