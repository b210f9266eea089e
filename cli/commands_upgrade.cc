// govnet upgrade: brings a store of an older schema to the one this govnet reads.
#include <iostream>
#include <memory>

#include "commands.h"
#include "context.h"

namespace govnet::cli {
namespace {

void run_upgrade(const Common& c) {
  UpgradeReport report;
  check(Store::upgrade(c.db, &report));
  if (!report.upgraded) {
    std::cout << "store " << c.db << " is already at schema " << Store::kSchemaVersion
              << "; nothing changed\n";
    return;
  }
  std::cout << "upgraded store " << c.db << " from schema " << report.from_version << " to schema "
            << Store::kSchemaVersion << " in one atomic write:\n";
  if (!report.created_families.empty()) {
    std::cout << "  created the column families";
    for (const auto& f : report.created_families) std::cout << " " << f;
    std::cout << "\n";
  }
  std::cout << "  rebuilt the indexes, view table and dataset counts from " << report.records
            << " records (" << report.entries_rewritten << " entries written or deleted)\n"
            << "a copy of the directory taken before the upgrade is a backup that only a govnet "
               "reading schema "
            << report.from_version << " can open\n";
}

}  // namespace

void add_upgrade_command(CLI::App& app, Registry& reg) {
  auto common = std::make_shared<Common>();
  auto* cmd = app.add_subcommand(
      "upgrade",
      "bring a store written by an older govnet to this govnet's schema, in one atomic write "
      "(copy the directory first to keep a backup)");
  add_db_option(cmd, common.get());
  cmd->footer(
      "Rebuilds the indexes, view table and dataset counts from the records and sets the "
      "schema version; the records themselves are kept as they are. A store already at this "
      "govnet's schema is left unchanged; a store of a newer schema is refused. Exit codes: 0 "
      "ok (also when nothing needed doing), 1 the store cannot be upgraded (not a govnet store, "
      "newer, busy or damaged), 2 bad usage.");
  reg.on(cmd, [common] { run_upgrade(*common); });
}

}  // namespace govnet::cli
