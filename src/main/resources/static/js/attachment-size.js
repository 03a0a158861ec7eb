// A training file over the size limit is refused before it is sent (templates/records/training.html; the server
// checks again): a huge upload is never sent at all.
(function () {
  'use strict';
  var form = document.getElementById('attachment-form');
  var input = document.getElementById('file');
  var warning = document.getElementById('file-too-large');
  if (!form || !input || !warning) {
    return;
  }
  function tooLarge() {
    return input.files.length > 0 && input.files[0].size > Number(input.dataset.maxBytes);
  }
  input.addEventListener('change', function () { warning.classList.toggle('d-none', !tooLarge()); });
  form.addEventListener('submit', function (event) {
    if (tooLarge()) {
      event.preventDefault();
      warning.classList.remove('d-none');
    }
  });
})();
