// Sorting a list of cases (templates/cases/parts.html :: rows) by points at stake and back: the rows of the table
// and the phone's cards, most points first (ties keep the order by nearest deadline); ?sort=stakes sorts at once.
(function () {
  'use strict';
  function points(el, selector) {
    var cell = el.matches(selector) ? el : el.querySelector(selector);
    var value = cell ? Number(cell.getAttribute('data-points')) : 0;
    return isFinite(value) ? value : 0;
  }
  function sortChildren(container, selector, byStakes) {
    if (!container) {
      return;
    }
    var items = Array.prototype.slice.call(container.children);
    items.forEach(function (item, i) {
      if (!item.hasAttribute('data-order')) {
        item.setAttribute('data-order', String(i));
      }
    });
    items.sort(function (a, b) {
      if (byStakes) {
        var d = points(b, selector) - points(a, selector);
        if (d !== 0) {
          return d;
        }
      }
      return Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
    });
    items.forEach(function (item) { container.appendChild(item); });
  }
  function apply(button, byStakes) {
    var rows = button.closest('.case-rows');
    if (!rows) {
      return;
    }
    sortChildren(rows.querySelector('table tbody'), '[data-points]', byStakes);
    sortChildren(rows.querySelector('.case-cards'), '[data-points]', byStakes);
    button.setAttribute('aria-pressed', byStakes ? 'true' : 'false');
    button.textContent = button.getAttribute(byStakes ? 'data-label-deadline' : 'data-label-stakes');
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-sort-stakes]').forEach(function (button) {
      button.addEventListener('click', function () {
        var byStakes = button.getAttribute('aria-pressed') !== 'true';
        apply(button, byStakes);
        var url = new URL(window.location.href);
        if (byStakes) {
          url.searchParams.set('sort', 'stakes');
        } else {
          url.searchParams.delete('sort');
        }
        window.history.replaceState(null, '', url.toString());
      });
      if (new URLSearchParams(window.location.search).get('sort') === 'stakes') {
        apply(button, true);
      }
    });
  });
})();
