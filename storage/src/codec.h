// Internal to storage: converting model values to and from Cap'n Proto bytes
// (storage/schema/records.capnp), and the big-endian integers keys are made of.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/model.h"
#include "govnet/result.h"
#include "govnet/store.h"

namespace govnet::codec {

std::string encode(const Actor&);
std::string encode(const Instrument&);
std::string encode(const Tie&);
std::string encode(const DatasetInfo&);
// The same bytes as encode(), appended to *out.
void append(const Actor&, std::string* out);
void append(const Instrument&, std::string* out);
void append(const Tie&, std::string* out);
std::string encode_layout(const std::string& name, const std::vector<NodePosition>& positions,
                          int64_t saved_at);
Result decode_layout(std::string_view bytes, std::vector<NodePosition>* out);
std::string encode_partition(const Store::Partition& p);
Result decode_partition(std::string_view bytes, Store::Partition* out);
// Decoders copy the bytes into word-aligned memory first; malformed bytes give Corrupt.
Result decode(std::string_view bytes, Actor*);
Result decode(std::string_view bytes, Instrument*);
Result decode(std::string_view bytes, Tie*);
// Only what an analysis view reads of a tie: id, endpoints, family, direction, weight, amount,
// dated weights, spells, status, dataset. Label, role, currency, attributes (also dated ones) and
// evidence stay as they were.
Result decode_topology(std::string_view bytes, Tie*);
Result decode(std::string_view bytes, DatasetInfo*);

// Big-endian fixed-width integers so keys sort numerically.
std::string be32(uint32_t v);
std::string be64(uint64_t v);
uint32_t read_be32(std::string_view s);
uint64_t read_be64(std::string_view s);

}  // namespace govnet::codec
