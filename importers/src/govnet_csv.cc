#include "govnet/govnet_csv.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

#include "govnet/csv.h"
#include "govnet/key_index.h"
#include "govnet/parallel.h"
#include "govnet/property_graph.h"
#include "govnet/input_file.h"
#include "govnet/text.h"
#include "govnet_csv_rows.h"
#include "table_reader.h"
#include "values.h"

namespace govnet {
namespace {

using csv_rows::Col;
using csv_rows::Problems;
using csv_rows::RowState;
using csv_rows::RowView;
using csv_rows::Table;

std::optional<TableKind> kind_from_name(const std::string& path) {
  std::string base = ascii_lower(std::filesystem::path(path).filename().string());
  if (base.find("instrument") != std::string::npos) return TableKind::kInstruments;
  if (base.find("actor") != std::string::npos) return TableKind::kActors;
  if (base.find("evidence") != std::string::npos) return TableKind::kEvidence;
  if (base.find("tie") != std::string::npos) return TableKind::kTies;
  return std::nullopt;
}

std::vector<std::string> column_names(const CsvRow& header) {
  std::vector<std::string> out;
  for (const auto& f : header.fields) out.push_back(ascii_lower(std::string(trim(f.value))));
  return out;
}

std::optional<TableKind> kind_from_header(const CsvRow& header) {
  const std::vector<std::string> names = column_names(header);
  if (edge_list_header(names)) return std::nullopt;
  const std::set<std::string> cols(names.begin(), names.end());
  if (cols.count("from") && cols.count("to")) return TableKind::kTies;
  if (cols.count("target")) return TableKind::kEvidence;
  if (cols.count("key") && (cols.count("status") || cols.count("start") || cols.count("end")))
    return TableKind::kInstruments;
  if (cols.count("key")) return TableKind::kActors;
  return std::nullopt;
}

// Where a record was defined, for duplicate and reference messages.
struct Defined {
  NodeType type;
  size_t index;  // into network.actors / instruments
  // Where it was defined: its Table's file name, alive while tables are read.
  const std::string* file;
  uint32_t line;
};

class Reader {
 public:
  Reader(const CsvImportOptions& o, CsvImportResult* out) : o_(o), out_(out) {}

  // Reads files; a file that cannot be opened is a problem, and the others are still checked.
  void read(const std::vector<CsvInput>& inputs) {
    std::vector<CsvBuffer> buffers;
    for (const CsvInput& in : inputs) {
      std::string data, error;
      if (!read_input_file(in.path, &data, &error)) {
        out_->problems.push_back({in.path, 0, 0, error});
        out_->files.push_back(in.path);
        continue;
      }
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
      CsvTable rows;
      std::string label;
      // A workbook that cannot be read (or lacks the sheet) has one problem, not two.
      if (!read_table(in.data, in.path, o_.sheet, &rows, &label, &out_->problems,
                      {o_.max_problems}) &&
          rows.rows.empty())
        continue;
      std::optional<TableKind> kind = in.kind ? in.kind : kind_from_name(in.path);
      if (!kind && !rows.rows.empty()) kind = kind_from_header(rows.rows.front());
      if (!kind && !rows.rows.empty() && edge_list_header(column_names(rows.rows.front()))) {
        out_->problems.push_back({in.path, 1, 1,
                                  "this looks like an edge list (its header starts "
                                  "source,target); import it on its own with --format "
                                  "edgelist"});
        continue;
      }
      if (!kind) {
        out_->problems.push_back({in.path, 1, 1,
                                  "cannot tell what this file holds; name it "
                                  "actors/instruments/ties/evidence *.csv or give its kind "
                                  "(--actors, --instruments, --ties, --evidence); a plain edge "
                                  "list (source,target[,weight]) imports with --format "
                                  "edgelist, any other table with --map"});
        continue;
      }
      for (auto& block : rows.fields)  // govnet's CSV export writes cells spreadsheet-safe
        for (CsvField& f : block) f.value = values::from_spreadsheet_text(f.value);
      out_->kinds.push_back(*kind);
      tables.push_back(std::make_unique<Table>(label, std::move(rows)));
      kinds_.push_back(*kind);
    }
    // Definitions first, so references can point forward across files.
    for (size_t i = 0; i < tables.size(); ++i)
      if (kinds_[i] == TableKind::kActors) read_actors(*tables[i]);
    for (size_t i = 0; i < tables.size(); ++i)
      if (kinds_[i] == TableKind::kInstruments) read_instruments(*tables[i]);
    check_parents();
    // The keys defined, for the ties' endpoints: actors, then instruments.
    const Network& net = out_->network;
    const KeyIndex keys(static_cast<uint32_t>(net.actors.size() + net.instruments.size()),
                        [&](uint32_t i) {
                          return std::string_view(i < net.actors.size()
                                                      ? net.actors[i].key
                                                      : net.instruments[i - net.actors.size()].key);
                        });
    keys_ = &keys;
    for (size_t i = 0; i < tables.size(); ++i)
      if (kinds_[i] == TableKind::kTies) read_ties(*tables[i]);
    for (size_t i = 0; i < tables.size(); ++i)
      if (kinds_[i] == TableKind::kEvidence) read_evidence(*tables[i]);
    keys_ = nullptr;
    if (out_->problems.size() >= o_.max_problems) out_->truncated = true;
    if (out_->problems.size() > o_.max_problems) out_->problems.resize(o_.max_problems);
  }

