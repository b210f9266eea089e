// The command line as people use it: suggestions for slips, --version, -o FILE on every query
// command, numbers checked, one JSON shape per concept, and messages in good English.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include "cli_fixture.h"
#include "govnet/store.h"

namespace {

using govnet::testing::Cli;
using govnet::testing::Outcome;
using govnet::testing::slurp;

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

class Habits : public Cli {
 protected:
  // Three actors; one weighted funding tie with an amount, one cooperation tie with neither.
  void load_weighted() {
    write_file(tmp.path("actors.csv"),
               "key,name,kind,aliases\nA,Alpha,state,Al|Alf\nB,Beta,state,\nC,Gamma,ngo,\n");
    write_file(tmp.path("ties.csv"),
               "from,to,family,directed,weight,amount,currency\n"
               "A,B,funding,yes,2.5,100,EUR\nB,C,cooperation,,,,\n");
    Outcome r = run("import --db " + db + " --dataset w " + tmp.path("actors.csv") + " " +
                    tmp.path("ties.csv"));
    ASSERT_EQ(r.code, 0) << r.err;
  }
};

TEST_F(Habits, MistypedCommandsAndOptionsGetTheNearestName) {
  Outcome r = run("centraliy");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "govnet: unknown command 'centraliy'; did you mean centrality?\n");
  r = run("nieghbors IOM");  // two neighbours swapped
  EXPECT_EQ(r.err, "govnet: unknown command 'nieghbors'; did you mean neighbors?\n");
  r = run("frobnicate");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "govnet: unknown command 'frobnicate'; `govnet --help` lists the commands\n");
  r = run("centrality --db " + db + " --measur betweenness");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "govnet: unknown option '--measur' of `govnet centrality`; did you mean --measure?\n");
  r = run("datasets remove --dbb x name");
  EXPECT_EQ(r.err,
            "govnet: unknown option '--dbb' of `govnet datasets remove`; did you mean --db?\n");
  r = run("stats --db " + db + " --zzzzzz");
  EXPECT_EQ(r.err,
            "govnet: unknown option '--zzzzzz' of `govnet stats`; `govnet stats --help` lists its "
            "options\n");
}

TEST_F(Habits, VersionNamesTheReleaseTheSchemaAndTheRevision) {
  Outcome r = run("--version");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(
      std::regex_match(r.out, std::regex("govnet [0-9]+\\.[0-9]+\\.[0-9]+ \\(store schema " +
                                         std::to_string(govnet::Store::kSchemaVersion) +
                                         ", git ([0-9a-f]{12}(-dirty)?|unknown)\\)\n")))
      << r.out;
  EXPECT_NE(run("--help").out.find("--version"), std::string::npos);
}

TEST_F(Habits, OutputFileHoldsExactlyWhatStdoutWould) {
  load_sample();
  for (const std::string command :
       {"datasets", "stats", "actors", "instruments --format csv", "show IOM",
        "show IOM --format json", "neighbors IOM --depth 2", "path FRONTEX MDA",
        "centrality --measure betweenness", "communities", "brokerage --format csv",
        "timeline --from 2000 --to 2010"}) {
    Outcome direct = run(command + " --db " + db);
    ASSERT_EQ(direct.code, 0) << command << ": " << direct.err;
    ASSERT_FALSE(direct.out.empty()) << command;
    const std::string file = tmp.path("written.txt");
    Outcome to_file = run(command + " --db " + db + " -o " + file);
    EXPECT_EQ(to_file.code, 0) << command << ": " << to_file.err;
    EXPECT_EQ(to_file.out, "") << command;
    EXPECT_EQ(slurp(file), direct.out) << command;
    EXPECT_FALSE(std::filesystem::exists(file + ".partial")) << command;
    std::filesystem::remove(file);
  }
  // A folder is refused; a failed command leaves neither the file nor a partial one.
  std::filesystem::create_directory(tmp.path("folder"));
  Outcome r = run("actors --db " + db + " -o " + tmp.path("folder"));
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "govnet: -o " + tmp.path("folder") +
                       " is a folder; give the name of a file to write\n");
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path("folder")));
  r = run("show NOSUCHKEY --db " + db + " --output " + tmp.path("none.txt"));
  EXPECT_EQ(r.code, 1);
  EXPECT_FALSE(std::filesystem::exists(tmp.path("none.txt")));
  EXPECT_FALSE(std::filesystem::exists(tmp.path("none.txt.partial")));
}

