// Time in graph files: spells and dynamic values as a property graph holds them (text in the
// graph's time format) turned into govnet's dates, spells, dated weights and dated attributes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "govnet/model.h"
#include "govnet/property_graph.h"

namespace govnet::graph_time {

// A time as written in `time_format`: "date" and "datetime" take the date part (YYYY[-MM[-DD]],
// also when a time of day follows a 'T' or a space); "double" and "integer" read a number as a
// year (2009 or 2009.0; a fraction of a year is dropped). On failure nullopt and *error.
std::optional<Date> time_value(std::string_view text, std::string_view time_format,
                               std::string* error);

// Reports a value that could not be read; the message says what and why.
using Complain = std::function<void(const std::string& message)>;

// The spells of a node or edge; a spell whose time cannot be read, or that ends before it
// starts, is left out and reported.
Spells spells_of(const std::vector<PropertySpell>& spells, std::string_view time_format,
                 const Complain& complain);

// A period of a dynamic value; nullopt (reported) when a time cannot be read.
std::optional<Period> period_of(const PropertySpell& s, std::string_view time_format,
                                const Complain& complain);

// A node's or edge's dynamic values sorted out: the one name its dynamic labels give (the
// latest value of `label` or `name`; the other values, when they differ, stay as dated
// attributes), the dated weights (of the attribute `weight_name`) and the other dated
// attributes. A value that cannot be read is reported with the value.
struct DynamicParts {
  std::optional<std::string> name;
  std::vector<DatedWeight> weights;
  std::vector<DatedAttribute> attributes;
};
using ComplainAbout =
    std::function<void(const PropertyDynamicValue& value, const std::string& message)>;
DynamicParts sort_dynamic(const std::vector<PropertyDynamicValue>& values,
                          std::string_view time_format, std::string_view weight_name,
                          const ComplainAbout& complain);

}  // namespace govnet::graph_time
