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

