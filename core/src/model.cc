#include "govnet/model.h"

#include <algorithm>
#include <array>
#include <cctype>
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

void Spells::add(const Period& p) {
  if (p.empty()) return;
  auto starts_before = [](const Period& a, const Period& b) {
    if (!a.start || !b.start) return !a.start && b.start;
    return a.start->earliest() < b.start->earliest();
  };
  periods.insert(std::upper_bound(periods.begin(), periods.end(), p, starts_before), p);
}

bool Spells::overlaps(const std::optional<Date>& from, const std::optional<Date>& to) const {
  for (const Period& p : periods)
    if (p.overlaps(from, to)) return true;
  return false;
}

Period Spells::hull() const {
  Period h;
  if (periods.empty()) return h;
  bool open_start = false, open_end = false;
  for (const Period& p : periods) {
    open_start |= !p.start;
    open_end |= !p.end;
    if (p.start && (!h.start || p.start->earliest() < h.start->earliest())) h.start = p.start;
    if (p.end && (!h.end || p.end->latest() > h.end->latest())) h.end = p.end;
  }
  if (open_start) h.start.reset();
  if (open_end) h.end.reset();
  return h;
}

std::string Spells::to_string() const {
  std::string out;
  for (const Period& p : periods) out += (out.empty() ? "" : ", ") + p.to_string();
  return out;
}

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// One spell: "START/END", "START-END" (split after a whole date) or one date for both ends.
std::optional<Period> parse_one_spell(std::string_view text, std::string* error) {
  auto date_or_open = [&](std::string_view t, std::optional<Date>* d) {
    t = trimmed(t);
    if (t.empty()) return true;
    *d = parse_date(t, error);
    return d->has_value();
  };
  Period p;
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    if (!date_or_open(text.substr(0, slash), &p.start) ||
        !date_or_open(text.substr(slash + 1), &p.end))
      return std::nullopt;
  } else if (std::string ignored; auto d = parse_date(text, &ignored)) {
    p.start = p.end = d;
  } else {
    bool split = false;
    for (size_t at : {size_t{0}, size_t{4}, size_t{7}, size_t{10}}) {
      if (at >= text.size() || text[at] != '-') continue;
      std::optional<Date> s, e;
      if (date_or_open(text.substr(0, at), &s) && date_or_open(text.substr(at + 1), &e)) {
        p = {s, e};
        split = true;
        break;
      }
    }
    if (!split) {
      *error = "'" + std::string(text) +
               "' is not a spell; expected START-END, START/END or one date, each YYYY, "
               "YYYY-MM or YYYY-MM-DD, with an empty side for an open end";
      return std::nullopt;
    }
  }
  if (p.start && p.end && p.end->latest() < p.start->earliest()) {
    *error = "spell '" + std::string(text) + "' ends before it starts";
    return std::nullopt;
  }
  return p;
}

}  // namespace

std::optional<Spells> parse_spells(std::string_view text, std::string* error) {
  std::string normalized(text);
  for (size_t at; (at = normalized.find("\u2013")) != std::string::npos;)
    normalized.replace(at, 3, "/");  // the en dash that Spells::to_string writes
  Spells out;
  std::string_view rest = normalized;
  while (!rest.empty()) {
    const size_t sep = rest.find_first_of(";,");
    std::string_view one = trimmed(rest.substr(0, sep));
    rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 1);
    if (one.empty()) continue;
    auto p = parse_one_spell(one, error);
    if (!p) return std::nullopt;
    if (p->empty()) {
      *error = "spell '" + std::string(one) + "' has neither a start nor an end";
      return std::nullopt;
    }
    out.add(*p);
  }
  return out;
}

std::optional<double> weight_during(const std::vector<DatedWeight>& weights,
                                    const std::optional<double>& fallback,
                                    const std::optional<Date>& from,
                                    const std::optional<Date>& to) {
  if (!from && !to) return fallback;
  const DatedWeight* latest = nullptr;
  for (const DatedWeight& w : weights)
    if (w.period.overlaps(from, to)) latest = &w;
  return latest ? std::optional<double>(latest->value) : fallback;
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
