// Runs the real govnet binary for the viewer's tests, and reads what it wrote.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace govnet::testing {

// The environment prefix for a shell line that starts the viewer: the GL driver's own
// allocations outlive the process under a sanitizer build, so leak checking is off there.
inline std::string viewer_env() {
#ifdef GOVNET_NO_LEAK_CHECK
  return "ASAN_OPTIONS=detect_leaks=0 ";
#else
  return "";
#endif
}

// `govnet ARGS` with stdout and stderr to `log`; its exit code, or -1 when it did not exit.
inline int run_govnet(const std::string& args, const std::string& log) {
  std::string cmd =
      viewer_env() + std::string(GOVNET_BINARY) + " " + args + " >" + log + " 2>&1 </dev/null";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace govnet::testing
