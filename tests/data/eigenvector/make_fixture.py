#!/usr/bin/python3
"""Writes a graph whose power iteration converges slowly, with its eigenvector centrality as
numpy computes it, for core's eigenvector test (tests/core/centrality_test.cc). Run from this
folder with Debian's python3-networkx and python3-numpy: /usr/bin/python3 make_fixture.py

The file: a line "n 0", the edges one per line "u v", a line "values", the leading eigenvector
of the adjacency matrix for vertices 0..n-1 (numpy.linalg.eigh; unit length, positive, as
networkx's eigenvector_centrality), then a line "plain" and the number of steps the plain
iteration takes: x <- (A + I) x / |(A + I) x| from x = 1/n until the L1 change of a step is
below n * 1e-12 (govnet's rule, without its extrapolation).

Two hubs of nearly the same degree (60 and 52 leaves) joined by a path, and a sparse random
graph (small-world, connected) hanging off some leaves: the two largest eigenvalues are close, so the plain iteration
needs hundreds of steps."""
import networkx as nx
import numpy as np


def graph():
    g = nx.Graph()
    n = 0
    hubs = []
    for leaves in (60, 52):
        hub = n
        hubs.append(hub)
        g.add_edges_from((hub, hub + 1 + i) for i in range(leaves))
        n += leaves + 1
    path = list(range(n, n + 3))
    nx.add_path(g, [hubs[0]] + path + [hubs[1]])
    n += 3
    sparse = nx.connected_watts_strogatz_graph(150, 4, 0.3, seed=5)
    g.add_edges_from((n + u, n + v) for u, v in sparse.edges())
    g.add_nodes_from(range(n, n + 150))
    for i in range(10):  # hang the random part off some leaves of both hubs
        g.add_edge(1 + i * 5, n + i * 7)
        g.add_edge(62 + i * 4, n + 80 + i * 6)
    return g


def plain_steps(a):
    n = a.shape[0]
    m = a + np.eye(n)
    x = np.full(n, 1.0 / n)
    for step in range(1, 100000):
        y = m @ x
        y /= np.linalg.norm(y)
        change = np.abs(y - x).sum()
        x = y
        if change < n * 1e-12:
            return step
    raise RuntimeError("no convergence")


g = graph()
n = g.number_of_nodes()
assert sorted(g.nodes()) == list(range(n)) and nx.is_connected(g)
a = nx.to_numpy_array(g, nodelist=range(n))
w, v = np.linalg.eigh(a)
lead = v[:, -1]
lead = lead if lead.sum() > 0 else -lead
lead /= np.linalg.norm(lead)
with open("two_hubs.txt", "w") as f:
    f.write(f"{n} 0\n")
    for u, x in sorted(tuple(sorted(e)) for e in g.edges()):
        f.write(f"{u} {x}\n")
    f.write("values\n")
    for x in lead:
        f.write(f"{x!r}\n")
    f.write(f"plain\n{plain_steps(a)}\n")
print(n, "vertices;", "eigenvalues", w[-1], w[-2], "plain steps", plain_steps(a))
