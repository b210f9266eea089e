#include "govnet/import_report.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace govnet {

std::string_view to_string(NoteKind k) {
  switch (k) {
    case NoteKind::kCreated:
      return "created";
    case NoteKind::kKeptAsText:
      return "kept as text";
    case NoteKind::kSkipped:
      return "skipped";
    case NoteKind::kMatched:
      return "matched";
    case NoteKind::kRenamed:
      return "renamed";
    case NoteKind::kRead:
      return "read with a change";
    case NoteKind::kLeftOut:
      return "left out";
    case NoteKind::kOther:
    case NoteKind::kCount:
      break;
  }
  return "other";
}

void ImportReport::count_created(const Network& net) {
  actors_created = net.actors.size();
  instruments_created = net.instruments.size();
  ties_created = net.ties.size();
  evidence_created = 0;
  for (const auto& x : net.actors) evidence_created += x.evidence.size();
  for (const auto& x : net.instruments) evidence_created += x.evidence.size();
  for (const auto& x : net.ties) evidence_created += x.evidence.size();
}

void ImportReport::print(std::ostream& out, size_t shown) const {
  out << "import report: created " << actors_created << " actors, " << instruments_created
      << " instruments, " << ties_created << " ties, " << evidence_created
      << " evidence records; merged " << merged << " into existing records";
  if (!matched_by.empty()) out << " (matched by " << matched_by << ")";
  if (renamed) out << "; renamed " << renamed << " node id(s) taken by another dataset";
  out << "; skipped " << skipped << "; " << notes_total << " value(s) noted\n";
  if (notes_total > 0) {
    out << "  notes by kind:";
    const char* sep = " ";
    for (size_t k = 0; k < static_cast<size_t>(NoteKind::kCount); ++k) {
      if (notes_by_kind[k] == 0) continue;
      out << sep << notes_by_kind[k] << " " << to_string(static_cast<NoteKind>(k));
      sep = ", ";
    }
    out << "\n";
  }
  size_t n = std::min(shown, notes.size());
  for (size_t i = 0; i < n; ++i) out << "  " << notes[i].to_string() << "\n";
  if (notes_total > n)
    out << "  ... and " << notes_total - n << " more (write them all with --report FILE)\n";
}

std::string ImportReport::to_json() const {
  nlohmann::json j;
  j["created"] = {{"actors", actors_created},
                  {"instruments", instruments_created},
                  {"ties", ties_created},
                  {"evidence", evidence_created}};
  j["merged"] = merged;
  j["matched_by"] = matched_by;
  j["renamed"] = renamed;
  j["skipped"] = skipped;
  j["notes_total"] = notes_total;
  j["notes_by_kind"] = nlohmann::json::object();
  for (size_t k = 0; k < static_cast<size_t>(NoteKind::kCount); ++k)
    if (notes_by_kind[k])
      j["notes_by_kind"][std::string(to_string(static_cast<NoteKind>(k)))] = notes_by_kind[k];
  j["notes"] = nlohmann::json::array();
  for (const auto& n : notes)
    j["notes"].push_back(
        {{"file", n.file}, {"line", n.line}, {"column", n.column}, {"message", n.message}});
  return j.dump(2) + "\n";
}

}  // namespace govnet
