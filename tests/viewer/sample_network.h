// The bundled sample (samples/migration-governance) read as one network, for the viewer's
// model tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "govnet/govnet_csv.h"

namespace govnet::testing {

inline Network sample_network() {
  std::vector<CsvInput> in;
  for (const char* f : {"actors.csv", "instruments.csv", "ties.csv", "evidence.csv"})
    in.push_back(
        {std::string(GOVNET_SOURCE_DIR) + "/samples/migration-governance/" + f, std::nullopt});
  CsvImportResult r = read_govnet_csv(in, {});
  EXPECT_TRUE(r.problems.empty());
  return r.network;
}

}  // namespace govnet::testing
