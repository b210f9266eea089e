// Reading govnet's fields out of a graph node's or edge's attributes, one field at a time
// (graph_import.h says which attributes fill which fields); what is not taken stays a text
// attribute, and a value that does not fit its field is kept as text and noted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/import_report.h"
#include "govnet/model.h"
#include "govnet/property_graph.h"
#include "govnet/text.h"

namespace govnet::graph_fields {

// Takes the attributes out of a node or edge one field at a time; what is left is kept.
class Fields {
 public:
  Fields(const Attributes& attrs, const std::string& file, uint32_t line, uint32_t column,
         ImportReport* report)
      : attrs_(attrs),
        used_(attrs.size(), false),
        file_(file),
        line_(line),
        column_(column),
        report_(report) {}

  // The value of the first attribute named `name` (case-insensitive), marked as used.
  std::optional<std::string> take(std::string_view name) {
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (!used_[i] && ascii_lower(attrs_[i].first) == name) {
        used_[i] = true;
        return attrs_[i].second;
      }
    return std::nullopt;
  }
  // Puts a value back as a kept attribute and notes why it did not fit.
  void keep(std::string_view name, const std::string& value, const std::string& why) {
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (attrs_[i].first == name || ascii_lower(attrs_[i].first) == name) {
        used_[i] = false;
        break;
      }
    report_->note(
        {file_, line_, column_,
         why + "; kept as the text attribute '" + std::string(name) + "' = '" + value + "'"},
        NoteKind::kKeptAsText);
  }
  Attributes rest() const {
    Attributes out;
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (!used_[i]) out.push_back(attrs_[i]);
    return out;
  }
  bool has(std::string_view name) const {
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (!used_[i] && ascii_lower(attrs_[i].first) == name) return true;
    return false;
  }
  void note(const std::string& message, NoteKind kind = NoteKind::kOther) {
    report_->note({file_, line_, column_, message}, kind);
  }
  // A dynamic value left out, noted at its own position when the file gave one.
  void note_about(const PropertyDynamicValue& v, const std::string& message) {
    if (v.line == 0) return note(message, NoteKind::kLeftOut);
    report_->note({file_, v.line, v.column, message}, NoteKind::kLeftOut);
  }

 private:
  const Attributes& attrs_;
  std::vector<bool> used_;
  const std::string& file_;
  uint32_t line_, column_;
  ImportReport* report_;
};

std::vector<Evidence> take_evidence(Fields& f);
// The spells: govnet's own `govnet_spells` (or `govnet_start`/`govnet_end`, written with the
// dates' precision by govnet's exports) win over the file's native spells, which win over
// plain `start`/`end` attributes.
Spells take_spells(Fields& f, const std::vector<PropertySpell>& native,
                   std::string_view time_format);
Status take_status(Fields& f);
// A weight or amount; text that is no number is kept as text, a number that cannot be stored
// (values::tie_number_problem) sets *refused.
std::optional<double> take_number(Fields& f, const char* name, std::string* refused);
// A node's `type` (or igraph's / networkx's `bipartite`): actor unless it says instrument.
NodeType take_node_type(Fields& f);
// The node's name, else its label, else the one name its dynamic labels give, else its id.
std::string take_name(Fields& f, const std::string& id, const std::optional<std::string>& dynamic);
Family take_family(Fields& f, Family default_family);
// The record a node stands for, from the fields not yet taken (its spells are set apart).
Instrument read_instrument(Fields& f, const std::string& id, std::string name,
                           const std::optional<std::string>& kind_text);
Actor read_actor(Fields& f, const std::string& id, std::string name,
                 const std::optional<std::string>& kind_text);

}  // namespace govnet::graph_fields
