// govnet's data model: actors, instruments, ties, evidence, dates with precision, datasets.
// Plain values, no storage or file-format types. docs/csv-format.md gives the vocabulary's
// spellings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govnet {

// A calendar date known to a year, a month or a day. Ordering compares the earliest day the date
// can mean (2009 < 2009-01-15); `latest()` gives the last day it can mean (2009 -> 2009-12-31).
struct Date {
  enum class Precision : uint8_t { kYear = 1, kMonth = 2, kDay = 3 };
  int16_t year = 0;
  uint8_t month = 0;  // 0 when precision is kYear
  uint8_t day = 0;    // 0 unless precision is kDay
  Precision precision = Precision::kYear;

  // Days since 0000-03-01 of the earliest / latest day this date covers; for comparisons.
  int64_t earliest() const;
  int64_t latest() const;
  std::string to_string() const;  // "2009", "2009-03", "2009-03-27"
  bool operator==(const Date& o) const {
    return year == o.year && month == o.month && day == o.day && precision == o.precision;
  }
};

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD". On failure returns nullopt and sets *error to a
// sentence a person can act on ("day 30 does not exist in 2009-02").
std::optional<Date> parse_date(std::string_view text, std::string* error);

// A period; either end may be open (unknown or ongoing).
struct Period {
  std::optional<Date> start;
  std::optional<Date> end;
  bool empty() const { return !start && !end; }
  // True when the period can overlap [from, to] (inclusive, by day; open ends are unbounded).
  bool overlaps(const std::optional<Date>& from, const std::optional<Date>& to) const;
  std::string to_string() const;  // "2008–", "2008–2012", "–2010", ""
  bool operator==(const Period&) const = default;
};

// The periods (spells) in which a record exists, in order of their start; a record is present
// at a date when one of its spells contains it, and absent in the gaps between them. No spell
// means undated: present whenever time is not asked about. Empty periods are never kept.
struct Spells {
  std::vector<Period> periods;
  Spells() = default;
  Spells(Period p) { add(p); }  // NOLINT: a single period is one spell
  bool empty() const { return periods.empty(); }
  size_t size() const { return periods.size(); }
  // Adds a spell in start order (open starts first); an empty period is ignored.
  void add(const Period& p);
  // True when some spell can overlap [from, to] (inclusive, by day); false when there is none.
  bool overlaps(const std::optional<Date>& from, const std::optional<Date>& to) const;
  // From the earliest start to the latest end (open when any spell is open at that end).
  Period hull() const;
  std::string to_string() const;  // "2001–2004, 2008–"; "" when undated
  bool operator==(const Spells&) const = default;
};

// Parses spells as written in a table cell: periods separated by ';', each "START-END",
// "START/END" or a single date ("2001-2004;2008-", "2005/2006-03; 2009"). An empty side is an
// open end. On failure returns nullopt with *error saying which spell is wrong and why.
std::optional<Spells> parse_spells(std::string_view text, std::string* error);

// A value that holds during a period: a dynamic attribute (GEXF's <attvalue start end>).
struct DatedAttribute {
  std::string name, value;
  Period period;
  bool operator==(const DatedAttribute&) const = default;
};

// A tie's weight during a period; outside every such period the tie's own weight holds.
struct DatedWeight {
  Period period;
  double value = 0;
  bool operator==(const DatedWeight&) const = default;
};

// The weight at a date or interval: the value of the latest dated weight that can overlap
// [from, to], else `fallback`. With neither bound, `fallback`.
std::optional<double> weight_during(const std::vector<DatedWeight>& weights,
                                    const std::optional<double>& fallback,
                                    const std::optional<Date>& from, const std::optional<Date>& to);

enum class ActorKind : uint8_t {
  kState,
  kInternationalOrg,
  kEuInstitution,
  kEuAgency,
  kRegionalProcess,
  kNgo,
  kPrivate,
  kSubnational,
  kOther
};
enum class InstrumentKind : uint8_t {
  kAgreement,
  kMobilityPartnership,
  kReadmissionAgreement,
  kDeclaration,
  kPolicy,
  kDialogue,
  kForum,
  kRegionalProcess,
  kFundingProgramme,
  kProject,
  kOther
};
enum class Status : uint8_t {
  kUnknown,
  kProposed,
  kNegotiating,
  kSigned,
  kInForce,
  kStalled,
  kRefused,
  kSuspended,
  kEnded
};
enum class Family : uint8_t {
  kAgreement,
  kFunding,
  kDialogue,
  kMembership,
  kAssistance,
  kCooperation,
  kOther
};
// How many values each vocabulary has: the last enumerator is the highest.
constexpr int kActorKindCount = static_cast<int>(ActorKind::kOther) + 1;
constexpr int kInstrumentKindCount = static_cast<int>(InstrumentKind::kOther) + 1;
constexpr int kStatusCount = static_cast<int>(Status::kEnded) + 1;
constexpr int kFamilyCount = static_cast<int>(Family::kOther) + 1;

