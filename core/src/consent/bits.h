// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Bit-level reading shared by the IAB consent string decoders (GPP, TCF): base64url text to bits
// and a reader of fixed-width integers and Fibonacci-coded numbers. Private to consent/.
#ifndef TRACKSCOPE_CONSENT_BITS_H_
#define TRACKSCOPE_CONSENT_BITS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trackscope/base/result.h"

namespace trackscope {

// IAB strings (GPP header and sections, TC strings) are base64url text of a bit string, 6 bits a
// character, most significant first; `what` names the text in the error ("header", "section").
inline Result<std::vector<bool>> Base64UrlBits(std::string_view text, std::string_view what) {
  std::vector<bool> bits;
  bits.reserve(text.size() * 6);
  for (char c : text) {
    int v = c >= 'A' && c <= 'Z'   ? c - 'A'
            : c >= 'a' && c <= 'z' ? c - 'a' + 26
            : c >= '0' && c <= '9' ? c - '0' + 52
            : c == '-'             ? 62
            : c == '_'             ? 63
                                   : -1;
    if (v < 0) return Error{"", std::string(what) + " character '" + c + "' is not base64url"};
    for (int b = 5; b >= 0; --b) bits.push_back((v >> b) & 1);
  }
  return bits;
}

class BitReader {
 public:
  explicit BitReader(std::vector<bool> bits) : bits_(std::move(bits)) {}
  // The next `width` bits (at most 64) as an unsigned number, most significant first.
  std::optional<uint64_t> Int(int width) {
    if (pos_ + width > bits_.size()) return std::nullopt;
    uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = v << 1 | bits_[pos_++];
    return v;
  }
  size_t remaining() const { return bits_.size() - pos_; }
  // Fibonacci coding: bit i (from the first) stands for F(i+2) = 1, 2, 3, 5, ...; "11" ends it.
  std::optional<uint32_t> Fibonacci() {
    uint64_t value = 0, f = 1, g = 2;  // current and next Fibonacci number
    bool prev = false;
    for (int i = 0; pos_ < bits_.size() && i < 45; ++i) {
      const bool bit = bits_[pos_++];
      if (bit && prev) return static_cast<uint32_t>(value);
      if (bit) value += f;
      prev = bit;
      const uint64_t next = f + g;
      f = g, g = next;
    }
    return std::nullopt;
  }

 private:
  std::vector<bool> bits_;
  size_t pos_ = 0;
};

}  // namespace trackscope

#endif  // TRACKSCOPE_CONSENT_BITS_H_
