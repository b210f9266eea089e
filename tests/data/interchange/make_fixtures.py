#!/usr/bin/python3
"""Writes the interchange fixtures with the tools researchers use — networkx, igraph and
graph-tool from Debian (run with /usr/bin/python3) — and expected.json: for every file, its
nodes, edges and attributes as the writing tool holds them. tests/importers/interchange_test.cc
reads each file with govnet and compares. Deterministic; the outputs are committed.
    /usr/bin/python3 tests/data/interchange/make_fixtures.py"""
import json, os, pathlib

import networkx as nx

HERE = pathlib.Path(__file__).resolve().parent
expected = {}


def text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def record(name, nodes, edges, directed, two_mode=False):
    expected[name] = {"directed": directed, "two_mode": two_mode,
                      "nodes": {str(k): {a: text(v) for a, v in d.items()} for k, d in nodes},
                      "edges": [[str(u), str(v), {a: text(x) for a, x in d.items()}] for u, v, d in edges]}


def governance_graph():
    """A small directed multigraph with the attribute types the formats carry."""
    g = nx.MultiDiGraph()
    g.add_node("EU", name="European Union", kind="international_org", members=27, founded=1993.0)
    g.add_node("MDA", name="Moldova", kind="state", iso3="MDA", landlocked=True)
    g.add_node("IOM", name="International Organization for Migration", kind="international_org", members=175)
    g.add_node("Frontex", name="Frontex", kind="eu_agency", members=0)
    g.add_node("MP-MDA", name="EU–Moldova Mobility Partnership", type="instrument", kind="mobility_partnership",
               status="in_force", start="2008-06")
    g.add_edge("EU", "MP-MDA", family="agreement", role="party", weight=1.0)
    g.add_edge("MDA", "MP-MDA", family="agreement", role="party", weight=1.0)
    g.add_edge("EU", "IOM", family="funding", amount=2500000.0, currency="EUR", start="2009", weight=2.5)
    g.add_edge("EU", "IOM", family="funding", amount=1000000.0, currency="EUR", start="2011", weight=1.0)  # parallel
    g.add_edge("Frontex", "MDA", family="cooperation", role="training", weight=1.0)
    g.add_edge("IOM", "IOM", family="other", weight=0.5)  # self-loop
    return g


