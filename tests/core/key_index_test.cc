// KeyIndex and KeyTable against std::unordered_map holding the same keys.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "govnet/key_index.h"

namespace govnet {
namespace {

// Keys as importers meet them: short ones sharing prefixes, some repeated, one empty, some with
// a NUL inside.
std::vector<std::string> some_keys(size_t n) {
  std::mt19937 rng(11);
  std::vector<std::string> keys;
  for (size_t i = 0; i < n; ++i) {
    const size_t k = rng() % (n / 2 + 1);
    std::string key = (k % 3 ? "A" : "I") + std::to_string(k);
    if (k % 97 == 0) key += std::string("\0x", 2);
    keys.push_back(key);
  }
  keys.push_back("");
  keys.push_back(std::string("nul\0inside", 10));
  return keys;
}

TEST(KeyTable, GrowingFromNothingItMapsEachKeyToItsFirstValue) {
  const std::vector<std::string> keys = some_keys(200000);
  KeyTable table;
  std::unordered_map<std::string, uint32_t> model;
  for (uint32_t i = 0; i < keys.size(); ++i) {
    const auto [value, added] = table.insert(keys[i], i);
    const auto [it, model_added] = model.emplace(keys[i], i);
    ASSERT_EQ(added, model_added) << keys[i];
    ASSERT_EQ(value, it->second) << keys[i];
  }
  EXPECT_EQ(table.size(), model.size());
  for (const auto& [key, value] : model) ASSERT_EQ(table.find(key), value) << key;
  EXPECT_EQ(table.find("A"), KeyTable::kMissing);
  EXPECT_EQ(table.find("nul"), KeyTable::kMissing);
  EXPECT_EQ(table.find(std::string("nul\0inside", 10)), keys.size() - 1);
  EXPECT_EQ(table.find(""), keys.size() - 2);
}

TEST(KeyIndex, FindsTheFirstOfEqualKeysAndNothingElse) {
  const std::vector<std::string> keys = some_keys(50000);
  const KeyIndex index(static_cast<uint32_t>(keys.size()),
                       [&](uint32_t i) { return std::string_view(keys[i]); });
  std::unordered_map<std::string, uint32_t> first;
  for (uint32_t i = 0; i < keys.size(); ++i) first.emplace(keys[i], i);
  for (const auto& [key, at] : first) ASSERT_EQ(index.find(key), at) << key;
  EXPECT_EQ(index.find("no such key"), KeyIndex::kMissing);
}

}  // namespace
}  // namespace govnet
