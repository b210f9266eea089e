#include "workbook_parts.h"

#include <expat.h>
#include <zip.h>

#include <cstring>

namespace govnet::workbook {

ZipArchive::ZipArchive(std::string_view data) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(data.data(), data.size(), 0, &error);
  if (src) {
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
    if (z) {
      zip_ = z;
    } else {
      zip_source_free(src);
      src = nullptr;
    }
  }
  source_ = src;
  zip_error_fini(&error);
}

ZipArchive::~ZipArchive() {
  // Closing the archive frees its source too.
  if (zip_) zip_discard(static_cast<zip_t*>(zip_));
}

std::optional<std::string> ZipArchive::read(const std::string& name, size_t max_bytes) {
  if (!zip_) return std::nullopt;
  zip_t* z = static_cast<zip_t*>(zip_);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > max_bytes)
    return std::nullopt;
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) return std::nullopt;
  std::string out(static_cast<size_t>(st.size), '\0');
  zip_int64_t n = out.empty() ? 0 : zip_fread(f, out.data(), out.size());
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) return std::nullopt;
  return out;
}

namespace {

struct Driver {
  XML_Parser parser;
  XmlHandler* handler;
  std::vector<XmlAttr> attrs;
  bool refused = false;
};

// expat gives "namespace\x01local"; the readers need only the local part.
std::string_view local(const char* name) {
  std::string_view s(name);
  size_t sep = s.rfind('\x01');
  return sep == std::string_view::npos ? s : s.substr(sep + 1);
}

void on_start(void* data, const char* name, const char** atts) {
  auto* d = static_cast<Driver*>(data);
  d->attrs.clear();
  for (size_t i = 0; atts[i]; i += 2) d->attrs.push_back({local(atts[i]), atts[i + 1]});
  d->handler->start(local(name), d->attrs);
}

void on_end(void* data, const char* name) { static_cast<Driver*>(data)->handler->end(local(name)); }

void on_text(void* data, const char* s, int len) {
  static_cast<Driver*>(data)->handler->text(std::string_view(s, static_cast<size_t>(len)));
}

void on_entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
               const XML_Char*, const XML_Char*, const XML_Char*) {
  auto* d = static_cast<Driver*>(data);
  d->refused = true;
  XML_StopParser(d->parser, XML_FALSE);
}

}  // namespace

bool parse_xml(std::string_view xml, XmlHandler& handler, std::string* error) {
  XML_Parser p = XML_ParserCreateNS(nullptr, '\x01');
  Driver d{p, &handler, {}, false};
  XML_SetUserData(p, &d);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  XML_SetEntityDeclHandler(p, on_entity);
  bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_OK;
  if (!ok)
    *error =
        "line " + std::to_string(XML_GetCurrentLineNumber(p)) + ", column " +
        std::to_string(XML_GetCurrentColumnNumber(p) + 1) + ": " +
        (d.refused ? "entity declarations are not allowed" : XML_ErrorString(XML_GetErrorCode(p)));
  XML_ParserFree(p);
  return ok;
}

std::string_view attr(const std::vector<XmlAttr>& attrs, std::string_view name) {
  for (const auto& a : attrs)
    if (a.name == name) return a.value;
  return {};
}

}  // namespace govnet::workbook
