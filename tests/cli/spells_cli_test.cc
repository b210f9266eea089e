// Time end to end: a dynamic GEXF written by networkx at test time imports with its spells, gaps
// are absences at --at, the spells print in `show` and `actors`, viz positions become the saved
// layout, and the export is read back by networkx with its spells, dynamic values and viz.
// Actor tables take start/end and a `spells` cell.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_fixture.h"

namespace govnet::testing {
namespace {

bool write_with_networkx(const std::string& script_path, const std::string& script) {
  std::ofstream(script_path) << script;
  return std::system(("/usr/bin/python3 " + script_path + " 2>/dev/null").c_str()) == 0;
}

// The keys a ranking ranks.
std::set<std::string> ranked(const std::string& json) {
  std::set<std::string> keys;
  for (const auto& row : nlohmann::json::parse(json)) keys.insert(row["key"].get<std::string>());
  return keys;
}

TEST_F(Cli, NetworkxDynamicGexfKeepsSpellsGapsAndVizBothWays) {
  const std::string gexf = tmp.path("dyn.gexf");
  if (!write_with_networkx(tmp.path("make.py"),
                           "import networkx as nx\n"
                           "G = nx.Graph(mode='dynamic')\n"
                           "G.add_node('EASO', label='EASO', spells=[(2001.0, 2004.0), (2008.0, "
                           "None)],\n"
                           "           viz={'position': {'x': 10.0, 'y': -20.0, 'z': 0.0},\n"
                           "                'color': {'r': 255, 'g': 16, 'b': 0, 'a': 1.0}})\n"
                           "G.add_node('IOM', label='IOM', start=1990.0)\n"
                           "G.add_node('FRX', label='Frontex')\n"
                           "G.add_edge('EASO', 'IOM', start=2001.0,\n"
                           "           budget=[(1.5, 2001.0, 2003.0), (4.0, 2004.0, 2010.0)])\n"
                           "G.add_edge('IOM', 'FRX')\n"
                           "nx.write_gexf(G, '" +
                               gexf + "')\n"))
    GTEST_SKIP() << "networkx (Debian's python3-networkx) is not installed";
  Outcome r = run("import --db " + db + " --dataset dyn " + gexf);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("saved the file's positions of 1 node(s) in the layouts full/forceatlas2, "
                       "direct/forceatlas2, two-mode/forceatlas2"),
            std::string::npos)
      << r.out;

  r = run("show EASO --db " + db);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("  actor, other, 2001–2004, 2008–\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("viz_color: #ff1000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("      budget: 1.5 (2001–2003)\n      budget: 4.0 (2004–2010)\n"),
            std::string::npos)
      << r.out;
  r = run("actors --db " + db + " --format csv");
  EXPECT_NE(r.out.find("EASO,EASO,other,,,,\"2001–2004, 2008–\",dyn"), std::string::npos) << r.out;
  r = run("show EASO --db " + db + " --format json");
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["spells"].size(), 2u);
  EXPECT_EQ(j["spells"][1]["start"], "2008");
  EXPECT_EQ(j["spells"][1]["end"], "");

  auto at = [&](const std::string& date) {
    Outcome c = run("centrality --db " + db + " --view direct --format json --at " + date);
    EXPECT_EQ(c.code, 0) << c.err;
    return ranked(c.out);
  };
  EXPECT_EQ(at("2003"), (std::set<std::string>{"EASO", "IOM", "FRX"}));
  EXPECT_EQ(at("2006"), (std::set<std::string>{"IOM", "FRX"}));  // EASO's gap
  EXPECT_EQ(at("2009-06"), (std::set<std::string>{"EASO", "IOM", "FRX"}));
  EXPECT_EQ(at("1985"), (std::set<std::string>{}));  // only FRX is undated, and alone

