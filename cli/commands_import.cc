// `govnet import`: govnet CSV files, a table through a mapping file, or a graph file from
// another tool (GraphML, GEXF, node-link JSON, Pajek). All three validate everything first,
// print an import report, and store the dataset as one atomic write (or nothing).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unordered_map>
#include <future>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.h"
#include "context.h"
#include "govnet/graph_import.h"
#include "govnet/input_file.h"
#include "govnet/govnet_csv.h"
#include "govnet/mapping.h"
#include "govnet/property_graph.h"
#include "govnet/text.h"

namespace govnet::cli {
namespace {

struct ImportArgs {
  Common common;
  std::vector<std::string> files, actors, instruments, ties, evidence;
  std::string dataset, map, format, family, aliases, report, match, sheet, weight_attribute;
  size_t max_problems = 50;
  bool dry_run = false, create_missing = false, parents = false;
};

std::string read_whole(const std::string& path) {
  std::string data, error;
  if (!read_input_file(path, &data, &error)) data_error(path + ": " + error);
  return data;
}

[[noreturn]] void fail_with(const std::vector<Problem>& problems, bool truncated, size_t cap) {
  for (const auto& p : problems) std::cerr << p.to_string() << "\n";
  std::cerr << (truncated ? "at least " : "") << problems.size() << " problem(s)"
            << (truncated ? " (showing the first " + std::to_string(cap) +
                                "; raise --max-problems to see more)"
                          : "")
            << "; nothing was imported and the store is unchanged\n";
  throw Failure(kExitDataError, "");
}

// What every kind of import shares: the store (opened for writing unless dry run), the
// dataset being replaced, and the lookup of keys other datasets define.
class Target {
 public:
  Target(const ImportArgs& a, const std::string& name) : a_(a), name_(name) {
    check_dataset_name(a, name);
    const bool exists = std::filesystem::exists(std::filesystem::path(a.common.db) / "CURRENT");
    if (a.dry_run && !exists) return;  // a dry run against no store: nothing exists yet
    if (!exists) check_parent_folder(a);
    if (!exists) {
      folder_was_there_ = std::filesystem::exists(a.common.db);
      // A new store holds nothing to look up: it is made while the files are read (creating
      // one syncs a dozen files), and joined before the dataset is written.
      creating_ = std::async(std::launch::async, [&a] {
        bool created = false;
        check(Store::create(a.common.db, &created));
        return std::make_pair(created, a.common.open(false));
      });
      return;
    }
    if (!a.dry_run) {
      bool created = false;
      check(Store::create(a.common.db, &created));
    }
    store_ = a.common.open(a.dry_run);
    replacing_ = store_->find_dataset(name, &replaced_).ok();
    std::vector<DatasetInfo> all;
    check(store_->datasets(&all));
    others_ = std::any_of(all.begin(), all.end(), [&](const DatasetInfo& d) {
      return !(replacing_ && d.id == replaced_.id);
    });
  }
  // A store made for an import that then failed (its files had problems) is taken away again,
  // so that a failed import leaves the disk as it found it.
  ~Target() {
    if (!creating_.valid()) return;
    try {
      auto [created, store] = creating_.get();
      store.reset();
      if (!created) return;
      std::error_code ec;
      if (!folder_was_there_) {
        std::filesystem::remove_all(a_.common.db, ec);
        return;
      }
      for (const auto& entry : std::filesystem::directory_iterator(a_.common.db, ec))
        std::filesystem::remove_all(entry.path(), ec);
    } catch (...) {  // the store could not be made: nothing to take away
    }
  }
  Target(const Target&) = delete;
  Target& operator=(const Target&) = delete;

  // Called on several threads at once while rows are read.
  std::optional<NodeType> existing(const std::string& key) const {
    if (!store_ || !others_) return std::nullopt;  // no other dataset: nothing to find
    DatasetId owner = 0;
    const std::optional<NodeType> k = store_->kind_of(key, &owner);
    if (!k || (replacing_ && owner == replaced_.id)) return std::nullopt;
    return k;
  }
  std::vector<Actor> known_actors() const {
    std::vector<Actor> out;
    if (!store_) return out;
    Network net;
    check(store_->load_network(&net));
    for (auto& a : net.actors)
      if (!replacing_ || a.dataset != replaced_.id) out.push_back(std::move(a));
    return out;
  }

