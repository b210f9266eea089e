// Mapping imports: the shipped examples against the migration-governance sample, date formats,
// actor resolution, and mapping errors at their exact position.
#include <gtest/gtest.h>

#include <filesystem>

#include <fstream>
#include <sstream>

#include "govnet/countries.h"
#include "govnet/govnet_csv.h"
#include "govnet/mapping.h"

namespace govnet {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}
const std::string kRoot = GOVNET_SOURCE_DIR;

// The sample's actors, as a store would hold them.
std::vector<Actor> sample_actors() {
  const std::string dir = kRoot + "/samples/migration-governance/";
  auto r = read_govnet_csv(std::vector<CsvInput>{{dir + "actors.csv", {}}}, {});
  EXPECT_TRUE(r.problems.empty());
  return r.network.actors;
}

MappingImportResult run(const std::string& name, bool create_missing = false) {
  MappingImportOptions o;
  o.known_actors = sample_actors();
  o.resolver.create_missing = create_missing;
  const std::string dir = kRoot + "/samples/mappings/";
  return import_with_mapping(name + ".toml", slurp(dir + name + ".toml"), name + ".csv",
                             slurp(dir + name + ".csv"), o);
}

TEST(Mapping, ReadmissionAgreementsSplitSignatoriesAndReadDayFirstDates) {
  auto r = run("readmission-agreements");
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  EXPECT_EQ(r.dataset, "readmission-agreements");
  ASSERT_EQ(r.network.instruments.size(), 4u);
  const Instrument& mda = r.network.instruments[0];
  EXPECT_EQ(mda.kind, InstrumentKind::kReadmissionAgreement);
  EXPECT_EQ(mda.spells.hull().start->to_string(), "2008-01-01");
  EXPECT_EQ(mda.status, Status::kInForce);
  EXPECT_EQ(mda.evidence.size(), 1u);
  EXPECT_EQ(r.network.instruments[3].status, Status::kNegotiating);
  // "European Union, Republic of Moldova" -> EU (alias) and MDA (the sample's alias).
  ASSERT_EQ(r.network.ties.size(), 8u);
  EXPECT_EQ(r.network.ties[0].from, "EU");
  EXPECT_EQ(r.network.ties[1].from, "MDA");
  EXPECT_EQ(r.network.ties[3].from, "CPV");  // "Cape Verde" by name, split on " and "
  EXPECT_EQ(r.network.ties[5].from, "GEO");  // split on ";"
  EXPECT_TRUE(r.network.actors.empty());
  EXPECT_EQ(r.report.merged, 8u);
}

TEST(Mapping, TrustFundProjectsNeedCreateMissingAndThenCreateStatesByIsoCode) {
  auto refused = run("trust-fund-projects");
  ASSERT_EQ(refused.problems.size(), 7u);
  EXPECT_EQ(refused.problems[0].line, 2u);
  EXPECT_EQ(refused.problems[0].column, 61u);  // the implementers cell
  EXPECT_NE(refused.problems[0].message.find("no actor matches 'GIZ'"), std::string::npos);
  EXPECT_TRUE(refused.network.ties.empty());

  auto r = run("trust-fund-projects", true);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  EXPECT_EQ(r.report.actors_created, 7u);
  bool sudan = false;
  for (const auto& a : r.network.actors)
    if (a.key == "SDN") {
      sudan = true;
      EXPECT_EQ(a.kind, ActorKind::kState);
      EXPECT_EQ(a.iso3, "SDN");
    }
  EXPECT_TRUE(sudan);
  double funded = 0;
  for (const auto& t : r.network.ties)
    if (t.family == Family::kFunding) {
      EXPECT_EQ(t.from, "EU");
      EXPECT_TRUE(t.directed);
      EXPECT_EQ(t.currency, "EUR");
      funded += t.amount.value_or(0);
    }
  EXPECT_EQ(funded, 46e6 + 26e6 + 5e6);  // "46,000,000" and "5 000 000" read as numbers
}

