// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// SHA-1 after RFC 3174 section 6.1 (method 1), 80-word schedule.
#include "base/sha1.h"

#include <algorithm>
#include <cstring>

namespace trackscope {
namespace {

constexpr uint32_t Rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

}  // namespace

Sha1::Sha1() : h_{0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u} {}

void Sha1::Block(const uint8_t* p) {
  uint32_t w[80];
  for (int t = 0; t < 16; ++t) {
    w[t] = uint32_t{p[4 * t]} << 24 | uint32_t{p[4 * t + 1]} << 16 | uint32_t{p[4 * t + 2]} << 8 | p[4 * t + 3];
  }
  for (int t = 16; t < 80; ++t) w[t] = Rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4];
  for (int t = 0; t < 80; ++t) {
    uint32_t f, k;
    if (t < 20) {
      f = (b & c) | (~b & d), k = 0x5A827999u;
    } else if (t < 40) {
      f = b ^ c ^ d, k = 0x6ED9EBA1u;
    } else if (t < 60) {
      f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDCu;
    } else {
      f = b ^ c ^ d, k = 0xCA62C1D6u;
    }
    const uint32_t temp = Rotl(a, 5) + f + e + w[t] + k;
    e = d, d = c, c = Rotl(b, 30), b = a, a = temp;
  }
  h_[0] += a, h_[1] += b, h_[2] += c, h_[3] += d, h_[4] += e;
}

void Sha1::Update(std::string_view bytes) {
  length_ += bytes.size();
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  size_t n = bytes.size();
  while (n > 0) {
    const size_t take = std::min(n, buffer_.size() - buffered_);
    std::memcpy(buffer_.data() + buffered_, p, take);
    buffered_ += take, p += take, n -= take;
    if (buffered_ == buffer_.size()) {
      Block(buffer_.data());
      buffered_ = 0;
    }
  }
}

std::array<uint8_t, 20> Sha1::Finish() {
  // Padding (RFC 3174 section 4): 0x80, zeros, then the message length in bits, big-endian.
  const uint64_t bits = length_ * 8;
  const uint8_t one = 0x80;
  Update(std::string_view(reinterpret_cast<const char*>(&one), 1));
  const char zero = 0;
  while (buffered_ != 56) Update(std::string_view(&zero, 1));
  uint8_t len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<uint8_t>(bits >> (56 - 8 * i));
  Update(std::string_view(reinterpret_cast<const char*>(len), 8));
  std::array<uint8_t, 20> digest;
  for (int i = 0; i < 20; ++i) digest[i] = static_cast<uint8_t>(h_[i / 4] >> (24 - 8 * (i % 4)));
  return digest;
}

std::string Sha1Hex(std::string_view bytes) {
  Sha1 sha;
  sha.Update(bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : sha.Finish()) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace trackscope