  // Stores the network and then prints the report (or says what a dry run would have stored):
  // a report is printed only for what is stored.
  void finish(Network net, const std::vector<std::string>& files, const std::string& hash,
              const ImportReport& report) {
    refuse_emptying(net, files);
    if (creating_.valid()) {  // (a store that cannot be made is reported before the report)
      auto [created, store] = creating_.get();
      if (created) std::cerr << "created a new store at " << a_.common.db << "\n";
      store_ = std::move(store);
    }
    if (a_.dry_run) {
      print_report(report);
      DatasetInfo preview;
      preview.actors = report.actors_created;
      preview.instruments = report.instruments_created;
      preview.ties = report.ties_created;
      preview.evidence = report.evidence_created;
      std::cout << "dry run: dataset '" << name_ << "' would "
                << (replacing_ ? "replace the existing one (" + counts(replaced_) + ") with "
                               : "hold ")
                << counts(preview) << "; nothing was written\n";
      return;
    }
    ImportSummary summary;
    check(store_->import_dataset(name_, std::move(net), files, hash, &summary));
    print_report(report);
    if (summary.replaced)
      std::cout << "replaced dataset '" << name_ << "' (it held " << counts(summary.previous)
                << ", loaded " << utc_time(summary.previous.loaded_at_unix) << ")\n";
    std::cout << "imported dataset '" << name_ << "' into " << store_->dir() << ": "
              << counts(summary.dataset) << "\n";
  }

  // An input that holds no records does not replace a dataset that holds some: an empty file
  // is far more often a failed export than a wish to empty the dataset.
  void refuse_emptying(const Network& net, const std::vector<std::string>& files) const {
    if (!replacing_ || !net.actors.empty() || !net.instruments.empty() || !net.ties.empty()) return;
    if (replaced_.actors + replaced_.instruments + replaced_.ties == 0) return;
    std::string list;
    for (const auto& f : files) list += (list.empty() ? "" : ", ") + f;
    data_error(list + ": no records to import; the dataset '" + name_ + "' holds " +
               counts(replaced_) +
               ", and an import does not replace a dataset with an empty one; the store is "
               "unchanged (to remove the dataset, run `govnet datasets remove " +
               name_ + "`)");
  }

  // The positions a file gives become the nodes' places in the saved ForceAtlas2 layout of
  // every view kind (merged: other nodes keep theirs), which `govnet view` starts from and
  // `govnet export` writes out.
  void save_positions(const std::vector<NodePosition>& positions) {
    if (positions.empty() || a_.dry_run || !store_) return;
    std::string names;
    for (ViewKind kind : {ViewKind::kFull, ViewKind::kDirect, ViewKind::kTwoMode}) {
      const std::string name = std::string(to_string(kind)) + "/forceatlas2";
      std::vector<NodePosition> saved;
      if (!store_->load_layout(name, &saved).ok()) saved.clear();
      std::unordered_map<std::string, size_t> at;
      for (size_t i = 0; i < saved.size(); ++i) at[saved[i].node.key] = i;
      for (const NodePosition& p : positions) {
        if (auto it = at.find(p.node.key); it != at.end())
          saved[it->second] = p;
        else
          saved.push_back(p);
      }
      check(store_->save_layout(name, saved));
      names += (names.empty() ? "" : ", ") + name;
    }
    std::cout << "saved the file's positions of " << positions.size() << " node(s) in the layouts "
              << names << "\n";
  }

 private:
  void print_report(const ImportReport& report) const {
    report.print(std::cout);
    if (a_.report.empty()) return;
    std::ofstream f(a_.report, std::ios::trunc);
    f << report.to_json();
    if (!f) data_error("cannot write the report to " + a_.report);
  }
  // Dataset names reach terminals and other tools' files: no control characters.
  static void check_dataset_name(const ImportArgs& a, const std::string& name) {
    const size_t at = find_control(name);
    if (at == std::string::npos) return;
    const std::string m = "the dataset name '" + escape_controls(name) +
                          "' contains the control character " + control_name(name, at) +
                          " (character " + std::to_string(utf8_length(name.substr(0, at)) + 1) +
                          "); dataset names are one line of text without control characters";
    if (!a.dataset.empty()) usage_error(m + "; give --dataset another name");
    data_error(m + "; name the dataset with --dataset");
  }
  // A new store is made in an existing folder unless --parents is given.
  static void check_parent_folder(const ImportArgs& a) {
    if (a.parents) return;
    std::filesystem::path db = std::filesystem::absolute(a.common.db).lexically_normal();
    if (!db.has_filename()) db = db.parent_path();  // "new/" names the folder "new"
    const std::filesystem::path parent = db.parent_path();
    std::error_code ec;
    if (std::filesystem::is_directory(parent, ec)) return;
    data_error("cannot create a store at " + a.common.db + ": the folder " + parent.string() +
               " does not exist; create it, or give --parents to create it with the store");
  }

