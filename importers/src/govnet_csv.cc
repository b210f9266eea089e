#include "govnet/govnet_csv.h"

#include <charconv>
#include <cstring>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "govnet/csv.h"
#include "govnet/text.h"

namespace govnet {
namespace {

const std::set<std::string> kEvidenceColumns = {"source", "locator", "quote", "url", "accessed"};

struct Header {
  std::map<std::string, size_t, std::less<>> index;  // column name -> position
  std::vector<std::string> names;
  int at(std::string_view name) const {
    auto it = index.find(name);
    return it == index.end() ? -1 : static_cast<int>(it->second);
  }
};

// One table being read: its rows and a way to report problems at fields.
class Table {
 public:
  Table(std::string file, std::vector<CsvRow> rows, std::vector<Problem>* problems, size_t cap)
      : file_(std::move(file)), rows_(std::move(rows)), problems_(problems), cap_(cap) {}

  const std::string& file() const { return file_; }
  const std::vector<CsvRow>& rows() const { return rows_; }
  const Header& header() const { return header_; }

  void problem(uint32_t line, uint32_t column, std::string message) {
    if (problems_->size() < cap_) problems_->push_back({file_, line, column, std::move(message)});
  }
  void problem(const CsvField& f, std::string message) { problem(f.line, f.column, std::move(message)); }

  // Reads the header row; checks required columns and duplicates.
  bool read_header(const std::vector<std::string>& required, const std::string& expected) {
    if (rows_.empty()) {
      problem(0, 0, "the file is empty; expected a header line: " + expected);
      return false;
    }
    const CsvRow& h = rows_.front();
    for (size_t i = 0; i < h.fields.size(); ++i) {
      std::string name = ascii_lower(std::string(trim(h.fields[i].value)));
      if (name.empty()) {
        problem(h.fields[i], "empty column name in the header; name every column");
        continue;
      }
      if (!header_.index.emplace(name, i).second)
        problem(h.fields[i], "column '" + name + "' appears twice in the header");
      header_.names.push_back(name);
    }
    if (header_.names.size() < h.fields.size()) header_.names.resize(h.fields.size());
    bool ok = true;
    for (const auto& r : required) {
      if (header_.at(r) < 0) {
        problem(h.line, 1, "missing required column '" + r + "'; the header must have at least: " + expected);
        ok = false;
      }
    }
    return ok;
  }

  // The columns that are neither in `known` nor evidence columns: the records' attributes.
  std::vector<size_t> attribute_columns(const std::set<std::string>& known) const {
    std::vector<size_t> out;
    for (size_t i = 0; i < header_.names.size(); ++i) {
      const std::string& name = header_.names[i];
      if (!name.empty() && !known.count(name) && !kEvidenceColumns.count(name)) out.push_back(i);
    }
    return out;
  }

  // Checks a data row's field count against the header.
  bool check_width(const CsvRow& r) {
    size_t want = rows_.front().fields.size();
    if (r.fields.size() == want) return true;
    if (r.fields.size() > want)
      problem(r.fields[want], "this line has " + std::to_string(r.fields.size()) +
                                  " fields but the header has " + std::to_string(want) +
                                  "; quote fields that contain commas");
    else
      problem(r.line, r.end_column, "this line has " + std::to_string(r.fields.size()) +
                                        " fields but the header has " + std::to_string(want) +
                                        "; add the missing fields (they may be empty)");
    return false;
  }

