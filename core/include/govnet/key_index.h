// A read-only map from record keys to their index in a Network vector, as one open-addressing
// table (no node per key), for resolving the endpoints of millions of ties: in a view's build,
// in an import's checks, in the CSV reader.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govnet {

class KeyIndex {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  // keys(i) gives the key of record i < count; of equal keys, find gives the first. The keys are copied, side by
  // side: a lookup then touches the table and this copy only, not the records (a cache miss
  // each, out in memory, for a million ties' endpoints).
  template <typename KeyOf>
  KeyIndex(uint32_t count, KeyOf&& keys) {
    size_t capacity = 16;
    while (capacity < size_t(count) * 2) capacity *= 2;
    mask_ = capacity - 1;
    slots_.assign(capacity, 0);
    ends_.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
      const std::string_view key = keys(i);
      text_.append(key);
      ends_.push_back(text_.size());
      const uint64_t h = hash(key);
      size_t s = h & mask_;
      while (slots_[s] != 0) s = (s + 1) & mask_;
      slots_[s] = (h & 0xFFFFFFFF00000000ull) | (uint64_t(i) + 1);
    }
  }

  // The index of `key`, or kMissing.
  uint32_t find(std::string_view key) const { return find(key, hash(key)); }

  // For lookups in bulk: hash the keys of the next few first and prefetch their slots, so that
  // the memory is on its way while earlier keys are compared.
  static uint64_t hash_of(std::string_view key) { return hash(key); }
  void prefetch(uint64_t h) const { __builtin_prefetch(&slots_[h & mask_]); }
  uint32_t find(std::string_view key, uint64_t h) const {
    for (size_t s = h & mask_;; s = (s + 1) & mask_) {
      const uint64_t slot = slots_[s];
      if (slot == 0) return kMissing;
      if ((slot >> 32) == (h >> 32)) {
        const uint32_t i = static_cast<uint32_t>(slot) - 1;
        if (key_of(i) == key) return i;
      }
    }
  }

 private:
  friend class KeyTable;

  // FNV-1a 64 with a final mix, so both the low bits (slot) and the high bits (tag) are good.
  static uint64_t hash(std::string_view key) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : key) { h ^= c; h *= 1099511628211ull; }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
  }

  std::string_view key_of(uint32_t i) const {
    const size_t begin = i ? ends_[i - 1] : 0;
    return std::string_view(text_.data() + begin, ends_[i] - begin);
  }

  size_t mask_ = 0;
  std::vector<uint64_t> slots_;  // high 32 bits: hash tag; low 32 bits: index + 1; 0: empty
  std::string text_;             // the keys, one after another
  std::vector<size_t> ends_;     // key i ends at ends_[i]
};

// A map from keys to numbers that grows one key at a time (KeyIndex's table, with room added as
// it fills): for the keys a reader defines in file order, where the first definition of a key
// wins. Its keys are copied side by side, so neither an insert nor a lookup allocates or reaches
// into the records.
class KeyTable {
 public:
  static constexpr uint32_t kMissing = KeyIndex::kMissing;

  explicit KeyTable(size_t expected = 0) { grow(expected); }

  size_t size() const { return values_.size(); }
  void reserve(size_t expected) { if (expected * 2 > slots_.size()) grow(expected); }

  // The value of `key`, or kMissing.
  uint32_t find(std::string_view key) const {
    const uint64_t h = KeyIndex::hash(key);
    for (size_t s = h & mask_;; s = (s + 1) & mask_) {
      const uint64_t slot = slots_[s];
      if (slot == 0) return kMissing;
      if ((slot >> 32) == (h >> 32) && key_of(static_cast<uint32_t>(slot) - 1) == key)
        return values_[static_cast<uint32_t>(slot) - 1];
    }
  }

  // Adds `key` with `value` unless it is there: returns the key's value and whether it was added.
  std::pair<uint32_t, bool> insert(std::string_view key, uint32_t value) {
    if ((values_.size() + 1) * 2 > slots_.size()) grow(values_.size() + 1);
    const uint64_t h = KeyIndex::hash(key);
    size_t s = h & mask_;
    for (;; s = (s + 1) & mask_) {
      const uint64_t slot = slots_[s];
      if (slot == 0) break;
      if ((slot >> 32) == (h >> 32) && key_of(static_cast<uint32_t>(slot) - 1) == key)
        return {values_[static_cast<uint32_t>(slot) - 1], false};
    }
    text_.append(key);
    ends_.push_back(text_.size());
    values_.push_back(value);
    slots_[s] = (h & 0xFFFFFFFF00000000ull) | values_.size();
    return {value, true};
  }

 private:
  // Room for `count` keys at most half full; the keys placed again.
  void grow(size_t count) {
    size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    if (capacity <= slots_.size()) return;
    mask_ = capacity - 1;
    slots_.assign(capacity, 0);
    for (uint32_t i = 0; i < values_.size(); ++i) {
      const uint64_t h = KeyIndex::hash(key_of(i));
      size_t s = h & mask_;
      while (slots_[s] != 0) s = (s + 1) & mask_;
      slots_[s] = (h & 0xFFFFFFFF00000000ull) | (uint64_t(i) + 1);
    }
  }
  std::string_view key_of(uint32_t i) const {
    const size_t begin = i ? ends_[i - 1] : 0;
    return std::string_view(text_.data() + begin, ends_[i] - begin);
  }

  size_t mask_ = 0;
  std::vector<uint64_t> slots_;  // high 32 bits: hash tag; low 32 bits: entry + 1; 0: empty
  std::string text_;             // the keys, one after another
  std::vector<size_t> ends_;     // key i ends at ends_[i]
  std::vector<uint32_t> values_;
};

}  // namespace govnet
