// The fixture of the end-to-end tests: a temporary folder with a store path, and the real
// `govnet` binary run with arguments, its exit code and output captured.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "../storage/temp_dir.h"

namespace govnet::testing {

struct Outcome {
  int code;
  std::string out, err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

class Cli : public ::testing::Test {
 protected:
  TempDir tmp;
  std::string db = tmp.path("store.db");
  std::string src = GOVNET_SOURCE_DIR;
  std::string sample = src + "/samples/migration-governance/";

  Outcome run(const std::string& args) {
    std::string cmd = std::string(GOVNET_BINARY) + " " + args + " >" + tmp.path("out") + " 2>" +
                      tmp.path("err") + " </dev/null";
    int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(tmp.path("out")),
            slurp(tmp.path("err"))};
  }

  void load_sample() {
    Outcome r = run("import --db " + db + " --dataset sample " + sample + "actors.csv " + sample +
                    "instruments.csv " + sample + "ties.csv " + sample + "evidence.csv");
    ASSERT_EQ(r.code, 0) << r.err;
  }
};

}  // namespace govnet::testing
