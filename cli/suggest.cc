#include "suggest.h"

#include <algorithm>
#include <vector>

namespace govnet::cli {
namespace {

// The candidate nearest to `typed`, when it is close enough to be a slip of the fingers: at most
// one edit for short words, two for longer ones, or `typed` a prefix of exactly one candidate.
std::string nearest(const std::string& typed, const std::vector<std::string>& candidates) {
  const size_t limit = typed.size() <= 4 ? 1 : 2;
  std::string best;
  size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    const size_t d = edit_distance(typed, c);
    if (d < best_distance) best = c, best_distance = d;
  }
  if (!best.empty()) return best;
  std::vector<std::string> prefixed;
  for (const auto& c : candidates)
    if (typed.size() >= 3 && c.compare(0, typed.size(), typed) == 0) prefixed.push_back(c);
  return prefixed.size() == 1 ? prefixed[0] : "";
}

std::vector<std::string> command_names(CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options())
    for (const auto& l : o->get_lnames()) names.push_back("--" + l);
  return names;
}

std::string command_path(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* p = app.get_parent(); p; p = p->get_parent())
    path = p->get_name() + " " + path;
  return path;
}

std::string unknown_option(const CLI::App& cmd, const std::string& name) {
  std::string msg = "unknown option '" + name + "' of `" + command_path(cmd) + "`";
  const std::string guess = nearest(name, option_names(cmd));
  if (!guess.empty()) return msg + "; did you mean " + guess + "?";
  return msg + "; `" + command_path(cmd) + " --help` lists its options";
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

std::string unknown_argument_message(CLI::App& app, int argc, const char* const* argv) {
  CLI::App* current = &app;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.rfind("--", 0) == 0) {
      const std::string name = arg.substr(0, arg.find('='));
      if (!current->get_option_no_throw(name)) return unknown_option(*current, name);
      continue;
    }
    if (arg.rfind("-", 0) == 0) continue;
    const std::vector<std::string> commands = command_names(*current);
    if (std::find(commands.begin(), commands.end(), arg) != commands.end()) {
      current = current->get_subcommand(arg);
      continue;
    }
    if (current != &app) continue;  // a value or a positional argument of the command
    std::string msg = "unknown command '" + arg + "'";
    const std::string guess = nearest(arg, commands);
    if (!guess.empty()) return msg + "; did you mean " + guess + "?";
    return msg + "; `govnet --help` lists the commands";
  }
  return "";
}

}  // namespace govnet::cli