  const ImportArgs& a_;
  std::string name_;
  std::unique_ptr<Store> store_;
  std::future<std::pair<bool, std::unique_ptr<Store>>> creating_;  // a new store, being made
  bool folder_was_there_ = false;  // the new store's folder existed (empty) before
  DatasetInfo replaced_;
  bool replacing_ = false;
  bool others_ = false;  // the store holds datasets other than the one being replaced
};

std::string stem(const std::string& path) { return std::filesystem::path(path).stem().string(); }

// Reads a graph file and its content hash. IATI files are read a block at a time (publishers'
// files run to hundreds of MB); the other formats whole.
bool read_graph_file(GraphFormat format, const std::string& path, PropertyGraph* graph,
                     std::vector<Problem>* problems, std::string* hash) {
  if (format == GraphFormat::kIati) {
    std::ifstream in(path, std::ios::binary);
    if (!in) data_error("cannot read " + path);
    if (interactive()) std::cerr << "reading " << path << "...\n";
    *hash = content_hash_of_file(path);
    return read_iati_stream(in, path, graph, problems, {});
  }
  const std::string data = read_whole(path);
  if (interactive()) std::cerr << "reading " << path << " (" << data.size() / 1024 << " KiB)...\n";
  *hash = content_hash({data});
  return read_property_graph(format, data, path, graph, problems);
}

void import_graph_file(const ImportArgs& a, GraphFormat format) {
  if (a.files.size() != 1)
    usage_error("a " + std::string(to_string(format)) + " import reads exactly one file");
  const std::string& path = a.files[0];
  std::string name = a.dataset.empty() ? stem(path) : a.dataset;
  if (a.dataset.empty())
    std::cerr << "no --dataset given; naming the dataset '" << name << "' after the file\n";
  GraphImportOptions options;
  options.max_problems = a.max_problems;
  if (!a.family.empty()) {
    auto f = parse_family(a.family);
    if (!f) usage_error("unknown --family '" + a.family + "'; expected one of: " + family_names());
    options.default_family = *f;
  }
  if (!a.match.empty()) {
    options.match = parse_match_by(a.match);
    if (!options.match)
      usage_error("unknown --match '" + a.match + "'; expected key, name or alias");
  }
  Target target(a, name);
  options.existing = [&](const std::string& key) { return target.existing(key); };
  options.dataset = name;
  options.weight_attribute = a.weight_attribute;
  if (options.match && *options.match != MatchBy::kKey)
    options.known_actors = target.known_actors();
  options.match_ids_too = format == GraphFormat::kIati;  // organisation identifiers
  std::string hash;
  GraphImportResult r;
  {
    PropertyGraph graph;
    std::vector<Problem> problems;
    if (!read_graph_file(format, path, &graph, &problems, &hash)) {
      const bool more = problems.size() > a.max_problems;
      if (more) problems.resize(a.max_problems);
      fail_with(problems, more, a.max_problems);
    }
    r = import_property_graph(std::move(graph), options);
  }
  if (!r.problems.empty())
    fail_with(r.problems, r.problems.size() >= a.max_problems, a.max_problems);
  target.finish(std::move(r.network), {path}, hash, r.report);
  target.save_positions(r.positions);
}

void import_mapped(const ImportArgs& a) {
  if (a.files.size() != 1)
    usage_error("--map reads exactly one table (a CSV file or an .xlsx / .ods workbook)");
  const std::string& table = a.files[0];
  std::string mapping_text = read_whole(a.map), data = read_whole(table);
  MappingImportOptions options;
  options.max_problems = a.max_problems;
  options.sheet = a.sheet;
  options.resolver.create_missing = a.create_missing;
  if (!a.aliases.empty()) {
    std::vector<Problem> problems;
    if (!read_alias_file(read_whole(a.aliases), a.aliases, &options.resolver.aliases, &problems))
      fail_with(problems, false, a.max_problems);
  }
  // The dataset name: --dataset, else the mapping's `dataset`, else the table's name.
  std::string name = a.dataset.empty() ? mapping_dataset(mapping_text) : a.dataset;
  if (name.empty()) {
    name = stem(table);
    std::cerr << "no --dataset given; naming the dataset '" << name << "' after the table\n";
  }
  Target target(a, name);
  options.existing = [&](const std::string& key) { return target.existing(key); };
  options.known_actors = target.known_actors();
  MappingImportResult r = import_with_mapping(a.map, mapping_text, table, data, options);
  if (!r.problems.empty()) fail_with(r.problems, r.truncated, a.max_problems);
  target.finish(std::move(r.network), {a.map, table}, content_hash({mapping_text, data}), r.report);
}

void import_csv(const ImportArgs& a) {
  std::vector<CsvInput> inputs;
  for (const auto& f : a.files) inputs.push_back({f, std::nullopt});
  for (const auto& f : a.actors) inputs.push_back({f, TableKind::kActors});
  for (const auto& f : a.instruments) inputs.push_back({f, TableKind::kInstruments});
  for (const auto& f : a.ties) inputs.push_back({f, TableKind::kTies});
  for (const auto& f : a.evidence) inputs.push_back({f, TableKind::kEvidence});
  if (inputs.empty())
    usage_error(
        "no files to import; give actors.csv, instruments.csv, ties.csv (and evidence.csv), "
        "a table with --map, or a GraphML/GEXF/JSON/Pajek file");
  std::string name = a.dataset;
  if (name.empty()) {
    auto dir = std::filesystem::absolute(inputs.front().path).parent_path().filename().string();
    name = dir.empty() ? "default" : dir;
    std::cerr << "no --dataset given; naming the dataset '" << name
              << "' after the files' folder\n";
  }
  Target target(a, name);
  CsvImportOptions options;
  options.max_problems = a.max_problems;
  options.sheet = a.sheet;
  options.existing = [&](const std::string& key) { return target.existing(key); };
  if (interactive()) std::cerr << "reading " << inputs.size() << " file(s)...\n";
  CsvImportResult result = read_govnet_csv(inputs, options);
  if (!result.problems.empty()) fail_with(result.problems, result.truncated, a.max_problems);
  ImportReport report;
  report.count_created(result.network);
  target.finish(std::move(result.network), result.files, result.content_hash, report);
}

// The format of a lone file given without --format: its extension, unless the content shows
// another graph format (a GEXF file named .xml is GEXF); a clash the content cannot settle is
// an error that names the format to give.
std::optional<GraphFormat> format_from_content(const std::string& path) {
  std::optional<GraphFormat> by_name = graph_format_of_path(path);
  std::string head(4096, '\0');
  std::ifstream f(path, std::ios::binary);
  f.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(f.gcount()));
  std::optional<GraphFormat> by_content = sniff_graph_format(head);
  if (!by_content || by_content == by_name) return by_name;
  const std::string ext = ascii_lower(std::filesystem::path(path).extension().string());
  if (ext == ".xml" && (by_content == GraphFormat::kGexf || by_content == GraphFormat::kIati))
    return by_content;
  // A table headed source,target (networkx, Gephi) is an edge list, not a govnet table.
  if ((ext == ".csv" || ext == ".tsv") && by_content == GraphFormat::kEdgeList) return by_content;
  auto title = [](GraphFormat g) -> std::string {
    switch (g) {
      case GraphFormat::kGraphMl:
        return "GraphML";
      case GraphFormat::kGexf:
        return "GEXF";
      case GraphFormat::kNodeLinkJson:
        return "node-link JSON";
      case GraphFormat::kPajek:
        return "Pajek";
      case GraphFormat::kGml:
        return "GML";
      case GraphFormat::kIati:
        return "an IATI activity file";
      case GraphFormat::kEdgeList:
        return "an edge list";
    }
    return std::string(to_string(g));
  };
  data_error(path + ": this looks like " + title(*by_content) +
             (by_name ? ", not " + title(*by_name) + " as its name says" : std::string()) +
             "; use --format " + std::string(to_string(*by_content)));
}

void run_import(const ImportArgs& a) {
  if (a.max_problems == 0)
    usage_error(
        "--max-problems must be 1 or more: it limits how many problems are shown, "
        "never what is imported");
  if (!a.map.empty()) return import_mapped(a);
  std::optional<GraphFormat> format;
  if (!a.format.empty()) {
    format = parse_graph_format(a.format);
    if (!format && a.format != "csv")
      usage_error("unknown --format '" + a.format +
                  "'; expected csv, graphml, gexf, json, pajek, gml, iati or edgelist");
  } else if (a.files.size() == 1) {
    format = format_from_content(a.files[0]);
  }
  if (format) return import_graph_file(a, *format);
  import_csv(a);
}

}  // namespace

