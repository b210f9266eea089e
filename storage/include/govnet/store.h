// The govnet store: a RocksDB database of Cap'n Proto records with indexes. docs/storage.md
// (and storage/src/format.h) specify the column families and key layouts.
//
// Concurrency: one writer at a time (a second writer gets Result::Busy); any number of readers,
// in this or other processes, open the store read-only and see a consistent snapshot taken
// when they opened it. A Store object is safe to read from several threads.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "govnet/analysis_graph.h"
#include "govnet/model.h"
#include "govnet/result.h"

namespace govnet {

struct SearchHit {
  NodeRef node;
  std::string name;
  std::string matched;  // the name, key or alias that matched
};

struct ImportSummary {
  DatasetInfo dataset;
  bool replaced = false;  // a dataset of that name existed and was replaced
  DatasetInfo previous;   // what it held, when replaced
};

// Hooks for tests: called as the import's write batch is assembled; returning a non-ok Result
// aborts the import there.
struct ImportHooks {
  std::function<Result(uint64_t records_added)> after_record;
};

// What `govnet upgrade` did (Store::upgrade).
struct UpgradeReport {
  int from_version = 0;  // the schema the store had; kSchemaVersion when already current
  bool upgraded = false;
  std::vector<std::string> created_families;  // column families the store lacked
  uint64_t records = 0;                       // records the derived data was rebuilt from
  uint64_t entries_rewritten = 0;             // derived entries written or deleted
};

class Store {
 public:
  static constexpr int kSchemaVersion = 4;

  // How a store is opened. A read-only store never takes the write lock and reads one snapshot,
  // taken when it opened; a read-write store is the one writer (others get Result::Busy).
  enum class Access { kReadOnly, kReadWrite };

  // Creates an empty store at `dir` (the directory may exist but must not hold a non-govnet
  // database). Succeeds without change when `dir` is already a govnet store.
  static Result create(const std::string& dir, bool* created = nullptr);
  // Opens an existing store of kSchemaVersion. A store of another schema gives Result::Schema
  // saying what to do (an older one: `govnet upgrade`).
  static Result open(const std::string& dir, Access access, std::unique_ptr<Store>* out);
  // A store that has lost its CURRENT file (the pointer to its manifest) but keeps its table
  // and log files: makes a new manifest from those files (RocksDB's repair), so that it opens
  // again; *recovered says whether there was anything to do. Run before repair().
  static Result recover_manifest(const std::string& dir, bool* recovered);
  // Brings the store at `dir` to kSchemaVersion in one atomic write, with the write lock: the
  // derived data (indexes, view table, dataset counts) is rewritten from the records. Changes
  // nothing when it is current (report->upgraded false); a newer store gives Result::Schema, and
  // records that do not decode give Result::Corrupt (nothing is written).
  static Result upgrade(const std::string& dir, UpgradeReport* report);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& dir() const;

  // --- reading ---
  // Everything in the store: actors and instruments by key, ties by id.
  Result load_network(Network* out) const;
  // The actors and instruments of load_network, without the ties (out->ties stays empty).
  Result load_nodes(Network* out) const;
  // The actors and instruments as far as views and their labels read them: key, name, kind and
  // dataset, and an instrument's status and period (aliases, attributes and evidence stay empty),
  // in load_nodes' order. Read from the store's view table, several times faster than decoding
  // the records; a dataset whose table is missing or stale gives Corrupt (saying to run
  // `govnet check --repair`).
  Result load_view_nodes(Network* out) const;
  // The ties as the source of AnalysisGraph::build(nodes, source, ...), read from the view table
  // a chunk per core at a time, in runs visited on every core at once. When the build fails for
  // want of ties, *status says why (a missing or stale view table as in load_view_nodes).
  TieSource tie_source(Result* status) const;
  Result datasets(std::vector<DatasetInfo>* out) const;
  Result find_dataset(const std::string& name, DatasetInfo* out) const;  // NotFound if absent
  // Whether `key` names an actor or an instrument, and which dataset defined it; nullopt when
  // it names neither (also on read errors).
  std::optional<NodeType> kind_of(const std::string& key, DatasetId* owner = nullptr) const;
  Result get_actor(const std::string& key, Actor* out) const;
  Result get_instrument(const std::string& key, Instrument* out) const;
  // Ties touching a record (from or to it), through the adjacency index, by tie id.
  Result ties_of(const std::string& key, std::vector<Tie>* out) const;
  // Actors and instruments whose name, key or alias contains `query` after normalization
  // (case, accents, punctuation); exact matches first, then prefixes, then by key.
  Result search(const std::string& query, std::vector<SearchHit>* out) const;

