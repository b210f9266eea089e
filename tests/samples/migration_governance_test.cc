// The bundled sample: it imports cleanly, its facts are queryable, every record carries evidence,
// and every quote taken from the seed texts really is in them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <cstring>

#include "../storage/temp_dir.h"
#include "govnet/analysis_graph.h"
#include "govnet/govnet_csv.h"
#include "govnet/store.h"
#include "govnet/text.h"

namespace govnet {
namespace {

const std::string kSample = std::string(GOVNET_SOURCE_DIR) + "/samples/migration-governance/";
const std::string kGeneralKnowledge = "General knowledge, not stated in the seed texts";

CsvImportResult read_sample() {
  std::vector<CsvInput> in;
  for (const char* f : {"actors.csv", "instruments.csv", "ties.csv", "evidence.csv"})
    in.push_back({kSample + f, std::nullopt});
  return read_govnet_csv(in, {});
}

TEST(Sample, ImportsWithZeroProblems) {
  CsvImportResult r = read_sample();
  for (const auto& p : r.problems) ADD_FAILURE() << p.to_string();
  EXPECT_GE(r.network.actors.size(), 50u);
  EXPECT_GE(r.network.instruments.size(), 40u);
  EXPECT_GE(r.network.ties.size(), 150u);
}

TEST(Sample, MoldovaMobilityPartnershipIsQueryable) {
  testing::TempDir tmp;
  ASSERT_TRUE(Store::create(tmp.path("db")).ok());
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::open(tmp.path("db"), Store::Access::kReadWrite, &store).ok());
  CsvImportResult r = read_sample();
  ASSERT_TRUE(r.problems.empty());
  ImportSummary sum;
  ASSERT_TRUE(
      store->import_dataset("sample", std::move(r.network), r.files, r.content_hash, &sum).ok());

  Instrument mp;
  ASSERT_TRUE(store->get_instrument("MP-MDA", &mp).ok());
  ASSERT_TRUE(mp.spells.hull().start.has_value());
  EXPECT_EQ(mp.spells.hull().start->to_string(), "2008");
  EXPECT_EQ(mp.status, Status::kSigned);
  ASSERT_FALSE(mp.evidence.empty());
  EXPECT_NE(mp.evidence[0].quote.find("Moldova (2008)"), std::string::npos);
  std::vector<Tie> ties;
  ASSERT_TRUE(store->ties_of("MP-MDA", &ties).ok());
  std::map<std::string, std::string> role_of;
  for (const auto& t : ties) role_of[t.from] = t.role;
  EXPECT_EQ(role_of["MDA"], "partner country");
  EXPECT_EQ(role_of["EU-COM"], "signatory");
  EXPECT_EQ(role_of["EU-PRES"], "signatory");
  EXPECT_EQ(role_of["ITA"], "participating member state");

  // The other partnerships and their statuses, as the paper gives them.
  for (auto [key, status] :
       std::vector<std::pair<std::string, Status>>{{"MP-CPV", Status::kSigned},
                                                   {"MP-GEO", Status::kSigned},
                                                   {"MP-ARM", Status::kSigned},
                                                   {"MP-MAR", Status::kNegotiating},
                                                   {"MP-TUN", Status::kNegotiating},
                                                   {"MP-EGY", Status::kRefused},
                                                   {"KEN-NMP", Status::kStalled},
                                                   {"SEN-NMP", Status::kStalled}}) {
    Instrument x;
    ASSERT_TRUE(store->get_instrument(key, &x).ok()) << key;
    EXPECT_EQ(x.status, status) << key;
  }
  Instrument ken;
  ASSERT_TRUE(store->get_instrument("KEN-NMP", &ken).ok());
  EXPECT_EQ(ken.spells.hull().start->to_string(), "2009");
  // IOM runs the RCM's secretariat; EASO is found by its new name.
  ASSERT_TRUE(store->ties_of("RCM", &ties).ok());
  bool secretariat = false;
  for (const auto& t : ties) secretariat |= t.from == "IOM" && t.role == "secretariat";
  EXPECT_TRUE(secretariat);
  std::vector<SearchHit> hits;
  ASSERT_TRUE(store->search("EUAA", &hits).ok());
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].node.key, "EASO");
}

