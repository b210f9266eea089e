#include "figure_output.h"

#include <fstream>
#include <iostream>

#include "govnet/figure_export.h"

namespace govnet::viewer {
namespace {

std::string json_escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// Every drawn vertex's centre and radius on the page, as JSON.
bool write_positions(const ViewModel& m, const DrawList& d, const std::string& path) {
  std::ofstream out(path);
  out << "{\"width\": " << d.width << ", \"height\": " << d.height << ", \"vertices\": [\n";
  bool first = true;
  for (const DrawNode& n : d.nodes) {
    out << (first ? "" : ",\n") << "  {\"key\": \"" << json_escaped(m.key(n.vertex))
        << "\", \"x\": " << n.center.x << ", \"y\": " << n.center.y << ", \"radius\": " << n.radius
        << "}";
    first = false;
  }
  out << "\n]}\n";
  return static_cast<bool>(out);
}

bool write(const DrawList& d, const std::string& path, std::string* error) {
  auto format = figure_format_of(path);
  if (!format) {
    *error = "cannot tell the format of " + path + ": name it .png, .svg or .pdf";
    return false;
  }
  return write_figure(d, path, *format, error);
}

}  // namespace

FigureOptions figure_options(const AppState& s, int width, int height) {
  FigureOptions o;
  o.width = width;
  o.height = height;
  o.scale = s.options.scale;
  o.max_labels = s.show_labels ? s.max_labels : 0;
  o.title = s.options.figure_title;
  return o;
}

bool export_figure(const AppState& s, int width, int height, const std::string& path,
                   std::string* error) {
  if (width < 16 || height < 16 || width > 16384 || height > 16384) {
    *error = "image size " + std::to_string(width) + "x" + std::to_string(height) +
             " is out of range (16..16384 pixels a side)";
    return false;
  }
  DrawList d = build_draw_list(s.model, figure_options(s, width, height), figure_text_measure());
  return write(d, path, error);
}

int render_screenshot(AppState& s) {
  ViewModel& model = s.model;
  const AppOptions& options = s.options;
  const int steps = options.layout_steps < 0 ? s.layout.max_iterations : options.layout_steps;
  const FigureOptions fo = figure_options(s, options.width, options.height);
  int iterations = 0;
  bool converged = false;
  // A scene is drawn as it was framed; otherwise the layout runs and the network is fitted.
  DrawList d = options.framed ? build_draw_list(model, fo, figure_text_measure())
                              : lay_out_and_draw(model, s.layout, steps, fo, figure_text_measure(),
                                                 &iterations, &converged);
  std::string error;
  if (!write(d, options.screenshot, &error)) {
    std::cerr << "govnet view: " << error << "\n";
    return 1;
  }
  std::cout << "wrote " << options.screenshot << " (" << options.width << "x" << options.height
            << ", " << model.graph().vertex_count() << " vertices, "
            << (options.framed ? std::string("positions of the scene")
                               : std::to_string(iterations) + " layout iterations" +
                                     (converged ? ", converged" : ""))
            << "; " << d.labels.size() << " labels, " << d.labels_dropped << " left out)\n";
  if (!options.positions_out.empty() && !write_positions(model, d, options.positions_out)) {
    std::cerr << "govnet view: cannot write " << options.positions_out << "\n";
    return 1;
  }
  return 0;
}

}  // namespace govnet::viewer
