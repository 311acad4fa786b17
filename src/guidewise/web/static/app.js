// Progressive enhancement only: every form and link works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // The audience selector submits itself when a choice is made.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function () { form.submit(); });
  });
  // Citation tooltips: the CSS tooltip replaces the browser's own title bubble (keeps aria-label).
  document.querySelectorAll("a.cite[data-tip]").forEach(function (a) { a.removeAttribute("title"); });
  // Following a citation moves keyboard focus to the reference.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.cite");
    if (!a) { return; }
    var ref = document.getElementById(a.getAttribute("href").slice(1));
    if (ref) { setTimeout(function () { ref.focus({ preventScroll: true }); }, 0); }
  });
}());
