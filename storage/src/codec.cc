#include "codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/exception.h>
#include <kj/io.h>

#include <cstring>
#include <stdexcept>
#include <vector>

#include "schema/records.capnp.h"

namespace govnet::codec {
namespace {

namespace s = govnet::schema;

static_assert(static_cast<int>(s::ActorKind::OTHER) == static_cast<int>(ActorKind::kOther));
static_assert(static_cast<int>(s::InstrumentKind::OTHER) ==
              static_cast<int>(InstrumentKind::kOther));
static_assert(static_cast<int>(s::Status::ENDED) == static_cast<int>(Status::kEnded));
static_assert(static_cast<int>(s::Family::OTHER) == static_cast<int>(Family::kOther));

// Each thread's first segment for the messages it builds: zeroed once, and zeroed again by the
// builder over what a message used, so a record costs neither an allocation nor the clearing of
// a fresh segment (capnp's default first segment is 8 KB; a record is a few hundred bytes).
kj::ArrayPtr<capnp::word> reused_segment() {
  thread_local std::vector<capnp::word> words(1024);
  return kj::arrayPtr(words.data(), words.size());
}

// The message in the standard serialization, written straight onto the end of `out`.
void append_bytes(capnp::MessageBuilder& message, std::string* out) {
  const size_t at = out->size();
  const size_t size = capnp::computeSerializedSizeInWords(message) * sizeof(capnp::word);
  out->resize(at + size);
  kj::ArrayOutputStream stream(kj::arrayPtr(reinterpret_cast<kj::byte*>(out->data() + at), size));
  capnp::writeMessage(stream, message);
}

// encode() of a record: append() onto an empty string.
template <typename Record>
std::string appended(const Record& r) {
  std::string out;
  append(r, &out);
  return out;
}

std::string to_bytes(capnp::MessageBuilder& message) {
  std::string out;
  append_bytes(message, &out);
  return out;
}

void put_date(s::Date::Builder b, const std::optional<Date>& d) {
  if (!d) return;  // precision 0: no date
  b.setYear(d->year);
  b.setMonth(d->month);
  b.setDay(d->day);
  b.setPrecision(static_cast<uint8_t>(d->precision));
}

std::optional<Date> get_date(s::Date::Reader r) {
  if (r.getPrecision() == 0) return std::nullopt;
  if (r.getPrecision() > 3) throw std::runtime_error("date with unknown precision");
  Date d;
  d.year = r.getYear();
  d.month = r.getMonth();
  d.day = r.getDay();
  d.precision = static_cast<Date::Precision>(r.getPrecision());
  return d;
}

// What a record lacks is left out rather than written empty: an unset pointer reads as the
// empty text, list or date (precision 0), and a tie's record is about a sixth smaller.
template <typename Builder>
void put_period(Builder record, const Period& p) {
  if (!p.start && !p.end) return;
  s::Period::Builder b = record.initPeriod();
  if (p.start) put_date(b.initStart(), p.start);
  if (p.end) put_date(b.initEnd(), p.end);
}

Period get_period(s::Period::Reader r) { return {get_date(r.getStart()), get_date(r.getEnd())}; }

void put_period_into(s::Period::Builder b, const Period& p) {
  if (p.start) put_date(b.initStart(), p.start);
  if (p.end) put_date(b.initEnd(), p.end);
}

// Spells of an instrument or tie: the hull in `period`, which a record of one spell needs alone
// (and which readers that know no `spells` take as the record's period), and the spells
// themselves when there are several.
template <typename Builder>
void put_spells(Builder record, const Spells& spells) {
  put_period(record, spells.hull());
  if (spells.size() < 2) return;
  auto list = record.initSpells(spells.size());
  for (unsigned i = 0; i < spells.size(); ++i) put_period_into(list[i], spells.periods[i]);
}

template <typename Reader>
Spells get_spells(Reader r) {
  Spells out;
  if (r.hasSpells()) {
    for (auto p : r.getSpells()) out.add(get_period(p));
  } else {
    out.add(get_period(r.getPeriod()));
  }
  return out;
}

// An actor's spells are all in its list: actors had no period before spells.
void put_actor_spells(s::Actor::Builder b, const Spells& spells) {
  if (spells.empty()) return;
  auto list = b.initSpells(spells.size());
  for (unsigned i = 0; i < spells.size(); ++i) put_period_into(list[i], spells.periods[i]);
}

template <typename Builder>
void put_dated_attributes(Builder record, const std::vector<DatedAttribute>& attrs) {
  if (attrs.empty()) return;
  auto list = record.initDatedAttributes(attrs.size());
  for (unsigned i = 0; i < attrs.size(); ++i) {
    list[i].setName(attrs[i].name);
    list[i].setValue(attrs[i].value);
    put_period_into(list[i].initPeriod(), attrs[i].period);
  }
}

template <typename ListReader>
std::vector<DatedAttribute> get_dated_attributes(ListReader list) {
  std::vector<DatedAttribute> out;
  for (auto a : list)
    out.push_back({a.getName().cStr(), a.getValue().cStr(), get_period(a.getPeriod())});
  return out;
}

template <typename Builder>
void put_attributes(Builder record, const Attributes& attrs) {
  if (attrs.empty()) return;
  auto list = record.initAttributes(attrs.size());
  for (unsigned i = 0; i < attrs.size(); ++i) {
    list[i].setName(attrs[i].first);
    list[i].setValue(attrs[i].second);
  }
}

template <typename ListReader>
Attributes get_attributes(ListReader list) {
  Attributes out;
  for (auto a : list) out.emplace_back(a.getName().cStr(), a.getValue().cStr());
  return out;
}

template <typename Builder>
void put_evidence(Builder record, const std::vector<Evidence>& ev) {
  if (ev.empty()) return;
  auto list = record.initEvidence(ev.size());
  for (unsigned i = 0; i < ev.size(); ++i) {
    list[i].setSource(ev[i].source);
    list[i].setLocator(ev[i].locator);
    list[i].setQuote(ev[i].quote);
    list[i].setUrl(ev[i].url);
    list[i].setAccessed(ev[i].accessed);
  }
}

template <typename ListReader>
std::vector<Evidence> get_evidence(ListReader list) {
  std::vector<Evidence> out;
  for (auto e : list)
    out.push_back({e.getSource().cStr(), e.getLocator().cStr(), e.getQuote().cStr(),
                   e.getUrl().cStr(), e.getAccessed().cStr()});
  return out;
}

template <typename E, typename S>
E checked_enum(S value, int count, const char* what) {
  int v = static_cast<int>(value);
  if (v < 0 || v >= count)  // written by a newer govnet with a value this one does not know
    throw std::runtime_error(std::string("unknown ") + what + " " + std::to_string(v));
  return static_cast<E>(v);
}

// Reads a message from unaligned bytes: copies them into words, then calls read(root).
template <typename Root, typename Fn>
Result read_message(std::string_view bytes, const char* what, Fn&& read) {
  if (bytes.size() % sizeof(capnp::word) != 0)
    return Result::Corrupt(std::string("a stored ") + what + " has a damaged length");
  kj::Array<capnp::word> words = kj::heapArray<capnp::word>(bytes.size() / sizeof(capnp::word));
  std::memcpy(words.begin(), bytes.data(), bytes.size());
  try {
    // Every element of a record we wrote costs at least a word, so decoding visits about as many
    // words as the record has (4x leaves room for fields read twice). The default limit (64 MiB)
    // would let a damaged record of a few bytes declare millions of empty list elements, each
    // decoded into a C++ object.
    capnp::ReaderOptions options;
    options.traversalLimitInWords = 4 * words.size() + 64;
    capnp::FlatArrayMessageReader reader(words.asPtr(), options);
    read(reader.getRoot<Root>());
    return Result::Ok();
  } catch (const kj::Exception& e) {
    return Result::Corrupt(std::string("a stored ") + what +
                           " cannot be decoded: " + e.getDescription().cStr());
  } catch (const std::exception& e) {
    return Result::Corrupt(std::string("a stored ") + what + " cannot be decoded: " + e.what());
  }
}

}  // namespace

void append(const Actor& a, std::string* out) {
  capnp::MallocMessageBuilder m(reused_segment());
  auto b = m.initRoot<s::Actor>();
  b.setKey(a.key);
  b.setName(a.name);
  b.setKind(static_cast<s::ActorKind>(a.kind));
  if (!a.aliases.empty()) {
    auto aliases = b.initAliases(a.aliases.size());
    for (unsigned i = 0; i < a.aliases.size(); ++i) aliases.set(i, a.aliases[i]);
  }
  if (!a.iso3.empty()) b.setIso3(a.iso3);
  if (!a.parent.empty()) b.setParent(a.parent);
  put_actor_spells(b, a.spells);
  put_attributes(b, a.attributes);
  put_dated_attributes(b, a.dated_attributes);
  put_evidence(b, a.evidence);
  b.setDataset(a.dataset);
  append_bytes(m, out);
}

std::string encode(const Actor& a) { return appended(a); }

void append(const Instrument& x, std::string* out) {
  capnp::MallocMessageBuilder m(reused_segment());
  auto b = m.initRoot<s::Instrument>();
  b.setKey(x.key);
  b.setName(x.name);
  b.setKind(static_cast<s::InstrumentKind>(x.kind));
  put_spells(b, x.spells);
  b.setStatus(static_cast<s::Status>(x.status));
  put_attributes(b, x.attributes);
  put_dated_attributes(b, x.dated_attributes);
  put_evidence(b, x.evidence);
  b.setDataset(x.dataset);
  append_bytes(m, out);
}

std::string encode(const Instrument& x) { return appended(x); }

void append(const Tie& t, std::string* out) {
  capnp::MallocMessageBuilder m(reused_segment());
  auto b = m.initRoot<s::Tie>();
  b.setId(t.id);
  if (!t.label.empty()) b.setLabel(t.label);
  b.setFrom(t.from);
  b.setTo(t.to);
  b.setToInstrument(t.to_instrument);
  b.setFamily(static_cast<s::Family>(t.family));
  if (!t.role.empty()) b.setRole(t.role);
  b.setDirected(t.directed);
  b.setHasWeight(t.weight.has_value());
  b.setWeight(t.weight.value_or(0.0));
  b.setHasAmount(t.amount.has_value());
  b.setAmount(t.amount.value_or(0.0));
  if (!t.currency.empty()) b.setCurrency(t.currency);
  put_spells(b, t.spells);
  if (!t.dated_weights.empty()) {
    auto list = b.initDatedWeights(t.dated_weights.size());
    for (unsigned i = 0; i < t.dated_weights.size(); ++i) {
      put_period_into(list[i].initPeriod(), t.dated_weights[i].period);
      list[i].setValue(t.dated_weights[i].value);
    }
  }
  b.setStatus(static_cast<s::Status>(t.status));
  put_attributes(b, t.attributes);
  put_dated_attributes(b, t.dated_attributes);
  put_evidence(b, t.evidence);
  b.setDataset(t.dataset);
  append_bytes(m, out);
}

std::string encode(const Tie& t) { return appended(t); }

std::string encode(const DatasetInfo& d) {
  capnp::MallocMessageBuilder m(reused_segment());
  auto b = m.initRoot<s::Dataset>();
  b.setId(d.id);
  b.setName(d.name);
  auto files = b.initFiles(d.files.size());
  for (unsigned i = 0; i < d.files.size(); ++i) files.set(i, d.files[i]);
  b.setContentHash(d.content_hash);
  b.setLoadedAt(d.loaded_at_unix);
  b.setActors(d.actors);
  b.setInstruments(d.instruments);
  b.setTies(d.ties);
  b.setEvidence(d.evidence);
  return to_bytes(m);
}

std::string encode_layout(const std::string& name, const std::vector<NodePosition>& positions,
                          int64_t saved_at) {
  capnp::MallocMessageBuilder m(reused_segment());
  auto b = m.initRoot<s::SavedLayout>();
  b.setName(name);
  const unsigned n = positions.size();
  auto keys = b.initKeys(n);
  auto inst = b.initInstruments(n);
  auto xs = b.initX(n);
  auto ys = b.initY(n);
  auto pinned = b.initPinned(n);
  for (unsigned i = 0; i < n; ++i) {
    keys.set(i, positions[i].node.key);
    inst.set(i, positions[i].node.is_instrument());
    xs.set(i, positions[i].x);
    ys.set(i, positions[i].y);
    pinned.set(i, positions[i].pinned);
  }
  b.setSavedAt(saved_at);
  return to_bytes(m);
}

Result decode_layout(std::string_view bytes, std::vector<NodePosition>* out) {
  return read_message<s::SavedLayout>(bytes, "layout", [&](s::SavedLayout::Reader r) {
    auto keys = r.getKeys();
    auto inst = r.getInstruments();
    auto xs = r.getX();
    auto ys = r.getY();
    auto pinned = r.getPinned();
    if (inst.size() != keys.size() || xs.size() != keys.size() || ys.size() != keys.size() ||
        pinned.size() != keys.size())
      throw std::runtime_error("its lists have different lengths");
    out->clear();
    for (unsigned i = 0; i < keys.size(); ++i)
      out->push_back({{inst[i] ? NodeType::kInstrument : NodeType::kActor, keys[i].cStr()},
                      xs[i],
                      ys[i],
                      pinned[i]});
  });
}

std::string encode_partition(const Store::Partition& p) {
  capnp::MallocMessageBuilder m(reused_segment());
  auto b = m.initRoot<s::SavedPartition>();
  b.setName(p.name);
  b.setMethod(p.method);
  b.setResolution(p.resolution);
  b.setSeed(p.seed);
  b.setView(p.view);
  b.setModularity(p.modularity);
  const unsigned n = p.members.size();
  auto keys = b.initKeys(n);
  auto inst = b.initInstruments(n);
  auto community = b.initCommunity(n);
  for (unsigned i = 0; i < n; ++i) {
    keys.set(i, p.members[i].first.key);
    inst.set(i, p.members[i].first.is_instrument());
    community.set(i, p.members[i].second);
  }
  b.setSavedAt(p.saved_at_unix);
  return to_bytes(m);
}

Result decode_partition(std::string_view bytes, Store::Partition* out) {
  return read_message<s::SavedPartition>(bytes, "partition", [&](s::SavedPartition::Reader r) {
    auto keys = r.getKeys();
    auto inst = r.getInstruments();
    auto community = r.getCommunity();
    if (inst.size() != keys.size() || community.size() != keys.size())
      throw std::runtime_error("its lists have different lengths");
    *out = Store::Partition{};
    out->name = r.getName().cStr();
    out->method = r.getMethod().cStr();
    out->resolution = r.getResolution();
    out->seed = r.getSeed();
    out->view = r.getView().cStr();
    out->modularity = r.getModularity();
    out->saved_at_unix = r.getSavedAt();
    out->members.reserve(keys.size());
    for (unsigned i = 0; i < keys.size(); ++i)
      out->members.push_back(
          {{inst[i] ? NodeType::kInstrument : NodeType::kActor, keys[i].cStr()}, community[i]});
  });
}

Result decode(std::string_view bytes, Actor* a) {
  return read_message<s::Actor>(bytes, "actor", [&](s::Actor::Reader r) {
    a->key = r.getKey().cStr();
    a->name = r.getName().cStr();
    a->kind = checked_enum<ActorKind>(r.getKind(), 9, "actor kind");
    a->aliases.clear();
    for (auto alias : r.getAliases()) a->aliases.emplace_back(alias.cStr());
    a->iso3 = r.getIso3().cStr();
    a->parent = r.getParent().cStr();
    a->spells = {};
    for (auto p : r.getSpells()) a->spells.add(get_period(p));
    a->attributes = get_attributes(r.getAttributes());
    a->dated_attributes = get_dated_attributes(r.getDatedAttributes());
    a->evidence = get_evidence(r.getEvidence());
    a->dataset = r.getDataset();
  });
}

Result decode(std::string_view bytes, Instrument* x) {
  return read_message<s::Instrument>(bytes, "instrument", [&](s::Instrument::Reader r) {
    x->key = r.getKey().cStr();
    x->name = r.getName().cStr();
    x->kind = checked_enum<InstrumentKind>(r.getKind(), 11, "instrument kind");
    x->spells = get_spells(r);
    x->status = checked_enum<Status>(r.getStatus(), 9, "status");
    x->attributes = get_attributes(r.getAttributes());
    x->dated_attributes = get_dated_attributes(r.getDatedAttributes());
    x->evidence = get_evidence(r.getEvidence());
    x->dataset = r.getDataset();
  });
}

namespace {

// What an analysis view reads of a tie (decode_topology); decode reads the rest as well.
void read_topology(s::Tie::Reader r, Tie* t) {
  t->id = r.getId();
  auto from = r.getFrom(), to = r.getTo();
  t->from.assign(from.begin(), from.size());
  t->to.assign(to.begin(), to.size());
  t->to_instrument = r.getToInstrument();
  t->family = checked_enum<Family>(r.getFamily(), kFamilyCount, "relation family");
  t->directed = r.getDirected();
  t->weight = r.getHasWeight() ? std::optional<double>(r.getWeight()) : std::nullopt;
  t->amount = r.getHasAmount() ? std::optional<double>(r.getAmount()) : std::nullopt;
  t->spells = get_spells(r);
  t->dated_weights.clear();
  for (auto w : r.getDatedWeights())
    t->dated_weights.push_back({get_period(w.getPeriod()), w.getValue()});
  t->status = checked_enum<Status>(r.getStatus(), 9, "status");
  t->dataset = r.getDataset();
}

}  // namespace

Result decode(std::string_view bytes, Tie* t) {
  return read_message<s::Tie>(bytes, "tie", [&](s::Tie::Reader r) {
    read_topology(r, t);
    t->label = r.getLabel().cStr();
    t->role = r.getRole().cStr();
    t->currency = r.getCurrency().cStr();
    t->attributes = get_attributes(r.getAttributes());
    t->dated_attributes = get_dated_attributes(r.getDatedAttributes());
    t->evidence = get_evidence(r.getEvidence());
  });
}

Result decode_topology(std::string_view bytes, Tie* t) {
  return read_message<s::Tie>(bytes, "tie", [&](s::Tie::Reader r) { read_topology(r, t); });
}

Result decode(std::string_view bytes, DatasetInfo* d) {
  return read_message<s::Dataset>(bytes, "dataset", [&](s::Dataset::Reader r) {
    d->id = r.getId();
    d->name = r.getName().cStr();
    d->files.clear();
    for (auto f : r.getFiles()) d->files.emplace_back(f.cStr());
    d->content_hash = r.getContentHash().cStr();
    d->loaded_at_unix = r.getLoadedAt();
    d->actors = r.getActors();
    d->instruments = r.getInstruments();
    d->ties = r.getTies();
    d->evidence = r.getEvidence();
  });
}

std::string be32(uint32_t v) {
  std::string s(4, '\0');
  for (int i = 3; i >= 0; --i) {
    s[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  return s;
}
std::string be64(uint64_t v) {
  std::string s(8, '\0');
  for (int i = 7; i >= 0; --i) {
    s[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  return s;
}
uint32_t read_be32(std::string_view s) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4 && i < s.size(); ++i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return v;
}
uint64_t read_be64(std::string_view s) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8 && i < s.size(); ++i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return v;
}

}  // namespace govnet::codec
