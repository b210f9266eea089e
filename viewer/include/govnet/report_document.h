// A report as a document: headings, paragraphs, tables and figures (draw lists) in order,
// written as one self-contained HTML file (figures inline as SVG, text as text) or as an A4 PDF
// (Cairo; text as text with the font embedded, tables split across pages with their header
// repeated). Built with GOVNET_BUILD_VIEWER.
#pragma once

#include <string>
#include <vector>

#include "govnet/draw_list.h"

namespace govnet::viewer {

struct ReportTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // by column: right-aligned
};

struct ReportBlock {
  enum Kind : uint8_t {
    kHeading,
    kSubheading,
    kParagraph,
    kTable,
    kFigure,
    kList
  } kind = kParagraph;
  std::string text;                // heading, paragraph or the figure's caption
  std::vector<std::string> items;  // kList
  ReportTable table;
  DrawList figure;
};

struct ReportDocument {
  std::string title, subtitle;
  std::vector<ReportBlock> blocks;
  ReportBlock& add(ReportBlock::Kind kind) {
    blocks.emplace_back();
    blocks.back().kind = kind;
    return blocks.back();
  }
  void heading(std::string t) { add(ReportBlock::kHeading).text = std::move(t); }
  void subheading(std::string t) { add(ReportBlock::kSubheading).text = std::move(t); }
  void paragraph(std::string t) { add(ReportBlock::kParagraph).text = std::move(t); }
  void list(std::vector<std::string> items) { add(ReportBlock::kList).items = std::move(items); }
  void table(ReportTable t) { add(ReportBlock::kTable).table = std::move(t); }
  void figure(DrawList d, std::string caption) {
    ReportBlock& b = add(ReportBlock::kFigure);
    b.figure = std::move(d);
    b.text = std::move(caption);
  }
};

// The whole HTML file.
std::string report_html(const ReportDocument& doc);
// Writes the PDF; false with a message a person can act on when the file cannot be made.
bool write_report_pdf(const ReportDocument& doc, const std::string& path, std::string* error);

}  // namespace govnet::viewer