 private:
  Problems problems() { return {&out_->problems, o_.max_problems}; }
  void problem(const Table& t, const CsvField& f, std::string message) {
    problems().add(t.file(), f.line, f.column, std::move(message));
  }

  std::optional<NodeType> existing(const std::string& key) const {
    return o_.existing ? o_.existing(key) : std::nullopt;
  }

  // Records the key's definition; nullptr (and a problem) when it is taken.
  Defined* define(const Table& t, const CsvRow& r, const CsvField& f, const std::string& key,
                  NodeType type) {
    if (existing(key)) {
      problem(t, f,
              "key '" + key +
                  "' is already defined by another dataset in the store; refer "
                  "to it from ties without redefining it, or choose another key");
      return nullptr;
    }
    const auto [at, inserted] = defined_keys_.insert(key, static_cast<uint32_t>(defined_.size()));
    if (!inserted) {
      problem(t, f,
              "duplicate key '" + key + "'; it is already defined at " + *defined_[at].file + ":" +
                  std::to_string(defined_[at].line) +
                  " (keys must be unique across actors and instruments)");
      return nullptr;
    }
    defined_.push_back(Defined{type, 0, &t.file(), r.line});
    return &defined_.back();
  }

  const Defined* definition(const std::string& key) const {
    const uint32_t at = defined_keys_.find(key);
    return at == KeyTable::kMissing ? nullptr : &defined_[at];
  }
  void reserve_definitions(size_t more) {
    defined_.reserve(defined_.size() + more);
    defined_keys_.reserve(defined_.size() + more);
  }

  void read_actors(Table& t) {
    const std::string expected =
        "key,name,kind (optional: "
        "aliases,iso3,parent,start,end,spells,source,locator,quote,url,accessed, and any "
        "others as attributes)";
    if (!t.read_header({Col::kKey, Col::kName, Col::kKind}, expected, problems())) return;
    const std::vector<size_t> attribute_columns =
        t.attribute_columns({Col::kKey, Col::kName, Col::kKind, Col::kAliases, Col::kIso3,
                             Col::kParent, Col::kStart, Col::kEnd, Col::kSpells});
    out_->network.actors.reserve(out_->network.actors.size() + t.rows().size());
    reserve_definitions(t.rows().size());
    auto interpret = [&](RowView& v, Actor* a) {
      bool ok = v.key(Col::kKey, &a->key);
      ok = v.need(Col::kName, &a->name) && v.plain(Col::kName) && ok;
      ok = v.plain(Col::kAliases) && ok;
      ok = v.vocabulary(Col::kKind, "actor kind", parse_actor_kind, actor_kind_names(), &a->kind) &&
           ok;
      for (std::string_view rest = v.get(Col::kAliases); !rest.empty();) {
        size_t bar = rest.find('|');
        std::string_view alias = trim(rest.substr(0, bar));
        if (!alias.empty()) a->aliases.emplace_back(alias);
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
      }
      a->spells = v.spells(&ok);
      a->iso3 = v.get(Col::kIso3);
      if (!a->iso3.empty()) {
        bool valid = a->iso3.size() == 3;
        for (char c : a->iso3) valid = valid && c >= 'A' && c <= 'Z';
        if (!valid) {
          v.problem(*v.field(Col::kIso3), "'" + a->iso3 +
                                              "' is not an ISO 3166-1 alpha-3 code; expected three "
                                              "capital letters such as MDA or SEN");
          ok = false;
        }
      }
      a->parent = v.get(Col::kParent);
      a->attributes = v.attributes(attribute_columns);
      if (Evidence e = v.evidence(); !e.empty()) a->evidence.push_back(e);
      return ok ? RowState::kGood : RowState::kBad;
    };
    auto settle = [&](const CsvRow& r, RowState state, Actor&& a) {
      if (state != RowState::kGood) return;
      const CsvField& key = r.fields[t.position(Col::kKey)];
      Defined* d = define(t, r, key, a.key, NodeType::kActor);
      if (!d) return;
      d->index = out_->network.actors.size();
      if (!a.parent.empty())
        parent_refs_.push_back(
            {&t, r.fields[t.position(Col::kParent)], out_->network.actors.size()});
      out_->network.actors.push_back(std::move(a));
    };
    csv_rows::read_rows<Actor>(t, &out_->problems, o_.max_problems, interpret, settle);
  }

