// `govnet view --screenshot` to SVG, PDF and PNG: the SVG parses and has the page's size, the
// PDF (rendered by poppler's pdftoppm) paints its nodes where the PNG does, and the same store
// and seed give the same bytes.
#include <expat.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <stb/stb_image.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "../storage/temp_dir.h"
#include "run_govnet.h"

namespace govnet {
namespace {

using testing::run_govnet;
using testing::slurp;
using testing::TempDir;

class FigureExport : public ::testing::Test {
 protected:
  TempDir tmp;
  std::string db = tmp.path("store.db");
  void SetUp() override {
    std::string sample = std::string(GOVNET_SOURCE_DIR) + "/samples/migration-governance/";
    ASSERT_EQ(
        run_govnet("import --db " + db + " --dataset sample " + sample + "actors.csv " + sample +
                       "instruments.csv " + sample + "ties.csv " + sample + "evidence.csv",
                   tmp.path("import.log")),
        0)
        << slurp(tmp.path("import.log"));
  }
  // Renders FILE (its extension picks the format) at 900x560, light theme, seed 4.
  void render(const std::string& file, const std::string& extra = "") {
    const std::string log = tmp.path(file + ".log");
    ASSERT_EQ(
        run_govnet("view --db " + db + " --screenshot " + tmp.path(file) +
                       " --size 900x560 --seed 4 --theme light --measure betweenness " + extra,
                   log),
        0)
        << slurp(log);
  }
};

// What expat saw of an SVG document.
struct SvgSummary {
  std::map<std::string, std::string> root;  // the <svg> element's attributes
  std::map<std::string, int> elements;      // how many of each element
  std::string text;                         // all character data
  bool in_text = false;
};

SvgSummary parse_svg(const std::string& doc, std::string* error) {
  SvgSummary s;
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, &s);
  XML_SetElementHandler(
      p,
      [](void* data, const XML_Char* name, const XML_Char** attrs) {
        auto* s = static_cast<SvgSummary*>(data);
        if (s->elements.empty())
          for (int i = 0; attrs[i]; i += 2) s->root[attrs[i]] = attrs[i + 1];
        ++s->elements[name];
        s->in_text = std::string(name) == "text";
      },
      [](void* data, const XML_Char*) { static_cast<SvgSummary*>(data)->in_text = false; });
  XML_SetCharacterDataHandler(p, [](void* data, const XML_Char* t, int len) {
    auto* s = static_cast<SvgSummary*>(data);
    if (s->in_text) s->text.append(t, len);
  });
  if (XML_Parse(p, doc.data(), static_cast<int>(doc.size()), 1) == XML_STATUS_ERROR)
    *error = std::string(XML_ErrorString(XML_GetErrorCode(p))) + " at line " +
             std::to_string(XML_GetCurrentLineNumber(p));
  XML_ParserFree(p);
  return s;
}

TEST_F(FigureExport, SvgParsesHasThePagesSizeAndKeepsTextAsText) {
  render("f.svg", "--positions-out " + tmp.path("f.json"));
  std::string error;
  SvgSummary s = parse_svg(slurp(tmp.path("f.svg")), &error);
  ASSERT_TRUE(error.empty()) << error;
  EXPECT_EQ(s.root["width"], "900");
  EXPECT_EQ(s.root["height"], "560");
  EXPECT_EQ(s.root["viewBox"], "0 0 900 560");
  auto j = nlohmann::json::parse(slurp(tmp.path("f.json")));
  // Every node is a circle (actor) or a square (instrument), beside the legend's swatches.
  EXPECT_GE(s.elements["circle"] + s.elements["rect"], static_cast<int>(j["vertices"].size()));
  EXPECT_GT(s.elements["text"], 10);
  EXPECT_NE(s.text.find("European Commission"), std::string::npos) << s.text;
  EXPECT_NE(s.text.find("EU institution"), std::string::npos);
}

TEST_F(FigureExport, PdfPaintsItsNodesWhereThePngDoes) {
  if (std::system("command -v pdftoppm >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "pdftoppm (poppler-utils) is not installed";
  render("f.png", "--positions-out " + tmp.path("f.json"));
  render("f.pdf");
  const std::string head = slurp(tmp.path("f.pdf")).substr(0, 5);
  ASSERT_EQ(head, "%PDF-");
  // 72 dpi: one PDF point is one pixel of the PNG.
  ASSERT_EQ(std::system(("pdftoppm -r 72 -png -singlefile " + tmp.path("f.pdf") + " " +
                         tmp.path("pdf") + " 2>" + tmp.path("pdftoppm.log"))
                            .c_str()),
            0)
      << slurp(tmp.path("pdftoppm.log"));
  int w = 0, h = 0, c = 0, pw = 0, ph = 0;
  unsigned char* png = stbi_load(tmp.path("f.png").c_str(), &w, &h, &c, 3);
  unsigned char* pdf = stbi_load(tmp.path("pdf.png").c_str(), &pw, &ph, &c, 3);
  ASSERT_TRUE(png && pdf);
  ASSERT_EQ(w, 900);
  ASSERT_EQ(pw, 900);
  ASSERT_EQ(ph, 560);
  auto at = [](const unsigned char* px, int width, int x, int y) {
    const unsigned char* p = px + (static_cast<size_t>(y) * width + x) * 3;
    return std::array<int, 3>{p[0], p[1], p[2]};
  };
  auto diff = [](std::array<int, 3> a, std::array<int, 3> b) {
    return std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]);
  };
  const std::array<int, 3> white{255, 255, 255};
  size_t nodes = 0, painted = 0, alike = 0;
  const auto positions = nlohmann::json::parse(slurp(tmp.path("f.json")));
  for (const auto& v : positions["vertices"]) {
    int x = static_cast<int>(std::lround(v["x"].get<double>())),
        y = static_cast<int>(std::lround(v["y"].get<double>()));
    if (x < 0 || y < 0 || x >= w || y >= h) continue;
    ++nodes;
    painted += diff(at(pdf, pw, x, y), white) > 30;
    alike += diff(at(pdf, pw, x, y), at(png, w, x, y)) < 60;
  }
  EXPECT_GT(nodes, 100u);
  EXPECT_GE(painted, nodes * 95 / 100) << painted << " of " << nodes << " centres painted";
  EXPECT_GE(alike, nodes * 95 / 100) << alike << " of " << nodes << " centres alike";
  stbi_image_free(png);
  stbi_image_free(pdf);
}

TEST_F(FigureExport, TheSameSeedGivesTheSameBytesInEveryFormat) {
  for (const char* ext : {"png", "svg", "pdf"}) {
    render(std::string("a.") + ext);
    render(std::string("b.") + ext);
    EXPECT_EQ(slurp(tmp.path(std::string("a.") + ext)), slurp(tmp.path(std::string("b.") + ext)))
        << ext;
  }
  EXPECT_EQ(
      run_govnet("view --db " + db + " --screenshot " + tmp.path("x.jpg"), tmp.path("jpg.log")), 2);
  EXPECT_NE(slurp(tmp.path("jpg.log")).find(".png, .svg or .pdf"), std::string::npos);
}

// `timeline --plot`: an SVG whose legend names the actors the table shows, in the table's
// order, with a marker per value; an unknown extension is a usage error before any work.
TEST_F(FigureExport, TimelinePlotDrawsTheTablesActors) {
  const std::string args = "timeline --db " + db +
                           " --measure betweenness --view projection --from 2000 --to 2020 "
                           "--top 4 --format json";
  ASSERT_EQ(run_govnet(args + " --plot " + tmp.path("t.svg"), tmp.path("t.json")), 0)
      << slurp(tmp.path("t.json"));
  std::string error;
  SvgSummary s = parse_svg(slurp(tmp.path("t.svg")), &error);
  ASSERT_TRUE(error.empty()) << error;
  EXPECT_EQ(s.root["width"], "1200");
  const std::string out = slurp(tmp.path("t.json"));
  const auto rows =
      nlohmann::json::parse(out.substr(out.find('['), out.rfind(']') + 1 - out.find('[')));
  std::vector<std::string> names;
  size_t values = 0;
  for (const auto& row : rows) {
    if (std::find(names.begin(), names.end(), row["name"]) == names.end())
      names.push_back(row["name"]);
    values += row["value"].is_number();
  }
  ASSERT_EQ(names.size(), 4u);
  size_t at = 0;
  for (const auto& name : names) {
    const size_t found = s.text.find(name, at);
    ASSERT_NE(found, std::string::npos) << name << " after " << at << " in " << s.text;
    at = found;
  }
  // Markers are circles; the legend's swatches are lines.
  EXPECT_EQ(s.elements["circle"], static_cast<int>(values));
  EXPECT_NE(s.text.find("2020"), std::string::npos);
  EXPECT_EQ(run_govnet(args + " --plot " + tmp.path("t.txt"), tmp.path("bad.log")), 2);
  EXPECT_NE(slurp(tmp.path("bad.log")).find("name a .svg, .pdf or .png file"), std::string::npos);
}

// `govnet report`: the HTML is well-formed XML with every section, the picture and the chart as
// inline SVG, and the numbers the single commands give; the PDF holds the same text.
TEST_F(FigureExport, ReportHoldsEverySectionAndTheCommandsNumbers) {
  ASSERT_EQ(run_govnet("report --db " + db + " -o " + tmp.path("r.html"), tmp.path("r.log")), 0)
      << slurp(tmp.path("r.log"));
  const std::string html = slurp(tmp.path("r.html"));
  std::string error;
  SvgSummary s = parse_svg(html, &error);
  ASSERT_TRUE(error.empty()) << error;
  EXPECT_EQ(s.elements["h2"], 8);  // network, picture, centrality, brokerage, communities,
                                   // over time, methods, references
  EXPECT_EQ(s.elements["svg"], 2);
  for (const char* cite :
       {"Brandes, U. (2001)", "Gould, R. V., Fernandez, R. M. (1989)", "Burt, R. S. (1992)",
        "Blondel, V. D.", "Traag, V. A.", "Borgatti, S. P., Everett, M. G. (1997)"})
    EXPECT_NE(html.find(cite), std::string::npos) << cite;
  // The top actor by degree and the communities' modularity are the commands' own.
  ASSERT_EQ(
      run_govnet("centrality --db " + db + " --measure degree --view direct --top 1 --format json",
                 tmp.path("c.json")),
      0);
  const auto top = nlohmann::json::parse(slurp(tmp.path("c.json")));
  const std::string first_row =
      "<td class=\"n\">1</td><td>" + top[0]["name"].get<std::string>() + "</td>";
  EXPECT_NE(html.find(first_row), std::string::npos) << first_row;
  ASSERT_EQ(run_govnet("communities --db " + db + " --format json", tmp.path("m.log")), 0);
  const std::string m = slurp(tmp.path("m.log"));
  const double q = std::stod(m.substr(m.find("modularity ") + 11));
  char want[64];
  std::snprintf(want, sizeof want, "with modularity %.4g.", q);
  EXPECT_NE(html.find(want), std::string::npos) << want;

  ASSERT_EQ(run_govnet("report --db " + db + " -o " + tmp.path("r.pdf"), tmp.path("p.log")), 0)
      << slurp(tmp.path("p.log"));
  EXPECT_EQ(slurp(tmp.path("r.pdf")).substr(0, 5), "%PDF-");
  if (std::system("command -v pdftotext >/dev/null 2>&1") == 0) {
    ASSERT_EQ(std::system(("pdftotext " + tmp.path("r.pdf") + " " + tmp.path("r.txt")).c_str()), 0);
    const std::string text = slurp(tmp.path("r.txt"));
    for (const char* heading :
         {"Central actors", "Brokerage", "Communities", "Over time", "Methods", "References"})
      EXPECT_NE(text.find(heading), std::string::npos) << heading;
    EXPECT_NE(text.find(top[0]["name"].get<std::string>()), std::string::npos);
  }
  EXPECT_EQ(run_govnet("report --db " + db + " -o " + tmp.path("r.txt"), tmp.path("bad.log")), 2);
  EXPECT_NE(slurp(tmp.path("bad.log")).find("name an .html or a .pdf file"), std::string::npos);
}

}  // namespace
}  // namespace govnet
