// How the activities of an IATI file become nodes and edges of a property graph (docs/iati.md):
// the activity as read, and the records made of it. Organisations are collected over the whole
// file and become nodes at its end, with the best name and type any sighting gave.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "govnet/property_graph.h"
#include "govnet/text.h"
#include "xml.h"

namespace govnet::iati {

struct Org {
  std::string ref, name, type;    // type: an OrganisationType code
  bool name_in_language = false;  // the name is a narrative in the activity's language
  bool empty() const { return ref.empty() && name.empty(); }
};

// The narrative in the activity's language (or with none given), else the first one.
struct Narrative {
  std::string text;
  bool preferred = false;
  void offer(std::string_view t, bool in_language) {
    t = trim(t);
    if (t.empty() || (preferred || (!text.empty() && !in_language))) return;
    text = std::string(t);
    preferred = in_language;
  }
};

struct Transaction {
  std::string type, date, value, currency, ref, provider_activity, receiver_activity;
  Narrative description;
  Org provider, receiver;
  uint32_t line = 0, column = 0;              // of <transaction>
  uint32_t value_line = 0, value_column = 0;  // of <value>
  bool has_value = false;
};

struct Participant {
  std::string role;  // an OrganisationRole code
  Org org;
  uint32_t line = 0, column = 0;
};

struct Activity {
  std::string id, status, currency, lang;
  Narrative title;
  Org reporting;
  std::string dates[5];  // by ActivityDateType code: 1 planned start ... 4 actual end
  std::vector<Participant> participants;
  std::vector<std::pair<std::string, Narrative>> descriptions;  // DescriptionType code, text
  std::vector<Evidence> documents;
  std::vector<Transaction> transactions;
  std::vector<std::string> countries, parents, children;
  uint32_t line = 0, column = 0;
};

// An organisation as first seen, and what later sightings added.
struct OrgNode {
  Org org;
  size_t order;
  uint32_t line, column;
};

class Records {
 public:
  explicit Records(PropertyGraph* g) : g_(g) {}
  // Adds the records of an activity that passed its checks.
  void add(xml::Parser& p, const Activity& a);
  // Adds the organisations, and each activity's kind and parents, once the file is read.
  void finish();

 private:
  std::string org_node(const Org& o, uint32_t line, uint32_t column);
  std::vector<Evidence> evidence_of(const Activity& a) const;
  void add_instrument(const Activity& a);
  void add_participation(xml::Parser& p, const Activity& a, const std::string& reporting);
  void add_transaction(xml::Parser& p, const Activity& a, const Transaction& t,
                       const std::string& reporting);
  PropertyNode org_record(const std::string& id, const OrgNode& o) const;

  PropertyGraph* g_;
  std::unordered_map<std::string, OrgNode> orgs_;             // node id -> organisation
  std::unordered_map<std::string, std::string> org_by_name_;  // name -> node id
  std::unordered_map<std::string, size_t> activity_node_;     // activity id -> node index
  std::map<std::string, std::set<std::string>> parents_;      // activity id -> parent ids
};

}  // namespace govnet::iati
