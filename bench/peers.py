#!/usr/bin/python3
"""Runs one peer tool (graph-tool, igraph or networkx) on an edge list and times each task.

    bench/peers.py --tool igraph --edges DIR/edges.txt --tasks load,degree,pagerank [--top DIR]

Called by bench/compare, one process per tool and graph, so that the process's peak memory is
the tool's. Prints one JSON object per task ({"task", "seconds", ...}) on stdout. With --top, writes
the 20 highest values of each centrality as "name value" lines to DIR/TASK.txt, for compare's
agreement check. The edge list has one "u v" line per link, vertex names as in the govnet store.
"""
import argparse
import json
import os
import sys
import time

TOP = 20


def emit(task, seconds, **extra):
    print(json.dumps({"task": task, "seconds": seconds, **extra}), flush=True)


def write_top(top_dir, task, names, values):
    if not top_dir:
        return
    order = sorted(range(len(values)), key=lambda i: -values[i])[:TOP]
    with open(os.path.join(top_dir, task + ".txt"), "w") as f:
        for i in order:
            f.write(f"{names[i]} {values[i]!r}\n")


class GraphTool:
    def __init__(self, threads):
        import graph_tool.all as gt
        import graph_tool.centrality
        self.gt = gt
        self.centrality = graph_tool.centrality
        gt.openmp_set_num_threads(threads)

    def load(self, path):
        self.g = self.gt.load_graph_from_csv(path, directed=False, hashed=True,
                                             csv_options={"delimiter": " "})
        self.names = list(self.g.vp["name"])
        return self.g.num_vertices(), self.g.num_edges()

    def run(self, task, layout_iterations):
        gt, g = self.gt, self.g
        c = self.centrality
        if task == "degree":
            return list(g.degree_property_map("total").a)
        if task == "betweenness":
            return list(c.betweenness(g)[0].a)
        if task == "closeness":
            return list(c.closeness(g).a)
        if task == "harmonic":
            return list(c.closeness(g, harmonic=True).a)
        if task == "eigenvector":
            return list(c.eigenvector(g)[1].a)
        if task == "pagerank":
            return list(c.pagerank(g).a)
        if task == "components":
            comp, _ = gt.label_components(g)
            return {"components": int(comp.a.max()) + 1 if g.num_vertices() else 0}
        if task == "coreness":
            return list(gt.kcore_decomposition(g).a)
        if task == "clustering":
            return list(gt.local_clustering(g).a)
        if task == "transitivity":
            return {"value": float(gt.global_clustering(g)[0])}
        if task == "assortativity":
            return {"value": float(gt.scalar_assortativity(g, "total")[0])}
        return None


class IGraph:
    def __init__(self, threads):
        import igraph
        self.ig = igraph

    def load(self, path):
        self.g = self.ig.Graph.Read_Ncol(path, names=True, weights=False, directed=False)
        self.names = self.g.vs["name"]
        return self.g.vcount(), self.g.ecount()

    def run(self, task, layout_iterations):
        g = self.g
        if task == "degree":
            return g.degree()
        if task == "betweenness":
            return g.betweenness()
        if task == "closeness":
            return g.closeness()
        if task == "harmonic":
            return g.harmonic_centrality(normalized=False)
        if task == "eigenvector":
            return g.eigenvector_centrality()
        if task == "pagerank":
            return g.pagerank()
        if task == "components":
            return {"components": len(g.connected_components())}
        if task == "layout":
            g.layout_fruchterman_reingold(niter=layout_iterations)
            return {"iterations": layout_iterations}
        if task == "coreness":
            return g.coreness()
        if task == "clustering":
            return g.transitivity_local_undirected(mode="zero")
        if task == "constraint":
            return g.constraint()
        if task == "transitivity":
            return {"value": g.transitivity_undirected()}
        if task == "assortativity":
            return {"value": g.assortativity_degree(directed=False)}
        if task == "louvain":
            c = g.community_multilevel()
            return {"modularity": c.modularity, "communities": len(c)}
        if task == "leiden":
            c = g.community_leiden(objective_function="modularity")
            return {"modularity": g.modularity(c.membership), "communities": len(c)}
        return None


class NetworkX:
    def __init__(self, threads):
        import networkx
        self.nx = networkx

    def load(self, path):
        self.g = self.nx.read_edgelist(path)
        self.names = list(self.g.nodes())
        return self.g.number_of_nodes(), self.g.number_of_edges()

    def run(self, task, layout_iterations):
        nx, g = self.nx, self.g
        def values(d):
            return [d[v] for v in self.names]
        if task == "degree":
            return values(dict(g.degree()))
        if task == "betweenness":
            return values(nx.betweenness_centrality(g))
        if task == "closeness":
            return values(nx.closeness_centrality(g))
        if task == "harmonic":
            return values(nx.harmonic_centrality(g))
        if task == "eigenvector":
            return values(nx.eigenvector_centrality(g, max_iter=1000))
        if task == "pagerank":
            return values(nx.pagerank(g))
        if task == "components":
            return {"components": nx.number_connected_components(g)}
        if task == "layout":
            nx.spring_layout(g, iterations=layout_iterations, seed=1)
            return {"iterations": layout_iterations}
        if task == "coreness":
            return values(nx.core_number(g))
        if task == "clustering":
            return values(nx.clustering(g))
        if task == "constraint":
            return values(nx.constraint(g))
        if task == "transitivity":
            return {"value": nx.transitivity(g)}
        if task == "assortativity":
            return {"value": nx.degree_assortativity_coefficient(g)}
        if task == "louvain":
            c = nx.community.louvain_communities(g, seed=1)
            return {"modularity": nx.community.modularity(g, c), "communities": len(c)}
        return None


TOOLS = {"graph-tool": GraphTool, "igraph": IGraph, "networkx": NetworkX}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", choices=sorted(TOOLS), required=True)
    ap.add_argument("--edges", required=True)
    ap.add_argument("--tasks", required=True, help="comma-separated; load always runs first")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--layout-iterations", type=int, default=50)
    ap.add_argument("--top", help="folder for the top-20 values of each centrality")
    a = ap.parse_args()
    tool = TOOLS[a.tool](a.threads)
    t0 = time.perf_counter()
    n, m = tool.load(a.edges)
    emit("load", time.perf_counter() - t0, vertices=n, edges=m)
    for task in a.tasks.split(","):
        if task in ("load", ""):
            continue
        t0 = time.perf_counter()
        out = tool.run(task, a.layout_iterations)
        seconds = time.perf_counter() - t0
        if out is None:
            continue  # the tool has no such task
        if isinstance(out, dict):
            emit(task, seconds, **out)
        else:
            emit(task, seconds)
            write_top(a.top, task, tool.names, [float(x) for x in out])
    return 0


if __name__ == "__main__":
    sys.exit(main())
