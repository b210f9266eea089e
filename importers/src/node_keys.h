// Which key each node of a graph file is stored under. A file's node ids are local to its
// dataset: a node is matched to a record already in the store only when the import asks for it
// (GraphImportOptions::match), and an id that another dataset already uses as a key is renamed
// to `DATASET:ID` (then `DATASET:ID~2`, `~3`, ... while that is taken too) so that the two
// datasets stand side by side.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "govnet/actor_resolver.h"
#include "govnet/graph_import.h"

namespace govnet {

class NodeKeys {
 public:
  explicit NodeKeys(const GraphImportOptions& options);

  struct Decision {
    std::string key;                     // the record's key
    std::optional<NodeType> stored;      // set when the node was matched to a stored record
    bool renamed = false;                // the id was taken by another dataset (or this file)
    std::vector<std::string> ambiguous;  // set when the match found several actors
  };
  // `id` is the node's id in the file, `name` its name (or label, or id).
  Decision decide(const std::string& id, const std::string& name, NodeType type);
  // A name that is not a node of the file (an edge end, a parent): a stored record only when
  // matching by key was asked for.
  std::optional<NodeType> stored(const std::string& key) const;
  // Whether `key` is used by a node of this file or a record of another dataset.
  bool taken(const std::string& key) const;

 private:
  std::optional<NodeType> existing(const std::string& key) const;
  std::string unique_key(const std::string& id) const;

  const GraphImportOptions& options_;
  std::unique_ptr<ActorResolver> resolver_;  // for matching by name or alias
  std::unordered_set<std::string> used_;     // keys of this file's own records
};

}  // namespace govnet
