// libFuzzer target: decoding stored records (Cap'n Proto) and view table chunks from arbitrary
// bytes, as a damaged store would hand them over. Decoding must fail cleanly or succeed; never
// crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codec.h"
#include "format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  govnet::Actor a;
  govnet::Instrument i;
  govnet::Tie t;
  govnet::DatasetInfo d;
  std::vector<govnet::NodePosition> layout;
  (void)govnet::codec::decode(bytes, &a);
  (void)govnet::codec::decode(bytes, &i);
  (void)govnet::codec::decode(bytes, &t);
  govnet::Tie topology;
  (void)govnet::codec::decode_topology(bytes, &topology);
  (void)govnet::codec::decode(bytes, &d);
  (void)govnet::codec::decode_layout(bytes, &layout);
  namespace vt = govnet::view_table;
  std::vector<govnet::TieView> rows;
  std::vector<govnet::Actor> actors(bytes.size() > 5 ? static_cast<uint8_t>(bytes[1]) : 0);
  std::vector<govnet::Instrument> instruments(actors.size());
  vt::Stamp stamp;
  (void)vt::decode_chunk(bytes, 1, 0, &rows);
  (void)vt::decode_chunk(bytes, 1, std::span<govnet::Actor>(actors));
  (void)vt::decode_chunk(bytes, 1, std::span<govnet::Instrument>(instruments));
  (void)vt::decode_stamp(bytes, &stamp);
  return 0;
}
