// Forms with files (the case page, the citizens' form and tracking page): before anything is sent, list the chosen
// files and refuse too many or too large ones with the form's own message, so a large upload is never sent in vain.
// The server checks everything again.
(function () {
  document.querySelectorAll('form[data-file-form]').forEach(function (form) {
    var inputs = form.querySelectorAll('input[type=file]');
    var list = form.querySelector('[data-file-list]');
    var warning = form.querySelector('[data-file-warning]');
    var maxBytes = Number(form.dataset.maxBytes || 0);
    var maxFiles = Number(form.dataset.maxFiles || 0);
    var maxTotal = Number(form.dataset.maxTotal || 0);

    function chosen() {
      var files = [];
      inputs.forEach(function (input) {
        Array.prototype.forEach.call(input.files, function (f) { files.push(f); });
      });
      return files;
    }

    function problem(files) {
      var total = 0;
      for (var i = 0; i < files.length; i++) {
        total += files[i].size;
        if (maxBytes > 0 && files[i].size > maxBytes) {
          return form.dataset.msgSize + ' (' + files[i].name + ')';
        }
      }
      if (maxFiles >= 0 && form.dataset.maxFiles !== undefined && files.length > maxFiles) {
        return form.dataset.msgCount;
      }
      if (maxTotal > 0 && total > maxTotal) {
        return form.dataset.msgTotal;
      }
      return null;
    }

    function show() {
      var files = chosen();
      if (list) {
        list.textContent = '';
        files.forEach(function (f) {
          var item = document.createElement('li');
          item.textContent = f.name + ' · ' + Math.max(1, Math.round(f.size / 1024)) + ' KB';
          list.appendChild(item);
        });
      }
      var text = problem(files);
      if (warning) {
        warning.textContent = text || '';
        warning.classList.toggle('d-none', !text);
      }
      return text;
    }

    inputs.forEach(function (input) { input.addEventListener('change', show); });
    form.addEventListener('submit', function (event) {
      if (show()) {
        event.preventDefault();
      }
    });
  });
})();
