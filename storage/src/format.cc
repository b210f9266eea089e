#include "format.h"

#include <bit>
#include <cstring>

#include "codec.h"

namespace govnet::view_table {
namespace {

constexpr uint8_t kVersion = 1;
enum Flag : uint8_t {
  kToInstrument = 1,
  kDirected = 2,
  kWeight = 4,
  kAmount = 8,
  kStart = 16,
  kEnd = 32,
  kSpells = 64,  // a list of spells instead of kStart / kEnd
  kDatedWeights = 128
};
constexpr uint8_t kActorSpells = 0x80;  // on an actor's kind byte: its spells follow

static_assert(std::endian::native == std::endian::little, "the view table is read with memcpy");

template <typename T>
void put(std::string* out, T v) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  out->append(bytes, sizeof(T));
}

void put_text(std::string* out, std::string_view s) {
  for (uint64_t n = s.size();; n >>= 7) {
    if (n < 0x80) {
      out->push_back(static_cast<char>(n));
      break;
    }
    out->push_back(static_cast<char>(0x80 | (n & 0x7F)));
  }
  out->append(s);
}

void put_byte(std::string* out, uint8_t b) { out->push_back(static_cast<char>(b)); }

void put_period(std::string* out, const Period& p) {
  for (const auto& d : {p.start, p.end}) {
    if (!d) continue;
    put<int16_t>(out, d->year);
    put_byte(out, d->month);
    put_byte(out, d->day);
    put_byte(out, static_cast<uint8_t>(d->precision));
  }
}

uint8_t period_flags(const Period& p) { return (p.start ? kStart : 0) | (p.end ? kEnd : 0); }

// One spell is written as a period under the row's flags; several as kSpells and a list.
uint8_t spells_flags(const Spells& s) {
  if (s.size() > 1) return kSpells;
  return s.empty() ? 0 : period_flags(s.periods[0]);
}

void put_spell_list(std::string* out, const std::vector<Period>& periods) {
  put<uint32_t>(out, static_cast<uint32_t>(periods.size()));
  for (const Period& p : periods) {
    put_byte(out, period_flags(p));
    put_period(out, p);
  }
}

void put_spells(std::string* out, const Spells& s) {
  if (s.size() > 1)
    put_spell_list(out, s.periods);
  else if (!s.empty())
    put_period(out, s.periods[0]);
}

void put_row(std::string* out, const Actor& a) {
  put_text(out, a.key);
  put_text(out, a.name);
  put_byte(out, static_cast<uint8_t>(a.kind) | (a.spells.empty() ? 0 : kActorSpells));
  if (!a.spells.empty()) put_spell_list(out, a.spells.periods);
}

void put_row(std::string* out, const Instrument& x) {
  put_text(out, x.key);
  put_text(out, x.name);
  put_byte(out, static_cast<uint8_t>(x.kind));
  put_byte(out, static_cast<uint8_t>(x.status));
  put_byte(out, spells_flags(x.spells));
  put_spells(out, x.spells);
}

void put_row(std::string* out, const Tie& t) {
  put_text(out, t.from);
  put_text(out, t.to);
  put_byte(out, (t.to_instrument ? kToInstrument : 0) | (t.directed ? kDirected : 0) |
                    (t.weight ? kWeight : 0) | (t.amount ? kAmount : 0) | spells_flags(t.spells) |
                    (t.dated_weights.empty() ? 0 : kDatedWeights));
  put_byte(out, static_cast<uint8_t>(t.family));
  put_byte(out, static_cast<uint8_t>(t.status));
  put_spells(out, t.spells);
  if (t.weight) put<double>(out, *t.weight);
  if (t.amount) put<double>(out, *t.amount);
  if (!t.dated_weights.empty()) {
    put<uint32_t>(out, static_cast<uint32_t>(t.dated_weights.size()));
    for (const DatedWeight& w : t.dated_weights) {
      put_byte(out, period_flags(w.period));
      put_period(out, w.period);
      put<double>(out, w.value);
    }
  }
}

template <typename Get>
std::string encode_rows(size_t n, size_t row_guess, Get&& get) {
  std::string out;
  out.reserve(5 + n * row_guess);
  put_byte(&out, kVersion);
  put<uint32_t>(&out, static_cast<uint32_t>(n));
  for (size_t i = 0; i < n; ++i) put_row(&out, get(i));
  return out;
}

// Reads a chunk's bytes front to back; every read checks that the bytes are there, and a failed
// read clears `ok` for good.
struct Reader {
  const char* at;
  const char* end;
  bool ok = true;
  template <typename T>
  T get() {
    T v{};
    if (static_cast<size_t>(end - at) < sizeof(T)) {
      ok = false;
      return v;
    }
    std::memcpy(&v, at, sizeof(T));
    at += sizeof(T);
    return v;
  }
  uint8_t byte_below(int limit) {
    const uint8_t b = get<uint8_t>();
    if (b >= limit) ok = false;
    return b;
  }
  std::string_view text() {
    uint64_t n = 0;
    for (int shift = 0;; shift += 7) {
      if (at == end || shift > 35) {
        ok = false;
        return {};
      }
      const uint8_t b = static_cast<uint8_t>(*at++);
      n |= uint64_t{b & 0x7Fu} << shift;
      if (!(b & 0x80)) break;
    }
    if (static_cast<uint64_t>(end - at) < n) {
      ok = false;
      return {};
    }
    std::string_view s(at, n);
    at += n;
    return s;
  }
  Date date() {
    Date d;
    d.year = get<int16_t>();
    d.month = get<uint8_t>();
    d.day = get<uint8_t>();
    const uint8_t precision = get<uint8_t>();
    if (precision < 1 || precision > 3) ok = false;
    d.precision = static_cast<Date::Precision>(precision);
    return d;
  }
  Period period(uint8_t flags) {
    Period p;
    if (flags & kStart) p.start = date();
    if (flags & kEnd) p.end = date();
    return p;
  }
  // A count of list entries, each at least `min_bytes` long.
  uint32_t count(size_t min_bytes) {
    const uint32_t n = get<uint32_t>();
    if (n > static_cast<size_t>(end - at) / min_bytes) ok = false;
    return ok ? n : 0;
  }
  Spells spell_list() {
    Spells s;
    for (uint32_t i = count(1); i > 0 && ok; --i) {
      const uint8_t f = byte_below(kSpells);
      if (f & ~(kStart | kEnd)) ok = false;
      s.add(period(f));
    }
    return s;
  }
  Spells spells(uint8_t flags) { return flags & kSpells ? spell_list() : Spells(period(flags)); }
  std::vector<DatedWeight> dated_weights() {
    std::vector<DatedWeight> out;
    for (uint32_t i = count(9); i > 0 && ok; --i) {
      const uint8_t f = byte_below(kSpells);
      if (f & ~(kStart | kEnd)) ok = false;
      Period p = period(f);
      out.push_back({p, get<double>()});
    }
    return out;
  }
  // The chunk's header: its row count.
  uint32_t rows() {
    if (get<uint8_t>() != kVersion) ok = false;
    const uint32_t n = get<uint32_t>();
    if (n > static_cast<size_t>(end - at) / 3) ok = false;  // a row takes at least 3 bytes
    return ok ? n : 0;
  }
};

Result corrupt(const char* what) {
  return Result::Corrupt(std::string("a chunk of the view table ") + what +
                         "; `govnet check --repair` rebuilds the table from the records");
}

// Decodes a chunk of actors or instruments into `slots` with read_row(reader, slot).
template <typename T, typename ReadRow>
Result decode_rows(std::string_view bytes, std::span<T> slots, ReadRow&& read_row) {
  Reader r{bytes.data(), bytes.data() + bytes.size()};
  const uint32_t rows = r.rows();
  if (!r.ok) return corrupt("is damaged or from a newer govnet");
  if (rows != slots.size())
    return corrupt(
        ("holds " + std::to_string(rows) + " rows instead of " + std::to_string(slots.size()))
            .c_str());
  for (T& slot : slots) {
    read_row(r, slot);
    if (!r.ok) return corrupt("is damaged (a row is cut short or holds an unknown value)");
  }
  if (r.at != r.end) return corrupt("holds more bytes than its rows");
  return Result::Ok();
}

}  // namespace

