// The window's state as JSON (state_report.h).
#include "state_report.h"

#include <cstdio>
#include <fstream>

namespace govnet::viewer {
namespace {

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

template <typename Range>
std::string key_list(const ViewModel& m, const Range& vertices) {
  std::string out = "[";
  for (uint32_t v : vertices) out += (out.size() > 1 ? ", " : "") + quoted(m.key(v));
  return out + "]";
}

}  // namespace

std::string state_json(const AppState& s) {
  const ViewModel& m = s.model;
  std::vector<uint32_t> pinned;
  for (uint32_t v = 0; v < m.pinned().size(); ++v)
    if (m.pinned()[v]) pinned.push_back(v);
  std::string link = "null";
  if (auto l = m.selected_link(); l && *l < m.graph().links().size())
    link = "[" + quoted(m.key(m.graph().links()[*l].from)) + ", " +
           quoted(m.key(m.graph().links()[*l].to)) + "]";
  char camera[160];
  std::snprintf(camera, sizeof camera, "{\"cx\": %.9g, \"cy\": %.9g, \"zoom\": %.9g}",
                m.camera().cx, m.camera().cy, m.camera().zoom);
  auto year = m.as_of_year();
  return "{\"selection\": " + key_list(m, m.selection()) + ", \"pinned\": " + key_list(m, pinned) +
         ", \"selected_link\": " + link + ", \"path\": " + key_list(m, m.path()) +
         ", \"as_of\": " + (year ? std::to_string(*year) : "null") +
         ", \"dated_only\": " + (m.spec().dated_only ? "true" : "false") +
         ", \"layout_paused\": " + (s.runner.paused() ? "true" : "false") +
         ", \"camera_locked\": " + (s.camera_locked ? "true" : "false") +
         ", \"camera\": " + camera + "}\n";
}

bool write_state(const AppState& s, const std::string& path, std::string* error) {
  std::ofstream out(path);
  out << state_json(s);
  if (!out) *error = "cannot write " + path;
  return static_cast<bool>(out);
}

}  // namespace govnet::viewer
