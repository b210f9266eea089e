#include "spreadsheet.h"

#include <cmath>
#include <cstdio>

#include "govnet/text.h"

namespace govnet {

int choose_sheet(const std::vector<std::string>& names, const std::string& sheet,
                 std::string* error) {
  if (names.empty()) {
    *error = "the workbook has no sheets";
    return -1;
  }
  if (sheet.empty()) return 0;
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == sheet) return static_cast<int>(i);
  // Else the one sheet whose name matches ignoring case and accents (as column names do).
  int alike = -1;
  for (size_t i = 0; i < names.size(); ++i)
    if (normalize_for_search(names[i]) == normalize_for_search(sheet))
      alike = alike == -1 ? static_cast<int>(i) : -2;
  if (alike >= 0) return alike;
  if (sheet.find_first_not_of("0123456789") == std::string::npos && sheet.size() < 6) {
    size_t n = std::stoul(sheet);
    if (n >= 1 && n <= names.size()) return static_cast<int>(n - 1);
  }
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "'" : ", '") + n + "'";
  if (alike == -2) {
    *error = "'" + sheet + "' names several sheets when case is ignored (the workbook has " + list +
             "); give --sheet the exact name or a number from 1 to " + std::to_string(names.size());
    return -1;
  }
  *error = "the workbook has no sheet '" + sheet + "' (it has " + list +
           "); give --sheet one of these names or a number from 1 to " +
           std::to_string(names.size());
  return -1;
}

namespace {

// The civil date of a count of days since 1970-01-01 (proleptic Gregorian).
void civil_from_days(long long z, int* y, unsigned* m, unsigned* d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long yy = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(yy + (*m <= 2));
}

}  // namespace

std::string serial_to_iso_date(double serial, bool date1904) {
  double days = std::floor(serial);
  long long seconds = std::llround((serial - days) * 86400.0);
  if (seconds == 86400) {
    days += 1;
    seconds = 0;
  }
  char buf[32];
  long long whole = static_cast<long long>(days);
  if (!date1904 && whole == 60) {
    std::snprintf(buf, sizeof buf, "1900-02-29");  // the day the 1900 system counts but lacks
  } else {
    // 1904 system: day 0 is 1904-01-01; 1900 system: day 1 is 1900-01-01, and from day 61 on the
    // fictitious 1900-02-29 shifts the count by one.
    long long from_1970 = date1904 ? whole - 24107 : whole - (whole < 60 ? 25568 : 25569);
    int y;
    unsigned m, d;
    civil_from_days(from_1970, &y, &m, &d);
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  }
  std::string out = buf;
  if (seconds > 0) {
    std::snprintf(buf, sizeof buf, "T%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60,
                  seconds % 60);
    out += buf;
  }
  return out;
}

}  // namespace govnet
