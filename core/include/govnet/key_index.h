// Maps from record keys to numbers as one open-addressing table (no node per key), for resolving
// the endpoints of millions of ties: in a view's build, in an import's checks, in the CSV reader.
//
// The keys are copied side by side, each with its number and length in front of it, and a slot
// holds a tag of the key's hash and where its copy is: a lookup touches a slot and the copy,
// two places in memory, not the records (a cache miss each, out in memory, for a million ties'
// endpoints).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govnet {

namespace key_index_detail {

class Slots {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  // FNV-1a 64 with a final mix, so both the low bits (slot) and the high bits (tag) are good.
  static uint64_t hash(std::string_view key) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : key) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
  }

  void prefetch(uint64_t h) const { __builtin_prefetch(&slots_[h & mask_]); }

  // The number of `key`, or kMissing.
  uint32_t find(std::string_view key) const { return lookup(key, hash(key)); }

  // The number of `key` (hashed to h), or kMissing; with `slot`, where the probe ended (a free
  // slot, when the key is missing).
  uint32_t lookup(std::string_view key, uint64_t h, size_t* slot = nullptr) const {
    for (size_t s = h & mask_;; s = (s + 1) & mask_) {
      const uint64_t v = slots_[s];
      if (v == 0) {
        if (slot) *slot = s;
        return kMissing;
      }
      if ((v & kTagBits) == (h & kTagBits)) {
        const char* e = text_.data() + (v & kPlaceBits) - 1;
        uint32_t head[2];  // number, length
        std::memcpy(head, e, sizeof head);
        if (head[1] == key.size() && std::memcmp(e + sizeof head, key.data(), key.size()) == 0) {
          if (slot) *slot = s;
          return head[0];
        }
      }
    }
  }

 protected:
  // Room for `count` keys at most half full; the keys copied so far placed again.
  void size_for(size_t count) {
    size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    if (capacity <= slots_.size()) return;
    mask_ = capacity - 1;
    slots_.assign(capacity, 0);
    for (size_t at = 0; at < text_.size();) {
      uint32_t head[2];
      std::memcpy(head, text_.data() + at, sizeof head);
      const std::string_view key(text_.data() + at + sizeof head, head[1]);
      const uint64_t h = hash(key);
      size_t s = h & mask_;
      while (slots_[s] != 0) s = (s + 1) & mask_;
      slots_[s] = (h & kTagBits) | (at + 1);
      at += sizeof head + head[1];
    }
  }
  // Copies the key with its number and puts it in `slot` (free, from a probe for its hash h).
  void add(std::string_view key, uint32_t number, uint64_t h, size_t slot) {
    const uint32_t head[2] = {number, static_cast<uint32_t>(key.size())};
    const size_t at = text_.size();
    text_.append(reinterpret_cast<const char*>(head), sizeof head);
    text_.append(key);
    slots_[slot] = (h & kTagBits) | (at + 1);
  }
  // The first free slot for hash h.
  size_t free_slot(uint64_t h) const {
    size_t s = h & mask_;
    while (slots_[s] != 0) s = (s + 1) & mask_;
    return s;
  }

  static constexpr uint64_t kTagBits = 0xFFFFFF0000000000ull;  // 24 bits of the hash
  static constexpr uint64_t kPlaceBits = ~kTagBits;            // where the copy is, plus one
  size_t mask_ = 0;
  std::vector<uint64_t> slots_;  // 0: empty
  std::string text_;             // per key: its number and length (u32 each), then the key
};

}  // namespace key_index_detail

// A read-only map from keys to their place in a list of records.
class KeyIndex : public key_index_detail::Slots {
 public:
  // keys(i) gives the key of record i < count; of equal keys, find gives the first.
  template <typename KeyOf>
  KeyIndex(uint32_t count, KeyOf&& keys) {
    size_for(count);
    for (uint32_t i = 0; i < count; ++i) {
      const std::string_view key = keys(i);
      const uint64_t h = hash(key);
      add(key, i, h, free_slot(h));
    }
  }

  using Slots::find;
  // For lookups in bulk: hash the keys of the next few first and prefetch their slots, so that
  // the memory is on its way while earlier keys are compared.
  static uint64_t hash_of(std::string_view key) { return hash(key); }
  uint32_t find(std::string_view key, uint64_t h) const { return lookup(key, h); }
};

// A map from keys to numbers that grows one key at a time (room added as it fills): for the keys
// a reader defines in file order, where the first definition of a key wins. Neither an insert
// nor a lookup allocates or reaches into the records.
class KeyTable : public key_index_detail::Slots {
 public:
  explicit KeyTable(size_t expected = 0) { size_for(expected); }

  size_t size() const { return count_; }
  void reserve(size_t expected) { size_for(expected); }

  // Adds `key` with `value` unless it is there: returns the key's value and whether it was added.
  std::pair<uint32_t, bool> insert(std::string_view key, uint32_t value) {
    if ((count_ + 1) * 2 > slots_.size()) size_for(count_ + 1);
    const uint64_t h = hash(key);
    size_t slot = 0;
    if (const uint32_t there = lookup(key, h, &slot); there != kMissing) return {there, false};
    add(key, value, h, slot);
    ++count_;
    return {value, true};
  }

 private:
  size_t count_ = 0;
};

}  // namespace govnet
