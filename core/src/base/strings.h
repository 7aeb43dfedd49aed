// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Small ASCII string helpers shared across the core.
#ifndef TRACKSCOPE_BASE_STRINGS_H_
#define TRACKSCOPE_BASE_STRINGS_H_

#include <string>
#include <string_view>

namespace trackscope {

// `s` without leading and trailing characters from `chars` (default: space and tab, the HTTP
// "optional whitespace" of RFC 9110 5.6.3).
inline std::string_view Trim(std::string_view s, std::string_view chars = " \t") {
  const size_t b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(chars) - b + 1);
}

inline char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

inline std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLowerAscii(c);
  return out;
}

}  // namespace trackscope

#endif  // TRACKSCOPE_BASE_STRINGS_H_
