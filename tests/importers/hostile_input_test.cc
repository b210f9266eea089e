// Inputs made to hurt: tiny files that would demand unbounded memory (empty split separators,
// huge declared Pajek counts, endless streams), control characters that would reach terminals,
// numbers that would overflow sums, ambiguous JSON. Each is bounded or refused at its position.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "../storage/temp_dir.h"
#include "govnet/govnet_csv.h"
#include "govnet/graph_import.h"
#include "govnet/input_file.h"
#include "govnet/mapping.h"
#include "govnet/property_graph.h"
#include "values.h"

namespace govnet {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

MappingImportResult map(const std::string& mapping, const std::string& table) {
  MappingImportOptions o;
  o.resolver.create_missing = true;
  return import_with_mapping("m.toml", mapping, "t.csv", table, o);
}

const char* kTable = "agreement,parties\nA,\"Moldova; EU\"\n";

TEST(HostileInput, EmptySplitSeparatorIsAMappingError) {
  for (const char* split : {"[\"\"]", "\"\"", "[\";\", \"\"]"}) {
    const std::string mapping =
        "[instrument]\nname = { column = \"agreement\" }\n[[ties]]\n"
        "from = { column = \"parties\", split = " +
        std::string(split) + " }\nto = \"instrument\"\n";
    auto r = map(mapping, kTable);
    ASSERT_EQ(r.problems.size(), 1u) << split;
    EXPECT_EQ(r.problems[0].line, 4u) << split;
    EXPECT_EQ(r.problems[0].column, 38u) << r.problems[0].to_string();
    EXPECT_TRUE(has(r.problems[0].message, "'ties.from.split' has an empty separator"))
        << r.problems[0].message;
    EXPECT_TRUE(r.network.ties.empty());
  }
  // A real separator still splits.
  auto ok =
      map("[instrument]\nname = { column = \"agreement\" }\n[[ties]]\n"
          "from = { column = \"parties\", split = \";\" }\nto = \"instrument\"\n",
          kTable);
  ASSERT_TRUE(ok.problems.empty()) << ok.problems[0].to_string();
  EXPECT_EQ(ok.network.ties.size(), 2u);
}

TEST(HostileInput, DeclaredPajekVerticesCostNothingUntilUsed) {
  const std::string net = "*Vertices 19999999\n1 \"A\"\n*Edges\n1 7\n";  // 36 bytes
  const auto start = std::chrono::steady_clock::now();
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(read_pajek(net, "big.net", &g, &problems, {})) << problems[0].to_string();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 1.0);  // building 20 million vertices took minutes and 15 GB
  ASSERT_EQ(g.nodes.size(), 2u);
  EXPECT_EQ(g.nodes[0].id, "v1");
  EXPECT_EQ(g.nodes[1].id, "v7");
  EXPECT_EQ(g.nodes[1].line, 0u);  // vertex 7 has no line
  ASSERT_EQ(g.edges.size(), 1u);
  bool noted = false;
  for (const auto& n : g.notes)
    noted |= n.line == 1 && has(n.message,
                                "19999997 of the 19999999 vertices *Vertices declares "
                                "have no line and no edge; they were not imported");
  EXPECT_TRUE(noted);
  // A vertex given two lines is an error at the second.
  PropertyGraph twice;
  std::vector<Problem> twice_problems;
  EXPECT_FALSE(read_pajek("*Vertices 2\n1 \"A\"\n1 \"B\"\n", "t.net", &twice, &twice_problems, {}));
  ASSERT_EQ(twice_problems.size(), 1u);
  EXPECT_EQ(twice_problems[0].to_string(),
            "t.net:3:1: vertex 1 has a second line (the first is line 2); give each vertex one "
            "line");
}

TEST(HostileInput, PajekWeightsThatAreNoFiniteNumberSaySo) {
  const struct {
    const char* weight;
    const char* says;
  } cases[] = {{"1e400", "'1e400' is larger than 1e15"},
               {"inf", "'inf' is not a finite number"},
               {"nan", "'nan' is not a finite number"},
               {"1e308", "'1e308' is larger than 1e15"}};
  for (const auto& c : cases) {
    const std::string net = "*Vertices 2\n1 \"A\"\n2 \"B\"\n*Edges\n1 2 " + std::string(c.weight);
    PropertyGraph g;
    std::vector<Problem> problems;
    EXPECT_FALSE(read_pajek(net, "w.net", &g, &problems, {}));
    ASSERT_EQ(problems.size(), 1u) << c.weight;
    EXPECT_EQ(problems[0].line, 5u);
    EXPECT_EQ(problems[0].column, 5u);
    EXPECT_TRUE(has(problems[0].message, c.says)) << problems[0].message;
    EXPECT_FALSE(has(problems[0].message, "options come in pairs")) << problems[0].message;
  }
}

