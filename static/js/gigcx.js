// gigcx page behaviour. Loaded as a file (never inline) so the Content-Security-Policy holds.
(function () {
  "use strict";

  // Pre-select the browser's own time zone in any time-zone select a person has not touched.
  function preselectBrowserTimeZone() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    document.querySelectorAll("select[name='timezone'][data-detect]").forEach(function (select) {
      if (!zone || zone === "UTC" || zone.indexOf("Etc/") === 0) { return; }
      if (Array.prototype.some.call(select.options, function (o) { return o.value === zone; })) {
        select.value = zone;
      }
    });
  }

  // "Staff your program" links to the sign-up page with ?as=client: pre-select that role.
  function preselectRoleFromLink() {
    var role = new URLSearchParams(window.location.search).get("as");
    var radio = role && document.querySelector("input[name='role'][value='" + CSS.escape(role) + "']");
    if (radio) { radio.checked = true; }
  }

  // A hold offer counts down to its expiry; the server refuses a late accept either way.
  function tickCountdowns() {
    document.querySelectorAll("time[data-countdown]").forEach(function (clock) {
      var left = Math.round((Date.parse(clock.getAttribute("datetime")) - Date.now()) / 1000);
      clock.textContent = left > 0
        ? Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") + " left"
        : "expired";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    tickCountdowns();
    window.setInterval(tickCountdowns, 1000);
  });
  document.addEventListener("DOMContentLoaded", preselectBrowserTimeZone);
  document.addEventListener("DOMContentLoaded", preselectRoleFromLink);
})();
