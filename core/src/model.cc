#include "govnet/model.h"

#include <array>
#include <charconv>

namespace govnet {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days from 0000-03-01 (proleptic Gregorian), the usual civil-calendar trick.
int64_t day_number(int y, int m, int d) {
  if (m <= 2) {
    y -= 1;
    m += 12;
  }
  return 365LL * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 1;
}

bool parse_int(std::string_view s, int* out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

template <typename E, size_t N>
std::optional<E> lookup(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

template <size_t N>
std::string join(const std::array<std::string_view, N>& names, size_t first = 0) {
  std::string out;
  for (size_t i = first; i < N; ++i) {
    if (!out.empty()) out += ", ";
    out += names[i];
  }
  return out;
}

constexpr std::array<std::string_view, kActorKindCount> kActorKinds = {
    "state", "international_org", "eu_institution", "eu_agency", "regional_process",
    "ngo",   "private",           "subnational",    "other"};
constexpr std::array<std::string_view, kInstrumentKindCount> kInstrumentKinds = {
    "agreement",
    "mobility_partnership",
    "readmission_agreement",
    "declaration",
    "policy",
    "dialogue",
    "forum",
    "regional_process",
    "funding_programme",
    "project",
    "other"};
constexpr std::array<std::string_view, kStatusCount> kStatuses = {
    "unknown", "proposed", "negotiating", "signed", "in_force",
    "stalled", "refused",  "suspended",   "ended"};
constexpr std::array<std::string_view, kFamilyCount> kFamilies = {
    "agreement", "funding", "dialogue", "membership", "assistance", "cooperation", "other"};

}  // namespace

int64_t Date::earliest() const { return day_number(year, month ? month : 1, day ? day : 1); }

int64_t Date::latest() const {
  int m = month ? month : 12;
  return day_number(year, m, day ? day : days_in_month(year, m));
}

std::string Date::to_string() const {
  char buf[16];
  switch (precision) {
    case Precision::kYear:
      std::snprintf(buf, sizeof buf, "%04d", year);
      break;
    case Precision::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      break;
    case Precision::kDay:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
      break;
  }
  return buf;
}

std::optional<Date> parse_date(std::string_view text, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<Date> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  const std::string expected = "expected YYYY, YYYY-MM or YYYY-MM-DD";
  if (text.size() != 4 && text.size() != 7 && text.size() != 10)
    return fail("'" + std::string(text) + "' is not a date; " + expected);
  int y = 0, m = 0, d = 0;
  if (!parse_int(text.substr(0, 4), &y))
    return fail("'" + std::string(text) + "' is not a date; " + expected);
  Date date;
  date.year = static_cast<int16_t>(y);
  if (text.size() >= 7) {
    if (text[4] != '-' || !parse_int(text.substr(5, 2), &m))
      return fail("'" + std::string(text) + "' is not a date; " + expected);
    if (m < 1 || m > 12)
      return fail("month " + std::to_string(m) + " does not exist in '" + std::string(text) + "'");
    date.month = static_cast<uint8_t>(m);
    date.precision = Date::Precision::kMonth;
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !parse_int(text.substr(8, 2), &d))
      return fail("'" + std::string(text) + "' is not a date; " + expected);
    if (d < 1 || d > days_in_month(y, m))
      return fail("day " + std::to_string(d) + " does not exist in " +
                  std::string(text.substr(0, 7)));
    date.day = static_cast<uint8_t>(d);
    date.precision = Date::Precision::kDay;
  }
  return date;
}

bool Period::overlaps(const std::optional<Date>& from, const std::optional<Date>& to) const {
  if (to && start && start->earliest() > to->latest()) return false;
  if (from && end && end->latest() < from->earliest()) return false;
  return true;
}

std::string Period::to_string() const {
  if (empty()) return "";
  return (start ? start->to_string() : std::string()) + "–" +
         (end ? end->to_string() : std::string());
}

std::string_view to_string(ActorKind k) { return kActorKinds[static_cast<size_t>(k)]; }
std::string_view to_string(InstrumentKind k) { return kInstrumentKinds[static_cast<size_t>(k)]; }
std::string_view to_string(Status s) { return kStatuses[static_cast<size_t>(s)]; }
std::string_view to_string(Family f) { return kFamilies[static_cast<size_t>(f)]; }
std::string_view to_string(NodeType t) {
  return t == NodeType::kInstrument ? "instrument" : "actor";
}
std::optional<ActorKind> parse_actor_kind(std::string_view s) {
  return lookup<ActorKind>(kActorKinds, s);
}
std::optional<InstrumentKind> parse_instrument_kind(std::string_view s) {
  return lookup<InstrumentKind>(kInstrumentKinds, s);
}
std::optional<Status> parse_status(std::string_view s) {
  auto st = lookup<Status>(kStatuses, s);
  return st;
}
std::optional<Family> parse_family(std::string_view s) { return lookup<Family>(kFamilies, s); }
// Made once: readers name them beside every value they check.
const std::string& actor_kind_names() {
  static const std::string names = join(kActorKinds);
  return names;
}
const std::string& instrument_kind_names() {
  static const std::string names = join(kInstrumentKinds);
  return names;
}
const std::string& status_names() {
  static const std::string names = join(kStatuses, 1);
  return names;
}
const std::string& family_names() {
  static const std::string names = join(kFamilies);
  return names;
}

}  // namespace govnet
