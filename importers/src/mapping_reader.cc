// Reads a mapping file (TOML, via toml++) into a mapping::Mapping, checking every setting.
#include <toml++/toml.h>

#include <algorithm>

#include "govnet/mapping.h"
#include "govnet/text.h"
#include "mapping_spec.h"
#include "safe_toml.h"

namespace govnet::mapping {
namespace {

class MappingReader {
 public:
  MappingReader(const std::string& file, std::vector<Problem>* problems)
      : file_(file), problems_(problems) {}

  bool read(std::string_view text, Mapping* m) {
    Problem p;
    std::optional<toml::table> parsed = detail::parse_toml(text, file_, &p);
    if (!parsed) {
      problems_->push_back(std::move(p));
      return false;
    }
    const toml::table& root = *parsed;
    for (const auto& [k, node] : root) {
      std::string key(detail::restore_text(k.str()));
      if (key == "dataset")
        m->dataset = string_of(node, "dataset");
      else if (key == "instrument")
        read_instrument(node, m);
      else if (key == "ties")
        read_ties(node, m);
      else if (key == "evidence")
        read_evidence(node, m);
      else if (key == "actors")
        read_actors(node, m);
      else if (key == "where")
        read_where(node, m);
      else
        unknown(node, key, "dataset, where, instrument, ties, evidence, actors");
    }
    for (const auto& t : m->ties)
      if (t.to_instrument && !m->has_instrument)
        problem(
            t.line, t.col,
            "to = \"instrument\" needs an [instrument] table that says how rows make instruments");
    if (!m->has_instrument && m->ties.empty())
      problem(1, 1,
              "the mapping makes nothing: give an [instrument] table, [[ties]] tables, or both");
    return problems_->empty();
  }

 private:
  void problem(uint32_t line, uint32_t col, std::string message) {
    problems_->push_back({file_, line, col, std::move(message)});
  }
  void problem(const toml::node& n, std::string message) {
    problem(n.source().begin.line, n.source().begin.column, std::move(message));
  }
  void unknown(const toml::node& n, const std::string& key, const std::string& allowed) {
    problem(n, "unknown setting '" + key + "'; expected one of: " + allowed);
  }
  std::string string_of(const toml::node& n, const std::string& what) {
    if (auto s = detail::text_value(n)) return *s;
    problem(n, "'" + what + "' must be text");
    return {};
  }
  std::vector<std::string> strings_of(const toml::node& n, const std::string& what) {
    std::vector<std::string> out;
    if (auto s = detail::text_value(n)) return {*s};
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
    if (auto s = detail::text_value(n)) {
      f.literal = *s;
      return f;
    }
    if (auto b = n.value<bool>()) {
      f.literal = *b ? "true" : "false";
      return f;
    }
    if (auto d = n.value<double>()) {
      f.literal = std::to_string(*d);
      return f;
    }
    const toml::table* t = n.as_table();
    if (!t) {
      problem(n, "'" + what +
                     "' must be a fixed value (\"text\") or a table such as { column = \"Name\" }");
      return f;
    }
    for (const auto& [k, v] : *t) {
      std::string key(detail::restore_text(k.str()));
      if (key == "column") {
        std::vector<std::string> cols = strings_of(v, what + ".column");
        if (!cols.empty()) f.column = cols[0];
        f.more_columns.assign(cols.begin() + (cols.empty() ? 0 : 1), cols.end());
      } else if (key == "trim")
        f.trim = utf8_chars(string_of(v, what + ".trim"));
      else if (key == "replace")
        read_replace(v, what, &f);
      else if (key == "drop") {
        for (const auto& d : strings_of(v, what + ".drop"))
          f.drop.push_back(ascii_lower(std::string(trim(d))));
      } else if (key == "value")
        f.literal = string_of(v, what + ".value");
      else if (key == "split") {
        f.split = strings_of(v, what + ".split");
        for (const auto& sep : f.split)
          if (sep.empty())
            problem(v, "'" + what +
                           ".split' has an empty separator, which would split a cell without end; "
                           "give the text that separates the values, such as \";\" or \"|\"");
      } else if (key == "format")
        f.formats = strings_of(v, what + ".format");
      else if (key == "prefix")
        f.prefix = string_of(v, what + ".prefix");
      else if (key == "default")
        f.fallback = string_of(v, what + ".default");
      else if (key == "map") {
        const toml::table* mt = v.as_table();
        if (!mt) {
          problem(v, "'" + what + ".map' must be a table of spelling = value");
          continue;
        }
        for (const auto& [from, to] : *mt)
          f.map[normalize_for_search(detail::restore_text(from.str()))] =
              string_of(to, what + ".map");
      } else
        unknown(v, key, "column, value, trim, replace, drop, split, map, format, prefix, default");
    }
    if (f.column.empty() && !f.literal) problem(n, "'" + what + "' needs a column (or a value)");
    return f;
  }
  static std::vector<std::string> utf8_chars(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
      size_t n = 1;
      while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
      out.push_back(s.substr(i, n));
      i += n;
    }
    return out;
  }