std::string stamp_key(DatasetId ds) { return codec::be32(ds); }
std::string chunk_key(DatasetId ds, Section section, uint32_t chunk) {
  return codec::be32(ds) + static_cast<char>(section) + codec::be32(chunk);
}

std::string encode_stamp(const Stamp& m) {
  std::string out(1, static_cast<char>(kVersion));
  put<uint64_t>(&out, m.actors);
  put<uint64_t>(&out, m.instruments);
  put<uint64_t>(&out, m.ties);
  put<int64_t>(&out, m.loaded_at);
  put_text(&out, m.content_hash);
  return out;
}

Result decode_stamp(std::string_view bytes, Stamp* m) {
  Reader r{bytes.data(), bytes.data() + bytes.size()};
  if (r.get<uint8_t>() != kVersion) r.ok = false;
  m->actors = r.get<uint64_t>();
  m->instruments = r.get<uint64_t>();
  m->ties = r.get<uint64_t>();
  m->loaded_at = r.get<int64_t>();
  m->content_hash = r.text();
  if (!r.ok || r.at != r.end)
    return Result::Corrupt("the view table's entry of a dataset is damaged or from a newer govnet");
  return Result::Ok();
}

std::string encode_chunk(std::span<const Actor* const> actors) {
  return encode_rows(actors.size(), 24, [&](size_t i) -> const Actor& { return *actors[i]; });
}
std::string encode_chunk(std::span<const Instrument* const> instruments) {
  return encode_rows(instruments.size(), 40,
                     [&](size_t i) -> const Instrument& { return *instruments[i]; });
}
std::string encode_chunk(std::span<const Tie> ties) {
  return encode_rows(ties.size(), 40, [&](size_t i) -> const Tie& { return ties[i]; });
}
std::string encode_chunk(std::span<const Tie* const> ties) {
  return encode_rows(ties.size(), 40, [&](size_t i) -> const Tie& { return *ties[i]; });
}

