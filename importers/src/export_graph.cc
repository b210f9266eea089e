// Builds the rows every export format writes from a view (see graph_export.h).
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "govnet/graph_export.h"
#include "values.h"

namespace govnet {
namespace {

using values::number_text;

// Collects columns in a fixed order, then attribute names in order of first appearance.
class Columns {
 public:
  explicit Columns(std::vector<ExportColumn> fixed) : cols_(std::move(fixed)) {
    for (size_t i = 0; i < cols_.size(); ++i) index_[cols_[i].name] = i;
  }
  size_t at(const std::string& name) {
    auto [it, fresh] = index_.emplace(name, cols_.size());
    if (fresh) cols_.push_back({name, false});
    return it->second;
  }
  size_t size() const { return cols_.size(); }
  std::vector<ExportColumn> take() { return std::move(cols_); }

 private:
  std::vector<ExportColumn> cols_;
  std::map<std::string, size_t> index_;
};

void put(std::vector<std::optional<std::string>>& row, size_t col, std::string v) {
  if (row.size() <= col) row.resize(col + 1);
  row[col] = std::move(v);
}
void put_if(std::vector<std::optional<std::string>>& row, size_t col, const std::string& v) {
  if (!v.empty()) put(row, col, v);
}

// The hull's dates as entered under `start` / `end`, and every spell under govnet_spells when
// there are several.
void put_spells(std::vector<std::optional<std::string>>& row, const Spells& spells, size_t start,
                size_t end, Columns& columns) {
  const Period hull = spells.hull();
  if (hull.start) put(row, start, hull.start->to_string());
  if (hull.end) put(row, end, hull.end->to_string());
  if (spells.size() > 1) put(row, columns.at("govnet_spells"), spells.to_string());
}

// The fixed node columns, in the order of NodeColumn.
std::vector<ExportColumn> node_columns() {
  return {{"type", false},   {"name", false},    {"kind", false},         {"aliases", false},
          {"iso3", false},   {"parent", false},  {"govnet_start", false}, {"govnet_end", false},
          {"status", false}, {"dataset", false}, {"evidence", false}};
}
enum NodeColumn {
  kType,
  kName,
  kKind,
  kAliases,
  kIso3,
  kParent,
  kStart,
  kEnd,
  kStatus,
  kDataset,
  kEvidence
};

// The fixed edge columns: a projection's link, or a tie (in the order of tie_row's values).
std::vector<ExportColumn> edge_columns(bool projection) {
  if (projection) return {{"weight", true}, {"shared", true}, {"instruments", false}};
  return {{"family", false}, {"role", false},     {"directed", false},     {"weight", true},
          {"amount", true},  {"currency", false}, {"govnet_start", false}, {"govnet_end", false},
          {"status", false}, {"dataset", false},  {"evidence", false}};
}

// Fills an ExportGraph from a view: nodes (actors first), then edges, then the columns found.
class ExportBuilder {
 public:
  ExportBuilder(const Network& net, const AnalysisGraph& view, const ExportOptions& options)
      : net_(net),
        view_(view),
        options_(options),
        projection_(view.spec().kind == ViewKind::kProjection),
        nc_(node_columns()),
        ec_(edge_columns(projection_)) {
    g_.description = options.description;
    g_.two_mode = view.spec().kind == ViewKind::kTwoMode;
  }

  ExportGraph build() && {
    add_nodes();
    add_edges();
    g_.node_columns = nc_.take();
    g_.edge_columns = ec_.take();
    for (auto& n : g_.nodes) n.values.resize(g_.node_columns.size());
    for (auto& e : g_.edges) e.values.resize(g_.edge_columns.size());
    return std::move(g_);
  }

 private:
  std::string dataset_name(DatasetId id) const {
    return id < options_.dataset_names.size() && !options_.dataset_names[id].empty()
               ? options_.dataset_names[id]
               : std::to_string(id);
  }
  std::string key_of(uint32_t v) const {
    const VertexRef& r = view_.vertex(v);
    return r.is_instrument() ? net_.instruments[r.index].key : net_.actors[r.index].key;
  }

  void add_nodes() {
    std::vector<uint32_t> order;  // actors first
    for (int pass = 0; pass < 2; ++pass)
      for (uint32_t v = 0; v < view_.vertex_count(); ++v)
        if (view_.vertex(v).is_instrument() == (pass == 1)) order.push_back(v);
    for (uint32_t v : order) {
      const VertexRef& ref = view_.vertex(v);
      ExportNode n;
      n.values.resize(nc_.size());
      if (ref.is_instrument()) {
        instrument_row(net_.instruments[ref.index], &n);
      } else {
        actor_row(net_.actors[ref.index], &n);
        ++g_.actor_count;
      }
      put(n.values, kName, n.name);
      if (auto it = options_.positions.find(n.key); it != options_.positions.end())
        n.position = it->second;
      g_.dynamic |= !n.spells.empty() || !n.dated_attributes.empty();
      g_.nodes.push_back(std::move(n));
    }
  }

  void instrument_row(const Instrument& x, ExportNode* n) {
    auto& row = n->values;
    n->type = NodeType::kInstrument;
    n->key = x.key;
    n->name = x.name;
    n->spells = x.spells;
    n->dated_attributes = x.dated_attributes;
    put(row, kType, std::string(to_string(n->type)));
    put(row, kKind, std::string(to_string(x.kind)));
    put_spells(row, x.spells, kStart, kEnd, nc_);
    if (x.status != Status::kUnknown) put(row, kStatus, std::string(to_string(x.status)));
    put(row, kDataset, dataset_name(x.dataset));
    if (!x.evidence.empty()) put(row, kEvidence, values::evidence_to_json(x.evidence));
    for (const auto& [k, val] : x.attributes) put(row, nc_.at(k), val);
  }

