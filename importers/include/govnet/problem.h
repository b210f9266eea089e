// A problem found in an input file, located to the character.
#pragma once

#include <cstdint>
#include <string>

namespace govnet {

struct Problem {
  std::string file;
  uint32_t line = 0;    // 1-based; 0 when the problem concerns the whole file
  uint32_t column = 0;  // 1-based, in characters (code points), not bytes
  std::string message;  // what is wrong and what was expected

  // "file:line:column: message" (or "file: message" without a position).
  std::string to_string() const {
    if (line == 0) return file + ": " + message;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  }
};

}  // namespace govnet