 private:
  std::string file_;
  std::vector<CsvRow> rows_;
  std::vector<Problem>* problems_;
  size_t cap_;
  Header header_;
};

// Field access for one row.
struct RowView {
  Table& t;
  const CsvRow& r;
  const CsvField* field(std::string_view name) const {
    int i = t.header().at(name);
    return i < 0 ? nullptr : &r.fields[i];
  }
  std::string get(std::string_view name) const {
    const CsvField* f = field(name);
    return f ? std::string(trim(f->value)) : std::string();
  }
  // A required, non-empty value.
  bool need(const std::string& name, std::string* out) {
    *out = get(name);
    if (!out->empty()) return true;
    const CsvField* f = field(name);
    t.problem(*f, "'" + name + "' is empty; every row needs one");
    return false;
  }
  bool key(const std::string& name, std::string* out) {
    if (!need(name, out)) return false;
    for (unsigned char c : *out)
      if (c < 0x20 || c == 0x7F) {
        t.problem(*field(name), "'" + name + "' contains a control character (tab or line break); keys must be one line of text");
        return false;
      }
    return true;
  }
  // A required value from a fixed vocabulary (kinds, families), case-insensitive.
  template <typename E, typename Parse>
  bool vocabulary(const std::string& column, const char* what, Parse parse, const std::string& allowed, E* out) {
    std::string value = ascii_lower(get(column));
    if (auto e = parse(value)) { *out = *e; return true; }
    t.problem(*field(column), (value.empty() ? "'" + column + "' is empty" : "unknown " + std::string(what) + " '" + get(column) + "'") +
                                  "; expected one of: " + allowed);
    return false;
  }
  std::optional<Date> date(const std::string& name, bool* ok) {
    std::string v = get(name);
    if (v.empty()) return std::nullopt;
    std::string err;
    auto d = parse_date(v, &err);
    if (!d) { t.problem(*field(name), "bad " + name + " date: " + err); *ok = false; }
    return d;
  }
  Period period(bool* ok) {
    Period p;
    p.start = date("start", ok);
    p.end = date("end", ok);
    if (p.start && p.end && p.end->latest() < p.start->earliest()) {
      t.problem(*field("end"), "end " + p.end->to_string() + " is before start " +
                                   p.start->to_string() + "; swap them or fix one");
      *ok = false;
    }
    return p;
  }
  Status status(bool* ok) {
    std::string v = ascii_lower(get("status"));
    if (v.empty()) return Status::kUnknown;
    auto s = parse_status(v);
    if (!s || *s == Status::kUnknown) {
      t.problem(*field("status"), "unknown status '" + get("status") + "'; expected one of: " + status_names() + " (or leave it empty)");
      *ok = false;
      return Status::kUnknown;
    }
    return *s;
  }
  std::optional<double> number(const std::string& name, bool* ok) {
    std::string v = get(name);
    if (v.empty()) return std::nullopt;
    double x = 0;
    auto res = std::from_chars(v.data(), v.data() + v.size(), x);
    if (res.ec != std::errc() || res.ptr != v.data() + v.size() || !std::isfinite(x)) {
      std::string hint = v.find(',') != std::string::npos
                             ? "; write it without thousands separators, with a dot for decimals (1500000.50)"
                             : "; expected a number such as 12 or 1.5e6";
      t.problem(*field(name), "'" + v + "' in '" + name + "' is not a number" + hint);
      *ok = false;
      return std::nullopt;
    }
    if (x < 0) {
      t.problem(*field(name), "'" + name + "' is negative (" + v + "); weights and amounts must be 0 or more");
      *ok = false;
      return std::nullopt;
    }
    return x;
  }
  Evidence evidence() const {
    return {get("source"), get("locator"), get("quote"), get("url"), get("accessed")};
  }
  // Every column Table::attribute_columns gives becomes an attribute when non-empty.
  Attributes attributes(const std::vector<size_t>& columns) const {
    Attributes out;
    const auto& names = t.header().names;
    for (size_t i : columns) {
      if (i >= r.fields.size()) break;
      std::string v(trim(r.fields[i].value));
      if (!v.empty()) out.emplace_back(names[i], v);
    }
    return out;
  }
};

std::optional<TableKind> kind_from_name(const std::string& path) {
  std::string base = ascii_lower(std::filesystem::path(path).filename().string());
  if (base.find("instrument") != std::string::npos) return TableKind::kInstruments;
  if (base.find("actor") != std::string::npos) return TableKind::kActors;
  if (base.find("evidence") != std::string::npos) return TableKind::kEvidence;
  if (base.find("tie") != std::string::npos) return TableKind::kTies;
  return std::nullopt;
}

std::optional<TableKind> kind_from_header(const CsvRow& header) {
  std::set<std::string> cols;
  for (const auto& f : header.fields) cols.insert(ascii_lower(std::string(trim(f.value))));
  if (cols.count("from") && cols.count("to")) return TableKind::kTies;
  if (cols.count("target")) return TableKind::kEvidence;
  if (cols.count("key") && (cols.count("status") || cols.count("start") || cols.count("end")))
    return TableKind::kInstruments;
  if (cols.count("key")) return TableKind::kActors;
  return std::nullopt;
}

// Where a record was defined, for duplicate and reference messages.
struct Defined {
  bool instrument;
  size_t index;  // into network.actors / instruments
  const std::string* file;  // where it was defined: its Table's file name, alive while tables are read
  uint32_t line;
};

class Reader {
 public:
  Reader(const CsvImportOptions& o, CsvImportResult* out) : o_(o), out_(out) {}

