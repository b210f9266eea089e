// The HTML writer of a report: one file with its own style sheet and the figures as inline SVG,
// readable offline and printable from a browser.
#include <sstream>

#include "govnet/figure_export.h"
#include "govnet/report_document.h"
#include "govnet/text.h"

namespace govnet::viewer {
namespace {

constexpr const char* kStyle =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:62rem;margin:2rem auto;"
    "padding:0 1rem;color:#1a1a1f;line-height:1.45}"
    "h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;"
    "border-bottom:1px solid #ccc}h3{font-size:1rem;margin:1rem 0 .2rem}"
    ".subtitle{color:#555;margin-top:0}"
    "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}"
    "th,td{padding:.15rem .6rem;border-bottom:1px solid #e2e2e2;text-align:left;"
    "vertical-align:top}th{border-bottom:1px solid #999}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    "figure{margin:1rem 0}figure svg{max-width:100%;height:auto;border:1px solid #eee}"
    "figcaption{font-size:.85rem;color:#555}li{margin:.2rem 0}";

// The SVG element of a figure, without the XML declaration a standalone file starts with.
std::string inline_svg(const DrawList& d) {
  std::string svg = figure_svg(d);
  if (svg.rfind("<?xml", 0) == 0) svg.erase(0, svg.find('\n') + 1);
  return svg;
}

void write_table(std::ostream& out, const ReportTable& t) {
  auto cls = [&](size_t c) {
    return c < t.numeric.size() && t.numeric[c] ? std::string(" class=\"n\"") : std::string();
  };
  out << "<table>\n<thead><tr>";
  for (size_t c = 0; c < t.columns.size(); ++c)
    out << "<th" << cls(c) << ">" << xml_escape(t.columns[c]) << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out << "<tr>";
    for (size_t c = 0; c < row.size(); ++c)
      out << "<td" << cls(c) << ">" << xml_escape(row[c]) << "</td>";
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

}  // namespace

std::string report_html(const ReportDocument& doc) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>"
      << xml_escape(doc.title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n"
      << "<h1>" << xml_escape(doc.title) << "</h1>\n";
  if (!doc.subtitle.empty())
    out << "<p class=\"subtitle\">" << xml_escape(doc.subtitle) << "</p>\n";
  for (const ReportBlock& b : doc.blocks) {
    switch (b.kind) {
      case ReportBlock::kHeading:
        out << "<h2>" << xml_escape(b.text) << "</h2>\n";
        break;
      case ReportBlock::kSubheading:
        out << "<h3>" << xml_escape(b.text) << "</h3>\n";
        break;
      case ReportBlock::kParagraph:
        out << "<p>" << xml_escape(b.text) << "</p>\n";
        break;
      case ReportBlock::kList:
        out << "<ul>\n";
        for (const auto& item : b.items) out << "<li>" << xml_escape(item) << "</li>\n";
        out << "</ul>\n";
        break;
      case ReportBlock::kTable:
        write_table(out, b.table);
        break;
      case ReportBlock::kFigure:
        out << "<figure>\n"
            << inline_svg(b.figure) << "<figcaption>" << xml_escape(b.text)
            << "</figcaption>\n</figure>\n";
        break;
    }
  }
  out << "</body>\n</html>\n";
  return out.str();
}

}  // namespace govnet::viewer
