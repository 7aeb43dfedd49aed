// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Base64 decoding for data from the web (RFC 4648 sections 4 and 5).
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

}  // namespace trackscope

#endif  // TRACKSCOPE_BASE_BASE64_H_
