#!/usr/bin/python3
"""Writes graphs and their structural measures as networkx 2.8 computes them, for core's
structure tests (tests/core/structure_test.cc). Run from this folder with Debian's
python3-networkx: /usr/bin/python3 make_fixture.py

Each file holds lines of words:
  graph N DIRECTED WEIGHTED       vertices 0..N-1
  edge U V W                      one per edge or arc, W its weight (1 when unweighted)
  groups G0 ... G(N-1)            a grouping of the vertices (for modularity and the E-I index)
  measure NAME V0 ... V(N-1)      per-vertex values ("nan" where undefined)
  figure NAME VALUE               network-level values
Where networkx has no function (efficiency, hierarchy, centralization, the E-I index), the value
is computed here from networkx's own parts by the published formula. Eccentricity is measured
per vertex within what the vertex reaches (networkx refuses disconnected graphs).

communities.txt holds graphs for the community tests: "graph LABEL N BEST WORST" (the best and
worst modularity networkx's Louvain finds over seeds 0..19), then "edge U V" lines.
two_mode.txt holds an affiliation network ("nodes" names actors a* and instruments i*, "edge A I")
and networkx's bipartite centralities ("measure NAME" with one value per node, in nodes' order)."""
import math
import random

import networkx as nx
from networkx.algorithms import community


def undirected(weighted):
    g = nx.powerlaw_cluster_graph(120, 3, 0.4, seed=5)
    n = g.number_of_nodes()
    g.add_edges_from([(n, n + 1), (n + 1, n + 2), (n + 2, n), (n + 2, n + 3)])  # a component
    g.add_node(n + 4)  # isolated
    rng = random.Random(9)
    for u, v in g.edges():
        g[u][v]["weight"] = rng.choice([1, 2, 3, 5]) if weighted else 1
    return g


def directed(weighted):
    g = nx.gnp_random_graph(90, 0.05, seed=4, directed=True)
    for u in range(0, 90, 7):  # reciprocated arcs
        for v in list(g.successors(u)):
            g.add_edge(v, u)
    g.add_edges_from([(90, 91), (91, 92)])
    g.add_node(93)
    rng = random.Random(2)
    for u, v in g.edges():
        g[u][v]["weight"] = rng.choice([1, 2, 4]) if weighted else 1
    return g


def eccentricity(g):
    out = {}
    for v in g:
        dist = nx.single_source_shortest_path_length(g, v)
        out[v] = max(dist.values())
    return out


def hierarchy(g, v, weight):
    contacts = set(nx.all_neighbors(g, v)) - {v}
    n = len(contacts)
    if n < 2:
        return float("nan")
    local = [nx.local_constraint(g, v, j, weight) for j in contacts]
    total = sum(local)
    r = [c / (total / n) for c in local]
    return sum(x * math.log(x) for x in r if x > 0) / (n * math.log(n))


def freeman(values, star_sum):
    top = max(values)
    return sum(top - x for x in values) / star_sum


def ei(g, groups):
    e = sum(1 for u, v in g.edges() if groups[u] != groups[v] and u != v)
    i = sum(1 for u, v in g.edges() if groups[u] == groups[v] and u != v)
    return (e - i) / (e + i)


