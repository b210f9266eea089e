// IATI activity files: the shipped sample arrives whole (every activity, organisation and
// transaction, with their values), organisation identifiers resolve to stored actors, broken
// files are refused at their exact line:column, and reading a stream equals reading the text.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "govnet/graph_import.h"
#include "govnet/govnet_csv.h"
#include "govnet/property_graph.h"
#include "../storage/temp_dir.h"

namespace govnet {
namespace {

const std::string kSample = std::string(GOVNET_SOURCE_DIR) + "/samples/iati/eutf-migration.xml";
const std::string kEc = "XM-DAC-918-3", kIom = "XM-DAC-47066";
const std::string kJoint = "XI-IATI-EC_INTPA-T05-EUTF-SAH-REG-0042";

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

PropertyGraph read_sample() {
  std::ifstream in(kSample, std::ios::binary);
  PropertyGraph g;
  std::vector<Problem> problems;
  EXPECT_TRUE(read_iati_stream(in, kSample, &g, &problems, {}))
      << (problems.empty() ? "" : problems[0].to_string());
  return g;
}

GraphImportResult import_sample(const GraphImportOptions& options = {}) {
  GraphImportResult r = import_property_graph(read_sample(), options);
  EXPECT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  return r;
}

const Actor* actor(const Network& n, const std::string& key) {
  for (const auto& a : n.actors)
    if (a.key == key) return &a;
  return nullptr;
}
const Instrument* instrument(const Network& n, const std::string& key) {
  for (const auto& x : n.instruments)
    if (x.key == key) return &x;
  return nullptr;
}
std::string attribute(const Attributes& attrs, const std::string& name) {
  for (const auto& [k, v] : attrs)
    if (k == name) return v;
  return "";
}
const Tie* tie_by_ref(const Network& n, const std::string& ref) {
  for (const auto& t : n.ties)
    if (attribute(t.attributes, "transaction_ref") == ref) return &t;
  return nullptr;
}

TEST(Iati, SniffedByItsRootElement) {
  EXPECT_EQ(sniff_graph_format("<?xml version=\"1.0\"?>\n<!-- c -->\n<iati-activities "
                               "version=\"2.03\">"),
            GraphFormat::kIati);
  EXPECT_EQ(sniff_graph_format(slurp(kSample).substr(0, 4096)), GraphFormat::kIati);
  EXPECT_EQ(parse_graph_format("iati"), GraphFormat::kIati);
}

// Six activities, eleven organisations, and every participation and transaction of the file.
TEST(Iati, TheSampleArrivesWhole) {
  const GraphImportResult r = import_sample();
  const Network& n = r.network;
  EXPECT_EQ(n.instruments.size(), 6u);
  // EC, Italy, Germany, IOM, Niger, CIVIPOL, Frontex, GIZ, UNHCR, Senegal, Mauritania.
  EXPECT_EQ(n.actors.size(), 11u);
  // 22 participations (the EC's two roles in the programme and in the joint initiative are two
  // ties each) and 14 transactions.
  EXPECT_EQ(n.ties.size(), 36u);
  EXPECT_EQ(std::count_if(n.ties.begin(), n.ties.end(),
                          [](const Tie& t) { return t.amount.has_value(); }),
            14);
  EXPECT_EQ(r.report.actors_created, 11u);
  EXPECT_EQ(r.report.instruments_created, 6u);
  EXPECT_EQ(r.report.ties_created, 36u);

  // One disbursement, as the file gives it.
  const Tie* d1 = tie_by_ref(n, "T05-EUTF-SAH-REG-0042-D1");
  ASSERT_NE(d1, nullptr);
  EXPECT_EQ(d1->from, kEc);
  EXPECT_EQ(d1->to, kIom);
  EXPECT_FALSE(d1->to_instrument);
  EXPECT_TRUE(d1->directed);
  EXPECT_EQ(d1->family, Family::kFunding);
  EXPECT_EQ(d1->role, "disbursement");
  EXPECT_EQ(d1->amount, 18500000.0);
  EXPECT_EQ(d1->currency, "EUR");
  ASSERT_TRUE(d1->spells.hull().start && d1->spells.hull().end);
  EXPECT_EQ(d1->spells.hull().start->to_string(), "2017-05-10");
  EXPECT_EQ(d1->spells.hull().end->to_string(), "2017-05-10");
  EXPECT_EQ(attribute(d1->attributes, "transaction_type"), "Disbursement");
  EXPECT_EQ(attribute(d1->attributes, "activity"), kJoint);
  ASSERT_EQ(d1->evidence.size(), 1u);
  EXPECT_EQ(d1->evidence[0].quote, "First pre-financing instalment to IOM");
  // Without a provider the reporting organisation paid; with decimals kept.
  const Tie* d2 = tie_by_ref(n, "T05-EUTF-SAH-REG-0042-D2");
  ASSERT_NE(d2, nullptr);
  EXPECT_EQ(d2->from, kEc);
  EXPECT_EQ(d2->amount, 16250000.5);
  // Incoming funds without a receiver went to the reporting organisation.
  const Tie* in = tie_by_ref(n, "EUTF-IN-IT-2016");
  ASSERT_NE(in, nullptr);
  EXPECT_EQ(in->from, "XM-DAC-6");
  EXPECT_EQ(in->to, kEc);
  EXPECT_EQ(in->role, "incoming_funds");
  // An expenditure without a receiver is spent on the activity itself.
  const Tie* e1 = tie_by_ref(n, "T05-EUTF-SAH-NE-0077-E1");
  ASSERT_NE(e1, nullptr);
  EXPECT_EQ(e1->from, "FR-RCS-417807522");
  EXPECT_EQ(e1->to, "XI-IATI-EC_INTPA-T05-EUTF-SAH-NE-0077");
  EXPECT_TRUE(e1->to_instrument);
  EXPECT_EQ(e1->role, "expenditure");
}

TEST(Iati, ActivitiesBecomeInstrumentsWithDatesStatusAndEvidence) {
  const Network n = import_sample().network;
  const Instrument* fund = instrument(n, "XI-IATI-EC_INTPA-T05-EUTF-0001");
  ASSERT_NE(fund, nullptr);
  EXPECT_EQ(fund->kind, InstrumentKind::kFundingProgramme);  // it names children
  EXPECT_EQ(fund->status, Status::kInForce);
  EXPECT_EQ(fund->name.substr(0, 24), "Emergency Trust Fund for");  // the English title
  const Instrument* joint = instrument(n, kJoint);
  ASSERT_NE(joint, nullptr);
  EXPECT_EQ(joint->kind, InstrumentKind::kProject);
  EXPECT_EQ(joint->spells.hull().start->to_string(), "2017-04-01");  // actual start over planned
  EXPECT_EQ(joint->spells.hull().end->to_string(), "2023-06-30");    // planned end: no actual one
  EXPECT_EQ(joint->status, Status::kInForce);                        // 3 Finalisation
  EXPECT_EQ(attribute(joint->attributes, "activity_status"), "Finalisation");
  EXPECT_EQ(attribute(joint->attributes, "parent_activity"), "XI-IATI-EC_INTPA-T05-EUTF-0001");
  EXPECT_EQ(attribute(joint->attributes, "recipient_country"), "NE|ML|SN");
  // Two descriptions and one document.
  ASSERT_EQ(joint->evidence.size(), 3u);
  EXPECT_EQ(joint->evidence[0].source,
            "IATI activity " + kJoint + ", reported by European Commission");
  EXPECT_EQ(joint->evidence[0].locator, "description (General)");
  EXPECT_EQ(joint->evidence[1].locator, "description (Objectives)");
  EXPECT_EQ(joint->evidence[2].url, "https://example.org/eutf/sah-reg-0042-action-document.pdf");
  EXPECT_EQ(joint->evidence[2].locator, "document category A02");
  const Instrument* niger = instrument(n, "XI-IATI-EC_INTPA-T05-EUTF-SAH-NE-0077");
  ASSERT_NE(niger, nullptr);
  EXPECT_EQ(niger->status, Status::kEnded);
  EXPECT_EQ(niger->spells.hull().end->to_string(), "2021-06-30");  // actual end
  EXPECT_EQ(instrument(n, "XI-IATI-EC_INTPA-T05-EUTF-SAH-REG-0088")->status, Status::kProposed);
}

TEST(Iati, OrganisationsBecomeActorsOfTheirKind) {
  const Network n = import_sample().network;
  const Actor* iom = actor(n, kIom);
  ASSERT_NE(iom, nullptr);
  EXPECT_EQ(iom->name, "International Organization for Migration");  // not the French narrative
  EXPECT_EQ(iom->kind, ActorKind::kInternationalOrg);
  EXPECT_EQ(attribute(iom->attributes, "organisation_type"), "Multilateral");
  EXPECT_EQ(actor(n, kEc)->kind, ActorKind::kEuInstitution);
  const Actor* niger = actor(n, "Niger");  // given without an identifier
  ASSERT_NE(niger, nullptr);
  EXPECT_EQ(niger->kind, ActorKind::kState);
  EXPECT_EQ(niger->iso3, "NER");
  EXPECT_EQ(actor(n, "XM-DAC-6")->iso3, "ITA");
  // Roles: IOM implements three activities and the EC both funds and extends the joint one.
  int implements = 0;
  std::vector<std::string> ec_roles;
  for (const auto& t : n.ties) {
    if (t.from == kIom && t.role == "implementer") ++implements;
    if (t.from == kEc && t.to == kJoint) ec_roles.push_back(t.role);
  }
  EXPECT_EQ(implements, 3);
  EXPECT_EQ(ec_roles, (std::vector<std::string>{"funder", "extending"}));
}

// An actor stored with IOM's organisation identifier as an alias is the one every IOM tie of
// the file reaches, though the names differ.
TEST(Iati, OrganisationIdentifiersResolveToStoredActors) {
  GraphImportOptions o;
  o.match = MatchBy::kAlias;
  o.match_ids_too = true;
  Actor known;
  known.key = "IOM";
  known.name = "IOM - UN Migration";
  known.kind = ActorKind::kInternationalOrg;
  known.aliases = {kIom};
  o.known_actors = {known};
  o.existing = [](const std::string& key) {
    return key == "IOM" ? std::optional(NodeType::kActor) : std::nullopt;
  };
  const GraphImportResult r = import_sample(o);
  EXPECT_EQ(r.report.merged, 1u);
  EXPECT_EQ(r.network.actors.size(), 10u);
  EXPECT_EQ(actor(r.network, kIom), nullptr);
  const Tie* d1 = tie_by_ref(r.network, "T05-EUTF-SAH-REG-0042-D1");
  ASSERT_NE(d1, nullptr);
  EXPECT_EQ(d1->to, "IOM");
  EXPECT_EQ(std::count_if(r.network.ties.begin(), r.network.ties.end(),
                          [](const Tie& t) { return t.from == "IOM" || t.to == "IOM"; }),
            8);  // three participations, five transactions
}

struct Broken {
  std::string body;  // inside <iati-activities>
  uint32_t line, column;
  const char* says;
};

TEST(Iati, BrokenFilesAreRefusedAtTheirPosition) {
  const std::string head = "<?xml version=\"1.0\"?>\n<iati-activities version=\"2.03\">\n";
  for (const Broken& b : {
           Broken{" <iati-activity>\n  <iati-identifier>A-1</iati-identifier>\n  <title>\n"
                  "   <narrative>x</narrative>\n  </titel>\n",
                  7, 5, "not well-formed XML: mismatched tag"},
           Broken{" <iati-activity>\n  <iati-identifier>A-1</iati-identifier>\n"
                  "  <transaction>\n   <transaction-type code=\"3\"/>\n"
                  "   <value currency=\"EUR\">1,500,000</value>\n  </transaction>\n"
                  " </iati-activity>\n</iati-activities>\n",
                  7, 4, "transaction value '1,500,000' is not a number"},
           Broken{" <iati-activity>\n  <title><narrative>no id</narrative></title>\n"
                  " </iati-activity>\n</iati-activities>\n",
                  3, 2, "activity without an <iati-identifier>"},
           Broken{" <iati-activity>\n  <iati-identifier>A-1</iati-identifier>\n"
                  "  <transaction ref=\"t\">\n   <transaction-type code=\"3\"/>\n  </transaction>\n"
                  " </iati-activity>\n</iati-activities>\n",
                  5, 3, "transaction without a <value>"},
       }) {
    PropertyGraph g;
    std::vector<Problem> problems;
    EXPECT_FALSE(read_iati(head + b.body, "broken.xml", &g, &problems, {})) << b.body;
    ASSERT_FALSE(problems.empty()) << b.body;
    EXPECT_EQ(problems[0].line, b.line) << problems[0].to_string();
    EXPECT_EQ(problems[0].column, b.column) << problems[0].to_string();
    EXPECT_NE(problems[0].message.find(b.says), std::string::npos) << problems[0].message;
    EXPECT_TRUE(g.nodes.empty());
  }
  PropertyGraph g;
  std::vector<Problem> problems;
  EXPECT_FALSE(read_iati("<iati-organisations version=\"2.03\"/>", "orgs.xml", &g, &problems, {}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].to_string().substr(0, 13), "orgs.xml:1:1:");
  EXPECT_NE(problems[0].message.find("not an IATI activity file"), std::string::npos);
}

// Read from a stream in blocks or from the text in memory: the same graph; a file many blocks
// long keeps no text between its elements.
TEST(Iati, AStreamReadsAsTheText) {
  std::string text = slurp(kSample);
  const size_t at = text.find(" <iati-activity ");
  const size_t end = text.rfind("</iati-activities>");
  std::string big = text.substr(0, at);
  const std::string one = text.substr(at, end - at);
  for (int copy = 0; copy < 400; ++copy) {  // over 2 MB: several blocks
    std::string c = one;
    for (size_t p = 0; (p = c.find("XI-IATI-EC_INTPA-T05", p)) != std::string::npos; p += 4)
      c.replace(p, 20, "XI-IATI-EC_INTPA-C" + std::to_string(copy));
    big += c;
  }
  big += "</iati-activities>\n";
  PropertyGraph from_text, from_stream;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_iati(big, "big.xml", &from_text, &problems, {}));
  std::istringstream in(big);
  ASSERT_TRUE(read_iati_stream(in, "big.xml", &from_stream, &problems, {}));
  EXPECT_EQ(from_text.nodes.size(), 400u * 6 + 11);
  ASSERT_EQ(from_stream.nodes.size(), from_text.nodes.size());
  ASSERT_EQ(from_stream.edges.size(), from_text.edges.size());
  EXPECT_EQ(from_text.edges.size(), 400u * 36);
  for (size_t i = 0; i < from_text.nodes.size(); i += 97) {
    EXPECT_EQ(from_stream.nodes[i].id, from_text.nodes[i].id);
    EXPECT_EQ(from_stream.nodes[i].line, from_text.nodes[i].line);
    EXPECT_EQ(from_stream.nodes[i].attributes, from_text.nodes[i].attributes);
  }
  // The hash of a file read in blocks is the hash of its bytes.
  testing::TempDir tmp;
  std::ofstream(tmp.path("big.xml"), std::ios::binary) << big;
  EXPECT_EQ(content_hash_of_file(tmp.path("big.xml")), content_hash({big}));
}

}  // namespace
}  // namespace govnet
