// Private messages: small enhancements, none required (no inline script: CSP).
// After a reply is sent with htmx, empty the box and show the new message;
// Ctrl+Enter (or Cmd+Enter) sends.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.detail.elt;
  if (!form.classList || !form.classList.contains("msg-reply") || !event.detail.successful) { return; }
  if (!document.querySelector("#reply-error .error")) {
    form.reset();
    var box = form.querySelector("textarea");
    if (box) { box.focus(); }
  }
});
document.addEventListener("htmx:afterSwap", function (event) {
  if (event.detail.target && event.detail.target.id === "message-list") {
    var last = event.detail.target.lastElementChild;
    if (last) { last.scrollIntoView({ block: "nearest" }); }
  }
});
document.addEventListener("keydown", function (event) {
  var box = event.target;
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && box.id === "reply-body" && box.form) {
    event.preventDefault();
    box.form.requestSubmit();
  }
});
