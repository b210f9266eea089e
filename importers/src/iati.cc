// IATI activity files (standard 2.03) read into a property graph, one activity at a time, so a
// publisher's file of any size is read in memory bounded by what it defines, not by its size.
//
// Activities become instrument nodes; organisations (participating, reporting, providers and
// receivers of transactions) become actor nodes, one per organisation identifier (or name, for
// an organisation given without one); participation and transactions become edges. The
// attribute names are the ones the graph converter (graph_import.h) turns into govnet fields;
// docs/iati.md states the whole correspondence.
#include <istream>

#include "govnet/property_graph.h"
#include "govnet/text.h"
#include "iati_records.h"
#include "values.h"
#include "xml.h"

namespace govnet {
namespace {

using namespace iati;

class IatiHandler : public xml::Handler {
 public:
  explicit IatiHandler(PropertyGraph* g) : g_(g), records_(g) {}

  void start(xml::Parser& p, std::string_view name, const std::vector<xml::Attr>& a) override {
    path_.emplace_back(name);
    if (p.depth() == 1) return root(p, name, a);
    if (name == "iati-activity") return begin_activity(p, a);
    if (!act_) return;
    if (name == "narrative") {
      const std::string_view lang = xml::attr(a, "lang");
      narrative_in_language_ = lang.empty() || lang == act_->lang;
    } else if (name == "participating-org") {
      act_->participants.push_back(
          {std::string(trim(xml::attr(a, "role"))), org_from(a), p.line(), p.column()});
    } else if (name == "reporting-org") {
      act_->reporting = org_from(a);
    } else if (name == "activity-status") {
      act_->status = trim(xml::attr(a, "code"));
    } else if (name == "activity-date") {
      const std::string_view type = trim(xml::attr(a, "type"));
      if (type.size() == 1 && type[0] >= '1' && type[0] <= '4')
        act_->dates[type[0] - '0'] = trim(xml::attr(a, "iso-date"));
      else
        p.note("activity-date type '" + std::string(type) + "' is not 1-4; the date was not read");
    } else if (name == "description" && parent() == "iati-activity") {
      const std::string_view type = xml::attr(a, "type");
      act_->descriptions.emplace_back(type.empty() ? "1" : std::string(type), Narrative{});
    } else if (name == "related-activity") {
      related(a);
    } else if (name == "recipient-country") {
      act_->countries.emplace_back(trim(xml::attr(a, "code")));
    } else if (name == "document-link") {
      Evidence e;
      e.url = trim(xml::attr(a, "url"));
      act_->documents.push_back(std::move(e));
    } else if (name == "category" && parent() == "document-link") {
      act_->documents.back().locator = "document category " + std::string(xml::attr(a, "code"));
    } else if (name == "transaction") {
      if (!p.count_item()) return;
      Transaction t;
      t.line = p.line();
      t.column = p.column();
      t.ref = xml::attr(a, "ref");
      act_->transactions.push_back(std::move(t));
    } else if (parent() == "transaction") {
      transaction_part(p, name, a, &act_->transactions.back());
    }
  }

  void end(xml::Parser& p, std::string_view name, std::string_view text) override {
    if (act_) {
      if (name == "narrative")
        narrative(text);
      else if (name == "iati-identifier" && parent() == "iati-activity")
        act_->id = trim(text);
      else if (name == "value" && parent() == "transaction")
        act_->transactions.back().value = trim(text);
      else if (name == "iati-activity")
        finish_activity(p);
    }
    path_.pop_back();
    if (path_.empty() && problems.empty()) records_.finish();
  }

  std::vector<Problem> problems;

 private:
  std::string_view parent() const {
    return path_.size() >= 2 ? std::string_view(path_[path_.size() - 2]) : std::string_view();
  }
  std::string_view grandparent() const {
    return path_.size() >= 3 ? std::string_view(path_[path_.size() - 3]) : std::string_view();
  }

  void root(xml::Parser& p, std::string_view name, const std::vector<xml::Attr>& a) {
    if (name != "iati-activities") {
      p.fail("the root element is <" + std::string(name) +
             ">, not <iati-activities>; this is not an IATI activity file (an organisation "
             "file, <iati-organisations>, lists no activities)");
      return;
    }
    const std::string_view version = xml::attr(a, "version");
    if (!version.empty() && version.substr(0, 2) != "2.")
      p.note("the file declares IATI version " + std::string(version) +
             "; it was read as version 2.03 (elements of 1.x files may be missed)");
    file_lang_ = xml::attr(a, "lang");
    if (file_lang_.empty()) file_lang_ = "en";
    g_->graph_attributes.emplace_back("iati_version", std::string(version));
  }

  void begin_activity(xml::Parser& p, const std::vector<xml::Attr>& a) {
    if (!p.count_item()) return;
    act_ = std::make_unique<Activity>();
    act_->line = p.line();
    act_->column = p.column();
    act_->currency = trim(xml::attr(a, "default-currency"));
    act_->lang = xml::attr(a, "lang");
    if (act_->lang.empty()) act_->lang = file_lang_;
  }

  static Org org_from(const std::vector<xml::Attr>& a) {
    Org o;
    o.ref = trim(xml::attr(a, "ref"));
    o.type = trim(xml::attr(a, "type"));
    return o;
  }

