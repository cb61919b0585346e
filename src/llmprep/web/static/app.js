// llmprep front-end: typeset math with the local KaTeX, keep answer drafts in localStorage, Ctrl+Enter submit.
// Everything here is progressive enhancement: the pages work without it.
(function () {
  function typeset(root) {
    if (!window.katex) return;
    root.querySelectorAll(".math.inline, .math.block").forEach(function (el) {
      if (el.dataset.typeset) return;
      try {
        window.katex.render(el.textContent, el, { displayMode: el.classList.contains("block"), throwOnError: false });
        el.dataset.typeset = "1";
      } catch (e) { /* leave the LaTeX source visible */ }
    });
  }
  function wireDrafts(root) {
    root.querySelectorAll("form[data-draft-key]").forEach(function (form) {
      var key = form.dataset.draftKey, area = form.querySelector("textarea[name=answer]");
      if (!area || area.dataset.wired) return;
      area.dataset.wired = "1";
      try {
        var saved = localStorage.getItem(key);
        if (saved && !area.value.trim()) area.value = saved;
      } catch (e) {}
      area.addEventListener("input", function () { try { localStorage.setItem(key, area.value); } catch (e) {} });
      area.addEventListener("keydown", function (ev) {
        if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter") { ev.preventDefault(); form.requestSubmit(); }
      });
    });
  }
  function clearDraftOnSuccess(ev) {
    var redirect = ev.detail && ev.detail.xhr && ev.detail.xhr.getResponseHeader("HX-Redirect");
    var form = ev.detail && ev.detail.elt && ev.detail.elt.closest && ev.detail.elt.closest("form[data-draft-key]");
    if (redirect && form) { try { localStorage.removeItem(form.dataset.draftKey); } catch (e) {} }
  }
  function init(root) { typeset(root); wireDrafts(root); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  // outerHTML swaps replace the target, so re-scan the document (init is idempotent).
  document.addEventListener("htmx:afterSettle", function () { init(document); });
  document.addEventListener("htmx:afterRequest", clearDraftOnSuccess);
  // A page reached after a non-JS submit that succeeded: the attempt page clears the draft it names.
  document.addEventListener("DOMContentLoaded", function () {
    var done = document.querySelector("[data-clear-draft]");
    if (done) { try { localStorage.removeItem(done.dataset.clearDraft); } catch (e) {} }
  });
})();
