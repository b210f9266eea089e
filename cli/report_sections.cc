// The sections of `govnet report`: what each computes and how it reads in the document.
#include "report_sections.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "analysis_tables.h"
#include "context.h"
#include "govnet/brokerage.h"
#include "govnet/centrality.h"
#include "govnet/community.h"
#include "govnet/figure_export.h"
#include "govnet/line_chart.h"
#include "govnet/structure.h"
#include "govnet/two_mode.h"
#include "groups.h"
#include "view_figures.h"

namespace govnet::cli {
namespace {

const std::string& name_of(const Network& net, const VertexRef& r) {
  return r.is_instrument() ? net.instruments[r.index].name : net.actors[r.index].name;
}

// The vertices that are actors, by value (highest first, or lowest with `ascending`), without
// undefined values; ties by name.
std::vector<uint32_t> ranked_actors(const ReportInputs& in, const std::vector<double>& values,
                                    bool ascending) {
  const AnalysisGraph& g = *in.lv->graph;
  std::vector<uint32_t> order;
  for (uint32_t v = 0; v < g.vertex_count(); ++v)
    if (!g.vertex(v).is_instrument() && v < values.size() && !std::isnan(values[v]))
      order.push_back(v);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    if (values[x] != values[y]) return ascending ? values[x] < values[y] : values[x] > values[y];
    return name_of(in.lv->net, g.vertex(x)) < name_of(in.lv->net, g.vertex(y));
  });
  if (order.size() > static_cast<size_t>(in.top)) order.resize(in.top);
  return order;
}

// The top actors by one measure: rank, name, kind, value.
viewer::ReportTable ranking_table(const ReportInputs& in, const std::vector<double>& values,
                                  bool ascending) {
  viewer::ReportTable t;
  t.columns = {"rank", "actor", "kind", "value"};
  t.numeric = {true, false, false, true};
  const std::vector<uint32_t> ranked = ranked_actors(in, values, ascending);
  for (size_t r = 0; r < ranked.size(); ++r) {
    const VertexRef& v = in.lv->graph->vertex(ranked[r]);
    const Actor& a = in.lv->net.actors[v.index];
    t.rows.push_back({std::to_string(r + 1), a.name, std::string(to_string(a.kind)),
                      report_number(values[ranked[r]])});
  }
  return t;
}

std::vector<double> centrality_of(const AnalysisGraph& g, Measure m) {
  const bool per_mode =
      g.spec().kind == ViewKind::kTwoMode && !g.directed() && !g.weighted() &&
      (m == Measure::kDegree || m == Measure::kCloseness || m == Measure::kBetweenness);
  if (per_mode) return two_mode_centrality(g, m, true).values;
  CentralityOptions o;
  o.measure = m;
  return compute_centrality(g, o).values;
}

}  // namespace

viewer::ReportTable report_table(const Table& t) {
  viewer::ReportTable out;
  out.columns = t.columns;
  out.numeric.assign(t.columns.size(), false);
  for (const auto& row : t.rows) {
    std::vector<std::string> cells;
    for (size_t c = 0; c < row.size(); ++c) {
      if (row[c].number) out.numeric[c] = true;
      cells.push_back(row[c].number ? report_number(*row[c].number) : row[c].text);
    }
    out.rows.push_back(std::move(cells));
  }
  return out;
}

std::string report_number(double v) {
  char b[32];
  if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15)
    std::snprintf(b, sizeof b, "%.0f", v);
  else
    std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

void add_network_section(const ReportInputs& in, viewer::ReportDocument* doc) {
  const AnalysisGraph& g = *in.lv->graph;
  doc->heading("The network");
  std::string datasets;
  for (const auto& d : in.datasets)
    datasets += (datasets.empty() ? "" : "; ") + d.name + " (" + counts(d) + ")";
  doc->paragraph("This report describes the " + in.view + ": " + std::to_string(g.vertex_count()) +
                 " vertices and " + std::to_string(g.links().size()) + " links. The store holds " +
                 std::to_string(in.datasets.size()) +
                 (in.datasets.size() == 1 ? " dataset: " : " datasets: ") + datasets + ".");
  Table t;
  t.columns = {"figure", "value"};
  for (const auto& [name, value] : view_figures(g, true)) t.add({name, Cell::num(value)});
  if (g.vertex_count() > 0) {
    const Grouping grouping = group_vertices(in.groups, *in.store, in.lv->net, g);
    const double ei = ei_index(g, grouping.group_of).global;
    if (!std::isnan(ei))
      t.add({"E-I index of the groups (" + grouping.description + ")", Cell::num(ei)});
    if (!g.links().empty())
      t.add({"modularity of the groups (" + grouping.description + ")",
             Cell::num(modularity(g, grouping.group_of))});
  }
  doc->table(report_table(t));
}

void add_picture_section(const ReportInputs& in, viewer::ReportDocument* doc) {
  const AnalysisGraph& g = *in.lv->graph;
  doc->heading("The picture");
  if (g.vertex_count() == 0) {
    doc->paragraph("The view has no vertices to draw.");
    return;
  }
  viewer::ViewModel m(in.lv->net, in.datasets);
  if (!m.set_spec(in.spec)) data_error(m.last_error());
  if (!m.set_measure(Measure::kBetweenness, in.spec.directed, in.spec.weight))
    data_error(m.last_error());
  m.set_theme(viewer::Theme::kLight);
  LayoutOptions lo;
  lo.seed = in.seed;
  viewer::FigureOptions fo;
  fo.width = 1000;
  fo.height = 700;
  fo.scale = 1.25f;
  fo.caption = false;
  int iterations = 0;
  bool converged = false;
  viewer::DrawList d = viewer::lay_out_and_draw(
      m, lo, lo.max_iterations, fo, viewer::figure_text_measure(), &iterations, &converged);
  const size_t labels = d.labels.size();
  doc->figure(std::move(d),
              "The " + in.view + ", laid out by ForceAtlas2 (Jacomy et al. 2014; seed " +
                  std::to_string(in.seed) + ", " + std::to_string(iterations) + " iterations" +
                  (converged ? ", converged" : ", stopped before it converged") +
                  "). Node size: betweenness; colour: actor kind; " + std::to_string(labels) +
                  " of " + std::to_string(g.vertex_count()) +
                  " vertices labelled, the most central first.");
}

void add_centrality_section(const ReportInputs& in, viewer::ReportDocument* doc) {
  const AnalysisGraph& g = *in.lv->graph;
  doc->heading("Central actors");
  doc->paragraph("The " + std::to_string(in.top) +
                 " actors highest by each centrality, normalized as the methods say (on a "
                 "two-mode view degree, closeness and betweenness are normalized within each "
                 "mode).");
  for (Measure m :
       {Measure::kDegree, Measure::kBetweenness, Measure::kCloseness, Measure::kPageRank}) {
    doc->subheading(std::string(to_string(m)));
    doc->table(ranking_table(in, centrality_of(g, m), false));
  }
  doc->paragraph(
      "Structural holes (Burt 1992): the actors least constrained by their contacts' ties to "
      "each other, and those with the largest effective size (non-redundant contacts).");
  doc->subheading("lowest constraint");
  doc->table(ranking_table(in, structure_measure(g, StructureMeasure::kConstraint), true));
  doc->subheading("highest effective size");
  doc->table(ranking_table(in, structure_measure(g, StructureMeasure::kEffectiveSize), false));
}

}  // namespace govnet::cli