def networkx_files():
    g = governance_graph()
    nx.write_graphml(g, HERE / "networkx_multi.graphml")
    record("networkx_multi.graphml", g.nodes(data=True), g.edges(data=True), True)

    f = nx.florentine_families_graph()
    for i, n in enumerate(sorted(f.nodes())):
        f.nodes[n]["label"] = n.upper()
        f.nodes[n]["rank"] = i
    for u, v in f.edges():
        f.edges[u, v]["weight"] = float(len(u) + len(v))
    nx.write_graphml(f, HERE / "networkx_florentine.graphml")
    record("networkx_florentine.graphml", f.nodes(data=True), f.edges(data=True), False)

    # GEXF with viz and a dynamic period (networkx writes 1.2draft).
    x = nx.Graph()
    x.add_node("RCM", label="Regional Conference on Migration", kind="regional_process", start="1996",
               viz={"color": {"r": 200, "g": 30, "b": 40, "a": 1.0}, "size": 12.5,
                    "position": {"x": 10.0, "y": -5.0, "z": 0.0}})
    x.add_node("MEX", label="Mexico", kind="state", start="1996")
    x.add_node("USA", label="United States", kind="state", start="1996")
    x.add_edge("MEX", "RCM", family="membership", role="member", start="1996", weight=1.0)
    x.add_edge("USA", "RCM", family="membership", role="member", start="1996", weight=2.0)
    nx.write_gexf(x, HERE / "networkx.gexf")
    nodes = []
    for n, d in x.nodes(data=True):
        d = {k: v for k, v in d.items() if k != "viz"}
        nodes.append((n, d))
    record("networkx.gexf", nodes, x.edges(data=True), False)

    d = nx.node_link_data(g)
    (HERE / "networkx_node_link.json").write_text(json.dumps(d, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    record("networkx_node_link.json", g.nodes(data=True), g.edges(data=True), True)

    # GML: networkx numbers the nodes and writes each node's name as its label; the expected
    # values are what networkx reads back from its own file (booleans become 1 and 0).
    nx.write_gml(g, HERE / "networkx.gml")
    back = nx.read_gml(HERE / "networkx.gml")
    record("networkx.gml", back.nodes(data=True), back.edges(data=True), True)

    p = nx.Graph()
    p.add_edge("Rabat", "SEN", weight=2.0)
    p.add_edge("Rabat", "MAR", weight=1.0)
    p.add_edge("Budapest", "MDA", weight=1.0)
    nx.write_pajek(p, HERE / "networkx.net")
    record("networkx.net", [(n, {}) for n in p.nodes()], [(u, v, {"weight": w}) for u, v, w in p.edges(data="weight")], False)


def networkx_round_trip_files():
    """What researchers get back from networkx after a read-modify-write: networkx writes an
    open end it read as `end="None"` and a colour without alpha as `a="None"`."""
    src = HERE / "open_ends_source.gexf"
    src.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">
    <attributes class="edge" mode="dynamic">
      <attribute id="0" title="note" type="string"/>
    </attributes>
    <nodes>
      <node id="EASO" label="EASO"><spells><spell start="2011-02-01" end="2022-01-18"/></spells></node>
      <node id="EUAA" label="EUAA"><spells><spell start="2022-01-19"/></spells></node>
    </nodes>
    <edges>
      <edge id="0" source="EASO" target="EUAA">
        <attvalues><attvalue for="0" value="successor" start="2022-01-19"/></attvalues>
        <spells><spell start="2022-01-19"/></spells>
      </edge>
    </edges>
  </graph>
</gexf>
""", encoding="utf-8")
    g = nx.read_gexf(src)
    src.unlink()
    g.nodes["EASO"]["viz"] = {"color": {"r": 0, "g": 10, "b": 200}}
    nx.write_gexf(g, HERE / "networkx_open_ends.gexf")

    # An edge table as scripts write one with Python's csv module (or pandas' to_csv): a
    # source,target,weight header, CRLF line ends.
    import csv
    with open(HERE / "networkx_edges.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "weight"])
        w.writerow(["Rabat Process", "Senegal", 2.0])
        w.writerow(["Rabat Process", "Mali", 1.5])
        w.writerow(["Khartoum Process", "Sudan", 1.0])


def igraph_files():
    import igraph as ig
    # A bipartite (two-mode) network: igraph marks the second mode with the boolean `type`.
    g = ig.Graph.Bipartite([False, False, False, True, True],
                           [(0, 3), (1, 3), (1, 4), (2, 4)])
    g.vs["name"] = ["SEN", "MAR", "ESP", "Rabat Process", "Dakar Declaration"]
    g.es["role"] = ["member", "member", "member", "signatory"]
    g.write_graphml(str(HERE / "igraph_bipartite.graphml"))
    # igraph's GraphML writer names vertices n0, n1...; the names are a property.
    nodes = [(f"n{v.index}", {"type": v["type"], "name": v["name"]}) for v in g.vs]
    edges = [(f"n{e.source}", f"n{e.target}", {"role": e["role"]}) for e in g.es]
    record("igraph_bipartite.graphml", nodes, edges, False)  # the modes are in `type`, not declared
    g.write_pajek(str(HERE / "igraph.net"))
    # igraph's Pajek writer labels vertices by number and declares the two modes (*Vertices 5 3).
    record("igraph.net", [(str(v.index + 1), {"type": "instrument" if v["type"] else "actor"}) for v in g.vs],
           [(str(e.source + 1), str(e.target + 1), {}) for e in g.es], False, two_mode=True)
    # GML: igraph writes the vertex index as `id`, the name as `name` (UTF-8 as it is), no label.
    r = ig.Graph([(0, 1), (1, 2), (2, 0), (2, 3)])
    r.vs["name"] = ["Rabat Process", "Senegal", "Mali", "Côte d'Ivoire"]
    r.es["weight"] = [1.0, 2.0, 3.5, 1.0]
    r.write_gml(str(HERE / "igraph.gml"), creator="igraph")
    record("igraph.gml", [(str(v.index), {"name": v["name"]}) for v in r.vs],
           [(str(e.source), str(e.target), {"weight": e["weight"]}) for e in r.es], False)


def graph_tool_files():
    import graph_tool.all as gt
    g = gt.Graph(directed=True)
    name = g.new_vertex_property("string")
    kind = g.new_vertex_property("string")
    amount = g.new_edge_property("double")
    family = g.new_edge_property("string")
    vs = [g.add_vertex() for _ in range(3)]
    for v, n, k in zip(vs, ["DE", "IOM", "UNHCR"], ["state", "international_org", "international_org"]):
        name[v] = n
        kind[v] = k
    for (a, b, x) in [(0, 1, 1200000.0), (0, 2, 800000.0)]:
        e = g.add_edge(vs[a], vs[b])
        amount[e] = x
        family[e] = "funding"
    g.vp["name"] = name
    g.vp["kind"] = kind
    g.ep["amount"] = amount
    g.ep["family"] = family
    g.save(str(HERE / "graph_tool.graphml"))
    # graph-tool writes vertex ids n0, n1...; names are a property.
    record("graph_tool.graphml", [(f"n{i}", {"name": name[v], "kind": kind[v]}) for i, v in enumerate(vs)],
           [(f"n{int(e.source())}", f"n{int(e.target())}", {"amount": amount[e], "family": family[e]}) for e in g.edges()],
           True)


networkx_files()
networkx_round_trip_files()
igraph_files()
graph_tool_files()
(HERE / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
print("wrote", ", ".join(sorted(expected)))
