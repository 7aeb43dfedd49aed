// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Base64 for data from the web (RFC 4648 sections 4 and 5): decoding, encoding, and telling a
// base64 value from other text.
#ifndef TRACKSCOPE_BASE_BASE64_H_
#define TRACKSCOPE_BASE_BASE64_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace trackscope {

// Decodes standard and URL-safe base64 alike ('+' or '-', '/' or '_'); padding, line breaks and
// any other character are skipped, so HAR bodies and URL parameters decode as written.
//   Base64Decode("eyJncGMiOiB0cnVlfQ==") == R"({"gpc": true})"
inline std::string Base64Decode(std::string_view in) {
  std::string out;
  out.reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
                : c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
    if (v < 0) continue;
    acc = acc << 6 | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

// Standard base64 of `in`, without padding (the padding may differ between encoders; the rest does
// not): Base64Encode("ab") == "YWI".
inline std::string Base64Encode(std::string_view in) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() * 4 + 2) / 3);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    acc = (acc << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kChars[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kChars[(acc << (6 - bits)) & 63];
  return out;
}

// Whether `s` looks like a base64 encoding worth decoding: 12 to `max_size` characters of the
// standard or URL-safe alphabet (padding only at the end), at least 3/4 of them letters or digits,
// and some letters.
inline bool LooksBase64(std::string_view s, size_t max_size = 8192) {
  if (s.size() < 12 || s.size() > max_size) return false;
  size_t letters = 0, digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool pad = c == '=' && i + 2 >= s.size();
    if (!(pad || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '-' ||
          c == '_')) {
      return false;
    }
    letters += (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    digits += c >= '0' && c <= '9';
  }
  return letters > 0 && letters + digits >= s.size() * 3 / 4;
}

}  // namespace trackscope

#endif  // TRACKSCOPE_BASE_BASE64_H_
