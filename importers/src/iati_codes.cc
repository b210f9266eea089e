#include "iati_codes.h"

#include "govnet/text.h"

namespace govnet::iati {
namespace {

constexpr Code kStatuses[] = {
    {"1", "Pipeline/identification", "proposed"},
    {"2", "Implementation", "in_force"},
    {"3", "Finalisation", "in_force"},  // work done, accounts still open
    {"4", "Closed", "ended"},
    {"5", "Cancelled", "ended"},
    {"6", "Suspended", "suspended"},
};

constexpr Code kRoles[] = {
    {"1", "Funding", "funder"},
    {"2", "Accountable", "accountable"},
    {"3", "Extending", "extending"},
    {"4", "Implementing", "implementer"},
};

constexpr Code kOrganisationTypes[] = {
    {"10", "Government", "state"},
    {"11", "Local Government", "subnational"},
    {"15", "Other Public Sector", "other"},
    {"21", "International NGO", "ngo"},
    {"22", "National NGO", "ngo"},
    {"23", "Regional NGO", "ngo"},
    {"24", "Partner Country based NGO", "ngo"},
    {"30", "Public Private Partnership", "private"},
    {"40", "Multilateral", "international_org"},
    {"60", "Foundation", "ngo"},
    {"70", "Private Sector", "private"},
    {"71", "Private Sector in Provider Country", "private"},
    {"72", "Private Sector in Aid Recipient Country", "private"},
    {"73", "Private Sector in Third Country", "private"},
    {"80", "Academic, Training and Research", "other"},
    {"90", "Other", "other"},
};

constexpr Code kTransactionTypes[] = {
    {"1", "Incoming Funds", "incoming_funds"},
    {"2", "Outgoing Commitment", "commitment"},
    {"3", "Disbursement", "disbursement"},
    {"4", "Expenditure", "expenditure"},
    {"5", "Interest Payment", "interest_payment"},
    {"6", "Loan Repayment", "loan_repayment"},
    {"7", "Reimbursement", "reimbursement"},
    {"8", "Purchase of Equity", "purchase_of_equity"},
    {"9", "Sale of Equity", "sale_of_equity"},
    {"10", "Credit Guarantee", "credit_guarantee"},
    {"11", "Incoming Commitment", "incoming_commitment"},
    {"12", "Outgoing Pledge", "pledge"},
    {"13", "Incoming Pledge", "incoming_pledge"},
};

constexpr Code kDescriptionTypes[] = {
    {"1", "General", ""},
    {"2", "Objectives", ""},
    {"3", "Target Groups", ""},
    {"4", "Other", ""},
};

}  // namespace

std::span<const Code> activity_statuses() { return kStatuses; }
std::span<const Code> organisation_roles() { return kRoles; }
std::span<const Code> organisation_types() { return kOrganisationTypes; }
std::span<const Code> transaction_types() { return kTransactionTypes; }
std::span<const Code> description_types() { return kDescriptionTypes; }

const Code* find(std::span<const Code> list, std::string_view code) {
  code = trim(code);
  for (const Code& c : list)
    if (c.code == code) return &c;
  return nullptr;
}

bool is_incoming(std::string_view t) {
  t = trim(t);
  return t == "1" || t == "11" || t == "13";
}

}  // namespace govnet::iati