  std::shared_ptr<const std::regex> regex_of(const toml::node& n, const std::string& what) {
    std::string text = string_of(n, what);
    try {
      return std::make_shared<const std::regex>(text, std::regex::ECMAScript | std::regex::icase);
    } catch (const std::regex_error& e) {
      problem(n, "'" + what + "' is not a regular expression (" + e.what() + ")");
      return nullptr;
    }
  }

  // replace = [["pattern", "replacement"], ...]
  void read_replace(const toml::node& n, const std::string& what, Field* f) {
    const toml::array* a = n.as_array();
    bool ok = a != nullptr;
    for (size_t i = 0; ok && i < a->size(); ++i) {
      const toml::array* pair = (*a)[i].as_array();
      if (!pair || pair->size() != 2) {
        ok = false;
        break;
      }
      auto re = regex_of((*pair)[0], what + ".replace");
      if (re) f->replace.push_back({re, string_of((*pair)[1], what + ".replace")});
    }
    if (!ok)
      problem(n, "'" + what + ".replace' must be a list of [\"pattern\", \"replacement\"] pairs");
  }

  // where = [{ column = "C", equals | not_equals | one_of | not_one_of | matches |
  //            not_matches = ..., or empty = true | false }, ...]
  void read_where(const toml::node& n, Mapping* m) {
    const toml::array* a = n.as_array();
    if (!a) return problem(n, "'where' must be a list of conditions: where = [{ column = ... }]");
    for (const auto& x : *a) {
      const toml::table* t = x.as_table();
      if (!t) {
        problem(x,
                "each condition of 'where' must be a table such as { column = \"C\", "
                "equals = \"v\" }");
        continue;
      }
      read_condition(x, *t, m);
    }
  }

  void read_condition(const toml::node& x, const toml::table& t, Mapping* m) {
    mapping::Condition c;
    c.column.present = true;
    c.column.line = x.source().begin.line;
    c.column.col = x.source().begin.column;
    int ops = 0;
    for (const auto& [k, v] : t) {
      std::string key(detail::restore_text(k.str()));
      bool negate = key.rfind("not_", 0) == 0;
      std::string op = negate ? key.substr(4) : key;
      if (key == "column") {
        c.column.column = string_of(v, "where.column");
        continue;
      }
      ++ops;
      c.negate = negate;
      c.text = key;
      if (op == "equals" || op == "one_of") {
        c.op = op == "equals" ? mapping::Condition::kEquals : mapping::Condition::kOneOf;
        for (const auto& s : strings_of(v, "where." + key))
          c.values.push_back(ascii_lower(std::string(trim(s))));
      } else if (op == "matches") {
        c.op = mapping::Condition::kMatches;
        c.pattern = regex_of(v, "where." + key);
      } else if (key == "empty") {
        c.op = mapping::Condition::kEmpty;
        auto b = v.value<bool>();
        if (!b) problem(v, "'where.empty' must be true or false");
        c.negate = b && !*b;
      } else {
        --ops;
        unknown(v, key,
                "column, equals, not_equals, one_of, not_one_of, matches, not_matches, empty");
      }
    }
    if (c.column.column.empty()) problem(x, "a condition of 'where' needs a column");
    if (ops != 1)
      problem(x,
              "a condition of 'where' needs exactly one test (equals, not_equals, one_of, "
              "not_one_of, matches, not_matches or empty); write several conditions for more");
    m->where.push_back(std::move(c));
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
      std::string key(detail::restore_text(k.str()));
      if (key == "key")
        m->key = field(v, "instrument.key");
      else if (key == "name")
        m->name = field(v, "instrument.name");
      else if (key == "kind")
        m->kind = field(v, "instrument.kind");
      else if (key == "status")
        m->status = field(v, "instrument.status");
      else if (key == "start")
        m->start = field(v, "instrument.start");
      else if (key == "end")
        m->end = field(v, "instrument.end");
      else if (key == "spells")
        m->spells = field(v, "instrument.spells");
      else if (key == "attributes")
        m->instrument_attributes = columns(v, "instrument.attributes");
      else
        unknown(v, key, "key, name, kind, status, start, end, spells, attributes");
    }
    if (!m->key.present && !m->name.present) problem(n, "[instrument] needs a name (or a key)");
  }