TEST(Mapping, RatificationRowsMergeIntoOneTreaty) {
  auto r = run("ratifications");
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_EQ(r.network.instruments.size(), 1u);
  EXPECT_EQ(r.network.instruments[0].key, "TREATY:UN Migrant Workers Convention");
  ASSERT_EQ(r.network.ties.size(), 3u);
  EXPECT_EQ(r.network.ties[0].status, Status::kInForce);
  EXPECT_EQ(r.network.ties[0].spells.hull().start->to_string(), "1999");
}

TEST(Mapping, DateFormats) {
  EXPECT_EQ(parse_date_format("27/03/2009", "DD/MM/YYYY")->to_string(), "2009-03-27");
  EXPECT_EQ(parse_date_format("3/27/2009", "M/D/YYYY")->to_string(), "2009-03-27");
  EXPECT_EQ(parse_date_format("27 March 2009", "D MMMM YYYY")->to_string(), "2009-03-27");
  EXPECT_EQ(parse_date_format("Mar 2009", "MMM YYYY")->to_string(), "2009-03");
  EXPECT_EQ(parse_date_format("2009", "YYYY")->to_string(), "2009");
  EXPECT_FALSE(parse_date_format("31/02/2009", "DD/MM/YYYY"));
  EXPECT_FALSE(parse_date_format("2009-03", "DD/MM/YYYY"));
}

TEST(Mapping, CountriesByNameCodeAndEverydaySpelling) {
  EXPECT_GE(country_count(), 249u);
  EXPECT_EQ(find_country("Ivory Coast")->alpha3, "CIV");
  EXPECT_EQ(find_country("côte d'ivoire")->alpha3, "CIV");
  EXPECT_EQ(find_country("SN")->alpha3, "SEN");
  EXPECT_EQ(find_country("Moldova, Republic of")->alpha3, "MDA");
  EXPECT_EQ(find_country("FRONTEX"), nullptr);
}

