#!/usr/bin/python3
"""Writes actors.csv and ties.csv (govnet CSV) for Padgett's Florentine families from networkx's
own copy of the graph, so CLI tests can compare govnet's output with networkx's published values.
Run from this folder with Debian's python3-networkx: /usr/bin/python3 make_fixture.py"""
import csv

import networkx as nx

G = nx.florentine_families_graph()
src = "Padgett's Florentine families (marriage ties), as in networkx.florentine_families_graph()"
with open("actors.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["key", "name", "kind", "source"])
    for n in sorted(G.nodes()):
        w.writerow([n.upper(), n, "other", src])
with open("ties.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["from", "to", "family", "role", "source"])
    for u, v in sorted(G.edges()):
        w.writerow([u.upper(), v.upper(), "cooperation", "marriage", src])
