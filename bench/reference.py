#!/usr/bin/env python3
"""What a user would write instead of chain: tomllib and networkx computing
the all-people map (each person's distance to a paying customer and one
shortest chain), with chain's rules for who serves whom.

Usage: python3 bench/reference.py TEAM.toml > map.txt

Like chain, role handoffs are routed through the role (person -> role-out
costs nothing, role-in -> holder costs nothing, a handoff costs one step),
so a role of 20,000 holders does not become 400 million edges; a vacant role
is a node of its own; a handoff of a person to themselves is not a step.
Distances come from one Dijkstra from the paying customers over the reversed
graph (networkx), whose predecessors give one shortest chain per person
(at most 50 handoffs shown, like chain's default). Ties may break differently from chain's (smallest next id); the
distances are the same. Installs nothing: bench/run.sh installs networkx.
"""

import sys
import tomllib

import networkx as nx


def load(path):
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    return doc.get("people", {}), doc.get("roles", {}), doc.get("external", {})


def target(handoff):
    return handoff if isinstance(handoff, str) else handoff["to"]


def build(people, roles, externals):
    """The customer graph, reversed: edges run from receiver to giver."""
    holders = {r: [] for r in roles}
    for pid, p in people.items():
        for r in p.get("roles", []):
            holders[r].append(pid)
    g = nx.DiGraph()

    def incoming(i):
        if i in roles:
            return ("in", i) if holders[i] else ("vacant", i)
        return ("party", i)

    def outgoing(i):
        if i in roles:
            return ("out", i) if holders[i] else ("vacant", i)
        return ("party", i)

    for pid, p in people.items():
        g.add_node(("party", pid))
        for r in p.get("roles", []):
            g.add_edge(outgoing(r), ("party", pid), weight=0)  # holds
            g.add_edge(("party", pid), incoming(r), weight=0)  # holder
        for h in p.get("hands_to", []):
            to = target(h)
            if to != pid:
                g.add_edge(incoming(to), ("party", pid), weight=1)
    for rid, r in roles.items():
        for h in r.get("hands_to", []):
            g.add_edge(incoming(target(h)), outgoing(rid), weight=1)
    for eid in externals:
        g.add_node(("party", eid))
    return g


def main():
    people, roles, externals = load(sys.argv[1])
    g = build(people, roles, externals)
    # One search from a virtual source joined to every paying customer; the
    # predecessors give each person's chain without storing every path (a
    # 100,000-person line would need 5 billion path entries).
    source = ("source", "")
    for e, x in externals.items():
        if x.get("pays"):
            g.add_edge(source, ("party", e), weight=0)
    pred, dist = nx.dijkstra_predecessor_and_distance(g, source, weight="weight")
    out = []
    reach = 0
    for pid in sorted(people):
        node = ("party", pid)
        if node in dist:
            reach += 1
            chain = []
            # Like chain's default --chain-limit, show at most 50 handoffs.
            while node != source and len(chain) <= 50:
                if node[0] in ("party", "vacant") and (not chain or chain[-1] != node[1]):
                    chain.append(node[1])
                node = pred[node][0]
            out.append(f"{pid}  {dist[('party', pid)]}  {' -> '.join(chain)}")
        else:
            out.append(f"{pid}  -  no route to a paying customer")
    out.append(f"{len(people)} people: {reach} reach a paying customer")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
