#include "govnet/analysis_graph.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "govnet/traversal.h"
#include "test_graphs.h"

namespace govnet {
namespace {

// A tiny governance network: three states party to one agreement, an IOM funding tie.
Network small_governance() {
  std::string err;
  Network net;
  auto actor = [&](std::string key, ActorKind kind, DatasetId ds = 1) {
    Actor a;
    a.key = a.name = std::move(key);
    a.kind = kind;
    a.dataset = ds;
    net.actors.push_back(a);
  };
  actor("EU", ActorKind::kEuInstitution);
  actor("IOM", ActorKind::kInternationalOrg);
  actor("MDA", ActorKind::kState);
  actor("CPV", ActorKind::kState);
  actor("GEO", ActorKind::kState, 2);
  Instrument mp_mda;
  mp_mda.key = "MP-MDA";
  mp_mda.kind = InstrumentKind::kMobilityPartnership;
  mp_mda.spells = Period{parse_date("2008", &err), std::nullopt};
  mp_mda.status = Status::kSigned;
  mp_mda.dataset = 1;
  Instrument mp_cpv = mp_mda;
  mp_cpv.key = "MP-CPV";
  Instrument mp_geo = mp_mda;
  mp_geo.key = "MP-GEO";
  mp_geo.spells = Period{parse_date("2009", &err), std::nullopt};
  net.instruments = {mp_mda, mp_cpv, mp_geo};
  auto tie = [&](std::string from, std::string to, bool to_instrument, Family f) {
    Tie t;
    t.from = std::move(from);
    t.to = std::move(to);
    t.to_instrument = to_instrument;
    t.family = f;
    t.dataset = 1;
    net.ties.push_back(t);
  };
  tie("EU", "MP-MDA", true, Family::kAgreement);
  tie("MDA", "MP-MDA", true, Family::kAgreement);
  tie("IOM", "MP-MDA", true, Family::kAgreement);
  tie("EU", "MP-CPV", true, Family::kAgreement);
  tie("CPV", "MP-CPV", true, Family::kAgreement);
  tie("EU", "MP-GEO", true, Family::kAgreement);
  tie("GEO", "MP-GEO", true, Family::kAgreement);
  tie("EU", "IOM", false, Family::kFunding);
  net.ties.back().directed = true;
  net.ties.back().amount = 2.5e6;
  return net;
}

TEST(AnalysisGraph, DirectViewHoldsActorTiesOnly) {
  std::string err;
  ViewSpec direct;
  direct.kind = ViewKind::kDirect;
  auto g = AnalysisGraph::build(small_governance(), direct, &err);
  ASSERT_TRUE(g) << err;
  EXPECT_EQ(g->vertex_count(), 2u);  // EU and IOM: the only actor-actor tie
  EXPECT_EQ(g->links().size(), 1u);
  EXPECT_EQ(g->arc_count(), 2u);  // undirected mode: both ways
}

TEST(AnalysisGraph, FullViewHoldsEverything) {
  std::string err;
  auto g = AnalysisGraph::build(small_governance(), {}, &err);
  ASSERT_TRUE(g) << err;
  EXPECT_EQ(g->vertex_count(), 5u + 3u);
  EXPECT_EQ(g->links().size(), 8u);
  // Vertex order: actors in Network order, then instruments.
  EXPECT_FALSE(g->vertex(4).is_instrument());
  EXPECT_TRUE(g->vertex(5).is_instrument());
  EXPECT_EQ(g->vertex_of(NodeType::kInstrument, 0), 5u);
}

TEST(AnalysisGraph, TwoModeAndProjection) {
  std::string err;
  ViewSpec two;
  two.kind = ViewKind::kTwoMode;
  auto g = AnalysisGraph::build(small_governance(), two, &err);
  ASSERT_TRUE(g) << err;
  EXPECT_EQ(g->vertex_count(), 5u + 3u);
  EXPECT_EQ(g->links().size(), 7u);

  ViewSpec proj;
  proj.kind = ViewKind::kProjection;
  proj.weight = WeightKind::kCount;
  auto p = AnalysisGraph::build(small_governance(), proj, &err);
  ASSERT_TRUE(p) << err;
  // EU-MDA, EU-IOM, MDA-IOM (MP-MDA), EU-CPV, EU-GEO.
  EXPECT_EQ(p->links().size(), 5u);
  for (const Link& l : p->links()) EXPECT_EQ(l.weight, 1.0);
  proj.weight = WeightKind::kAmount;
  EXPECT_FALSE(AnalysisGraph::build(small_governance(), proj, &err));
  EXPECT_NE(err.find("projection"), std::string::npos);
}

TEST(AnalysisGraph, FiltersByTimeDatasetKindAndStatus) {
  std::string err;
  ViewSpec spec;
  spec.kind = ViewKind::kProjection;
  spec.to = parse_date("2008-12", &err);  // before the Georgia partnership
  auto g = AnalysisGraph::build(small_governance(), spec, &err);
  ASSERT_TRUE(g) << err;
  EXPECT_EQ(g->links().size(), 4u);

  spec = {};
  spec.kind = ViewKind::kTwoMode;
  spec.datasets = {2};
  g = AnalysisGraph::build(small_governance(), spec, &err);
  EXPECT_EQ(g->vertex_count(), 0u);  // GEO's tie belongs to dataset 1

  spec = {};
  spec.kind = ViewKind::kTwoMode;
  spec.actor_kinds = {ActorKind::kState};
  g = AnalysisGraph::build(small_governance(), spec, &err);
  EXPECT_EQ(g->links().size(), 3u);

  spec.statuses = {Status::kRefused};
  g = AnalysisGraph::build(small_governance(), spec, &err);
  EXPECT_EQ(g->links().size(), 0u);
  spec.statuses = {Status::kSigned};
  g = AnalysisGraph::build(small_governance(), spec, &err);
  EXPECT_EQ(g->links().size(), 3u);
}

TEST(AnalysisGraph, AmountWeightsDropTiesWithoutAmount) {
  std::string err;
  Network net = small_governance();
  Tie extra = net.ties.back();
  extra.from = "IOM";
  extra.to = "MDA";
  extra.amount.reset();
  net.ties.push_back(extra);
  ViewSpec spec;
  spec.kind = ViewKind::kDirect;
  spec.weight = WeightKind::kAmount;
  spec.directed = true;
  auto g = AnalysisGraph::build(net, spec, &err);
  ASSERT_TRUE(g) << err;
  EXPECT_EQ(g->stats().ties_without_weight, 1u);
  ASSERT_EQ(g->links().size(), 1u);
  EXPECT_EQ(g->links()[0].weight, 2.5e6);
}

// Parallel ties merge into one link per pair (per ordered pair when directed; an undirected
// tie counts both ways in directed mode), its ties in Network order and its weight their sum;
// links come in (from, to) order. Checked against a plain map on a multigraph of 200,000 ties
// between 3,000 actors with hubs (many parallel ties, scattered through the Network), big enough
// for the build's work to be shared out over the cores.
TEST(AnalysisGraph, ParallelTiesMergeIntoLinksAsAMapSays) {
  Network net;
  for (int i = 0; i < 3000; ++i) {
    Actor a;
    a.key = a.name = "A" + std::to_string(i);
    net.actors.push_back(a);
  }
  std::mt19937 rng(7);
  for (int i = 0; i < 200000; ++i) {
    Tie t;
    // Every fifth tie touches one of ten hubs: those get thousands of links and parallel ties.
    const uint32_t u = i % 5 == 0 ? rng() % 10 : rng() % 3000, v = rng() % (i % 3 == 0 ? 40 : 3000);
    t.from = "A" + std::to_string(u);
    t.to = "A" + std::to_string(v);
    t.directed = rng() % 2;
    t.weight = 1 + rng() % 7;
    t.family = Family::kCooperation;
    net.ties.push_back(t);
  }
  for (const bool directed : {false, true}) {
    ViewSpec spec;
    spec.kind = ViewKind::kDirect;
    spec.directed = directed;
    spec.weight = WeightKind::kWeight;
    spec.keep_isolated = true;  // vertex v is actor v
    std::string err;
    auto g = AnalysisGraph::build(net, spec, &err);
    ASSERT_TRUE(g) << err;
    ASSERT_EQ(g->vertex_count(), 3000u);
    std::map<std::pair<uint32_t, uint32_t>, std::pair<std::vector<uint32_t>, double>> want;
    for (uint32_t i = 0; i < net.ties.size(); ++i) {
      const Tie& t = net.ties[i];
      uint32_t a = std::stoul(t.from.substr(1)), b = std::stoul(t.to.substr(1));
      if (a == b) continue;  // self-loops are dropped
      auto add = [&](uint32_t x, uint32_t y) {
        auto& link = want[{x, y}];
        link.first.push_back(i);
        link.second += *t.weight;
      };
      if (!directed)
        add(std::min(a, b), std::max(a, b));
      else {
        add(a, b);
        if (!t.directed) add(b, a);
      }
    }
    ASSERT_EQ(g->links().size(), want.size()) << (directed ? "directed" : "undirected");
    size_t k = 0;
    for (const auto& [pair, link] : want) {
      const Link& l = g->links()[k++];
      ASSERT_EQ(std::make_pair(l.from, l.to), pair) << "link " << k - 1;
      ASSERT_TRUE(std::equal(l.ties.begin(), l.ties.end(), link.first.begin(), link.first.end()))
          << "link " << k - 1;
      ASSERT_EQ(l.weight, link.second) << "link " << k - 1;
    }
  }
}

// Components of 4, 2 and 1 actors (the last isolated) by actor ties, and two actors on one
// instrument (3 vertices in the full and two-mode views, 2 in the projection).
TEST(AnalysisGraph, MinComponentLeavesOutSmallComponentsAndIsolates) {
  Network net;
  for (const char* k : {"A", "B", "C", "D", "E", "F", "G", "H", "I"}) {
    Actor a;
    a.key = a.name = k;
    net.actors.push_back(a);
  }
  Instrument i;
  i.key = "I1";
  net.instruments.push_back(i);
  auto tie = [&](const char* from, const char* to, bool to_instrument = false) {
    Tie t;
    t.id = net.ties.size() + 1;
    t.from = from;
    t.to = to;
    t.to_instrument = to_instrument;
    net.ties.push_back(t);
  };
  tie("A", "B");
  tie("B", "C");
  tie("C", "D");
  tie("E", "F");
  tie("H", "I1", true);
  tie("I", "I1", true);
  std::string err;
  auto keys = [&](const AnalysisGraph& g) {
    std::string out;
    for (uint32_t v = 0; v < g.vertex_count(); ++v) {
      auto r = g.vertex(v);
      out += r.is_instrument() ? net.instruments[r.index].key : net.actors[r.index].key;
    }
    return out;
  };
  ViewSpec spec;
  spec.kind = ViewKind::kDirect;
  spec.keep_isolated = true;
  EXPECT_EQ(keys(*AnalysisGraph::build(net, spec, &err)), "ABCDEFGHI");
  spec.min_component = 2;  // the isolated G goes, and H and I, isolated in the direct view
  EXPECT_EQ(keys(*AnalysisGraph::build(net, spec, &err)), "ABCDEF");
  spec.min_component = 3;
  auto g = AnalysisGraph::build(net, spec, &err);
  EXPECT_EQ(keys(*g), "ABCD");
  EXPECT_EQ(g->links().size(), 3u);
  spec.kind = ViewKind::kFull;  // H, I and I1: three vertices
  EXPECT_EQ(keys(*AnalysisGraph::build(net, spec, &err)), "ABCDHII1");
  spec.kind = ViewKind::kTwoMode;  // ties to instruments only
  EXPECT_EQ(keys(*AnalysisGraph::build(net, spec, &err)), "HII1");
  spec.kind = ViewKind::kProjection;  // H and I: two vertices
  EXPECT_EQ(keys(*AnalysisGraph::build(net, spec, &err)), "");
  spec.min_component = 2;
  EXPECT_EQ(keys(*AnalysisGraph::build(net, spec, &err)), "HI");
}

TEST(Traversal, PathEgoComponents) {
  auto g = testing::build_view(testing::krackhardt_kite());
  auto path = shortest_path(g, 0, 9);
  ASSERT_TRUE(path);
  // 0 -> 5 -> 7 -> 8 -> 9 is the unique shortest route (length 4) via the lower-id choice.
  std::vector<uint32_t> vertices;
  for (auto& s : *path) vertices.push_back(s.vertex);
  EXPECT_EQ(vertices, (std::vector<uint32_t>{0, 5, 7, 8, 9}));
  auto ego = ego_network(g, 7, 1);
  ASSERT_EQ(ego.size(), 4u);  // 7 and its neighbors 5, 6, 8
  EXPECT_EQ(ego[1].vertex, 5u);
  uint32_t count = 0;
  auto comp = connected_components(g, &count);
  EXPECT_EQ(count, 1u);
  auto split = testing::build_view(testing::network_of(testing::numbered(4), {{"0", "1"}}));
  connected_components(split, &count);
  EXPECT_EQ(count, 3u);
  EXPECT_FALSE(shortest_path(split, 0, 3));
}

// An actor with two spells is absent in the gap between them, its ties with it; a dated weight
// is the weight at the view's date.
TEST(AnalysisGraph, SpellGapsAndDatedWeights) {
  auto year = [](int y) { return Date{static_cast<int16_t>(y), 0, 0, Date::Precision::kYear}; };
  Network net;
  for (const char* k : {"EASO", "IOM", "FRX"}) {
    Actor a;
    a.key = a.name = k;
    net.actors.push_back(a);
  }
  net.actors[0].spells.add({year(2001), year(2004)});
  net.actors[0].spells.add({year(2008), std::nullopt});
  Tie t;
  t.from = "EASO";
  t.to = "IOM";
  t.weight = 1;
  t.dated_weights = {{{year(2001), year(2003)}, 2.0}, {{year(2004), std::nullopt}, 7.0}};
  net.ties.push_back(t);
  t.from = "IOM";
  t.to = "FRX";
  t.dated_weights.clear();
  net.ties.push_back(t);
  std::string err;
  ViewSpec spec;
  spec.kind = ViewKind::kDirect;
  spec.weight = WeightKind::kWeight;
  auto links_at = [&](int y, double* easo_weight) {
    spec.from = spec.to = year(y);
    auto g = AnalysisGraph::build(net, spec, &err);
    EXPECT_TRUE(g) << err;
    *easo_weight = 0;
    for (const Link& l : g->links())
      if (l.ties.size() == 1 && l.ties[0] == 0) *easo_weight = l.weight;
    return g->links().size();
  };
  double w = 0;
  EXPECT_EQ(links_at(2002, &w), 2u);
  EXPECT_EQ(w, 2.0);
  EXPECT_EQ(links_at(2006, &w), 1u);  // EASO is absent in its gap
  EXPECT_EQ(w, 0.0);
  EXPECT_EQ(links_at(2009, &w), 2u);
  EXPECT_EQ(w, 7.0);
  spec.keep_isolated = true;
  spec.from = spec.to = year(2006);
  auto g = AnalysisGraph::build(net, spec, &err);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->vertex_count(), 2u);  // not even an isolated vertex
}

}  // namespace
}  // namespace govnet
