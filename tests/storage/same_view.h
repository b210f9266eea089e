// Shared by the store's tests: views of every kind and filter, built both ways (from a store's
// streamed ties and from its whole network), and the comparison of two builds of one view.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet::testing {

// Full, directed amount-weighted direct, counted projection, two-mode as of 2010, weighted
// families with a status, directed states only.
inline std::vector<ViewSpec> varied_view_specs() {
  std::vector<ViewSpec> specs(6);
  specs[1].kind = ViewKind::kDirect;
  specs[1].directed = true;
  specs[1].weight = WeightKind::kAmount;
  specs[2].kind = ViewKind::kProjection;
  specs[2].weight = WeightKind::kCount;
  specs[3].kind = ViewKind::kTwoMode;
  specs[3].from = specs[3].to = Date{2010, 0, 0, Date::Precision::kYear};
  specs[4].families = {Family::kCooperation, Family::kAgreement};
  specs[4].weight = WeightKind::kWeight;
  specs[4].statuses = {Status::kInForce};
  specs[5].actor_kinds = {ActorKind::kState};
  specs[5].directed = true;
  return specs;
}

// Expects `got` to be `want` link for link: vertices, counts of ties considered and used, and
// each link's ends, direction, weight and ties or instruments. `what` names the view.
inline void expect_same_view(const AnalysisGraph& got, const AnalysisGraph& want,
                             const std::string& what) {
  EXPECT_EQ(got.vertex_count(), want.vertex_count()) << what;
  EXPECT_EQ(got.stats().ties_considered, want.stats().ties_considered) << what;
  EXPECT_EQ(got.stats().ties_used, want.stats().ties_used) << what;
  EXPECT_EQ(got.stats().self_loops_dropped, want.stats().self_loops_dropped) << what;
  EXPECT_EQ(got.stats().ties_without_weight, want.stats().ties_without_weight) << what;
  ASSERT_EQ(got.links().size(), want.links().size()) << what;
  for (size_t i = 0; i < want.links().size(); ++i) {
    const Link &a = got.links()[i], &b = want.links()[i];
    ASSERT_TRUE(a.from == b.from && a.to == b.to && a.directed == b.directed &&
                a.weight == b.weight &&
                std::equal(a.ties.begin(), a.ties.end(), b.ties.begin(), b.ties.end()) &&
                std::equal(a.instruments.begin(), a.instruments.end(), b.instruments.begin(),
                           b.instruments.end()))
        << what << ", link " << i;
  }
}

}  // namespace govnet::testing