  void related(const std::vector<xml::Attr>& a) {
    const std::string ref(trim(xml::attr(a, "ref")));
    const std::string_view type = trim(xml::attr(a, "type"));
    if (ref.empty()) return;
    if (type == "1") act_->parents.push_back(ref);
    if (type == "2") act_->children.push_back(ref);
  }

  void transaction_part(xml::Parser& p, std::string_view name, const std::vector<xml::Attr>& a,
                        Transaction* t) {
    if (name == "transaction-type") {
      t->type = trim(xml::attr(a, "code"));
    } else if (name == "transaction-date") {
      t->date = trim(xml::attr(a, "iso-date"));
    } else if (name == "value") {
      t->has_value = true;
      t->currency = trim(xml::attr(a, "currency"));
      if (t->date.empty()) t->date = trim(xml::attr(a, "value-date"));
      t->value_line = p.line();
      t->value_column = p.column();
    } else if (name == "provider-org") {
      t->provider = org_from(a);
      t->provider_activity = trim(xml::attr(a, "provider-activity-id"));
    } else if (name == "receiver-org") {
      t->receiver = org_from(a);
      t->receiver_activity = trim(xml::attr(a, "receiver-activity-id"));
    }
  }

  // A narrative's text goes to what its parent names.
  void narrative(std::string_view text) {
    const std::string_view p = parent(), g = grandparent();
    const bool in = narrative_in_language_;
    if (p == "title" && g == "iati-activity") {
      act_->title.offer(text, in);
    } else if (p == "title" && g == "document-link") {
      Evidence& e = act_->documents.back();
      if (e.source.empty()) e.source = trim(text);
    } else if (p == "description" && g == "iati-activity") {
      act_->descriptions.back().second.offer(text, in);
    } else if (p == "description" && g == "transaction") {
      act_->transactions.back().description.offer(text, in);
    } else if (p == "participating-org") {
      name_org(&act_->participants.back().org, text);
    } else if (p == "reporting-org") {
      name_org(&act_->reporting, text);
    } else if (p == "provider-org" && g == "transaction") {
      name_org(&act_->transactions.back().provider, text);
    } else if (p == "receiver-org" && g == "transaction") {
      name_org(&act_->transactions.back().receiver, text);
    }
  }
  void name_org(Org* o, std::string_view text) const {
    text = trim(text);
    if (text.empty() || (!o->name.empty() && (o->name_in_language || !narrative_in_language_)))
      return;
    o->name = text;
    o->name_in_language = narrative_in_language_;
  }

  // Problems are kept up to a bound (the command line shows at most --max-problems of them).
  void problem(uint32_t line, uint32_t column, std::string message) {
    if (problems.size() < 1000) problems.push_back({g_->file, line, column, std::move(message)});
  }

  void finish_activity(xml::Parser& p);

  PropertyGraph* g_;
  Records records_;
  std::vector<std::string> path_;  // names of the open elements
  std::string file_lang_ = "en";
  std::unique_ptr<Activity> act_;  // the activity being read
  bool narrative_in_language_ = true;
};

// Checks an activity, then adds its records; nothing is added once the file has problems.
void IatiHandler::finish_activity(xml::Parser& p) {
  const std::unique_ptr<Activity> a = std::move(act_);
  if (a->id.empty())
    problem(a->line, a->column,
            "activity without an <iati-identifier>; every activity needs one (it becomes the "
            "instrument's key)");
  for (const Transaction& t : a->transactions) {
    if (!t.has_value)
      problem(t.line, t.column,
              "transaction without a <value>; give the amount it moved, e.g. <value "
              "currency=\"EUR\" value-date=\"2019-05-01\">250000</value>");
    else if (!values::number(t.value))
      problem(t.value_line, t.value_column,
              "transaction value '" + t.value +
                  "' is not a number; write digits with a decimal point (1500000.00), without "
                  "currency signs or thousands separators");
  }
  if (!problems.empty()) return;
  records_.add(p, *a);
}

bool read_iati_with(xml::Parser& parser, PropertyGraph& g, PropertyGraph* out,
                    std::vector<Problem>* problems) {
  IatiHandler handler(&g);
  std::vector<Problem> xml_problems;
  const bool parsed = parser.parse(handler, &xml_problems);
  // The activities' problems come before the place where the XML broke off.
  problems->insert(problems->end(), handler.problems.begin(), handler.problems.end());
  problems->insert(problems->end(), xml_problems.begin(), xml_problems.end());
  if (!parsed || !handler.problems.empty()) return false;
  *out = std::move(g);
  return true;
}

}  // namespace

bool read_iati(std::string_view data, const std::string& file, PropertyGraph* out,
               std::vector<Problem>* problems, const GraphReadLimits& limits) {
  PropertyGraph g;
  g.file = file;
  g.node_noun = "organisation";
  xml::Parser parser(data, file, limits, &g.notes);
  return read_iati_with(parser, g, out, problems);
}

bool read_iati_stream(std::istream& in, const std::string& file, PropertyGraph* out,
                      std::vector<Problem>* problems, const GraphReadLimits& limits) {
  PropertyGraph g;
  g.file = file;
  g.node_noun = "organisation";
  xml::Parser parser(in, file, limits, &g.notes);
  return read_iati_with(parser, g, out, problems);
}

}  // namespace govnet
