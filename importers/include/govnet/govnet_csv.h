// The govnet CSV format (docs/csv-format.md): actors.csv, instruments.csv, ties.csv and an
// optional evidence.csv. Reading validates everything — references, duplicate keys, dates,
// vocabularies, column counts, required columns — and reports every problem (up to a cap) with
// its file:line:column, before anything is written anywhere.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "govnet/model.h"
#include "govnet/problem.h"

namespace govnet {

enum class TableKind { kActors, kInstruments, kTies, kEvidence };
std::string_view to_string(TableKind);

struct CsvInput {
  std::string path;
  std::optional<TableKind> kind;  // nullopt: guessed from the file name, then from the header
};

struct CsvImportOptions {
  size_t max_problems = 50;  // problems kept (0 is taken as 1); never changes what imports
  std::string sheet;  // .xlsx / .ods tables: the sheet's name or 1-based number (empty: first)
  // Looks up keys that ties, parents and evidence refer to but the files do not define: what the
  // key names outside the files being read (in the store), or nullopt when it names nothing.
  // Rows are read on every core: it may be called on several threads at once.
  std::function<std::optional<NodeType>(const std::string& key)> existing;
};

struct CsvImportResult {
  Network network;  // valid only when problems is empty
  std::vector<Problem> problems;
  bool truncated = false;          // more problems than max_problems were found
  std::vector<std::string> files;  // the paths read, in order
  std::string content_hash;        // content_hash() of the files, hex
  std::vector<TableKind> kinds;    // the kind each file was read as
};

// The dataset's content hash: 64 bits, as hex, over the files in order (each file's length and
// the hashes of its blocks of 1 MiB, hashed on every core): it tells whether the files changed
// between two imports.
std::string content_hash(const std::vector<std::string_view>& files);
// content_hash({bytes of the file}) computed a block at a time, for a file too large to hold;
// empty when the file cannot be read.
std::string content_hash_of_file(const std::string& path);

CsvImportResult read_govnet_csv(const std::vector<CsvInput>& inputs,
                                const CsvImportOptions& options);

// The same for contents already in memory; `path` names each buffer in messages.
struct CsvBuffer {
  std::string path;
  std::string data;
  std::optional<TableKind> kind;
};
CsvImportResult read_govnet_csv(const std::vector<CsvBuffer>& inputs,
                                const CsvImportOptions& options);

}  // namespace govnet
