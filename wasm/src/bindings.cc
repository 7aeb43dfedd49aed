// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Embind declarations only; the logic lives in boundary.cc.
#include <emscripten/bind.h>

#include "boundary.h"

EMSCRIPTEN_BINDINGS(trackscope) {
  emscripten::function("analyze", &trackscope::wasm::AnalyzeEnvelope);
  emscripten::function("version", &trackscope::wasm::VersionJson);
}
