#include "xml.h"

#include <expat.h>

#include <algorithm>

namespace govnet::xml {

std::string_view attr(const std::vector<Attr>& attrs, std::string_view name) {
  for (const auto& a : attrs)
    if (a.name == name) return a.value;
  return {};
}
bool has_attr(const std::vector<Attr>& attrs, std::string_view name) {
  return std::any_of(attrs.begin(), attrs.end(), [&](const Attr& a) { return a.name == name; });
}

namespace {
std::string_view local_name(const char* qname) {
  std::string_view n(qname);
  size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}
}  // namespace

struct Parser::Impl {
  static void start(void* ud, const XML_Char* name, const XML_Char** atts) {
    auto* p = static_cast<Parser*>(ud);
    if (p->failed_) return;
    if (p->text_.size() >= p->limits_.max_depth) {
      p->fail("elements are nested more than " + std::to_string(p->limits_.max_depth) +
              " deep; graph files never need that — is this the right file?");
      return;
    }
    // White space between child elements is nobody's value: dropped, so that it neither
    // accumulates over a long file nor counts against the text limit.
    if (!p->text_.empty() && p->text_.back().find_first_not_of(" \t\r\n") == std::string::npos)
      p->text_.back().clear();
    std::vector<Attr> attrs;
    for (size_t i = 0; atts[i]; i += 2) attrs.push_back({local_name(atts[i]), atts[i + 1]});
    p->text_.emplace_back();
    p->handler_->start(*p, local_name(name), attrs);
  }
  static void end(void* ud, const XML_Char* name) {
    auto* p = static_cast<Parser*>(ud);
    if (p->failed_) return;
    std::string text = std::move(p->text_.back());
    p->handler_->end(*p, local_name(name), text);
    p->text_.pop_back();
  }
  static void chars(void* ud, const XML_Char* s, int len) {
    auto* p = static_cast<Parser*>(ud);
    if (p->failed_ || p->text_.empty()) return;
    std::string& t = p->text_.back();
    if (t.size() + static_cast<size_t>(len) > p->limits_.max_value_bytes) {
      p->fail("a text value is longer than " + std::to_string(p->limits_.max_value_bytes) +
              " bytes; values of graph attributes are expected to be short");
      return;
    }
    t.append(s, static_cast<size_t>(len));
  }
  static void entity_decl(void* ud, const XML_Char* name, int, const XML_Char*, int,
                          const XML_Char*, const XML_Char*, const XML_Char*, const XML_Char*) {
    auto* p = static_cast<Parser*>(ud);
    p->fail(std::string("the document declares the entity '") + name +
            "'; entity declarations are not accepted (GraphML and GEXF never need them, and "
            "they can expand without bound); remove the DOCTYPE's entity declarations");
  }
};

uint32_t Parser::line() const {
  return static_cast<uint32_t>(XML_GetCurrentLineNumber(static_cast<XML_Parser>(expat_)));
}
uint32_t Parser::column() const {
  return static_cast<uint32_t>(XML_GetCurrentColumnNumber(static_cast<XML_Parser>(expat_))) + 1;
}

void Parser::fail(const std::string& message) {
  if (failed_) return;
  failed_ = true;
  problems_->push_back({file_, line(), column(), message});
  XML_StopParser(static_cast<XML_Parser>(expat_), XML_FALSE);
}

void Parser::note(std::string message) {
  if (!noted_.insert(message).second) return;
  if (notes_->size() < limits_.max_notes)
    notes_->push_back({file_, line(), column(), std::move(message)});
}

bool Parser::count_item() {
  if (++items_ <= limits_.max_items) return true;
  fail("more than " + std::to_string(limits_.max_items) +
       " nodes, edges and values; split the file");
  return false;
}

bool Parser::next_block(size_t* offset, std::string* block, std::string_view* bytes) {
  if (in_) {
    constexpr size_t kBlock = 1 << 20;
    block->resize(kBlock);
    in_->read(block->data(), static_cast<std::streamsize>(kBlock));
    block->resize(static_cast<size_t>(in_->gcount()));
    *bytes = *block;
    return !block->empty() && in_->good();
  }
  constexpr size_t kChunk = 1 << 24;
  const size_t n = std::min(kChunk, data_.size() - *offset);
  *bytes = data_.substr(*offset, n);
  *offset += n;
  return *offset < data_.size();
}

bool Parser::parse(Handler& handler, std::vector<Problem>* problems) {
  XML_Parser x = XML_ParserCreate(nullptr);
  if (!x) {
    problems->push_back({file_, 0, 0, "out of memory creating the XML parser"});
    return false;
  }
  expat_ = x;
  handler_ = &handler;
  problems_ = problems;
  XML_SetUserData(x, this);
  XML_SetElementHandler(x, &Impl::start, &Impl::end);
  XML_SetCharacterDataHandler(x, &Impl::chars);
  XML_SetEntityDeclHandler(x, &Impl::entity_decl);
  XML_SetParamEntityParsing(x, XML_PARAM_ENTITY_PARSING_NEVER);

  size_t offset = 0;
  std::string block;
  std::string_view bytes;
  bool ok = true, more = true;
  while (more) {
    more = next_block(&offset, &block, &bytes);
    if (XML_Parse(x, bytes.data(), static_cast<int>(bytes.size()), !more) != XML_STATUS_OK) {
      if (!failed_) {
        failed_ = true;
        std::string what = XML_ErrorString(XML_GetErrorCode(x));
        problems->push_back({file_, line(), column(),
                             "not well-formed XML: " + what +
                                 "; fix the file (an XML editor or "
                                 "`xmllint --noout FILE` shows the place)"});
      }
      ok = false;
      break;
    }
  }
  if (ok && failed_) ok = false;
  XML_ParserFree(x);
  expat_ = nullptr;
  return ok;
}

}  // namespace govnet::xml
