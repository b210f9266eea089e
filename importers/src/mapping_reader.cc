// Reads a mapping file (TOML, via toml++) into a mapping::Mapping, checking every setting.
#include <toml++/toml.h>

#include <algorithm>

#include "govnet/mapping.h"
#include "govnet/text.h"
#include "mapping_spec.h"

namespace govnet::mapping {
namespace {

// Where the text has a non-ASCII character outside strings and comments, or npos. TOML allows
// them only there, and toml++ 3.3 (Debian 12) reaches undefined behaviour (an "unreachable"
// branch of its whitespace test) on some of them, e.g. an unquoted é: such text never gets to it.
size_t bare_non_ascii(std::string_view t) {
  size_t i = 0;
  auto starts = [&](std::string_view s) { return t.substr(i, s.size()) == s; };
  while (i < t.size()) {
    const char c = t[i];
    if (static_cast<unsigned char>(c) >= 0x80) return i;
    if (c == '#') {
      while (i < t.size() && t[i] != '\n') ++i;
    } else if (starts("\"\"\"") || starts("'''")) {
      const std::string_view close = t.substr(i, 3);
      const bool escapes = c == '"';
      for (i += 3; i < t.size() && !starts(close); ++i)
        if (escapes && t[i] == '\\') ++i;
      while (i < t.size() && t[i] == c) ++i;  // the closing quotes (and up to two more inside)
    } else if (c == '"' || c == '\'') {
      for (++i; i < t.size() && t[i] != c && t[i] != '\n'; ++i)
        if (c == '"' && t[i] == '\\') ++i;
      if (i < t.size() && t[i] == c) ++i;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

class MappingReader {
 public:
  MappingReader(const std::string& file, std::vector<Problem>* problems) : file_(file), problems_(problems) {}

  bool read(std::string_view text, Mapping* m) {
    toml::table root;
    // Positions as toml++ gives them: lines from 1, columns in characters from 1.
    auto problem_at = [&](size_t at, std::string message) {
      const size_t line_start = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;  // npos + 1 == 0
      problem(1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + at, '\n')),
              1 + static_cast<uint32_t>(utf8_length(text.substr(line_start, at - line_start))),
              std::move(message));
      return false;
    };
    if (size_t bad = find_invalid_utf8(text); bad != std::string_view::npos)
      return problem_at(bad, "invalid UTF-8; save the mapping file as UTF-8");
    // TOML allows no control character but tab and line ends, anywhere.
    for (size_t i = 0; i < text.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        const char* digits = "0123456789ABCDEF";
        return problem_at(i, std::string("not valid TOML: control character 0x") + digits[c >> 4] +
                                 digits[c & 15] + "; the file may be binary or UTF-16: save it as UTF-8 text");
      }
    }
    if (size_t at = bare_non_ascii(text); at != std::string_view::npos)
      return problem_at(at, "not valid TOML: a non-ASCII character outside quotes; write text "
                            "values in double quotes (name = \"Frontière\")");
    try {
      root = toml::parse(text, file_);
    } catch (const toml::parse_error& e) {
      problem(e.source().begin.line, e.source().begin.column,
              "not valid TOML: " + std::string(e.description()) + "; see docs/mapping.md for the format");
      return false;
    }
    for (const auto& [k, node] : root) {
      std::string key(k.str());
      if (key == "dataset") m->dataset = string_of(node, "dataset");
      else if (key == "instrument") read_instrument(node, m);
      else if (key == "ties") read_ties(node, m);
      else if (key == "evidence") read_evidence(node, m);
      else if (key == "actors") read_actors(node, m);
      else unknown(node, key, "dataset, instrument, ties, evidence, actors");
    }
    for (const auto& t : m->ties)
      if (t.to_instrument && !m->has_instrument)
        problem(t.line, t.col, "to = \"instrument\" needs an [instrument] table that says how rows make instruments");
    if (!m->has_instrument && m->ties.empty())
      problem(1, 1, "the mapping makes nothing: give an [instrument] table, [[ties]] tables, or both");
    return problems_->empty();
  }

 private:
  void problem(uint32_t line, uint32_t col, std::string message) { problems_->push_back({file_, line, col, std::move(message)}); }
  void problem(const toml::node& n, std::string message) { problem(n.source().begin.line, n.source().begin.column, std::move(message)); }
  void unknown(const toml::node& n, const std::string& key, const std::string& allowed) {
    problem(n, "unknown setting '" + key + "'; expected one of: " + allowed);
  }
  std::string string_of(const toml::node& n, const std::string& what) {
    if (auto s = n.value<std::string>()) return *s;
    problem(n, "'" + what + "' must be text");
    return {};
  }
  std::vector<std::string> strings_of(const toml::node& n, const std::string& what) {
    std::vector<std::string> out;
    if (auto s = n.value<std::string>()) return {*s};
    if (const auto* a = n.as_array()) {
      for (const auto& x : *a) out.push_back(string_of(x, what));
      return out;
    }
    problem(n, "'" + what + "' must be text or a list of texts");
    return out;
  }

  Field field(const toml::node& n, const std::string& what) {
    Field f;
    f.present = true;
    f.line = n.source().begin.line;
    f.col = n.source().begin.column;
    if (auto s = n.value<std::string>()) { f.literal = *s; return f; }
    if (auto b = n.value<bool>()) { f.literal = *b ? "true" : "false"; return f; }
    if (auto d = n.value<double>()) { f.literal = std::to_string(*d); return f; }
    const toml::table* t = n.as_table();
    if (!t) {
      problem(n, "'" + what + "' must be a fixed value (\"text\") or a table such as { column = \"Name\" }");
      return f;
    }
    for (const auto& [k, v] : *t) {
      std::string key(k.str());
      if (key == "column") f.column = string_of(v, what + ".column");
      else if (key == "value") f.literal = string_of(v, what + ".value");
      else if (key == "split") f.split = strings_of(v, what + ".split");
      else if (key == "format") f.formats = strings_of(v, what + ".format");
      else if (key == "prefix") f.prefix = string_of(v, what + ".prefix");
      else if (key == "default") f.fallback = string_of(v, what + ".default");
      else if (key == "map") {
        const toml::table* mt = v.as_table();
        if (!mt) { problem(v, "'" + what + ".map' must be a table of spelling = value"); continue; }
        for (const auto& [from, to] : *mt) f.map[normalize_for_search(from.str())] = string_of(to, what + ".map");
      } else unknown(v, key, "column, value, split, map, format, prefix, default");
    }
    if (f.column.empty() && !f.literal) problem(n, "'" + what + "' needs a column (or a value)");
    return f;
  }
  std::vector<Field> columns(const toml::node& n, const std::string& what) {
    std::vector<Field> out;
    for (const auto& c : strings_of(n, what)) {
      Field f;
      f.present = true;
      f.column = c;
      f.line = n.source().begin.line;
      f.col = n.source().begin.column;
      out.push_back(f);
    }
    return out;
  }

  void read_instrument(const toml::node& n, Mapping* m) {
    const toml::table* t = n.as_table();
    if (!t) return problem(n, "[instrument] must be a table");
    m->has_instrument = true;
    for (const auto& [k, v] : *t) {
      std::string key(k.str());
      if (key == "key") m->key = field(v, "instrument.key");
      else if (key == "name") m->name = field(v, "instrument.name");
      else if (key == "kind") m->kind = field(v, "instrument.kind");
      else if (key == "status") m->status = field(v, "instrument.status");
      else if (key == "start") m->start = field(v, "instrument.start");
      else if (key == "end") m->end = field(v, "instrument.end");
      else if (key == "attributes") m->instrument_attributes = columns(v, "instrument.attributes");
      else unknown(v, key, "key, name, kind, status, start, end, attributes");
    }
    if (!m->key.present && !m->name.present) problem(n, "[instrument] needs a name (or a key)");
  }

  void read_ties(const toml::node& n, Mapping* m) {
    const toml::array* a = n.as_array();
    if (!a) return problem(n, "ties must be an array of tables: write [[ties]]");
    for (const auto& x : *a) {
      const toml::table* t = x.as_table();
      if (!t) { problem(x, "each [[ties]] entry must be a table"); continue; }
      TieSpec s;
      s.line = x.source().begin.line;
      s.col = x.source().begin.column;
      for (const auto& [k, v] : *t) {
        std::string key(k.str());
        if (key == "from") s.from = field(v, "ties.from");
        else if (key == "to") {
          if (v.value<std::string>() && *v.value<std::string>() == "instrument") s.to_instrument = true;
          else s.to = field(v, "ties.to");
        } else if (key == "family") s.family = field(v, "ties.family");
        else if (key == "role") s.role = field(v, "ties.role");
        else if (key == "directed") s.directed = field(v, "ties.directed");
        else if (key == "weight") s.weight = field(v, "ties.weight");
        else if (key == "amount") s.amount = field(v, "ties.amount");
        else if (key == "currency") s.currency = field(v, "ties.currency");
        else if (key == "start") s.start = field(v, "ties.start");
        else if (key == "end") s.end = field(v, "ties.end");
        else if (key == "status") s.status = field(v, "ties.status");
        else if (key == "attributes") s.attributes = columns(v, "ties.attributes");
        else unknown(v, key, "from, to, family, role, directed, weight, amount, currency, start, end, status, attributes");
      }
      if (!s.from.present) problem(x, "[[ties]] needs 'from': the column of actor names");
      if (!s.to_instrument && !s.to.present)
        problem(x, "[[ties]] needs 'to': \"instrument\" (the row's instrument) or a column of actor names");
      m->ties.push_back(std::move(s));
    }
  }

  void read_evidence(const toml::node& n, Mapping* m) {
    const toml::table* t = n.as_table();
    if (!t) return problem(n, "[evidence] must be a table");
    for (const auto& [k, v] : *t) {
      std::string key(k.str());
      if (key == "source") m->ev_source = field(v, "evidence.source");
      else if (key == "locator") m->ev_locator = field(v, "evidence.locator");
      else if (key == "quote") m->ev_quote = field(v, "evidence.quote");
      else if (key == "url") m->ev_url = field(v, "evidence.url");
      else if (key == "accessed") m->ev_accessed = field(v, "evidence.accessed");
      else unknown(v, key, "source, locator, quote, url, accessed");
    }
    if (!m->ev_source.present) problem(n, "[evidence] needs a source (a citation, fixed or from a column)");
  }

  void read_actors(const toml::node& n, Mapping* m) {
    const toml::table* t = n.as_table();
    if (!t) return problem(n, "[actors] must be a table");
    for (const auto& [k, v] : *t) {
      std::string key(k.str());
      if (key == "create_kind") {
        std::string s = string_of(v, "actors.create_kind");
        if (auto kind = parse_actor_kind(s)) m->create_kind = *kind;
        else problem(v, "unknown actor kind '" + s + "'; expected one of: " + actor_kind_names());
      } else if (key == "aliases") {
        const toml::table* at = v.as_table();
        if (!at) { problem(v, "[actors.aliases] must be a table of spelling = \"KEY\""); continue; }
        for (const auto& [spelling, target] : *at)
          m->aliases.emplace_back(std::string(spelling.str()), string_of(target, "actors.aliases"));
      } else unknown(v, key, "create_kind, aliases");
    }
  }

  const std::string& file_;
  std::vector<Problem>* problems_;
};

}  // namespace

bool read_mapping(const std::string& file, std::string_view text, Mapping* out, std::vector<Problem>* problems) {
  size_t before = problems->size();
  std::vector<Problem> found;
  MappingReader r(file, &found);
  r.read(text, out);
  problems->insert(problems->end(), found.begin(), found.end());
  return problems->size() == before;
}

}  // namespace govnet::mapping

namespace govnet {

std::string mapping_dataset(std::string_view mapping_text) {
  try {
    toml::table root = toml::parse(mapping_text);
    return root["dataset"].value_or(std::string());
  } catch (const toml::parse_error&) {
    return {};
  }
}

}  // namespace govnet
