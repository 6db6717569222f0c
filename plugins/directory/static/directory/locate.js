// "Use my position": fills the place field with the browser's position,
// rounded to about 100 m, then submits the search. Nothing leaves the page
// unless the member allows it; without JavaScript the button stays hidden.
(function () {
  "use strict";
  function init() {
    var button = document.getElementById("dir-locate");
    if (!button || !("geolocation" in navigator)) return;
    var status = document.getElementById("dir-locate-status");
    var field = document.getElementById(button.getAttribute("data-target"));
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          field.value = "@" + pos.coords.latitude.toFixed(3) + "," + pos.coords.longitude.toFixed(3);
          field.form.submit();
        },
        function () {
          button.disabled = false;
          if (status) status.textContent = button.getAttribute("data-denied");
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
      );
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