Result decode_chunk(std::string_view bytes, DatasetId ds, std::span<Actor> slots) {
  return decode_rows(bytes, slots, [&](Reader& r, Actor& a) {
    a.key = r.text();
    a.name = r.text();
    const uint8_t kind = r.get<uint8_t>();
    if ((kind & ~kActorSpells) >= kActorKindCount) r.ok = false;
    a.kind = static_cast<ActorKind>(kind & ~kActorSpells);
    a.spells = kind & kActorSpells ? r.spell_list() : Spells();
    a.dataset = ds;
  });
}

Result decode_chunk(std::string_view bytes, DatasetId ds, std::span<Instrument> slots) {
  return decode_rows(bytes, slots, [&](Reader& r, Instrument& x) {
    x.key = r.text();
    x.name = r.text();
    x.kind = static_cast<InstrumentKind>(r.byte_below(kInstrumentKindCount));
    x.status = static_cast<Status>(r.byte_below(kStatusCount));
    const uint8_t flags = r.get<uint8_t>();
    if (flags & ~(kStart | kEnd | kSpells) || ((flags & kSpells) && (flags & (kStart | kEnd))))
      r.ok = false;
    x.spells = r.spells(flags);
    x.dataset = ds;
  });
}

Result decode_chunk(std::string_view bytes, DatasetId ds, uint64_t first_id,
                    std::vector<TieView>* out) {
  Reader r{bytes.data(), bytes.data() + bytes.size()};
  const uint32_t rows = r.rows();
  if (!r.ok) return corrupt("is damaged or from a newer govnet");
  const size_t base = out->size();
  out->resize(base + rows);
  for (uint32_t i = 0; i < rows; ++i) {
    TieView& t = (*out)[base + i];
    t.id = first_id + i;
    t.dataset = ds;
    t.from = r.text();
    t.to = r.text();
    const uint8_t flags = r.get<uint8_t>();
    if ((flags & kSpells) && (flags & (kStart | kEnd))) r.ok = false;
    t.family = static_cast<Family>(r.byte_below(kFamilyCount));
    t.status = static_cast<Status>(r.byte_below(kStatusCount));
    t.to_instrument = flags & kToInstrument;
    t.directed = flags & kDirected;
    t.spells = r.spells(flags);
    t.weight = flags & kWeight ? std::optional<double>(r.get<double>()) : std::nullopt;
    t.amount = flags & kAmount ? std::optional<double>(r.get<double>()) : std::nullopt;
    t.dated_weights.clear();
    if (flags & kDatedWeights) t.dated_weights = r.dated_weights();
    if (!r.ok) {
      out->resize(base);
      return corrupt("is damaged (a row is cut short or holds an unknown value)");
    }
  }
  if (r.at != r.end) {
    out->resize(base);
    return corrupt("holds more bytes than its rows");
  }
  return Result::Ok();
}

}  // namespace govnet::view_table
