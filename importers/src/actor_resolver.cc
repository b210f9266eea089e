#include "govnet/actor_resolver.h"

#include <algorithm>

#include "govnet/countries.h"
#include "govnet/csv.h"
#include "govnet/text.h"

namespace govnet {

namespace {

using TextIndex = std::unordered_map<std::string, std::vector<std::string>>;

void add_to(TextIndex* index, const std::string& text, const std::string& key) {
  auto& keys = (*index)[normalize_for_search(text)];
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
}

std::vector<std::string> find_in(const TextIndex& index, const std::string& normalized) {
  auto it = index.find(normalized);
  return it == index.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace

std::optional<MatchBy> parse_match_by(std::string_view s) {
  if (s == "key") return MatchBy::kKey;
  if (s == "name") return MatchBy::kName;
  if (s == "alias") return MatchBy::kAlias;
  return std::nullopt;
}

std::string_view to_string(MatchBy m) {
  switch (m) {
    case MatchBy::kKey:
      return "key";
    case MatchBy::kName:
      return "name";
    case MatchBy::kAlias:
      return "alias";
  }
  return "key";
}

ActorResolver::ActorResolver(const std::vector<Actor>& known, ResolverOptions options)
    : options_(std::move(options)) {
  for (const auto& a : known) {
    keys_[a.key] = true;
    add_to(&by_text_, a.key, a.key);
    add_to(&by_text_, a.name, a.key);
    add_to(&by_name_, a.name, a.key);
    add_to(&by_alias_, a.name, a.key);
    for (const auto& al : a.aliases) {
      add_to(&by_text_, al, a.key);
      add_to(&by_alias_, al, a.key);
    }
    if (!a.iso3.empty()) by_iso3_.emplace(a.iso3, a.key);
  }
  for (const auto& [spelling, key] : options_.aliases) alias_[normalize_for_search(spelling)] = key;
}

std::vector<std::string> ActorResolver::lookup(const std::string& normalized) const {
  return find_in(by_text_, normalized);
}

std::vector<std::string> ActorResolver::matches(std::string_view raw, MatchBy by) const {
  std::string name(trim(raw));
  if (name.empty()) return {};
  if (by == MatchBy::kKey)
    return keys_.count(name) ? std::vector<std::string>{name} : std::vector<std::string>{};
  const std::string norm = normalize_for_search(name);
  if (by == MatchBy::kName) return find_in(by_name_, norm);
  std::vector<std::string> hits = find_in(by_alias_, norm);
  if (!hits.empty()) return hits;
  if (const Country* country = find_country(name))
    if (auto it = by_iso3_.find(country->alpha3); it != by_iso3_.end()) return {it->second};
  return {};
}

ActorResolver::Outcome ActorResolver::resolve(std::string_view raw) {
  Outcome o;
  std::string name(trim(raw));
  std::string norm = normalize_for_search(name);
  // 1. An explicit alias names the key.
  if (auto it = alias_.find(norm); it != alias_.end()) {
    if (keys_.count(it->second)) return {Outcome::kMatched, it->second, ""};
    for (const auto& c : created_)
      if (c.key == it->second) return {Outcome::kCreatedEarlier, c.key, ""};
    name = it->second;  // an alias to a key not yet present: resolve the key like a name
    norm = normalize_for_search(name);
  }
  // 2. The exact key, then key, name or alias after normalization.
  if (keys_.count(name)) return {Outcome::kMatched, name, ""};
  auto hits = lookup(norm);
  if (hits.size() == 1) return {Outcome::kMatched, hits[0], ""};
  if (hits.size() > 1) {
    std::string list;
    for (const auto& k : hits) list += (list.empty() ? "" : ", ") + k;
    return {Outcome::kFailed, "",
            "'" + name + "' matches several actors (" + list +
                "); map the spelling to one key in an alias file (--aliases)"};
  }
  // 3. A country, by ISO name or code, against the actors' iso3.
  const Country* country = find_country(name);
  if (country) {
    if (auto it = by_iso3_.find(country->alpha3); it != by_iso3_.end())
      return {Outcome::kMatched, it->second, ""};
    if (keys_.count(country->alpha3)) return {Outcome::kMatched, country->alpha3, ""};
  }
  // 4. Created earlier in this import.
  std::string created_norm = country ? country->alpha3 : norm;
  if (auto it = created_by_text_.find(created_norm); it != created_by_text_.end())
    return {Outcome::kCreatedEarlier, it->second, ""};
  if (!options_.create_missing)
    return {Outcome::kFailed, "",
            "no actor matches '" + name + "'" +
                (country ? " (" + country->name + ", " + country->alpha3 + ", is not in the store)"
                         : "") +
                "; add --create-missing to create it, or map the spelling to an existing key "
                "in an alias file (--aliases FILE with columns name,key)"};
  Actor a;
  if (country) {
    a.key = country->alpha3;
    a.name = country->name;
    a.kind = ActorKind::kState;
    a.iso3 = country->alpha3;
    if (normalize_for_search(name) != normalize_for_search(a.name)) a.aliases.push_back(name);
  } else {
    a.key = norm;
    std::replace(a.key.begin(), a.key.end(), ' ', '-');
    if (a.key.empty())
      return {Outcome::kFailed, "", "'" + name + "' has no letters or digits to make a key from"};
    // Keys must not clash with existing ones.
    std::string base = a.key;
    for (int n = 2; keys_.count(a.key) || created_by_text_.count(a.key); ++n)
      a.key = base + "-" + std::to_string(n);
    a.name = name;
    a.kind = options_.create_kind;
  }
  created_by_text_[created_norm] = a.key;
  std::string msg =
      "created actor " + a.key + " ('" + a.name + "', " + std::string(to_string(a.kind)) + ")";
  created_.push_back(std::move(a));
  return {Outcome::kCreated, created_.back().key, msg};
}

bool read_alias_file(std::string_view data, const std::string& file,
                     std::vector<std::pair<std::string, std::string>>* out,
                     std::vector<Problem>* problems) {
  CsvTable table;
  size_t before = problems->size();
  parse_csv(data, file, &table, problems);
  const std::vector<CsvRow>& rows = table.rows;
  if (problems->size() > before) return false;
  if (rows.empty()) {
    problems->push_back({file, 0, 0, "the alias file is empty; expected a header line: name,key"});
    return false;
  }
  int name_col = -1, key_col = -1;
  for (size_t i = 0; i < rows[0].fields.size(); ++i) {
    std::string h(trim(rows[0].fields[i].value));
    if (h == "name" || h == "spelling") name_col = static_cast<int>(i);
    if (h == "key") key_col = static_cast<int>(i);
  }
  if (name_col < 0 || key_col < 0) {
    problems->push_back({file, rows[0].line, 1, "the alias file needs the columns name and key"});
    return false;
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& f = rows[r].fields;
    size_t need = static_cast<size_t>(std::max(name_col, key_col));
    if (f.size() <= need || trim(f[name_col].value).empty() || trim(f[key_col].value).empty()) {
      problems->push_back({file, rows[r].line, 1, "each line needs a name and a key"});
      continue;
    }
    out->emplace_back(std::string(trim(f[name_col].value)), std::string(trim(f[key_col].value)));
  }
  return problems->size() == before;
}

}  // namespace govnet
