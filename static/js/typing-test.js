// The typing test of the application form: times the typing and shows speed and accuracy live.
// The server recomputes both from the typed text and the time, so this only reports the time.
(function () {
  "use strict";

  function setUp(area) {
    var form = area.form;
    var passage = document.getElementById("typing-passage").textContent.trim();
    var elapsedInput = form.querySelector("input[name='elapsed_ms']");
    var started = null;

    function matching(typed) {
      var same = 0;
      for (var i = 0; i < typed.length && i < passage.length; i++) {
        if (typed[i] === passage[i]) { same++; }
      }
      return same;
    }

    function update() {
      var typed = area.value.replace(/\s+/g, " ").replace(/^ /, "");
      if (started === null) { return; }
      var elapsed = Date.now() - started;
      var same = matching(typed);
      var minutes = Math.max(elapsed, 1) / 60000;
      elapsedInput.value = String(elapsed);
      document.getElementById("typing-wpm").textContent = String(Math.round(same / 5 / minutes));
      document.getElementById("typing-accuracy").textContent =
        typed.length ? String(Math.round(100 * same / typed.length)) : "100";
      document.getElementById("typing-seconds").textContent = String(Math.round(elapsed / 1000));
    }

    area.value = "";
    area.addEventListener("input", function () {
      if (started === null && area.value.length) { started = Date.now(); }
      update();
    });
    // The test measures typing: pasting the passage would measure nothing.
    area.addEventListener("paste", function (event) { event.preventDefault(); });
    form.addEventListener("submit", update);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-typing-test]").forEach(setUp);
  });
})();
