// Groupings of a view's vertices for brokerage, the E–I index and modularity:
// `kind` (actor or instrument kind), `dataset` (the dataset that defined the record),
// `attribute:NAME` (the value of a record's attribute NAME; records without it form the group
// "(none)") or `community:NAME` (the communities of a saved partition; records it does not name
// form "(none)").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "govnet/analysis_graph.h"
#include "govnet/store.h"

namespace govnet::cli {

struct Grouping {
  std::string description;         // "actor kind", "dataset", "attribute 'region'"
  std::vector<uint32_t> group_of;  // by vertex
  std::vector<std::string> names;  // by group id
};

// Usage error on an unknown grouping. `net` must hold the records' attributes for
// `attribute:NAME` (load_view with its ties and records whole).
Grouping group_vertices(const std::string& spec, const Store& store, const Network& net,
                        const AnalysisGraph& g);

// The text of --groups' help.
inline constexpr const char* kGroupsHelp =
    "how to group the actors: kind (actor kind), dataset, attribute:NAME (the value of "
    "attribute NAME) or community:NAME (a partition saved by `communities --save NAME`)";

}  // namespace govnet::cli