void add_import_command(CLI::App& app, Registry& reg) {
  auto args = std::make_shared<ImportArgs>();
  auto* cmd = app.add_subcommand(
      "import",
      "load a dataset: govnet CSV files, any CSV table through a mapping (--map), a GraphML, "
      "GEXF, node-link JSON, Pajek or GML file, an edge list, or an IATI activity file (all of "
      "it or nothing; re-importing a dataset name replaces it)");
  cmd->footer(
      "govnet CSV files are recognized by name (actors*.csv, instruments*.csv, ties*.csv,\n"
      "evidence*.csv) or header (docs/csv-format.md); .xlsx and .ods workbooks are read\n"
      "wherever a CSV table is (one sheet: --sheet). A table with --map mapping.toml is read as\n"
      "the mapping says (docs/mapping.md; examples in samples/mappings). Files ending in "
      ".graphml,\n"
      ".gexf, .json, .net, .gml or .edges are read as graphs (docs/interchange.md); an IATI\n"
      "activity file (<iati-activities>, docs/iati.md) is recognized by its content. A plain\n"
      "edge list (source target [weight]) needs no mapping: --format edgelist. Every problem "
      "is reported as\n"
      "FILE:LINE:COLUMN: message and nothing is written unless the whole input is valid; every\n"
      "import prints a report of what was created, merged, skipped and kept as text.");
  add_db_option(cmd, &args->common);
  cmd->add_option("files", args->files, "the files to read")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  cmd->add_option("--dataset", args->dataset,
                  "dataset name (default: the folder, mapping or file name)")
      ->type_name("NAME");
  cmd->add_option("--actors", args->actors, "an actors file with another name")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  cmd->add_option("--instruments", args->instruments, "an instruments file")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  cmd->add_option("--ties", args->ties, "a ties file")->type_name("FILE")->check(CLI::ExistingFile);
  cmd->add_option("--evidence", args->evidence, "an evidence file")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  cmd->add_option("--map", args->map, "read one CSV table through this mapping file (TOML)")
      ->type_name("MAPPING")
      ->check(CLI::ExistingFile);
  cmd->add_option("--sheet", args->sheet,
                  ".xlsx / .ods tables: the sheet to read, by name or number from 1 (default: "
                  "the first)")
      ->type_name("NAME|N");
  cmd->add_option("--format", args->format,
                  "csv, graphml, gexf, json, pajek, gml, iati or edgelist (default: from the "
                  "content and the file name)")
      ->type_name("FORMAT");
  cmd->add_option("--family", args->family,
                  "graph files: the relation family of edges without a 'family' attribute "
                  "(default other)")
      ->type_name("FAMILY");
  cmd->add_option("--weight-attribute", args->weight_attribute,
                  "graph files: the edge attribute holding the weight (default: 'weight', else "
                  "d3's 'value')")
      ->type_name("NAME");
  cmd->add_option("--match", args->match,
                  "graph files: link nodes to actors already in the store by key, name or alias "
                  "(IATI: organisation identifiers first, then names; default: none; a file's "
                  "node ids are its dataset's own, and ids another dataset uses are stored as "
                  "DATASET:ID)")
      ->type_name("key|name|alias");
  cmd->add_flag("--create-missing", args->create_missing,
                "--map: create actors for names that match none "
                "(states by their ISO code, others by their name)");
  cmd->add_option("--aliases", args->aliases,
                  "--map: a CSV file of name,key lines mapping spellings to actor keys")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  cmd->add_option("--report", args->report,
                  "also write the import report, with every note, as JSON to this file")
      ->type_name("FILE");
  cmd->add_option("--max-problems", args->max_problems,
                  "report at most this many problems (default 50)");
  cmd->add_flag("--dry-run", args->dry_run,
                "validate and report what would be stored; write nothing");
  cmd->add_flag("--parents", args->parents,
                "create the --db directory's missing parent folders with a new store");
  reg.on(cmd, [args] { run_import(*args); });
}

}  // namespace govnet::cli
