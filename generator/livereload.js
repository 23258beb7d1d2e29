// Live reload for `cablegen serve`. The preview server adds this script to the
// HTML it sends (never to the built files). It listens to the server's build
// events: a newer good build reloads the page; a failed build, or inputs the
// build had to skip, show an overlay. Error text is untrusted (it quotes cable
// files), so the overlay is built with DOM calls and textContent only.
(function () {
  "use strict";
  var me = document.currentScript;
  var loaded = Number((me && me.dataset.build) || 0);
  var searched = null;
  var OVERLAY_ID = "cablegen-overlay";

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) {
      old.remove();
    }
  }

  function el(tag, text, style) {
    var node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    if (style) {
      node.style.cssText = style;
    }
    return node;
  }

  function showOverlay(info) {
    removeOverlay();
    var box = el(
      "div",
      "",
      "position:fixed;inset:auto 1rem 1rem 1rem;max-height:50vh;overflow:auto;z-index:2147483647;" +
        "background:#fff8f6;color:#3a0a00;border:2px solid #b3261e;border-radius:6px;" +
        "padding:1rem 1.25rem;font:14px/1.45 system-ui,sans-serif;box-shadow:0 4px 18px #0004"
    );
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    var title = info.ok
      ? "Build " + info.build + " skipped some inputs"
      : "Build " + info.build + " failed: still showing the last good site";
    box.appendChild(el("strong", title, "display:block;margin-bottom:.5rem"));
    box.appendChild(el("div", info.summary || ""));
    var problems = info.problems || [];
    if (problems.length) {
      var pre = el("pre", problems.join("\n"), "white-space:pre-wrap;margin:.5rem 0 0;font:12px/1.4 monospace");
      box.appendChild(pre);
    }
    var close = el("button", "Dismiss", "margin-top:.75rem");
    close.type = "button";
    close.addEventListener("click", removeOverlay);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  function onBuild(event) {
    var info;
    try {
      info = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (info.ok && info.build > loaded) {
      window.location.reload();
      return;
    }
    // The search index is updated after the pages: a search page reloads once more.
    if (searched !== null && info.search > searched && document.getElementById("search-form")) {
      window.location.reload();
      return;
    }
    searched = info.search || 0;
    if (!info.ok || (info.problems && info.problems.length)) {
      showOverlay(info);
    } else {
      removeOverlay();
    }
  }

  if (!window.EventSource) {
    return;
  }
  var source = new EventSource("/__cablegen/events");
  source.addEventListener("build", onBuild);
  window.addEventListener("pagehide", function () {
    source.close();
  });
})();
