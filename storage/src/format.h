// Internal to storage: the on-disk format of a govnet store, schema 4 (docs/storage.md). Every
// column family, meta key, index key and derived value is stated here once, beside the function
// that builds or parses it. Records themselves are Cap'n Proto messages
// (storage/schema/records.capnp, codec.h).
//
// Notation: be32/be64 are big-endian unsigned integers (so keys sort numerically), le32 is
// little-endian; `|` concatenates; 'x' is one byte.
#pragma once

#include <rocksdb/db.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "codec.h"
#include "govnet/analysis_graph.h"
#include "govnet/model.h"
#include "govnet/result.h"

namespace govnet {

// Column families. The order is the index into Store::Impl::cf; a store of the current schema has
// all of them.
enum Cf : int {
  kDefault,      // unused
  kMeta,         // the meta keys below
  kActors,       // actor key -> Actor
  kInstruments,  // instrument key -> Instrument
  kTies,         // tie_key(id) -> Tie
  kDatasets,     // dataset_key(id) -> Dataset
  kMembers,      // member_key -> empty
  kAdjacency,    // adjacency_key -> adjacency list
  kNames,        // name_key -> the text as written
  kLayouts,      // layout name -> SavedLayout
  kPartitions,   // partition name -> SavedPartition
  kViewTable,    // view_table::stamp_key -> Stamp; view_table::chunk_key -> chunk
  kScenes,       // scene name -> the scene's JSON document
  kCfCount
};
inline const char* const kCfNames[kCfCount] = {rocksdb::kDefaultColumnFamilyName.c_str(),
                                               "meta",
                                               "actors",
                                               "instruments",
                                               "ties",
                                               "datasets",
                                               "members",
                                               "adjacency",
                                               "names",
                                               "layouts",
                                               "partitions",
                                               "view_table",
                                               "scenes"};

// Meta keys: "format" -> "govnet"; "schema_version" -> the decimal version ("4");
// "next_dataset_id" -> be32, the id the next new dataset gets.
inline constexpr const char* kFormatKey = "format";
inline constexpr const char* kFormatValue = "govnet";
inline constexpr const char* kSchemaKey = "schema_version";
inline constexpr const char* kNextDatasetKey = "next_dataset_id";
inline std::string next_dataset_value(DatasetId next) { return codec::be32(next); }
inline DatasetId parse_next_dataset_value(std::string_view v) { return codec::read_be32(v); }

// The byte that names a record's type inside index keys: 'a' actor, 'i' instrument.
constexpr char node_type_byte(NodeType type) { return type == NodeType::kInstrument ? 'i' : 'a'; }
inline std::optional<NodeType> node_type_of_byte(char b) {
  if (b == 'a') return NodeType::kActor;
  if (b == 'i') return NodeType::kInstrument;
  return std::nullopt;
}

// datasets: be32(dataset id).
inline std::string dataset_key(DatasetId ds) { return codec::be32(ds); }

// ties: be64(tie id), where the id is dataset id << 32 | the tie's sequence in its dataset; a
// dataset's ties are one key range, in the order its file gave them.
inline std::string tie_key(uint64_t id) { return codec::be64(id); }

// members: be32(dataset) | type byte | key -> empty: the actors and instruments a dataset
// defined.
inline std::string member_key(DatasetId ds, NodeType type, std::string_view key) {
  std::string k = codec::be32(ds);
  k += node_type_byte(type);
  k += key;
  return k;
}
// The record a member key names; nullopt when the key is malformed.
inline std::optional<NodeRef> parse_member_key(std::string_view k) {
  if (k.size() < 5) return std::nullopt;
  const std::optional<NodeType> type = node_type_of_byte(k[4]);
  if (!type) return std::nullopt;
  return NodeRef{*type, std::string(k.substr(5))};
}

// adjacency: key | '\0' | be32(dataset) -> the dataset's ties from and to the key, in tie order,
// kAdjacencyEntry bytes each: (0x80 for a tie to the key) | family, then le32(tie sequence).
// One entry per (record, dataset with ties at it).
inline constexpr size_t kAdjacencyEntry = 5;
inline std::string adjacency_prefix(std::string_view key) {
  std::string k(key);
  k += '\0';
  return k;
}
inline std::string adjacency_key(std::string_view key, DatasetId ds) {
  return adjacency_prefix(key) + codec::be32(ds);
}
// Which end of a tie the adjacency list's key is.
enum class TieEnd : uint8_t { kFrom, kTo };
// Appends a tie end to an adjacency list.
inline void add_adjacency(std::string* list, TieEnd end, Family f, uint32_t seq) {
  list->push_back(static_cast<char>((end == TieEnd::kTo ? 0x80 : 0) | static_cast<uint8_t>(f)));
  for (int i = 0; i < 4; ++i) list->push_back(static_cast<char>(seq >> (8 * i)));
}
// Calls fn(tie id) for each tie an adjacency entry names; `suffix` is the entry's key after the
// record key and '\0'. False when the entry is malformed.
template <typename Fn>
bool adjacency_ties(std::string_view suffix, std::string_view value, Fn&& fn) {
  if (suffix.size() != 4 || value.size() % kAdjacencyEntry != 0) return false;
  const uint64_t ds = codec::read_be32(suffix);
  for (size_t at = 0; at < value.size(); at += kAdjacencyEntry) {
    uint32_t seq = 0;
    for (int i = 0; i < 4; ++i) seq |= uint32_t{static_cast<uint8_t>(value[at + 1 + i])} << (8 * i);
    fn((ds << 32) | seq);
  }
  return true;
}

// names: normalize_for_search(text) | '\0' | type byte | key -> the text as written (the
// record's key, name or an alias); each normalized text of a record once.
inline std::string name_key(std::string_view normalized, NodeType type, std::string_view key) {
  std::string k(normalized);
  k += '\0';
  k += node_type_byte(type);
  k += key;
  return k;
}
// The normalized text and the record a names key holds; nullopt when the key is malformed.
struct NameKey {
  std::string_view normalized;
  NodeType type;
  std::string_view key;
};
inline std::optional<NameKey> parse_name_key(std::string_view k) {
  const size_t sep = k.find('\0');
  if (sep == std::string_view::npos || sep + 1 >= k.size()) return std::nullopt;
  const std::optional<NodeType> type = node_type_of_byte(k[sep + 1]);
  if (!type) return std::nullopt;
  return NameKey{k.substr(0, sep), *type, k.substr(sep + 2)};
}

// layouts: the layout's name -> SavedLayout (records.capnp; codec::encode_layout).

// The view table: a compact copy of what views and their labels read of each actor, instrument
// and tie, per dataset. Like the indexes it is derived from the records: written with them at
// import, deleted with its dataset, checked and rebuilt by `govnet check [--repair]`. Every
// dataset has its table; a missing or stale one is damage.
//
//   stamp_key:  be32(dataset)                -> Stamp (encode_stamp)
//   chunk_key:  be32(dataset) | section | be32(chunk) -> rows chunk * kChunk ... of the section
//
// A chunk is a version byte (1), le32 row count and the rows, kChunk to a chunk (fewer in the
// last). Actors and instruments are in key order, ties in their dataset's order. Texts are a
// varint length and the bytes; numbers are little-endian.
//   actor:      key, name, kind (+128 when spells follow), then the spell list if so
//   instrument: key, name, kind, status, flags (16 start, 32 end, 64 spell list), the dates
//               present or the spell list
//   tie:        from, to, flags (1 to an instrument, 2 directed, 4 weight, 8 amount, 16 start,
//               32 end, 64 spell list, 128 dated weights), family, status, the dates present
//               (i16 year, month, day, precision) or the spell list, weight and amount when
//               present (f64), then the dated weights if flagged
// A record of one spell has it as its start and end flags; a record of several has a spell
// list: le32 count, then per spell a flags byte (16 start, 32 end) and its dates. Dated weights:
// le32 count, then per weight a flags byte, its dates and the value (f64).
namespace view_table {

constexpr uint32_t kChunk = 8192;  // rows to a chunk

// A dataset's stamp: which import of the dataset the table was written for (its load time and
// content hash, from the dataset record) and how many rows each section holds. The table is
// read only when its stamp agrees with the dataset record.
// Bytes: version byte (1), u64 actors, instruments, ties, i64 load time, the content hash as
// a text.
struct Stamp {
  uint64_t actors = 0, instruments = 0, ties = 0;
  int64_t loaded_at = 0;
  std::string content_hash;
  static Stamp of(const DatasetInfo& d) {
    return {d.actors, d.instruments, d.ties, d.loaded_at_unix, d.content_hash};
  }
  bool operator==(const Stamp&) const = default;
};

// A section's byte in chunk keys: an actor's or instrument's is its node_type_byte.
enum class Section : char {
  kActors = node_type_byte(NodeType::kActor),
  kInstruments = node_type_byte(NodeType::kInstrument),
  kTies = 't'
};

std::string stamp_key(DatasetId ds);
std::string chunk_key(DatasetId ds, Section section, uint32_t chunk);
std::string encode_stamp(const Stamp& stamp);
Result decode_stamp(std::string_view bytes, Stamp* stamp);

// One chunk's rows. Ties must have to_instrument resolved.
std::string encode_chunk(std::span<const Actor* const> actors);
std::string encode_chunk(std::span<const Instrument* const> instruments);
std::string encode_chunk(std::span<const Tie> ties);
std::string encode_chunk(std::span<const Tie* const> ties);

// A chunk's rows. Actors and instruments go into `slots`, exactly one row each (another count
// is Corrupt), with their key, name, kind, spells (instruments also status) and dataset `ds`;
// aliases, attributes and evidence stay empty. Tie views are appended to *out and view `bytes`,
// which must outlive them; row i gets the id first_id + i. Malformed bytes give Corrupt (and no
// tie views).
Result decode_chunk(std::string_view bytes, DatasetId ds, std::span<Actor> slots);
Result decode_chunk(std::string_view bytes, DatasetId ds, std::span<Instrument> slots);
Result decode_chunk(std::string_view bytes, DatasetId ds, uint64_t first_id,
                    std::vector<TieView>* out);

}  // namespace view_table
}  // namespace govnet
