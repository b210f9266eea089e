// Internal to storage: the tie table, a compact copy of what a view reads of each tie (the
// `tie_table` column family, docs/storage.md). Like the other indexes it is derived from the tie
// records: written with them at import, checked and rebuilt by `govnet check [--repair]`.
//
//   be32(dataset)              -> version byte, u64 tie count (little-endian): the table is there
//   be32(dataset) be32(chunk)  -> version byte, u32 row count, then the rows of the dataset's ties
//                                 chunk * kChunk ... in key order, kChunk to a chunk
//
// A row: varint length and bytes of `from`, of `to`; flags (1 to an instrument, 2 directed,
// 4 weight, 8 amount, 16 start, 32 end); family; status; then the dates present (i16 year, month,
// day, precision) and the numbers present (f64), all little-endian.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/analysis_graph.h"
#include "govnet/model.h"
#include "govnet/result.h"

namespace govnet::tie_table {

constexpr uint32_t kChunk = 8192;  // ties to a chunk

std::string marker_key(DatasetId ds);
std::string chunk_key(DatasetId ds, uint32_t chunk);
std::string encode_marker(uint64_t ties);
Result decode_marker(std::string_view bytes, uint64_t* ties);

// The rows of `ties` (to_instrument already resolved), one chunk's worth.
std::string encode_chunk(std::span<const Tie> ties);
std::string encode_chunk(std::span<const Tie* const> ties);
// Views of a chunk's rows, appended to *out; their keys view `bytes`, which must outlive them.
// Row i gets the id first_id + i and the dataset `ds`. Malformed bytes give Corrupt.
Result decode_chunk(std::string_view bytes, DatasetId ds, uint64_t first_id, std::vector<TieView>* out);

}  // namespace govnet::tie_table
