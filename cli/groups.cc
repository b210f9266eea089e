#include "groups.h"

#include <map>

#include "context.h"

namespace govnet::cli {
namespace {

const Attributes& attributes_of(const Network& net, const VertexRef& r) {
  return r.is_instrument() ? net.instruments[r.index].attributes : net.actors[r.index].attributes;
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
                "'; expected kind, dataset or attribute:NAME (e.g. attribute:region)");
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
