// Graph files written by other tools — GraphML, GEXF, node-link JSON, Pajek — are read into a
// plain property graph (nodes and edges with text attributes, each with its position in the
// file), and one converter (graph_import.h) turns that into govnet records. Readers keep every
// attribute they understand; what they cannot use (nested graphs, ports, hyperedges, nested
// data) is reported as a note with its position, never dropped silently.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/model.h"
#include "govnet/problem.h"

namespace govnet {

// A period as the file wrote it, in the graph's time format; an empty side (or "None", as
// networkx writes an open end) is open.
struct PropertySpell {
  std::string start, end;
};
// A value that holds during a period (GEXF's dynamic <attvalue start end>).
struct PropertyDynamicValue {
  std::string name, value;
  PropertySpell period;
  uint32_t line = 0, column = 0;  // of the element that gave it; 0: its node's or edge's
};

struct PropertyNode {
  std::string id;
  Attributes attributes;  // name -> value as text, in file order
  uint32_t line = 0, column = 0;
  std::vector<PropertySpell> spells;                 // when the node exists; empty: undated
  std::vector<PropertyDynamicValue> dynamic_values;  // in file order
};

struct PropertyEdge {
  std::string id;  // may be empty
  std::string source, target;
  std::optional<bool> directed;  // nullopt: the graph's default
  Attributes attributes;
  uint32_t line = 0, column = 0;
  std::vector<PropertySpell> spells;
  std::vector<PropertyDynamicValue> dynamic_values;
};

struct PropertyGraph {
  std::string file;
  bool directed = false;  // the graph's default edge direction
  bool two_mode = false;  // the file declared two modes (Pajek *Vertices N M); nodes carry `type`
  // How spells' and dynamic values' times are written: "date" (YYYY[-MM[-DD]], the default),
  // "datetime" (a date and a time of day), "double" or "integer" (numbers, read as years).
  std::string time_format = "date";
  std::string node_noun = "node";  // what the file's nodes are, in messages ("organisation")
  Attributes graph_attributes;
  std::vector<PropertyNode> nodes;
  std::vector<PropertyEdge> edges;
  // Parts of the file that were read but cannot be represented (reported, not fatal).
  std::vector<Problem> notes;
};

// The formats read as graphs. IATI activity files and plain edge lists are read only; the
// others are written too (graph_export.h).
enum class GraphFormat { kGraphMl, kGexf, kNodeLinkJson, kPajek, kGml, kIati, kEdgeList };
std::string_view to_string(GraphFormat);
// graphml|gexf|json|pajek|gml|iati|edgelist
std::optional<GraphFormat> parse_graph_format(std::string_view);
// From the file name's extension: .graphml/.xml, .gexf, .json, .net/.paj, .gml, .edges /
// .edgelist; nullopt otherwise.
std::optional<GraphFormat> graph_format_of_path(std::string_view path);
// From the start of the content: the root element of XML (<graphml>, <gexf>,
// <iati-activities>), GML's leading `graph [` (or `Creator`), Pajek's `*Vertices` / `*Network`,
// a JSON object with "nodes", a table headed `source,target` (edge_list_header); nullopt when
// the content shows none of these.
std::optional<GraphFormat> sniff_graph_format(std::string_view head);
// Whether a table's column names (trimmed, any case) are an edge list's, as networkx and Gephi
// write them: `source`, `target`, then any others (`weight`; Gephi's `Type,Id,Label,Weight`),
// but none of evidence.csv's own (`locator`, `quote`, `url`, `accessed`).
bool edge_list_header(const std::vector<std::string>& columns);

// Bounds that keep hostile files from taking unbounded time or memory.
struct GraphReadLimits {
  size_t max_depth = 256;            // element / value nesting
  size_t max_items = 20'000'000;     // nodes + edges + attributes (declared or present)
  size_t max_value_bytes = 1 << 20;  // one attribute value or text node
  size_t max_notes = 200;
};

// Parses `data` (the bytes of `file`) in the given format. On failure returns false with at
// least one problem (file:line:column, what is wrong, what to do); nothing partial is kept.
bool read_property_graph(GraphFormat format, std::string_view data, const std::string& file,
                         PropertyGraph* out, std::vector<Problem>* problems,
                         const GraphReadLimits& limits = {});

// The individual readers (graphml.cc, gexf.cc, node_link_json.cc, pajek.cc, gml.cc).
bool read_graphml(std::string_view data, const std::string& file, PropertyGraph* out,
                  std::vector<Problem>* problems, const GraphReadLimits& limits);
bool read_gexf(std::string_view data, const std::string& file, PropertyGraph* out,
               std::vector<Problem>* problems, const GraphReadLimits& limits);
bool read_node_link_json(std::string_view data, const std::string& file, PropertyGraph* out,
                         std::vector<Problem>* problems, const GraphReadLimits& limits);
bool read_pajek(std::string_view data, const std::string& file, PropertyGraph* out,
                std::vector<Problem>* problems, const GraphReadLimits& limits);
bool read_gml(std::string_view data, const std::string& file, PropertyGraph* out,
              std::vector<Problem>* problems, const GraphReadLimits& limits);

// An IATI activity file (standard 2.03, docs/iati.md): activities become instrument nodes,
// organisations actor nodes, participation and transactions edges. The stream form reads the
// file a block at a time, so its size does not bound what can be read.
bool read_iati(std::string_view data, const std::string& file, PropertyGraph* out,
               std::vector<Problem>* problems, const GraphReadLimits& limits);
bool read_iati_stream(std::istream& in, const std::string& file, PropertyGraph* out,
                      std::vector<Problem>* problems, const GraphReadLimits& limits);
// A plain edge list: one edge a line, `source target [weight]` separated by white space or one
// comma, `#` comments, an optional header line (source,target,weight).
bool read_edge_list(std::string_view data, const std::string& file, PropertyGraph* out,
                    std::vector<Problem>* problems, const GraphReadLimits& limits);

// Line and column (1-based, columns in code points) of byte `offset` in `data`.
std::pair<uint32_t, uint32_t> position_of(std::string_view data, size_t offset);
// The same for many offsets (in any order) in one pass over `data`.
std::vector<std::pair<uint32_t, uint32_t>> positions_of(std::string_view data,
                                                        const std::vector<size_t>& offsets);

}  // namespace govnet
