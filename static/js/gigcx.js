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

  document.addEventListener("DOMContentLoaded", preselectBrowserTimeZone);
  document.addEventListener("DOMContentLoaded", preselectRoleFromLink);
})();