  // Reads files; a file that cannot be opened is a problem, and the others are still checked.
  void read(const std::vector<CsvInput>& inputs) {
    std::vector<CsvBuffer> buffers;
    for (const CsvInput& in : inputs) {
      std::ifstream f(in.path, std::ios::binary);
      if (!f) {
        out_->problems.push_back({in.path, 0, 0, "cannot open the file: " + std::string(std::strerror(errno))});
        out_->files.push_back(in.path);
        continue;
      }
      // Read whole into one string sized from the file (pipes and the like simply grow it).
      std::string data;
      std::error_code ec;
      const auto size = std::filesystem::file_size(in.path, ec);
      if (!ec) data.reserve(size);
      char chunk[1 << 16];
      while (f.read(chunk, sizeof chunk) || f.gcount() > 0) data.append(chunk, static_cast<size_t>(f.gcount()));
      buffers.push_back({in.path, std::move(data), in.kind});
    }
    read(buffers);
  }

  void read(const std::vector<CsvBuffer>& inputs) {
    std::vector<std::string_view> all;
    for (const CsvBuffer& in : inputs) all.push_back(in.data);
    out_->content_hash = content_hash(all);
    std::vector<std::unique_ptr<Table>> tables;
    for (const CsvBuffer& in : inputs) {
      out_->files.push_back(in.path);
      const std::string& data = in.data;
      std::vector<CsvRow> rows;
      parse_csv(data, in.path, &rows, &out_->problems, {remaining()});
      std::optional<TableKind> kind = in.kind ? in.kind : kind_from_name(in.path);
      if (!kind && !rows.empty()) kind = kind_from_header(rows.front());
      if (!kind) {
        out_->problems.push_back({in.path, 1, 1, "cannot tell what this file holds; name it "
                                  "actors/instruments/ties/evidence *.csv or give its kind "
                                  "(--actors, --instruments, --ties, --evidence)"});
        continue;
      }
      out_->kinds.push_back(*kind);
      tables.push_back(std::make_unique<Table>(in.path, std::move(rows), &out_->problems, o_.max_problems));
      kinds_.push_back(*kind);
    }
    // Definitions first, so references can point forward across files.
    for (size_t i = 0; i < tables.size(); ++i)
      if (kinds_[i] == TableKind::kActors) read_actors(*tables[i]);
    for (size_t i = 0; i < tables.size(); ++i)
      if (kinds_[i] == TableKind::kInstruments) read_instruments(*tables[i]);
    check_parents();
    for (size_t i = 0; i < tables.size(); ++i)
      if (kinds_[i] == TableKind::kTies) read_ties(*tables[i]);
    for (size_t i = 0; i < tables.size(); ++i)
      if (kinds_[i] == TableKind::kEvidence) read_evidence(*tables[i]);
    if (out_->problems.size() >= o_.max_problems) out_->truncated = true;
    if (out_->problems.size() > o_.max_problems) out_->problems.resize(o_.max_problems);
  }

