// What the main loop draws and animates on the canvas besides the network: pin markers, the
// time caption, the animated fit and the "play growth" animation.
#pragma once

#include <cstdint>
#include <optional>

#include "app_state.h"

namespace govnet::viewer {

// A marker (a pin head above and right of the node) on every pinned node in the viewport.
void draw_pin_markers(const ViewModel& m);
// The pinned node whose marker is under the screen point, if any.
std::optional<uint32_t> pin_at(const ViewModel& m, float sx, float sy);
void unpin_all(AppState& s);
// The view's time ("as of 2012", "2005–2010") in large type at the top of the canvas, when the
// view is limited in time.
void draw_time_caption(const AppState& s, int window_width);
// Rings around the neighbours of the hovered vertex (else of the last selected one), lines to
// them, and the chosen link drawn over the network.
void draw_highlights(const ViewModel& m);
// The hover tooltip of a link: its ties' family, role and period, and the first quote.
void link_tooltip(const ViewModel& m, uint32_t link);
// Moves the camera along an animated fit (AppState::start_fit) until it arrives.
void animate_fit(AppState& s, double now);
// While playing, steps the as-of year every AppState::play_seconds; stops after the last year.
void play(AppState& s, double now);

}  // namespace govnet::viewer
