// chain's page: click a party to light up whom it serves (or who serves
// it), with its card beside the diagram. The data is read with JSON.parse
// and every string from it is shown with textContent: nothing from the
// team file is ever run or parsed as markup.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('chain-data').textContent);
  var parties = data.parties;
  var g = data.graph;
  var svg = document.querySelector('#diagram > svg');
  var state = { selected: -1, team: -1, down: true, finding: -1 };

  // The namespace of SVG elements (a name, never fetched).
  var SVG = 'http://www.w3.org/2000/svg';

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---- The customer graph, walked as `chain map ID` walks it ----

  // Edges by node, both ways, as index lists (compressed rows).
  function adjacency(byFrom) {
    var n = g.party.length, m = g.edges.length / 3;
    var start = new Int32Array(n + 1), list = new Int32Array(m);
    for (var e = 0; e < m; e++) start[g.edges[3 * e + (byFrom ? 0 : 1)] + 1]++;
    for (var i = 0; i < n; i++) start[i + 1] += start[i];
    var fill = start.slice(0, n);
    for (e = 0; e < m; e++) list[fill[g.edges[3 * e + (byFrom ? 0 : 1)]]++] = e;
    return { start: start, list: list };
  }
  var outgoing = adjacency(true), incoming = adjacency(false);

  // Fewest handoffs from `party` to every node, downstream or upstream: a
  // 0-1 breadth-first search, since entering and leaving a role costs none.
  function walk(party, down) {
    var n = g.party.length, dist = new Int32Array(n).fill(-1);
    var from = down ? g.leaves[party] : g.arrives[party];
    if (from < 0) return dist;
    var adj = down ? outgoing : incoming, deque = [from], head = 0;
    var front = [];
    dist[from] = 0;
    while (front.length || head < deque.length) {
      var u = front.length ? front.pop() : deque[head++];
      for (var k = adj.start[u]; k < adj.start[u + 1]; k++) {
        var e = adj.list[k], v = g.edges[3 * e + (down ? 1 : 0)], cost = g.edges[3 * e + 2];
        var d = dist[u] + cost;
        if (dist[v] < 0 || d < dist[v]) {
          dist[v] = d;
          if (cost === 0) front.push(v); else deque.push(v);
        }
      }
    }
    return dist;
  }

  // Everyone `party` reaches, as `chain map` lists them: visible nodes at
  // one handoff or more, nearest first, then people, roles, customers in
  // file order.
  function reach(party, down) {
    var dist = walk(party, down), found = [];
    for (var v = 0; v < dist.length; v++) {
      var p = g.party[v];
      if (dist[v] > 0 && p >= 0 && p !== party) found.push([dist[v], p]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return { dist: dist, found: found };
  }

  // The pairs of boxes joined by the handoffs the walk went along.
  function walkedArrows(dist, down) {
    var pairs = new Set();
    for (var e = 0; e < g.edges.length / 3; e++) {
      var a = g.edges[3 * e], b = g.edges[3 * e + 1];
      if (g.edges[3 * e + 2] === 0 || dist[down ? a : b] < 0) continue;
      var from = parties[g.owner[a]].at, to = parties[g.owner[b]].at;
      if (from !== undefined && to !== undefined) pairs.add(from + ' ' + to);
    }
    return pairs;
  }

  // A party's shortest chain to a paying customer: itself, then each next step.
  function chainOf(party) {
    var chain = [party], seen = new Set([party]), p = parties[party].next;
    while (p !== null && p !== undefined && !seen.has(p)) {
      chain.push(p); seen.add(p); p = parties[p].next;
    }
    return chain;
  }

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

  // ---- The side panel ----

  var KINDS = { person: 'person', role: 'role', external: 'external customer' };

  function chip(party, distance) {
    var p = parties[party];
    var b = el('a', 'chip' + (p.pays ? ' pays' : '') + (p.vacant ? ' vacant' : ''), p.name);
    b.href = '#party-' + party;
    b.dataset.id = p.id;
    b.title = KINDS[p.kind] + ' ' + p.id + (distance ? ', ' + distance + (distance === 1 ? ' handoff' : ' handoffs') : '');
    return b;
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  var CHIPS = 200;

  function chips(list, container) {
    list.slice(0, CHIPS).forEach(function (f) { container.appendChild(chip(f[1], f[0])); });
    if (list.length > CHIPS) container.appendChild(el('span', 'more', 'and ' + (list.length - CHIPS) + ' more'));
  }

  function summary(found, down) {
    var counts = { person: 0, role: 0, external: 0 }, paying = 0;
    found.forEach(function (f) {
      var p = parties[f[1]];
      counts[p.kind]++;
      if (p.pays) paying++;
    });
    var parts = [];
    if (counts.person) parts.push(plural(counts.person, 'person', 'people'));
    if (counts.role) parts.push(plural(counts.role, 'vacant role', 'vacant roles'));
    if (counts.external) parts.push(plural(counts.external, 'external customer', 'external customers') + (paying ? ' (' + paying + ' paying)' : ''));
    var line = el('p', 'reach-summary');
    line.appendChild(el('strong', '', down ? 'Serves ' : 'Served by '));
    line.appendChild(document.createTextNode(parts.length ? parts.join(', ') : 'nobody'));
    return line;
  }

  function showParty(party) {
    var p = parties[party], chosen = $('chosen');
    chosen.replaceChildren();
    chosen.appendChild(el('h2', '', p.name));
    var r = reach(party, state.down);
    chosen.appendChild(summary(r.found, state.down));
    var list = el('div', 'reach');
    chips(r.found, list);
    chosen.appendChild(list);
    var line = el('p', 'chain-line');
    line.appendChild(el('span', 'label', 'Shortest chain to a paying customer: '));
    var chain = chainOf(party);
    if (p.pays) line.appendChild(document.createTextNode('a paying customer itself'));
    else if (chain.length < 2) line.appendChild(document.createTextNode('none (see the card)'));
    else chain.slice(1).forEach(function (c, i) {
      if (i > 0) line.appendChild(el('span', 'step', '→'));
      line.appendChild(chip(c));
    });
    if (state.down) chosen.appendChild(line);
    var card = el('div', 'card');
    var tpl = $('card-' + party);
    if (tpl) card.appendChild(document.importNode(tpl.content, true));
    chosen.appendChild(card);
    return { r: r, chain: state.down ? chainOf(party) : [party] };
  }

  function showTeam(team) {
    var t = data.teams[team], chosen = $('chosen');
    chosen.replaceChildren();
    chosen.appendChild(el('h2', '', t.name));
    chosen.appendChild(el('p', 'reach-summary', 'Team of ' + plural(t.people.length, 'person', 'people') + '. Click one to see whom they serve.'));
    var list = el('ul', 'members');
    t.people.forEach(function (p) { var li = el('li'); li.appendChild(chip(p)); list.appendChild(li); });
    chosen.appendChild(list);
  }

  function show(which) {
    $('welcome').hidden = which !== 'welcome';
    $('chosen').hidden = which !== 'chosen';
  }

  // ---- Selecting ----

  function select(party) {
    state.selected = party; state.team = -1;
    document.body.dataset.selected = parties[party].id;
    var shown = showParty(party);
    show('chosen');
    var lit = new Set();
    shown.r.found.forEach(function (f) { if (parties[f[1]].at !== undefined) lit.add(parties[f[1]].at); });
    var own = parties[party].at;
    if (own !== undefined) lit.delete(own);
    paint(own !== undefined ? [own] : [], Array.from(lit), walkedArrows(shown.r.dist, state.down), shown.chain);
    $('panel').scrollTop = 0;
  }

  function selectTeam(team) {
    state.selected = -1; state.team = team;
    delete document.body.dataset.selected;
    showTeam(team);
    show('chosen');
    var b = data.drawn.findIndex(function (d) { return d.team === team; });
    paint(b >= 0 ? [b] : [], [], new Set(), []);
  }

  // Selects `party` and keeps it in the address, so Back returns to the
  // party before.
  function go(party) {
    if (location.hash !== '#party-' + party) history.pushState(null, '', '#party-' + party);
    select(party);
  }

  function reset() {
    state.selected = -1; state.team = -1;
    delete document.body.dataset.selected;
    clearDiagram();
    show('welcome');
    closeFinding();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  }

  function fromHash() {
    var m = /^#party-(\d+)$/.exec(location.hash);
    if (m && parties[+m[1]]) select(+m[1]);
  }

  function setWay(down) {
    state.down = down;
    $('way-down').setAttribute('aria-pressed', String(down));
    $('way-up').setAttribute('aria-pressed', String(!down));
    $('legend-lit').textContent = down ? 'whom they serve' : 'who serves them';
    if (state.selected >= 0) select(state.selected);
  }

  // ---- Findings ----

  function closeFinding() {
    state.finding = -1;
    document.querySelectorAll('#finding-list button.open').forEach(function (b) { b.classList.remove('open'); });
    halos.querySelectorAll('.flagged').forEach(function (h) { h.remove(); });
  }

  var byId = new Map();
  parties.forEach(function (p, i) { byId.set(p.id, i); });

  function openFinding(i, button) {
    closeFinding();
    state.finding = i;
    button.classList.add('open');
    var named = [];
    data.findings[i].ids.forEach(function (id) {
      var p = byId.get(id);
      if (p !== undefined && parties[p].at !== undefined) named.push(parties[p].at);
    });
    named.forEach(function (b) { halo(b, 'flagged'); });
    if (named.length) centreOn(named);
  }

  function findings() {
    var list = $('finding-list'), s = data.summary;
    $('finding-count').textContent = '(' + plural(s.errors, 'error', 'errors') + ', ' + plural(s.warnings, 'warning', 'warnings') + ')';
    if (!data.findings.length) {
      list.appendChild(el('li', 'clean', 'No findings: every chain reaches a paying customer.'));
      return;
    }
    data.findings.forEach(function (f, i) {
      var li = el('li', f.severity), b = el('button');
      b.type = 'button';
      b.dataset.code = f.code;
      b.appendChild(el('span', 'code', f.severity + '[' + f.code + ']'));
      b.appendChild(document.createTextNode(f.message));
      if (f.line) b.appendChild(el('span', 'where', f.file + ':' + f.line + ':' + f.column));
      if (f.help) b.appendChild(el('span', 'help', f.help));
      b.addEventListener('click', function () {
        if (state.finding === i) closeFinding(); else openFinding(i, b);
      });
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  // ---- Search ----

  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  var folded = parties.map(function (p) { return fold(p.name) + '\u0000' + fold(p.id); });
  var matches = [], active = -1;

  function search() {
    var q = fold($('search').value.trim()), list = $('matches');
    list.replaceChildren();
    halos.querySelectorAll('.match').forEach(function (h) { h.remove(); });
    matches = [];
    active = -1;
    if (!q) { list.hidden = true; return; }
    for (var i = 0; i < parties.length && matches.length < 50; i++) {
      if (folded[i].indexOf(q) >= 0) matches.push(i);
    }
    matches.forEach(function (p, k) {
      var li = el('li', '', parties[p].name);
      li.setAttribute('role', 'option');
      li.dataset.id = parties[p].id;
      li.appendChild(el('span', 'sub', KINDS[parties[p].kind] + ' ' + parties[p].id));
      li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(k); });
      list.appendChild(li);
      if (parties[p].at !== undefined) halo(parties[p].at, 'match');
    });
    if (!matches.length) list.appendChild(el('li', 'sub', 'Nobody matches.'));
    list.hidden = false;
  }

  function choose(k) {
    var p = matches[k];
    if (p === undefined) return;
    $('matches').hidden = true;
    go(p);
    if (parties[p].at !== undefined) centreOn([parties[p].at]);
  }

  function keys(e) {
    var items = $('matches').children;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!matches.length) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      Array.prototype.forEach.call(items, function (li, k) { li.classList.toggle('active', k === active); });
    } else if (e.key === 'Enter') {
      choose(active < 0 ? 0 : active);
    } else if (e.key === 'Escape') {
      $('search').value = '';
      search();
    }
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
    });
    var c = function () { return { x: view.x + view.w / 2, y: view.y + view.h / 2 }; };
    $('zoom-in').addEventListener('click', function () { var m = c(); zoom(1 / 1.4, m.x, m.y); });
    $('zoom-out').addEventListener('click', function () { var m = c(); zoom(1.4, m.x, m.y); });
    $('fit').addEventListener('click', fit);
  }

  // ---- Start ----

  function counts() {
    var n = { person: 0, role: 0, external: 0 }, paying = 0;
    parties.forEach(function (p) { n[p.kind]++; if (p.pays) paying++; });
    var text = plural(n.person, 'person', 'people') + ' · ' + plural(n.role, 'role', 'roles') + ' · ' +
      plural(n.external, 'external customer', 'external customers') + ' (' + paying + ' paying) · laid out by ' +
      (data.view.layout === 'graphviz' ? 'Graphviz' : 'chain (install Graphviz for a tidier layout)');
    $('counts').textContent = text;
  }

  $('title').textContent = data.title;
  counts();
  if (data.view.note) { $('note').textContent = data.view.note; $('note').hidden = false; }
  findings();
  if (svg) panAndZoom();
  $('search').addEventListener('input', search);
  $('search').addEventListener('keydown', keys);
  $('search').addEventListener('blur', function () { $('matches').hidden = true; });
  $('search').addEventListener('focus', function () { if ($('search').value) search(); });
  $('way-down').addEventListener('click', function () { setWay(true); });
  $('way-up').addEventListener('click', function () { setWay(false); });
  $('reset').addEventListener('click', function () { reset(); fit(); });
  window.addEventListener('hashchange', fromHash);
  window.addEventListener('popstate', function () { if (location.hash) fromHash(); else reset(); });
  fromHash();
})();
