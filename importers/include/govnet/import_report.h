// What an import did, for the report every import prints: records created, names merged into
// records already in the store, rows or edges skipped, and every value that could not be
// represented in govnet's model (kept as a text attribute, or dropped, and why).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "govnet/model.h"
#include "govnet/problem.h"

namespace govnet {

// What a note of the report is about, for the summary that counts them by kind.
// kLeftOut: a value (a time, a spell, a dynamic value) that could not be read and is not stored.
enum class NoteKind {
  kCreated,
  kKeptAsText,
  kSkipped,
  kMatched,
  kRenamed,
  kRead,
  kLeftOut,
  kOther,
  kCount
};
std::string_view to_string(NoteKind);

struct ImportReport {
  uint64_t actors_created = 0, instruments_created = 0, ties_created = 0, evidence_created = 0;
  uint64_t merged = 0;         // names / nodes matched to records already in the store or the file
  std::string matched_by;      // how graph nodes were matched (key, name, alias); empty: not asked
  uint64_t renamed = 0;        // node ids another dataset uses as keys, stored as DATASET:ID
  uint64_t skipped = 0;        // rows, cells or edges not imported (each has a note)
  std::vector<Problem> notes;  // capped at max_notes; notes_total counts them all
  uint64_t notes_total = 0;
  size_t max_notes = 100000;

  uint64_t notes_by_kind[static_cast<size_t>(NoteKind::kCount)] = {};

  void note(Problem p, NoteKind kind = NoteKind::kOther) {
    ++notes_total;
    ++notes_by_kind[static_cast<size_t>(kind)];
    if (notes.size() < max_notes) notes.push_back(std::move(p));
  }
  // Sets the created counts (records and evidence) from what the import produced.
  void count_created(const Network& net);
  // A summary line, the notes counted by kind, then each note on its own line
  // ("  file:line:column: message").
  void print(std::ostream& out, size_t shown = 50) const;
  // The same as JSON, for scripts (`--report FILE`).
  std::string to_json() const;
};

}  // namespace govnet
