// Staff workspace keyboard shortcuts (progressive enhancement): "/" focuses the queue filter, "j"/"k" move
// through the queue rows, Enter opens the selected case.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.queue tbody tr[data-href]"));
  var current = -1;
  function select(index) {
    if (!rows.length) { return; }
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("selected", i === current); });
    rows[current].querySelector("a").focus();
  }
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") { return; }
    if (event.key === "/") { var f = document.querySelector("[data-filter-first]"); if (f) { event.preventDefault(); f.focus(); } }
    if (event.key === "j") { select(current + 1); }
    if (event.key === "k") { select(current - 1); }
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
})();