// The two kinds of record a key names and a tie reaches: an actor or an instrument.
enum class NodeType : uint8_t { kActor, kInstrument };
constexpr int kNodeTypeCount = static_cast<int>(NodeType::kInstrument) + 1;

// An actor or an instrument, by its key.
struct NodeRef {
  NodeType type = NodeType::kActor;
  std::string key;
  bool is_instrument() const { return type == NodeType::kInstrument; }
  bool operator==(const NodeRef&) const = default;
};

// A node's place in a saved layout or on the viewer's canvas, in layout coordinates; a pinned
// node stays where it is while the layout runs.
struct NodePosition {
  NodeRef node;
  float x = 0, y = 0;
  bool pinned = false;
  bool operator==(const NodePosition&) const = default;
};

// Vocabulary: the spelling used in files and on the command line ("eu_agency", "in_force").
std::string_view to_string(ActorKind);
std::string_view to_string(InstrumentKind);
std::string_view to_string(Status);
std::string_view to_string(Family);
std::string_view to_string(NodeType);  // "actor", "instrument"
std::optional<ActorKind> parse_actor_kind(std::string_view);
std::optional<InstrumentKind> parse_instrument_kind(std::string_view);
std::optional<Status> parse_status(std::string_view);  // "" is not accepted; absent is kUnknown
std::optional<Family> parse_family(std::string_view);
// "a, b, c" lists for error messages.
const std::string& actor_kind_names();
const std::string& instrument_kind_names();
const std::string& status_names();
const std::string& family_names();

// Where a record came from in its source file; 0 when unknown.
struct SourcePos {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
};

struct Evidence {
  std::string source;   // a citation or document id
  std::string locator;  // page, section
  std::string quote;
  std::string url;
  std::string accessed;  // access date as written
  bool empty() const {
    return source.empty() && locator.empty() && quote.empty() && url.empty() && accessed.empty();
  }
  bool operator==(const Evidence&) const = default;
};

using Attributes = std::vector<std::pair<std::string, std::string>>;  // in file order

using DatasetId = uint32_t;

struct Actor {
  std::string key;
  std::string name;
  ActorKind kind = ActorKind::kOther;
  std::vector<std::string> aliases;
  std::string iso3;    // states only
  std::string parent;  // key of the parent actor, or empty
  Spells spells;       // when it existed under this name
  Attributes attributes;
  std::vector<DatedAttribute> dated_attributes;
  std::vector<Evidence> evidence;
  DatasetId dataset = 0;
  bool operator==(const Actor&) const = default;
};

struct Instrument {
  std::string key;
  std::string name;
  InstrumentKind kind = InstrumentKind::kOther;
  Spells spells;
  Status status = Status::kUnknown;
  Attributes attributes;
  std::vector<DatedAttribute> dated_attributes;
  std::vector<Evidence> evidence;
  DatasetId dataset = 0;
  bool operator==(const Instrument&) const = default;
};

// A tie from an actor to an actor or to an instrument (`to_instrument`).
struct Tie {
  uint64_t id = 0;    // assigned by the store: dataset id in the high 32 bits, sequence below
  std::string label;  // optional id given in the file, so evidence rows can point at the tie
  std::string from;
  std::string to;
  bool to_instrument = false;
  Family family = Family::kOther;
  std::string role;  // party, signatory, member, observer, secretariat, funder, implementer...
  bool directed = false;
  std::optional<double> weight;
  std::optional<double> amount;
  std::string currency;
  Spells spells;
  std::vector<DatedWeight> dated_weights;  // the weight over time, in start order
  Status status = Status::kUnknown;
  Attributes attributes;
  std::vector<DatedAttribute> dated_attributes;
  std::vector<Evidence> evidence;
  DatasetId dataset = 0;
  bool operator==(const Tie&) const = default;
};

struct DatasetInfo {
  DatasetId id = 0;
  std::string name;
  std::vector<std::string> files;  // as given on the command line
  std::string content_hash;        // hex digest over the files' bytes
  int64_t loaded_at_unix = 0;      // seconds
  uint64_t actors = 0, instruments = 0, ties = 0, evidence = 0;
  bool operator==(const DatasetInfo&) const = default;
};

// Everything a dataset import or a whole store holds, in memory.
struct Network {
  std::vector<Actor> actors;
  std::vector<Instrument> instruments;
  std::vector<Tie> ties;
};

}  // namespace govnet
