// "Did you mean": when a command line does not parse, the command or option nearest to what was
// typed.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

namespace govnet::cli {

// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
// neighbours each cost 1 ("centraliy" is 1 from "centrality").
size_t edit_distance(std::string_view a, std::string_view b);

// The first unknown command or option of argv with the nearest known one, e.g. "unknown command
// 'centraliy'; did you mean centrality?" or "unknown option '--measur' of `govnet centrality`;
// did you mean --measure?"; empty when every command and option of argv is known.
std::string unknown_argument_message(CLI::App& app, int argc, const char* const* argv);

}  // namespace govnet::cli