TEST(HostileInput, TieNumbersBeyondTheLimitAreRefusedWithTheirPosition) {
  auto r =
      read_govnet_csv({{"actors.csv", "key,name,kind\nA,Alpha,state\nB,Beta,state\n", {}},
                       {"ties.csv", "from,to,family,weight,amount\nA,B,funding,1,1e308\n", {}}},
                      {});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].to_string(),
            "ties.csv:2:15: 'amount': '1e308' is larger than 1e15, the largest weight or amount "
            "govnet stores (so that sums stay finite); check the value, or give it in larger "
            "units");
  // The same in a graph file: the edge is refused, not kept as text.
  PropertyGraph g;
  std::vector<Problem> problems;
  ASSERT_TRUE(
      read_property_graph(GraphFormat::kNodeLinkJson,
                          "{\"nodes\":[{\"id\":\"a\"},{\"id\":\"b\"}],\n"
                          "\"links\":[{\"source\":\"a\",\"target\":\"b\",\"weight\":1e300}]}",
                          "g.json", &g, &problems));
  GraphImportResult gr = import_property_graph(g, {});
  ASSERT_EQ(gr.problems.size(), 1u);
  EXPECT_EQ(gr.problems[0].line, 2u);
  EXPECT_EQ(gr.problems[0].column, 10u);
  EXPECT_TRUE(has(gr.problems[0].message, "edge a – b: 'weight': '1e+300' is larger than 1e15"))
      << gr.problems[0].message;
  // And through a mapping.
  auto m =
      map("[instrument]\nname = { column = \"agreement\" }\n[[ties]]\n"
          "from = { column = \"parties\" }\nto = \"instrument\"\n"
          "amount = { column = \"budget\" }\n",
          "agreement,parties,budget\nA,EU,1e400\n");
  ASSERT_EQ(m.problems.size(), 1u);
  EXPECT_EQ(m.problems[0].line, 2u);
  EXPECT_EQ(m.problems[0].column, 6u);
  EXPECT_TRUE(has(m.problems[0].message, "'1e400' is larger than 1e15")) << m.problems[0].message;
}

