#include "govnet/input_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

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
  const std::string too_large = path + " holds more than " + size_text(max_bytes) +
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
    *error = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  if (regular && !ec && size > 0) {  // straight into a string of the file's size
    data->resize(size);
    f.read(data->data(), static_cast<std::streamsize>(size));
    data->resize(static_cast<size_t>(f.gcount()));
  }
  // Pipes and devices, and files that grew meanwhile, go on in chunks up to the cap.
  char chunk[1 << 16];
  while (f && (f.read(chunk, sizeof chunk) || f.gcount() > 0)) {
    if (data->size() + static_cast<size_t>(f.gcount()) > max_bytes) {
      data->clear();
      data->shrink_to_fit();
      *error = too_large;
      return false;
    }
    data->append(chunk, static_cast<size_t>(f.gcount()));
  }
  if (f.bad()) {
    *error = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace govnet
