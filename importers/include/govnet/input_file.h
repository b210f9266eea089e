// Reading an input file whole, with a size cap: a file named on the command line may be a
// pipe, a device or an endless stream (/dev/zero), and none of them may take unbounded memory.
#pragma once

#include <cstddef>
#include <string>

namespace govnet {

// The largest input file govnet reads at once: 1 GiB (a table of some ten million rows).
inline constexpr size_t kMaxInputBytes = size_t{1} << 30;

// Reads `path` whole into *data. False with *error (what is wrong with the file and what to do,
// to follow "PATH: ") when it cannot be opened or read, or holds more than `max_bytes`: a
// regular file is refused from its size before any byte is read, a stream once `max_bytes` have
// been read (or at once when its first bytes show it is no input: NUL bytes, no zip archive).
bool read_input_file(const std::string& path, std::string* data, std::string* error,
                     size_t max_bytes = kMaxInputBytes);

}  // namespace govnet
