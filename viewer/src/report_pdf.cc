// The PDF writer of a report: A4 pages filled top to bottom. Paragraphs wrap at spaces; a
// heading moves to the next page rather than end one; a table's columns are sized from their
// widest cell (the widest text columns cut with an ellipsis when the page is too narrow) and a
// table split across pages repeats its header; a figure is scaled to the text width.
#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "figure_cairo.h"
#include "figure_text.h"
#include "govnet/report_document.h"
#include "govnet/text.h"

namespace govnet::viewer {
namespace {

constexpr float kPageW = 595.28f, kPageH = 841.89f, kMargin = 56;
constexpr float kBodyPx = 10, kTablePx = 8, kHeadingPx = 14, kTitlePx = 20;
constexpr float kTextW = kPageW - 2 * kMargin;

float width_of(cairo_t* cr, const std::string& s, float px, bool bold = false) {
  detail::set_figure_font(cr, px, bold);
  cairo_text_extents_t te;
  cairo_text_extents(cr, s.c_str(), &te);
  return static_cast<float>(te.x_advance);
}

// `text` cut at a character boundary, with an ellipsis, to fit `w`.
std::string fit(cairo_t* cr, const std::string& text, float w, float px) {
  if (width_of(cr, text, px) <= w) return text;
  std::string t = text;
  while (!t.empty() && width_of(cr, t + "…", px) > w) pop_utf8_char(&t);
  return t + "…";
}

// Greedy line breaking at spaces; a word longer than the line is cut.
std::vector<std::string> wrap(cairo_t* cr, const std::string& text, float w, float px) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string word, line;
  while (words >> word) {
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (width_of(cr, candidate, px) <= w) {
      line = candidate;
      continue;
    }
    if (!line.empty()) lines.push_back(line);
    line = width_of(cr, word, px) <= w ? word : fit(cr, word, w, px);
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

class Writer {
 public:
  explicit Writer(cairo_t* cr) : cr_(cr) {}

  void title(const std::string& t, const std::string& subtitle) {
    for (const auto& l : wrap(cr_, t, kTextW, kTitlePx)) text_line(l, kTitlePx, true, 1.3f);
    if (!subtitle.empty())
      for (const auto& l : wrap(cr_, subtitle, kTextW, kBodyPx)) text_line(l, kBodyPx, false);
    y_ += 10;
  }
  void heading(const std::string& t) {
    room(kHeadingPx * 1.4f + 8 + 4 * kBodyPx * 1.4f);
    y_ += 10;
    text_line(t, kHeadingPx, true, 1.4f);
    y_ += 4;
  }
  void subheading(const std::string& t) {
    room(kBodyPx * 1.4f + 6 + 4 * kTablePx * 1.6f);
    y_ += 4;
    text_line(t, kBodyPx, true, 1.4f);
  }
  void paragraph(const std::string& t, float indent = 0, const std::string& bullet = "") {
    bool first = true;
    for (const auto& l : wrap(cr_, t, kTextW - indent, kBodyPx)) {
      room(kBodyPx * 1.4f);
      if (first && !bullet.empty()) put(bullet, kMargin + indent - 10, kBodyPx, false);
      put(l, kMargin + indent, kBodyPx, false);
      y_ += kBodyPx * 1.4f;
      first = false;
    }
    y_ += 5;
  }
  void table(const ReportTable& t);
  void figure(const DrawList& d, const std::string& caption) {
    const float s = std::min(kTextW / d.width, (kPageH - 2 * kMargin) * 0.6f / d.height);
    room(d.height * s + 30);
    cairo_save(cr_);
    cairo_translate(cr_, kMargin, y_);
    cairo_scale(cr_, s, s);
    cairo_rectangle(cr_, 0, 0, d.width, d.height);
    cairo_clip(cr_);
    detail::draw_all(cr_, d);
    cairo_restore(cr_);
    y_ += d.height * s + 6;
    paragraph(caption);
  }
  void finish() { footer(); }

 private:
  void put(const std::string& s, float x, float px, bool bold, float gray = 0.1f) {
    detail::set_figure_font(cr_, px, bold);
    cairo_set_source_rgb(cr_, gray, gray, gray + 0.02f);
    cairo_move_to(cr_, x, y_ + detail::font_ascent(px));
    cairo_show_text(cr_, s.c_str());
  }
  void text_line(const std::string& s, float px, bool bold, float leading = 1.4f) {
    room(px * leading);
    put(s, kMargin, px, bold);
    y_ += px * leading;
  }
  // Starts a new page unless `h` more points fit on this one.
  void room(float h) {
    if (y_ + h <= kPageH - kMargin) return;
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }
  void footer() {
    const float keep = y_;
    y_ = kPageH - kMargin + 18;
    put("govnet report · page " + std::to_string(page_), kMargin, 7.5f, false, 0.45f);
    y_ = keep;
  }
  std::vector<float> column_widths(const ReportTable& t, float px);
  void table_row(const std::vector<std::string>& cells, const std::vector<float>& widths,
                 const ReportTable& t, float px, bool header);

  cairo_t* cr_;
  float y_ = kMargin;
  int page_ = 1;
};

std::vector<float> Writer::column_widths(const ReportTable& t, float px) {
  std::vector<float> w(t.columns.size(), 0);
  for (size_t c = 0; c < t.columns.size(); ++c) {
    w[c] = width_of(cr_, t.columns[c], px, true);
    for (const auto& row : t.rows)
      if (c < row.size()) w[c] = std::max(w[c], width_of(cr_, row[c], px));
    w[c] += 8;
  }
  // Too wide: the text columns share what the numeric ones leave, each capped at one width (the
  // largest that fits), never below its header.
  float numeric = 0, text = 0;
  for (size_t c = 0; c < w.size(); ++c)
    (c < t.numeric.size() && t.numeric[c] ? numeric : text) += w[c];
  if (numeric + text <= kTextW || text == 0) return w;
  float lo = 0, hi = kTextW;
  for (int i = 0; i < 40; ++i) {
    const float cap = (lo + hi) / 2;
    float used = numeric;
    for (size_t c = 0; c < w.size(); ++c)
      if (c >= t.numeric.size() || !t.numeric[c]) used += std::min(w[c], cap);
    (used > kTextW ? hi : lo) = cap;
  }
  for (size_t c = 0; c < w.size(); ++c)
    if (c >= t.numeric.size() || !t.numeric[c])
      w[c] = std::max(std::min(w[c], lo), width_of(cr_, t.columns[c], px, true) + 8);
  return w;
}

void Writer::table_row(const std::vector<std::string>& cells, const std::vector<float>& widths,
                       const ReportTable& t, float px, bool header) {
  float x = kMargin;
  for (size_t c = 0; c < widths.size(); ++c) {
    const std::string text = fit(cr_, c < cells.size() ? cells[c] : "", widths[c] - 8, px);
    const bool right = c < t.numeric.size() && t.numeric[c];
    const float tw = width_of(cr_, text, px, header);
    put(text, right ? x + widths[c] - 4 - tw : x + 4, px, header);
    x += widths[c];
  }
  const float line_y = y_ + px * 1.45f;
  cairo_set_source_rgb(cr_, header ? 0.55 : 0.88, header ? 0.55 : 0.88, header ? 0.55 : 0.88);
  cairo_set_line_width(cr_, header ? 0.7 : 0.4);
  cairo_move_to(cr_, kMargin, line_y);
  cairo_line_to(cr_, x, line_y);
  cairo_stroke(cr_);
  y_ += px * 1.6f;
}

void Writer::table(const ReportTable& t) {
  const std::vector<float> widths = column_widths(t, kTablePx);
  const float row_h = kTablePx * 1.6f;
  room(row_h * std::min<size_t>(3, t.rows.size() + 1));
  table_row(t.columns, widths, t, kTablePx, true);
  for (const auto& row : t.rows) {
    if (y_ + row_h > kPageH - kMargin) {
      room(kPageH);  // a new page, whose first row is the header again
      table_row(t.columns, widths, t, kTablePx, true);
    }
    table_row(row, widths, t, kTablePx, false);
  }
  y_ += 8;
}

}  // namespace

bool write_report_pdf(const ReportDocument& doc, const std::string& path, std::string* error) {
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), kPageW, kPageH);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "govnet");
  cairo_t* cr = cairo_create(surface);
  Writer w(cr);
  w.title(doc.title, doc.subtitle);
  for (const ReportBlock& b : doc.blocks) {
    switch (b.kind) {
      case ReportBlock::kHeading:
        w.heading(b.text);
        break;
      case ReportBlock::kSubheading:
        w.subheading(b.text);
        break;
      case ReportBlock::kParagraph:
        w.paragraph(b.text);
        break;
      case ReportBlock::kList:
        for (const auto& item : b.items) w.paragraph(item, 14, "•");
        break;
      case ReportBlock::kTable:
        w.table(b.table);
        break;
      case ReportBlock::kFigure:
        w.figure(b.figure, b.text);
        break;
    }
  }
  w.finish();
  cairo_status_t st = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) {
    *error = "cannot write " + path + " (" + cairo_status_to_string(st) +
             "; check that its folder exists and is writable)";
    return false;
  }
  return true;
}

}  // namespace govnet::viewer
