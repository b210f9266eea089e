// End to end: an IATI activity file, a plain edge list and CSV files with unusual line ends and
// byte order marks, imported by the real binary into a real store; rejected imports change
// nothing.
#include <filesystem>
#include <fstream>

#include "cli_fixture.h"

namespace govnet::testing {
namespace {

const char* kIatiSample = "/samples/iati/eutf-migration.xml";

// The sample IATI file on top of the migration-governance sample: organisations found by name
// (IOM, the European Commission, UNHCR, Frontex) or country (Senegal) join the stored actors.
TEST_F(Cli, IatiSampleImportsAndMatchesStoredActors) {
  load_sample();
  Outcome r = run("import --db " + db + " --dataset eutf --match alias " + src + kIatiSample);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("6 instruments, 36 ties"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(matched by alias)"), std::string::npos) << r.out;
  r = run("show --db " + db + " IOM");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("XI-IATI-EC_INTPA-T05-EUTF-SAH-REG-0042"), std::string::npos) << r.out;
  // Re-imported without matching, every organisation is the dataset's own.
  r = run("import --db " + db + " --dataset eutf " + src + kIatiSample);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created 11 actors, 6 instruments, 36 ties"), std::string::npos) << r.out;
}

TEST_F(Cli, BrokenIatiFileIsRefusedAndChangesNothing) {
  load_sample();
  ASSERT_EQ(run("import --db " + db + " --dataset eutf " + src + kIatiSample).code, 0);
  const Outcome before = run("stats --db " + db + " --format json");
  std::string text = slurp(src + kIatiSample);
  const std::string good = "<value currency=\"EUR\" value-date=\"2017-05-10\">18500000</value>";
  ASSERT_NE(text.find(good), std::string::npos);
  text.replace(text.find(good), good.size(),
               "<value currency=\"EUR\" value-date=\"2017-05-10\">18.500.000</value>");
  std::ofstream(tmp.path("eutf.xml")) << text;
  Outcome r = run("import --db " + db + " --dataset eutf " + tmp.path("eutf.xml"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("eutf.xml:111:4: transaction value '18.500.000' is not a number"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("nothing was imported and the store is unchanged"), std::string::npos);
  // Three bad values, two shown.
  std::string three = slurp(src + kIatiSample);
  for (const std::string v : {">45000000<", ">18500000<", ">16250000.50<"})
    three.replace(three.find(v), v.size(), ">n/a<");
  std::ofstream(tmp.path("three.xml")) << three;
  r = run("import --db " + db + " --dataset eutf --max-problems 2 " + tmp.path("three.xml"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("three.xml:100:4: transaction value 'n/a' is not a number"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("at least 2 problem(s) (showing the first 2"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("three.xml:125:"), std::string::npos) << r.err;
  // Cut off in the middle: the XML's own error, at the end of the text.
  std::ofstream(tmp.path("cut.xml")) << slurp(src + kIatiSample).substr(0, 3000);
  r = run("import --db " + db + " --dataset eutf " + tmp.path("cut.xml"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("cut.xml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not well-formed XML"), std::string::npos) << r.err;
  EXPECT_EQ(run("stats --db " + db + " --format json").out, before.out);
  r = run("export --db " + db + " -o " + tmp.path("out.xml") + " --format iati");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("govnet reads iati files but does not write them"), std::string::npos);
}

// networkx's weighted edge list of the Florentine families (20 marriages among 15 families),
// written at test time, imports as 15 actors and 20 ties with their weights.
TEST_F(Cli, NetworkxEdgeListImports) {
  std::ofstream(tmp.path("make.py"))
      << "import networkx as nx\n"
         "g = nx.florentine_families_graph()\n"
         "for i, (u, v) in enumerate(g.edges()): g[u][v]['weight'] = 1 + i % 3\n"
         "nx.write_weighted_edgelist(g, '"
      << tmp.path("florentine.edges") << "')\n";
  if (std::system(("/usr/bin/python3 " + tmp.path("make.py") + " 2>/dev/null").c_str()) != 0)
    GTEST_SKIP() << "networkx (Debian's python3-networkx) is not installed";
  Outcome r = run("import --db " + db + " " + tmp.path("florentine.edges"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created 15 actors, 0 instruments, 20 ties"), std::string::npos) << r.out;
  r = run("centrality --db " + db + " --measure degree --top 1 --format csv");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Medici"), std::string::npos) << r.out;
}

TEST_F(Cli, EdgeListsImportWithoutAMapping) {
  std::ofstream(tmp.path("net.txt")) << "# who funds whom\nEU IOM 3\nIOM SEN 1.5\nEU SEN\n";
  Outcome r =
      run("import --db " + db + " --format edgelist --family funding " + tmp.path("net.txt"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created 3 actors, 0 instruments, 3 ties"), std::string::npos) << r.out;
  std::ofstream(tmp.path("pairs.edges")) << "source,target,weight\nA,B,x\n";
  const Outcome before = run("stats --db " + db + " --format json");
  r = run("import --db " + db + " " + tmp.path("pairs.edges"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("pairs.edges:2:5: weight 'x' is not a number"), std::string::npos) << r.err;
  EXPECT_EQ(run("stats --db " + db + " --format json").out, before.out);
}

// CR-only line ends read as lines; a byte order mark inside a file is refused where it is,
// and the store keeps what it had.
TEST_F(Cli, CsvLineEndsAndByteOrderMarks) {
  std::ofstream(tmp.path("actors.csv"), std::ios::binary)
      << "key,name,kind\rIOM,International Organization for Migration,international_org\r"
         "SEN,Senegal,state\r";
  Outcome r = run("import --db " + db + " --dataset mac " + tmp.path("actors.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created 2 actors"), std::string::npos) << r.out;
  const Outcome before = run("stats --db " + db + " --format json");
  std::filesystem::create_directories(tmp.path("joined"));
  std::ofstream(tmp.path("joined/actors.csv"), std::ios::binary)
      << "\xEF\xBB\xBFkey,name,kind\nMAR,Morocco,state\n\xEF\xBB\xBFTUN,Tunisia,state\n";
  r = run("import --db " + db + " --dataset joined " + tmp.path("joined/actors.csv"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("actors.csv:3:1: byte order mark (U+FEFF) inside the text"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(run("stats --db " + db + " --format json").out, before.out);
}

// A source,target table written by Python's csv module is an edge list though it ends in .csv.
// An input without records does not replace a dataset that has some.
TEST_F(Cli, EdgeTablesByContentAndNoEmptyReplacement) {
  const std::string edges = src + "/tests/data/interchange/networkx_edges.csv";
  Outcome r = run("import --db " + db + " --dataset rabat " + edges);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created 5 actors, 0 instruments, 3 ties"), std::string::npos) << r.out;
  const Outcome before = run("stats --db " + db + " --format json");
  std::ofstream(tmp.path("empty.csv")) << "source,target,weight\r\n";
  r = run("import --db " + db + " --dataset rabat " + tmp.path("empty.csv"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("empty.csv: no records to import; the dataset 'rabat' holds 5 actors, 0 "
                       "instruments, 3 ties"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("govnet datasets remove rabat"), std::string::npos) << r.err;
  EXPECT_EQ(run("stats --db " + db + " --format json").out, before.out);
  // A new dataset may be empty: nothing is lost.
  r = run("import --db " + db + " --dataset other " + tmp.path("empty.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
}

// Amounts go out in plain decimals, as a spreadsheet shows them; a country created from its
// French name gets the name people write, not ISO's inverted one.
TEST_F(Cli, PlainAmountsAndCountryDisplayNames) {
  std::filesystem::create_directories(tmp.path("in"));
  std::ofstream(tmp.path("in/actors.csv")) << "key,name,kind\nEU,European Union,eu_institution\n"
                                              "IOM,IOM,international_org\n";
  std::ofstream(tmp.path("in/ties.csv"))
      << "from,to,family,amount,currency\n"
         "EU,IOM,funding,11500000,EUR\nEU,IOM,funding,0.25,EUR\n";
  Outcome r = run("import --db " + db + " --dataset f " + tmp.path("in/actors.csv") + " " +
                  tmp.path("in/ties.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  r = run("export --db " + db + " --format csv -o " + tmp.path("csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string ties = slurp(tmp.path("csv/ties.csv"));
  EXPECT_NE(ties.find(",11500000,EUR,"), std::string::npos) << ties;
  EXPECT_NE(ties.find(",0.25,EUR,"), std::string::npos) << ties;
  std::ofstream(tmp.path("m.toml")) << "[[ties]]\nfrom = { column = \"who\" }\n"
                                       "to = { column = \"with\" }\nfamily = \"cooperation\"\n";
  std::ofstream(tmp.path("t.csv")) << "who,with\nRépublique démocratique du Congo,Tchad\n";
  r = run("import --db " + db + " --map " + tmp.path("m.toml") + " --create-missing " +
          tmp.path("t.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("created actor COD ('Democratic Republic of the Congo', state)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("created actor TCD ('Chad', state)"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace govnet::testing
