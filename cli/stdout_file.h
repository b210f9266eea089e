// `-o FILE` of the query commands: what the command would print on standard output goes to FILE
// instead, byte for byte.
#pragma once

#include <fstream>
#include <iosfwd>
#include <streambuf>
#include <string>

#include <CLI/CLI.hpp>

namespace govnet::cli {

// Adds -o,--output FILE to a command; the path is kept for main's StdoutFile.
void add_output_option(CLI::App* cmd);
// The FILE the chosen command's -o named; empty when none.
const std::string& output_path();

// Sends std::cout to `path` (nothing when `path` is empty) for its lifetime. The text goes to
// PATH.partial, renamed over PATH by commit(), so a command that fails leaves no file and no half
// file. Refuses (a usage error) a folder, and (a data error) a place it cannot write.
class StdoutFile {
 public:
  explicit StdoutFile(std::string path);
  ~StdoutFile();
  StdoutFile(const StdoutFile&) = delete;
  StdoutFile& operator=(const StdoutFile&) = delete;
  // Flushes and moves the file into place; a data error when the disk is full.
  void commit();

 private:
  std::string path_, tmp_;
  std::ofstream file_;
  std::streambuf* saved_ = nullptr;
};

}  // namespace govnet::cli
