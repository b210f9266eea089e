// The analysis graph: a compact, immutable CSR graph (Boost.Graph, 32-bit ids) built in one pass
// from a Network for one *view* (direct, two-mode, projection) under filters. Algorithms run on
// it and return per-vertex arrays indexed by vertex id.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "govnet/model.h"

namespace govnet {

// direct: actors and actor–actor ties. two-mode: actors and instruments joined by participation
// ties (affiliation network). projection: actors linked when they share instruments, weighted
// by how many. full: actors and instruments with every tie of both kinds (what a plain
// "load everything" graph tool would show; the default for exploring).
enum class ViewKind : uint8_t { kDirect, kTwoMode, kProjection, kFull };
enum class WeightKind : uint8_t { kNone, kWeight, kAmount, kCount };
std::optional<ViewKind> parse_view_kind(std::string_view);      // direct|two-mode|projection|full
std::optional<WeightKind> parse_weight_kind(std::string_view);  // none | weight | amount | count
std::string_view to_string(ViewKind);
std::string_view to_string(WeightKind);

// Which part of the network a view shows. Empty lists mean "all".
struct ViewSpec {
  ViewKind kind = ViewKind::kFull;
  std::vector<Family> families;
  std::vector<ActorKind> actor_kinds;
  std::vector<InstrumentKind> instrument_kinds;
  // A tie passes when its status, or else its instrument's status, is listed (unknown never is).
  std::vector<Status> statuses;
  std::vector<DatasetId> datasets;
  // Time: a record (actor, instrument or tie) passes when one of its spells can overlap
  // [from, to], so it is absent in the gaps between its spells; undated instruments and ties
  // pass unless `dated_only`, undated actors always (an actor without spells is taken to exist
  // throughout). `--at D` is from = to = D. A tie to an instrument without spells of its own
  // uses the instrument's. A tie's weight is its dated weight during [from, to] when it has one
  // (weight_during), else its own weight.
  std::optional<Date> from, to;
  bool dated_only = false;
  bool directed = false;  // in directed mode an undirected tie counts both ways
  WeightKind weight = WeightKind::kNone;
  // By default the view holds the vertices that have at least one tie in it; with this, every
  // actor (and, in two-mode and full views, instrument) passing the filters is a vertex.
  bool keep_isolated = false;
  // Leaves out the connected components of fewer vertices than this (and, above 1, isolated
  // records even with keep_isolated); 0 or 1 keeps every component.
  size_t min_component = 0;
};

// What a vertex stands for: an actor or an instrument of the Network the graph was built from.
struct VertexRef {
  NodeType type = NodeType::kActor;
  uint32_t index = 0;  // into Network::actors (kActor) or Network::instruments (kInstrument)
  bool is_instrument() const { return type == NodeType::kInstrument; }
};

// A link joins two vertices and stands for one or more ties (parallel ties are merged: weights
// add up) or, in the projection view, for the instruments two actors share.
// `ties` and `instruments` view one array the graph holds for all its links (no allocation per
// link); they stay valid as long as the graph, also when it is moved.
struct Link {
  uint32_t from = 0, to = 0;
  bool directed = false;
  double weight = 1.0;                    // 1 when the view is unweighted
  std::span<const uint32_t> ties;         // indices into Network::ties
  std::span<const uint32_t> instruments;  // projection: shared instruments (Network::instruments)
};

struct ViewStats {
  uint64_t ties_considered = 0;
  uint64_t ties_used = 0;
  uint64_t self_loops_dropped = 0;
  uint64_t ties_without_weight = 0;  // dropped: no or non-positive value for the chosen weight
};

// What a view reads of a tie. `from` and `to` view key text that the source holds while it
// visits the run (a Tie's strings, or a store's compact table of ties).
struct TieView {
  uint64_t id = 0;
  std::string_view from, to;
  bool to_instrument = false;
  bool directed = false;
  Family family = Family::kOther;
  Status status = Status::kUnknown;
  std::optional<double> weight, amount;
  Spells spells;
  std::vector<DatedWeight> dated_weights;
  DatasetId dataset = 0;
  static TieView of(const Tie& t) {
    return {t.id,     t.from,   t.to,     t.to_instrument, t.directed,      t.family,
            t.status, t.weight, t.amount, t.spells,        t.dated_weights, t.dataset};
  }
};

// Hands every tie to `visit` once, in runs of consecutive ties: visit(ties, order) gets one run,
// and ordering the runs by `order` (distinct for each run) puts the ties in their sequence, in
// which a tie's place is its index. Runs may be visited in any order and on several threads at
// once. Returns false when it could not read every tie (the build then fails; runs may have been
// visited before that).
using TieRun = std::function<void(std::span<const TieView> ties, uint64_t order)>;
using TieSource = std::function<bool(const TieRun& visit)>;

class AnalysisGraph {
 public:
  // Builds the view. Fails (returns nullopt, sets *error) only on contradictory specs, e.g.
  // amount weights on the projection view.
  static std::optional<AnalysisGraph> build(const Network& net, const ViewSpec& spec,
                                            std::string* error);
  // The same view with the ties streamed from `ties` instead of taken from net.ties (which may
  // be empty): a store's ties need never all be in memory at once. Link::ties index the
  // stream's order. Fails with `error` naming the source when the source fails.
  static std::optional<AnalysisGraph> build(const Network& nodes, const TieSource& ties,
                                            const ViewSpec& spec, std::string* error);
  AnalysisGraph(AnalysisGraph&&) noexcept;
  AnalysisGraph& operator=(AnalysisGraph&&) noexcept;
  ~AnalysisGraph();

  uint32_t vertex_count() const { return static_cast<uint32_t>(vertices_.size()); }
  uint64_t arc_count() const;  // arcs of the CSR: an undirected link counts twice
  const std::vector<Link>& links() const { return links_; }
  bool directed() const { return spec_.directed; }
  bool weighted() const { return spec_.weight != WeightKind::kNone; }
  const ViewSpec& spec() const { return spec_; }
  const ViewStats& stats() const { return stats_; }
  const VertexRef& vertex(uint32_t v) const { return vertices_[v]; }
  // Vertex id of an actor / instrument (index into the Network), if it is in the view.
  std::optional<uint32_t> vertex_of(NodeType type, uint32_t index) const;

  struct Csr;  // the Boost.Graph CSR graphs, forward and reverse; see csr.h inside core
  const Csr& csr() const { return *csr_; }

 private:
  AnalysisGraph();
  ViewSpec spec_;
  ViewStats stats_;
  std::vector<VertexRef> vertices_;
  std::vector<uint32_t> actor_vertex_, instrument_vertex_;  // kNone when absent
  std::vector<Link> links_;
  std::vector<uint32_t> link_items_;  // what the links' ties / instruments spans view
  std::unique_ptr<Csr> csr_;
};

}  // namespace govnet
