// The index column families as files: they are derived from the records, so one whose table
// files are damaged is found by their checksums and rebuilt whole (check.cc fills it again).
#pragma once

#include <string>
#include <vector>

#include "format.h"
#include "govnet/result.h"
#include "store_impl.h"

namespace govnet {

inline constexpr Cf kIndexFamilies[] = {kMembers, kAdjacency, kNames, kViewTable};

// "members", "adjacency", "names", "view table"; for messages.
const char* index_name(Cf family);

// Verifies the checksum of every block of an index family's table files (what a read of the
// whole family would verify, without decompressing or decoding: milliseconds for tens of
// megabytes); Corrupt, naming the file and the block, when one does not match.
Result verify_family_files(const Store::Impl& d, Cf family);

// Drops each index family with a damaged file and creates it again, empty, so that the repair
// that follows writes every entry it should hold; the families rebuilt (and why) go to *rebuilt.
Result recreate_damaged_indexes(Store::Impl* d, std::vector<std::string>* rebuilt);

}  // namespace govnet
