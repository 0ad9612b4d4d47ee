// The report's script: sortable tables, filters over the findings, and icicle zoom. It reads the
// page's data from the JSON block and builds every element with createElement/textContent, never
// markup from strings, so nothing from the image can become code. Allowed by its hash in the CSP.
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var dataBlock = document.getElementById('report-data');
  var data = dataBlock ? JSON.parse(dataBlock.textContent || '{}') : {};

  function sortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          var order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  function key(cell) {
    if (!cell) return '';
    var sort = cell.getAttribute('data-sort');
    return sort !== null && sort !== '' && !isNaN(Number(sort)) ? Number(sort) : cell.textContent || '';
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), sortable);

  var findings = data.findings || [];
  var table = document.getElementById('all-findings');
  var bar = document.getElementById('filters');
  if (table && bar) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var filters = {};
    var status = document.createElement('p');
    status.className = 'note';
    status.setAttribute('aria-live', 'polite');
    [['image', 'Image'], ['rule', 'Rule'], ['severity', 'Severity'], ['layer', 'Layer']].forEach(function (pair) {
      var field = pair[0];
      var values = [];
      findings.forEach(function (f) { var v = String(f[field]); if (values.indexOf(v) < 0) values.push(v); });
      if (field === 'image') (data.images || []).forEach(function (v) { if (values.indexOf(v) < 0) values.push(v); });
      values.sort();
      var label = document.createElement('label');
      label.appendChild(document.createTextNode(pair[1]));
      var select = document.createElement('select');
      select.id = 'filter-' + field;
      var all = document.createElement('option');
      all.value = '';
      all.textContent = 'all';
      select.appendChild(all);
      values.forEach(function (v) {
        var option = document.createElement('option');
        option.value = v;
        option.textContent = v === '' ? '(none)' : v;
        select.appendChild(option);
      });
      select.addEventListener('change', function () { filters[field] = select.value || undefined; apply(); });
      label.appendChild(select);
      bar.appendChild(label);
    });
    bar.appendChild(status);
    function matches(record) {
      return Object.keys(filters).every(function (field) { return filters[field] === undefined || String(record[field]) === filters[field]; });
    }
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var record = findings[Number(row.getAttribute('data-row'))];
        var visible = !record || matches(record);
        row.hidden = !visible;
        if (visible) shown++;
      });
      Array.prototype.forEach.call(document.querySelectorAll('[data-image-index]'), function (element) {
        var name = (data.images || [])[Number(element.getAttribute('data-image-index'))];
        element.hidden = filters.image !== undefined && name !== filters.image;
      });
      status.textContent = shown + ' of ' + rows.length + ' findings shown';
    }
    apply();
  }

  var ROW = 26;
  function fit(name, width) {
    var chars = Math.floor((width - 8) / 6.5);
    if (chars < 2) return '';
    return name.length <= chars ? name : name.slice(0, chars - 1) + '\\u2026';
  }
  Array.prototype.forEach.call(document.querySelectorAll('svg.icicle'), function (svg) {
    var groups = Array.prototype.slice.call(svg.querySelectorAll('g.zoomable'));
    var maxDepth = 0;
    groups.forEach(function (g) { maxDepth = Math.max(maxDepth, Number(g.getAttribute('data-depth'))); });
    var reset = document.createElement('button');
    reset.type = 'button';
    reset.textContent = 'Show the whole filesystem';
    svg.parentNode.parentNode.insertBefore(reset, svg.parentNode);
    function zoom(z0, z1, d) {
      groups.forEach(function (g) {
        var x0 = Number(g.getAttribute('data-x0')), x1 = Number(g.getAttribute('data-x1')), depth = Number(g.getAttribute('data-depth'));
        var inside = depth >= d && x1 > z0 && x0 < z1;
        if (!inside) { g.setAttribute('display', 'none'); g.setAttribute('tabindex', '-1'); return; }
        g.removeAttribute('display');
        g.setAttribute('tabindex', '0');
        var nx0 = ((Math.max(x0, z0) - z0) / (z1 - z0)) * 1000, nx1 = ((Math.min(x1, z1) - z0) / (z1 - z0)) * 1000;
        var rect = g.querySelector('rect'), text = g.querySelector('text'), desc = g.querySelector('desc');
        rect.setAttribute('x', nx0.toFixed(2));
        rect.setAttribute('width', Math.max(0, nx1 - nx0 - 0.5).toFixed(2));
        rect.setAttribute('y', String((depth - d) * ROW));
        text.setAttribute('x', (nx0 + 4).toFixed(2));
        text.setAttribute('y', String((depth - d) * ROW + 17));
        text.textContent = desc && nx1 - nx0 > 40 ? fit(desc.textContent || '', nx1 - nx0) : '';
      });
      svg.setAttribute('viewBox', '0 0 1000 ' + (maxDepth - d + 1) * ROW);
    }
    groups.forEach(function (g) {
      function go() { zoom(Number(g.getAttribute('data-x0')), Number(g.getAttribute('data-x1')), Number(g.getAttribute('data-depth'))); }
      g.addEventListener('click', go);
      g.addEventListener('keydown', function (event) { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); go(); } });
    });
    reset.addEventListener('click', function () { zoom(0, 1000, 0); });
  });
})();
`;
