#include "govnet/property_graph.h"

#include <algorithm>

namespace govnet {

std::string_view to_string(GraphFormat f) {
  switch (f) {
    case GraphFormat::kGraphMl:
      return "graphml";
    case GraphFormat::kGexf:
      return "gexf";
    case GraphFormat::kNodeLinkJson:
      return "json";
    case GraphFormat::kPajek:
      return "pajek";
    case GraphFormat::kGml:
      return "gml";
  }
  return "graphml";
}

std::optional<GraphFormat> parse_graph_format(std::string_view s) {
  if (s == "graphml") return GraphFormat::kGraphMl;
  if (s == "gexf") return GraphFormat::kGexf;
  if (s == "json" || s == "node-link") return GraphFormat::kNodeLinkJson;
  if (s == "pajek" || s == "net") return GraphFormat::kPajek;
  if (s == "gml") return GraphFormat::kGml;
  return std::nullopt;
}

std::optional<GraphFormat> graph_format_of_path(std::string_view path) {
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string ext(path.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c += 32;
  if (ext == "graphml" || ext == "xml") return GraphFormat::kGraphMl;
  if (ext == "gexf") return GraphFormat::kGexf;
  if (ext == "json") return GraphFormat::kNodeLinkJson;
  if (ext == "net" || ext == "paj") return GraphFormat::kPajek;
  if (ext == "gml") return GraphFormat::kGml;
  return std::nullopt;
}

std::vector<std::pair<uint32_t, uint32_t>> positions_of(std::string_view data,
                                                        const std::vector<size_t>& offsets) {
  std::vector<size_t> order(offsets.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return offsets[a] < offsets[b]; });
  std::vector<std::pair<uint32_t, uint32_t>> out(offsets.size());
  uint32_t line = 1, column = 1;
  size_t at = 0;
  for (size_t i : order) {
    for (; at < offsets[i] && at < data.size(); ++at) {
      unsigned char c = static_cast<unsigned char>(data[at]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((c & 0xC0) != 0x80)
        ++column;
    }
    out[i] = {line, column};
  }
  return out;
}

std::pair<uint32_t, uint32_t> position_of(std::string_view data, size_t offset) {
  return positions_of(data, {offset})[0];
}

bool read_property_graph(GraphFormat format, std::string_view data, const std::string& file,
                         PropertyGraph* out, std::vector<Problem>* problems,
                         const GraphReadLimits& limits) {
  switch (format) {
    case GraphFormat::kGraphMl:
      return read_graphml(data, file, out, problems, limits);
    case GraphFormat::kGexf:
      return read_gexf(data, file, out, problems, limits);
    case GraphFormat::kNodeLinkJson:
      return read_node_link_json(data, file, out, problems, limits);
    case GraphFormat::kPajek:
      return read_pajek(data, file, out, problems, limits);
    case GraphFormat::kGml:
      return read_gml(data, file, out, problems, limits);
  }
  return false;
}

}  // namespace govnet
