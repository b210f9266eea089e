// Matching the names in other people's tables to actors: by key, then by name and alias after
// normalization (case, accents, spaces, punctuation), then — for states — by ISO 3166 name or
// code against the actors' iso3. Spellings can be mapped to keys explicitly (an alias file or
// the mapping's [aliases]). Unmatched names fail unless actors may be created.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "govnet/model.h"
#include "govnet/problem.h"

namespace govnet {

// One way of matching a name to a known actor, for imports that match only when asked.
enum class MatchBy {
  kKey,    // the exact key
  kName,   // the actor's name, after normalization
  kAlias,  // the name or an alias after normalization, or the country it names (ISO name or
           // code) against the actors' iso3
};
std::optional<MatchBy> parse_match_by(std::string_view);  // key|name|alias
std::string_view to_string(MatchBy);

struct ResolverOptions {
  bool create_missing = false;
  ActorKind create_kind = ActorKind::kOther;  // for created actors that are not countries
  std::vector<std::pair<std::string, std::string>> aliases;  // spelling -> actor key
};

class ActorResolver {
 public:
  // `known`: the actors already in the store (outside the dataset being replaced).
  ActorResolver(const std::vector<Actor>& known, ResolverOptions options);

  struct Outcome {
    enum Kind { kMatched, kCreated, kCreatedEarlier, kFailed } kind = kFailed;
    std::string key;
    std::string message;  // kFailed: why and what to do; kCreated: what was created
  };
  Outcome resolve(std::string_view name);
  // The keys of every known actor `name` matches by `by` alone (none, one, or several when the
  // match is ambiguous); creates nothing and consults no alias file.
  std::vector<std::string> matches(std::string_view name, MatchBy by) const;
  // Actors created so far (in creation order).
  const std::vector<Actor>& created() const { return created_; }

 private:
  std::vector<std::string> lookup(const std::string& normalized) const;
  ResolverOptions options_;
  std::unordered_map<std::string, std::vector<std::string>> by_text_;   // normalized -> keys
  std::unordered_map<std::string, std::vector<std::string>> by_name_;   // names only
  std::unordered_map<std::string, std::vector<std::string>> by_alias_;  // names and aliases
  std::unordered_map<std::string, std::string> by_iso3_;
  std::unordered_map<std::string, bool> keys_;                    // key -> exists
  std::unordered_map<std::string, std::string> alias_;            // normalized spelling -> key
  std::unordered_map<std::string, std::string> created_by_text_;  // normalized -> key
  std::vector<Actor> created_;
};

// Reads an alias file: CSV with the columns `name,key` (a header line first). Problems carry
// file:line:column.
bool read_alias_file(std::string_view data, const std::string& file,
                     std::vector<std::pair<std::string, std::string>>* out,
                     std::vector<Problem>* problems);

}  // namespace govnet
