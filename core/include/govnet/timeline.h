// A measure over time: the same view rebuilt at each step of a range of dates and measured, so a
// researcher can follow an actor's centrality year by year. A step's view is exactly the one a
// single query with `--at` that date (or, with a window, `--from`/`--to` its bounds) builds.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "govnet/analysis_graph.h"

namespace govnet {

struct TimelineOptions {
  Date from, to;  // the first and the last step's date (inclusive); steps keep from's precision
  int step_months = 12;
  // 0: each step's view is as of its date. N > 0: the view overlaps the N months ending with the
  // step's period (a moving window: with yearly steps and 36, the step's year and the two before).
  int window_months = 0;
};

// The dates of the steps: from, from + step, ... while not after `to`. Empty when from > to or
// the step is not positive.
std::vector<Date> timeline_dates(const TimelineOptions& options);

// What one step found: the view's vertices as (is instrument, index into the Network) and the
// measure's value of each, in vertex order.
struct TimelineStep {
  Date at;
  ViewSpec spec;  // the step's view, as a single query would build it
  std::vector<VertexRef> vertices;
  std::vector<double> values;
  uint64_t links = 0;
  std::string error;  // set when the step's view or measure failed; values stay empty
};

// Measures each step: `base` gives the view and its filters (its own from/to are replaced), and
// `measure` returns a value per vertex of a step's graph or sets *error. Called for one step at a
// time, in date order; `progress`, when set, is called after each with the steps done and the
// total, and stops the timeline when it returns false.
using StepMeasure = std::function<std::vector<double>(const AnalysisGraph& g, std::string* error)>;
std::vector<TimelineStep> timeline(const Network& net, const ViewSpec& base,
                                   const TimelineOptions& options, const StepMeasure& measure,
                                   const std::function<bool(size_t, size_t)>& progress = {});

}  // namespace govnet
