#include <ctime>
#include <iostream>
#include <filesystem>
#include <memory>

#include "commands.h"
#include "context.h"
#include "govnet/govnet_csv.h"

namespace govnet::cli {
namespace {

std::string utc_time(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

std::string counts(const DatasetInfo& d) {
  return std::to_string(d.actors) + " actors, " + std::to_string(d.instruments) + " instruments, " +
         std::to_string(d.ties) + " ties, " + std::to_string(d.evidence) + " evidence records";
}

struct ImportArgs {
  Common common;
  std::vector<std::string> files, actors, instruments, ties, evidence;
  std::string dataset;
  size_t max_problems = 50;
  bool dry_run = false;
};

void run_import(const ImportArgs& a) {
  std::vector<CsvInput> inputs;
  for (const auto& f : a.files) inputs.push_back({f, std::nullopt});
  for (const auto& f : a.actors) inputs.push_back({f, TableKind::kActors});
  for (const auto& f : a.instruments) inputs.push_back({f, TableKind::kInstruments});
  for (const auto& f : a.ties) inputs.push_back({f, TableKind::kTies});
  for (const auto& f : a.evidence) inputs.push_back({f, TableKind::kEvidence});
  if (inputs.empty()) usage_error("no files to import; give actors.csv, instruments.csv, ties.csv (and evidence.csv)");

  std::string name = a.dataset;
  if (name.empty()) {
    auto dir = std::filesystem::absolute(inputs.front().path).parent_path().filename().string();
    name = dir.empty() ? "default" : dir;
    std::cerr << "no --dataset given; naming the dataset '" << name << "' after the files' folder\n";
  }

  // A writer opens the store read-write, taking its lock for the whole import. A missing store
  // is created (and said so), as `govnet init` would.
  if (!a.dry_run) {
    bool created = false;
    check(Store::create(a.common.db, &created));
    if (created) std::cerr << "created a new store at " << a.common.db << "\n";
  }
  std::unique_ptr<Store> store = a.common.open(a.dry_run);
  DatasetInfo replaced;
  bool replacing = store->find_dataset(name, &replaced).ok();

  CsvImportOptions options;
  options.max_problems = a.max_problems;
  options.existing = [&](const std::string& key) {
    DatasetId owner = 0;
    RecordKind k = store->kind_of(key, &owner);
    if (k == RecordKind::kNone || (replacing && owner == replaced.id)) return ExistingKind::kNone;
    return k == RecordKind::kActor ? ExistingKind::kActor : ExistingKind::kInstrument;
  };
  if (interactive()) std::cerr << "reading " << inputs.size() << " file(s)...\n";
  CsvImportResult result = read_govnet_csv(inputs, options);
  if (!result.problems.empty()) {
    for (const auto& p : result.problems) std::cerr << p.to_string() << "\n";
    std::cerr << (result.truncated ? "at least " : "") << result.problems.size() << " problem(s)"
              << (result.truncated ? " (showing the first " + std::to_string(a.max_problems) + "; raise --max-problems to see more)" : "")
              << "; nothing was imported and the store is unchanged\n";
    throw Failure(kExitDataError, "");
  }
  DatasetInfo preview;
  preview.actors = result.network.actors.size();
  preview.instruments = result.network.instruments.size();
  preview.ties = result.network.ties.size();
  for (auto& x : result.network.actors) preview.evidence += x.evidence.size();
  for (auto& x : result.network.instruments) preview.evidence += x.evidence.size();
  for (auto& x : result.network.ties) preview.evidence += x.evidence.size();
  if (a.dry_run) {
    std::cout << "dry run: dataset '" << name << "' would " << (replacing ? "replace the existing one (" + counts(replaced) + ") with " : "hold ")
              << counts(preview) << "; nothing was written\n";
    return;
  }
  ImportSummary summary;
  check(store->import_dataset(name, std::move(result.network), result.files, result.content_hash, &summary));
  if (summary.replaced)
    std::cout << "replaced dataset '" << name << "' (it held " << counts(summary.previous)
              << ", loaded " << utc_time(summary.previous.loaded_at_unix) << ")\n";
  std::cout << "imported dataset '" << name << "' into " << store->dir() << ": "
            << counts(summary.dataset) << "\n";
}

void print_problems(const Store::CheckReport& r, size_t shown) {
  for (size_t i = 0; i < r.problems.size() && i < shown; ++i) std::cout << "  " << r.problems[i] << "\n";
  if (r.problem_count > std::min(shown, r.problems.size()))
    std::cout << "  ... and " << r.problem_count - std::min(shown, r.problems.size()) << " more\n";
}

void run_check(const Common& c, bool repair) {
  Store::CheckReport report;
  if (repair) {
    std::unique_ptr<Store> rw = c.open(false);
    check(rw->repair(&report));
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
  std::cout << "store " << c.db << ": " << report.problem_count << " problem(s) in " << report.records
            << " records and " << report.index_entries << " index entries\n";
  print_problems(report, 50);
  std::cout << (repair ? "what remains cannot be rebuilt from the records: re-import the datasets concerned, or "
                         "restore the store from a backup\n"
                       : "run `govnet check --repair` to rebuild the indexes and counts from the records\n");
  throw Failure(kExitDataError, "");
}

}  // namespace

void add_data_commands(CLI::App& app, Registry& reg) {
  {
    auto common = std::make_shared<Common>();
    auto repair = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("check", "verify the store: records decode, indexes and counts agree with the records");
    add_db_option(cmd, common.get());
    cmd->add_flag("--repair", *repair, "rebuild the indexes and dataset counts from the records (one atomic write)");
    reg.on(cmd, [common, repair] { run_check(*common, *repair); });
  }
  {
    auto common = std::make_shared<Common>();
    auto* cmd = app.add_subcommand("init", "create an empty store (does nothing if one exists)");
    add_db_option(cmd, common.get());
    reg.on(cmd, [common] {
      bool created = false;
      check(Store::create(common->db, &created));
      if (created) std::cout << "created an empty govnet store at " << common->db << "\n";
      else std::cout << common->db << " is already a govnet store; nothing changed\n";
    });
  }
  {
    auto args = std::make_shared<ImportArgs>();
    auto* cmd = app.add_subcommand("import",
        "load a dataset from govnet CSV files (all of it or nothing; re-importing a dataset "
        "name replaces it)");
    cmd->footer(
        "Files are recognized by name (actors*.csv, instruments*.csv, ties*.csv, evidence*.csv) "
        "or header;\nuse --actors/--instruments/--ties/--evidence for other names. Every problem "
        "is reported as\nFILE:LINE:COLUMN: message, and nothing is written unless all files are "
        "valid.\nThe CSV format is described in docs/csv-format.md.");
    add_db_option(cmd, &args->common);
    cmd->add_option("files", args->files, "CSV files")->type_name("FILE")->check(CLI::ExistingFile);
    cmd->add_option("--dataset", args->dataset, "dataset name (default: the files' folder name)")->type_name("NAME");
    cmd->add_option("--actors", args->actors, "an actors file with another name")->type_name("FILE")->check(CLI::ExistingFile);
    cmd->add_option("--instruments", args->instruments, "an instruments file")->type_name("FILE")->check(CLI::ExistingFile);
    cmd->add_option("--ties", args->ties, "a ties file")->type_name("FILE")->check(CLI::ExistingFile);
    cmd->add_option("--evidence", args->evidence, "an evidence file")->type_name("FILE")->check(CLI::ExistingFile);
    cmd->add_option("--max-problems", args->max_problems, "report at most this many problems (default 50)");
    cmd->add_flag("--dry-run", args->dry_run, "validate and report what would be stored; write nothing");
    reg.on(cmd, [args] { run_import(*args); });
  }
  {
    auto common = std::make_shared<Common>();
    auto* cmd = app.add_subcommand("datasets", "list the datasets in the store (or remove one)");
    add_query_options(cmd, common.get());
    auto remove_common = std::make_shared<Common>();
    auto remove_name = std::make_shared<std::string>();
    auto* remove = cmd->add_subcommand("remove", "remove a dataset: exactly its records and index entries");
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
