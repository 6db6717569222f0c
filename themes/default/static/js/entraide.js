// Entraide progressive enhancements. No inline scripts anywhere (CSP).
// htmx reads its settings from <meta name="htmx-config">; the CSRF token is
// sent by hx-headers on <body>. Nothing here is required for pages to work.
document.addEventListener("htmx:responseError", function (event) {
  var box = document.getElementById("live-errors");
  if (box) {
    box.textContent = event.detail.xhr.status === 403
      ? box.dataset.forbidden
      : box.dataset.generic;
  }
});
// A form came back with errors: move focus to the summary so it is read first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
});
// Live navigation badges (/live): the phone menu's total follows the items' badges.
document.addEventListener("htmx:sseMessage", function () {
  var total = document.querySelector("[data-nav-total]");
  if (!total) { return; }
  var sum = 0;
  document.querySelectorAll(".nav-wide .nav-badge [aria-hidden]").forEach(function (count) {
    sum += parseInt(count.textContent, 10) || 0;
  });
  total.textContent = sum > 0 ? (sum > 99 ? "99+" : String(sum)) : "";
});
