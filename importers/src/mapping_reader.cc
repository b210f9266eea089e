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
      else
        unknown(node, key, "dataset, instrument, ties, evidence, actors");
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
      if (key == "column")
        f.column = string_of(v, what + ".column");
      else if (key == "value")
        f.literal = string_of(v, what + ".value");
      else if (key == "split")
        f.split = strings_of(v, what + ".split");
      else if (key == "format")
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
        unknown(v, key, "column, value, split, map, format, prefix, default");
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
      else if (key == "attributes")
        m->instrument_attributes = columns(v, "instrument.attributes");
      else
        unknown(v, key, "key, name, kind, status, start, end, attributes");
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
        else if (key == "status")
          s.status = field(v, "ties.status");
        else if (key == "attributes")
          s.attributes = columns(v, "ties.attributes");
        else
          unknown(v, key,
                  "from, to, family, role, directed, weight, amount, currency, start, end, status, "
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
