// Plain edge lists, as networkx's write_edgelist / write_weighted_edgelist, igraph's "ncol" and
// many scripts write them: one edge a line, `source target [weight]`, separated by white space
// or (when the first edge line has a comma) by commas with the spaces around values trimmed.
// `#` starts a comment, to the end of the line; blank lines are skipped. A first line that
// names its columns (source/from, target/to, then any others: Gephi's edge table
// `Source,Target,Type,Id,Label,Weight`) is a header, and its further columns are read by name.
// Every name becomes a node.
#include <algorithm>
#include <unordered_set>

#include "govnet/property_graph.h"
#include "govnet/text.h"
#include "values.h"

namespace govnet {
namespace {

struct Field {
  std::string_view text;
  uint32_t column;
};

// Splits a line (comment and CR removed) into fields; columns count characters from 1.
std::vector<Field> split(std::string_view line, bool commas) {
  std::vector<Field> out;
  auto column_of = [&](size_t at) {
    return static_cast<uint32_t>(utf8_length(line.substr(0, at)) + 1);
  };
  size_t i = 0;
  while (i <= line.size()) {
    if (commas) {
      size_t comma = line.find(',', i);
      size_t end = comma == std::string_view::npos ? line.size() : comma;
      std::string_view raw = line.substr(i, end - i);
      size_t lead = raw.find_first_not_of(" \t");
      out.push_back({trim(raw), column_of(i + (lead == std::string_view::npos ? 0 : lead))});
      if (comma == std::string_view::npos) break;
      i = comma + 1;
    } else {
      i = line.find_first_not_of(" \t", i);
      if (i == std::string_view::npos) break;
      size_t end = line.find_first_of(" \t", i);
      if (end == std::string_view::npos) end = line.size();
      out.push_back({line.substr(i, end - i), column_of(i)});
      i = end;
    }
  }
  return out;
}

bool is_header(const std::vector<Field>& f) {
  static const std::unordered_set<std::string> sources = {"source", "from", "src", "node1", "u"},
                                               targets = {"target", "to", "dst", "node2", "v"};
  return f.size() >= 2 && sources.count(ascii_lower(f[0].text)) &&
         targets.count(ascii_lower(f[1].text));
}

const std::string kWeight = "weight";

class EdgeListReader {
 public:
  EdgeListReader(const std::string& file, PropertyGraph* g, std::vector<Problem>* problems,
                 const GraphReadLimits& limits)
      : file_(file), g_(g), problems_(problems), limits_(limits) {}

  bool read(std::string_view data) {
    if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
    // Line ends of CR alone (old Mac files) are read as LF, as the CSV reader does.
    std::string lf;
    if (data.find('\r') != std::string_view::npos && data.find('\n') == std::string_view::npos) {
      lf.assign(data);
      std::replace(lf.begin(), lf.end(), '\r', '\n');
      data = lf;
    }
    uint32_t line_no = 0;
    while (!data.empty() && problems_->size() < limits_.max_notes) {
      size_t nl = data.find('\n');
      std::string_view line = data.substr(0, nl);
      data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
      if (trim(line).empty()) continue;
      this->line(line, line_no);
    }
    return problems_->empty();
  }

 private:
  void problem(uint32_t line, uint32_t column, std::string message) {
    problems_->push_back({file_, line, column, std::move(message)});
  }

  // The bytes of a line that cannot be names: invalid UTF-8, NUL, a byte order mark.
  bool check_text(std::string_view text, uint32_t line_no) {
    auto column = [&](size_t at) {
      return static_cast<uint32_t>(utf8_length(text.substr(0, at)) + 1);
    };
    if (size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
      problem(line_no, column(bad), "invalid UTF-8; save the file as UTF-8");
      return false;
    }
    if (text.find('\0') != std::string_view::npos) {
      problem(line_no, 1, "NUL byte in the line; edge lists are text");
      return false;
    }
    if (size_t bom = text.find("\xEF\xBB\xBF"); bom != std::string_view::npos) {
      problem(line_no, column(bom),
              "byte order mark (U+FEFF) inside the text, not at its start (were two files "
              "joined?); delete it, or it would become part of a name");
      return false;
    }
    return true;
  }

