// The IATI 2.03 codelists govnet reads, each code with its name in the standard and what it
// becomes in govnet (docs/iati.md gives the tables).
#pragma once

#include <span>
#include <string_view>

namespace govnet::iati {

struct Code {
  std::string_view code;
  std::string_view name;    // as the codelist names it ("Implementation")
  std::string_view govnet;  // govnet's word for it: a status, a tie role, an actor kind
};

// ActivityStatus -> status (proposed, in_force, ended, suspended).
std::span<const Code> activity_statuses();
// OrganisationRole -> the role of the tie from the organisation to the activity.
std::span<const Code> organisation_roles();
// OrganisationType -> actor kind.
std::span<const Code> organisation_types();
// TransactionType -> the role of the funding tie ("disbursement").
std::span<const Code> transaction_types();
// DescriptionType -> (no govnet word; the name is the evidence's locator).
std::span<const Code> description_types();

// The entry for `code` (surrounding spaces ignored), or nullptr.
const Code* find(std::span<const Code> list, std::string_view code);

// Transaction types whose money comes into the activity (incoming funds, commitments, pledges):
// without a receiver, the reporting organisation received it.
bool is_incoming(std::string_view transaction_type);

}  // namespace govnet::iati
