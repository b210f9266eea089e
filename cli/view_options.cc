#include "view_options.h"

#include "context.h"

namespace govnet::cli {
namespace {

template <typename T, typename Parse>
std::vector<T> parse_list(const std::vector<std::string>& values, Parse parse, const char* option,
                          const std::string& allowed) {
  std::vector<T> out;
  for (const auto& v : values) {
    auto x = parse(v);
    if (!x)
      usage_error("unknown value '" + v + "' for " + option + "; expected one of: " + allowed);
    out.push_back(*x);
  }
  return out;
}

std::optional<Date> parse_date_option(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  std::string err;
  auto d = parse_date(text, &err);
  if (!d) usage_error(std::string("bad ") + option + ": " + err);
  return d;
}

}  // namespace

void ViewOptions::add(CLI::App* cmd, const std::string& default_view, bool weights) {
  view = default_view;
  cmd->add_option("--view", view,
                  "direct (actor-actor ties), two-mode (actors and instruments), "
                  "projection (actors sharing instruments) or full (everything); "
                  "default: " +
                      default_view)
      ->type_name("VIEW");
  cmd->add_option("--family", families,
                  "only ties of these relation families, comma-separated: " + family_names())
      ->delimiter(',')
      ->type_name("LIST");
  cmd->add_option("--actor-kind", actor_kinds, "only actors of these kinds: " + actor_kind_names())
      ->delimiter(',')
      ->type_name("LIST");
  cmd->add_option("--instrument-kind", instrument_kinds,
                  "only instruments of these kinds: " + instrument_kind_names())
      ->delimiter(',')
      ->type_name("LIST");
  cmd->add_option("--status", statuses,
                  "only ties whose status (or their instrument's) is one of: " + status_names())
      ->delimiter(',')
      ->type_name("LIST");
  cmd->add_option("--dataset", datasets, "only records of these datasets (names, comma-separated)")
      ->delimiter(',')
      ->type_name("LIST");
  auto* at_opt =
      cmd->add_option(
             "--at", at,
             "as of this date (YYYY, YYYY-MM or YYYY-MM-DD): records with a spell containing it "
             "(absent between their spells)")
          ->type_name("DATE");
  auto* from_opt =
      cmd->add_option("--from", from, "records with a spell overlapping from this date")
          ->type_name("DATE");
  auto* to_opt = cmd->add_option("--to", to, "... up to this date")->type_name("DATE");
  at_opt->excludes(from_opt)->excludes(to_opt);
  cmd->add_flag("--dated-only", dated_only,
                "with --at/--from/--to, drop ties and instruments that have no dates "
                "(by default they are kept; actors without dates are always kept)");
  cmd->add_flag("--keep-isolated", keep_isolated, "keep actors without ties in the view");
  cmd->add_option("--min-component", min_component,
                  "leave out connected components of fewer than N vertices (isolated actors "
                  "too when N > 1)")
      ->type_name("N");
  if (weights) {
    cmd->add_option("--mode", mode,
                    "undirected (default) or directed; in directed mode an "
                    "undirected tie counts both ways")
        ->type_name("MODE");
    cmd->add_option("--weight", weight,
                    "none (default), weight, amount or count (ties merged "
                    "into a link)")
        ->type_name("WEIGHT");
  }
}

ViewSpec ViewOptions::spec(const Store& store) const {
  ViewSpec s;
  auto kind = parse_view_kind(view);
  if (!kind)
    usage_error("unknown --view '" + view + "'; expected direct, two-mode, projection or full");
  s.kind = *kind;
  s.families = parse_list<Family>(families, parse_family, "--family", family_names());
  s.actor_kinds =
      parse_list<ActorKind>(actor_kinds, parse_actor_kind, "--actor-kind", actor_kind_names());
  s.instrument_kinds = parse_list<InstrumentKind>(instrument_kinds, parse_instrument_kind,
                                                  "--instrument-kind", instrument_kind_names());
  s.statuses = parse_list<Status>(statuses, parse_status, "--status", status_names());
  for (const auto& name : datasets) {
    DatasetInfo d;
    check(store.find_dataset(name, &d));
    s.datasets.push_back(d.id);
  }
  if (!at.empty())
    s.from = s.to = parse_date_option(at, "--at");
  else {
    s.from = parse_date_option(from, "--from");
    s.to = parse_date_option(to, "--to");
    if (s.from && s.to && s.to->latest() < s.from->earliest())
      usage_error("--to " + to + " is before --from " + from);
  }
  s.dated_only = dated_only;
  if (mode != "undirected" && mode != "directed")
    usage_error("unknown --mode '" + mode + "'; expected undirected or directed");
  s.directed = mode == "directed";
  auto w = parse_weight_kind(weight);
  if (!w) usage_error("unknown --weight '" + weight + "'; expected none, weight, amount or count");
  s.weight = *w;
  s.keep_isolated = keep_isolated;
  s.min_component = min_component;
  return s;
}

std::string ViewOptions::describe(const ViewSpec& s) {
  std::string out =
      std::string(to_string(s.kind)) + " view, " + (s.directed ? "directed" : "undirected");
  out += s.weight == WeightKind::kNone ? ", unweighted"
                                       : ", weight: " + std::string(to_string(s.weight));
  if (!s.families.empty()) {
    out += ", families: ";
    for (size_t i = 0; i < s.families.size(); ++i)
      out += (i ? "," : "") + std::string(to_string(s.families[i]));
  }
  if (s.from && s.to && *s.from == *s.to)
    out += ", as of " + s.from->to_string();
  else if (s.from || s.to)
    out += ", " + (s.from ? s.from->to_string() : std::string("…")) + "–" +
           (s.to ? s.to->to_string() : std::string("…"));
  return out;
}

LoadedView load_view(const Store& store, const ViewSpec& spec, bool keep_ties) {
  LoadedView lv;
  std::string error;
  if (keep_ties) {
    check(store.load_network(&lv.net));
    lv.graph = AnalysisGraph::build(lv.net, spec, &error);
  } else {
    check(store.load_view_nodes(&lv.net));  // labels and filters only: no aliases or evidence
    Result streamed = Result::Ok();
    lv.graph = AnalysisGraph::build(lv.net, store.tie_source(&streamed), spec, &error);
    check(streamed);
  }
  if (!lv.graph) usage_error(error);
  return lv;
}

VertexLabel label(const Network& net, const AnalysisGraph& g, uint32_t v) {
  const VertexRef& r = g.vertex(v);
  if (r.is_instrument()) {
    const Instrument& x = net.instruments[r.index];
    return {x.key, x.name, std::string(to_string(x.kind)),
            std::string(to_string(NodeType::kInstrument))};
  }
  const Actor& a = net.actors[r.index];
  return {a.key, a.name, std::string(to_string(a.kind)), std::string(to_string(NodeType::kActor))};
}

}  // namespace govnet::cli