 private:
  size_t remaining() const {
    return o_.max_problems > out_->problems.size() ? o_.max_problems - out_->problems.size() : 0;
  }

  ExistingKind existing(const std::string& key) const {
    return o_.existing ? o_.existing(key) : ExistingKind::kNone;
  }

  bool define(Table& t, const CsvRow& r, const CsvField& f, const std::string& key, bool instrument) {
    if (existing(key) != ExistingKind::kNone) {
      t.problem(f, "key '" + key + "' is already defined by another dataset in the store; refer "
                   "to it from ties without redefining it, or choose another key");
      return false;
    }
    auto [it, inserted] = defined_.emplace(key, Defined{instrument, 0, &t.file(), r.line});
    if (!inserted) {
      t.problem(f, "duplicate key '" + key + "'; it is already defined at " + *it->second.file + ":" +
                       std::to_string(it->second.line) +
                       " (keys must be unique across actors and instruments)");
      return false;
    }
    return true;
  }

  void read_actors(Table& t) {
    const std::string expected = "key,name,kind (optional: aliases,iso3,parent,source,locator,quote,url,accessed, and any others as attributes)";
    if (!t.read_header({"key", "name", "kind"}, expected)) return;
    const std::vector<size_t> attribute_columns =
        t.attribute_columns({"key", "name", "kind", "aliases", "iso3", "parent"});
    out_->network.actors.reserve(out_->network.actors.size() + t.rows().size());
    defined_.reserve(defined_.size() + t.rows().size());
    for (size_t i = 1; i < t.rows().size(); ++i) {
      const CsvRow& r = t.rows()[i];
      if (!t.check_width(r)) continue;
      RowView v{t, r};
      Actor a;
      bool ok = v.key("key", &a.key);
      ok = v.need("name", &a.name) && ok;
      ok = v.vocabulary("kind", "actor kind", parse_actor_kind, actor_kind_names(), &a.kind) && ok;
      const std::string aliases = v.get("aliases");
      for (std::string_view rest = aliases; !rest.empty();) {
        size_t bar = rest.find('|');
        std::string alias(trim(rest.substr(0, bar)));
        if (!alias.empty()) a.aliases.push_back(alias);
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
      }
      a.iso3 = v.get("iso3");
      if (!a.iso3.empty()) {
        bool valid = a.iso3.size() == 3;
        for (char c : a.iso3) valid = valid && c >= 'A' && c <= 'Z';
        if (!valid) {
          t.problem(*v.field("iso3"), "'" + a.iso3 + "' is not an ISO 3166-1 alpha-3 code; expected three capital letters such as MDA or SEN");
          ok = false;
        }
      }
      a.parent = v.get("parent");
      a.attributes = v.attributes(attribute_columns);
      if (Evidence e = v.evidence(); !e.empty()) a.evidence.push_back(e);
      if (!ok || !define(t, r, *v.field("key"), a.key, false)) continue;
      defined_[a.key].index = out_->network.actors.size();
      if (!a.parent.empty()) parent_refs_.push_back({&t, *v.field("parent"), out_->network.actors.size()});
      out_->network.actors.push_back(std::move(a));
    }
  }

  // Parents may be defined later in the file or in another actors file, so they are checked
  // once all actors are read.
  void check_parents() {
    for (const ParentRef& ref : parent_refs_) {
      const Actor& a = out_->network.actors[ref.actor];
      auto it = defined_.find(a.parent);
      bool is_actor = it != defined_.end() ? !it->second.instrument
                                           : existing(a.parent) == ExistingKind::kActor;
      if (a.parent == a.key) ref.table->problem(ref.field, "actor " + a.key + " cannot be its own parent");
      else if (!is_actor)
        ref.table->problem(ref.field, "parent '" + a.parent + "' of " + a.key + " is not an actor in these files or the store; add it to actors.csv or leave 'parent' empty");
    }
  }

