#include "govnet/timeline.h"

namespace govnet {
namespace {

// `d` moved by `months` (a negative count moves back), at d's precision; the day of a
// day-precision date is kept when the month has it, else the month's last day.
Date add_months(Date d, int months) {
  const int index = d.year * 12 + (d.month ? d.month - 1 : 0) + months;
  Date out = d;
  out.year = static_cast<int16_t>(index / 12);
  if (d.precision != Date::Precision::kYear) out.month = static_cast<uint8_t>(index % 12 + 1);
  if (d.precision == Date::Precision::kDay) {
    Date probe = out;
    probe.precision = Date::Precision::kMonth;
    probe.day = 0;
    const int64_t last = probe.latest() - probe.earliest() + 1;
    if (out.day > last) out.day = static_cast<uint8_t>(last);
  }
  return out;
}

ViewSpec spec_at(const ViewSpec& base, const Date& at, int window_months) {
  ViewSpec spec = base;
  spec.to = at;
  spec.from = at;
  if (window_months > 0) {
    // The window's first period: the step's own period counts as one step of its precision.
    const int span = at.precision == Date::Precision::kYear ? 12 : 1;
    spec.from = add_months(at, -(window_months - span));
  }
  return spec;
}

}  // namespace

std::vector<Date> timeline_dates(const TimelineOptions& o) {
  std::vector<Date> out;
  if (o.step_months <= 0) return out;
  for (Date d = o.from; d.earliest() <= o.to.latest(); d = add_months(d, o.step_months)) {
    out.push_back(d);
    if (out.size() > 100000) break;  // a bound on what a caller can ask for
  }
  return out;
}

std::vector<TimelineStep> timeline(const Network& net, const ViewSpec& base,
                                   const TimelineOptions& options, const StepMeasure& measure,
                                   const std::function<bool(size_t, size_t)>& progress) {
  const std::vector<Date> dates = timeline_dates(options);
  std::vector<TimelineStep> out;
  out.reserve(dates.size());
  for (const Date& at : dates) {
    TimelineStep step;
    step.at = at;
    step.spec = spec_at(base, at, options.window_months);
    std::optional<AnalysisGraph> g = AnalysisGraph::build(net, step.spec, &step.error);
    if (g) {
      step.links = g->links().size();
      step.values = measure(*g, &step.error);
      if (step.error.empty())
        for (uint32_t v = 0; v < g->vertex_count(); ++v) step.vertices.push_back(g->vertex(v));
      else
        step.values.clear();
    }
    out.push_back(std::move(step));
    if (progress && !progress(out.size(), dates.size())) break;
  }
  return out;
}

}  // namespace govnet
