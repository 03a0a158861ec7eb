// What every page may need, without inline script or style (Content-Security-Policy): an element with
// data-width="42.5" gets that width in percent (the evaluation mix's bars), set through the DOM, which the policy allows.
(function () {
  'use strict';
  function widths(root) {
    root.querySelectorAll('[data-width]').forEach(function (el) {
      var value = Number(el.getAttribute('data-width'));
      if (isFinite(value)) {
        el.style.width = Math.max(0, Math.min(100, value)) + '%';
      }
    });
  }
  document.addEventListener('DOMContentLoaded', function () { widths(document); });
  // fragments swapped in by htmx
  document.addEventListener('htmx:afterSwap', function (event) { widths(event.target); });
})();
