// Mock interview clock: counts the displayed time down from the server's remaining seconds. The server
// owns the deadline; this is display only, and the page works (with a static time) without it.
(function () {
  function start() {
    var el = document.getElementById("mock-clock");
    if (!el || el.dataset.running !== "true") return;
    var end = Date.now() + parseInt(el.dataset.remaining, 10) * 1000;
    function tick() {
      var left = Math.round((end - Date.now()) / 1000);
      var shown = Math.max(0, left);
      el.textContent = Math.floor(shown / 60) + ":" + String(shown % 60).padStart(2, "0");
      el.classList.toggle("clock-low", left < 120);
      if (left <= 0) { el.classList.add("clock-over"); el.setAttribute("aria-label", "Time is up"); }
    }
    tick();
    setInterval(tick, 1000);
  }
  document.addEventListener("DOMContentLoaded", start);
})();