  // Parents may be defined later in the file or in another actors file, so they are checked
  // once all actors are read.
  void check_parents() {
    for (const ParentRef& ref : parent_refs_) {
      const Actor& a = out_->network.actors[ref.actor];
      const Defined* parent = definition(a.parent);
      bool is_actor =
          parent ? parent->type == NodeType::kActor : existing(a.parent) == NodeType::kActor;
      if (a.parent == a.key)
        problem(*ref.table, ref.field, "actor " + a.key + " cannot be its own parent");
      else if (!is_actor)
        problem(*ref.table, ref.field,
                "parent '" + a.parent + "' of " + a.key +
                    " is not an actor in these files or the store; add it to actors.csv or leave "
                    "'parent' empty");
    }
  }

  void read_instruments(Table& t) {
    const std::string expected =
        "key,name,kind (optional: start,end,status,source,locator,quote,url,accessed, and any "
        "others as attributes)";
    if (!t.read_header({Col::kKey, Col::kName, Col::kKind}, expected, problems())) return;
    const std::vector<size_t> attribute_columns = t.attribute_columns(
        {Col::kKey, Col::kName, Col::kKind, Col::kStart, Col::kEnd, Col::kSpells, Col::kStatus});
    out_->network.instruments.reserve(out_->network.instruments.size() + t.rows().size());
    reserve_definitions(t.rows().size());
    auto interpret = [&](RowView& v, Instrument* x) {
      bool ok = v.key(Col::kKey, &x->key);
      ok = v.need(Col::kName, &x->name) && v.plain(Col::kName) && ok;
      ok = v.vocabulary(Col::kKind, "instrument kind", parse_instrument_kind,
                        instrument_kind_names(), &x->kind) &&
           ok;
      x->spells = v.spells(&ok);
      x->status = v.status(&ok);
      x->attributes = v.attributes(attribute_columns);
      if (Evidence e = v.evidence(); !e.empty()) x->evidence.push_back(e);
      return ok ? RowState::kGood : RowState::kBad;
    };
    auto settle = [&](const CsvRow& r, RowState state, Instrument&& x) {
      if (state != RowState::kGood) return;
      Defined* d = define(t, r, r.fields[t.position(Col::kKey)], x.key, NodeType::kInstrument);
      if (!d) return;
      d->index = out_->network.instruments.size();
      out_->network.instruments.push_back(std::move(x));
    };
    csv_rows::read_rows<Instrument>(t, &out_->problems, o_.max_problems, interpret, settle);
  }

  // A tie's endpoint: an actor (or, at `to`, an instrument) defined in the files or the store.
  // Called on several threads at once: reads keys_ and the store only.
  bool endpoint(RowView& v, Col c, const std::string& key, bool* to_instrument) const {
    const uint32_t i = keys_->find(key);
    const bool here = i != KeyIndex::kMissing;
    const std::optional<NodeType> stored = here ? std::nullopt : existing(key);
    const bool instrument =
        here ? i >= out_->network.actors.size() : stored == NodeType::kInstrument;
    const bool known = here || stored.has_value();
    if (c == Col::kTo) {
      if (known) {
        *to_instrument = instrument;
        return true;
      }
      v.problem(*v.field(c), "unknown actor or instrument '" + key +
                                 "'; define it in actors.csv or instruments.csv (or in a dataset "
                                 "already in the store)");
      return false;
    }
    if (known && !instrument) return true;
    v.problem(*v.field(c),
              instrument ? "'" + key +
                               "' is an instrument; a tie goes from an actor to an actor or an "
                               "instrument, so put the actor in 'from' and the instrument in 'to'"
                         : "unknown actor '" + key +
                               "'; define it in actors.csv (or in a dataset already in the store)");
    return false;
  }

