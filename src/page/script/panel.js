  // ---- The side panel ----

  var KINDS = { person: 'person', role: 'role', external: 'external customer' };

  // What the marks on the diagram mean, as the selected party's panel says.
  var MARKS = {
    'vacant': 'vacant role: work handed to it stops here',
    'dead-end': '✖ reaches no paying customer',
    'single-point': '⚠ single point: the only route of others'
  };

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
    if (p.marks) {
      var marks = el('p', 'marks');
      p.marks.forEach(function (m) { marks.appendChild(el('span', 'badge ' + m, MARKS[m])); });
      chosen.appendChild(marks);
    }
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
    else {
      card.appendChild(el('p', 'more', 'The cards are left out of a page of this many people: '));
      card.lastChild.appendChild(el('code', '', 'chain card FILE ' + p.id));
      card.lastChild.appendChild(document.createTextNode(' prints this one.'));
    }
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