TEST(Sample, EveryRecordHasEvidenceAndGeneralKnowledgeIsMarked) {
  CsvImportResult r = read_sample();
  ASSERT_TRUE(r.problems.empty());
  auto check = [](const std::vector<Evidence>& ev, const std::string& what) {
    ASSERT_FALSE(ev.empty()) << what << " has no evidence";
    for (const auto& e : ev) {
      EXPECT_FALSE(e.source.empty()) << what;
      if (e.source == kGeneralKnowledge) continue;  // marked as such; may lack a quote
      EXPECT_FALSE(e.quote.empty()) << what << " cites the texts without a quote";
      EXPECT_FALSE(e.locator.empty()) << what << " cites the texts without a section";
    }
  };
  for (const auto& t : r.network.ties) check(t.evidence, "tie " + t.from + " -> " + t.to);
  for (const auto& a : r.network.actors) check(a.evidence, "actor " + a.key);
  for (const auto& x : r.network.instruments) check(x.evidence, "instrument " + x.key);
}

TEST(Sample, NoActorIsIsolatedWithoutAReason) {
  CsvImportResult r = read_sample();
  ASSERT_TRUE(r.problems.empty());
  std::string err;
  auto g = AnalysisGraph::build(r.network, {}, &err);  // the full view: every tie
  ASSERT_TRUE(g) << err;
  for (uint32_t i = 0; i < r.network.actors.size(); ++i) {
    if (g->vertex_of(NodeType::kActor, i)) continue;
    const Actor& a = r.network.actors[i];
    bool reason = false;
    for (const auto& [k, v] : a.attributes) reason |= k == "isolated_reason" && !v.empty();
    EXPECT_TRUE(reason) << a.key << " has no ties and no isolated_reason";
  }
}

// Each quote from the seed texts (pieces between [...] elisions) occurs in them, compared after
// folding case, accents and punctuation. The seed copy of the paper is OCR'd; the table fixes
// the few OCR errors that quotes touch, so that quotes keep the author's words.
TEST(Sample, QuotesAreInTheSeedTexts) {
  const std::string seeds = std::string(GOVNET_SOURCE_DIR) + "/../shared/seeds";
  if (!std::filesystem::is_directory(seeds)) GTEST_SKIP() << "no seed texts at " << seeds;
  std::string raw;
  for (const auto& f : std::filesystem::directory_iterator(seeds)) {
    std::ifstream in(f.path());
    std::stringstream s;
    s << in.rdbuf();
    raw += s.str() + "\n";
  }
  for (auto [ocr, fixed] : std::vector<std::pair<std::string, std::string>>{
           {"EASQO", "EASO"}, {"Séderképing", "Söderköping"}, {"programme27", "programme"}}) {
    for (size_t p = raw.find(ocr); p != std::string::npos; p = raw.find(ocr, p))
      raw.replace(p, ocr.size(), fixed);
  }
  const std::string text = normalize_for_search(raw);
  CsvImportResult r = read_sample();
  ASSERT_TRUE(r.problems.empty());
  size_t checked = 0;
  auto check = [&](const std::vector<Evidence>& ev, const std::string& what) {
    for (const auto& e : ev) {
      if (e.source == kGeneralKnowledge || e.quote.empty()) continue;
      ++checked;
      std::string q = e.quote;
      for (const char* cut : {"[...]", "..."})
        for (size_t p = q.find(cut); p != std::string::npos; p = q.find(cut))
          q.replace(p, std::strlen(cut), "\x01");
      std::stringstream pieces(q);
      for (std::string piece; std::getline(pieces, piece, '\x01');) {
        std::string n = normalize_for_search(piece);
        if (n.empty()) continue;
        EXPECT_NE(text.find(n), std::string::npos) << what << ": “" << piece << "”";
      }
    }
  };
  for (const auto& t : r.network.ties) check(t.evidence, "tie " + t.from + " -> " + t.to);
  for (const auto& a : r.network.actors) check(a.evidence, "actor " + a.key);
  for (const auto& x : r.network.instruments) check(x.evidence, "instrument " + x.key);
  EXPECT_GT(checked, 200u);
}

}  // namespace
}  // namespace govnet