  void read_ties(Table& t) {
    const std::string expected =
        "from,to,family (optional: "
        "id,role,directed,weight,amount,currency,start,end,status,source,locator,quote,url,"
        "accessed)";
    if (!t.read_header({Col::kFrom, Col::kTo, Col::kFamily}, expected, problems())) return;
    const std::vector<size_t> attribute_columns = t.attribute_columns(
        {Col::kId, Col::kFrom, Col::kTo, Col::kFamily, Col::kRole, Col::kDirected, Col::kWeight,
         Col::kAmount, Col::kCurrency, Col::kStart, Col::kEnd, Col::kSpells, Col::kStatus});
    out_->network.ties.reserve(out_->network.ties.size() + t.rows().size());
    const std::vector<CsvRow>& rows = t.rows();
    const int from_at = t.position(Col::kFrom), to_at = t.position(Col::kTo);
    auto interpret = [&](RowView& v, Tie* tie) {
      // The endpoints' key slots of a row a little ahead, on their way from memory meanwhile.
      if (const size_t ahead = static_cast<size_t>(&v.r - rows.data()) + 4; ahead < rows.size()) {
        const auto& f = rows[ahead].fields;
        if (f.size() > static_cast<size_t>(std::max(from_at, to_at))) {
          keys_->prefetch(KeyIndex::hash_of(trim(f[from_at].value)));
          keys_->prefetch(KeyIndex::hash_of(trim(f[to_at].value)));
        }
      }
      bool ok = v.key(Col::kFrom, &tie->from);
      ok = v.key(Col::kTo, &tie->to) && ok;
      bool ignored = false;
      if (!tie->from.empty()) ok = endpoint(v, Col::kFrom, tie->from, &ignored) && ok;
      if (!tie->to.empty()) ok = endpoint(v, Col::kTo, tie->to, &tie->to_instrument) && ok;
      ok = v.vocabulary(Col::kFamily, "relation family", parse_family, family_names(),
                        &tie->family) &&
           ok;
      tie->label = v.get(Col::kId);
      tie->role = v.get(Col::kRole);
      ok = v.plain(Col::kRole) && ok;
      tie->directed = v.yes_no(Col::kDirected, &ok).value_or(false);
      tie->weight = v.number(Col::kWeight, &ok);
      tie->amount = v.number(Col::kAmount, &ok);
      tie->currency = v.get(Col::kCurrency);
      tie->spells = v.spells(&ok);
      tie->status = v.status(&ok);
      tie->attributes = v.attributes(attribute_columns);
      if (Evidence e = v.evidence(); !e.empty()) tie->evidence.push_back(e);
      return ok ? RowState::kGood : RowState::kBad;
    };
    // A tie's id is checked in row order, after the rest of its row: ids must be unique.
    auto settle = [&](const CsvRow& r, RowState state, Tie&& tie) {
      if (state == RowState::kSkipped) return;
      bool ok = state == RowState::kGood;
      const std::string& label = tie.label;
      if (!label.empty()) {
        const CsvField& id = r.fields[t.position(Col::kId)];
        std::string where = t.file() + ":" + std::to_string(r.line);
        if (definition(label)) {
          problem(t, id,
                  "tie id '" + label +
                      "' is also the key of an actor or instrument; give the tie another id");
          ok = false;
        } else if (auto [it, inserted] = tie_labels_.emplace(label, where); !inserted) {
          problem(t, id, "duplicate tie id '" + label + "'; it is already used at " + it->second);
          ok = false;
        }
      }
      if (!ok) return;
      if (!label.empty()) tie_index_[label] = out_->network.ties.size();
      out_->network.ties.push_back(std::move(tie));
    };
    csv_rows::read_rows<Tie>(t, &out_->problems, o_.max_problems, interpret, settle);
  }

  void read_evidence(Table& t) {
    const std::string expected =
        "target,source (optional: locator,quote,url,accessed); target is an actor key, an "
        "instrument key or a tie id";
    if (!t.read_header({Col::kTarget, Col::kSource}, expected, problems())) return;
    for (size_t i = 1; i < t.rows().size(); ++i) {
      const CsvRow& r = t.rows()[i];
      if (!t.check_width(r, problems())) continue;
      RowView v{t, r, problems()};
      std::string target;
      bool ok = v.key(Col::kTarget, &target);
      Evidence e = v.evidence();
      if (e.source.empty()) {
        v.problem(*v.field(Col::kSource),
                  "'source' is empty; cite the document the evidence comes from");
        ok = false;
      }
      if (!ok) continue;
      if (const Defined* d = definition(target)) {
        auto& list = d->type == NodeType::kInstrument ? out_->network.instruments[d->index].evidence
                                                      : out_->network.actors[d->index].evidence;
        list.push_back(std::move(e));
      } else if (auto tt = tie_index_.find(target); tt != tie_index_.end()) {
        out_->network.ties[tt->second].evidence.push_back(std::move(e));
      } else {
        v.problem(*v.field(Col::kTarget),
                  "'" + target +
                      "' is not an actor, instrument or tie id defined in these files; evidence "
                      "attaches to records of the dataset being imported (give the tie an 'id' "
                      "column value to cite it)");
      }
    }
  }

