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

}  // namespace

std::string export_tie_id(const Tie& t) {
  if (!t.label.empty()) return t.label;
  char buf[24];
  std::snprintf(buf, sizeof buf, "t%llx", static_cast<unsigned long long>(t.id));
  return buf;
}

ExportGraph build_export_graph(const Network& net, const AnalysisGraph& view,
                               const ExportOptions& options) {
  ExportGraph g;
  g.description = options.description;
  const bool projection = view.spec().kind == ViewKind::kProjection;
  g.two_mode = view.spec().kind == ViewKind::kTwoMode;
  auto dataset_name = [&](DatasetId id) {
    return id < options.dataset_names.size() && !options.dataset_names[id].empty()
               ? options.dataset_names[id]
               : std::to_string(id);
  };

  Columns nc({{"type", false},
              {"name", false},
              {"kind", false},
              {"aliases", false},
              {"iso3", false},
              {"parent", false},
              {"govnet_start", false},
              {"govnet_end", false},
              {"status", false},
              {"dataset", false},
              {"evidence", false}});
  enum {
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

  std::vector<uint32_t> order;  // actors first
  for (int pass = 0; pass < 2; ++pass)
    for (uint32_t v = 0; v < view.vertex_count(); ++v)
      if (view.vertex(v).is_instrument() == (pass == 1)) order.push_back(v);
  for (uint32_t v : order) {
    const VertexRef& ref = view.vertex(v);
    ExportNode n;
    n.is_instrument = ref.is_instrument();
    auto& row = n.values;
    row.resize(nc.size());
    if (ref.is_instrument()) {
      const Instrument& x = net.instruments[ref.index];
      n.key = x.key;
      n.name = x.name;
      n.period = x.period;
      put(row, kType, "instrument");
      put(row, kKind, std::string(to_string(x.kind)));
      if (x.period.start) put(row, kStart, x.period.start->to_string());
      if (x.period.end) put(row, kEnd, x.period.end->to_string());
      if (x.status != Status::kUnknown) put(row, kStatus, std::string(to_string(x.status)));
      put(row, kDataset, dataset_name(x.dataset));
      if (!x.evidence.empty()) put(row, kEvidence, values::evidence_to_json(x.evidence));
      for (const auto& [k, val] : x.attributes) put(row, nc.at(k), val);
    } else {
      const Actor& a = net.actors[ref.index];
      n.key = a.key;
      n.name = a.name;
      ++g.actor_count;
      put(row, kType, "actor");
      put(row, kKind, std::string(to_string(a.kind)));
      std::string aliases;
      for (const auto& al : a.aliases) aliases += (aliases.empty() ? "" : "|") + al;
      put_if(row, kAliases, aliases);
      put_if(row, kIso3, a.iso3);
      put_if(row, kParent, a.parent);
      put(row, kDataset, dataset_name(a.dataset));
      if (!a.evidence.empty()) put(row, kEvidence, values::evidence_to_json(a.evidence));
      for (const auto& [k, val] : a.attributes) put(row, nc.at(k), val);
    }
    put(row, kName, n.name);
    if (auto it = options.positions.find(n.key); it != options.positions.end())
      n.position = it->second;
    g.dynamic |= !n.period.empty();
    g.nodes.push_back(std::move(n));
  }

  Columns ec(
      projection
          ? std::vector<ExportColumn>{{"weight", true}, {"shared", true}, {"instruments", false}}
          : std::vector<ExportColumn>{{"family", false},
                                      {"role", false},
                                      {"directed", false},
                                      {"weight", true},
                                      {"amount", true},
                                      {"currency", false},
                                      {"govnet_start", false},
                                      {"govnet_end", false},
                                      {"status", false},
                                      {"dataset", false},
                                      {"evidence", false}});
  auto key_of = [&](uint32_t v) {
    const VertexRef& r = view.vertex(v);
    return r.is_instrument() ? net.instruments[r.index].key : net.actors[r.index].key;
  };
  std::set<std::pair<std::string, std::string>> pairs;
  bool all_directed = true;
  for (size_t li = 0; li < view.links().size(); ++li) {
    const Link& link = view.links()[li];
    if (projection) {
      ExportEdge e;
      e.id = "p" + std::to_string(li + 1);
      e.source = key_of(link.from);
      e.target = key_of(link.to);
      e.weight = view.weighted() ? link.weight : static_cast<double>(link.instruments.size());
      std::string keys;
      for (uint32_t i : link.instruments)
        keys += (keys.empty() ? "" : "|") + net.instruments[i].key;
      put(e.values, 0, number_text(e.weight));
      put(e.values, 1, std::to_string(link.instruments.size()));
      put(e.values, 2, keys);
      all_directed = false;
      g.edges.push_back(std::move(e));
      continue;
    }
    for (uint32_t ti : link.ties) {
      const Tie& t = net.ties[ti];
      ExportEdge e;
      e.id = export_tie_id(t);
      e.source = t.from;
      e.target = t.to;
      e.directed = t.directed;
      e.weight = t.weight.value_or(1.0);
      e.period = t.period;
      all_directed &= t.directed;
      auto& row = e.values;
      row.resize(ec.size());
      put(row, 0, std::string(to_string(t.family)));
      put_if(row, 1, t.role);
      put(row, 2, t.directed ? "true" : "false");
      if (t.weight) put(row, 3, number_text(*t.weight));
      if (t.amount) put(row, 4, number_text(*t.amount));
      put_if(row, 5, t.currency);
      if (t.period.start) put(row, 6, t.period.start->to_string());
      if (t.period.end) put(row, 7, t.period.end->to_string());
      if (t.status != Status::kUnknown) put(row, 8, std::string(to_string(t.status)));
      put(row, 9, dataset_name(t.dataset));
      if (!t.evidence.empty()) put(row, 10, values::evidence_to_json(t.evidence));
      for (const auto& [k, val] : t.attributes) put(row, ec.at(k), val);
      g.dynamic |= !t.period.empty();
      auto key = e.source < e.target || e.directed ? std::make_pair(e.source, e.target)
                                                   : std::make_pair(e.target, e.source);
      g.multigraph |= !pairs.insert(key).second;
      g.edges.push_back(std::move(e));
    }
  }
  g.all_directed = !g.edges.empty() && all_directed;
  g.node_columns = nc.take();
  g.edge_columns = ec.take();
  for (auto& n : g.nodes) n.values.resize(g.node_columns.size());
  for (auto& e : g.edges) e.values.resize(g.edge_columns.size());
  return g;
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
  }
}

}  // namespace govnet
