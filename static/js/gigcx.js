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

  document.addEventListener("DOMContentLoaded", preselectBrowserTimeZone);
})();
