// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// One filter line: parse it, build an engine from it, match requests against it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_common.h"
#include "trackscope/filter/filter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  if (line.find('\n') != std::string_view::npos) return -1;  // one line only
  (void)trackscope::filter::ParseFilterLine(line);
  trackscope::filter::ListSource source{"fuzz.txt", line};
  trackscope::filter::BuildOutput out = trackscope::filter::Engine::Build({&source, 1});
  trackscope::fuzz::MatchSomeRequests(out.engine);
  return 0;
}
