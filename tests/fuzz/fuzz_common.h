// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Shared by the libFuzzer targets: a few requests that exercise every matching path.
#ifndef TRACKSCOPE_TESTS_FUZZ_FUZZ_COMMON_H_
#define TRACKSCOPE_TESTS_FUZZ_FUZZ_COMMON_H_

#include <array>
#include <cstddef>
#include <string_view>

#include "trackscope/filter/engine.h"

namespace trackscope::fuzz {

// The input cut into N fields at '\x01' (missing fields empty; the last takes the rest).
template <size_t N>
std::array<std::string_view, N> SplitFields(std::string_view input) {
  std::array<std::string_view, N> fields;
  for (std::string_view& f : fields) {
    const size_t cut = input.find('\x01');
    f = input.substr(0, cut);
    input = cut == std::string_view::npos ? std::string_view() : input.substr(cut + 1);
  }
  return fields;
}

inline void MatchSomeRequests(const filter::Engine& engine) {
  using filter::RequestType;
  static constexpr struct {
    std::string_view url, source;
    RequestType type;
  } kRequests[] = {
      {"https://ads.example.com/banner/1.gif?id=1", "https://shop.example/", RequestType::kImage},
      {"http://[::1]:8080/x.js", "https://a.co.uk/", RequestType::kScript},
      {"wss://sock.example/%2Fbeacon%3F", "", RequestType::kWebSocket},
      {"https://www.shop.co.uk/", "https://www.shop.co.uk/", RequestType::kMainFrame},
      {"https://t.example/collect", "https://x.example/", RequestType::kPing},
      {"", "", RequestType::kOther},
      {"not a url at all ^^^ ***", "also://not", RequestType::kPopup},
  };
  for (const auto& r : kRequests) {
    filter::MatchResult m = engine.Match({r.url, r.source, r.type, "POST"});
    (void)engine.Describe(m.filter);
    (void)engine.Describe(m.exception);
  }
}

}  // namespace trackscope::fuzz

#endif  // TRACKSCOPE_TESTS_FUZZ_FUZZ_COMMON_H_
