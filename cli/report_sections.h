// The sections of `govnet report`, each added to a report document from one loaded view.
#pragma once

#include <string>
#include <vector>

#include "govnet/report_document.h"
#include "output.h"
#include "view_options.h"

namespace govnet::cli {

struct ReportInputs {
  const Store* store = nullptr;
  const LoadedView* lv = nullptr;
  ViewSpec spec;
  std::string view;  // ViewOptions::describe(spec)
  std::string groups = "kind";
  int top = 10;
  uint64_t seed = 1;
  std::string timeline_measure = "degree";
  std::vector<DatasetInfo> datasets;
};

// Numbers as a report prints them: four significant digits, integers whole.
std::string report_number(double v);
// A command's table as a report table, its numbers in report_number's form.
viewer::ReportTable report_table(const Table& t);

void add_network_section(const ReportInputs& in, viewer::ReportDocument* doc);
void add_picture_section(const ReportInputs& in, viewer::ReportDocument* doc);
void add_centrality_section(const ReportInputs& in, viewer::ReportDocument* doc);
void add_brokerage_section(const ReportInputs& in, viewer::ReportDocument* doc);
void add_community_section(const ReportInputs& in, viewer::ReportDocument* doc);
void add_timeline_section(const ReportInputs& in, viewer::ReportDocument* doc);
void add_methods_section(const ReportInputs& in, viewer::ReportDocument* doc);

}  // namespace govnet::cli
