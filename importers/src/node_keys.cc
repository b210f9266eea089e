#include "node_keys.h"

namespace govnet {

NodeKeys::NodeKeys(const GraphImportOptions& options) : options_(options) {
  if (options.match && *options.match != MatchBy::kKey)
    resolver_ = std::make_unique<ActorResolver>(options.known_actors, ResolverOptions{});
}

std::optional<NodeType> NodeKeys::existing(const std::string& key) const {
  return options_.existing ? options_.existing(key) : std::nullopt;
}

bool NodeKeys::taken(const std::string& key) const {
  return used_.count(key) > 0 || existing(key).has_value();
}

std::optional<NodeType> NodeKeys::stored(const std::string& key) const {
  if (options_.match != MatchBy::kKey || used_.count(key)) return std::nullopt;
  return existing(key);
}

std::string NodeKeys::unique_key(const std::string& id) const {
  const std::string base = (options_.dataset.empty() ? "dataset" : options_.dataset) + ":" + id;
  std::string key = base;
  for (int n = 2; taken(key); ++n) key = base + "~" + std::to_string(n);
  return key;
}

NodeKeys::Decision NodeKeys::decide(const std::string& id, const std::string& name, NodeType type) {
  Decision d;
  if (options_.match == MatchBy::kKey && !used_.count(id)) {
    if ((d.stored = existing(id))) {
      d.key = id;
      return d;
    }
  } else if (resolver_ && type == NodeType::kActor) {
    std::vector<std::string> hits;
    if (options_.match_ids_too) hits = resolver_->matches(id, *options_.match);
    if (hits.empty()) hits = resolver_->matches(name, *options_.match);
    if (hits.size() == 1) {
      d.key = hits[0];
      d.stored = NodeType::kActor;
      return d;
    }
    if (hits.size() > 1) {
      d.ambiguous = std::move(hits);
      return d;
    }
  }
  d.renamed = taken(id);
  d.key = d.renamed ? unique_key(id) : id;
  used_.insert(d.key);
  return d;
}

}  // namespace govnet
