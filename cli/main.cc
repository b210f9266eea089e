// govnet: the command-line explorer of governance networks.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands.h"
#include "context.h"
#include "output.h"
#include "govnet/store.h"
#include "stdout_file.h"
#include "suggest.h"
#include "version.h"

int main(int argc, char** argv) {
  using namespace govnet::cli;
  escape_terminal_output();
  CLI::App app{
      "govnet — explore governance networks: who is party to what, since when, who funds "
      "whom, and on what evidence"};
  app.name("govnet");
  app.require_subcommand(1);
  app.set_version_flag("--version",
                       std::string("govnet ") + GOVNET_VERSION + " (store schema " +
                           std::to_string(govnet::Store::kSchemaVersion) + ", git " +
                           GOVNET_GIT_REVISION + ")",
                       "print govnet's version, the store schema it reads and writes, and the git "
                       "revision it was built from");
  app.footer(
      "Run `govnet COMMAND --help` for a command's options. Exit codes: 0 ok, 1 data or "
      "user error, 2 bad usage.");
  Registry reg;
  add_data_commands(app, reg);
  add_import_command(app, reg);
  add_export_command(app, reg);
  add_stats_command(app, reg);
  add_query_commands(app, reg);
  add_graph_commands(app, reg);
  add_analysis_commands(app, reg);
  add_view_command(app, reg);
  add_upgrade_command(app, reg);
  add_report_command(app, reg);
  add_scenes_command(app, reg);
  try {
    app.parse(argc, argv);
    for (auto& [cmd, handler] : reg.handlers) {
      if (cmd->parsed()) {
        StdoutFile out(output_path());
        handler();
        out.commit();
        return kExitOk;
      }
    }
    return kExitOk;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::string unknown = unknown_argument_message(app, argc, argv);
    if (!unknown.empty()) {
      std::cerr << "govnet: " << unknown << "\n";
      return kExitUsage;
    }
    app.exit(e);
    return kExitUsage;
  } catch (const Failure& f) {
    if (*f.what()) std::cerr << "govnet: " << f.what() << "\n";
    return f.code;
  } catch (const std::exception& e) {
    std::cerr << "govnet: unexpected error: " << e.what() << "\n";
    return kExitDataError;
  }
}
