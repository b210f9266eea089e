// lay_out_and_draw: the picture of a view without a window (screenshots, reports).
#include "govnet/component_packing.h"
#include "govnet/draw_list.h"

namespace govnet::viewer {

DrawList lay_out_and_draw(ViewModel& m, const LayoutOptions& layout_options, int steps,
                          const FigureOptions& o, const TextMeasure& measure, int* iterations,
                          bool* converged) {
  Layout layout(m.graph(), layout_options, m.positions(), m.pinned());
  layout.run(steps);
  std::vector<Vec2> positions = layout.positions();
  if (!layout.converged()) pack_components(component_ids(m.graph()), m.pinned(), &positions);
  m.set_positions(std::move(positions));
  m.set_viewport(o.width, o.height);
  const float legend = legend_size(m, o, measure).x + o.legend_left * o.scale;
  m.fit_to_screen(40 * o.scale, legend, 0);
  if (iterations) *iterations = layout.iterations();
  if (converged) *converged = layout.converged();
  return build_draw_list(m, o, measure);
}

}  // namespace govnet::viewer
