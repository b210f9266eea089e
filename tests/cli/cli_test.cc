// End-to-end tests: run the real `govnet` binary on real files and a real store.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "../storage/rocks_patch.h"
#include "../storage/temp_dir.h"
#include "cli_fixture.h"
#include "govnet/store.h"

namespace {

using govnet::testing::Cli;
using govnet::testing::Outcome;
using govnet::testing::slurp;
using govnet::testing::TempDir;

TEST_F(Cli, InitImportListRemove) {
  Outcome r = run("init --db " + db);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created an empty govnet store"), std::string::npos);
  load_sample();
  r = run("datasets --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["name"], "sample");
  EXPECT_GT(j[0]["ties"].get<int>(), 50);
  EXPECT_EQ(j[0]["evidence"].get<int>() > j[0]["ties"].get<int>(), true);

  // Importing under the same name replaces, and says so.
  r = run("import --db " + db + " --dataset sample " + sample + "actors.csv " + sample +
          "instruments.csv " + sample + "ties.csv " + sample + "evidence.csv");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("replaced dataset 'sample'"), std::string::npos) << r.out;

  r = run("datasets remove sample --db " + db);
  EXPECT_EQ(r.code, 0) << r.err;
  r = run("stats --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["store"]["actors"], 0);
  EXPECT_EQ(j["store"]["ties"], 0);
  r = run("datasets remove sample --db " + db);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no dataset named 'sample'"), std::string::npos);
}

TEST_F(Cli, RejectedImportReportsPositionsAndChangesNothing) {
  load_sample();
  Outcome before = run("stats --db " + db + " --format json");
  std::string data = src + "/tests/data/csv/";
  Outcome r = run("import --db " + db + " --dataset broken " + data + "bad_actors.csv " + data +
                  "bad_instruments.csv");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("bad_actors.csv:3:23: unknown actor kind 'intl_org'"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("bad_instruments.csv:2:41: bad start date"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was imported and the store is unchanged"), std::string::npos);
  // Redefining a key that the sample owns is refused at its position too.
  std::ofstream(tmp.path("actors.csv"))
      << "key,name,kind\nNEW,New actor,ngo\nIOM,IOM again,international_org\n";
  r = run("import --db " + db + " --dataset other " + tmp.path("actors.csv"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("actors.csv:3:1: key 'IOM' is already defined by another dataset"),
            std::string::npos)
      << r.err;
  Outcome after = run("stats --db " + db + " --format json");
  EXPECT_EQ(after.out, before.out);
}

TEST_F(Cli, UsageErrorsExitTwoAndHelpExitsZero) {
  EXPECT_EQ(run("--no-such-flag").code, 2);
  EXPECT_EQ(run("").code, 2);
  load_sample();
  Outcome r = run("centrality --db " + db + " --measure fame");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown --measure 'fame'"), std::string::npos);
  EXPECT_EQ(run("centrality --db " + db + " --family fundin").code, 2);
  EXPECT_EQ(run("centrality --db " + db + " --at 2009-13").code, 2);
  EXPECT_EQ(run("centrality --db " + db + " --at 2009 --from 2008").code, 2);
  for (const char* cmd : {"init", "import", "datasets", "stats", "actors", "instruments", "show",
                          "neighbors", "path", "centrality"}) {
    r = run(std::string(cmd) + " --help");
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_NE(r.out.find("--db"), std::string::npos) << cmd;
  }
  r = run("show --db " + tmp.path("missing.db") + " IOM");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("govnet init"), std::string::npos);
}

TEST_F(Cli, CentralityMatchesPublishedValuesAndIsDeterministic) {
  std::string f = src + "/tests/data/florentine/";
  Outcome r =
      run("import --db " + db + " --dataset florentine " + f + "actors.csv " + f + "ties.csv");
  ASSERT_EQ(r.code, 0) << r.err;
  r = run("centrality --db " + db + " --measure betweenness --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 15u);
  // networkx's published normalized betweenness for the Florentine families.
  EXPECT_EQ(j[0]["key"], "MEDICI");
  EXPECT_EQ(j[0]["name"], "Medici");
  EXPECT_NEAR(j[0]["value"].get<double>(), 0.522, 1e-3);
  EXPECT_EQ(j[1]["key"], "GUADAGNI");
  EXPECT_NEAR(j[1]["value"].get<double>(), 0.255, 1e-3);
  r = run("centrality --db " + db + " --measure closeness --format csv --top 1");
  EXPECT_EQ(r.out, "rank,key,name,type,kind,value\n1,MEDICI,Medici,actor,other,0.56\n");
  Outcome again = run("centrality --db " + db + " --measure betweenness --format json");
  Outcome third = run("centrality --db " + db + " --measure betweenness --format json --threads 1");
  EXPECT_EQ(again.out, third.out);
  Outcome pr1 = run("centrality --db " + db + " --measure pagerank --mode directed --weight count");
  Outcome pr2 = run("centrality --db " + db + " --measure pagerank --mode directed --weight count");
  EXPECT_EQ(pr1.out, pr2.out);
  EXPECT_EQ(pr1.code, 0) << pr1.err;
}

// --threads is one option of every command, documented in each --help; one thread gives the
// output every core gives.
TEST_F(Cli, EveryCommandTakesThreads) {
  Outcome r = run("import --db " + db + " --threads 1 --dataset sample " + sample + "actors.csv " +
                  sample + "instruments.csv " + sample + "ties.csv " + sample + "evidence.csv");
  ASSERT_EQ(r.code, 0) << r.err;
  for (const std::string command :
       {"stats", "centrality --measure betweenness", "centrality --measure closeness",
        "centrality --measure pagerank", "neighbors IOM --depth 2", "path FRONTEX MDA"}) {
    Outcome all = run(command + " --db " + db);
    Outcome one = run(command + " --db " + db + " --threads 1");
    ASSERT_EQ(all.code, 0) << command << ": " << all.err;
    EXPECT_EQ(all.out, one.out) << command;
  }
  for (const std::string command : {"import", "stats", "centrality", "export", "view", "check"}) {
    Outcome help = run(command + " --help");
    EXPECT_EQ(help.code, 0) << command;
    EXPECT_NE(help.out.find("--threads"), std::string::npos) << command << ": " << help.out;
  }
}

TEST_F(Cli, QueriesOnTheSample) {
  load_sample();
  Outcome r = run("actors --db " + db + " --search MOLDOVA --format csv");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("key,", 0), 0u);
  EXPECT_NE(r.out.find("\nMDA,Moldova,state,MDA,"), std::string::npos) << r.out;
  r = run("actors --db " + db + " --search soderkoping");  // written Söderköping
  EXPECT_NE(r.out.find("Söderköping Process"), std::string::npos) << r.out;
  r = run("actors --db " + db + " --search euaa --format json");  // an alias
  EXPECT_EQ(nlohmann::json::parse(r.out)[0]["key"], "EASO");

  r = run("show MP-MDA --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["start"], "2008");
  EXPECT_EQ(j["status"], "signed");
  std::set<std::string> parties;
  for (auto& t : j["ties"]) parties.insert(t["other"].get<std::string>());
  EXPECT_TRUE(parties.count("MDA") && parties.count("EU-COM") && parties.count("ITA"));
  EXPECT_NE(j["evidence"][0]["quote"].get<std::string>().find("Moldova (2008)"), std::string::npos);
  r = run("show iom --db " + db);  // case-insensitive name match
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("secretariat"), std::string::npos);

  r = run("neighbors IOM --depth 2 --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  bool reached_mp_geo = false;
  for (auto& n : j) reached_mp_geo |= n["key"] == "MP-GEO" && n["distance"] == 2;
  EXPECT_TRUE(reached_mp_geo);

  r = run("path FRONTEX MDA --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.front()["key"], "FRONTEX");
  EXPECT_EQ(j.back()["key"], "MDA");
  for (size_t i = 1; i < j.size(); ++i) EXPECT_FALSE(j[i]["tie"].get<std::string>().empty());

  r = run("centrality --db " + db +
          " --measure betweenness --view projection --family agreement,dialogue --from 2005 --to "
          "2012 --top 10");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("projection view"), std::string::npos);
  r = run("centrality --db " + db +
          " --measure pagerank --mode directed --weight amount --family funding --format json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(nlohmann::json::parse(r.out).is_array());
  r = run("centrality --db " + db + " --measure degree --only actors --format json");
  for (auto& row : nlohmann::json::parse(r.out)) EXPECT_EQ(row["type"], "actor");
}

TEST_F(Cli, CheckAndRepair) {
  load_sample();
  Outcome r = run("check --db " + db);
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("is consistent: 265 records"), std::string::npos) << r.out;
  // Drop the names entry that makes Moldova findable, behind govnet's back.
  std::string entry = govnet::testing::first_key(db, "names", "moldova");
  ASSERT_FALSE(entry.empty());
  govnet::testing::with_column_family(db, "names",
                                      [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
                                        ASSERT_TRUE(d->Delete({}, h, entry).ok());
                                      });
  r = run("check --db " + db);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("names index lacks the entry 'moldova"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("govnet check --repair"), std::string::npos);
  r = run("check --repair --db " + db);
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("rewrote 1 index entries"), std::string::npos) << r.out;
  r = run("actors --search moldova --db " + db + " --format json");
  EXPECT_EQ(nlohmann::json::parse(r.out)[0]["key"], "MDA");
}

// A store of schema 1 (its version set back behind govnet's back; schema 1's records are
// the current schema's) is refused by every other command with what to do; `govnet upgrade`
// brings it to the current schema, and says so again without changing anything.
TEST_F(Cli, UpgradeBringsAnOlderStoreToTheCurrentSchema) {
  load_sample();
  Outcome r = run("upgrade --db " + db);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("is already at schema " + std::to_string(govnet::Store::kSchemaVersion) +
                       "; nothing changed"),
            std::string::npos)
      << r.out;
  govnet::testing::with_column_family(db, "meta",
                                      [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
                                        ASSERT_TRUE(d->Put({}, h, "schema_version", "1").ok());
                                      });
  const std::string refused = "govnet: " + db +
                              " is a govnet store of schema 1; this govnet reads schema " +
                              std::to_string(govnet::Store::kSchemaVersion) +
                              ": run "
                              "`govnet upgrade --db " +
                              db + "` (copy the directory first to keep a backup)\n";
  for (const char* command : {"stats", "check", "check --repair", "show IOM", "datasets"}) {
    r = run(std::string(command) + " --db " + db);
    EXPECT_EQ(r.code, 1) << command;
    EXPECT_EQ(r.err, refused) << command;
  }
  r = run("upgrade --db " + db);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("upgraded store " + db + " from schema 1 to schema " +
                       std::to_string(govnet::Store::kSchemaVersion) + " in one atomic write"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("from 265 records"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("backup"), std::string::npos) << r.out;
  r = run("check --db " + db);
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  r = run("upgrade --db " + db);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("nothing changed"), std::string::npos) << r.out;
  govnet::testing::with_column_family(
      db, "meta", [&](rocksdb::DB* d, rocksdb::ColumnFamilyHandle* h) {
        ASSERT_TRUE(
            d->Put({}, h, "schema_version", std::to_string(govnet::Store::kSchemaVersion + 1))
                .ok());
      });
  r = run("upgrade --db " + db);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("written by a newer govnet (store schema " +
                       std::to_string(govnet::Store::kSchemaVersion + 1)),
            std::string::npos)
      << r.err;
  r = run("upgrade --db " + tmp.path("nothing"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no govnet store at"), std::string::npos) << r.err;
  r = run("upgrade --db " + db + " --bogus");
  EXPECT_EQ(r.code, 2);
  r = run("upgrade --help");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("copy the directory first to keep a backup"), std::string::npos) << r.out;
}

TEST_F(Cli, SecondWriterIsToldTheStoreIsBusy) {
  load_sample();
  // A child process opens the store for writing (as a long import would) and holds it until
  // told to stop; the pipe says when it holds the lock.
  int ready[2], stop[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(stop), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::unique_ptr<govnet::Store> s;
    char c = govnet::Store::open(db, govnet::Store::Access::kReadWrite, &s).ok() ? 'y' : 'n';
    if (write(ready[1], &c, 1) != 1) _exit(2);
    if (read(stop[0], &c, 1) != 1) _exit(2);
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  Outcome w =
      run("import --db " + db + " --dataset more " + src + "/tests/data/florentine/actors.csv");
  EXPECT_EQ(w.code, 1);
  EXPECT_NE(w.err.find("is busy: another govnet process is writing to it"), std::string::npos)
      << w.err;
  w = run("datasets remove sample --db " + db);
  EXPECT_EQ(w.code, 1);
  EXPECT_NE(w.err.find("busy"), std::string::npos) << w.err;
  // Readers work meanwhile.
  Outcome q = run("datasets --db " + db + " --format json");
  EXPECT_EQ(q.code, 0) << q.err;
  EXPECT_EQ(nlohmann::json::parse(q.out).size(), 1u);
  q = run("centrality --db " + db + " --measure betweenness --top 3");
  EXPECT_EQ(q.code, 0) << q.err;
  ASSERT_EQ(write(stop[1], "x", 1), 1);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // Once the writer is gone, writing works again.
  w = run("import --db " + db + " --dataset more " + src + "/tests/data/florentine/actors.csv");
  EXPECT_EQ(w.code, 0) << w.err;
}

}  // namespace

// A network large enough for sampling to pay: 3,000 actors tied by preferential attachment.
TEST_F(Cli, ApproximateBetweennessStaysWithinItsBound) {
  {
    std::ofstream actors(tmp.path("actors.csv")), ties(tmp.path("ties.csv"));
    actors << "key,name,kind\n";
    ties << "from,to,family\n";
    std::vector<int> ends = {0, 1};
    uint64_t x = 88172645463325252ull;  // xorshift: the same network on every run
    auto next = [&] {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      return x;
    };
    for (int v = 0; v < 3000; ++v) actors << "a" << v << ",Actor " << v << ",ngo\n";
    ties << "a0,a1,cooperation\n";
    for (int v = 2; v < 3000; ++v)
      for (int k = 0; k < 2; ++k) {
        int u = ends[next() % ends.size()];
        if (u == v) continue;
        ties << "a" << v << ",a" << u << ",cooperation\n";
        ends.push_back(u);
        ends.push_back(v);
      }
  }
  Outcome r = run("import --db " + db + " --dataset pa " + tmp.path("actors.csv") + " " +
                  tmp.path("ties.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  Outcome exact = run("centrality --db " + db + " --measure betweenness --format json");
  Outcome approx =
      run("centrality --db " + db + " --measure betweenness --epsilon 0.02 --format json");
  ASSERT_EQ(exact.code, 0) << exact.err;
  ASSERT_EQ(approx.code, 0) << approx.err;
  EXPECT_NE(approx.err.find("sampled shortest paths: each value within 0.02"), std::string::npos)
      << approx.err;
  std::map<std::string, double> want;
  for (const auto& row : nlohmann::json::parse(exact.out)) want[row["key"]] = row["value"];
  auto got = nlohmann::json::parse(approx.out);
  ASSERT_EQ(got.size(), want.size());
  for (const auto& row : got)
    EXPECT_NEAR(row["value"].get<double>(), want[row["key"]], 0.02 * 3000 / 2998) << row["key"];
  r = run("centrality --db " + db + " --measure pagerank --epsilon 0.02");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--epsilon and --delta apply to --measure betweenness only"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(run("centrality --db " + db + " --measure betweenness --epsilon 2").code, 2);
}

// networkx numbers nodes 0..n-1 in GraphML and GML alike: two such files are two datasets side
// by side, each with its own actors, unless the import asks to match.
TEST_F(Cli, GraphFilesWithCollidingIdsImportSideBySide) {
  std::ofstream(tmp.path("make.py"))
      << "import networkx as nx\n"
      << "nx.write_graphml(nx.path_graph(5), '" << tmp.path("path.graphml") << "')\n"
      << "nx.write_gml(nx.star_graph(3), '" << tmp.path("star.gml") << "')\n";
  if (std::system(("/usr/bin/python3 " + tmp.path("make.py") + " 2>/dev/null").c_str()) != 0)
    GTEST_SKIP() << "networkx (Debian's python3-networkx) is not installed";
  Outcome r = run("import --db " + db + " " + tmp.path("path.graphml"));
  ASSERT_EQ(r.code, 0) << r.err;
  r = run("import --db " + db + " " + tmp.path("star.gml"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created 4 actors, 0 instruments, 3 ties"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("merged 0 into existing records; renamed 4 node id(s) taken by another "
                       "dataset"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("(e.g. '0' became 'star:0')"), std::string::npos) << r.out;
  auto stats = [&] {
    Outcome s = run("stats --db " + db + " --format json");
    EXPECT_EQ(s.code, 0) << s.err;
    auto j = nlohmann::json::parse(s.out);
    return std::make_pair(j["store"]["actors"].get<int>(), j["store"]["ties"].get<int>());
  };
  EXPECT_EQ(stats(), std::make_pair(9, 7));
  // The star's centre has its three leaves; the path's node 0 keeps its one neighbour.
  r = run("neighbors star:0 --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 3u) << r.out;
  r = run("neighbors 0 --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 1u) << r.out;

  // Matching by key links the star to the path's actors: no new actors, three more ties.
  r = run("import --db " + db + " --dataset star-on-path --match key " + tmp.path("star.gml"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created 0 actors, 0 instruments, 3 ties"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("merged 4 into existing records (matched by key)"), std::string::npos)
      << r.out;
  EXPECT_EQ(stats(), std::make_pair(9, 10));

  // By name, "0" is both the path's actor 0 and the star's star:0: refused, store unchanged.
  Outcome before = run("stats --db " + db + " --format json");
  r = run("import --db " + db + " --dataset by-name --match name " + tmp.path("star.gml"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("star.gml:2:3: node '0' ('0') matches several actors (0, star:0) by name"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("nothing was imported and the store is unchanged"), std::string::npos);
  EXPECT_EQ(run("stats --db " + db + " --format json").out, before.out);
  EXPECT_EQ(run("import --db " + db + " --match nickname " + tmp.path("star.gml")).code, 2);
}

// A mapped table saved by openpyxl as .xlsx imports like its CSV; a sheet that is not there is
// refused with the sheets that are, and the store is unchanged.
TEST_F(Cli, MappedWorkbookImportsLikeItsCsv) {
  const std::string maps = src + "/samples/mappings/";
  std::string cmd = "/usr/bin/python3 " + src + "/tests/data/spreadsheets/write_workbooks.py " +
                    tmp.path() + " " + maps + "trust-fund-projects.csv 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "python3-openpyxl or python3-odf missing";
  Outcome csv = run("import --db " + tmp.path("a.db") + " --create-missing --map " + maps +
                    "trust-fund-projects.toml " + maps + "trust-fund-projects.csv");
  ASSERT_EQ(csv.code, 0) << csv.err;
  Outcome xlsx = run("import --db " + db + " --create-missing --map " + maps +
                     "trust-fund-projects.toml " + tmp.path("trust-fund-projects.xlsx"));
  ASSERT_EQ(xlsx.code, 0) << xlsx.err;
  EXPECT_EQ(xlsx.out.substr(0, xlsx.out.find('\n')), csv.out.substr(0, csv.out.find('\n')));
  Outcome before = run("stats --db " + db + " --format json");
  Outcome r = run("import --db " + db + " --dataset other --sheet Projects --map " + maps +
                  "trust-fund-projects.toml " + tmp.path("trust-fund-projects.ods"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("trust-fund-projects.ods: the workbook has no sheet 'Projects' (it has "
                       "'trust-fund-projects')"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(run("stats --db " + db + " --format json").out, before.out);
}

// The content decides when the name is only a hint: GEXF named .xml is read as GEXF; a clash is
// an error naming the format to give; --max-problems 0 is refused and changes nothing.
TEST_F(Cli, FormatFromContentAndMaxProblems) {
  const std::string gexf = src + "/tests/data/interchange/networkx.gexf";
  std::ofstream(tmp.path("dynamic.xml")) << slurp(gexf);
  std::ofstream(tmp.path("mislabelled.graphml")) << slurp(gexf);
  std::ofstream(tmp.path("network.txt")) << slurp(src + "/tests/data/interchange/networkx.gml");
  Outcome r = run("import --db " + db + " " + tmp.path("dynamic.xml"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created 3 actors, 0 instruments, 2 ties"), std::string::npos) << r.out;
  Outcome before = run("stats --db " + db + " --format json");
  r = run("import --db " + db + " " + tmp.path("mislabelled.graphml"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("mislabelled.graphml: this looks like GEXF, not GraphML as its name says; "
                       "use --format gexf"),
            std::string::npos)
      << r.err;
  r = run("import --db " + db + " " + tmp.path("network.txt"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("network.txt: this looks like GML; use --format gml"), std::string::npos)
      << r.err;
  r = run("import --db " + db + " --dataset dynamic --max-problems 0 " + tmp.path("dynamic.xml"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--max-problems must be 1 or more"), std::string::npos) << r.err;
  EXPECT_EQ(run("stats --db " + db + " --format json").out, before.out);
  r = run("import --db " + db + " --format gml " + tmp.path("network.txt"));
  EXPECT_EQ(r.code, 0) << r.err;
}