// The languages of the field, from iso-codes' translations, and the short forms tables use.
TEST(Mapping, CountriesInFrenchSpanishPortugueseGermanAndArabic) {
  const std::vector<std::pair<const char*, const char*>> names = {
      {"Mauritanie", "MRT"},
      {"Tchad", "TCD"},
      {"Cameroun", "CMR"},
      {"Guinée", "GIN"},
      {"Sénégal", "SEN"},
      {"Maroc", "MAR"},
      {"Côte d’Ivoire", "CIV"},
      {"Marruecos", "MAR"},
      {"Camerún", "CMR"},
      {"Alemania", "DEU"},
      {"Camarões", "CMR"},
      {"Marrocos", "MAR"},
      {"Deutschland", "DEU"},
      {"Tschad", "TCD"},
      {"موريتانيا", "MRT"},
      {"المغرب", "MAR"},
      {"DR Congo", "COD"},
      {"Congo (Kinshasa)", "COD"},
      {"Congo (Brazzaville)", "COG"},
      {"Democratic Republic of the Congo", "COD"},
      {"République démocratique du Congo", "COD"},
  };
  for (const auto& [name, code] : names) {
    const Country* c = find_country(name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_EQ(c->alpha3, code) << name;
  }
}

// Created actors named in French are states with their ISO codes, and the report counts its
// notes by kind before listing them.
TEST(Mapping, FrenchNamesCreateStatesAndNotesAreCountedByKind) {
  const char* toml = "[[ties]]\nfrom = { column = \"pays\" }\nto = { column = \"avec\" }\n";
  MappingImportOptions o;
  o.resolver.create_missing = true;
  auto r = import_with_mapping("m.toml", toml, "t.csv",
                               "pays,avec\nMauritanie,Tchad\nCameroun,Guinée\nTchad,Tchad\n", o);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_EQ(r.network.actors.size(), 4u);
  for (const auto& a : r.network.actors) {
    EXPECT_EQ(a.kind, ActorKind::kState) << a.name;
    EXPECT_EQ(a.iso3, a.key);
  }
  EXPECT_EQ(r.network.actors[0].key, "MRT");
  EXPECT_EQ(r.network.actors[0].name, "Mauritania");
  std::ostringstream out;
  r.report.print(out);
  EXPECT_NE(out.str().find("\n  notes by kind: 4 created, 1 skipped\n"), std::string::npos)
      << out.str();
}

TEST(Mapping, AmbiguousNamesAreProblems) {
  std::vector<Actor> known(2);
  known[0].key = "A1";
  known[0].name = "Commission";
  known[1].key = "A2";
  known[1].name = "Other";
  known[1].aliases = {"commission"};
  ActorResolver r(known, {});
  auto o = r.resolve("the  COMMISSION");
  EXPECT_EQ(o.kind, ActorResolver::Outcome::kFailed);  // "the commission" matches nothing
  o = r.resolve("Commission");
  EXPECT_EQ(o.kind, ActorResolver::Outcome::kFailed);
  EXPECT_NE(o.message.find("A1, A2"), std::string::npos);
}

struct BadMapping {
  const char* text;
  uint32_t line, column;
  const char* says;
};
class BadMappings : public ::testing::TestWithParam<BadMapping> {};
TEST_P(BadMappings, FailAtTheirPosition) {
  const auto& b = GetParam();
  auto r = import_with_mapping("m.toml", b.text, "t.csv", "name,who\nX,EU\n", {});
  ASSERT_FALSE(r.problems.empty());
  EXPECT_EQ(r.problems[0].file, "m.toml");
  EXPECT_EQ(r.problems[0].line, b.line) << r.problems[0].to_string();
  EXPECT_EQ(r.problems[0].column, b.column) << r.problems[0].to_string();
  EXPECT_NE(r.problems[0].message.find(b.says), std::string::npos) << r.problems[0].to_string();
}
INSTANTIATE_TEST_SUITE_P(
    Mapping, BadMappings,
    ::testing::Values(
        BadMapping{"[instrument]\nname = { column = \"name\" \n", 2, 26, "not valid TOML"},
        BadMapping{"[instrument]\nname = { column = \"title\" }\n", 2, 8,
                   "column 'title' is not in the table's header"},
        BadMapping{"[instrument]\nname = { colum = \"name\" }\n", 2, 18, "unknown setting 'colum'"},
        BadMapping{"[[ties]]\nfrom = { column = \"who\" }\n", 1, 1, "needs 'to'"},
        BadMapping{"[actors]\ncreate_kind = \"nation\"\n", 2, 15, "unknown actor kind"},
        // toml++ 3.3 reaches undefined behaviour on these: they never get to it.
        BadMapping{"[instrument]\nname = Frontière\n", 2, 14, "non-ASCII character outside quotes"},
        BadMapping{"[actors] # ok: é\ncreate_kind = \"state\" é\n", 2, 23,
                   "non-ASCII character outside quotes"},
        BadMapping{"x = '''é'''\ny = \"\"\"\\\"é\"\"\"\n[ties]ϑ\n", 3, 7,
                   "non-ASCII character outside quotes"},
        BadMapping{"[instrument]\nname = \"Fr\xE8re\"\n", 2, 11, "invalid UTF-8"},
        BadMapping{"[instrument]\nname = -\x1B\"x\"\n", 2, 9, "control character 0x1B"}));

// Non-ASCII text where TOML allows it: in strings and comments.
TEST(Mapping, NonAsciiInStringsAndCommentsIsFine) {
  auto r = import_with_mapping("m.toml",
                               "# Frontière, Überblick\ndataset = 'Européen'\n[instrument]\n"
                               "name = { column = \"name\" } # nom\nkind = \"agreement\"\n",
                               "t.csv", "name\nAccord de réadmission\n", {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_EQ(r.network.instruments.size(), 1u);
  EXPECT_EQ(r.network.instruments[0].name, "Accord de réadmission");
}

// Text toml++ 3.3 must not see raw (é, Cyrillic, kana, Arabic presentation forms) reaches the
// import unchanged: in the dataset name, column names and map keys.
TEST(Mapping, TextOfEveryScriptSurvivesTheTomlReader) {
  const std::string mapping =
      "dataset = \"Données — ひらがな ﺍ\"\n[instrument]\nname = { column = \"Intitulé\" }\n"
      "kind = \"agreement\"\nstatus = { column = \"État\", map = { \"Ратифицировано\" = "
      "\"in_force\" } }\n";
  EXPECT_EQ(mapping_dataset(mapping), "Données — ひらがな ﺍ");
  auto r = import_with_mapping("m.toml", mapping, "t.csv",
                               "Intitulé,État\nAccord ひ,Ратифицировано\n", {});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_EQ(r.network.instruments.size(), 1u);
  EXPECT_EQ(r.network.instruments[0].name, "Accord ひ");
  EXPECT_EQ(r.network.instruments[0].status, Status::kInForce);
  // A malformed value before quoted text of those scripts: toml++'s error, at its position.
  auto bad = import_with_mapping("m.toml", "[instrument]\nname = 0r\"Intitulé\"\n", "t.csv",
                                 "Intitulé\nX\n", {});
  ASSERT_FALSE(bad.problems.empty());
  EXPECT_EQ(bad.problems[0].line, 2u) << bad.problems[0].to_string();
  EXPECT_NE(bad.problems[0].message.find("not valid TOML"), std::string::npos)
      << bad.problems[0].to_string();
  // The stand-ins themselves are refused.
  auto stand_in =
      import_with_mapping("m.toml", "dataset = \"\xEE\x80\x81\"\n", "t.csv", "a\nb\n", {});
  ASSERT_FALSE(stand_in.problems.empty());
  EXPECT_EQ(stand_in.problems[0].column, 12u) << stand_in.problems[0].to_string();
  EXPECT_NE(stand_in.problems[0].message.find("private-use character U+E001"), std::string::npos);
}

// Inputs the fuzzer found (tests/data/fuzz/mapping; the first byte chose mapping or table):
// each is refused with a positioned problem, without a crash or a sanitizer report.
TEST(Mapping, FuzzFindingsAreRefusedAtAPosition) {
  const std::string dir = std::string(GOVNET_SOURCE_DIR) + "/tests/data/fuzz/mapping";
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream f(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(bytes.empty());
    auto r =
        import_with_mapping("m.toml", std::string_view(bytes).substr(1), "t.csv", "name\nX\n", {});
    ASSERT_FALSE(r.problems.empty()) << entry.path();
    EXPECT_GT(r.problems[0].line, 0u) << entry.path();
    EXPECT_GT(r.problems[0].column, 0u) << entry.path();
    ++files;
  }
  EXPECT_GE(files, 1u);
}

}  // namespace
// A `spells` column gives several periods; one that is not spells is kept as text and noted.
TEST(Mapping, SpellsColumnGivesSeveralPeriods) {
  const std::string toml =
      "[instrument]\nname = { column = \"title\" }\nspells = { column = \"years\" }\n"
      "[[ties]]\nfrom = { column = \"party\" }\nto = \"instrument\"\n"
      "spells = { column = \"years\" }\n";
  const std::string csv =
      "title,party,years\nRabat Process,Morocco,2006-2010;2014-\nKhartoum Process,Sudan,soon\n";
  MappingImportOptions o;
  o.known_actors = sample_actors();
  o.resolver.create_missing = true;
  auto r = import_with_mapping("m.toml", toml, "t.csv", csv, o);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  ASSERT_EQ(r.network.instruments.size(), 2u);
  EXPECT_EQ(r.network.instruments[0].spells.to_string(), "2006–2010, 2014–");
  EXPECT_EQ(r.network.ties[0].spells.to_string(), "2006–2010, 2014–");
  EXPECT_TRUE(r.network.instruments[1].spells.empty());
  EXPECT_EQ(r.network.instruments[1].attributes, (Attributes{{"years", "soon"}}));
}

}  // namespace govnet
