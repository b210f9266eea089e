#include "govnet/brokerage.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace govnet {
namespace {

constexpr int kTotal = kBrokerRoleCount;

// Out-neighbours of every vertex as a CSR: no self-loops, each arc once, sorted.
struct Arcs {
  std::vector<uint64_t> begin;
  std::vector<uint32_t> to;
  uint64_t count() const { return to.size(); }
};

Arcs arcs_of(const AnalysisGraph& g) {
  const uint32_t n = g.vertex_count();
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  pairs.reserve(g.links().size() * 2);
  for (const Link& l : g.links()) {
    if (l.from == l.to) continue;
    pairs.emplace_back(l.from, l.to);
    if (!g.directed() || !l.directed) pairs.emplace_back(l.to, l.from);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  Arcs a;
  a.begin.assign(n + 1, 0);
  a.to.reserve(pairs.size());
  for (const auto& [from, to] : pairs) {
    ++a.begin[from + 1];
    a.to.push_back(to);
  }
  for (uint32_t v = 0; v < n; ++v) a.begin[v + 1] += a.begin[v];
  return a;
}

int role_of(uint32_t source, uint32_t broker, uint32_t target) {
  if (source == broker)
    return static_cast<int>(broker == target ? BrokerRole::kCoordinator
                                             : BrokerRole::kRepresentative);
  if (broker == target) return static_cast<int>(BrokerRole::kGatekeeper);
  if (source == target) return static_cast<int>(BrokerRole::kItinerant);
  return static_cast<int>(BrokerRole::kLiaison);
}

// Counts every broker's two-step paths a -> b -> c without a -> c, by role.
void count_paths(const Arcs& arcs, std::span<const uint32_t> group_of,
                 std::vector<BrokerCounts>* counts) {
  const uint32_t n = static_cast<uint32_t>(group_of.size());
  std::vector<uint32_t> tied_from(n, std::numeric_limits<uint32_t>::max());
  for (uint32_t a = 0; a < n; ++a) {
    for (uint64_t e = arcs.begin[a]; e < arcs.begin[a + 1]; ++e) tied_from[arcs.to[e]] = a;
    for (uint64_t e = arcs.begin[a]; e < arcs.begin[a + 1]; ++e) {
      const uint32_t b = arcs.to[e];
      BrokerCounts& mine = (*counts)[b];
      for (uint64_t f = arcs.begin[b]; f < arcs.begin[b + 1]; ++f) {
        const uint32_t c = arcs.to[f];
        if (c == a || tied_from[c] == a) continue;
        mine[role_of(group_of[a], group_of[b], group_of[c])] += 1;
      }
    }
  }
  for (BrokerCounts& c : *counts) {
    c[kTotal] = 0;
    for (int r = 0; r < kBrokerRoleCount; ++r) c[kTotal] += c[r];
  }
}

double choose2(double x) { return x * (x - 1) / 2; }

// The null model's moments: arcs independent with probability d. `D` is the probability of an
// open two-path at three given vertices, d^2 (1 - d); the variance terms come from pairs of
// two-paths that share an arc.
struct Moments {
  double d, D, C, d4, d5;
  explicit Moments(double density)
      : d(density),
        D(d * d * (1 - d)),
        C(std::pow(d, 3) * std::pow(1 - d, 3)),
        d4(std::pow(d, 4) * std::pow(1 - d, 2)),
        d5(std::pow(d, 5) * (1 - d)) {}
  double variance(double expected, double extra) const { return expected * (1 - D) + extra; }
};

// Expected counts and variances for a broker of a group of `ni` vertices among `sizes`.
void broker_moments(const Moments& m, const std::vector<double>& sizes, size_t group,
                    BrokerCounts* e, BrokerCounts* v) {
  double N = 0;
  for (double s : sizes) N += s;
  const double ni = sizes[group];
  double pairs_out = 0, triples_out = 0, sum_out = 0, squares_out = 0, liaison_extra = 0;
  for (size_t g = 0; g < sizes.size(); ++g) {
    if (g == group) continue;
    const double ng = sizes[g];
    pairs_out += ng * (ng - 1);
    triples_out += ng * (ng - 1) * (ng - 2);
    sum_out += ng;
    squares_out += ng * ng;
    liaison_extra += ng * choose2(N - ng - ni);
  }
  const int co = static_cast<int>(BrokerRole::kCoordinator),
            it = static_cast<int>(BrokerRole::kItinerant),
            re = static_cast<int>(BrokerRole::kRepresentative),
            ga = static_cast<int>(BrokerRole::kGatekeeper),
            li = static_cast<int>(BrokerRole::kLiaison);
  (*e)[co] = m.D * (ni - 1) * (ni - 2);
  (*v)[co] = m.variance((*e)[co], 2 * (ni - 1) * (ni - 2) * (ni - 3) * m.C);
  (*e)[it] = m.D * pairs_out;
  (*v)[it] = m.variance((*e)[it], 2 * triples_out * m.C);
  (*e)[re] = m.D * (N - ni) * (ni - 1);
  (*v)[re] =
      m.variance((*e)[re], 2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * m.C);
  (*e)[ga] = (*e)[re];
  (*v)[ga] = (*v)[re];
  (*e)[li] = m.D * (sum_out * sum_out - squares_out);
  (*v)[li] = m.variance((*e)[li], 4 * liaison_extra * m.C);
  (*e)[kTotal] = m.D * (N - 1) * (N - 2);
  (*v)[kTotal] = m.variance((*e)[kTotal], 2 * (N - 1) * (N - 2) * (N - 3) * m.C);
}

// The network totals' moments, exact. A total is a sum over ordered triples of distinct vertices
// t = (a, b, c) of Y_t = [a->b][b->c][not a->c], counted when t's groups give the role. Two
// triples' Y are correlated only when they share an arc, so only when they share two vertices:
// the pairs (t, s) that matter lie on three or four distinct vertices. Each *shape* places s on
// t's vertices 0, 1, 2 and at most one other vertex 3; which pairs of those vertices are in one
// group is a set partition of them, and the number of vertex tuples with exactly that pattern
// follows from the group sizes. Summing shape by pattern gives the exact mean and variance.

// Set partitions of {0..k-1} as block labels (restricted growth strings).
std::vector<std::vector<int>> set_partitions(int k) {
  std::vector<std::vector<int>> out;
  std::vector<int> label(k, 0);
  auto grow = [&](auto&& self, int i, int blocks) -> void {
    if (i == k) {
      out.push_back(label);
      return;
    }
    for (int b = 0; b <= blocks; ++b) {
      label[i] = b;
      self(self, i + 1, std::max(blocks, b + 1));
    }
  };
  grow(grow, 0, 0);
  return out;
}

double falling(double n, int k) {
  double out = 1;
  for (int i = 0; i < k; ++i) out *= n - i;
  return out;
}

// Sum over assignments of distinct groups to `blocks` (block sizes) of the product of
// falling(size of the block's group, block size): Möbius inversion over set partitions of the
// blocks turns it into sums over single groups.
double distinct_assignments(const std::vector<int>& blocks, const std::vector<double>& sizes) {
  const int m = static_cast<int>(blocks.size());
  double out = 0;
  for (const std::vector<int>& merge : set_partitions(m)) {
    const int parts = *std::max_element(merge.begin(), merge.end()) + 1;
    double term = 1;
    for (int part = 0; part < parts; ++part) {
      int members = 0;
      double sum = 0;
      for (double n : sizes) {
        double product = 1;
        for (int i = 0; i < m; ++i)
          if (merge[i] == part) product *= falling(n, blocks[i]);
        sum += product;
      }
      for (int i = 0; i < m; ++i) members += merge[i] == part;
      double mu = members % 2 ? 1 : -1;  // (-1)^(members - 1) (members - 1)!
      for (int f = 2; f < members; ++f) mu *= f;
      term *= mu * sum;
    }
    out += term;
  }
  return out;
}

// How many tuples of distinct vertices have exactly the group pattern `labels`.
double pattern_count(const std::vector<int>& labels, const std::vector<double>& sizes) {
  std::vector<int> blocks(*std::max_element(labels.begin(), labels.end()) + 1, 0);
  for (int l : labels) ++blocks[l];
  return distinct_assignments(blocks, sizes);
}

int role_in(const std::vector<int>& labels, const std::array<int, 3>& t) {
  return role_of(labels[t[0]], labels[t[1]], labels[t[2]]);
}

// E[Y_t Y_s] for triples on local vertices: the arcs each needs present and absent.
double joint(const Moments& m, const std::array<int, 3>& t, const std::array<int, 3>& s) {
  std::vector<std::pair<int, int>> present, absent;
  for (const auto& x : {t, s}) {
    present.emplace_back(x[0], x[1]);
    present.emplace_back(x[1], x[2]);
    absent.emplace_back(x[0], x[2]);
  }
  auto distinct = [](std::vector<std::pair<int, int>>* v) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  };
  distinct(&present);
  distinct(&absent);
  for (const auto& arc : absent)
    if (std::binary_search(present.begin(), present.end(), arc)) return 0;
  return std::pow(m.d, present.size()) * std::pow(1 - m.d, absent.size());
}

void network_moments(const Moments& m, const std::vector<double>& sizes, BrokerCounts* e,
                     BrokerCounts* v) {
  const std::array<int, 3> t = {0, 1, 2};
  *e = BrokerCounts{};
  *v = BrokerCounts{};
  for (const std::vector<int>& labels : set_partitions(3)) {
    const double count = pattern_count(labels, sizes) * m.D;
    (*e)[role_in(labels, t)] += count;
    (*e)[kTotal] += count;
  }
  for (int k : {3, 4}) {
    const auto partitions = set_partitions(k);
    for (int s0 = 0; s0 < k; ++s0)
      for (int s1 = 0; s1 < k; ++s1)
        for (int s2 = 0; s2 < k; ++s2) {
          const std::array<int, 3> s = {s0, s1, s2};
          if (s0 == s1 || s1 == s2 || s0 == s2) continue;
          if (k == 4 && s0 != 3 && s1 != 3 && s2 != 3) continue;  // counted with k = 3
          const double cov = joint(m, t, s) - m.D * m.D;
          if (cov == 0) continue;
          for (const std::vector<int>& labels : partitions) {
            const int role = role_in(labels, t);
            const double pairs = pattern_count(labels, sizes) * cov;
            if (role == role_in(labels, s)) (*v)[role] += pairs;
            (*v)[kTotal] += pairs;
          }
        }
  }
}

double z_score(double count, double expected, double variance) {
  const double sd = std::sqrt(variance);
  return sd > 0 ? (count - expected) / sd : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

BrokerageNull brokerage_null_model(std::span<const uint32_t> group_sizes, double density) {
  // Only the groups that have members take part (as in sna, whose groups are the classes seen).
  std::vector<double> sizes;
  std::vector<size_t> dense(group_sizes.size(), 0);
  for (size_t k = 0; k < group_sizes.size(); ++k)
    if (group_sizes[k]) dense[k] = sizes.size(), sizes.push_back(group_sizes[k]);
  const Moments m(density);
  BrokerageNull out;
  out.expected.assign(group_sizes.size(), BrokerCounts{});
  out.variance.assign(group_sizes.size(), BrokerCounts{});
  for (size_t k = 0; k < group_sizes.size(); ++k)
    if (group_sizes[k]) broker_moments(m, sizes, dense[k], &out.expected[k], &out.variance[k]);
  network_moments(m, sizes, &out.total_expected, &out.total_variance);
  return out;
}

std::string_view to_string(BrokerRole r) {
  switch (r) {
    case BrokerRole::kCoordinator:
      return "coordinator";
    case BrokerRole::kItinerant:
      return "itinerant";
    case BrokerRole::kRepresentative:
      return "representative";
    case BrokerRole::kGatekeeper:
      return "gatekeeper";
    case BrokerRole::kLiaison:
      return "liaison";
  }
  return "";
}

Brokerage gould_fernandez(const AnalysisGraph& g, std::span<const uint32_t> group_of) {
  assert(group_of.size() == g.vertex_count());
  const uint32_t n = g.vertex_count();
  Brokerage out;
  for (uint32_t group : group_of)
    if (group >= out.group_sizes.size()) out.group_sizes.resize(group + 1, 0);
  for (uint32_t group : group_of) ++out.group_sizes[group];

  const Arcs arcs = arcs_of(g);
  out.counts.assign(n, BrokerCounts{});
  count_paths(arcs, group_of, &out.counts);
  out.density = n > 1 ? static_cast<double>(arcs.count()) / (double(n) * (n - 1)) : 0;

  const BrokerageNull null = brokerage_null_model(out.group_sizes, out.density);
  out.expected.resize(n);
  out.sd.resize(n);
  out.z.resize(n);
  for (uint32_t v = 0; v < n; ++v) {
    const uint32_t k = group_of[v];
    for (int r = 0; r <= kTotal; ++r) {
      out.expected[v][r] = null.expected[k][r];
      out.sd[v][r] = std::sqrt(null.variance[k][r]);
      out.z[v][r] = z_score(out.counts[v][r], null.expected[k][r], null.variance[k][r]);
      out.total[r] += out.counts[v][r];
    }
  }
  out.total_expected = null.total_expected;
  for (int r = 0; r <= kTotal; ++r) {
    out.total_sd[r] = std::sqrt(null.total_variance[r]);
    out.total_z[r] = z_score(out.total[r], out.total_expected[r], null.total_variance[r]);
  }
  return out;
}

}  // namespace govnet