  const std::string out = tmp.path("out.gexf");
  r = run("export --db " + db + " --format gexf -o " + out);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string read_back = tmp.path("read.json");
  ASSERT_TRUE(write_with_networkx(
      tmp.path("read.py"),
      "import json, networkx as nx\n"
      "G = nx.read_gexf('" +
          out +
          "')\n"
          "n = G.nodes['EASO']\n"
          "e = G.edges['EASO', 'IOM']\n"
          "json.dump({'spells': n['spells'], 'viz': n['viz'], 'label': n['label'],\n"
          "           'iom_start': G.nodes['IOM']['start'], 'budget': e['budget'],\n"
          "           'edge_start': e['start'], 'mode': G.graph['mode']},\n"
          "          open('" +
          read_back + "', 'w'))\n"));
  auto back = nlohmann::json::parse(slurp(read_back));
  EXPECT_EQ(back["mode"], "dynamic");
  EXPECT_EQ(back["label"], "EASO");
  EXPECT_EQ(back["spells"],
            nlohmann::json::parse(R"([["2001-01-01", "2004-12-31"], ["2008-01-01", "None"]])"));
  EXPECT_EQ(back["iom_start"], "1990-01-01");
  EXPECT_EQ(back["edge_start"], "2001-01-01");
  EXPECT_EQ(back["budget"], nlohmann::json::parse(R"([["1.5", "2001-01-01", "2003-12-31"],
                                      ["4.0", "2004-01-01", "2010-12-31"]])"));
  EXPECT_EQ(back["viz"]["color"]["r"], 255);
  EXPECT_EQ(back["viz"]["color"]["g"], 16);
  EXPECT_EQ(back["viz"]["color"]["b"], 0);
  // The saved layout holds the file's position, and the export writes it as it came.
  EXPECT_EQ(back["viz"]["position"]["x"], 10.0);
  EXPECT_EQ(back["viz"]["position"]["y"], -20.0);
}

TEST_F(Cli, ActorTablesTakeStartEndAndSpellCells) {
  const std::string dir = tmp.path("t/");
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "actors.csv") << "key,name,kind,start,end,spells\n"
                                       "EASO,European Asylum Support Office,eu_agency,2011,2021,\n"
                                       "MDA,Moldova,state,,,\"1991-1995;2001-\"\n"
                                       "IOM,IOM,international_org,,,\n";
  std::ofstream(dir + "ties.csv") << "from,to,family,spells\n"
                                     "MDA,IOM,cooperation,2002-2004;2009\n";
  Outcome r = run("import --db " + db + " --dataset t " + dir + "actors.csv " + dir + "ties.csv");
  ASSERT_EQ(r.code, 0) << r.err;
  r = run("show MDA --db " + db);
  EXPECT_NE(r.out.find("  actor, state, 1991–1995, 2001–\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cooperation, 2002–2004, 2009–2009"), std::string::npos) << r.out;
  r = run("show EASO --db " + db);
  EXPECT_NE(r.out.find("eu_agency, 2011–2021\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("start:"), std::string::npos) << r.out;  // not an attribute as well
  auto ties_at = [&](const std::string& date) {
    Outcome s = run("stats --db " + db + " --format json --at " + date);
    EXPECT_EQ(s.code, 0) << s.err;
    return nlohmann::json::parse(s.out)["direct view"]["links"].get<int>();
  };
  EXPECT_EQ(ties_at("2003"), 1);
  EXPECT_EQ(ties_at("2006"), 0);  // the tie's gap
  EXPECT_EQ(ties_at("2009-05"), 1);

  // A spell that is not one is refused where it is, and nothing changes.
  std::ofstream(dir + "actors.csv") << "key,name,kind,spells\n"
                                       "MDA,Moldova,state,\"1991-1995;from 2001\"\n";
  Outcome before = run("actors --db " + db + " --format csv");
  r = run("import --db " + db + " --dataset t " + dir + "actors.csv");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("actors.csv:2:19: bad spells: 'from 2001' is not a spell"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(run("actors --db " + db + " --format csv").out, before.out);
}

}  // namespace
}  // namespace govnet::testing
