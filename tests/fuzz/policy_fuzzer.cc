// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// A user-supplied policy file: parse and validate it; when valid, categorise every combination.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "trackscope/policy/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto policy = trackscope::Policy::Parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!policy.ok()) return 0;
  const size_t n = policy.value().categories().size();
  for (int kind = 0; kind < 4; ++kind) {
    for (int purpose = 0; purpose < trackscope::kPurposeCount; ++purpose) {
      for (int party = 0; party < 2; ++party) {
        trackscope::PolicyItem item{static_cast<trackscope::ItemKind>(kind), static_cast<trackscope::Purpose>(purpose),
                                    static_cast<trackscope::Party>(party), party == 1};
        if (policy.value().CategoryIndex(item) >= n) std::abort();  // validation promised coverage
      }
    }
  }
  return 0;
}