def write(name, g, weighted):
    n = g.number_of_nodes()
    assert sorted(g.nodes()) == list(range(n))
    w = "weight" if weighted else None
    rng = random.Random(n)
    groups = [rng.randrange(4) for _ in range(n)]
    measures = {
        "constraint": nx.constraint(g, weight=w),
        "effective-size": nx.effective_size(g, weight=w),
        "clustering": nx.clustering(g, weight=w),
        "coreness": nx.core_number(g),
        "eccentricity": eccentricity(g),
        "hierarchy": {v: hierarchy(g, v, w) for v in g},
    }
    measures["efficiency"] = {
        v: measures["effective-size"][v] / len(set(nx.all_neighbors(g, v)) - {v})
        if set(nx.all_neighbors(g, v)) - {v} else float("nan") for v in g}
    figures = {
        "transitivity": nx.transitivity(g.to_undirected()),
        "average_clustering": nx.average_clustering(g, weight=w),
        "degree_assortativity": nx.degree_assortativity_coefficient(g),
        "ei_index": ei(g, groups),
    }
    parts = [{v for v in g if groups[v] == k} for k in range(4)]
    figures["modularity"] = community.modularity(g, parts, weight="weight")
    if g.is_directed():
        figures["reciprocity"] = nx.overall_reciprocity(g)
    elif not weighted:  # Freeman centralization: undirected, unweighted views only
        figures["degree_centralization"] = freeman(list(nx.degree_centrality(g).values()), n - 2)
        figures["betweenness_centralization"] = freeman(
            list(nx.betweenness_centrality(g).values()), n - 1)
        figures["closeness_centralization"] = freeman(
            list(nx.closeness_centrality(g).values()), (n - 1) * (n - 2) / (2 * n - 3))
    with open(name, "w") as f:
        f.write(f"graph {n} {int(g.is_directed())} {int(weighted)}\n")
        for u, v, d in sorted(g.edges(data=True)):
            f.write(f"edge {u} {v} {d['weight']}\n")
        f.write("groups " + " ".join(map(str, groups)) + "\n")
        for m, values in measures.items():
            f.write(f"measure {m} " + " ".join(repr(float(values[v])) for v in range(n)) + "\n")
        for k, value in figures.items():
            f.write(f"figure {k} {float(value)!r}\n")


write("undirected.txt", undirected(False), False)
write("undirected_weighted.txt", undirected(True), True)
write("directed.txt", directed(False), False)
write("directed_weighted.txt", directed(True), True)


def communities(name):
    """Graphs for the community tests, each with the best and the worst modularity networkx's
    Louvain finds over seeds 0..19."""
    planted = nx.planted_partition_graph(6, 20, 0.4, 0.02, seed=3)
    planted.add_node(planted.number_of_nodes())  # isolated
    karate = nx.karate_club_graph()
    with open(name, "w") as f:
        for label, g in (("planted", planted), ("karate", karate)):
            q = [community.modularity(g, community.louvain_communities(g, weight=None, seed=s),
                                      weight=None) for s in range(20)]
            f.write(f"graph {label} {g.number_of_nodes()} {max(q)!r} {min(q)!r}\n")
            for u, v in sorted(g.edges()):
                f.write(f"edge {u} {v}\n")


communities("communities.txt")


def two_mode(name):
    """A random affiliation network of actors a0.. and instruments i0.. (a second component and an
    isolated actor included), with networkx's bipartite degree, closeness and betweenness."""
    from networkx.algorithms import bipartite
    g = bipartite.random_graph(40, 15, 0.12, seed=8)
    actors = [f"a{k}" for k in range(40)]
    g = nx.relabel_nodes(g, {k: actors[k] if k < 40 else f"i{k - 40}" for k in g})
    g.add_edges_from([("a40", "i15"), ("a41", "i15"), ("a41", "i16")])
    g.add_node("a42")
    top = [v for v in g if v.startswith("a")]
    measures = {
        "degree": bipartite.degree_centrality(g, top),
        "closeness": bipartite.closeness_centrality(g, top),
        "betweenness": bipartite.betweenness_centrality(g, top),
    }
    nodes = sorted(g, key=lambda v: (v[0], int(v[1:])))
    with open(name, "w") as f:
        f.write("nodes " + " ".join(nodes) + "\n")
        for u, v in sorted(g.edges()):
            a, i = (u, v) if u.startswith("a") else (v, u)
            f.write(f"edge {a} {i}\n")
        for m, values in measures.items():
            f.write(f"measure {m} " + " ".join(repr(float(values[v])) for v in nodes) + "\n")


two_mode("two_mode.txt")
