#include "govnet/model.h"

#include <gtest/gtest.h>

#include "govnet/text.h"

namespace govnet {
namespace {

TEST(Date, ParsesEachPrecision) {
  std::string err;
  auto y = parse_date("2008", &err);
  ASSERT_TRUE(y) << err;
  EXPECT_EQ(y->precision, Date::Precision::kYear);
  EXPECT_EQ(y->to_string(), "2008");
  auto m = parse_date("2009-05", &err);
  ASSERT_TRUE(m) << err;
  EXPECT_EQ(m->to_string(), "2009-05");
  auto d = parse_date("2012-02-29", &err);
  ASSERT_TRUE(d) << err;
  EXPECT_EQ(d->to_string(), "2012-02-29");
}

TEST(Date, RejectsImpossibleAndMalformed) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c :
       {Case{"2009-02-29", "day 29 does not exist in 2009-02"},
        Case{"2009-13", "month 13 does not exist in '2009-13'"},
        Case{"2009-04-31", "day 31 does not exist in 2009-04"},
        Case{"09", "'09' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"},
        Case{"2009/01", "'2009/01' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"},
        Case{"", "'' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"}}) {
    std::string err;
    EXPECT_FALSE(parse_date(c.text, &err)) << c.text;
    EXPECT_EQ(err, c.message) << c.text;
  }
}

TEST(Date, OrderingUsesPrecision) {
  std::string err;
  auto y2009 = *parse_date("2009", &err);
  auto mid = *parse_date("2009-06-15", &err);
  EXPECT_LT(y2009.earliest(), mid.earliest());
  EXPECT_GT(y2009.latest(), mid.latest());
  EXPECT_EQ(parse_date("2009-12-31", &err)->earliest(), y2009.latest());
}

TEST(Period, OverlapWithOpenEnds) {
  std::string err;
  Period p{parse_date("2008", &err), std::nullopt};  // 2008, ongoing
  EXPECT_TRUE(p.overlaps(parse_date("2012", &err), parse_date("2013", &err)));
  EXPECT_FALSE(p.overlaps(parse_date("2005", &err), parse_date("2007-12-31", &err)));
  EXPECT_TRUE(p.overlaps(parse_date("2005", &err), parse_date("2008-01", &err)));
  Period closed{parse_date("2005", &err), parse_date("2006", &err)};
  EXPECT_FALSE(closed.overlaps(parse_date("2007", &err), std::nullopt));
  EXPECT_TRUE(closed.overlaps(std::nullopt, std::nullopt));
  EXPECT_EQ(closed.to_string(), "2005–2006");
}

TEST(Vocabulary, RoundTripsAndRejects) {
  EXPECT_EQ(parse_actor_kind("eu_agency"), ActorKind::kEuAgency);
  EXPECT_EQ(to_string(ActorKind::kRegionalProcess), "regional_process");
  EXPECT_EQ(parse_status("in_force"), Status::kInForce);
  EXPECT_EQ(parse_family("funding"), Family::kFunding);
  EXPECT_FALSE(parse_family("Funding"));
  EXPECT_FALSE(parse_instrument_kind("treaty"));
  EXPECT_EQ(parse_instrument_kind("mobility_partnership"), InstrumentKind::kMobilityPartnership);
}

TEST(Text, NormalizeFoldsCaseAccentsAndPunctuation) {
  EXPECT_EQ(normalize_for_search("Söderköping  Process"), "soderkoping process");
  EXPECT_EQ(normalize_for_search("soderkoping-process"), "soderkoping process");
  EXPECT_EQ(normalize_for_search("  République de Moldova "), "republique de moldova");
  EXPECT_EQ(normalize_for_search("Łódź"), "lodz");
  EXPECT_EQ(normalize_for_search("Straße"), "strasse");
  EXPECT_EQ(normalize_for_search("Cabo Verde / Cape Verde"), "cabo verde cape verde");
  EXPECT_EQ(normalize_for_search("Ελλάδα"), "Ελλάδα");  // other scripts are kept
}

TEST(Text, Utf8Validation) {
  EXPECT_EQ(find_invalid_utf8("Sénégal"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("ab\xC3"), 2u);         // truncated sequence
  EXPECT_EQ(find_invalid_utf8("a\xC0\xAF"), 1u);      // overlong '/'
  EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);  // surrogate
  EXPECT_EQ(utf8_length("Sénégal"), 7u);
}

