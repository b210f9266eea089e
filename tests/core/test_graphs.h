// Small reference networks for core tests, built directly as govnet Networks.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "govnet/analysis_graph.h"
#include "govnet/model.h"

namespace govnet::testing {

// One actor per name (keys are the names, in the given order) and one cooperation tie per pair.
inline Network network_of(const std::vector<std::string>& names,
                          const std::vector<std::pair<std::string, std::string>>& edges,
                          bool directed = false) {
  Network net;
  for (const auto& n : names) {
    Actor a;
    a.key = n;
    a.name = n;
    a.kind = ActorKind::kState;
    net.actors.push_back(a);
  }
  for (const auto& [u, v] : edges) {
    Tie t;
    t.from = u;
    t.to = v;
    t.family = Family::kCooperation;
    t.directed = directed;
    net.ties.push_back(t);
  }
  return net;
}

inline std::vector<std::string> numbered(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(std::to_string(i));
  return out;
}

// Krackhardt's kite, as networkx.krackhardt_kite_graph() numbers it.
inline Network krackhardt_kite() {
  return network_of(numbered(10), {{"0", "1"},
                                   {"0", "2"},
                                   {"0", "3"},
                                   {"0", "5"},
                                   {"1", "3"},
                                   {"1", "4"},
                                   {"1", "6"},
                                   {"2", "3"},
                                   {"2", "5"},
                                   {"3", "4"},
                                   {"3", "5"},
                                   {"3", "6"},
                                   {"4", "6"},
                                   {"5", "6"},
                                   {"5", "7"},
                                   {"6", "7"},
                                   {"7", "8"},
                                   {"8", "9"}});
}

// Padgett's Florentine families (marriage ties), as networkx.florentine_families_graph().
inline std::vector<std::string> florentine_names() {
  return {"Acciaiuoli", "Albizzi",  "Barbadori",    "Bischeri", "Castellani",
          "Ginori",     "Guadagni", "Lamberteschi", "Medici",   "Pazzi",
          "Peruzzi",    "Ridolfi",  "Salviati",     "Strozzi",  "Tornabuoni"};
}
inline Network florentine_families() {
  return network_of(
      florentine_names(),
      {{"Acciaiuoli", "Medici"},    {"Castellani", "Peruzzi"},   {"Castellani", "Strozzi"},
       {"Castellani", "Barbadori"}, {"Medici", "Barbadori"},     {"Medici", "Ridolfi"},
       {"Medici", "Tornabuoni"},    {"Medici", "Albizzi"},       {"Medici", "Salviati"},
       {"Salviati", "Pazzi"},       {"Peruzzi", "Strozzi"},      {"Peruzzi", "Bischeri"},
       {"Strozzi", "Ridolfi"},      {"Strozzi", "Bischeri"},     {"Ridolfi", "Tornabuoni"},
       {"Tornabuoni", "Guadagni"},  {"Albizzi", "Ginori"},       {"Albizzi", "Guadagni"},
       {"Bischeri", "Guadagni"},    {"Guadagni", "Lamberteschi"}});
}

inline AnalysisGraph build_view(const Network& net, ViewSpec spec = {}) {
  spec.keep_isolated = true;
  std::string error;
  auto g = AnalysisGraph::build(net, spec, &error);
  if (!g) throw std::runtime_error(error);
  return std::move(*g);
}

}  // namespace govnet::testing