  void actor_row(const Actor& a, ExportNode* n) {
    auto& row = n->values;
    n->type = NodeType::kActor;
    n->key = a.key;
    n->name = a.name;
    n->spells = a.spells;
    n->dated_attributes = a.dated_attributes;
    put(row, kType, std::string(to_string(n->type)));
    put(row, kKind, std::string(to_string(a.kind)));
    put_spells(row, a.spells, kStart, kEnd, nc_);
    std::string aliases;
    for (const auto& al : a.aliases) aliases += (aliases.empty() ? "" : "|") + al;
    put_if(row, kAliases, aliases);
    put_if(row, kIso3, a.iso3);
    put_if(row, kParent, a.parent);
    put(row, kDataset, dataset_name(a.dataset));
    if (!a.evidence.empty()) put(row, kEvidence, values::evidence_to_json(a.evidence));
    for (const auto& [k, val] : a.attributes) put(row, nc_.at(k), val);
  }

  void add_edges() {
    bool all_directed = true;
    for (size_t li = 0; li < view_.links().size(); ++li) {
      const Link& link = view_.links()[li];
      if (projection_) {
        add_projection_edge(li, link);
        all_directed = false;
        continue;
      }
      for (uint32_t ti : link.ties) {
        const Tie& t = net_.ties[ti];
        add_tie_edge(t);
        all_directed &= t.directed;
      }
    }
    g_.all_directed = !g_.edges.empty() && all_directed;
  }

  // One edge per actor pair, with the count and keys of the instruments they share.
  void add_projection_edge(size_t li, const Link& link) {
    ExportEdge e;
    e.id = "p" + std::to_string(li + 1);
    e.source = key_of(link.from);
    e.target = key_of(link.to);
    e.weight = view_.weighted() ? link.weight : static_cast<double>(link.instruments.size());
    std::string keys;
    for (uint32_t i : link.instruments) keys += (keys.empty() ? "" : "|") + net_.instruments[i].key;
    put(e.values, 0, number_text(e.weight));
    put(e.values, 1, std::to_string(link.instruments.size()));
    put(e.values, 2, keys);
    g_.edges.push_back(std::move(e));
  }

  void add_tie_edge(const Tie& t) {
    ExportEdge e;
    e.id = export_tie_id(t);
    e.source = t.from;
    e.target = t.to;
    e.directed = t.directed;
    e.weight = t.weight.value_or(1.0);
    e.spells = t.spells;
    e.dated_weights = t.dated_weights;
    e.dated_attributes = t.dated_attributes;
    auto& row = e.values;
    row.resize(ec_.size());
    put(row, 0, std::string(to_string(t.family)));
    put_if(row, 1, t.role);
    put(row, 2, t.directed ? "true" : "false");
    if (t.weight) put(row, 3, number_text(*t.weight));
    if (t.amount) put(row, 4, number_text(*t.amount));
    put_if(row, 5, t.currency);
    put_spells(row, t.spells, 6, 7, ec_);
    if (t.status != Status::kUnknown) put(row, 8, std::string(to_string(t.status)));
    put(row, 9, dataset_name(t.dataset));
    if (!t.evidence.empty()) put(row, 10, values::evidence_to_json(t.evidence));
    for (const auto& [k, val] : t.attributes) put(row, ec_.at(k), val);
    g_.dynamic |= !t.spells.empty() || !t.dated_weights.empty() || !t.dated_attributes.empty();
    auto key = e.source < e.target || e.directed ? std::make_pair(e.source, e.target)
                                                 : std::make_pair(e.target, e.source);
    g_.multigraph |= !pairs_.insert(key).second;
    g_.edges.push_back(std::move(e));
  }

  const Network& net_;
  const AnalysisGraph& view_;
  const ExportOptions& options_;
  const bool projection_;
  Columns nc_, ec_;
  ExportGraph g_;
  std::set<std::pair<std::string, std::string>> pairs_;  // the ends of every edge so far
};

}  // namespace

std::string export_tie_id(const Tie& t) {
  if (!t.label.empty()) return t.label;
  char buf[24];
  std::snprintf(buf, sizeof buf, "t%llx", static_cast<unsigned long long>(t.id));
  return buf;
}

ExportGraph build_export_graph(const Network& net, const AnalysisGraph& view,
                               const ExportOptions& options) {
  return ExportBuilder(net, view, options).build();
}

void write_graph(GraphFormat format, const ExportGraph& g, const ExportOptions& options,
                 std::ostream& out) {
  switch (format) {
    case GraphFormat::kGraphMl:
      write_graphml(g, out);
      break;
    case GraphFormat::kGexf:
      write_gexf(g, options.gexf_version, out);
      break;
    case GraphFormat::kNodeLinkJson:
      write_node_link_json(g, out);
      break;
    case GraphFormat::kPajek:
      write_pajek(g, out);
      break;
    case GraphFormat::kGml:
      write_gml(g, out);
      break;
    case GraphFormat::kIati:  // read only: the command line refuses these
    case GraphFormat::kEdgeList:
      break;
  }
}

}  // namespace govnet
