// `govnet report`: one document (HTML or PDF) with a view's figures, its picture, central actors,
// brokerage, communities, a timeline and the methods a paper can cite.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.h"
#include "context.h"
#include "view_options.h"

#ifdef GOVNET_HAVE_VIEWER
#include "analysis_tables.h"
#include "report_sections.h"
#endif

namespace govnet::cli {
namespace {

struct ReportArgs {
  Common common;
  ViewOptions view;
  std::string out, groups = "kind", timeline_measure = "degree", title;
  int top = 10;
  uint64_t seed = 1;
};

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() &&
         std::equal(tail.rbegin(), tail.rend(), s.rbegin(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

#ifdef GOVNET_HAVE_VIEWER
void write_report(const viewer::ReportDocument& doc, const std::string& path) {
  std::string error;
  if (ends_with(path, ".pdf")) {
    if (!viewer::write_report_pdf(doc, path, &error)) data_error(error);
    return;
  }
  std::ofstream out(path, std::ios::binary);
  out << viewer::report_html(doc);
  out.close();
  if (!out) data_error("cannot write " + path + " (check that its folder exists and is writable)");
}
#endif

void run_report(const ReportArgs& a) {
  if (!ends_with(a.out, ".html") && !ends_with(a.out, ".htm") && !ends_with(a.out, ".pdf"))
    usage_error("-o '" + a.out + "': name an .html or a .pdf file");
  if (a.top < 1 || a.top > 1000) usage_error("--top must be between 1 and 1000");
#ifndef GOVNET_HAVE_VIEWER
  data_error(
      "this govnet was built without figures (Cairo); configure with -DGOVNET_BUILD_VIEWER=ON "
      "(make build does) after installing scripts/install-deps.sh --viewer");
#else
  auto store = a.common.open(true);
  ReportInputs in;
  in.store = store.get();
  in.spec = a.view.spec(*store);
  in.view = ViewOptions::describe(in.spec);
  in.groups = a.groups;
  in.top = a.top;
  in.seed = a.seed;
  in.timeline_measure = a.timeline_measure;
  step_measure(a.timeline_measure, false);  // a usage error now, before any work
  check(store->datasets(&in.datasets));
  const LoadedView lv = load_view(*store, in.spec, /*keep_ties=*/true);
  in.lv = &lv;
  viewer::ReportDocument doc;
  const std::string db = std::filesystem::path(a.common.db).filename().string();
  doc.title = a.title.empty() ? "Network report: " + db : a.title;
  doc.subtitle = "The " + in.view + " of the govnet store " + a.common.db + ".";
  const bool progress = interactive();
  const std::pair<const char*, void (*)(const ReportInputs&, viewer::ReportDocument*)> sections[] =
      {{"network figures", add_network_section}, {"picture", add_picture_section},
       {"centrality", add_centrality_section},   {"brokerage", add_brokerage_section},
       {"communities", add_community_section},   {"timeline", add_timeline_section},
       {"methods", add_methods_section}};
  for (const auto& [what, add] : sections) {
    if (progress) std::cerr << "\rreport: " << what << std::string(20, ' ') << std::flush;
    add(in, &doc);
  }
  if (progress) std::cerr << "\r" << std::string(40, ' ') << "\r";
  write_report(doc, a.out);
  std::cout << "wrote " << a.out << " (" << doc.blocks.size() << " blocks: the " << in.view
            << ")\n";
#endif
}

}  // namespace

void add_report_command(CLI::App& app, Registry& reg) {
  auto a = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand(
      "report",
      "a report of a view (HTML or PDF): figures, picture, central actors, brokerage, "
      "communities, timeline and methods");
  cmd->footer(
      "The report holds the view's size and structural figures, its picture (ForceAtlas2, light "
      "theme), the actors highest by degree, betweenness, closeness and PageRank and by Burt's "
      "structural-hole measures, Gould–Fernandez brokerage by --groups, Louvain communities, a "
      "chart of --timeline-measure over the years the records span, and a methods paragraph "
      "with the conventions and references a paper can cite. HTML is one self-contained file "
      "(figures as inline SVG); PDF is A4 with text as text.");
  add_db_option(cmd, &a->common);
  a->view.add(cmd, "direct", true);
  cmd->add_option("-o,--output", a->out, "the report file: .html or .pdf")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--groups", a->groups,
                  "groups for brokerage and the E-I index: kind (default), dataset, "
                  "attribute:NAME or community:NAME")
      ->type_name("GROUPS");
  cmd->add_option("--top", a->top, "actors per ranking and brokerage table (default 10)")
      ->type_name("K");
  cmd->add_option("--seed", a->seed, "seed of the layout and the communities (default 1)")
      ->type_name("N");
  cmd->add_option("--timeline-measure", a->timeline_measure,
                  "the measure the timeline chart follows (default degree)")
      ->type_name("MEASURE");
  cmd->add_option("--title", a->title, "the report's title (default: Network report: STORE)")
      ->type_name("TEXT");
  reg.on(cmd, [a] { run_report(*a); });
}

}  // namespace govnet::cli
