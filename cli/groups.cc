#include "groups.h"

#include <algorithm>
#include <map>

#include "context.h"

namespace govnet::cli {
namespace {

const Attributes& attributes_of(const Network& net, const VertexRef& r) {
  return r.is_instrument() ? net.instruments[r.index].attributes : net.actors[r.index].attributes;
}

// The groups of a saved partition: "community N" by the number `communities` printed; records
// the partition does not name form "(none)".
Grouping saved_partition_groups(const std::string& name, const Store& store, const Network& net,
                                const AnalysisGraph& g) {
  Store::Partition p;
  if (Result r = store.load_partition(name, &p); r.code() == Result::Code::kNotFound)
    usage_error("--groups community:" + name + ": " + r.message());
  else
    check(r);
  std::map<std::pair<NodeType, std::string>, uint32_t> community;
  for (const auto& [node, c] : p.members) community[{node.type, node.key}] = c;
  Grouping out;
  out.description = "partition '" + name + "' (" + p.method + ", " + p.view + ")";
  std::map<uint32_t, uint32_t> ids;  // community -> group id, numbered in community order
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> of(g.vertex_count(), kNone);
  for (uint32_t v = 0; v < g.vertex_count(); ++v) {
    const VertexRef& r = g.vertex(v);
    const std::string& key =
        r.is_instrument() ? net.instruments[r.index].key : net.actors[r.index].key;
    if (auto it = community.find({r.type, key}); it != community.end()) {
      of[v] = it->second;
      ids.emplace(it->second, 0);
    }
  }
  for (auto& [c, id] : ids) {
    id = static_cast<uint32_t>(out.names.size());
    out.names.push_back("community " + std::to_string(c));
  }
  const bool any_missing = std::count(of.begin(), of.end(), kNone) > 0;
  if (any_missing) out.names.push_back("(none)");
  out.group_of.resize(g.vertex_count());
  for (uint32_t v = 0; v < g.vertex_count(); ++v)
    out.group_of[v] = of[v] == kNone ? static_cast<uint32_t>(out.names.size() - 1) : ids[of[v]];
  return out;
}

}  // namespace

Grouping group_vertices(const std::string& spec, const Store& store, const Network& net,
                        const AnalysisGraph& g) {
  Grouping out;
  std::map<std::string, uint32_t> ids;
  auto id_of = [&](const std::string& name) {
    auto [it, added] = ids.emplace(name, static_cast<uint32_t>(out.names.size()));
    if (added) out.names.push_back(name);
    return it->second;
  };
  const std::string community_prefix = "community:";
  if (spec.rfind(community_prefix, 0) == 0 && spec.size() > community_prefix.size())
    return saved_partition_groups(spec.substr(community_prefix.size()), store, net, g);
  std::vector<std::string> dataset_names;
  const std::string attribute_prefix = "attribute:";
  if (spec == "dataset") {
    std::vector<DatasetInfo> all;
    check(store.datasets(&all));
    for (const auto& d : all) {
      if (dataset_names.size() <= d.id) dataset_names.resize(d.id + 1);
      dataset_names[d.id] = d.name;
    }
    out.description = "dataset";
  } else if (spec == "kind") {
    out.description = "kind";
  } else if (spec.rfind(attribute_prefix, 0) == 0 && spec.size() > attribute_prefix.size()) {
    out.description = "attribute '" + spec.substr(attribute_prefix.size()) + "'";
  } else {
    usage_error("unknown --groups '" + spec +
                "'; expected kind, dataset, attribute:NAME (e.g. attribute:region) or "
                "community:NAME (a partition saved by `govnet communities --save NAME`)");
  }
  const std::string attribute =
      spec.rfind(attribute_prefix, 0) == 0 ? spec.substr(attribute_prefix.size()) : "";
  out.group_of.resize(g.vertex_count());
  for (uint32_t v = 0; v < g.vertex_count(); ++v) {
    const VertexRef& r = g.vertex(v);
    std::string name;
    if (spec == "kind") {
      name = r.is_instrument() ? std::string(to_string(net.instruments[r.index].kind))
                               : std::string(to_string(net.actors[r.index].kind));
    } else if (spec == "dataset") {
      const DatasetId d =
          r.is_instrument() ? net.instruments[r.index].dataset : net.actors[r.index].dataset;
      name = d < dataset_names.size() && !dataset_names[d].empty() ? dataset_names[d]
                                                                   : "#" + std::to_string(d);
    } else {
      name = "(none)";
      for (const auto& [k, value] : attributes_of(net, r))
        if (k == attribute) name = value;
    }
    out.group_of[v] = id_of(name);
  }
  return out;
}

}  // namespace govnet::cli
