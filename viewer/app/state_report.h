// What the window shows, as JSON (`govnet view --state-out FILE`, written when the window
// closes): for scripts that drive the window and for its tests.
#pragma once

#include <string>

#include "app_state.h"

namespace govnet::viewer {

// {"selection": [keys], "pinned": [keys], "selected_link": [from, to] or null, "path": [keys],
//  "as_of": year or null, "dated_only": bool, "layout_paused": bool, "camera_locked": bool,
//  "camera": {"cx", "cy", "zoom"}}. Keys in vertex order except the selection (in the order
// chosen) and the path (in its order).
std::string state_json(const AppState& s);
bool write_state(const AppState& s, const std::string& path, std::string* error);

}  // namespace govnet::viewer