TEST(HostileInput, ControlCharactersInNamesAreRefusedFromEverySource) {
  // govnet CSV: names, aliases, roles (tab and line breaks are allowed in names)
  auto csv = read_govnet_csv(
      {{"actors.csv",
        "key,name,kind,aliases\nA,\"Al\tpha\",state,\nB,B\x1b[2J,state,\nC,Cee,state,x\xc2\x9b\n"
        "D,Dee,state,\n",
        {}},
       {"ties.csv", "from,to,family,role\nA,D,funding,pay\x07\n", {}}},
      {});
  std::string all;
  for (const auto& p : csv.problems) all += p.to_string() + "\n";
  ASSERT_EQ(csv.problems.size(), 3u) << all;
  EXPECT_EQ(csv.problems[0].to_string(),
            "actors.csv:3:3: 'name' contains the control character U+001B (character 2); names, "
            "aliases and roles may hold no control characters but tab and line breaks");
  EXPECT_EQ(csv.problems[1].line, 4u);
  EXPECT_EQ(csv.problems[1].column, 13u);
  EXPECT_TRUE(has(csv.problems[1].message, "'aliases' contains the control character U+009B"));
  EXPECT_EQ(csv.problems[2].line, 2u);
  EXPECT_EQ(csv.problems[2].column, 13u);
  EXPECT_TRUE(has(csv.problems[2].message, "'role' contains the control character U+0007"));
  // Keys: not even a tab.
  auto key = read_govnet_csv({{"actors.csv", "key,name,kind\n\"A\tB\",Alpha,state\n", {}}}, {});
  ASSERT_EQ(key.problems.size(), 1u);
  EXPECT_EQ(key.problems[0].to_string(),
            "actors.csv:2:1: 'key' contains the control character U+0009 (character 2); keys "
            "must be one line of text without control characters");

  // Graph files: GraphML, node-link JSON, GML and Pajek, each at the node's or edge's position.
  const struct {
    GraphFormat format;
    std::string data;
    uint32_t line, column;
    const char* says;
  } graphs[] = {
      {GraphFormat::kGraphMl,
       "<graphml><key id=\"n\" for=\"node\" attr.name=\"name\"/><graph>\n"
       "<node id=\"a\"><data key=\"n\">x&#155;[2J</data></node></graph></graphml>",
       2, 1, "name 'x\\u009b[2J' contains the control character U+009B"},
      {GraphFormat::kNodeLinkJson,
       "{\"nodes\":[{\"id\":\"a\"},\n {\"id\":\"b\\u0008\"}], \"links\":[]}", 2, 2,
       "node id 'b\\x08' contains the control character U+0008"},
      {GraphFormat::kGml,
       "graph [\n node [ id 1 label \"a\" ]\n node [ id 2 label \"b\" ]\n"
       " edge [ source 1 target 2 role \"x&#27;\" ]\n]",
       4, 2, "role 'x\\x1b' contains the control character U+001B"},
      {GraphFormat::kPajek, "*Vertices 1\n1 \"a\x1b]0;pwned\x07\"\n", 2, 1,
       "node id 'a\\x1b]0;pwned\\x07' contains the control character U+001B"},
  };
  for (const auto& c : graphs) {
    PropertyGraph g;
    std::vector<Problem> problems;
    ASSERT_TRUE(read_property_graph(c.format, c.data, "g", &g, &problems))
        << problems[0].to_string();
    GraphImportResult r = import_property_graph(g, {});
    ASSERT_EQ(r.problems.size(), 1u) << c.data;
    EXPECT_EQ(r.problems[0].line, c.line) << r.problems[0].to_string();
    EXPECT_EQ(r.problems[0].column, c.column) << r.problems[0].to_string();
    EXPECT_TRUE(has(r.problems[0].message, c.says)) << r.problems[0].message;
  }

  // A mapping: a TOML escape in a fixed value, and a control character in the table's cell.
  auto fixed =
      map("[instrument]\nname = { column = \"agreement\" }\n[[ties]]\n"
          "from = { column = \"parties\" }\nto = \"instrument\"\n"
          "role = \"x\\u001b[2J\"\n",
          "agreement,parties\nA,EU\n");
  ASSERT_EQ(fixed.problems.size(), 1u);
  EXPECT_EQ(fixed.problems[0].line, 2u);
  EXPECT_TRUE(
      has(fixed.problems[0].message, "role 'x\\x1b[2J' contains the control character U+001B"))
      << fixed.problems[0].message;
  auto cell =
      map("[instrument]\nname = { column = \"agreement\" }\n[[ties]]\n"
          "from = { column = \"parties\" }\nto = \"instrument\"\n",
          "agreement,parties\nA,\"E\x1b[2JU\"\n");
  ASSERT_EQ(cell.problems.size(), 1u);
  EXPECT_EQ(cell.problems[0].line, 2u);
  EXPECT_EQ(cell.problems[0].column, 3u);
  EXPECT_TRUE(has(cell.problems[0].message, "actor name 'E\\x1b[2JU'")) << cell.problems[0].message;
}

// A workbook written by openpyxl (which itself refuses C0 characters in cells, not C1 ones).
TEST(HostileInput, ControlCharactersInSpreadsheetCellsAreRefused) {
  testing::TempDir tmp;
  const std::string path = tmp.path("actors.xlsx");
  const std::string cmd =
      "/usr/bin/python3 -c \"import openpyxl, sys; wb = openpyxl.Workbook(); ws = wb.active; "
      "ws.title = 'Actors'; ws.append(['key', 'name', 'kind']); ws.append(['A', 'Alpha', "
      "'state']); ws.append(['B', 'B\\u009b31m', 'state']); wb.save(sys.argv[1])\" " +
      path + " 2>&1";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "python3-openpyxl is not installed";
  auto r = read_govnet_csv({CsvInput{path, TableKind::kActors}}, {});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].to_string(),
            path +
                "[Actors]:3:2: 'name' contains the control character U+009B (character 2); "
                "names, aliases and roles may hold no control characters but tab and line "
                "breaks");
}

TEST(HostileInput, DuplicateJsonKeysAreAnErrorAtTheSecond) {
  PropertyGraph g;
  std::vector<Problem> problems;
  EXPECT_FALSE(read_property_graph(GraphFormat::kNodeLinkJson,
                                   "{\"nodes\": [{\"id\": \"a\",\n  \"name\": \"A\", \"name\": "
                                   "\"B\"}], \"links\": []}",
                                   "d.json", &g, &problems));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].to_string(),
            "d.json:2:16: the key \"name\" appears twice in this object; keys of a JSON object "
            "must be unique: remove or rename one");
  // The same key in different objects is fine.
  PropertyGraph ok;
  EXPECT_TRUE(read_property_graph(GraphFormat::kNodeLinkJson,
                                  "{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"}], \"links\": []}",
                                  "d.json", &ok, &problems));
}