  void read_instruments(Table& t) {
    const std::string expected = "key,name,kind (optional: start,end,status,source,locator,quote,url,accessed, and any others as attributes)";
    if (!t.read_header({"key", "name", "kind"}, expected)) return;
    const std::vector<size_t> attribute_columns =
        t.attribute_columns({"key", "name", "kind", "start", "end", "status"});
    out_->network.instruments.reserve(out_->network.instruments.size() + t.rows().size());
    defined_.reserve(defined_.size() + t.rows().size());
    for (size_t i = 1; i < t.rows().size(); ++i) {
      const CsvRow& r = t.rows()[i];
      if (!t.check_width(r)) continue;
      RowView v{t, r};
      Instrument x;
      bool ok = v.key("key", &x.key);
      ok = v.need("name", &x.name) && ok;
      ok = v.vocabulary("kind", "instrument kind", parse_instrument_kind, instrument_kind_names(), &x.kind) && ok;
      x.period = v.period(&ok);
      x.status = v.status(&ok);
      x.attributes = v.attributes(attribute_columns);
      if (Evidence e = v.evidence(); !e.empty()) x.evidence.push_back(e);
      if (!ok || !define(t, r, *v.field("key"), x.key, true)) continue;
      defined_[x.key].index = out_->network.instruments.size();
      out_->network.instruments.push_back(std::move(x));
    }
  }

  void read_ties(Table& t) {
    const std::string expected = "from,to,family (optional: id,role,directed,weight,amount,currency,start,end,status,source,locator,quote,url,accessed)";
    if (!t.read_header({"from", "to", "family"}, expected)) return;
    const std::vector<size_t> attribute_columns = t.attribute_columns(
        {"id", "from", "to", "family", "role", "directed", "weight", "amount", "currency", "start", "end", "status"});
    out_->network.ties.reserve(out_->network.ties.size() + t.rows().size());
    for (size_t i = 1; i < t.rows().size(); ++i) {
      const CsvRow& r = t.rows()[i];
      if (!t.check_width(r)) continue;
      RowView v{t, r};
      Tie tie;
      bool ok = v.key("from", &tie.from);
      ok = v.key("to", &tie.to) && ok;
      if (!tie.from.empty()) {
        auto it = defined_.find(tie.from);
        bool actor = it != defined_.end() ? !it->second.instrument : existing(tie.from) == ExistingKind::kActor;
        if (!actor) {
          bool instrument = (it != defined_.end() && it->second.instrument) || existing(tie.from) == ExistingKind::kInstrument;
          t.problem(*v.field("from"), instrument
              ? "'" + tie.from + "' is an instrument; a tie goes from an actor to an actor or an instrument, so put the actor in 'from' and the instrument in 'to'"
              : "unknown actor '" + tie.from + "'; define it in actors.csv (or in a dataset already in the store)");
          ok = false;
        }
      }
      if (!tie.to.empty()) {
        auto it = defined_.find(tie.to);
        if (it != defined_.end()) tie.to_instrument = it->second.instrument;
        else if (ExistingKind e = existing(tie.to); e != ExistingKind::kNone) tie.to_instrument = e == ExistingKind::kInstrument;
        else {
          t.problem(*v.field("to"), "unknown actor or instrument '" + tie.to + "'; define it in actors.csv or instruments.csv (or in a dataset already in the store)");
          ok = false;
        }
      }
      ok = v.vocabulary("family", "relation family", parse_family, family_names(), &tie.family) && ok;
      tie.label = v.get("id");
      tie.role = v.get("role");
      std::string directed = ascii_lower(v.get("directed"));
      if (directed == "true" || directed == "yes" || directed == "1") tie.directed = true;
      else if (directed.empty() || directed == "false" || directed == "no" || directed == "0") tie.directed = false;
      else {
        t.problem(*v.field("directed"), "'" + v.get("directed") + "' in 'directed' is not a yes/no value; expected true, false, yes, no, 1 or 0");
        ok = false;
      }
      tie.weight = v.number("weight", &ok);
      tie.amount = v.number("amount", &ok);
      tie.currency = v.get("currency");
      tie.period = v.period(&ok);
      tie.status = v.status(&ok);
      tie.attributes = v.attributes(attribute_columns);
      if (Evidence e = v.evidence(); !e.empty()) tie.evidence.push_back(e);
      if (!tie.label.empty()) {
        std::string where = t.file() + ":" + std::to_string(r.line);
        if (defined_.count(tie.label)) {
          t.problem(*v.field("id"), "tie id '" + tie.label + "' is also the key of an actor or instrument; give the tie another id");
          ok = false;
        } else if (auto [it, inserted] = tie_labels_.emplace(tie.label, where); !inserted) {
          t.problem(*v.field("id"), "duplicate tie id '" + tie.label + "'; it is already used at " + it->second);
          ok = false;
        }
      }
      if (!ok) continue;
      if (!tie.label.empty()) tie_index_[tie.label] = out_->network.ties.size();
      out_->network.ties.push_back(std::move(tie));
    }
  }

