// The command line against hostile stores and careless arguments: stored control characters never
// reach a terminal raw, huge stored weights give finite output in every format, messages say
// what is true of the --db path, and imports create no folders and print no report they did not
// store.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <rocksdb/db.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "cli_fixture.h"
#include "govnet/store.h"

namespace govnet::testing {
namespace {

class HostileCli : public Cli {
 protected:
  // A store written through the storage API, which (unlike the importers) takes any text: what
  // a store made by another program, or an older govnet, may hold.
  void store_directly(Network net) {
    ASSERT_TRUE(Store::create(db).ok());
    std::unique_ptr<Store> s;
    ASSERT_TRUE(Store::open(db, Store::Access::kReadWrite, &s).ok());
    ImportSummary sum;
    Result r = s->import_dataset("raw", std::move(net), {}, "", &sum);
    ASSERT_TRUE(r.ok()) << r.message();
  }
  static Actor actor(const std::string& key, const std::string& name) {
    Actor a;
    a.key = key;
    a.name = name;
    return a;
  }
  static Tie tie(const std::string& from, const std::string& to, double weight) {
    Tie t;
    t.from = from;
    t.to = to;
    t.family = Family::kFunding;
    t.weight = weight;
    return t;
  }
};

TEST_F(HostileCli, StoredControlCharactersReachNoTerminalRaw) {
  Network net;
  net.actors = {actor("A", "Alpha\x1b[2J"),
                actor("B",
                      "Beta\xc2\x9b"
                      "31m"),
                actor("C", "Cee")};
  net.ties = {tie("A", "B", 1), tie("B", "C", 1)};
  store_directly(std::move(net));
  Outcome r = run("actors --db " + db);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Alpha\\x1b[2J"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Beta\\u009b31m"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.find("\xc2\x9b"), std::string::npos);
  r = run("centrality --db " + db + " --measure degree");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  // JSON and CSV (piped) keep the exact values.
  r = run("actors --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j[0]["name"], "Alpha\x1b[2J");
  r = run("actors --db " + db + " --format csv");
  EXPECT_NE(r.out.find("Alpha\x1b[2J"), std::string::npos);
  // Messages: an argument echoed in an error is escaped.
  r = run("show --db " + db + " \"$(printf 'no\\033[2Jsuch')\"");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no\\x1b[2Jsuch"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos);
}

// On a terminal (a pseudo-terminal from util-linux's `script`) even csv output is escaped.
TEST_F(HostileCli, EverythingOnATerminalIsEscaped) {
  Network net;
  net.actors = {actor("A", "Alpha\x1b[2J"), actor("B", "Beta")};
  net.ties = {tie("A", "B", 1)};
  store_directly(std::move(net));
  const std::string cmd = "script -qec '" + std::string(GOVNET_BINARY) + " actors --db " + db +
                          " --format csv' /dev/null >" + tmp.path("tty") + " 2>&1";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "script (util-linux) is not installed";
  const std::string shown = slurp(tmp.path("tty"));
  EXPECT_NE(shown.find("Alpha\\x1b[2J"), std::string::npos) << shown;
  EXPECT_EQ(shown.find('\x1b'), std::string::npos) << shown;
  // Piped, the same command writes the exact bytes.
  Outcome r = run("actors --db " + db + " --format csv");
  EXPECT_NE(r.out.find("Alpha\x1b[2J"), std::string::npos) << r.out;
}

TEST_F(HostileCli, ADatasetNameWithAControlCharacterIsRefused) {
  Outcome r =
      run("import --db " + db + " --dataset \"$(printf 'x\\033[2J')\" " + sample + "actors.csv");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("govnet: the dataset name 'x\\x1b[2J' contains the control character "
                       "U+001B (character 2); dataset names are one line of text without control "
                       "characters; give --dataset another name"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(db));
}

TEST_F(HostileCli, HugeStoredWeightsGiveFiniteOutputAndPageRankSumsToOne) {
  Network net;
  net.actors = {actor("A", "Alpha"), actor("B", "Beta"), actor("C", "Cee")};
  net.ties = {tie("A", "B", 1e308), tie("A", "B", 1e308), tie("B", "C", 1e308), tie("C", "A", 1)};
  store_directly(std::move(net));
  Outcome r = run("centrality --db " + db + " --measure pagerank --weight weight --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 3u);
  double sum = 0;
  for (const auto& row : j) sum += row["value"].get<double>();
  EXPECT_NEAR(sum, 1.0, 1e-12);
  r = run("centrality --db " + db + " --measure degree --weight weight --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  for (const auto& row : j) {
    ASSERT_TRUE(row["value"].is_number()) << row;
    EXPECT_TRUE(std::isfinite(row["value"].get<double>())) << row;
  }
  r = run("centrality --db " + db + " --measure degree --weight weight");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("inf"), std::string::npos) << r.out;
}

TEST_F(HostileCli, CsvExportsCannotRunAsSpreadsheetFormulasAndReadBackExactly) {
  std::ofstream(tmp.path("actors.csv")) << "key,name,kind\nA,\"=HYPERLINK(\"\"http://x\"\")\",ngo\n"
                                           "B,@SUM(A1),ngo\nC,''=x,ngo\n";
  std::ofstream(tmp.path("ties.csv")) << "from,to,family,weight\nA,B,funding,2\nB,C,funding,3\n";
  Outcome r = run("import --db " + db + " --dataset f " + tmp.path("actors.csv") + " " +
                  tmp.path("ties.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  r = run("export --db " + db + " --format csv -o " + tmp.path("csvout"));
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string actors = slurp(tmp.path("csvout/actors.csv"));
  EXPECT_NE(actors.find("A,\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << actors;
  EXPECT_NE(actors.find("B,'@SUM(A1)"), std::string::npos) << actors;
  EXPECT_NE(actors.find("C,''=x"), std::string::npos) << actors;
  const std::string again = tmp.path("again.db");
  r = run("import --db " + again + " --dataset f " + tmp.path("csvout/actors.csv") + " " +
          tmp.path("csvout/ties.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  r = run("actors --db " + again + " --format json");
  auto j = nlohmann::json::parse(r.out);
  std::map<std::string, std::string> names;
  for (const auto& a : j) names[a["key"]] = a["name"];
  EXPECT_EQ(names["A"], "=HYPERLINK(\"http://x\")");
  EXPECT_EQ(names["B"], "@SUM(A1)");
  EXPECT_EQ(names["C"], "'=x");
}

TEST_F(HostileCli, GraphExportsSayWhatBecomesOfControlCharacters) {
  std::ofstream(tmp.path("actors.csv"))
      << "key,name,kind,note\nA,Alpha,ngo,\"bell\x07\"\nB,Beta,ngo,\n";
  std::ofstream(tmp.path("ties.csv")) << "from,to,family\nA,B,funding\n";
  Outcome r = run("import --db " + db + " --dataset g " + tmp.path("actors.csv") + " " +
                  tmp.path("ties.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  r = run("export --db " + db + " --format graphml -o " + tmp.path("g.graphml"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("note: 1 value(s) hold control characters XML cannot carry; each such "
                       "character was written as U+FFFD"),
            std::string::npos)
      << r.err;
  EXPECT_NE(slurp(tmp.path("g.graphml")).find("bell\xEF\xBF\xBD"), std::string::npos);
}

TEST_F(HostileCli, MessagesSayWhatTheDbPathIs) {
  std::ofstream(tmp.path("afile.txt")) << "x\n";
  Outcome r = run("actors --db " + tmp.path("afile.txt"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("afile.txt is a file, not a govnet store"), std::string::npos) << r.err;
  r = run("actors --db /");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no govnet store at /: it is a directory of other files"), std::string::npos)
      << r.err;
  load_sample();
  std::filesystem::remove(std::filesystem::path(db) / "CURRENT");
  r = run("actors --db " + db);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("damaged store: " + db + " holds a store's files but no CURRENT file"),
            std::string::npos)
      << r.err;
  r = run("check --repair --db " + db);
  EXPECT_EQ(r.code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("repair: the store had no CURRENT file; made a new manifest"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("is consistent"), std::string::npos) << r.out;
}

TEST_F(HostileCli, AReadOnlyStoreIsCalledReadOnly) {
  load_sample();
  std::filesystem::permissions(tmp.path(), std::filesystem::perms::all);  // for `nobody`
  // As root, permissions do not bind: the write is tried as `nobody` (setpriv, util-linux).
  std::string as = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  for (const auto& e : std::filesystem::recursive_directory_iterator(db))
    std::filesystem::permissions(e.path(), std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::remove);
  std::filesystem::permissions(
      db, std::filesystem::perms::owner_write | std::filesystem::perms::group_write,
      std::filesystem::perm_options::remove);
  std::filesystem::permissions(
      db, std::filesystem::perms::others_read | std::filesystem::perms::others_exec,
      std::filesystem::perm_options::add);
  for (const auto& e : std::filesystem::directory_iterator(db))
    std::filesystem::permissions(e.path(), std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
  std::string cmd = as + std::string(GOVNET_BINARY) + " import --db " + db + " --dataset more " +
                    sample + "actors.csv >" + tmp.path("out") + " 2>" + tmp.path("err");
  int status = std::system(cmd.c_str());
  const std::string err = slurp(tmp.path("err"));
  EXPECT_EQ(WEXITSTATUS(status), 1) << err;
  EXPECT_NE(err.find("the store is read-only: " + db), std::string::npos) << err;
  EXPECT_EQ(err.find("busy"), std::string::npos) << err;
  // Reading still works.
  cmd = as + std::string(GOVNET_BINARY) + " datasets --db " + db + " >" + tmp.path("out") + " 2>" +
        tmp.path("err");
  status = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 0) << slurp(tmp.path("err"));
  std::filesystem::permissions(db, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add);
}

TEST_F(HostileCli, ImportCreatesNoParentFoldersWithoutParents) {
  const std::string deep = tmp.path("a/b/store.db");
  Outcome r = run("import --db " + deep + " --dataset s " + sample + "actors.csv");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("cannot create a store at " + deep + ": the folder " + tmp.path("a/b") +
                       " does not exist; create it, or give --parents to create it with the store"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp.path("a")));
  r = run("import --parents --db " + deep + " --dataset s " + sample + "actors.csv");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(deep + "/CURRENT"));
  // A new store in an existing folder needs nothing more.
  r = run("import --db " + tmp.path("new.db/") + " --dataset s " + sample + "actors.csv");
  EXPECT_EQ(r.code, 0) << r.err;
}

// An import into a new store whose files have problems leaves no store behind.
TEST_F(HostileCli, AFailedFirstImportLeavesNoStore) {
  std::ofstream(tmp.path("actors.csv")) << "key,name,kind\nA,Alpha,nonsense\n";
  Outcome r = run("import --db " + db + " --dataset s " + tmp.path("actors.csv"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("nothing was imported"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db));
  std::filesystem::create_directories(tmp.path("empty.db"));
  r = run("import --db " + tmp.path("empty.db") + " --dataset s " + tmp.path("actors.csv"));
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path("empty.db")));
}

TEST_F(HostileCli, TheReportIsPrintedOnlyForWhatWasStored) {
  load_sample();
  // An import the store refuses at the commit (an index of the store cannot be read) prints no
  // "created ..." report.
  std::vector<std::string> files;
  {
    rocksdb::Options o;
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(o, db, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(o, db, cfs, &handles, &raw).ok());
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == "names") ASSERT_TRUE(raw->Flush({}, handles[i]).ok());
    }
    std::vector<rocksdb::LiveFileMetaData> live;
    raw->GetLiveFilesMetaData(&live);
    for (const auto& f : live)
      if (f.column_family_name == "names") files.push_back(f.db_path + "/" + f.name);
    for (auto* h : handles) ASSERT_TRUE(raw->DestroyColumnFamilyHandle(h).ok());
    ASSERT_TRUE(raw->Close().ok());
    delete raw;
  }
  ASSERT_FALSE(files.empty());
  for (const auto& path : files) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(40);
    f.write("\xde\xad\xbe\xef\xde\xad\xbe\xef", 8);
  }
  std::ofstream(tmp.path("actors.csv")) << "key,name,kind\nNEW,New one,ngo\n";
  Outcome r = run("import --db " + db + " --dataset more " + tmp.path("actors.csv"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("the store's names index cannot be read (a damaged file); nothing was "
                       "imported: run `govnet check --repair --db " +
                       db + "`"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("created"), std::string::npos) << r.out;
  r = run("check --repair --db " + db);
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("repair: the names index ("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("could not be read; dropped it and rebuilt it from the records"),
            std::string::npos)
      << r.out;
  r = run("import --db " + db + " --dataset more " + tmp.path("actors.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("imported dataset 'more'"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace govnet::testing
