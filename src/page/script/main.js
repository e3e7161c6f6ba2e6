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


  // ---- Start ----

  function counts() {
    var n = { person: 0, role: 0, external: 0 }, paying = 0;
    parties.forEach(function (p) { n[p.kind]++; if (p.pays) paying++; });
    var text = plural(n.person, 'person', 'people') + ' · ' + plural(n.role, 'role', 'roles') + ' · ' +
      plural(n.external, 'external customer', 'external customers') + ' (' + paying + ' paying) · laid out by ' +
      (data.view.layout === 'graphviz' ? 'Graphviz' : 'chain (' + data.view.why + ')');
    $('counts').textContent = text;
  }

  $('title').textContent = data.title;
  // The key folds away on a small screen, where it would hide the diagram.
  if (window.innerHeight < 900) $('legend').open = false;
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
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && e.target !== $('search')) reset();
  });
  window.addEventListener('hashchange', fromHash);
  window.addEventListener('popstate', function () { if (location.hash) fromHash(); else reset(); });
  fromHash();
  // Every part has started: for the tests, which wait for it.
  document.body.dataset.ready = 'true';
})();