  const CsvImportOptions& o_;
  CsvImportResult* out_;
  std::vector<TableKind> kinds_;
  // The actors and instruments defined, in the order read, and where each key's is.
  std::vector<Defined> defined_;
  KeyTable defined_keys_;
  const KeyIndex* keys_ = nullptr;  // the keys defined, while ties are read
  std::unordered_map<std::string, std::string> tie_labels_;
  std::unordered_map<std::string, size_t> tie_index_;
  struct ParentRef {
    const Table* table;
    CsvField field;
    size_t actor;
  };
  std::vector<ParentRef> parent_refs_;
};

}  // namespace

std::string_view to_string(TableKind k) {
  switch (k) {
    case TableKind::kActors:
      return "actors";
    case TableKind::kInstruments:
      return "instruments";
    case TableKind::kTies:
      return "ties";
    case TableKind::kEvidence:
      return "evidence";
  }
  return "?";
}

namespace {

uint64_t mix(uint64_t x) {
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ull;
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ull;
  return x ^ (x >> 32);
}

// A block's hash: four lanes taking a word each from every 32 bytes (each step a bijection of the
// lane, so two texts that differ in one word differ in that lane), the rest byte by byte.
uint64_t block_hash(std::string_view b) {
  constexpr uint64_t kOdd = 0x9E3779B97F4A7C15ull;
  uint64_t lane[4] = {1, 2, 3, 4};
  size_t i = 0;
  for (; i + 32 <= b.size(); i += 32)
    for (int l = 0; l < 4; ++l) {
      uint64_t w;
      std::memcpy(&w, b.data() + i + 8 * l, 8);
      lane[l] = (lane[l] ^ w) * kOdd;
      lane[l] ^= lane[l] >> 29;
    }
  uint64_t h = b.size();
  for (uint64_t l : lane) h = mix(h ^ l);
  for (; i < b.size(); ++i) h = (h ^ static_cast<unsigned char>(b[i])) * kOdd;
  return mix(h);
}

}  // namespace

std::string content_hash(const std::vector<std::string_view>& files) {
  constexpr size_t kBlock = 1 << 20;
  struct Block {
    size_t file;
    std::string_view bytes;
    uint64_t hash = 0;
  };
  std::vector<Block> blocks;
  for (size_t f = 0; f < files.size(); ++f)
    for (size_t at = 0; at < files[f].size(); at += kBlock)
      blocks.push_back({f, files[f].substr(at, kBlock)});
  on_every_core(blocks.size(), [&](size_t b) { blocks[b].hash = block_hash(blocks[b].bytes); });
  uint64_t hash = mix(files.size());
  for (size_t f = 0, b = 0; f < files.size(); ++f) {
    uint64_t file = mix(files[f].size() + 1);
    for (; b < blocks.size() && blocks[b].file == f; ++b) file = mix(file ^ blocks[b].hash);
    hash = mix(hash ^ file);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

std::string content_hash_of_file(const std::string& path) {
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) return {};
  constexpr size_t kBlock = 1 << 20;  // as content_hash's blocks
  std::string block(kBlock, '\0');
  uint64_t file = mix(static_cast<uint64_t>(size) + 1);
  uintmax_t read = 0;
  while (read < size) {
    in.read(block.data(), static_cast<std::streamsize>(kBlock));
    const size_t n = static_cast<size_t>(in.gcount());
    if (n == 0) return {};
    file = mix(file ^ block_hash(std::string_view(block.data(), n)));
    read += n;
  }
  const uint64_t hash = mix(mix(1) ^ file);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

namespace {
// A cap of 0 would hide every problem and import what is left; it reports one.
CsvImportOptions at_least_one_problem(CsvImportOptions o) {
  o.max_problems = std::max<size_t>(1, o.max_problems);
  return o;
}
}  // namespace

CsvImportResult read_govnet_csv(const std::vector<CsvInput>& inputs,
                                const CsvImportOptions& options) {
  CsvImportResult out;
  Reader(at_least_one_problem(options), &out).read(inputs);
  if (!out.problems.empty()) out.network = Network{};
  return out;
}

CsvImportResult read_govnet_csv(const std::vector<CsvBuffer>& inputs,
                                const CsvImportOptions& options) {
  CsvImportResult out;
  Reader(at_least_one_problem(options), &out).read(inputs);
  if (!out.problems.empty()) out.network = Network{};
  return out;
}

}  // namespace govnet
