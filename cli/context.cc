#include "context.h"

#include <unistd.h>

#include <cmath>
#include <ctime>

#include <cstdlib>

#include "govnet/parallel.h"
#include "govnet/text.h"
#include "stdout_file.h"

namespace govnet::cli {

void check(const Result& r) {
  if (!r.ok()) data_error(r.message());
}

Format Common::format() const {
  auto f = parse_format(format_name);
  if (!f) usage_error("unknown --format '" + format_name + "'; expected table, csv or json");
  return *f;
}

std::unique_ptr<Store> Common::open(bool read_only) const {
  std::unique_ptr<Store> store;
  check(Store::open(db, read_only ? Store::Access::kReadOnly : Store::Access::kReadWrite, &store));
  return store;
}

void add_db_option(CLI::App* cmd, Common* common) {
  const char* env = std::getenv("GOVNET_DB");
  common->db = env && *env ? env : "govnet.db";
  cmd->add_option("--db", common->db, "store directory (default: $GOVNET_DB, else ./govnet.db)")
      ->type_name("DIR");
  add_threads_option(cmd);
}

void add_threads_option(CLI::App* cmd) {
  cmd->add_option_function<unsigned>(
         "--threads", [](const unsigned& n) { set_thread_count(n); },
         "threads for every parallel part of the command: import, reading the store, "
         "centrality, layout (default: every core)")
      ->type_name("N")
      ->check(whole_number(1));
}

CLI::Validator whole_number(long long min) {
  const std::string what = "a whole number of " + std::to_string(min) + " or more";
  return CLI::Validator(
      [what, min](std::string& text) -> std::string {
        long long v = 0;
        size_t used = 0;
        try {
          v = std::stoll(text, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != text.size() || v < min)
          return "expected " + what + ", not '" + text + "'";
        return "";
      },
      "N>=" + std::to_string(min));
}

CLI::Validator positive_number() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double v = 0;
        size_t used = 0;
        try {
          v = std::stod(text, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != text.size() || !(v > 0) || !std::isfinite(v))
          return "expected a number above 0, not '" + text + "'";
        return "";
      },
      "X>0");
}

void add_query_options(CLI::App* cmd, Common* common) {
  add_db_option(cmd, common);
  cmd->add_option("--format", common->format_name, "output: table (default), csv or json")
      ->type_name("FORMAT");
  add_output_option(cmd);
}

NodeRef resolve_record(const Store& store, const std::string& text) {
  if (const std::optional<NodeType> kind = store.kind_of(text)) return {*kind, text};
  std::vector<SearchHit> hits;
  Result r = store.search(text, &hits);
  if (!r.ok()) data_error(r.message());
  const std::string norm = normalize_for_search(text);
  std::vector<const SearchHit*> exact;
  for (const auto& h : hits)
    if (normalize_for_search(h.matched) == norm) exact.push_back(&h);
  if (exact.size() == 1) return exact[0]->node;
  std::string msg = "no actor or instrument has the key '" + text + "'";
  if (!hits.empty()) {
    msg += exact.size() > 1 ? "; several records match that name:" : "; did you mean:";
    size_t shown = 0;
    for (const auto& h : hits) {
      if (shown++ == 8) {
        msg += "\n  ...";
        break;
      }
      msg += "\n  " + h.node.key + "  " + h.name;
    }
  } else {
    msg += "; search with `govnet actors --search TEXT` or `govnet instruments --search TEXT`";
  }
  data_error(msg);
}

bool interactive() { return isatty(STDERR_FILENO) == 1; }

std::string utc_time(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

std::string counts(const DatasetInfo& d) {
  return count_of(d.actors, "actor", "actors") + ", " +
         count_of(d.instruments, "instrument", "instruments") + ", " +
         count_of(d.ties, "tie", "ties") + ", " +
         count_of(d.evidence, "evidence record", "evidence records");
}

}  // namespace govnet::cli