TEST(HostileInput, TomlWithAByteOrderMarkIsRead) {
  auto r =
      map("\xEF\xBB\xBF[instrument]\nname = { column = \"agreement\" }\n[[ties]]\n"
          "from = { column = \"parties\" }\nto = \"instrument\"\n",
          "agreement,parties\nA,EU\n");
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].to_string();
  EXPECT_EQ(r.network.ties.size(), 1u);
  // Positions on the first line do not count the mark.
  auto bad = map("\xEF\xBB\xBFname = \n", "a\nb\n");
  ASSERT_FALSE(bad.problems.empty());
  EXPECT_EQ(bad.problems[0].line, 1u);
  EXPECT_EQ(bad.problems[0].column, 8u) << bad.problems[0].to_string();
}

TEST(HostileInput, EndlessStreamsAreReadUpToACap) {
  std::string data, error;
  // A device of NUL bytes is refused from its first bytes...
  EXPECT_FALSE(read_input_file("/dev/zero", &data, &error));
  EXPECT_EQ(error,
            "is not a file but a stream whose first bytes hold NUL bytes, so it is neither text "
            "(CSV, TOML, a graph file) nor a workbook; give the file itself");
  EXPECT_TRUE(data.empty());
  // ...and a stream of text that does not end, at the cap.
  FILE* yes = popen("yes", "r");
  ASSERT_TRUE(yes);
  const std::string stream = "/dev/fd/" + std::to_string(fileno(yes));
  EXPECT_FALSE(read_input_file(stream, &data, &error, 1 << 20));
  EXPECT_EQ(error,
            "holds more than 1 MiB, the most govnet reads from one input file; split it into "
            "several files (or, for a stream, check that it ends)");
  EXPECT_TRUE(data.empty());
  pclose(yes);
  testing::TempDir tmp;
  {
    std::ofstream f(tmp.path("big.csv"));
    f << std::string((1 << 20) + 1, 'x');
  }
  EXPECT_FALSE(read_input_file(tmp.path("big.csv"), &data, &error, 1 << 20));
  EXPECT_TRUE(has(error, "holds more than 1 MiB")) << error;
  EXPECT_TRUE(read_input_file(tmp.path("big.csv"), &data, &error, 2 << 20));
  EXPECT_EQ(data.size(), (1u << 20) + 1);
  EXPECT_FALSE(read_input_file(tmp.path("absent.csv"), &data, &error));
  EXPECT_EQ(error, "cannot be read: No such file or directory");
}

TEST(HostileInput, SpreadsheetTextIsSafeAndReadsBackExactly) {
  using values::from_spreadsheet_text;
  using values::to_spreadsheet_text;
  const struct {
    const char* value;
    const char* written;
  } cases[] = {{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
               {"+1 555", "'+1 555"},
               {"-x", "'-x"},
               {"@SUM(A1)", "'@SUM(A1)"},
               {"-3.5", "-3.5"},  // a number stays a number
               {"'=x", "''=x"},
               {"''x", "'''x"},
               {"'hello", "'hello"},
               {"plain", "plain"},
               {"", ""}};
  for (const auto& c : cases) {
    EXPECT_EQ(to_spreadsheet_text(c.value), c.written);
    EXPECT_EQ(from_spreadsheet_text(to_spreadsheet_text(c.value)), c.value);
  }
}

// The graph fuzz seeds (tests/data/fuzz/graph; the first byte chose the format as in
// graph_fuzz.cc): each is read or refused at once, with a reason.
TEST(HostileInput, GraphFuzzSeedsAreBoundedAndSayWhy) {
  const GraphFormat formats[] = {GraphFormat::kGraphMl, GraphFormat::kGexf,
                                 GraphFormat::kNodeLinkJson, GraphFormat::kPajek,
                                 GraphFormat::kGml};
  const std::string dir = std::string(GOVNET_SOURCE_DIR) + "/tests/data/fuzz/graph";
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream f(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(bytes.empty());
    const auto start = std::chrono::steady_clock::now();
    PropertyGraph g;
    std::vector<Problem> problems;
    const bool read = read_property_graph(formats[static_cast<unsigned char>(bytes[0]) % 5],
                                          std::string_view(bytes).substr(1), "seed", &g, &problems);
    EXPECT_TRUE(read || !problems.empty()) << entry.path();
    EXPECT_LT(g.nodes.size(), 10u) << entry.path();
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1.0)
        << entry.path();
    ++files;
  }
  EXPECT_GE(files, 3u);
}

}  // namespace
}  // namespace govnet
