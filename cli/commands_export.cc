// `govnet export`: the current view (with its filters) as GraphML, GEXF, node-link JSON, Pajek
// or govnet CSV, for Gephi, Cytoscape, yEd, networkx, igraph, graph-tool or another store.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.h"
#include "context.h"
#include "govnet/graph_export.h"
#include "view_options.h"

namespace govnet::cli {
namespace {

struct ExportArgs {
  Common common;
  ViewOptions view;
  std::string format, output, layout, gexf_version = "1.2";
};

// The format --format names, else the one the output's name implies ("csv" for a folder);
// graph_format is left empty for govnet CSV.
std::string export_format(const ExportArgs& a, std::optional<GraphFormat>* graph_format) {
  std::string format = a.format;
  if (format.empty()) {
    if (auto f = graph_format_of_path(a.output))
      format = std::string(to_string(*f));
    else if (std::filesystem::is_directory(a.output) || a.output.back() == '/')
      format = "csv";
    else
      usage_error("cannot tell the format from '" + a.output +
                  "'; give --format graphml, gexf, json, pajek or csv");
  }
  if (format != "csv") {
    *graph_format = parse_graph_format(format);
    if (!*graph_format)
      usage_error("unknown --format '" + format + "'; expected graphml, gexf, json, pajek or csv");
    if (*graph_format == GraphFormat::kIati || *graph_format == GraphFormat::kEdgeList)
      usage_error("govnet reads " + format +
                  " files but does not write them; give --format graphml, gexf, json, pajek, "
                  "gml or csv");
  }
  return format;
}

// Dataset names, a description, and positions: the named layout, or the one the viewer saved
// for this view (*layout_name is set to its name).
ExportOptions export_options(const ExportArgs& a, const Store& store, const ViewSpec& spec,
                             std::string* layout_name) {
  ExportOptions options;
  options.gexf_version = a.gexf_version;
  options.description = "govnet export of " + store.dir() + ": " + ViewOptions::describe(spec);
  std::vector<DatasetInfo> datasets;
  check(store.datasets(&datasets));
  for (const auto& d : datasets) {
    if (options.dataset_names.size() <= d.id) options.dataset_names.resize(d.id + 1);
    options.dataset_names[d.id] = d.name;
  }
  std::string layout =
      a.layout.empty() ? std::string(to_string(spec.kind)) + "/forceatlas2" : a.layout;
  std::vector<NodePosition> saved;
  Result lr = store.load_layout(layout, &saved);
  if (lr.ok()) {
    for (const auto& p : saved) options.positions[p.node.key] = {p.x, p.y};
  } else if (!a.layout.empty()) {
    check(lr);
  }
  *layout_name = layout;
  return options;
}

void export_csv_dir(const ExportArgs& a, const LoadedView& lv, const ViewSpec& spec) {
  std::string error;
  std::vector<std::string> notes;
  auto files = write_govnet_csv_dir(lv.net, *lv.graph, a.output, &error, &notes);
  if (!error.empty()) data_error(error);
  for (const auto& n : notes) std::cerr << "note: " << n << "\n";
  std::cout << "wrote " << lv.graph->vertex_count() << " records and their ties ("
            << ViewOptions::describe(spec) << ") to";
  for (const auto& f : files) std::cout << " " << f;
  std::cout << "\n";
}

// Says what the format cannot carry of this export.
void note_format_limits(GraphFormat format, const ExportGraph& eg) {
  if (format == GraphFormat::kPajek)
    std::cerr << "note: Pajek keeps only keys (as labels), positions, directions and weights; use "
                 "GraphML or GEXF "
                 "to keep attributes and evidence\n";
  if (format == GraphFormat::kGexf && !eg.all_directed) {
    bool mixed = false;
    for (const auto& e : eg.edges) mixed |= e.directed;
    if (mixed)
      std::cerr << "note: the view mixes directed and undirected ties; Gephi shows them as such, "
                   "but networkx "
                   "refuses mixed GEXF graphs (GraphML or JSON keep the same information in a "
                   "'directed' attribute)\n";
  }
}

// Writes to standard output ("-"), or to a temporary file renamed into place, so a failed
// export never leaves half a file.
void write_export(GraphFormat format, const ExportGraph& eg, const ExportOptions& options,
                  const std::string& output) {
  const bool to_stdout = output == "-";
  std::string tmp = output + ".partial";
  {
    std::ofstream f;
    if (!to_stdout) {
      f.open(tmp, std::ios::binary | std::ios::trunc);
      if (!f)
        data_error("cannot write " + output + ": check that the folder exists and is writable");
    }
    std::ostream& out = to_stdout ? std::cout : f;
    write_graph(format, eg, options, out);
    out.flush();
    if (!out) data_error("writing " + output + " failed (disk full?)");
  }
  if (to_stdout) return;
  std::error_code ec;
  std::filesystem::rename(tmp, output, ec);
  if (ec) data_error("cannot move the export into place at " + output + ": " + ec.message());
}

void run_export(const ExportArgs& a) {
  std::optional<GraphFormat> graph_format;
  const std::string format = export_format(a, &graph_format);
  if (a.gexf_version != "1.2" && a.gexf_version != "1.3")
    usage_error("--gexf-version must be 1.2 or 1.3");

  auto store = a.common.open(true);
  ViewSpec spec = a.view.spec(*store);
  spec.keep_isolated = true;  // an export holds every record passing the filters
  LoadedView lv = load_view(*store, spec);
  std::string layout;
  const ExportOptions options = export_options(a, *store, spec, &layout);
  if (!graph_format) return export_csv_dir(a, lv, spec);

  ExportGraph eg = build_export_graph(lv.net, *lv.graph, options);
  note_format_limits(*graph_format, eg);
  write_export(*graph_format, eg, options, a.output);
  if (a.output == "-") return;
  size_t with_pos = 0;
  for (const auto& n : eg.nodes) with_pos += n.position.has_value();
  std::cout << "wrote " << eg.nodes.size() << " nodes and " << eg.edges.size() << " edges ("
            << ViewOptions::describe(spec) << ") as " << format << " to " << a.output;
  if (with_pos)
    std::cout << "; " << with_pos << " with positions from the layout '" << layout << "'";
  std::cout << "\n";
}

}  // namespace

void add_export_command(CLI::App& app, Registry& reg) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd =
      app.add_subcommand("export",
                         "write the current view for other tools: GraphML, GEXF, node-link JSON, "
                         "Pajek, GML or govnet CSV");
  cmd->footer(
      "Every record passing the filters is written with all its fields and attributes; ties keep\n"
      "their period, status, amounts and evidence (a JSON list in GraphML/GEXF). Parallel ties "
      "stay\n"
      "separate edges; the two-mode view exports as a bipartite graph (Pajek: *Vertices N M), the\n"
      "projection as actor pairs weighted by shared instruments. Positions saved by `govnet view`\n"
      "go out as GEXF viz:position, x/y attributes, GML graphics and Pajek coordinates. See "
      "docs/interchange.md.");
  add_db_option(cmd, &args->common);
  args->view.add(cmd, "full", false);
  cmd->add_option("-o,--output", args->output,
                  "the file to write ('-' for standard output); a folder for csv")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--format", args->format,
                  "graphml, gexf, json, pajek, gml or csv (default: from the file name)")
      ->type_name("FORMAT");
  cmd->add_option(
         "--layout", args->layout,
         "the saved layout whose positions to write (default: VIEW/forceatlas2 when saved)")
      ->type_name("NAME");
  cmd->add_option("--gexf-version", args->gexf_version,
                  "1.2 (default; read by Gephi and networkx) or 1.3")
      ->type_name("V");
  reg.on(cmd, [args] { run_export(*args); });
}

}  // namespace govnet::cli
