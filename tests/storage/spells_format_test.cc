// Spells in the stored format: records of several spells, dated weights and dated attributes
// survive the store and its view table, and records written without spells (one `period`, as
// tests/storage/records_before_spells.capnp has it) read as one spell, in a store too.
#include <capnp/message.h>
#include <capnp/serialize.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <string>
#include <vector>

#include "codec.h"
#include "format.h"
#include "govnet/analysis_graph.h"
#include "govnet/store.h"
#include "records_before_spells.capnp.h"
#include "rocks_patch.h"
#include "temp_dir.h"

namespace govnet {
namespace {

using testing::TempDir;
namespace old = govnet::schema_before_spells;

Date year(int y) { return Date{static_cast<int16_t>(y), 0, 0, Date::Precision::kYear}; }

std::string bytes_of(capnp::MessageBuilder& m) {
  kj::Array<capnp::word> words = capnp::messageToFlatArray(m);
  auto b = words.asBytes();
  return std::string(reinterpret_cast<const char*>(b.begin()), b.size());
}

// An instrument as a writer without spells wrote it: its period 2008-06 to 2012.
std::string instrument_before_spells(const std::string& key) {
  capnp::MallocMessageBuilder m;
  auto b = m.initRoot<old::Instrument>();
  b.setKey(key);
  b.setName("Mobility Partnership " + key);
  b.setKind(old::InstrumentKind::MOBILITY_PARTNERSHIP);
  auto p = b.initPeriod();
  p.initStart().setYear(2008);
  p.getStart().setMonth(6);
  p.getStart().setPrecision(2);
  p.initEnd().setYear(2012);
  p.getEnd().setPrecision(1);
  b.setStatus(old::Status::SIGNED);
  b.setDataset(1);
  return bytes_of(m);
}

TEST(SpellsFormat, RecordsWithoutSpellsReadAsOneSpell) {
  Instrument x;
  ASSERT_TRUE(codec::decode(instrument_before_spells("MP-MDA"), &x).ok());
  ASSERT_EQ(x.spells.size(), 1u);
  EXPECT_EQ(x.spells.to_string(), "2008-06–2012");
  EXPECT_EQ(x.status, Status::kSigned);

  capnp::MallocMessageBuilder m;
  auto t = m.initRoot<old::Tie>();
  t.setId(7);
  t.setFrom("EU");
  t.setTo("MDA");
  t.setHasWeight(true);
  t.setWeight(2.5);
  t.initPeriod().initStart().setYear(2009);
  t.getPeriod().getStart().setPrecision(1);
  Tie tie;
  ASSERT_TRUE(codec::decode(bytes_of(m), &tie).ok());
  EXPECT_EQ(tie.spells.to_string(), "2009–");
  EXPECT_TRUE(tie.dated_weights.empty());
  EXPECT_EQ(tie.weight, 2.5);

  capnp::MallocMessageBuilder am;
  auto a = am.initRoot<old::Actor>();
  a.setKey("IOM");
  a.setName("International Organization for Migration");
  Actor actor;
  ASSERT_TRUE(codec::decode(bytes_of(am), &actor).ok());
  EXPECT_TRUE(actor.spells.empty());
}

// Today's records of several spells keep them; their `period` is the hull, which is what a
// reader without spells sees.
TEST(SpellsFormat, SeveralSpellsRoundTripAndShowTheirHullToOlderReaders) {
  Tie t;
  t.id = 9;
  t.from = "EASO";
  t.to = "IOM";
  t.spells.add({year(2001), year(2004)});
  t.spells.add({year(2008), std::nullopt});
  t.dated_weights = {{{year(2001), year(2003)}, 2.0}, {{year(2004), std::nullopt}, 7.0}};
  t.dated_attributes = {{"status_text", "pilot", {year(2001), year(2002)}}};
  const std::string bytes = codec::encode(t);
  Tie back;
  ASSERT_TRUE(codec::decode(bytes, &back).ok());
  EXPECT_EQ(back, t);

  std::vector<capnp::word> words(bytes.size() / sizeof(capnp::word));
  std::memcpy(words.data(), bytes.data(), bytes.size());
  capnp::FlatArrayMessageReader reader(kj::arrayPtr(words.data(), words.size()));
  auto older = reader.getRoot<old::Tie>();
  EXPECT_EQ(older.getPeriod().getStart().getYear(), 2001);
  EXPECT_EQ(older.getPeriod().getEnd().getPrecision(), 0);  // open: the hull of 2008–

  Actor a;
  a.key = "EASO";
  a.name = "European Asylum Support Office";
  a.spells.add({year(2011), year(2021)});
  a.dated_attributes = {{"name", "EUAA", {year(2022), std::nullopt}}};
  Actor a_back;
  ASSERT_TRUE(codec::decode(codec::encode(a), &a_back).ok());
  EXPECT_EQ(a_back, a);
}

// A real store: spells go through the records and the view table; a view at a date in a gap
// lacks the record, one in a spell has it; an instrument record written without spells, put
// into the store behind its back, reads and checks clean.
TEST(SpellsFormat, StoreKeepsSpellsAndReadsRecordsWithoutThem) {
  TempDir tmp;
  const std::string dir = tmp.path("db");
  bool created = false;
  ASSERT_TRUE(Store::create(dir, &created).ok());
  Network net;
  for (const char* k : {"EASO", "IOM", "FRX"}) {
    Actor a;
    a.key = a.name = k;
    net.actors.push_back(a);
  }
  net.actors[0].spells.add({year(2001), year(2004)});
  net.actors[0].spells.add({year(2008), std::nullopt});
  Instrument x;
  x.key = "MP-MDA";
  x.name = "placeholder";
  x.spells = Period{year(1990), year(1991)};
  net.instruments.push_back(x);
  Tie t;
  t.from = "EASO";
  t.to = "IOM";
  t.weight = 1;
  t.dated_weights = {{{year(2004), std::nullopt}, 7.0}};
  net.ties.push_back(t);
  t.from = "IOM";
  t.to = "FRX";
  t.dated_weights.clear();
  net.ties.push_back(t);
  t.from = "FRX";
  t.to = "MP-MDA";
  t.to_instrument = true;
  net.ties.push_back(t);
  {
    std::unique_ptr<Store> s;
    ASSERT_TRUE(Store::open(dir, Store::Access::kReadWrite, &s).ok());
    ImportSummary summary;
    ASSERT_TRUE(s->import_dataset("d", net, {"f"}, "h", &summary).ok());
  }
  testing::with_column_family(
      dir, "instruments", [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* h) {
        ASSERT_TRUE(db->Put({}, h, "MP-MDA", instrument_before_spells("MP-MDA")).ok());
      });
  std::unique_ptr<Store> s;
  ASSERT_TRUE(Store::open(dir, Store::Access::kReadOnly, &s).ok());
  Actor easo;
  ASSERT_TRUE(s->get_actor("EASO", &easo).ok());
  EXPECT_EQ(easo.spells.to_string(), "2001–2004, 2008–");
  Instrument mp;
  ASSERT_TRUE(s->get_instrument("MP-MDA", &mp).ok());
  EXPECT_EQ(mp.spells.to_string(), "2008-06–2012");

  Network nodes;
  ASSERT_TRUE(s->load_view_nodes(&nodes).ok());
  ViewSpec spec;
  spec.kind = ViewKind::kDirect;
  spec.weight = WeightKind::kWeight;
  auto view_at = [&](int y) {
    spec.from = spec.to = year(y);
    Result status;
    std::string err;
    auto g = AnalysisGraph::build(nodes, s->tie_source(&status), spec, &err);
    EXPECT_TRUE(g) << err << status.message();
    double total = 0;
    for (const Link& l : g->links()) total += l.weight;
    return std::pair{g->links().size(), total};
  };
  EXPECT_EQ(view_at(2002), (std::pair<size_t, double>{2, 2.0}));
  EXPECT_EQ(view_at(2006), (std::pair<size_t, double>{1, 1.0}));  // EASO in its gap
  EXPECT_EQ(view_at(2009), (std::pair<size_t, double>{2, 8.0}));  // the dated weight 7
}

}  // namespace
}  // namespace govnet
