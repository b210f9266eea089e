#include "iati_records.h"

#include "govnet/countries.h"
#include "iati_codes.h"
#include "values.h"

namespace govnet::iati {

void Records::add(xml::Parser& p, const Activity& a) {
  const std::string reporting =
      a.reporting.empty() ? std::string() : org_node(a.reporting, a.line, a.column);
  add_instrument(a);
  add_participation(p, a, reporting);
  for (const Transaction& t : a.transactions) add_transaction(p, a, t, reporting);
  for (const auto& parent : a.parents) parents_[a.id].insert(parent);
  for (const auto& child : a.children) parents_[child].insert(a.id);
}

std::string Records::org_node(const Org& o, uint32_t line, uint32_t column) {
  std::string id = o.ref;
  if (id.empty()) {
    auto it = org_by_name_.find(o.name);
    id = it != org_by_name_.end() ? it->second : o.name;
  } else if (!o.name.empty()) {
    org_by_name_.emplace(o.name, id);
  }
  auto [it, fresh] = orgs_.try_emplace(id, OrgNode{o, orgs_.size(), line, column});
  if (!fresh) {
    Org& known = it->second.org;
    if (!o.name.empty() &&
        (known.name.empty() || (o.name_in_language && !known.name_in_language))) {
      known.name = o.name;
      known.name_in_language = o.name_in_language;
    }
    if (known.type.empty()) known.type = o.type;
  }
  return id;
}

std::vector<Evidence> Records::evidence_of(const Activity& a) const {
  std::vector<Evidence> out;
  std::string source = "IATI activity " + a.id;
  if (!a.reporting.name.empty()) source += ", reported by " + a.reporting.name;
  for (const auto& [type, text] : a.descriptions) {
    if (text.text.empty()) continue;
    const Code* c = find(description_types(), type);
    Evidence e;
    e.source = source;
    e.locator = "description (" + std::string(c ? c->name : type) + ")";
    e.quote = text.text;
    out.push_back(std::move(e));
  }
  for (Evidence e : a.documents) {
    if (e.source.empty()) e.source = e.url;
    if (!e.source.empty()) out.push_back(std::move(e));
  }
  return out;
}

void Records::add_instrument(const Activity& a) {
  PropertyNode n;
  n.id = a.id;
  n.line = a.line;
  n.column = a.column;
  Attributes& at = n.attributes;
  at.emplace_back("type", "instrument");
  at.emplace_back("name", a.title.text.empty() ? a.id : a.title.text);
  // Actual dates where known, else the planned ones.
  const std::string& start = a.dates[2].empty() ? a.dates[1] : a.dates[2];
  const std::string& end = a.dates[4].empty() ? a.dates[3] : a.dates[4];
  if (!start.empty()) at.emplace_back("start", start);
  if (!end.empty()) at.emplace_back("end", end);
  if (const Code* c = find(activity_statuses(), a.status)) {
    at.emplace_back("status", std::string(c->govnet));
    at.emplace_back("activity_status", std::string(c->name));
  } else if (!a.status.empty()) {
    at.emplace_back("activity_status", a.status);
  }
  if (!a.reporting.empty())
    at.emplace_back("reporting_org", a.reporting.ref.empty() ? a.reporting.name : a.reporting.ref);
  if (!a.currency.empty()) at.emplace_back("default_currency", a.currency);
  std::string countries;
  for (const auto& c : a.countries) countries += (countries.empty() ? "" : "|") + c;
  if (!countries.empty()) at.emplace_back("recipient_country", countries);
  const std::vector<Evidence> ev = evidence_of(a);
  if (!ev.empty()) at.emplace_back("evidence", values::evidence_to_json(ev));
  activity_node_.emplace(a.id, g_->nodes.size());
  g_->nodes.push_back(std::move(n));
}

// A tie from each participating organisation to the activity, by role; the reporting
// organisation's when it takes no part otherwise.
void Records::add_participation(xml::Parser& p, const Activity& a, const std::string& reporting) {
  std::set<std::pair<std::string, std::string>> seen;  // (node, role)
  bool reporter_takes_part = false;
  for (const Participant& part : a.participants) {
    if (part.org.empty()) {
      p.note("a participating-org with neither a ref nor a narrative was skipped");
      continue;
    }
    const std::string id = org_node(part.org, part.line, part.column);
    const Code* c = find(organisation_roles(), part.role);
    const std::string role = c ? std::string(c->govnet) : "participant";
    if (!c)
      p.note("participating-org role '" + part.role +
             "' is not 1-4; the tie's role is "
             "'participant'");
    if (!seen.emplace(id, role).second) continue;
    reporter_takes_part |= id == reporting;
    PropertyEdge e;
    e.source = id;
    e.target = a.id;
    e.line = part.line;
    e.column = part.column;
    e.attributes = {{"family", "funding"}, {"role", role}};
    if (c) e.attributes.emplace_back("iati_role", std::string(c->name));
    g_->edges.push_back(std::move(e));
  }
  if (reporting.empty() || reporter_takes_part) return;
  PropertyEdge e;
  e.source = reporting;
  e.target = a.id;
  e.line = a.line;
  e.column = a.column;
  e.attributes = {{"family", "other"}, {"role", "reporting"}};
  g_->edges.push_back(std::move(e));
}

// A funding tie from the provider (else the reporting organisation) to the receiver (else,
// for money coming in, the reporting organisation; else the activity itself).
void Records::add_transaction(xml::Parser& p, const Activity& a, const Transaction& t,
                              const std::string& reporting) {
  const std::string from = t.provider.empty() ? reporting : org_node(t.provider, t.line, t.column);
  if (from.empty()) {
    p.note("a transaction with no provider-org in an activity with no reporting-org was skipped");
    return;
  }
  std::string to = t.receiver.empty() ? std::string() : org_node(t.receiver, t.line, t.column);
  if (to.empty() && is_incoming(t.type) && from != reporting) to = reporting;
  if (to.empty() || to == from) to = a.id;
  PropertyEdge e;
  e.source = from;
  e.target = to;
  e.directed = true;
  e.line = t.line;
  e.column = t.column;
  const Code* c = find(transaction_types(), t.type);
  Attributes& at = e.attributes;
  at = {{"family", "funding"}, {"role", c ? std::string(c->govnet) : "transaction"}};
  at.emplace_back("amount", t.value);
  const std::string& currency = t.currency.empty() ? a.currency : t.currency;
  if (!currency.empty()) at.emplace_back("currency", currency);
  if (!t.date.empty()) {
    at.emplace_back("start", t.date);  // a transaction is an event: one day
    at.emplace_back("end", t.date);
  }
  at.emplace_back("transaction_type", c ? std::string(c->name) : t.type);
  if (to != a.id) at.emplace_back("activity", a.id);
  if (!t.ref.empty()) at.emplace_back("transaction_ref", t.ref);
  if (!t.provider_activity.empty()) at.emplace_back("provider_activity", t.provider_activity);
  if (!t.receiver_activity.empty()) at.emplace_back("receiver_activity", t.receiver_activity);
  if (!t.description.text.empty()) {
    Evidence ev;
    ev.source = "IATI activity " + a.id;
    ev.locator = t.ref.empty() ? "description" : "transaction " + t.ref;
    ev.quote = t.description.text;
    at.emplace_back("evidence", values::evidence_to_json({ev}));
  }
  g_->edges.push_back(std::move(e));
}

PropertyNode Records::org_record(const std::string& id, const OrgNode& node) const {
  const Org& o = node.org;
  PropertyNode n;
  n.id = id;
  n.line = node.line;
  n.column = node.column;
  const std::string name = o.name.empty() ? id : o.name;
  n.attributes.emplace_back("name", name);
  if (!o.ref.empty() && name != o.ref) n.attributes.emplace_back("aliases", o.ref);
  const Code* c = find(organisation_types(), o.type);
  std::string kind = c ? std::string(c->govnet) : std::string();
  // DAC channel 918 is the EU institutions (XM-DAC-918-3 is the European Commission).
  if (o.ref.rfind("XM-DAC-918", 0) == 0) kind = "eu_institution";
  const Country* country = name.size() > 3 ? find_country(name) : nullptr;
  if (country && (kind.empty() || kind == "state")) {
    kind = "state";
    n.attributes.emplace_back("iso3", country->alpha3);
  }
  if (!kind.empty()) n.attributes.emplace_back("kind", kind);
  if (c)
    n.attributes.emplace_back("organisation_type", std::string(c->name));
  else if (!o.type.empty())
    n.attributes.emplace_back("organisation_type", o.type);
  return n;
}

// Organisations become nodes once the file is read (their names and types may come late);
// activities that others name as parent are programmes.
void Records::finish() {
  std::vector<const std::pair<const std::string, OrgNode>*> order(orgs_.size());
  for (const auto& kv : orgs_) order[kv.second.order] = &kv;
  for (const auto* kv : order) g_->nodes.push_back(org_record(kv->first, kv->second));
  std::set<std::string> programmes;
  for (const auto& [child, parents] : parents_) {
    std::string list;
    for (const auto& parent : parents) {
      programmes.insert(parent);
      list += (list.empty() ? "" : "|") + parent;
    }
    if (auto it = activity_node_.find(child); it != activity_node_.end())
      g_->nodes[it->second].attributes.emplace_back("parent_activity", list);
  }
  for (const auto& [id, index] : activity_node_)
    g_->nodes[index].attributes.emplace_back(
        "kind", programmes.count(id) ? "funding_programme" : "project");
}

}  // namespace govnet::iati
