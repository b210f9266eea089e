#include "values.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "govnet/text.h"

namespace govnet::values {

std::optional<double> number(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string tie_number_problem(std::string_view s) {
  s = trim(s);
  std::string low = ascii_lower(s);
  if (!low.empty() && (low[0] == '+' || low[0] == '-')) low.erase(0, 1);
  if (low == "inf" || low == "infinity" || low == "nan")
    return "'" + std::string(s) + "' is not a finite number; weights and amounts are numbers " +
           "between 0 and 1e15";
  std::string_view t = s;
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (p != t.data() + t.size() || t.empty()) return "";
  if (ec == std::errc::result_out_of_range && std::strtod(std::string(t).c_str(), nullptr) == 0)
    return "'" + std::string(s) + "' is too close to 0 for a number govnet stores; write 0 or a " +
           "larger number";
  if (ec == std::errc::result_out_of_range || std::fabs(v) > kMaxTieNumber)
    return "'" + std::string(s) + "' is larger than 1e15, the largest weight or amount govnet " +
           "stores (so that sums stay finite); check the value, or give it in larger units";
  return "";
}

std::string control_problem(std::string_view what, std::string_view v, bool one_line) {
  const size_t at = one_line ? find_control(v) : find_control_in_text(v);
  if (at == std::string_view::npos) return "";
  return std::string(what) + " '" + escape_controls(v) + "' contains the control character " +
         control_name(v, at) + "; " + std::string(what) +
         (one_line ? " must be one line of text without control characters"
                   : " may hold no control characters but tab and line breaks");
}

namespace {

bool formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@'; }

}  // namespace

std::string to_spreadsheet_text(const std::string& v) {
  if (v.empty()) return v;
  const bool formula = formula_start(v[0]) && !number(v);
  const bool quoted = v[0] == '\'' && v.size() > 1 && (formula_start(v[1]) || v[1] == '\'');
  return formula || quoted ? "'" + v : v;
}

std::string_view from_spreadsheet_text(std::string_view v) {
  if (v.size() > 1 && v[0] == '\'' && (formula_start(v[1]) || v[1] == '\'')) v.remove_prefix(1);
  return v;
}

std::string number_text(double v) {
  // Plain decimals for every weight and amount govnet stores (at most 1e15); exponents only
  // for numbers too small or too large to write out.
  const double a = std::fabs(v);
  const bool plain = a == 0 || (a >= 1e-6 && a < 1e16);
  char buf[64];
  const auto r = plain ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                       : std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string float_text(float v) {
  char buf[32];
  for (int prec = 1; prec <= 9; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return buf;
}

std::optional<bool> boolean(std::string_view s) {
  std::string t(trim(s));
  for (char& c : t)
    if (c >= 'A' && c <= 'Z') c += 32;
  if (t == "true" || t == "yes" || t == "1") return true;
  if (t == "false" || t == "no" || t == "0") return false;
  return std::nullopt;
}

std::optional<Date> date(std::string_view s, std::string* error) {
  s = trim(s);
  if (s.size() > 10 && s[10] == 'T') s = s.substr(0, 10);
  auto d = parse_date(s, error);
  if (d) return d;
  // A year as a number: "2009.0", "2009"
  size_t dot = s.find('.');
  if (dot == 4 && s.find_first_not_of('0', 5) == std::string_view::npos)
    return parse_date(s.substr(0, 4), error);
  return std::nullopt;
}

std::optional<std::vector<Evidence>> evidence_json(std::string_view s) {
  auto j = nlohmann::json::parse(s.begin(), s.end(), nullptr, false);
  if (j.is_discarded() || !j.is_array()) return std::nullopt;
  std::vector<Evidence> out;
  for (const auto& e : j) {
    if (!e.is_object()) return std::nullopt;
    Evidence ev;
    auto get = [&](const char* k, std::string* to) {
      if (e.contains(k) && e[k].is_string()) *to = e[k].get<std::string>();
    };
    get("source", &ev.source);
    get("locator", &ev.locator);
    get("quote", &ev.quote);
    get("url", &ev.url);
    get("accessed", &ev.accessed);
    if (ev.source.empty()) return std::nullopt;
    out.push_back(std::move(ev));
  }
  return out;
}

std::string evidence_to_json(const std::vector<Evidence>& ev) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& e : ev) {
    nlohmann::json o{{"source", e.source}};
    if (!e.locator.empty()) o["locator"] = e.locator;
    if (!e.quote.empty()) o["quote"] = e.quote;
    if (!e.url.empty()) o["url"] = e.url;
    if (!e.accessed.empty()) o["accessed"] = e.accessed;
    j.push_back(std::move(o));
  }
  return j.dump();
}

}  // namespace govnet::values
