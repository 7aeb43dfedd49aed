// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// A Capture JSON document: parse, analyse (with a small filter engine), serialise.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trackscope/analyze/analyze.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const trackscope::filter::Engine engine = [] {
    trackscope::filter::ListSource source{"fuzz.txt", "||adnet.example^\n/px.gif?\n@@||ok.example^\n$ping,third-party\n"};
    return trackscope::filter::Engine::Build({&source, 1}).engine;
  }();
  trackscope::AnalyzeOptions options;
  options.filters = &engine;
  (void)trackscope::AnalyzeJson(std::string_view(reinterpret_cast<const char*>(data), size), options);
  return 0;
}
