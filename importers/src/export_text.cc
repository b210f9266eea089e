// Node-link JSON, Pajek and govnet CSV writers for an ExportGraph / a view.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

#include "govnet/graph_export.h"
#include "values.h"

namespace govnet {
namespace {

nlohmann::json value_of(const ExportColumn& c, const std::string& v) {
  if (c.numeric) {
    if (auto x = values::number(v)) return *x;
  }
  return v;
}

// A CSV cell, quoted (RFC 4180) when it holds a comma, quote, line break or edge spaces, and
// safe from running as a spreadsheet formula (values::to_spreadsheet_text).
std::string csv_cell(const std::string& text) {
  const std::string v = values::to_spreadsheet_text(text);
  if (v.find_first_of(",\"\r\n") == std::string::npos &&
      (v.empty() || (v.front() != ' ' && v.back() != ' ')))
    return v;
  std::string q = "\"";
  for (char c : v) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

using Rows = std::vector<std::vector<std::string>>;

// Appends the records' attribute names to the header, in order of first appearance.
template <typename Record>
void extra_columns(const std::vector<const Record*>& records, std::vector<std::string>* header) {
  std::set<std::string> have(header->begin(), header->end());
  for (const Record* r : records)
    for (const auto& [k, v] : r->attributes)
      if (have.insert(k).second) header->push_back(k);
}

// Puts attribute values under their columns, past the `fixed` ones.
void fill(const Attributes& attrs, const std::vector<std::string>& header, size_t fixed,
          std::vector<std::string>* row) {
  row->resize(header.size());
  for (const auto& [k, v] : attrs)
    for (size_t i = fixed; i < header.size(); ++i)
      if (header[i] == k) (*row)[i] = v;
}

std::string optional_number(const std::optional<double>& v) {
  return v ? values::number_text(*v) : std::string();
}

// Writes a view as govnet CSV tables into one folder; evidence is gathered from every table
// and written last.
class GovnetCsvWriter {
 public:
  GovnetCsvWriter(const Network& net, const AnalysisGraph& view, const std::string& dir,
                  std::string* error, std::vector<std::string>* notes)
      : net_(net), view_(view), dir_(dir), error_(error), notes_(notes) {
    for (uint32_t v = 0; v < view.vertex_count(); ++v) {
      const VertexRef& r = view.vertex(v);
      if (r.is_instrument()) {
        instruments_.push_back(&net.instruments[r.index]);
        keys_.insert(net.instruments[r.index].key);
      } else {
        actors_.push_back(&net.actors[r.index]);
        keys_.insert(net.actors[r.index].key);
      }
    }
  }

  // The files written, in order.
  std::vector<std::string> write() && {
    write_actors();
    if (!instruments_.empty()) write_instruments();
    if (view_.spec().kind == ViewKind::kProjection)
      write_links();
    else
      write_ties();
    if (!evidence_.empty())
      write_table("evidence.csv", {"target", "source", "locator", "quote", "url", "accessed"},
                  evidence_);
    return std::move(files_);
  }

 private:
  void write_table(const std::string& name, const std::vector<std::string>& header,
                   const Rows& rows) {
    std::string path = (std::filesystem::path(dir_) / name).string();
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    for (size_t i = 0; i < header.size(); ++i) f << (i ? "," : "") << csv_cell(header[i]);
    f << "\n";
    for (const auto& r : rows) {
      for (size_t i = 0; i < header.size(); ++i)
        f << (i ? "," : "") << (i < r.size() ? csv_cell(r[i]) : "");
      f << "\n";
    }
    f.close();
    if (!f) *error_ = "cannot write " + path;
    files_.push_back(path);
  }

  void add_evidence(const std::string& target, const std::vector<Evidence>& ev) {
    for (const auto& e : ev)
      evidence_.push_back({target, e.source, e.locator, e.quote, e.url, e.accessed});
  }

  // start, end and spells cells: one spell as start and end, several in `spells`.
  static std::vector<std::string> spell_cells(const Spells& s) {
    if (s.size() > 1) return {"", "", s.to_string()};
    if (s.empty()) return {"", "", ""};
    const Period& p = s.periods[0];
    return {p.start ? p.start->to_string() : "", p.end ? p.end->to_string() : "", ""};
  }

  void write_actors() {
    std::vector<std::string> header{"key",    "name",  "kind", "aliases", "iso3",
                                    "parent", "start", "end",  "spells"};
    extra_columns(actors_, &header);
    Rows rows;
    for (const Actor* a : actors_) {
      std::string aliases;
      for (const auto& al : a->aliases) aliases += (aliases.empty() ? "" : "|") + al;
      std::string parent = a->parent;
      if (!parent.empty() && !keys_.count(parent)) {
        notes_->push_back("the parent " + parent + " of " + a->key +
                          " is outside the view; 'parent' was left empty");
        parent.clear();
      }
      std::vector<std::string> row{a->key,  a->name, std::string(to_string(a->kind)),
                                   aliases, a->iso3, parent};
      for (auto& cell : spell_cells(a->spells)) row.push_back(std::move(cell));
      fill(a->attributes, header, 9, &row);
      rows.push_back(std::move(row));
      add_evidence(a->key, a->evidence);
    }
    write_table("actors.csv", header, rows);
  }

  void write_instruments() {
    std::vector<std::string> header{"key", "name", "kind", "start", "end", "status", "spells"};
    extra_columns(instruments_, &header);
    Rows rows;
    for (const Instrument* x : instruments_) {
      std::vector<std::string> row{
          x->key,
          x->name,
          std::string(to_string(x->kind)),
          spell_cells(x->spells)[0],
          spell_cells(x->spells)[1],
          x->status == Status::kUnknown ? "" : std::string(to_string(x->status)),
          spell_cells(x->spells)[2]};
      fill(x->attributes, header, 7, &row);
      rows.push_back(std::move(row));
      add_evidence(x->key, x->evidence);
    }
    write_table("instruments.csv", header, rows);
  }

  // A projection is derived: its links are actor pairs with the instruments they share.
  void write_links() {
    Rows rows;
    for (const Link& l : view_.links()) {
      std::string shared;
      for (uint32_t i : l.instruments)
        shared += (shared.empty() ? "" : "|") + net_.instruments[i].key;
      rows.push_back({net_.actors[view_.vertex(l.from).index].key,
                      net_.actors[view_.vertex(l.to).index].key,
                      std::to_string(l.instruments.size()), shared});
    }
    write_table("links.csv", {"from", "to", "shared", "instruments"}, rows);
    notes_->push_back(
        "a projection is derived data: links.csv lists the actor pairs and the instruments they "
        "share; import the two-mode view to get records back");
  }

  void write_ties() {
    std::vector<const Tie*> ties;
    for (const Link& l : view_.links())
      for (uint32_t t : l.ties) ties.push_back(&net_.ties[t]);
    std::vector<std::string> header{"id",       "from",   "to",     "family",   "role",
                                    "directed", "weight", "amount", "currency", "start",
                                    "end",      "status", "spells"};
    extra_columns(ties, &header);
    Rows rows;
    for (const Tie* t : ties) {
      // Ties without an id get one, so their evidence can cite them in evidence.csv.
      std::string id = export_tie_id(*t);
      std::vector<std::string> row{
          id,
          t->from,
          t->to,
          std::string(to_string(t->family)),
          t->role,
          t->directed ? "true" : "false",
          optional_number(t->weight),
          optional_number(t->amount),
          t->currency,
          spell_cells(t->spells)[0],
          spell_cells(t->spells)[1],
          t->status == Status::kUnknown ? "" : std::string(to_string(t->status)),
          spell_cells(t->spells)[2]};
      fill(t->attributes, header, 13, &row);
      rows.push_back(std::move(row));
      add_evidence(id, t->evidence);
    }
    write_table("ties.csv", header, rows);
  }

  const Network& net_;
  const AnalysisGraph& view_;
  const std::string& dir_;
  std::string* error_;
  std::vector<std::string>* notes_;
  std::vector<const Actor*> actors_;
  std::vector<const Instrument*> instruments_;
  std::set<std::string> keys_;  // of every record in the view
  Rows evidence_;
  std::vector<std::string> files_;
};

}  // namespace

void write_node_link_json(const ExportGraph& g, std::ostream& out) {
  nlohmann::json j;
  j["directed"] = g.all_directed;
  j["multigraph"] = g.multigraph;
  j["graph"] = nlohmann::json::object();
  if (!g.description.empty()) j["graph"]["description"] = g.description;
  auto& nodes = j["nodes"] = nlohmann::json::array();
  for (const auto& n : g.nodes) {
    nlohmann::json o{{"id", n.key}};
    for (size_t i = 0; i < n.values.size(); ++i)
      if (n.values[i]) o[g.node_columns[i].name] = value_of(g.node_columns[i], *n.values[i]);
    if (n.position) {
      o["x"] = n.position->first;
      o["y"] = n.position->second;
    }
    nodes.push_back(std::move(o));
  }
  auto& links = j["links"] = nlohmann::json::array();
  for (const auto& e : g.edges) {
    nlohmann::json o{{"source", e.source}, {"target", e.target}, {"id", e.id}};
    if (g.multigraph) o["key"] = e.id;
    for (size_t i = 0; i < e.values.size(); ++i)
      if (e.values[i]) o[g.edge_columns[i].name] = value_of(g.edge_columns[i], *e.values[i]);
    links.push_back(std::move(o));
  }
  out << j.dump(1) << "\n";
}

void write_pajek(const ExportGraph& g, std::ostream& out) {
  auto quoted = [](std::string s) {
    std::replace(s.begin(), s.end(), '"', '\'');
    std::replace(s.begin(), s.end(), '\n', ' ');
    return "\"" + s + "\"";
  };
  std::unordered_map<std::string, size_t> number;
  out << "*Vertices " << g.nodes.size();
  if (g.two_mode && g.actor_count > 0 && g.actor_count < g.nodes.size())
    out << " " << g.actor_count;
  out << "\n";
  // Pajek coordinates lie in [0, 1].
  float minx = 0, maxx = 0, miny = 0, maxy = 0;
  bool any = false;
  for (const auto& n : g.nodes)
    if (n.position) {
      if (!any) {
        minx = maxx = n.position->first;
        miny = maxy = n.position->second;
        any = true;
      }
      minx = std::min(minx, n.position->first);
      maxx = std::max(maxx, n.position->first);
      miny = std::min(miny, n.position->second);
      maxy = std::max(maxy, n.position->second);
    }
  float span = std::max({maxx - minx, maxy - miny, 1e-9f});
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const auto& n = g.nodes[i];
    number[n.key] = i + 1;
    out << i + 1 << " " << quoted(n.key);
    if (n.position) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " %.4f %.4f 0.0",
                    0.05 + 0.9 * (n.position->first - minx) / span,
                    0.05 + 0.9 * (n.position->second - miny) / span);
      out << buf;
    }
    out << "\n";
  }
  for (int directed = 1; directed >= 0; --directed) {
    bool header = false;
    for (const auto& e : g.edges) {
      if (e.directed != (directed == 1)) continue;
      if (!header) out << (directed ? "*Arcs\n" : "*Edges\n");
      header = true;
      char w[32];
      std::snprintf(w, sizeof w, "%.9g", e.weight);
      out << number[e.source] << " " << number[e.target] << " " << w << "\n";
    }
  }
}

std::vector<std::string> write_govnet_csv_dir(const Network& net, const AnalysisGraph& view,
                                              const std::string& dir, std::string* error,
                                              std::vector<std::string>* notes) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    *error = "cannot create the folder " + dir + ": " + ec.message();
    return {};
  }
  std::vector<std::string> files = GovnetCsvWriter(net, view, dir, error, notes).write();
  return error->empty() ? files : std::vector<std::string>{};
}

}  // namespace govnet
