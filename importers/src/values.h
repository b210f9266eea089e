// Lenient readers for values that arrive as text from other tools' files: numbers, yes/no,
// dates in the shapes graph tools write, and govnet's evidence encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/model.h"

namespace govnet::values {

// "12", "1.5", "1e3", " 7 "; nullopt for anything else (including NaN and infinities).
std::optional<double> number(std::string_view s);
// Weights and amounts are at most this in magnitude (a million times the largest budget on
// record), so that sums over millions of ties stay finite.
inline constexpr double kMaxTieNumber = 1e15;
// Why `s`, which reads as a number, cannot be a weight or an amount: infinite, not a number,
// beyond double's range ("1e400") or beyond kMaxTieNumber. Empty when it can be one, and for
// text that is no number at all (each reader says what it does with that).
std::string tie_number_problem(std::string_view s);
// Why a key, name, alias or role cannot be stored: it holds a control character (one that
// would reach terminals as an escape sequence). Names, aliases and roles may hold tabs and line
// breaks, keys (`one_line`) not even those. Empty when `v` is fine.
std::string control_problem(std::string_view what, std::string_view v, bool one_line);
// CSV cells for spreadsheets: text starting with =, +, - or @ (and not a number) would run as
// a formula when the file is opened, so it is written after an apostrophe, which spreadsheets
// show as text and do not display; an apostrophe already followed by one of those (or by
// another apostrophe) gets one more. from_spreadsheet_text undoes exactly this on import.
std::string to_spreadsheet_text(const std::string& v);
std::string_view from_spreadsheet_text(std::string_view v);
// true/false, yes/no, 1/0 (any case).
std::optional<bool> boolean(std::string_view s);
// YYYY, YYYY-MM, YYYY-MM-DD, an ISO date-time (the date part is kept), or a year written as a
// number ("2009.0", GEXF's double time format).
std::optional<Date> date(std::string_view s, std::string* error);
// The shortest text that reads back as the same double, in plain decimals unless it is below
// 1e-6 or from 1e16 on ("2.5", "11500000", "0.1", "1e-09").
std::string number_text(double v);
// The shortest text that reads back as the same float (layout positions: "10.5", "0.1").
std::string float_text(float v);
// A JSON array of {"source", "locator", "quote", "url", "accessed"} objects, as govnet exports
// evidence into GraphML and GEXF attributes.
std::optional<std::vector<Evidence>> evidence_json(std::string_view s);
std::string evidence_to_json(const std::vector<Evidence>& ev);

}  // namespace govnet::values
