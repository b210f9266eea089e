// Writes a DrawList to a file: PNG and PDF through Cairo, SVG as plain SVG text. Text stays
// text in SVG (<text> elements) and PDF (embedded font subsets), so it can be selected and
// searched. The same draw list gives the same bytes. Built with GOVNET_BUILD_VIEWER.
#pragma once

#include <optional>
#include <string>

#include "govnet/draw_list.h"

namespace govnet::viewer {

enum class FigureFormat : uint8_t { kPng, kSvg, kPdf };

// The format a file name asks for by its extension (.png, .svg, .pdf; any case), or nullopt.
std::optional<FigureFormat> figure_format_of(const std::string& path);

// The label font (DejaVu Sans, through Cairo and fontconfig) measured as every figure writer
// sets it, with unhinted metrics so that PNG, SVG and PDF agree. Not thread-safe.
TextMeasure figure_text_measure();

// The font family every back-end names.
inline constexpr const char* kFigureFont = "DejaVu Sans";

// Writes `d` to `path`; false with a message a person can act on when the file cannot be made.
bool write_figure(const DrawList& d, const std::string& path, FigureFormat format,
                  std::string* error);

// The SVG document of `d` (what write_figure writes for kSvg).
std::string figure_svg(const DrawList& d);

}  // namespace govnet::viewer
