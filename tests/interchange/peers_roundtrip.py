#!/usr/bin/python3
"""govnet's exports read back by networkx, igraph and graph-tool with the same structure and
attributes. Usage: peers_roundtrip.py GOVNET_BINARY SOURCE_DIR WORK_DIR. Exits 77 (skipped)
when /usr/bin/python3 lacks a peer library; `make test` installs them."""
import html, json, shutil, subprocess, sys, pathlib

govnet, src, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
try:
    import networkx as nx
    import igraph as ig
    import graph_tool.all as gt
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)

work.mkdir(parents=True, exist_ok=True)
db = work / "db"
shutil.rmtree(db, ignore_errors=True)  # a store left by an earlier run is not this run's
sample = src / "samples" / "migration-governance"
def run(*args):
    return subprocess.run([govnet, *args], check=True, capture_output=True, text=True).stdout
run("import", "--db", str(db), *[str(sample / f) for f in ("actors.csv", "instruments.csv", "ties.csv", "evidence.csv")],
    "--dataset", "mg")
truth = {r["key"]: r for r in json.loads(run("actors", "--db", str(db), "--format", "json"))}

failures = []
def check(what, cond):
    if not cond:
        failures.append(what)

for view, extra in (("full", []), ("two-mode", []), ("direct", ["--family", "funding"])):
    stats = json.loads(run("stats", "--db", str(db), "--view", view, "--keep-isolated", *extra, "--format", "json"))
    vertices = stats[f"{view} view"]["vertices"]
    ref = work / f"{view}.reference.json"
    run("export", "--db", str(db), "--view", view, *extra, "-o", str(ref))
    doc = json.loads(ref.read_text())
    want = (len(doc["nodes"]), len(doc["links"]))
    check(f"{view}: export holds the view's {vertices} vertices", want[0] == vertices)
    for fmt, ext in (("graphml", "graphml"), ("json", "json"), ("pajek", "net"), ("gexf", "gexf"),
                     ("gml", "gml")):
        out = work / f"{view}.{ext}"
        run("export", "--db", str(db), "--view", view, *extra, "-o", str(out))
        if fmt == "graphml":
            g = nx.read_graphml(out)
            h = ig.Graph.Read_GraphML(str(out))
            t = gt.load_graph(str(out))
            counts = [(g.number_of_nodes(), g.number_of_edges()), (h.vcount(), h.ecount()),
                      (t.num_vertices(), t.num_edges())]
            for key in ("MDA", "IOM", "EU"):
                if key in g:
                    check(f"{view} graphml networkx {key} name", g.nodes[key]["name"] == truth[key]["name"])
                    check(f"{view} graphml networkx {key} kind", g.nodes[key]["kind"] == truth[key]["kind"])
                    ev = json.loads(g.nodes[key].get("evidence", "[]"))
                    check(f"{view} graphml {key} evidence is a list with sources", all("source" in e for e in ev))
            names = dict(zip(h.vs["id"], h.vs["name"]))
            check(f"{view} graphml igraph names", all(names[k] == truth[k]["name"] for k in names if k in truth))
        elif fmt == "json":
            g = nx.node_link_graph(json.loads(out.read_text()))
            counts = [(g.number_of_nodes(), g.number_of_edges())]
            for u, v, d in g.edges(data=True):
                check(f"{view} json edge family", "family" in d or view == "projection")
        elif fmt == "pajek":
            h = ig.Graph.Read_Pajek(str(out))
            counts = [(h.vcount(), h.ecount())]
        elif fmt == "gml":
            g = nx.read_gml(out)
            h = ig.Graph.Read_GML(str(out))
            counts = [(g.number_of_nodes(), g.number_of_edges()), (h.vcount(), h.ecount())]
            for key in ("MDA", "IOM", "EU-COM"):
                if key in g:
                    check(f"{view} gml networkx {key} name", g.nodes[key]["name"] == truth[key]["name"])
                    check(f"{view} gml networkx {key} kind", g.nodes[key]["kind"] == truth[key]["kind"])
            # GML is 7-bit ASCII with &-entities (networkx refuses anything else); igraph 0.10
            # reads the file but leaves numeric entities as written.
            names = dict(zip(h.vs["label"], (html.unescape(n) for n in h.vs["name"])))
            check(f"{view} gml igraph names", all(names[k] == truth[k]["name"] for k in names if k in truth))
        else:
            try:
                g = nx.read_gexf(out)
            except nx.NetworkXError as e:  # networkx refuses mixed directed/undirected GEXF
                check(f"{view} gexf refused only for mixed graphs: {e}", "found in" in str(e))
                continue
            counts = [(g.number_of_nodes(), g.number_of_edges())]
        for c in counts:
            check(f"{view} {fmt}: {c} != {want}", c == want)
        print(f"{view:9} {fmt:8} {counts} ok" if not failures else f"{view} {fmt} {counts}")

if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("all exports read back by networkx, igraph and graph-tool")
