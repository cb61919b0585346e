// Challenge page: replace the code <textarea> with the local CodeMirror editor (Tab indents; Esc then Tab
// leaves it), keep a draft in localStorage so the code survives a reload, Ctrl+Enter runs the examples.
// Without JavaScript (or if the bundle fails to load) the plain textarea and the form posts still work.
(function () {
  function store(key, value) { try { localStorage.setItem(key, value); } catch (e) {} }
  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }

  function setup() {
    var form = document.getElementById("code-form");
    var area = document.getElementById("code");
    if (!form || !area || area.dataset.wired) return;
    area.dataset.wired = "1";
    var key = form.dataset.codeKey;
    var starter = document.getElementById("starter-code");
    // The server re-rendered the page with submitted code: that wins; otherwise restore the draft.
    if (area.dataset.fromServer === "1") {
      store(key, area.value);
    } else {
      var saved = load(key);
      if (saved !== null && saved.trim()) area.value = saved;
    }
    var runButton = form.querySelector("button[formaction$='/run']");
    var editor = null;
    function sync(text) { area.value = text; store(key, text); }
    if (window.LlmprepCodeMirror) {
      var holder = document.createElement("div");
      holder.className = "code-editor";
      area.parentNode.insertBefore(holder, area);
      area.hidden = true;
      editor = window.LlmprepCodeMirror.createPythonEditor(holder, area.value, sync, "Your solution (Python)");
      // Clicking the label focuses the editor instead of the hidden textarea.
      var label = form.querySelector("label[for=code]");
      if (label) label.addEventListener("click", function (ev) { ev.preventDefault(); editor.focus(); });
    } else {
      area.addEventListener("input", function () { store(key, area.value); });
    }
    // Capture phase: handled before CodeMirror's own Mod-Enter (insert blank line) sees the key.
    form.addEventListener("keydown", function (ev) {
      if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter" && runButton) {
        ev.preventDefault(); ev.stopPropagation(); runButton.click();
      }
    }, true);
    var reset = document.getElementById("reset-code");
    if (reset && starter) {
      reset.hidden = false;
      reset.addEventListener("click", function () {
        if (!window.confirm("Replace your code with the starter code?")) return;
        if (editor) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: starter.value } });
        sync(starter.value);
      });
    }
    // Make sure the request carries the editor's current text.
    form.addEventListener("htmx:configRequest", function (ev) {
      if (editor) ev.detail.parameters.code = editor.state.doc.toString();
    });
    form.addEventListener("submit", function () { if (editor) area.value = editor.state.doc.toString(); });
  }
  document.addEventListener("DOMContentLoaded", setup);
  document.addEventListener("htmx:afterSettle", function (ev) {
    var results = document.getElementById("results");
    if (results && ev.target === results) {
      var first = results.querySelector(".result");
      if (first && first.scrollIntoView) first.scrollIntoView({ behavior: "smooth", block: "nearest" });
    }
  });
})();
