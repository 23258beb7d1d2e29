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
