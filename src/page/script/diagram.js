  // ---- The diagram's boxes and arrows ----

  var boxes = data.drawn.map(function (d) { return document.getElementById(d.id); });
  var boxOf = new Map();
  boxes.forEach(function (b, i) { if (b) boxOf.set(b, i); });
  var arrows = data.arrows.map(function (a, k) {
    return document.getElementById('edge_' + k) || document.getElementById('edge_' + a[0]);
  });
  var layer = svg && (svg.querySelector('g.graph') || svg);
  var halos = document.createElementNS(SVG, 'g');
  halos.id = 'halos';
  if (layer) layer.appendChild(halos);

  // The boxes of a party: its own, and those of the roles it holds (where
  // its work may leave from).
  function boxesOf(party) {
    var p = parties[party], out = [];
    if (p.at !== undefined) out.push(p.at);
    (p.roles || []).forEach(function (r) { if (parties[r].at !== undefined) out.push(parties[r].at); });
    return out;
  }

  function halo(box, kind, number) {
    var b = boxes[box];
    if (!b) return;
    var r = b.getBBox(), pad = 4;
    var rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('class', 'halo ' + kind);
    rect.setAttribute('x', r.x - pad); rect.setAttribute('y', r.y - pad);
    rect.setAttribute('width', r.width + 2 * pad); rect.setAttribute('height', r.height + 2 * pad);
    rect.setAttribute('rx', 8);
    halos.appendChild(rect);
    if (number !== undefined) {
      var c = document.createElementNS(SVG, 'circle');
      c.setAttribute('class', 'badge-bg ' + kind);
      c.setAttribute('cx', r.x - pad); c.setAttribute('cy', r.y - pad); c.setAttribute('r', 11);
      var t = document.createElementNS(SVG, 'text');
      t.setAttribute('class', 'badge-text');
      t.setAttribute('x', r.x - pad); t.setAttribute('y', r.y - pad + 4.5);
      t.textContent = String(number);
      halos.appendChild(c); halos.appendChild(t);
    }
  }

  function clearDiagram() {
    while (halos.firstChild) halos.removeChild(halos.firstChild);
    if (!svg) return;
    svg.classList.remove('focused');
    svg.querySelectorAll('.dim, .lit, .chain, .is-lit, .is-selected').forEach(function (e) {
      e.classList.remove('dim', 'lit', 'chain', 'is-lit', 'is-selected');
    });
  }

  // Lights `lit` boxes (and `selected`), the arrows between them, and the
  // chain; dims the rest.
  function paint(selected, lit, pairs, chain) {
    clearDiagram();
    if (!svg) return;
    svg.classList.add('focused');
    var active = new Set(lit);
    selected.forEach(function (b) { active.add(b); });
    boxes.forEach(function (b, i) {
      if (!b) return;
      if (active.has(i)) {
        b.classList.add(selected.indexOf(i) >= 0 ? 'is-selected' : 'is-lit');
        return;
      }
      // A card stays bright while one of its rows is lit.
      var inside = Array.prototype.some.call(b.querySelectorAll('[id]'), function (c) {
        return active.has(boxOf.get(c));
      });
      if (!inside) b.classList.add('dim');
    });
    var chainPairs = new Set();
    for (var k = 0; k + 1 < chain.length; k++) {
      boxesOf(chain[k]).forEach(function (a) {
        boxesOf(chain[k + 1]).forEach(function (b) { chainPairs.add(a + ' ' + b); });
      });
    }
    data.arrows.forEach(function (a, k) {
      var e = arrows[k];
      if (!e) return;
      var key = a[1] + ' ' + a[2];
      if (chainPairs.has(key) && pairs.has(key)) e.classList.add('chain');
      else if (pairs.has(key)) e.classList.add('lit');
    });
    arrows.forEach(function (e) {
      if (e && !e.classList.contains('lit') && !e.classList.contains('chain')) e.classList.add('dim');
    });
    lit.forEach(function (b) { halo(b, 'lit'); });
    chain.forEach(function (p, i) {
      if (i > 0 && parties[p].at !== undefined) halo(parties[p].at, 'chain', i);
    });
    selected.forEach(function (b) { halo(b, 'selected'); });
  }


  // ---- Pan and zoom, by moving the viewBox ----

  var whole = null, view = null;

  function setView(v) {
    view = v;
    svg.setAttribute('viewBox', v.x + ' ' + v.y + ' ' + v.w + ' ' + v.h);
  }

  function fit() { if (whole) setView(Object.assign({}, whole)); }

  function zoom(factor, cx, cy) {
    if (!view) return;
    var w = view.w * factor, h = view.h * factor;
    if (w < 40 || w > whole.w * 20) return;
    setView({ x: cx - (cx - view.x) * factor, y: cy - (cy - view.y) * factor, w: w, h: h });
  }

  function point(e) {
    var r = svg.getBoundingClientRect(), s = Math.max(view.w / r.width, view.h / r.height);
    var ox = view.x + (view.w - r.width * s) / 2, oy = view.y + (view.h - r.height * s) / 2;
    return { x: ox + (e.clientX - r.left) * s, y: oy + (e.clientY - r.top) * s, s: s };
  }

  // Shows the boxes given, at a readable size, in the middle of the view.
  function centreOn(list) {
    if (!view) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    list.forEach(function (i) {
      var b = boxes[i];
      if (!b) return;
      var r = b.getBBox();
      var ox = 0, oy = 0;
      var t = layer.transform && layer.transform.baseVal.consolidate();
      if (t) { ox = t.matrix.e; oy = t.matrix.f; }
      x0 = Math.min(x0, r.x + ox); y0 = Math.min(y0, r.y + oy);
      x1 = Math.max(x1, r.x + r.width + ox); y1 = Math.max(y1, r.y + r.height + oy);
    });
    if (x0 === Infinity) return;
    var w = Math.min(whole.w, Math.max(view.w, x1 - x0 + 200)), h = w * view.h / view.w;
    if (w > view.w) h = Math.max(h, y1 - y0 + 200);
    setView({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w: w, h: h });
  }

  function panAndZoom() {
    var vb = svg.viewBox.baseVal;
    if (vb && vb.width) whole = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    else { var b = svg.getBBox(); whole = { x: b.x, y: b.y, w: b.width, h: b.height }; }
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    fit();
    var drag = null;
    svg.addEventListener('wheel', function (e) {
      e.preventDefault();
      var p = point(e);
      zoom(Math.pow(1.0015, e.deltaY), p.x, p.y);
    }, { passive: false });
    svg.addEventListener('pointerdown', function (e) {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, view: Object.assign({}, view), moved: false, s: point(e).s };
    });
    svg.addEventListener('pointermove', function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
      if (!drag.moved) { drag.moved = true; svg.setPointerCapture(e.pointerId); svg.classList.add('dragging'); }
      setView({ x: drag.view.x - dx * drag.s, y: drag.view.y - dy * drag.s, w: drag.view.w, h: drag.view.h });
    });
    svg.addEventListener('pointerup', function () {
      svg.classList.remove('dragging');
      if (drag && drag.moved) svg.dataset.dragged = '1';
      drag = null;
    });
    svg.addEventListener('click', function (e) {
      e.preventDefault();
      if (svg.dataset.dragged) { delete svg.dataset.dragged; return; }
      for (var t = e.target; t && t !== svg; t = t.parentNode) {
        var b = boxOf.get(t);
        if (b === undefined) continue;
        var d = data.drawn[b];
        if (d.party !== undefined) go(d.party);
        else if (d.team !== undefined) selectTeam(d.team);
        return;
      }
      // A click on the background (not on an arrow) clears the selection.
      if (!e.target.closest('.edge')) reset();
    });
    var c = function () { return { x: view.x + view.w / 2, y: view.y + view.h / 2 }; };
    $('zoom-in').addEventListener('click', function () { var m = c(); zoom(1 / 1.4, m.x, m.y); });
    $('zoom-out').addEventListener('click', function () { var m = c(); zoom(1.4, m.x, m.y); });
    $('fit').addEventListener('click', fit);
  }