  bool line(std::string_view text, uint32_t line_no) {
    if (!check_text(text, line_no)) return false;
    if (!mode_known_) {
      commas_ = text.find(',') != std::string_view::npos;
      mode_known_ = true;
    }
    const std::vector<Field> f = split(text, commas_);
    if (!seen_edge_ && is_header(f)) {
      seen_edge_ = true;
      for (size_t i = 2; i < f.size(); ++i) columns_.emplace_back(f[i].text);
      return true;
    }
    seen_edge_ = true;
    if (!check_fields(f, line_no)) return false;
    PropertyEdge e;
    e.source = node(f[0], line_no);
    e.target = node(f[1], line_no);
    e.line = line_no;
    e.column = f[0].column;
    for (size_t i = 2; i < f.size(); ++i) {
      const std::string& column = i - 2 < columns_.size() ? columns_[i - 2] : kWeight;
      if (!f[i].text.empty() && !column_value(column, f[i], line_no, &e)) return false;
    }
    if (++items_ > limits_.max_items) {
      problem(line_no, 1,
              "more than " + std::to_string(limits_.max_items) + " edges; split the file");
      return false;
    }
    g_->edges.push_back(std::move(e));
    return true;
  }

  // The most fields a line may have: those the header names, else `source target [weight]`.
  size_t max_fields() const { return std::max<size_t>(3, columns_.size() + 2); }

  bool check_fields(const std::vector<Field>& f, uint32_t line_no) {
    if (f.size() < 2 || f.size() > max_fields()) {
      const std::string expected =
          columns_.size() < 2
              ? "`source target [weight]`"
              : "at most the " + std::to_string(max_fields()) + " columns the header names";
      problem(line_no, f.size() > max_fields() ? f[max_fields()].column : 1,
              "expected " + expected + ", found " + std::to_string(f.size()) + " field(s)" +
                  (commas_ ? "" : "; names with spaces need a comma-separated file") +
                  "; for other tables, import with --map (docs/mapping.md)");
      return false;
    }
    for (size_t i = 0; i < f.size(); ++i) {
      const Field& x = f[i];
      if ((i < 2 && x.text.empty()) || (!x.text.empty() && x.text.front() == '"')) {
        problem(line_no, x.column,
                x.text.empty() ? "empty name; every edge needs a source and a target"
                               : "quoted names are not read in edge lists; import the table "
                                 "with --map (docs/mapping.md)");
        return false;
      }
    }
    return true;
  }

  // A field after source and target, under its column's name: `weight` must be a number;
  // Gephi's `Type` (Directed/Undirected) is the edge's direction and its `Id` the edge's id;
  // any other column is an attribute of that name.
  bool column_value(const std::string& column, const Field& x, uint32_t line_no, PropertyEdge* e) {
    const std::string name = ascii_lower(column);
    const std::string value(x.text);
    if (name == "weight" && !values::number(value)) {
      problem(line_no, x.column,
              "weight '" + value + "' is not a number; the " +
                  (columns_.empty() ? "third field, if any," : "'" + column + "' column") +
                  " is the edge's weight");
      return false;
    }
    if (name == "type" && (ascii_lower(value) == "directed" || ascii_lower(value) == "undirected"))
      e->directed = ascii_lower(value) == "directed";
    else if (name == "id")
      e->id = value;
    else
      e->attributes.emplace_back(name == "weight" ? name : column, value);
    return true;
  }

  const std::string& node(const Field& f, uint32_t line) {
    std::string id(f.text);
    if (ids_.insert(id).second) {
      PropertyNode n;
      n.id = id;
      n.line = line;
      n.column = f.column;
      g_->nodes.push_back(std::move(n));
      ++items_;
    }
    return *ids_.find(id);
  }

  const std::string& file_;
  PropertyGraph* g_;
  std::vector<Problem>* problems_;
  const GraphReadLimits& limits_;
  std::unordered_set<std::string> ids_;
  std::vector<std::string> columns_;  // the header's names of the fields after source, target
  size_t items_ = 0;
  bool mode_known_ = false, commas_ = false, seen_edge_ = false;
};

}  // namespace

bool read_edge_list(std::string_view data, const std::string& file, PropertyGraph* out,
                    std::vector<Problem>* problems, const GraphReadLimits& limits) {
  PropertyGraph g;
  g.file = file;
  std::vector<Problem> found;
  if (!EdgeListReader(file, &g, &found, limits).read(data)) {
    problems->insert(problems->end(), found.begin(), found.end());
    return false;
  }
  *out = std::move(g);
  return true;
}

}  // namespace govnet
