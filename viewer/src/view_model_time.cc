// The view model's time queries: the year the view is as of, and how many records start in each
// year (the strip under the time slider).
#include "govnet/view_model.h"

namespace govnet::viewer {

std::optional<int> ViewModel::as_of_year() const {
  if (!spec_.from || !spec_.to || !(*spec_.from == *spec_.to)) return std::nullopt;
  return spec_.to->year;
}

std::vector<int> ViewModel::starts_per_year() const {
  if (years_.first == 0 && years_.second == 0) return {};
  std::vector<int> counts(static_cast<size_t>(years_.second - years_.first + 1), 0);
  // Each spell's start counts: a record that comes back after a gap starts again.
  auto count = [&](const Spells& spells) {
    for (const Period& p : spells.periods)
      if (p.start && p.start->year >= years_.first && p.start->year <= years_.second)
        ++counts[static_cast<size_t>(p.start->year - years_.first)];
  };
  for (const auto& x : net_.instruments) count(x.spells);
  for (const auto& t : net_.ties) count(t.spells);
  return counts;
}

}  // namespace govnet::viewer
