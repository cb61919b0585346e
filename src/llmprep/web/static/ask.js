// Ask page: stream the grounded answer from /api/ask/stream (server-sent events) into #llm-text.
// Progressive enhancement: without JavaScript the page still shows the cited passages.
(function () {
  var box = document.getElementById("llm-answer");
  if (!box || !window.EventSource) return;
  var out = document.getElementById("llm-text"), text = "", source = new EventSource(box.dataset.stream);
  function show(s) {
    out.textContent = "";
    s.split(/(\[\d+\])/).forEach(function (part) {
      var m = /^\[(\d+)\]$/.exec(part);
      if (m) { var a = document.createElement("a"); a.href = "#source-" + m[1]; a.textContent = part; out.appendChild(a); }
      else out.appendChild(document.createTextNode(part));
    });
  }
  source.addEventListener("delta", function (ev) { text += JSON.parse(ev.data); show(text); });
  source.addEventListener("done", function (ev) {
    var answer = JSON.parse(ev.data);
    show(answer.text);
    if (!answer.supported) box.querySelector("h2").textContent = "Not in your sources";
    source.close();
  });
  source.onerror = function () { source.close(); if (!text) out.textContent = "The LLM did not answer; the passages below are the sources."; };
})();