  // --- writing (read-write stores only) ---
  // Stores `batch` as the dataset `name`, replacing a dataset of that name if there is one:
  // all of it lands or none of it. Fails with Conflict when a key is defined by another dataset,
  // or when replacing would leave another dataset's ties pointing at nothing.
  Result import_dataset(const std::string& name, Network batch, std::vector<std::string> files,
                        std::string content_hash, ImportSummary* summary,
                        const ImportHooks& hooks = {});
  // Removes exactly the records and index entries of a dataset; refuses (Conflict) while ties of
  // other datasets point at its actors or instruments.
  Result remove_dataset(const std::string& name, DatasetInfo* removed);

  // --- integrity ---
  // Verifies the store: every record decodes and belongs to an existing dataset, every record
  // has its index entries and every index entry points at a record that agrees with it, the
  // dataset counts match, saved layouts and partitions decode. Problems go to report->problems
  // (capped at `max_problems`, with report->problem_count the full number); the Result is only
  // about being able to read the store at all.
  struct CheckReport {
    std::vector<std::string> problems;
    uint64_t problem_count = 0;
    uint64_t records = 0, index_entries = 0;
    uint64_t repaired_entries = 0;  // repair only: index entries written or deleted
    // repair only: indexes whose files could not be read (checksum mismatch, damaged block),
    // dropped and rebuilt whole from the records, each with the reason
    std::vector<std::string> rebuilt_indexes;
  };
  Result check(CheckReport* report, size_t max_problems = 100) const;
  // Rebuilds the members, adjacency and names indexes, the view table and the dataset counts
  // from the records, in one atomic write (read-write stores only). An index whose files cannot
  // be read at all is first dropped and made again empty (report->rebuilt_indexes). Records that
  // do not decode cannot be repaired and are reported; everything else is made consistent.
  Result repair(CheckReport* report);
  // The indexes (members, adjacency, names, view table) whose files cannot be read: a write
  // would build on them, so imports refuse such a store until `govnet check --repair`.
  Result damaged_indexes(std::vector<std::string>* damaged) const;

  // --- saved layouts (node positions by record key) ---
  // Saving needs a read-write store; NotFound when no layout of that name was saved.
  Result save_layout(const std::string& name, const std::vector<NodePosition>& positions);
  Result load_layout(const std::string& name, std::vector<NodePosition>* out) const;

  // --- saved partitions (community memberships by record key) ---
  struct Partition {
    std::string name;
    std::string method;  // how it was found: "louvain", "leiden"
    double resolution = 1;
    uint64_t seed = 0;
    std::string view;  // the view it was found on, as the command line describes it
    double modularity = 0;
    int64_t saved_at_unix = 0;                          // set by save_partition
    std::vector<std::pair<NodeRef, uint32_t>> members;  // each record's community
  };
  // Saving needs a read-write store and replaces a partition of the same name; NotFound when no
  // partition of that name was saved. Names are listed in byte order.
  Result save_partition(const Partition& p);
  Result load_partition(const std::string& name, Partition* out) const;
  Result partition_names(std::vector<std::string>* out) const;

  // --- saved scenes (the viewer's picture by name, as the JSON document of govnet/scene.h) ---
  // The store keeps the document's bytes as given and reads them back unchanged; the viewer
  // checks them. Saving needs a read-write store and replaces a scene of the same name;
  // loading and removing give NotFound (naming the saved ones) when none has that name. Names are
  // listed in byte order.
  Result save_scene(const std::string& name, const std::string& document);
  Result load_scene(const std::string& name, std::string* document) const;
  Result remove_scene(const std::string& name);
  Result scene_names(std::vector<std::string>* out) const;

  struct Impl;  // opaque; defined inside storage/src

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace govnet