TEST(Text, XmlEscapeKeepsTextAndDropsWhatXmlCannotHold) {
  EXPECT_EQ(xml_escape("EU & \"IOM\" <x>"), "EU &amp; &quot;IOM&quot; &lt;x&gt;");
  EXPECT_EQ(xml_escape("a\nb\tc"), "a&#10;b&#9;c");
  EXPECT_EQ(xml_escape(std::string("x\x1b[2J", 5)), "x\xEF\xBF\xBD[2J");
  EXPECT_EQ(xml_escape("Côte d’Ivoire"), "Côte d’Ivoire");
}

Date year_of(int y) { return Date{static_cast<int16_t>(y), 0, 0, Date::Precision::kYear}; }

TEST(Spells, ParseCellsWithGapsOpenEndsAndPrecision) {
  std::string err;
  auto s = parse_spells("2008-;2001-2004", &err);
  ASSERT_TRUE(s) << err;
  ASSERT_EQ(s->size(), 2u);  // in start order
  EXPECT_EQ(s->to_string(), "2001–2004, 2008–");
  EXPECT_FALSE(s->periods[1].end);
  // What to_string writes reads back the same.
  auto again = parse_spells(s->to_string(), &err);
  ASSERT_TRUE(again) << err;
  EXPECT_EQ(*again, *s);
  auto m = parse_spells("2005-03/2006-03-31; 2009-04; -1999", &err);
  ASSERT_TRUE(m) << err;
  ASSERT_EQ(m->size(), 3u);
  EXPECT_EQ(m->periods[0].to_string(), "–1999");
  EXPECT_EQ(m->periods[1].to_string(), "2005-03–2006-03-31");
  EXPECT_EQ(m->periods[2].to_string(), "2009-04–2009-04");  // one month: both ends
  EXPECT_EQ(m->periods[1].start->precision, Date::Precision::kMonth);
  EXPECT_FALSE(parse_spells("2004-2001", &err));
  EXPECT_EQ(err, "spell '2004-2001' ends before it starts");
  EXPECT_FALSE(parse_spells("2001-2004;spring", &err));
  EXPECT_NE(err.find("'spring' is not a spell"), std::string::npos) << err;
  EXPECT_FALSE(parse_spells("2009-02-30/", &err));
  EXPECT_EQ(err, "day 30 does not exist in 2009-02");
  auto empty = parse_spells(" ; ", &err);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(Spells, GapsAreAbsencesAndTheHullSpansAll) {
  Spells s;
  s.add(Period{year_of(2008), std::nullopt});
  s.add(Period{year_of(2001), year_of(2004)});
  s.add(Period{});  // empty periods are not spells
  ASSERT_EQ(s.size(), 2u);
  EXPECT_TRUE(s.overlaps(year_of(2003), year_of(2003)));
  EXPECT_FALSE(s.overlaps(year_of(2006), year_of(2006)));  // in the gap
  EXPECT_TRUE(s.overlaps(year_of(2030), year_of(2030)));   // open end
  EXPECT_TRUE(s.overlaps(year_of(2005), year_of(2008)));   // an interval reaching a spell
  EXPECT_FALSE(s.overlaps(year_of(1990), year_of(2000)));
  EXPECT_EQ(s.hull().to_string(), "2001–");
  EXPECT_FALSE(Spells().overlaps(year_of(2001), year_of(2001)));
}

TEST(Spells, DatedWeightAtADateElseTheTiesOwn) {
  std::vector<DatedWeight> w = {{Period{year_of(2001), year_of(2003)}, 2.0},
                                {Period{year_of(2004), std::nullopt}, 5.0}};
  EXPECT_EQ(weight_during(w, 1.0, year_of(2002), year_of(2002)), 2.0);
  EXPECT_EQ(weight_during(w, 1.0, year_of(2010), year_of(2010)), 5.0);
  EXPECT_EQ(weight_during(w, 1.0, year_of(1999), year_of(1999)), 1.0);
  EXPECT_EQ(weight_during(w, 1.0, year_of(2002), year_of(2005)), 5.0);  // the latest overlapping
  EXPECT_EQ(weight_during(w, std::nullopt, std::nullopt, std::nullopt), std::nullopt);
}

}  // namespace

}  // namespace govnet
