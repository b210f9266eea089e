#include <iostream>
#include <filesystem>
#include <memory>

#include "commands.h"
#include "context.h"

namespace govnet::cli {
namespace {

void print_problems(const Store::CheckReport& r, size_t shown) {
  for (size_t i = 0; i < r.problems.size() && i < shown; ++i)
    std::cout << "  " << r.problems[i] << "\n";
  if (r.problem_count > std::min(shown, r.problems.size()))
    std::cout << "  ... and " << r.problem_count - std::min(shown, r.problems.size()) << " more\n";
}

void run_check(const Common& c, bool repair) {
  Store::CheckReport report;
  if (repair) {
    bool recovered = false;
    check(Store::recover_manifest(c.db, &recovered));
    if (recovered)
      std::cout << "repair: the store had no CURRENT file; made a new manifest from its table and "
                   "log files\n";
    std::unique_ptr<Store> rw = c.open(false);
    check(rw->repair(&report));
    for (const auto& index : report.rebuilt_indexes)
      std::cout << "repair: " << index << " could not be read; dropped it and rebuilt it from the "
                << "records\n";
    std::cout << "repair: rewrote " << report.repaired_entries << " index entries and counts from "
              << report.records << " records\n";
  }
  std::unique_ptr<Store> store = c.open(true);
  check(store->check(&report));
  if (report.problem_count == 0) {
    std::cout << "store " << c.db << " is consistent: " << report.records << " records and "
              << report.index_entries << " index entries checked\n";
    return;
  }
  std::cout << "store " << c.db << ": " << report.problem_count << " problem(s) in "
            << report.records << " records and " << report.index_entries << " index entries\n";
  print_problems(report, 50);
  std::cout << (repair ? "what remains cannot be rebuilt from the records: re-import the datasets "
                         "concerned, or "
                         "restore the store from a backup\n"
                       : "run `govnet check --repair` to rebuild the indexes, view table and "
                         "counts from the records\n");
  throw Failure(kExitDataError, "");
}

}  // namespace

void add_data_commands(CLI::App& app, Registry& reg) {
  {
    auto common = std::make_shared<Common>();
    auto repair = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand(
        "check", "verify the store: records decode, indexes and counts agree with the records");
    add_db_option(cmd, common.get());
    cmd->add_flag("--repair", *repair,
                  "rebuild the indexes and dataset counts from the records (one atomic write)");
    reg.on(cmd, [common, repair] { run_check(*common, *repair); });
  }
  {
    auto common = std::make_shared<Common>();
    auto* cmd = app.add_subcommand("init", "create an empty store (does nothing if one exists)");
    add_db_option(cmd, common.get());
    reg.on(cmd, [common] {
      bool created = false;
      check(Store::create(common->db, &created));
      if (created)
        std::cout << "created an empty govnet store at " << common->db << "\n";
      else
        std::cout << common->db << " is already a govnet store; nothing changed\n";
    });
  }
  {
    auto common = std::make_shared<Common>();
    auto* cmd = app.add_subcommand("datasets", "list the datasets in the store (or remove one)");
    add_query_options(cmd, common.get());
    auto remove_common = std::make_shared<Common>();
    auto remove_name = std::make_shared<std::string>();
    auto* remove =
        cmd->add_subcommand("remove", "remove a dataset: exactly its records and index entries");
    add_db_option(remove, remove_common.get());
    remove->add_option("name", *remove_name, "the dataset's name")->required();
    reg.on(remove, [cmd, common, remove_common, remove_name] {
      // --db may be given before or after `remove`.
      Common c = *remove_common;
      if (cmd->count("--db")) c.db = common->db;
      DatasetInfo removed;
      check(c.open(false)->remove_dataset(*remove_name, &removed));
      std::cout << "removed dataset '" << removed.name << "': " << counts(removed) << "\n";
    });
    reg.on(cmd, [common] {
      auto store = common->open(true);
      std::vector<DatasetInfo> all;
      check(store->datasets(&all));
      Table t;
      t.columns = {"name", "actors", "instruments", "ties", "evidence", "loaded", "files", "hash"};
      for (const auto& d : all) {
        std::string files;
        for (const auto& f : d.files) files += (files.empty() ? "" : " ") + f;
        t.add({d.name, Cell::count(d.actors), Cell::count(d.instruments), Cell::count(d.ties),
               Cell::count(d.evidence), utc_time(d.loaded_at_unix), files, d.content_hash});
      }
      Format f = common->format();
      if (f == Format::kTable && all.empty()) {
        std::cout << "no datasets in " << common->db << "; load one with `govnet import`\n";
        return;
      }
      print(std::cout, t, f);
    });
  }
}

}  // namespace govnet::cli
