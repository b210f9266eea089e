#include "stdout_file.h"

#include <filesystem>
#include <iostream>

#include "context.h"

namespace govnet::cli {
namespace {
std::string& chosen_output() {
  static std::string path;
  return path;
}
}  // namespace

void add_output_option(CLI::App* cmd) {
  cmd->add_option_function<std::string>(
         "-o,--output", [](const std::string& p) { chosen_output() = p; },
         "write what would go to standard output to FILE instead (replaced when it exists)")
      ->type_name("FILE");
}

const std::string& output_path() { return chosen_output(); }

StdoutFile::StdoutFile(std::string path) : path_(std::move(path)) {
  if (path_.empty() || path_ == "-") return;
  std::error_code ec;
  if (std::filesystem::is_directory(path_, ec))
    usage_error("-o " + path_ + " is a folder; give the name of a file to write");
  tmp_ = path_ + ".partial";
  file_.open(tmp_, std::ios::binary | std::ios::trunc);
  if (!file_)
    data_error("cannot write " + path_ + ": check that the folder exists and is writable");
  saved_ = std::cout.rdbuf(file_.rdbuf());
}

StdoutFile::~StdoutFile() {
  if (!saved_) return;
  std::cout.rdbuf(saved_);
  file_.close();
  std::error_code ec;
  std::filesystem::remove(tmp_, ec);
}

void StdoutFile::commit() {
  if (!saved_) return;
  std::cout.flush();
  std::cout.rdbuf(saved_);
  saved_ = nullptr;
  file_.close();
  std::error_code ec;
  if (!file_) {
    std::filesystem::remove(tmp_, ec);
    data_error("writing " + path_ + " failed (disk full?)");
  }
  std::filesystem::rename(tmp_, path_, ec);
  if (ec) {
    std::filesystem::remove(tmp_, ec);
    data_error("cannot move the output into place at " + path_ + ": " + ec.message());
  }
}

}  // namespace govnet::cli
