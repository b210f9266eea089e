#include "govnet/input_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace govnet {
namespace {

std::string size_text(size_t bytes) {
  if (bytes % (size_t{1} << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
  if (bytes % (size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

bool read_input_file(const std::string& path, std::string* data, std::string* error,
                     size_t max_bytes) {
  data->clear();
  const std::string too_large = "holds more than " + size_text(max_bytes) +
                                ", the most govnet reads from one input file; split it into "
                                "several files (or, for a stream, check that it ends)";
  std::error_code ec;
  const bool regular = std::filesystem::is_regular_file(path, ec);
  const auto size = regular ? std::filesystem::file_size(path, ec) : 0;
  if (regular && !ec && size > max_bytes) {
    *error = too_large;
    return false;
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    *error = std::string("cannot be read: ") + std::strerror(errno);
    return false;
  }
  if (regular && !ec && size > 0) {  // straight into a string of the file's size
    data->resize(size);
    f.read(data->data(), static_cast<std::streamsize>(size));
    data->resize(static_cast<size_t>(f.gcount()));
  }
  // Pipes and devices, and files that grew meanwhile, go on in chunks up to the cap. A stream
  // whose first bytes hold a NUL and are no zip archive (a workbook) is no input govnet reads:
  // /dev/zero and /dev/urandom are refused at once rather than at the cap.
  char chunk[1 << 16];
  bool first = !regular;
  while (f && (f.read(chunk, sizeof chunk) || f.gcount() > 0)) {
    const auto n = static_cast<size_t>(f.gcount());
    if (first && std::string_view(chunk, n).find('\0') != std::string_view::npos &&
        !std::string_view(chunk, n).starts_with("PK")) {
      data->clear();
      *error =
          "is not a file but a stream whose first bytes hold NUL bytes, so it is neither text "
          "(CSV, TOML, a graph file) nor a workbook; give the file itself";
      return false;
    }
    first = false;
    if (data->size() + n > max_bytes) {
      data->clear();
      data->shrink_to_fit();
      *error = too_large;
      return false;
    }
    data->append(chunk, n);
  }
  if (f.bad()) {
    *error = std::string("cannot be read: ") + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace govnet
