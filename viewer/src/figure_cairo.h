// The Cairo back-end's drawing, for writers that place a draw list on a page of their own (the
// report's PDF). Internal to the figure library.
#pragma once

#include <cairo.h>

#include "govnet/draw_list.h"

namespace govnet::viewer::detail {

// Paints `d` (background first) onto `cr` in the draw list's page coordinates.
void draw_all(cairo_t* cr, const DrawList& d);

// Sets the label font at `px` with the unhinted metrics every writer uses.
void set_figure_font(cairo_t* cr, float px, bool bold = false);

}  // namespace govnet::viewer::detail
