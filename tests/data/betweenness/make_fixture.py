#!/usr/bin/python3
"""Writes graphs and their betweenness as computed by networkx, for core's exact betweenness
tests (tests/core/centrality_test.cc). Run from this folder with Debian's python3-networkx:
/usr/bin/python3 make_fixture.py

Each file: a line "n directed", the arcs or edges one per line "u v", a line "values", then the
raw betweenness of vertices 0..n-1 (networkx betweenness_centrality(G, normalized=False)).
The graphs are larger than a batch of sources, with several components, isolated vertices,
pendant trees and long chains, so every path of the kernel is taken."""
import random

import networkx as nx


def undirected():
    g = nx.powerlaw_cluster_graph(300, 2, 0.3, seed=7)
    rng = random.Random(11)
    n = g.number_of_nodes()
    for _ in range(60):  # pendant trees
        g.add_edge(rng.randrange(n), n)
        n += 1
    chain_start = n
    for i in range(40):  # a chain of 40 hanging off vertex 5
        g.add_edge(5 if i == 0 else chain_start + i - 1, chain_start + i)
    n = chain_start + 40
    small = nx.cycle_graph(7)  # a second component
    g.add_edges_from((n + u, n + v) for u, v in small.edges())
    n += 7
    g.add_node(n)  # isolated
    return g


def directed():
    g = nx.gnp_random_graph(180, 0.02, seed=3, directed=True)
    g.add_edges_from([(180, 0), (181, 180), (0, 182)])
    g.add_node(183)
    return g


def write(name, g):
    bc = nx.betweenness_centrality(g, normalized=False)
    n = g.number_of_nodes()
    assert sorted(g.nodes()) == list(range(n))
    with open(name, "w") as f:
        f.write(f"{n} {1 if g.is_directed() else 0}\n")
        for u, v in sorted(g.edges()):
            f.write(f"{u} {v}\n")
        f.write("values\n")
        for v in range(n):
            f.write(f"{bc[v]!r}\n")


write("undirected.txt", undirected())
write("directed.txt", directed())
