// On a cable page opened from a search result (?highlight=word&highlight=...),
// marks the words searched for with Pagefind's highlighter. Its own inline
// styles would break the content security policy, so search.css styles the marks.
const words = new URLSearchParams(location.search).getAll("highlight");
if (words.length) {
  const root = new URL("../", import.meta.url);
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("static/search.css", root).href;
  document.head.appendChild(css);
  await import(new URL("pagefind/pagefind-highlight.js", root).href);
  const highlighter = new self.PagefindHighlight({ highlightParam: "highlight", addStyles: false });
  const first = document.querySelector("mark.pagefind-highlight");
  if (first && !location.hash) first.scrollIntoView({ block: "center" });
  void highlighter;
}
