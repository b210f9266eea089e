// Gould–Fernandez brokerage (Gould & Fernandez 1989): who stands on two-step paths between
// actors who are not tied themselves, and across which groups.
//
// A vertex b brokers for the ordered pair (a, c) when a -> b and b -> c are arcs of the view, a,
// b and c are three distinct vertices, and a -> c is not an arc. Every such path counts once, in
// one of five roles decided by the groups of a (source), b (broker) and c (target):
//
//   coordinator     a, b, c in one group                    (sna: w_I)
//   itinerant       a and c in one group, b in another      (sna: w_O; "consultant")
//   representative  a and b in one group, c in another      (sna: b_IO)
//   gatekeeper      b and c in one group, a in another      (sna: b_OI)
//   liaison         a, b and c in three different groups    (sna: b_O)
//
// Arcs: in a directed view, a directed link is one arc and an undirected link two; in an
// undirected view every link is two arcs. Parallel ties are one link (the graph merges them) and
// self-loops are dropped, so the counts are those of R's sna::brokerage on the view's 0/1
// adjacency matrix.
//
// The null model is sna's: each of the n (n - 1) arcs present independently with the view's
// density d = arcs / (n (n - 1)), the group sizes fixed. A broker's expected counts and their
// variances are sna's closed forms, which are exact. For the network's totals, sna's closed-form
// variances of the coordinator, representative, gatekeeper and overall counts are not the exact
// ones; govnet computes every total's mean and variance exactly (brokerage.cc says how), so its
// network-level z-scores can differ from sna's. A z-score is (count - expected) / sd, and NaN
// where the sd is 0.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet {

enum class BrokerRole : uint8_t {
  kCoordinator,
  kItinerant,
  kRepresentative,
  kGatekeeper,
  kLiaison,
};
constexpr int kBrokerRoleCount = static_cast<int>(BrokerRole::kLiaison) + 1;
std::string_view to_string(BrokerRole);  // "coordinator", "itinerant", ...

// The five roles and their total (index kBrokerRoleCount).
using BrokerCounts = std::array<double, kBrokerRoleCount + 1>;

struct Brokerage {
  // Per vertex of the view: the counts, their expected values and standard deviations for a
  // broker of the vertex's group, and the z-scores.
  std::vector<BrokerCounts> counts, expected, sd, z;
  // The whole network: every vertex's counts summed, with their expected values, standard
  // deviations and z-scores under the same null model.
  BrokerCounts total{}, total_expected{}, total_sd{}, total_z{};
  double density = 0;
  std::vector<uint32_t> group_sizes;  // by group id
};

// The null model alone: expected counts and their variances for a broker of each group (by group
// id; groups of size 0 get zeros) and for the network's totals, when each of the n (n - 1) arcs
// among the groups' members is present with probability `density`.
struct BrokerageNull {
  std::vector<BrokerCounts> expected, variance;
  BrokerCounts total_expected{}, total_variance{};
};
BrokerageNull brokerage_null_model(std::span<const uint32_t> group_sizes, double density);

// `group_of[v]` is vertex v's group, an id below the number of groups (ids need not all be used).
// Precondition: group_of.size() == g.vertex_count().
Brokerage gould_fernandez(const AnalysisGraph& g, std::span<const uint32_t> group_of);

}  // namespace govnet
