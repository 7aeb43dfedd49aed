// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// A whole list: build, serialise, load the bytes back, and check both engines agree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  trackscope::filter::ListSource source{"fuzz.txt", text};
  trackscope::filter::BuildOutput out = trackscope::filter::Engine::Build({&source, 1});
  trackscope::fuzz::MatchSomeRequests(out.engine);
  std::vector<uint8_t> bytes(out.engine.bytes().begin(), out.engine.bytes().end());
  auto loaded = trackscope::filter::Engine::Load(bytes);
  if (!loaded.ok()) std::abort();  // an engine we built must load
  std::vector<uint8_t> again(loaded.value().bytes().begin(), loaded.value().bytes().end());
  if (again != bytes) std::abort();
  return 0;
}
