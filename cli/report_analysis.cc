// The analytical sections of `govnet report`: brokerage, communities, the timeline and the
// methods paragraph with its references.
#include <algorithm>
#include <climits>
#include <cmath>
#include <map>

#include "analysis_tables.h"
#include "context.h"
#include "govnet/brokerage.h"
#include "govnet/community.h"
#include "govnet/figure_export.h"
#include "govnet/line_chart.h"
#include "govnet/timeline.h"
#include "groups.h"
#include "report_sections.h"

namespace govnet::cli {
namespace {

// The first and last year any tie, instrument or actor of the network starts or ends in.
std::pair<int, int> dated_years(const Network& net) {
  int lo = INT_MAX, hi = INT_MIN;
  auto see = [&](const Period& p) {
    for (const auto& d : {p.start, p.end})
      if (d) {
        lo = std::min<int>(lo, d->year);
        hi = std::max<int>(hi, d->year);
      }
  };
  for (const Tie& t : net.ties) see(t.spells.hull());
  for (const Instrument& i : net.instruments) see(i.spells.hull());
  for (const Actor& a : net.actors) see(a.spells.hull());
  return {lo, hi};
}

// The brokerage table narrow enough for a page: rank, name, group, the roles' counts under short
// headings, the total and its z-score.
viewer::ReportTable slim_broker_table(const viewer::ReportTable& t) {
  const std::vector<std::pair<std::string, std::string>> keep = {
      {"rank", "rank"},         {"name", "actor"},
      {"group", "group"},       {"coordinator", "coord."},
      {"itinerant", "itin."},   {"representative", "repr."},
      {"gatekeeper", "gatek."}, {"liaison", "liaison"},
      {"value", "total"},       {"z", "z"}};
  viewer::ReportTable out;
  std::vector<size_t> from;
  for (const auto& [column, heading] : keep)
    for (size_t c = 0; c < t.columns.size(); ++c)
      if (t.columns[c] == column) {
        from.push_back(c);
        out.columns.push_back(heading);
        out.numeric.push_back(c < t.numeric.size() && t.numeric[c]);
      }
  for (const auto& row : t.rows) {
    std::vector<std::string> cells;
    for (size_t c : from) cells.push_back(c < row.size() ? row[c] : "");
    out.rows.push_back(std::move(cells));
  }
  return out;
}

Date year(int y) { return Date{static_cast<int16_t>(y), 0, 0, Date::Precision::kYear}; }

}  // namespace

void add_brokerage_section(const ReportInputs& in, viewer::ReportDocument* doc) {
  doc->heading("Brokerage");
  ViewSpec spec = in.spec;
  if (spec.kind == ViewKind::kFull) {
    doc->paragraph(
        "Gould–Fernandez brokerage needs actors tied to actors; it is not computed on the full "
        "view (use --view direct, projection or two-mode).");
    return;
  }
  const bool through_instruments = spec.kind == ViewKind::kTwoMode;
  if (through_instruments) spec.kind = ViewKind::kProjection;
  const LoadedView projected =
      through_instruments ? load_view(*in.store, spec, true) : LoadedView{};
  const LoadedView& lv = through_instruments ? projected : *in.lv;
  const Grouping groups = group_vertices(in.groups, *in.store, lv.net, *lv.graph);
  const Brokerage b = gould_fernandez(*lv.graph, groups.group_of);
  doc->paragraph(
      "For each actor b, the two-step paths a → b → c where a and c are not tied, by role across "
      "the groups (" +
      groups.description + ", " + std::to_string(groups.names.size()) +
      " groups) of a, b and c (Gould and Fernandez 1989): coordinator (all in one group), "
      "itinerant (a and c in one, b outside), representative (a and b in one), gatekeeper (b "
      "and c in one), liaison (three groups)." +
      (through_instruments ? " Actors are tied when they share an instrument." : "") +
      " Expected values and z-scores are those of arcs drawn at the view's density (" +
      report_number(b.density) + ") with the group sizes fixed, as R's sna::brokerage.");
  doc->table(slim_broker_table(report_table(broker_table(lv, groups, b, Format::kTable, in.top))));
  doc->paragraph("The network's totals per role:");
  doc->table(report_table(broker_totals_table(b)));
}

void add_community_section(const ReportInputs& in, viewer::ReportDocument* doc) {
  const AnalysisGraph& g = *in.lv->graph;
  doc->heading("Communities");
  CommunityOptions o;
  o.seed = in.seed;
  const Communities c = detect_communities(g, o);
  doc->paragraph("The Louvain method (Blondel et al. 2008; resolution 1, seed " +
                 std::to_string(in.seed) + ", links read as undirected) finds " +
                 std::to_string(c.count()) + " communities with modularity " +
                 report_number(c.modularity) + ". Members are listed by degree, highest first.");
  std::vector<uint32_t> degree(g.vertex_count(), 0);
  for (const Link& l : g.links()) ++degree[l.from], ++degree[l.to];
  std::vector<std::vector<uint32_t>> members(c.count());
  for (uint32_t v = 0; v < g.vertex_count(); ++v) members[c.membership[v]].push_back(v);
  viewer::ReportTable t;
  t.columns = {"community", "size", "members"};
  t.numeric = {true, true, false};
  for (uint32_t k = 0; k < c.count(); ++k) {
    auto& m = members[k];
    std::stable_sort(m.begin(), m.end(),
                     [&](uint32_t x, uint32_t y) { return degree[x] > degree[y]; });
    std::string names;
    for (size_t i = 0; i < m.size() && i < 8; ++i) {
      const VertexRef& r = g.vertex(m[i]);
      names += (i ? ", " : "") + (r.is_instrument() ? in.lv->net.instruments[r.index].name
                                                    : in.lv->net.actors[r.index].name);
    }
    if (m.size() > 8) names += " and " + std::to_string(m.size() - 8) + " more";
    t.rows.push_back({std::to_string(k), std::to_string(m.size()), names});
  }
  doc->table(std::move(t));
}

void add_timeline_section(const ReportInputs& in, viewer::ReportDocument* doc) {
  doc->heading("Over time");
  const auto [first, last] = dated_years(in.lv->net);
  if (first > last || last - first < 1) {
    doc->paragraph("The view's records carry too few dates for a timeline.");
    return;
  }
  TimelineOptions o;
  o.from = year(first);
  o.to = year(last);
  ViewSpec base = in.spec;
  base.from.reset();
  base.to.reset();
  const auto steps = timeline(in.lv->net, base, o, step_measure(in.timeline_measure, false));
  const std::vector<uint32_t> actors = chosen_actors(steps, 8, in.lv->net);
  viewer::LineChart chart;
  for (const TimelineStep& s : steps) chart.dates.push_back(s.at);
  chart.series = actor_series(steps, actors, in.lv->net);
  chart.y_label = in.timeline_measure;
  viewer::ChartOptions co;
  co.height = 700;
  doc->figure(viewer::build_line_chart(chart, co, viewer::figure_text_measure()),
              in.timeline_measure + " of the " + std::to_string(actors.size()) +
                  " actors highest at any year, " + std::to_string(first) + " to " +
                  std::to_string(last) +
                  ", each year's view as of that year (records with a spell overlapping it; "
                  "undated records in every year unless the view is --dated-only).");
}

void add_methods_section(const ReportInputs& in, viewer::ReportDocument* doc) {
  doc->heading("Methods");
  doc->paragraph(
      "Computed with govnet on the " + in.view +
      ". A view holds the vertices with at least one tie in it; parallel ties between a pair "
      "merge into one link whose weight is their sum, and self-loops are dropped. Centralities "
      "follow networkx's defaults: degree over n − 1; betweenness by Brandes's (2001) algorithm, "
      "normalized by 2/((n − 1)(n − 2)) on undirected views; closeness with the Wasserman–Faust "
      "correction for networks in several components; PageRank with damping 0.85. On a "
      "two-mode view, degree, closeness and betweenness are normalized within each mode "
      "(Borgatti and Everett 1997). Constraint and effective size are Burt's (1992), as "
      "networkx computes them. Brokerage roles are Gould and Fernandez's (1989), with expected "
      "values and z-scores as R's sna::brokerage. Communities are the Louvain method's "
      "(Blondel et al. 2008) through igraph; the Leiden method (Traag et al. 2019) is "
      "`govnet communities --method leiden`. The picture is laid out by ForceAtlas2 (Jacomy "
      "et al. 2014). The same store, options and seed (" +
      std::to_string(in.seed) + ") give the same report.");
  std::vector<std::string> sources;
  for (const auto& d : in.datasets)
    sources.push_back("Dataset " + d.name + ": " + counts(d) + ", loaded " +
                      utc_time(d.loaded_at_unix) + ", content hash " +
                      d.content_hash.substr(0, 16) + ".");
  if (!sources.empty()) doc->list(std::move(sources));
  doc->heading("References");
  doc->list({
      "Blondel, V. D., Guillaume, J.-L., Lambiotte, R., Lefebvre, E. (2008). Fast unfolding of "
      "communities in large networks. Journal of Statistical Mechanics P10008.",
      "Borgatti, S. P., Everett, M. G. (1997). Network analysis of 2-mode data. Social Networks "
      "19, 243–269.",
      "Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of "
      "Mathematical Sociology 25, 163–177.",
      "Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard "
      "University Press.",
      "Gould, R. V., Fernandez, R. M. (1989). Structures of mediation: a formal approach to "
      "brokerage in transaction networks. Sociological Methodology 19, 89–126.",
      "Jacomy, M., Venturini, T., Heymann, S., Bastian, M. (2014). ForceAtlas2, a continuous "
      "graph layout algorithm for handy network visualization designed for the Gephi "
      "software. PLoS ONE 9, e98679.",
      "Traag, V. A., Waltman, L., van Eck, N. J. (2019). From Louvain to Leiden: guaranteeing "
      "well-connected communities. Scientific Reports 9, 5233.",
  });
}

}  // namespace govnet::cli
