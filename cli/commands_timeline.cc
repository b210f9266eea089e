// `govnet timeline`: a measure for every actor at each step of a range of dates, in long format
// (date, key, name, value), each step exactly the view a single query with --at (or, with a
// window, --from/--to) builds.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>

#include "commands.h"
#include "context.h"
#include "govnet/centrality.h"
#include "govnet/structure.h"
#include "govnet/timeline.h"
#include "analysis_tables.h"
#include "view_figures.h"
#include "view_options.h"

#ifdef GOVNET_HAVE_VIEWER
#include "govnet/figure_export.h"
#include "govnet/line_chart.h"
#endif

namespace govnet::cli {
namespace {

struct TimelineArgs {
  Common common;
  ViewOptions view;
  std::string measure = "degree";
  std::string step = "1y", window = "0";
  bool raw = false;
  bool network = false;
  int top = -1;
  std::string plot;
};

// "1y", "3y", "6m" -> months; usage error otherwise.
int months_of(const std::string& text, const char* option, bool zero_allowed) {
  if (zero_allowed && text == "0") return 0;
  size_t used = 0;
  int n = 0;
  try {
    n = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const std::string unit = used ? text.substr(used) : "";
  if (used == 0 || n <= 0 || n > 1200 || (unit != "y" && unit != "m"))
    usage_error(std::string("bad ") + option + " '" + text +
                "'; expected a number of years or months such as 1y, 5y or 6m" +
                (zero_allowed ? " (0: no window)" : ""));
  return unit == "y" ? n * 12 : n;
}

Table long_table(const std::vector<TimelineStep>& steps, const std::vector<uint32_t>& actors,
                 const Network& net) {
  std::vector<int> shown(net.actors.size(), -1);
  for (size_t i = 0; i < actors.size(); ++i) shown[actors[i]] = static_cast<int>(i);
  Table t;
  t.columns = {"date", "key", "name", "value"};
  for (const TimelineStep& s : steps) {
    // Every chosen actor at every step: an actor outside a step's view has no value there.
    std::vector<std::optional<double>> value(actors.size());
    for (size_t i = 0; i < s.vertices.size(); ++i)
      if (!s.vertices[i].is_instrument() && shown[s.vertices[i].index] >= 0)
        value[shown[s.vertices[i].index]] = s.values[i];
    for (size_t k = 0; k < actors.size(); ++k) {
      const Actor& a = net.actors[actors[k]];
      const bool defined = value[k] && !std::isnan(*value[k]);
      t.add({s.at.to_string(), a.key, a.name, defined ? Cell::num(*value[k]) : Cell("")});
    }
  }
  return t;
}

// The view's figures at each step (timeline --network), by step.
using StepFigures = std::vector<NamedFigures>;

Table network_long_table(const std::vector<TimelineStep>& steps, const StepFigures& figures) {
  Table t;
  t.columns = {"date", "figure", "value"};
  for (size_t i = 0; i < steps.size() && i < figures.size(); ++i)
    for (const auto& [name, value] : figures[i])
      t.add({steps[i].at.to_string(), name, Cell::num(value)});
  return t;
}

#ifdef GOVNET_HAVE_VIEWER
// The chart --plot draws: a line per actor shown, or with --network a line per figure that is a
// ratio (the counts would flatten them).
viewer::LineChart chart_of(const TimelineArgs& a, const std::vector<TimelineStep>& steps,
                           const std::vector<uint32_t>& actors, const StepFigures& figures,
                           const Network& net, const std::string& view) {
  viewer::LineChart c;
  for (const TimelineStep& s : steps) c.dates.push_back(s.at);
  if (a.network) {
    std::map<std::string, size_t> series;
    for (size_t i = 0; i < figures.size(); ++i)
      for (const auto& [name, value] : figures[i]) {
        if (name == "vertices" || name == "links" || name == "components") continue;
        auto [it, added] = series.emplace(name, c.series.size());
        if (added) c.series.push_back({name, std::vector<std::optional<double>>(steps.size())});
        c.series[it->second].values[i] = value;
      }
    c.title = "Network figures over time: " + view;
    c.y_label = "value";
  } else {
    c.series = actor_series(steps, actors, net);
    c.title = a.measure + " over time: " + view;
    c.y_label = a.measure + (a.raw ? " (raw)" : "");
  }
  c.caption =
      "govnet timeline: " + std::to_string(steps.size()) + " steps, " +
      (a.window != "0" ? "each a window of " + a.window : std::string("each as of its date"));
  return c;
}
#endif

void write_plot(const TimelineArgs& a, const std::vector<TimelineStep>& steps,
                const std::vector<uint32_t>& actors, const StepFigures& figures, const Network& net,
                const std::string& view) {
#ifdef GOVNET_HAVE_VIEWER
  const auto format = viewer::figure_format_of(a.plot);
  const viewer::DrawList d = viewer::build_line_chart(
      chart_of(a, steps, actors, figures, net, view), {}, viewer::figure_text_measure());
  std::string error;
  if (!viewer::write_figure(d, a.plot, *format, &error)) data_error(error);
  std::cerr << "wrote " << a.plot << "\n";
#else
  (void)steps, (void)actors, (void)figures, (void)net, (void)view;
  data_error(
      "this govnet was built without figures (Cairo); configure with -DGOVNET_BUILD_VIEWER=ON");
#endif
}

void check_plot_name(const std::string& plot) {
  if (plot.empty()) return;
#ifdef GOVNET_HAVE_VIEWER
  if (!viewer::figure_format_of(plot))
    usage_error("--plot '" + plot + "': name a .svg, .pdf or .png file");
#endif
}

void run_timeline(const TimelineArgs& a) {
  if (!a.view.at.empty())
    usage_error(
        "timeline takes --from and --to as the range of its steps; --at is for a single "
        "date (use `govnet centrality --at`)");
  if (a.view.from.empty() || a.view.to.empty())
    usage_error(
        "timeline needs --from and --to, the first and last step (e.g. --from 2000 "
        "--to 2020)");
  TimelineOptions o;
  std::string error;
  auto from = parse_date(a.view.from, &error);
  if (!from) usage_error("bad --from: " + error);
  auto to = parse_date(a.view.to, &error);
  if (!to) usage_error("bad --to: " + error);
  if (to->latest() < from->earliest()) usage_error("--to is before --from");
  o.from = *from;
  o.to = *to;
  o.step_months = months_of(a.step, "--step", false);
  o.window_months = months_of(a.window, "--window", true);
  check_plot_name(a.plot);
  StepFigures figures;
  const StepMeasure actor_measure = step_measure(a.measure, a.raw);
  const StepMeasure measure =
      !a.network ? actor_measure : StepMeasure([&](const AnalysisGraph& g, std::string* error) {
        figures.push_back(view_figures(g, true));
        return actor_measure(g, error);
      });

  auto store = a.common.open(true);
  ViewOptions base_options = a.view;
  base_options.from.clear();
  base_options.to.clear();
  const ViewSpec base = base_options.spec(*store);
  const LoadedView lv = load_view(*store, base, /*keep_ties=*/true);
  const bool progress = interactive();
  const auto steps = timeline(lv.net, base, o, measure, [&](size_t done, size_t total) {
    if (progress) std::cerr << "\rtimeline: step " << done << " of " << total << std::flush;
    return true;
  });
  if (progress) std::cerr << "\r" << std::string(40, ' ') << "\r";
  for (const TimelineStep& s : steps)
    if (!s.error.empty()) std::cerr << "note: " << s.at.to_string() << ": " << s.error << "\n";
  const Format f = a.common.format();
  const int top = a.top >= 0 ? a.top : (f == Format::kTable ? 10 : 0);
  const std::vector<uint32_t> actors = chosen_actors(steps, top, lv.net);
  if (!a.plot.empty())  // the chart keeps to 10 lines unless --top says otherwise
    write_plot(a, steps, a.top >= 0 ? actors : chosen_actors(steps, 10, lv.net), figures, lv.net,
               ViewOptions::describe(base));
  if (a.network) {
    if (f == Format::kTable)
      std::cout << "the " << ViewOptions::describe(base) << " over time, " << steps.size()
                << (steps.size() == 1 ? " step" : " steps") << " from " << o.from.to_string()
                << " to " << o.to.to_string() << "\n";
    print(std::cout, network_long_table(steps, figures), f);
    return;
  }
  if (f == Format::kTable)
    std::cout << a.measure << " over time on the " << ViewOptions::describe(base) << ", "
              << steps.size() << (steps.size() == 1 ? " step" : " steps") << " from "
              << o.from.to_string() << " to " << o.to.to_string()
              << (o.window_months ? ", each a window of " + a.window : ", each as of its date")
              << "; the " << actors.size() << " actors highest at any step\n";
  print(std::cout, long_table(steps, actors, lv.net), f);
}

}  // namespace

StepMeasure step_measure(const std::string& name, bool raw) {
  if (auto m = parse_measure(name)) {
    return [m = *m, raw](const AnalysisGraph& g, std::string* error) {
      CentralityOptions o;
      o.measure = m;
      o.normalized = !raw;
      CentralityResult r = compute_centrality(g, o);
      *error = r.error;
      return r.values;
    };
  }
  if (auto s = parse_structure_measure(name)) {
    return [s = *s](const AnalysisGraph& g, std::string*) { return structure_measure(g, s); };
  }
  usage_error("unknown --measure '" + name + "'; expected one of: " + measure_names() + ", " +
              kStructureMeasureNames);
}

// The actors to show: with --top K, the K whose highest value over the steps is highest.
std::vector<uint32_t> chosen_actors(const std::vector<TimelineStep>& steps, int top,
                                    const Network& net) {
  std::map<uint32_t, double> best;
  for (const TimelineStep& s : steps)
    for (size_t i = 0; i < s.vertices.size(); ++i) {
      if (s.vertices[i].is_instrument() || std::isnan(s.values[i])) continue;
      auto [it, added] = best.emplace(s.vertices[i].index, s.values[i]);
      if (!added) it->second = std::max(it->second, s.values[i]);
    }
  std::vector<uint32_t> out;
  for (const auto& [actor, value] : best) out.push_back(actor);
  std::sort(out.begin(), out.end(), [&](uint32_t x, uint32_t y) {
    if (best[x] != best[y]) return best[x] > best[y];
    return net.actors[x].key < net.actors[y].key;
  });
  if (top > 0 && out.size() > static_cast<size_t>(top)) out.resize(top);
  return out;
}

#ifdef GOVNET_HAVE_VIEWER
std::vector<viewer::ChartSeries> actor_series(const std::vector<TimelineStep>& steps,
                                              const std::vector<uint32_t>& actors,
                                              const Network& net) {
  std::vector<viewer::ChartSeries> out;
  std::vector<int> shown(net.actors.size(), -1);
  for (size_t k = 0; k < actors.size(); ++k) {
    shown[actors[k]] = static_cast<int>(k);
    out.push_back({net.actors[actors[k]].name, std::vector<std::optional<double>>(steps.size())});
  }
  for (size_t i = 0; i < steps.size(); ++i)
    for (size_t v = 0; v < steps[i].vertices.size(); ++v)
      if (!steps[i].vertices[v].is_instrument() && shown[steps[i].vertices[v].index] >= 0 &&
          !std::isnan(steps[i].values[v]))
        out[shown[steps[i].vertices[v].index]].values[i] = steps[i].values[v];
  return out;
}
#endif

void add_timeline_command(CLI::App& app, Registry& reg) {
  auto a = std::make_shared<TimelineArgs>();
  auto* cmd =
      app.add_subcommand("timeline", "a measure for every actor at each step of a range of dates");
  cmd->footer(
      "Each step is the view `govnet centrality --at DATE` builds (with --window, the view "
      "--from/--to the window's bounds build), so a step's values are that query's. Output in "
      "long format: date, key, name, value (empty where an actor is not in a step's view). "
      "--from and --to give the first and last step.");
  add_query_options(cmd, &a->common);
  a->view.add(cmd, "direct", true);
  cmd->add_option("--measure", a->measure,
                  "a centrality (" + measure_names() + ") or a structural measure (" +
                      kStructureMeasureNames + "); default degree")
      ->type_name("MEASURE");
  cmd->add_option("--step", a->step, "time between steps: 1y (default), 5y, 6m ...")
      ->type_name("STEP");
  cmd->add_option("--window", a->window,
                  "0 (default): each step as of its date; Ny or Nm: the step's period and those "
                  "before it, N in all")
      ->type_name("WINDOW");
  cmd->add_flag("--raw", a->raw, "unnormalized centrality values");
  cmd->add_option("--top", a->top,
                  "the actors highest at any step to keep (default 10 in tables, all otherwise; "
                  "0: all)")
      ->type_name("K");
  cmd->add_flag("--network", a->network,
                "the view's figures at each step (size, density, transitivity, centralization...) "
                "instead of a row per actor");
  cmd->add_option("--plot", a->plot,
                  "also draw a line chart (.svg, .pdf or .png): the actors shown, or with "
                  "--network the figures that are ratios")
      ->type_name("FILE");
  reg.on(cmd, [a] { run_timeline(*a); });
}

}  // namespace govnet::cli