TEST_F(Habits, NumbersOutOfRangeAreUsageErrors) {
  load_sample();
  struct Case {
    std::string args, message;
  };
  for (const Case& c : std::vector<Case>{
           {"centrality --top -1", "--top: expected a whole number of 0 or more, not '-1'"},
           {"centrality --top 2x", "--top: expected a whole number of 0 or more, not '2x'"},
           {"brokerage --top -3", "--top: expected a whole number of 0 or more, not '-3'"},
           {"timeline --top -1", "--top: expected a whole number of 0 or more, not '-1'"},
           {"stats --threads 0", "--threads: expected a whole number of 1 or more, not '0'"},
           {"neighbors IOM --depth 0", "--depth: expected a whole number of 1 or more, not '0'"},
           {"communities --resolution -1", "--resolution: expected a number above 0, not '-1'"},
       }) {
    Outcome r = run(c.args + " --db " + db);
    EXPECT_EQ(r.code, 2) << c.args;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << ": " << r.err;
  }
  Outcome r = run("centrality --top 0 --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 107u);  // every vertex of the full view
}

TEST_F(Habits, CsvExportWritesTheFolderItNamesAndRefusesACsvFileName) {
  load_sample();
  Outcome r = run("export --db " + db + " --format csv -o " + tmp.path("out.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "govnet: govnet CSV is a folder of actors.csv, instruments.csv, ties.csv and "
            "evidence.csv, not the file '" +
                tmp.path("out.csv") + "'; give a folder, e.g. -o out/\n");
  EXPECT_FALSE(std::filesystem::exists(tmp.path("out.csv")));
  r = run("export --db " + db + " --format csv -o " + tmp.path("exported"));
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* f : {"actors.csv", "instruments.csv", "ties.csv", "evidence.csv"}) {
    EXPECT_TRUE(std::filesystem::is_regular_file(tmp.path("exported") + "/" + f)) << f;
    EXPECT_NE(r.out.find(tmp.path("exported") + "/" + f), std::string::npos) << r.out;
  }
}

TEST_F(Habits, AliasesAreArraysAndWeightsAlwaysPresent) {
  load_weighted();
  Outcome r = run("actors --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto actors = nlohmann::json::parse(r.out);
  ASSERT_EQ(actors.size(), 3u);
  EXPECT_EQ(actors[0]["aliases"], nlohmann::json::array({"Al", "Alf"}));
  EXPECT_EQ(actors[1]["aliases"], nlohmann::json::array());
  r = run("show A --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["aliases"], nlohmann::json::array({"Al", "Alf"}));
  r = run("show B --db " + db + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto ties = nlohmann::json::parse(r.out)["ties"];
  ASSERT_EQ(ties.size(), 2u);
  for (const auto& t : ties) {
    ASSERT_TRUE(t.contains("weight")) << t.dump();
    ASSERT_TRUE(t.contains("amount")) << t.dump();
    if (t["other"] == "A") {
      EXPECT_EQ(t["weight"], 2.5);
      EXPECT_EQ(t["amount"], 100);
    } else {
      EXPECT_TRUE(t["weight"].is_null());
      EXPECT_TRUE(t["amount"].is_null());
    }
  }
  // Tables and CSV show the weight too.
  r = run("show A --db " + db);
  EXPECT_NE(r.out.find("→ B (Beta)  funding, weight 2.5, 100 EUR"), std::string::npos) << r.out;
  r = run("show A --db " + db + " --format csv");
  EXPECT_NE(r.out.find("direction,other,other_name,family,role,period,status,weight,amount"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(",2.5,100 EUR,"), std::string::npos) << r.out;
}

TEST_F(Habits, MessagesUseTheRightArticle) {
  load_weighted();
  Outcome r = run("centrality --db " + db + " --weight amount");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("; 2 vertices, 1 link; 1 tie without an amount left out"), std::string::npos)
      << r.out;
  r = run("centrality --db " + db + " --weight amount --format csv");
  EXPECT_EQ(r.err, "note: 1 tie without an amount was left out\n");
  // Counts agree with their nouns: "1 actor", "1 tie".
  write_file(tmp.path("one.csv"), "key,name,kind\nZ,Zeta,state\n");
  r = run("import --db " + db + " --dataset one --actors " + tmp.path("one.csv"));
  EXPECT_NE(r.out.find("1 actor, 0 instruments, 0 ties, 0 evidence records"), std::string::npos)
      << r.out;
}

}  // namespace
