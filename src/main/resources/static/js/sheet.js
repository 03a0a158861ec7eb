// The printable case sheet: its print button opens the browser's print dialog (A4, see css/cases.css).
(function () {
  var button = document.getElementById('print-now');
  if (button) {
    button.addEventListener('click', function () { window.print(); });
  }
})();
