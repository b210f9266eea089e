// Writing a view of the network for other tools: GraphML, GEXF (1.2draft or 1.3), node-link
// JSON, Pajek, GML, and govnet's own CSV. What goes out is exactly the view: its vertices (actors,
// and instruments in two-mode and full views) and, for direct, two-mode and full views, every
// tie behind its links (parallel ties stay separate edges); for the projection view, one edge
// per actor pair with the count and keys of the instruments they share.
//
// Every field goes out as an attribute — kind, aliases, iso3, parent, spells (govnet_start and
// govnet_end for the hull, govnet_spells when there are several), status, family, role, weight,
// amount, currency, dataset — and evidence as a JSON list, so govnet reads its own exports back
// without loss. Text attributes from imports go out under their own names. GEXF also carries
// time natively (start/end or <spells>, dynamic attribute values, a dynamic `weight`) and
// Gephi's viz module (position from the saved layout, color and size from viz_color, viz_alpha
// and viz_size); the other formats have no place for dated values and leave them out.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "govnet/analysis_graph.h"
#include "govnet/model.h"
#include "govnet/property_graph.h"

namespace govnet {

struct ExportOptions {
  // Saved layout positions by record key ("actor:KEY" / "instrument:KEY" is not needed: keys
  // are unique across actors and instruments).
  std::unordered_map<std::string, std::pair<float, float>> positions;
  std::vector<std::string> dataset_names;  // by DatasetId, for the `dataset` attribute
  std::string gexf_version = "1.2";        // "1.2" (1.2draft; read by networkx and Gephi) or "1.3"
  std::string description;                 // what the view is, written into the file's metadata
};

// The view as rows of named values, shared by the writers.
struct ExportColumn {
  std::string name;
  bool numeric = false;
};
struct ExportNode {
  std::string key, name;
  NodeType type = NodeType::kActor;
  Spells spells;
  std::vector<DatedAttribute> dated_attributes;
  std::vector<std::optional<std::string>> values;  // one per node column
  std::optional<std::pair<float, float>> position;
};
struct ExportEdge {
  std::string id, source, target;
  bool directed = false;
  double weight = 1;
  Spells spells;
  std::vector<DatedWeight> dated_weights;
  std::vector<DatedAttribute> dated_attributes;
  std::vector<std::optional<std::string>> values;  // one per edge column
};
struct ExportGraph {
  std::vector<ExportColumn> node_columns, edge_columns;
  std::vector<ExportNode> nodes;  // actors first, then instruments
  std::vector<ExportEdge> edges;
  size_t actor_count = 0;
  bool all_directed = false, two_mode = false, multigraph = false, dynamic = false;
  std::string description;
};
// The id a tie gets in exports: its own id (label), else "t" + the store's tie id in hex.
std::string export_tie_id(const Tie& t);

ExportGraph build_export_graph(const Network& net, const AnalysisGraph& view,
                               const ExportOptions& options);

void write_graphml(const ExportGraph& g, std::ostream& out);
void write_gexf(const ExportGraph& g, const std::string& version, std::ostream& out);
void write_node_link_json(const ExportGraph& g, std::ostream& out);
void write_pajek(const ExportGraph& g, std::ostream& out);
void write_gml(const ExportGraph& g, std::ostream& out);
void write_graph(GraphFormat format, const ExportGraph& g, const ExportOptions& options,
                 std::ostream& out);

// govnet CSV (actors.csv, instruments.csv, ties.csv, evidence.csv; links.csv for a projection)
// into `dir`, which `govnet import` reads back. Returns the files written; *error on failure.
std::vector<std::string> write_govnet_csv_dir(const Network& net, const AnalysisGraph& view,
                                              const std::string& dir, std::string* error,
                                              std::vector<std::string>* notes);

}  // namespace govnet
