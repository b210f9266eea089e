#include "tie_table.h"

#include <bit>
#include <cstring>

#include "codec.h"

namespace govnet::tie_table {
namespace {

constexpr uint8_t kVersion = 1;
enum Flag : uint8_t { kToInstrument = 1, kDirected = 2, kWeight = 4, kAmount = 8, kStart = 16, kEnd = 32 };
constexpr int kStatuses = 9;
static_assert(std::endian::native == std::endian::little, "the tie table is read with memcpy");

template <typename T>
void put(std::string* out, T v) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  out->append(bytes, sizeof(T));
}

void put_text(std::string* out, std::string_view s) {
  for (uint64_t n = s.size();; n >>= 7) {
    if (n < 0x80) { out->push_back(static_cast<char>(n)); break; }
    out->push_back(static_cast<char>(0x80 | (n & 0x7F)));
  }
  out->append(s);
}

void put_date(std::string* out, const Date& d) {
  put<int16_t>(out, d.year);
  out->push_back(static_cast<char>(d.month));
  out->push_back(static_cast<char>(d.day));
  out->push_back(static_cast<char>(d.precision));
}

void put_row(std::string* out, const Tie& t) {
  put_text(out, t.from);
  put_text(out, t.to);
  const uint8_t flags = (t.to_instrument ? kToInstrument : 0) | (t.directed ? kDirected : 0) |
                        (t.weight ? kWeight : 0) | (t.amount ? kAmount : 0) |
                        (t.period.start ? kStart : 0) | (t.period.end ? kEnd : 0);
  out->push_back(static_cast<char>(flags));
  out->push_back(static_cast<char>(t.family));
  out->push_back(static_cast<char>(t.status));
  if (t.period.start) put_date(out, *t.period.start);
  if (t.period.end) put_date(out, *t.period.end);
  if (t.weight) put<double>(out, *t.weight);
  if (t.amount) put<double>(out, *t.amount);
}

template <typename Get>
std::string encode_rows(size_t n, Get&& get) {
  std::string out;
  out.reserve(5 + n * 40);
  out.push_back(static_cast<char>(kVersion));
  put<uint32_t>(&out, static_cast<uint32_t>(n));
  for (size_t i = 0; i < n; ++i) put_row(&out, get(i));
  return out;
}

// Reads a chunk's bytes front to back; every read checks that the bytes are there.
struct Reader {
  const char* at;
  const char* end;
  bool ok = true;
  template <typename T>
  T get() {
    T v{};
    if (static_cast<size_t>(end - at) < sizeof(T)) { ok = false; return v; }
    std::memcpy(&v, at, sizeof(T));
    at += sizeof(T);
    return v;
  }
  std::string_view text() {
    uint64_t n = 0;
    for (int shift = 0;; shift += 7) {
      if (at == end || shift > 35) { ok = false; return {}; }
      const uint8_t b = static_cast<uint8_t>(*at++);
      n |= uint64_t{b & 0x7Fu} << shift;
      if (!(b & 0x80)) break;
    }
    if (static_cast<uint64_t>(end - at) < n) { ok = false; return {}; }
    std::string_view s(at, n);
    at += n;
    return s;
  }
  std::optional<Date> date() {
    Date d;
    d.year = get<int16_t>();
    d.month = get<uint8_t>();
    d.day = get<uint8_t>();
    const uint8_t precision = get<uint8_t>();
    if (precision < 1 || precision > 3) ok = false;
    d.precision = static_cast<Date::Precision>(precision);
    return d;
  }
};

Result corrupt(const char* what) {
  return Result::Corrupt(std::string("a chunk of the tie table ") + what +
                         "; `govnet check --repair` rebuilds the table from the tie records");
}

}  // namespace

std::string marker_key(DatasetId ds) { return codec::be32(ds); }
std::string chunk_key(DatasetId ds, uint32_t chunk) { return codec::be32(ds) + codec::be32(chunk); }

std::string encode_marker(uint64_t ties) {
  std::string out(1, static_cast<char>(kVersion));
  put<uint64_t>(&out, ties);
  return out;
}

Result decode_marker(std::string_view bytes, uint64_t* ties) {
  if (bytes.size() != 9 || static_cast<uint8_t>(bytes[0]) != kVersion)
    return Result::Corrupt("the tie table's entry of a dataset is damaged or from a newer govnet");
  std::memcpy(ties, bytes.data() + 1, 8);
  return Result::Ok();
}

std::string encode_chunk(std::span<const Tie> ties) {
  return encode_rows(ties.size(), [&](size_t i) -> const Tie& { return ties[i]; });
}
std::string encode_chunk(std::span<const Tie* const> ties) {
  return encode_rows(ties.size(), [&](size_t i) -> const Tie& { return *ties[i]; });
}

Result decode_chunk(std::string_view bytes, DatasetId ds, uint64_t first_id, std::vector<TieView>* out) {
  Reader r{bytes.data(), bytes.data() + bytes.size()};
  if (r.get<uint8_t>() != kVersion || !r.ok) return corrupt("is damaged or from a newer govnet");
  const uint32_t rows = r.get<uint32_t>();
  // A row takes at least 5 bytes: a damaged count cannot make room for more rows than that.
  if (!r.ok || rows > bytes.size() / 5) return corrupt("claims more rows than it holds");
  const size_t base = out->size();
  out->resize(base + rows);
  for (uint32_t i = 0; i < rows; ++i) {
    TieView& t = (*out)[base + i];
    t.id = first_id + i;
    t.dataset = ds;
    t.from = r.text();
    t.to = r.text();
    const uint8_t flags = r.get<uint8_t>();
    const uint8_t family = r.get<uint8_t>(), status = r.get<uint8_t>();
    if (family >= kFamilyCount || status >= kStatuses || flags >= 64) r.ok = false;
    t.to_instrument = flags & kToInstrument;
    t.directed = flags & kDirected;
    t.family = static_cast<Family>(family);
    t.status = static_cast<Status>(status);
    t.period = {};
    if (flags & kStart) t.period.start = r.date();
    if (flags & kEnd) t.period.end = r.date();
    t.weight = flags & kWeight ? std::optional<double>(r.get<double>()) : std::nullopt;
    t.amount = flags & kAmount ? std::optional<double>(r.get<double>()) : std::nullopt;
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

}  // namespace govnet::tie_table
