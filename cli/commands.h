// The govnet commands, grouped by what they touch. Each add_* registers subcommands on the app
// and the handler to run when one of them is chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace govnet::cli {

struct Registry {
  std::vector<std::pair<CLI::App*, std::function<void()>>> handlers;
  void on(CLI::App* cmd, std::function<void()> fn) { handlers.emplace_back(cmd, std::move(fn)); }
};

void add_data_commands(CLI::App& app, Registry& reg);   // init, import, datasets
void add_import_command(CLI::App& app, Registry& reg);  // import (CSV, --map, graph files)
void add_export_command(CLI::App& app, Registry& reg);  // export
void add_query_commands(CLI::App& app, Registry& reg);  // actors, instruments, show
void add_stats_command(CLI::App& app, Registry& reg);   // stats
void add_graph_commands(CLI::App& app, Registry& reg);  // neighbors, path, centrality
void add_view_command(CLI::App& app, Registry& reg);    // view
// communities, brokerage, timeline
void add_analysis_commands(CLI::App& app, Registry& reg);
// upgrade
void add_upgrade_command(CLI::App& app, Registry& reg);
// report
void add_report_command(CLI::App& app, Registry& reg);
// scenes (list, save, remove, export, import)
void add_scenes_command(CLI::App& app, Registry& reg);

}  // namespace govnet::cli
