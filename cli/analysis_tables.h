// What the analysis commands and `govnet report` share: brokerage tables, the actors a
// timeline shows and their lines on a chart.
#pragma once

#include <cstdint>
#include <vector>

#include "govnet/brokerage.h"
#include "govnet/timeline.h"
#include "groups.h"
#include "output.h"
#include "view_options.h"

#ifdef GOVNET_HAVE_VIEWER
#include "govnet/line_chart.h"
#endif

namespace govnet::cli {

// A row per actor, highest total brokerage first (`top` rows; -1: 20 in tables, all otherwise):
// the five roles' counts, the total, its expected value and z-score, and outside tables each
// role's z-score.
Table broker_table(const LoadedView& lv, const Grouping& groups, const Brokerage& b, Format f,
                   int top);
// The network's totals per role: count, expected, sd, z.
Table broker_totals_table(const Brokerage& b);

// A centrality (unnormalized with `raw`) or structural measure by name, for timeline steps;
// usage error on an unknown name.
StepMeasure step_measure(const std::string& name, bool raw);

// The actors to show: with top K > 0, the K whose highest value over the steps is highest.
std::vector<uint32_t> chosen_actors(const std::vector<TimelineStep>& steps, int top,
                                    const Network& net);

#ifdef GOVNET_HAVE_VIEWER
// A chart line per actor (by name), with no value where the actor is not in a step's view.
std::vector<viewer::ChartSeries> actor_series(const std::vector<TimelineStep>& steps,
                                              const std::vector<uint32_t>& actors,
                                              const Network& net);
#endif

}  // namespace govnet::cli
