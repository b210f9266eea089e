// Turns a property graph read from GraphML / GEXF / node-link JSON / Pajek into govnet records.
//
// Nodes become actors, or instruments when their `type` says so ("instrument", or igraph's
// bipartite `type` true / networkx's `bipartite` 1). Attributes that name govnet fields (name or
// label, kind, aliases, iso3, parent, status, start, end, family, role, directed, weight, amount,
// currency, evidence, source/locator/quote/url/accessed) fill those fields; all others are kept
// as text attributes. Time comes from the file's spells (graph_time.h reads them in the graph's
// time format), else from start/end attributes; dynamic values become dated attributes, dynamic
// weights dated weights, and dynamic labels give one name (the latest). viz_x/viz_y (GEXF's
// viz:position) become positions; viz_color and the other viz values stay text attributes. A value
// that does not fit its field (an unknown kind, a date that is not a date) is kept as a text
// attribute under its own name and noted in the report.
//
// A file's node ids are local to its dataset: every node defines a record of this dataset, and
// an id that another dataset already uses as a key is stored as `DATASET:ID` (counted in the
// report's `renamed`). A node is linked to a record already in the store only when `match` asks
// for it: by key (the node id is a stored key; edge ends and parents may then name stored keys
// that are not nodes of the file), by name, or by name and alias (through ActorResolver).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "govnet/actor_resolver.h"
#include "govnet/import_report.h"
#include "govnet/problem.h"
#include "govnet/model.h"
#include "govnet/property_graph.h"

namespace govnet {

struct GraphImportOptions {
  Family default_family = Family::kOther;  // for edges without a `family`
  size_t max_problems = 50;  // problems kept (0 is taken as 1); never changes what imports
  // Keys already in the store (outside the dataset being replaced).
  std::function<std::optional<NodeType>(const std::string& key)> existing;
  std::string dataset;              // the dataset's name, which prefixes renamed ids
  std::optional<MatchBy> match;     // nullopt: match nothing (the default)
  std::vector<Actor> known_actors;  // the store's actors outside the dataset, for name / alias
  // Matching by name or alias: a node is tried by its id first, then by its name (an IATI
  // organisation identifier such as XM-DAC-47066 against the actors' aliases).
  bool match_ids_too = false;
  // The edge attribute that holds the weight; empty: `weight`, else d3's `value`. An attribute
  // named here that no edge carries is a problem.
  std::string weight_attribute;
};

struct GraphImportResult {
  Network network;  // valid only when problems is empty
  // Positions the file gives (Gephi's viz:position), by record key; empty when it gives none.
  std::vector<NodePosition> positions;
  std::vector<Problem> problems;  // fatal: nothing may be imported
  ImportReport report;
};

GraphImportResult import_property_graph(const PropertyGraph& graph,
                                        const GraphImportOptions& options);
// The same, releasing each node's and edge's attributes once read, so that a large file's graph
// and its records are not both held whole; `graph` keeps its ids and positions only.
GraphImportResult import_property_graph(PropertyGraph&& graph, const GraphImportOptions& options);

}  // namespace govnet
