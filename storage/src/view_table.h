// Internal to storage: the view table, a compact copy of what views and their labels read of each
// actor, instrument and tie (the `view_table` column family, docs/storage.md). Like the indexes
// it is derived from the records: written with them at import, checked and rebuilt by
// `govnet check [--repair]`. Reading it is several times faster than decoding the records.
//
//   be32(dataset)                  -> version byte, u64 actors, instruments, ties, i64 load
//                                     time, the content hash: the table is there (Stamp)
//   be32(dataset) 'a' be32(chunk)  -> the dataset's actors chunk * kChunk ..., in key order
//   be32(dataset) 'i' be32(chunk)  -> its instruments, in key order
//   be32(dataset) 't' be32(chunk)  -> its ties, in key order (sequence)
//
// A chunk is a version byte, a u32 row count and the rows, kChunk to a chunk (fewer in the last).
// Texts are a varint length and the bytes; numbers little-endian.
//   actor:      key, name, kind
//   instrument: key, name, kind, status, flags (16 start, 32 end), the dates present
//   tie:        from, to, flags (1 to an instrument, 2 directed, 4 weight, 8 amount, 16 start,
//               32 end), family, status, the dates present (i16 year, month, day, precision),
//               weight and amount when present (f64)
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/analysis_graph.h"
#include "govnet/model.h"
#include "govnet/result.h"

namespace govnet::view_table {

constexpr uint32_t kChunk = 8192;  // rows to a chunk

// A dataset's entry: which import of the dataset the table was written for (its time and
// content hash, from the dataset record) and how many rows each section holds. A view reads the
// table only when all of it agrees with the dataset record, so a table left behind by a govnet
// that did not know it (replacing or removing the dataset) is never read.
struct Stamp {
  uint64_t actors = 0, instruments = 0, ties = 0;
  int64_t loaded_at = 0;
  std::string content_hash;
  static Stamp of(const DatasetInfo& d) {
    return {d.actors, d.instruments, d.ties, d.loaded_at_unix, d.content_hash};
  }
  bool operator==(const Stamp&) const = default;
};

enum class Section : char { kActors = 'a', kInstruments = 'i', kTies = 't' };

std::string marker_key(DatasetId ds);
std::string chunk_key(DatasetId ds, Section section, uint32_t chunk);
std::string encode_marker(const Stamp& stamp);
Result decode_marker(std::string_view bytes, Stamp* stamp);

// One chunk's rows. Ties must have to_instrument resolved.
std::string encode_chunk(std::span<const Actor* const> actors);
std::string encode_chunk(std::span<const Instrument* const> instruments);
std::string encode_chunk(std::span<const Tie> ties);
std::string encode_chunk(std::span<const Tie* const> ties);

// A chunk's rows. Actors and instruments go into `slots`, exactly one row each (another count
// is Corrupt), with their key, name, kind (instruments also status and period) and dataset `ds`;
// aliases, attributes and evidence stay empty. Tie views are appended to *out and view `bytes`,
// which must outlive them; row i gets the id first_id + i. Malformed bytes give Corrupt (and no
// tie views).
Result decode_chunk(std::string_view bytes, DatasetId ds, std::span<Actor> slots);
Result decode_chunk(std::string_view bytes, DatasetId ds, std::span<Instrument> slots);
Result decode_chunk(std::string_view bytes, DatasetId ds, uint64_t first_id,
                    std::vector<TieView>* out);

}  // namespace govnet::view_table
