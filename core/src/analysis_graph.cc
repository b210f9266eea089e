#include "govnet/analysis_graph.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <mutex>

#include "csr.h"
#include "govnet/key_index.h"
#include "govnet/parallel.h"

namespace govnet {
namespace {

constexpr uint32_t kNone = UINT32_MAX;

template <typename T>
bool allowed(const std::vector<T>& list, T value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

bool time_ok(const Spells& spells, const ViewSpec& spec) {
  if (!spec.from && !spec.to) return true;
  if (spells.empty()) return !spec.dated_only;
  return spells.overlaps(spec.from, spec.to);
}

// Key for merging parallel ties: (from, to) ordered for undirected links.
uint64_t pair_key(uint32_t a, uint32_t b) { return (uint64_t{a} << 32) | b; }

// One association of two vertices (a tie, or a shared instrument in the projection) with the
// link of their ordered pair.
struct Contribution {
  uint64_t pair;
  uint32_t item;  // a tie, or (projection) an instrument
  double weight;
};

// Orders contributions by pair, those of one pair in the order they were made: a counting sort
// by the pair's first vertex (stable, on every core: each core counts and places its own
// stretch), then each vertex's contributions by the second vertex. A vertex has few, so this is
// linear where a comparison sort of a million pairs is not.
void sort_by_pair(std::vector<Contribution>* made, uint32_t vertices) {
  const size_t m = made->size();
  const size_t parts = m < (1 << 16) ? 1 : core_count();
  // at[p][u]: how many contributions of stretch p come from vertex u; then where the first goes.
  std::vector<std::vector<uint64_t>> at(parts, std::vector<uint64_t>(vertices + 1, 0));
  auto stretch = [&](size_t p) {
    return std::pair<size_t, size_t>(m * p / parts, m * (p + 1) / parts);
  };
  on_every_core(parts, [&](size_t p) {
    auto [first, last] = stretch(p);
    for (size_t i = first; i < last; ++i) ++at[p][(*made)[i].pair >> 32];
  });
  std::vector<uint64_t> bucket(vertices + 1, 0);  // vertex u's contributions start at bucket[u]
  uint64_t next = 0;
  for (uint32_t u = 0; u < vertices; ++u) {
    bucket[u] = next;
    for (size_t p = 0; p < parts; ++p) {
      const uint64_t n = at[p][u];
      at[p][u] = next;
      next += n;
    }
  }
  bucket[vertices] = next;
  std::vector<Contribution> sorted(m);
  on_every_core(parts, [&](size_t p) {
    auto [first, last] = stretch(p);
    for (size_t i = first; i < last; ++i) sorted[at[p][(*made)[i].pair >> 32]++] = (*made)[i];
  });
  std::vector<std::vector<uint64_t>>().swap(at);
  constexpr uint32_t kVerticesPerJob = 4096;
  on_every_core((vertices + kVerticesPerJob - 1) / kVerticesPerJob, [&](size_t job) {
    const uint32_t first = static_cast<uint32_t>(job * kVerticesPerJob);
    const uint32_t last = std::min<uint32_t>(vertices, first + kVerticesPerJob);
    auto before = [](const Contribution& a, const Contribution& b) { return a.pair < b.pair; };
    for (uint32_t u = first; u < last; ++u) {
      Contribution* const begin = sorted.data() + bucket[u];
      Contribution* const end = sorted.data() + bucket[u + 1];
      if (end - begin > 32) {
        std::stable_sort(begin, end, before);
        continue;
      }
      for (Contribution* i = begin + 1; i < end; ++i) {  // insertion: stable, no allocation
        const Contribution c = *i;
        Contribution* j = i;
        for (; j > begin && before(c, j[-1]); --j) *j = j[-1];
        *j = c;
      }
    }
  });
  made->swap(sorted);
}

// Which actors and instruments pass the view's filters; ties are judged by TiePicker.
struct RecordFilter {
  const Network& net;
  const ViewSpec& spec;

  bool actor_ok(uint32_t a) const {
    const Actor& x = net.actors[a];
    return allowed(spec.actor_kinds, x.kind) && allowed(spec.datasets, x.dataset) &&
           (x.spells.empty() || time_ok(x.spells, spec));
  }
  bool instrument_ok(uint32_t i) const {
    const Instrument& x = net.instruments[i];
    return allowed(spec.instrument_kinds, x.kind) && allowed(spec.datasets, x.dataset) &&
           time_ok(x.spells, spec);
  }
  bool instruments_are_vertices() const {
    return spec.kind == ViewKind::kTwoMode || spec.kind == ViewKind::kFull;
  }
};

// What the later passes need of a tie of the view, so that they never look at the ties again.
struct Picked {
  uint32_t tie, from_actor, to_index;
  bool to_instrument, directed;
  double weight;
};

// Pass 1: picks the ties of the view and resolves their endpoints, run by run, on whichever
// thread the source visits a run (pick only reads shared state; the runs are kept under a lock).
class TiePicker {
 public:
  explicit TiePicker(const RecordFilter& filter)
      : filter_(filter),
        spec_(filter.spec),
        actor_index_(static_cast<uint32_t>(filter.net.actors.size()),
                     [&](uint32_t i) -> std::string_view { return filter.net.actors[i].key; }),
        instrument_index_(
            static_cast<uint32_t>(filter.net.instruments.size()),
            [&](uint32_t i) -> std::string_view { return filter.net.instruments[i].key; }),
        want_actor_ties_(spec_.kind == ViewKind::kDirect || spec_.kind == ViewKind::kFull),
        want_instrument_ties_(spec_.kind != ViewKind::kDirect) {}

  // Visits every tie of `ties`; false when the source could not read them all.
  bool pick_all(const TieSource& ties) {
    return ties([this](std::span<const TieView> run, uint64_t order) { pick_run(run, order); });
  }

  ViewStats stats() const {
    ViewStats s;
    s.ties_used = outcomes_[kPicked];
    s.ties_considered =
        outcomes_[kPicked] + outcomes_[kFiltered] + outcomes_[kNoWeight] + outcomes_[kSelfLoop];
    s.ties_without_weight = outcomes_[kNoWeight];
    s.self_loops_dropped = outcomes_[kSelfLoop];
    return s;
  }

  // The picked ties in the source's order, Picked::tie their index in it. Empties the runs.
  std::vector<Picked> picked_in_order() {
    std::sort(runs_.begin(), runs_.end(),
              [](const Run& a, const Run& b) { return a.order < b.order; });
    std::vector<Picked> picked;
    picked.reserve(outcomes_[kPicked]);
    uint64_t first = 0;  // index of the run's first tie
    for (Run& run : runs_) {
      for (Picked p : run.kept) {
        p.tie = static_cast<uint32_t>(first + p.tie);
        picked.push_back(p);
      }
      first += run.size;
      std::vector<Picked>().swap(run.kept);
    }
    std::vector<Run>().swap(runs_);
    return picked;
  }

 private:
  // Each tie is picked, or not for one of these reasons.
  enum Outcome { kPicked, kNotInView, kFiltered, kNoWeight, kSelfLoop, kOutcomes };
  // A run's picks, which carry their place in the run until the runs are put in order.
  struct Run {
    uint64_t order, size;
    std::vector<Picked> kept;
  };

  // from_hash and to_hash: the KeyIndex hashes of the tie's endpoints (computed ahead).
  Outcome pick(const TieView& tie, uint64_t from_hash, uint64_t to_hash, Picked* p) const {
    if (tie.to_instrument ? !want_instrument_ties_ : !want_actor_ties_) return kNotInView;
    if (!allowed(spec_.families, tie.family) || !allowed(spec_.datasets, tie.dataset))
      return kFiltered;
    const uint32_t from = actor_index_.find(tie.from, from_hash);
    if (from == KeyIndex::kMissing || !filter_.actor_ok(from)) return kFiltered;
    uint32_t to;
    const Instrument* instrument = nullptr;
    if (tie.to_instrument) {
      to = instrument_index_.find(tie.to, to_hash);
      if (to == KeyIndex::kMissing || !filter_.instrument_ok(to)) return kFiltered;
      instrument = &filter_.net.instruments[to];
    } else {
      to = actor_index_.find(tie.to, to_hash);
      if (to == KeyIndex::kMissing || !filter_.actor_ok(to)) return kFiltered;
    }
    const Spells& spells = tie.spells.empty() && instrument ? instrument->spells : tie.spells;
    if (!time_ok(spells, spec_)) return kFiltered;
    if (!spec_.statuses.empty()) {
      Status st = tie.status != Status::kUnknown ? tie.status
                  : instrument                   ? instrument->status
                                                 : Status::kUnknown;
      if (st == Status::kUnknown || !allowed(spec_.statuses, st)) return kFiltered;
    }
    double w = 1.0;
    if (spec_.weight == WeightKind::kWeight)
      w = weight_during(tie.dated_weights, tie.weight, spec_.from, spec_.to).value_or(1.0);
    if (spec_.weight == WeightKind::kAmount) w = tie.amount.value_or(0.0);
    if (!(w > 0.0)) return kNoWeight;
    if (!tie.to_instrument && from == to) return kSelfLoop;
    *p = {0, from, to, tie.to_instrument, tie.directed, w};
    return kPicked;
  }

  void pick_run(std::span<const TieView> ties, uint64_t order) {
    Run run{order, ties.size(), {}};
    run.kept.reserve(ties.size());
    uint64_t counted[kOutcomes] = {};
    // A few ties at a time: their endpoints' slots are fetched from memory together, instead of
    // one cache miss after another.
    constexpr size_t kAhead = 16;
    uint64_t from_hash[kAhead], to_hash[kAhead];
    for (size_t first = 0; first < ties.size(); first += kAhead) {
      const size_t last = std::min(ties.size(), first + kAhead);
      for (size_t i = first; i < last; ++i) {
        const TieView& t = ties[i];
        from_hash[i - first] = KeyIndex::hash_of(t.from);
        to_hash[i - first] = KeyIndex::hash_of(t.to);
        actor_index_.prefetch(from_hash[i - first]);
        (t.to_instrument ? instrument_index_ : actor_index_).prefetch(to_hash[i - first]);
      }
      for (size_t i = first; i < last; ++i) {
        Picked p;
        const Outcome o = pick(ties[i], from_hash[i - first], to_hash[i - first], &p);
        ++counted[o];
        if (o != kPicked) continue;
        p.tie = static_cast<uint32_t>(i);
        run.kept.push_back(p);
      }
    }
    std::lock_guard<std::mutex> hold(runs_lock_);
    for (int o = 0; o < kOutcomes; ++o) outcomes_[o] += counted[o];
    runs_.push_back(std::move(run));
  }

  const RecordFilter& filter_;
  const ViewSpec& spec_;
  const KeyIndex actor_index_, instrument_index_;
  const bool want_actor_ties_, want_instrument_ties_;
  std::mutex runs_lock_;  // guards runs_ and outcomes_
  std::vector<Run> runs_;
  uint64_t outcomes_[kOutcomes] = {};
};

// Drops the picked ties of components of fewer than `min` vertices: the components of the
// records the ties join, where instruments count only when they are vertices of the view.
void drop_small_components(const RecordFilter& filter, size_t min, std::vector<Picked>* picked) {
  const uint32_t na = static_cast<uint32_t>(filter.net.actors.size());
  std::vector<uint32_t> parent(na + filter.net.instruments.size());
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  auto other_end = [&](const Picked& p) { return p.to_instrument ? na + p.to_index : p.to_index; };
  for (const Picked& p : *picked) parent[find(p.from_actor)] = find(other_end(p));
  std::vector<char> counted(parent.size(), 0);
  std::vector<uint32_t> size(parent.size(), 0);
  auto count = [&](uint32_t x) {
    if (!counted[x]) size[find(x)] += counted[x] = 1;
  };
  for (const Picked& p : *picked) {
    count(p.from_actor);
    if (!p.to_instrument || filter.instruments_are_vertices()) count(other_end(p));
  }
  std::erase_if(*picked, [&](const Picked& p) { return size[find(p.from_actor)] < min; });
}

// The vertices of a view and the tables from records to them (kNone when absent).
struct Vertices {
  std::vector<VertexRef> refs;
  std::vector<uint32_t> of_actor, of_instrument;
};

// Pass 2: vertices, in Network order (actors, then instruments) so ids are deterministic: the
// endpoints of picked ties, and with keep_isolated every record passing the filters.
Vertices number_vertices(const RecordFilter& filter, const std::vector<Picked>& picked) {
  const Network& net = filter.net;
  const bool instruments_are_vertices = filter.instruments_are_vertices();
  Vertices out;
  out.of_actor.assign(net.actors.size(), kNone);
  out.of_instrument.assign(net.instruments.size(), kNone);
  std::vector<char> actor_used(net.actors.size()), instrument_used(net.instruments.size());
  for (const Picked& p : picked) {
    actor_used[p.from_actor] = 1;
    (p.to_instrument ? instrument_used : actor_used)[p.to_index] = 1;
  }
  if (filter.spec.keep_isolated && filter.spec.min_component <= 1) {
    for (uint32_t a = 0; a < net.actors.size(); ++a) actor_used[a] |= filter.actor_ok(a);
    if (instruments_are_vertices)
      for (uint32_t i = 0; i < net.instruments.size(); ++i)
        instrument_used[i] |= filter.instrument_ok(i);
  }
  for (uint32_t a = 0; a < net.actors.size(); ++a) {
    if (!actor_used[a]) continue;
    out.of_actor[a] = static_cast<uint32_t>(out.refs.size());
    out.refs.push_back({NodeType::kActor, a});
  }
  if (instruments_are_vertices) {
    for (uint32_t i = 0; i < net.instruments.size(); ++i) {
      if (!instrument_used[i]) continue;
      out.of_instrument[i] = static_cast<uint32_t>(out.refs.size());
      out.refs.push_back({NodeType::kInstrument, i});
    }
  }
  return out;
}

// Pass 3, first half: every association of two vertices is one contribution (a tie, or a shared
// instrument in the projection) to the link of its ordered pair (from, to ordered for
// undirected links). In directed mode an undirected tie contributes to both directions.
std::vector<Contribution> contributions(const ViewSpec& spec, const std::vector<Picked>& picked,
                                        const Vertices& vertices, size_t instruments) {
  std::vector<Contribution> made;
  auto contribute = [&](uint32_t u, uint32_t v, bool tie_directed, uint32_t item, double weight) {
    auto one = [&](uint32_t a, uint32_t b) {
      if (!spec.directed && a > b) std::swap(a, b);
      made.push_back({pair_key(a, b), item, weight});
    };
    one(u, v);
    if (spec.directed && !tie_directed) one(v, u);
  };
  if (spec.kind == ViewKind::kProjection) {
    // Actors of each instrument, then every pair of them shares one more instrument.
    std::vector<std::vector<uint32_t>> members(instruments);
    for (const Picked& p : picked) members[p.to_index].push_back(vertices.of_actor[p.from_actor]);
    for (uint32_t i = 0; i < members.size(); ++i) {
      auto& m = members[i];
      std::sort(m.begin(), m.end());
      m.erase(std::unique(m.begin(), m.end()), m.end());
      for (size_t x = 0; x < m.size(); ++x)
        for (size_t y = x + 1; y < m.size(); ++y) contribute(m[x], m[y], false, i, 1.0);
    }
    return made;
  }
  made.reserve(picked.size() * (spec.directed ? 2 : 1));
  for (const Picked& p : picked) {
    uint32_t u = vertices.of_actor[p.from_actor];
    uint32_t v =
        p.to_instrument ? vertices.of_instrument[p.to_index] : vertices.of_actor[p.to_index];
    contribute(u, v, p.directed, p.tie, p.weight);
  }
  return made;
}

// Pass 3, second half: the contributions, ordered by pair (sort_by_pair), become the links in
// vertex order, each with its ties (or shared instruments) in Network order in `items`.
// Parallel ties between the same pair (same direction when directed) merge and their weights
// add up, so the CSR holds at most one arc per ordered pair.
void merge_links(const std::vector<Contribution>& made, const ViewSpec& spec,
                 std::vector<Link>* links, std::vector<uint32_t>* items) {
  const bool projection = spec.kind == ViewKind::kProjection;
  items->resize(made.size());
  size_t distinct = 0;
  for (size_t k = 0; k < made.size(); ++k) {
    (*items)[k] = made[k].item;
    distinct += k == 0 || made[k].pair != made[k - 1].pair;
  }
  links->reserve(distinct);
  for (size_t first = 0; first < made.size();) {
    size_t last = first + 1;
    while (last < made.size() && made[last].pair == made[first].pair) ++last;
    Link l{static_cast<uint32_t>(made[first].pair >> 32),
           static_cast<uint32_t>(made[first].pair),
           spec.directed,
           0.0,
           {},
           {}};
    (projection ? l.instruments : l.ties) =
        std::span<const uint32_t>(items->data() + first, last - first);
    for (size_t k = first; k < last; ++k)  // a merged weight saturates, never infinite
      l.weight = std::min(l.weight + made[k].weight, std::numeric_limits<double>::max());
    links->push_back(l);
    first = last;
  }
  if (spec.weight == WeightKind::kNone)
    for (Link& l : *links) l.weight = 1.0;
}

// Pass 4: the CSR arcs, forward and reverse built side by side. Undirected links give two arcs.
void build_csr(const std::vector<Link>& links, uint32_t n, bool weighted, AnalysisGraph::Csr* csr) {
  std::vector<std::pair<uint32_t, uint32_t>> arcs, reversed;
  std::vector<ArcProps> props;
  arcs.reserve(links.size() * 2);
  props.reserve(links.size() * 2);
  for (uint32_t id = 0; id < links.size(); ++id) {
    const Link& l = links[id];
    ArcProps ap{id};
    arcs.emplace_back(l.from, l.to);
    props.push_back(ap);
    if (!l.directed) {
      arcs.emplace_back(l.to, l.from);
      props.push_back(ap);
    }
  }
  on_every_core(2, [&](size_t which) {
    if (which == 0) {
      csr->forward = CsrGraph(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(),
                              props.begin(), n);
      csr->out = Adjacency::of(csr->forward, links, weighted);
      return;
    }
    reversed.reserve(arcs.size());
    for (auto [u, v] : arcs) reversed.emplace_back(v, u);
    csr->reverse = CsrGraph(boost::edges_are_unsorted_multi_pass, reversed.begin(), reversed.end(),
                            props.begin(), n);
    csr->in = Adjacency::of(csr->reverse, links, weighted);
  });
}

}  // namespace

std::optional<ViewKind> parse_view_kind(std::string_view s) {
  if (s == "direct") return ViewKind::kDirect;
  if (s == "two-mode") return ViewKind::kTwoMode;
  if (s == "projection") return ViewKind::kProjection;
  if (s == "full") return ViewKind::kFull;
  return std::nullopt;
}
std::optional<WeightKind> parse_weight_kind(std::string_view s) {
  if (s == "none") return WeightKind::kNone;
  if (s == "weight") return WeightKind::kWeight;
  if (s == "amount") return WeightKind::kAmount;
  if (s == "count") return WeightKind::kCount;
  return std::nullopt;
}
std::string_view to_string(ViewKind k) {
  switch (k) {
    case ViewKind::kDirect:
      return "direct";
    case ViewKind::kTwoMode:
      return "two-mode";
    case ViewKind::kProjection:
      return "projection";
    case ViewKind::kFull:
      return "full";
  }
  return "?";
}
std::string_view to_string(WeightKind k) {
  switch (k) {
    case WeightKind::kNone:
      return "none";
    case WeightKind::kWeight:
      return "weight";
    case WeightKind::kAmount:
      return "amount";
    case WeightKind::kCount:
      return "count";
  }
  return "?";
}

AnalysisGraph::AnalysisGraph() = default;
AnalysisGraph::AnalysisGraph(AnalysisGraph&&) noexcept = default;
AnalysisGraph& AnalysisGraph::operator=(AnalysisGraph&&) noexcept = default;
AnalysisGraph::~AnalysisGraph() = default;

uint64_t AnalysisGraph::arc_count() const { return boost::num_edges(csr_->forward); }

std::optional<uint32_t> AnalysisGraph::vertex_of(NodeType type, uint32_t index) const {
  const auto& table = type == NodeType::kInstrument ? instrument_vertex_ : actor_vertex_;
  if (index >= table.size() || table[index] == kNone) return std::nullopt;
  return table[index];
}

std::optional<AnalysisGraph> AnalysisGraph::build(const Network& net, const ViewSpec& spec,
                                                  std::string* error) {
  return build(
      net,
      [&](const TieRun& visit) {
        // In runs of a few thousand views, on every core.
        constexpr size_t kRun = 4096;
        on_every_core((net.ties.size() + kRun - 1) / kRun, [&](size_t r) {
          const size_t first = r * kRun, last = std::min(net.ties.size(), first + kRun);
          std::vector<TieView> views;
          views.reserve(last - first);
          for (size_t i = first; i < last; ++i) views.push_back(TieView::of(net.ties[i]));
          visit(views, first);
        });
        return true;
      },
      spec, error);
}

std::optional<AnalysisGraph> AnalysisGraph::build(const Network& net, const TieSource& ties,
                                                  const ViewSpec& spec, std::string* error) {
  if (spec.kind == ViewKind::kProjection && spec.weight == WeightKind::kAmount) {
    if (error)
      *error =
          "amount weights are not defined on the projection view (its links count "
          "shared instruments); use --weight count, or the direct or two-mode view";
    return std::nullopt;
  }
  const RecordFilter filter{net, spec};
  std::vector<Picked> picked;
  ViewStats stats;
  {
    TiePicker picker(filter);
    if (!picker.pick_all(ties)) {
      if (error) *error = "the ties could not all be read";
      return std::nullopt;
    }
    stats = picker.stats();
    picked = picker.picked_in_order();
  }
  if (spec.min_component > 1) drop_small_components(filter, spec.min_component, &picked);
  AnalysisGraph g;
  g.spec_ = spec;
  g.stats_ = stats;
  Vertices vertices = number_vertices(filter, picked);
  std::vector<Contribution> made = contributions(spec, picked, vertices, net.instruments.size());
  std::vector<Picked>().swap(picked);  // what is not needed any more goes before the next peak
  sort_by_pair(&made, static_cast<uint32_t>(vertices.refs.size()));
  merge_links(made, spec, &g.links_, &g.link_items_);
  std::vector<Contribution>().swap(made);
  g.vertices_ = std::move(vertices.refs);
  g.actor_vertex_ = std::move(vertices.of_actor);
  g.instrument_vertex_ = std::move(vertices.of_instrument);
  g.csr_ = std::make_unique<Csr>();
  build_csr(g.links_, g.vertex_count(), g.weighted(), g.csr_.get());
  return g;
}

}  // namespace govnet
