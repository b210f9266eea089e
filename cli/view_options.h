// The options that choose a view of the network (--view, --family, --at, --from/--to, ...),
// shared by stats, neighbors, path and centrality.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "govnet/analysis_graph.h"
#include "govnet/store.h"

namespace govnet::cli {

struct ViewOptions {
  std::string view;  // default set by add()
  std::vector<std::string> families, actor_kinds, instrument_kinds, statuses, datasets;
  std::string at, from, to;
  bool dated_only = false;
  std::string mode = "undirected";
  std::string weight = "none";
  bool keep_isolated = false;
  size_t min_component = 0;

  // Registers the options on `cmd`. `weights`: also --mode and --weight.
  void add(CLI::App* cmd, const std::string& default_view, bool weights);
  // Checks the values (usage error on a bad one) and builds the spec; dataset names are looked
  // up in the store.
  ViewSpec spec(const Store& store) const;
  // One line saying what the view is, for table captions.
  static std::string describe(const ViewSpec& spec);
};

// Loads the store's network and builds the view; data error when the spec is contradictory.
// Without `keep_ties`, the ties stream from the store into the view and net.ties stays empty
// (a third of the memory on big stores), and the actors and instruments hold what views and
// labels read (Store::load_view_nodes: no aliases, attributes or evidence): for commands that
// report on vertices only.
struct LoadedView {
  Network net;
  std::optional<AnalysisGraph> graph;
};
LoadedView load_view(const Store& store, const ViewSpec& spec, bool keep_ties = true);

// Key, name and kind of a vertex, for output.
struct VertexLabel {
  std::string key, name, kind, type;  // type: "actor" or "instrument"
};
VertexLabel label(const Network& net, const AnalysisGraph& g, uint32_t v);

}  // namespace govnet::cli