  void read_evidence(Table& t) {
    const std::string expected = "target,source (optional: locator,quote,url,accessed); target is an actor key, an instrument key or a tie id";
    if (!t.read_header({"target", "source"}, expected)) return;
    for (size_t i = 1; i < t.rows().size(); ++i) {
      const CsvRow& r = t.rows()[i];
      if (!t.check_width(r)) continue;
      RowView v{t, r};
      std::string target;
      bool ok = v.key("target", &target);
      Evidence e = v.evidence();
      if (e.source.empty()) {
        t.problem(*v.field("source"), "'source' is empty; cite the document the evidence comes from");
        ok = false;
      }
      if (!ok) continue;
      if (auto it = defined_.find(target); it != defined_.end()) {
        auto& list = it->second.instrument ? out_->network.instruments[it->second.index].evidence
                                           : out_->network.actors[it->second.index].evidence;
        list.push_back(std::move(e));
      } else if (auto tt = tie_index_.find(target); tt != tie_index_.end()) {
        out_->network.ties[tt->second].evidence.push_back(std::move(e));
      } else {
        t.problem(*v.field("target"), "'" + target + "' is not an actor, instrument or tie id defined in these files; evidence attaches to records of the dataset being imported (give the tie an 'id' column value to cite it)");
      }
    }
  }

  const CsvImportOptions& o_;
  CsvImportResult* out_;
  std::vector<TableKind> kinds_;
  std::unordered_map<std::string, Defined> defined_;
  std::unordered_map<std::string, std::string> tie_labels_;
  std::unordered_map<std::string, size_t> tie_index_;
  struct ParentRef { Table* table; CsvField field; size_t actor; };
  std::vector<ParentRef> parent_refs_;
};

}  // namespace

std::string_view to_string(TableKind k) {
  switch (k) {
    case TableKind::kActors: return "actors";
    case TableKind::kInstruments: return "instruments";
    case TableKind::kTies: return "ties";
    case TableKind::kEvidence: return "evidence";
  }
  return "?";
}

std::string content_hash(const std::vector<std::string_view>& files) {
  uint64_t hash = 1469598103934665603ULL;
  for (auto data : files)
    for (unsigned char c : data) { hash ^= c; hash *= 1099511628211ULL; }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

CsvImportResult read_govnet_csv(const std::vector<CsvInput>& inputs, const CsvImportOptions& options) {
  CsvImportResult out;
  Reader(options, &out).read(inputs);
  if (!out.problems.empty()) out.network = Network{};
  return out;
}

CsvImportResult read_govnet_csv(const std::vector<CsvBuffer>& inputs, const CsvImportOptions& options) {
  CsvImportResult out;
  Reader(options, &out).read(inputs);
  if (!out.problems.empty()) out.network = Network{};
  return out;
}

}  // namespace govnet
