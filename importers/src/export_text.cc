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
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    *error = "cannot create the folder " + dir + ": " + ec.message();
    return {};
  }
  auto cell = [](const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos &&
        (v.empty() || (v.front() != ' ' && v.back() != ' ')))
      return v;
    std::string q = "\"";
    for (char c : v) {
      if (c == '"') q += '"';
      q += c;
    }
    return q + "\"";
  };
  auto write_table = [&](const std::string& name, const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows) -> std::string {
    std::string path = (fs::path(dir) / name).string();
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    for (size_t i = 0; i < header.size(); ++i) f << (i ? "," : "") << cell(header[i]);
    f << "\n";
    for (const auto& r : rows) {
      for (size_t i = 0; i < header.size(); ++i)
        f << (i ? "," : "") << (i < r.size() ? cell(r[i]) : "");
      f << "\n";
    }
    f.close();
    if (!f) *error = "cannot write " + path;
    return path;
  };
  // Extra attribute columns in order of first appearance.
  auto extra_columns = [](const auto& records, std::vector<std::string>* header) {
    std::set<std::string> have(header->begin(), header->end());
    for (const auto* r : records)
      for (const auto& [k, v] : r->attributes)
        if (have.insert(k).second) header->push_back(k);
  };
  auto fill = [](const Attributes& attrs, const std::vector<std::string>& header, size_t fixed,
                 std::vector<std::string>* row) {
    row->resize(header.size());
    for (const auto& [k, v] : attrs)
      for (size_t i = fixed; i < header.size(); ++i)
        if (header[i] == k) (*row)[i] = v;
  };
  std::vector<const Actor*> actors;
  std::vector<const Instrument*> instruments;
  std::set<std::string> keys;
  for (uint32_t v = 0; v < view.vertex_count(); ++v) {
    const VertexRef& r = view.vertex(v);
    if (r.is_instrument()) {
      instruments.push_back(&net.instruments[r.index]);
      keys.insert(net.instruments[r.index].key);
    } else {
      actors.push_back(&net.actors[r.index]);
      keys.insert(net.actors[r.index].key);
    }
  }
  std::vector<std::string> files;
  std::vector<std::vector<std::string>> evidence;
  auto add_evidence = [&](const std::string& target, const std::vector<Evidence>& ev) {
    for (const auto& e : ev)
      evidence.push_back({target, e.source, e.locator, e.quote, e.url, e.accessed});
  };

  std::vector<std::string> ah{"key", "name", "kind", "aliases", "iso3", "parent"};
  extra_columns(actors, &ah);
  std::vector<std::vector<std::string>> rows;
  for (const Actor* a : actors) {
    std::string aliases;
    for (const auto& al : a->aliases) aliases += (aliases.empty() ? "" : "|") + al;
    std::string parent = a->parent;
    if (!parent.empty() && !keys.count(parent)) {
      notes->push_back("the parent " + parent + " of " + a->key +
                       " is outside the view; 'parent' was left empty");
      parent.clear();
    }
    std::vector<std::string> row{a->key,  a->name, std::string(to_string(a->kind)),
                                 aliases, a->iso3, parent};
    fill(a->attributes, ah, 6, &row);
    rows.push_back(std::move(row));
    add_evidence(a->key, a->evidence);
  }
  files.push_back(write_table("actors.csv", ah, rows));

  const bool projection = view.spec().kind == ViewKind::kProjection;
  if (!instruments.empty()) {
    std::vector<std::string> ih{"key", "name", "kind", "start", "end", "status"};
    extra_columns(instruments, &ih);
    rows.clear();
    for (const Instrument* x : instruments) {
      std::vector<std::string> row{
          x->key,
          x->name,
          std::string(to_string(x->kind)),
          x->period.start ? x->period.start->to_string() : "",
          x->period.end ? x->period.end->to_string() : "",
          x->status == Status::kUnknown ? "" : std::string(to_string(x->status))};
      fill(x->attributes, ih, 6, &row);
      rows.push_back(std::move(row));
      add_evidence(x->key, x->evidence);
    }
    files.push_back(write_table("instruments.csv", ih, rows));
  }
  rows.clear();
  if (projection) {
    for (const Link& l : view.links()) {
      std::string shared;
      for (uint32_t i : l.instruments)
        shared += (shared.empty() ? "" : "|") + net.instruments[i].key;
      rows.push_back({net.actors[view.vertex(l.from).index].key,
                      net.actors[view.vertex(l.to).index].key, std::to_string(l.instruments.size()),
                      shared});
    }
    files.push_back(write_table("links.csv", {"from", "to", "shared", "instruments"}, rows));
    notes->push_back(
        "a projection is derived data: links.csv lists the actor pairs and the instruments they "
        "share; import the two-mode view to get records back");
  } else {
    std::vector<const Tie*> ties;
    for (const Link& l : view.links())
      for (uint32_t t : l.ties) ties.push_back(&net.ties[t]);
    std::vector<std::string> th{"id",     "from",   "to",       "family", "role", "directed",
                                "weight", "amount", "currency", "start",  "end",  "status"};
    extra_columns(ties, &th);
    auto num = [](const std::optional<double>& v) {
      return v ? values::number_text(*v) : std::string();
    };
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
          num(t->weight),
          num(t->amount),
          t->currency,
          t->period.start ? t->period.start->to_string() : "",
          t->period.end ? t->period.end->to_string() : "",
          t->status == Status::kUnknown ? "" : std::string(to_string(t->status))};
      fill(t->attributes, th, 12, &row);
      rows.push_back(std::move(row));
      add_evidence(id, t->evidence);
    }
    files.push_back(write_table("ties.csv", th, rows));
  }
  if (!evidence.empty())
    files.push_back(write_table(
        "evidence.csv", {"target", "source", "locator", "quote", "url", "accessed"}, evidence));
  return error->empty() ? files : std::vector<std::string>{};
}

}  // namespace govnet
