// What the spreadsheet readers (xlsx.cc, ods.cc) share: the parts of a zip archive, read from
// memory with libzip, and a small expat driver with local (namespace-free) names, in-order
// character data, and no entity declarations (refused, as for every XML govnet reads).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govnet::workbook {

// A zip archive held in memory. `ok()` is false when the bytes are not a zip archive.
class ZipArchive {
 public:
  explicit ZipArchive(std::string_view data);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  bool ok() const { return zip_ != nullptr; }
  // The member's bytes; nullopt when it is absent, unreadable or larger than `max_bytes`.
  std::optional<std::string> read(const std::string& name, size_t max_bytes = size_t{1} << 30);

 private:
  void* source_ = nullptr;  // zip_source_t*
  void* zip_ = nullptr;     // zip_t*
};

struct XmlAttr {
  std::string_view name;  // local name
  std::string_view value;
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const std::vector<XmlAttr>& attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
};

// Parses `xml` with `handler`; on failure returns false with *error set to "line L, column C:
// what is wrong".
bool parse_xml(std::string_view xml, XmlHandler& handler, std::string* error);

std::string_view attr(const std::vector<XmlAttr>& attrs, std::string_view name);

}  // namespace govnet::workbook
