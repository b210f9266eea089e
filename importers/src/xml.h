// A thin streaming layer over expat shared by the GraphML and GEXF readers: element events with
// local names (namespace prefixes dropped) and positions, accumulated text, and the limits every
// XML input gets — nesting depth, text size, and no entity declarations at all (neither format
// needs them, and refusing them rules out entity-expansion attacks such as "billion laughs").
#pragma once

#include <cstdint>
#include <istream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/problem.h"
#include "govnet/property_graph.h"

namespace govnet::xml {

struct Attr {
  std::string_view name;  // local name
  std::string_view value;
};

class Parser;

class Handler {
 public:
  virtual ~Handler() = default;
  // `attrs` is valid during the call only.
  virtual void start(Parser& p, std::string_view name, const std::vector<Attr>& attrs) = 0;
  // `text` is the character data directly inside the element (not its children's).
  virtual void end(Parser& p, std::string_view name, std::string_view text) = 0;
};

class Parser {
 public:
  // Notes (what was read but cannot be represented) go to *notes, each distinct message once.
  Parser(std::string_view data, std::string file, const GraphReadLimits& limits,
         std::vector<Problem>* notes)
      : data_(data), file_(std::move(file)), limits_(limits), notes_(notes) {}
  // Reads the document from `in` a block at a time instead (a file of any size in bounded
  // memory); `in` must outlive parse().
  Parser(std::istream& in, std::string file, const GraphReadLimits& limits,
         std::vector<Problem>* notes)
      : in_(&in), file_(std::move(file)), limits_(limits), notes_(notes) {}
  // Runs the handler over the document; false when there were problems (appended to *problems).
  bool parse(Handler& handler, std::vector<Problem>* problems);

  // Position of the event being handled.
  uint32_t line() const;
  uint32_t column() const;
  size_t depth() const { return text_.size(); }
  const std::string& file() const { return file_; }
  const GraphReadLimits& limits() const { return limits_; }
  // Stops parsing with a problem at the current position.
  void fail(const std::string& message);
  // Notes something skipped or changed, at the current position (once per distinct message).
  void note(std::string message);
  // Counts one node, edge or value against limits().max_items; false (and failed) beyond it.
  bool count_item();

  struct Impl;  // expat callbacks
 private:
  friend struct Impl;
  // The next block of the document into *block; false at its end.
  bool next_block(size_t* offset, std::string* block, std::string_view* bytes);
  std::string_view data_;
  std::istream* in_ = nullptr;
  std::string file_;
  GraphReadLimits limits_;
  void* expat_ = nullptr;
  Handler* handler_ = nullptr;
  std::vector<std::string> text_;  // one buffer per open element
  std::vector<Problem>* problems_ = nullptr;
  std::vector<Problem>* notes_;
  std::set<std::string> noted_;
  size_t items_ = 0;
  bool failed_ = false;
};

// Runs a handler type that fills a PropertyGraph (constructed from a PropertyGraph*) over the
// document; *out is replaced only on success.
template <typename GraphHandler>
bool read_graph(std::string_view data, const std::string& file, PropertyGraph* out,
                std::vector<Problem>* problems, const GraphReadLimits& limits) {
  PropertyGraph g;
  g.file = file;
  GraphHandler handler(&g);
  Parser parser(data, file, limits, &g.notes);
  if (!parser.parse(handler, problems)) return false;
  *out = std::move(g);
  return true;
}

// Attribute lookup; empty view when absent.
std::string_view attr(const std::vector<Attr>& attrs, std::string_view name);
bool has_attr(const std::vector<Attr>& attrs, std::string_view name);

}  // namespace govnet::xml
