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
#include "view_options.h"

namespace govnet::cli {
namespace {

struct TimelineArgs {
  Common common;
  ViewOptions view;
  std::string measure = "degree";
  std::string step = "1y", window = "0";
  bool raw = false;
  int top = -1;
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

StepMeasure measure_of(const std::string& name, bool raw) {
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
  const StepMeasure measure = measure_of(a.measure, a.raw);

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
  if (f == Format::kTable)
    std::cout << a.measure << " over time on the " << ViewOptions::describe(base) << ", "
              << steps.size() << (steps.size() == 1 ? " step" : " steps") << " from "
              << o.from.to_string() << " to " << o.to.to_string()
              << (o.window_months ? ", each a window of " + a.window : ", each as of its date")
              << "; the " << actors.size() << " actors highest at any step\n";
  print(std::cout, long_table(steps, actors, lv.net), f);
}

}  // namespace

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
      ->type_name("K")
      ->check(whole_number(0));
  reg.on(cmd, [a] { run_timeline(*a); });
}

}  // namespace govnet::cli
