// What every govnet command shares: the store location, output format, errors with exit codes,
// and looking up the record a user named.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <stdexcept>
#include <string>

#include "govnet/result.h"
#include "govnet/store.h"
#include "output.h"

namespace govnet::cli {

// Exit codes of the command-line contract.
constexpr int kExitOk = 0;
constexpr int kExitDataError = 1;
constexpr int kExitUsage = 2;

// Thrown by commands; main prints "govnet: <message>" and exits with `code`.
struct Failure : std::runtime_error {
  int code;
  Failure(int c, const std::string& m) : std::runtime_error(m), code(c) {}
};
[[noreturn]] inline void usage_error(const std::string& m) { throw Failure(kExitUsage, m); }
[[noreturn]] inline void data_error(const std::string& m) { throw Failure(kExitDataError, m); }
// Turns a non-ok Result into a Failure (exit 1).
void check(const Result& r);

struct Common {
  std::string db;
  std::string format_name = "table";
  Format format() const;
  // Opens the store: read-only for queries (a snapshot; works while an import is writing).
  std::unique_ptr<Store> open(bool read_only) const;
};

// Adds --db (default $GOVNET_DB or ./govnet.db) and --threads to a command.
void add_db_option(CLI::App* cmd, Common* common);
// Adds --threads N, which sets the thread count every parallel part of the command uses
// (govnet::set_thread_count) when the command line is parsed; absent: every core.
void add_threads_option(CLI::App* cmd);
// Checks for numeric options: a whole number of at least `min` ("--top: expected a whole number
// of 0 or more, not '-1'"), and a number above 0.
CLI::Validator whole_number(long long min);
CLI::Validator positive_number();
// Adds --db, --format table|csv|json and -o FILE.
void add_query_options(CLI::App* cmd, Common* common);

// The record a user named: the exact key, or else the one record whose key, name or alias
// matches after normalization ("iom", "Moldova"). Fails with suggestions otherwise.
NodeRef resolve_record(const Store& store, const std::string& text);

// "2024-05-01 12:00 UTC"
std::string utc_time(int64_t unix_seconds);
// "3 actors, 2 instruments, 5 ties, 4 evidence records"
std::string counts(const DatasetInfo& d);

// True when stderr is a terminal, so progress may be shown.
bool interactive();

}  // namespace govnet::cli