  void read_ties(const toml::node& n, Mapping* m) {
    const toml::array* a = n.as_array();
    if (!a) return problem(n, "ties must be an array of tables: write [[ties]]");
    for (const auto& x : *a) {
      const toml::table* t = x.as_table();
      if (!t) {
        problem(x, "each [[ties]] entry must be a table");
        continue;
      }
      TieSpec s;
      s.line = x.source().begin.line;
      s.col = x.source().begin.column;
      for (const auto& [k, v] : *t) {
        std::string key(detail::restore_text(k.str()));
        if (key == "from")
          s.from = field(v, "ties.from");
        else if (key == "to") {
          if (detail::text_value(v) == "instrument")
            s.to_instrument = true;
          else
            s.to = field(v, "ties.to");
        } else if (key == "family")
          s.family = field(v, "ties.family");
        else if (key == "role")
          s.role = field(v, "ties.role");
        else if (key == "directed")
          s.directed = field(v, "ties.directed");
        else if (key == "weight")
          s.weight = field(v, "ties.weight");
        else if (key == "amount")
          s.amount = field(v, "ties.amount");
        else if (key == "currency")
          s.currency = field(v, "ties.currency");
        else if (key == "start")
          s.start = field(v, "ties.start");
        else if (key == "end")
          s.end = field(v, "ties.end");
        else if (key == "spells")
          s.spells = field(v, "ties.spells");
        else if (key == "status")
          s.status = field(v, "ties.status");
        else if (key == "attributes")
          s.attributes = columns(v, "ties.attributes");
        else
          unknown(v, key,
                  "from, to, family, role, directed, weight, amount, currency, start, end, spells, "
                  "status, "
                  "attributes");
      }
      if (!s.from.present) problem(x, "[[ties]] needs 'from': the column of actor names");
      if (!s.to_instrument && !s.to.present)
        problem(x,
                "[[ties]] needs 'to': \"instrument\" (the row's instrument) or a column of actor "
                "names");
      m->ties.push_back(std::move(s));
    }
  }

  void read_evidence(const toml::node& n, Mapping* m) {
    const toml::table* t = n.as_table();
    if (!t) return problem(n, "[evidence] must be a table");
    for (const auto& [k, v] : *t) {
      std::string key(detail::restore_text(k.str()));
      if (key == "source")
        m->ev_source = field(v, "evidence.source");
      else if (key == "locator")
        m->ev_locator = field(v, "evidence.locator");
      else if (key == "quote")
        m->ev_quote = field(v, "evidence.quote");
      else if (key == "url")
        m->ev_url = field(v, "evidence.url");
      else if (key == "accessed")
        m->ev_accessed = field(v, "evidence.accessed");
      else
        unknown(v, key, "source, locator, quote, url, accessed");
    }
    if (!m->ev_source.present)
      problem(n, "[evidence] needs a source (a citation, fixed or from a column)");
  }

  void read_actors(const toml::node& n, Mapping* m) {
    const toml::table* t = n.as_table();
    if (!t) return problem(n, "[actors] must be a table");
    for (const auto& [k, v] : *t) {
      std::string key(detail::restore_text(k.str()));
      if (key == "create_kind") {
        std::string s = string_of(v, "actors.create_kind");
        if (auto kind = parse_actor_kind(s))
          m->create_kind = *kind;
        else
          problem(v, "unknown actor kind '" + s + "'; expected one of: " + actor_kind_names());
      } else if (key == "aliases") {
        const toml::table* at = v.as_table();
        if (!at) {
          problem(v, "[actors.aliases] must be a table of spelling = \"KEY\"");
          continue;
        }
        for (const auto& [spelling, target] : *at)
          m->aliases.emplace_back(detail::restore_text(spelling.str()),
                                  string_of(target, "actors.aliases"));
      } else
        unknown(v, key, "create_kind, aliases");
    }
  }

  const std::string& file_;
  std::vector<Problem>* problems_;
};

}  // namespace

bool read_mapping(const std::string& file, std::string_view text, Mapping* out,
                  std::vector<Problem>* problems) {
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
  Problem ignored;  // reading the mapping again reports it
  std::optional<toml::table> root = detail::parse_toml(mapping_text, "", &ignored);
  if (!root) return {};
  if (const toml::node* n = root->get("dataset"))
    return detail::text_value(*n).value_or(std::string());
  return {};
}

}  // namespace govnet
