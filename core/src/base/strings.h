// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Small ASCII string helpers shared across the core.
#ifndef TRACKSCOPE_BASE_STRINGS_H_
#define TRACKSCOPE_BASE_STRINGS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// The fields of `s` between `separator`s, empty ones included: "a||b" -> {"a", "", "b"}, "" -> {""}.
inline std::vector<std::string_view> SplitView(std::string_view s, char separator) {
  std::vector<std::string_view> out;
  for (size_t start = 0;;) {
    const size_t end = s.find(separator, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

// `s` cut to at most `max_bytes` bytes at a UTF-8 character boundary, with "…" when cut.
// Appends the code point `cp` (at most U+10FFFF) to `out` as UTF-8. A surrogate is encoded as
// given: callers that must not write one pass U+FFFD instead.
inline void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

inline std::string ClipUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "…";
}

}  // namespace trackscope

#endif  // TRACKSCOPE_BASE_STRINGS_H_
