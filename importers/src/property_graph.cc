#include "govnet/property_graph.h"

#include <cctype>

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
    case GraphFormat::kIati:
      return "iati";
    case GraphFormat::kEdgeList:
      return "edgelist";
  }
  return "graphml";
}

std::optional<GraphFormat> parse_graph_format(std::string_view s) {
  if (s == "graphml") return GraphFormat::kGraphMl;
  if (s == "gexf") return GraphFormat::kGexf;
  if (s == "json" || s == "node-link") return GraphFormat::kNodeLinkJson;
  if (s == "pajek" || s == "net") return GraphFormat::kPajek;
  if (s == "gml") return GraphFormat::kGml;
  if (s == "iati") return GraphFormat::kIati;
  if (s == "edgelist" || s == "edges") return GraphFormat::kEdgeList;
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
  if (ext == "edges" || ext == "edgelist") return GraphFormat::kEdgeList;
  return std::nullopt;
}

namespace {

bool starts_with_word(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != word[i]) return false;
  return s.size() == word.size() || !std::isalnum(static_cast<unsigned char>(s[word.size()]));
}

// The name of the first element of an XML text (after the declaration, comments and DOCTYPE).
std::string_view xml_root(std::string_view s) {
  while (true) {
    size_t lt = s.find('<');
    if (lt == std::string_view::npos) return {};
    s.remove_prefix(lt + 1);
    if (!s.empty() && (s[0] == '?' || s[0] == '!')) continue;
    size_t end = s.find_first_of(" \t\r\n>/");
    std::string_view name = s.substr(0, end);
    size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
  }
}

// The column names of a table's first line: separated by commas, else by tabs or spaces.
std::vector<std::string> first_line_columns(std::string_view s) {
  s = s.substr(0, s.find('\n'));
  const char* separators = s.find(',') != std::string_view::npos ? "," : " \t";
  std::vector<std::string> out;
  for (size_t i = 0; i <= s.size();) {
    size_t end = std::min(s.find_first_of(separators, i), s.size());
    std::string_view name = s.substr(i, end - i);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back())))
      name.remove_suffix(1);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front())))
      name.remove_prefix(1);
    if (!name.empty() || separators[0] == ',') out.emplace_back(name);
    i = end + 1;
  }
  return out;
}

}  // namespace

bool edge_list_header(const std::vector<std::string>& columns) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  if (columns.size() < 2 || lower(columns[0]) != "source" || lower(columns[1]) != "target")
    return false;
  return std::none_of(columns.begin(), columns.end(), [&](const std::string& c) {
    const std::string l = lower(c);
    return l == "locator" || l == "quote" || l == "url" || l == "accessed";
  });
}

std::optional<GraphFormat> sniff_graph_format(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  // Skip blank lines and GML / Pajek comment lines.
  while (true) {
    size_t i = s.find_first_not_of(" \t\r\n");
    if (i == std::string_view::npos) return std::nullopt;
    s.remove_prefix(i);
    if (s[0] != '#' && s[0] != '%') break;
    size_t nl = s.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;
    s.remove_prefix(nl);
  }
  if (s[0] == '<') {
    std::string_view root = xml_root(s);
    if (root == "graphml") return GraphFormat::kGraphMl;
    if (root == "gexf") return GraphFormat::kGexf;
    // (an organisation file too, which the IATI reader refuses with what it is)
    if (root == "iati-activities" || root == "iati-organisations") return GraphFormat::kIati;
    return std::nullopt;
  }
  if (s[0] == '{') {
    if (s.find("\"nodes\"") != std::string_view::npos) return GraphFormat::kNodeLinkJson;
    return std::nullopt;
  }
  if (starts_with_word(s, "*vertices") || starts_with_word(s, "*network"))
    return GraphFormat::kPajek;
  // GML: `graph [` or `Creator "..."` (a CSV header such as "graph,from,to" is neither).
  auto followed_by = [&](std::string_view word, char next) {
    if (!starts_with_word(s, word)) return false;
    size_t i = s.find_first_not_of(" \t\r\n", word.size());
    return i != std::string_view::npos && s[i] == next;
  };
  if (followed_by("graph", '[') || followed_by("creator", '"')) return GraphFormat::kGml;
  if (edge_list_header(first_line_columns(s))) return GraphFormat::kEdgeList;
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
    case GraphFormat::kIati:
      return read_iati(data, file, out, problems, limits);
    case GraphFormat::kEdgeList:
      return read_edge_list(data, file, out, problems, limits);
  }
  return false;
}

}  // namespace govnet
