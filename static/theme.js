// The colour theme a reader chose with the toggle (static/site.js), set before
// the first paint so a dark page never flashes light. Without a choice the
// stylesheet follows prefers-color-scheme.
(function () {
  "use strict";
  try {
    var chosen = localStorage.getItem("cablegen-theme");
    if (chosen === "dark" || chosen === "light") document.documentElement.setAttribute("data-theme", chosen);
  } catch (e) { /* no storage (a file opened in some browsers): follow the system */ }
})();
