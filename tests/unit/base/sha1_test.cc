// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "base/sha1.h"

#include <catch2/catch_test_macros.hpp>
#include <string>

namespace trackscope {
namespace {

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST_CASE("SHA-1: RFC 3174 section 7.3 test vectors", "[sha1]") {
  struct Case {
    std::string input;
    std::string_view digest;
  };
  const Case kCases[] = {
      {"abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},                                          // TEST1
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},  // TEST2
      {Repeat("a", 1000000), "34aa973cd4c4daa4f61eeb2bdbad27316534016f"},                          // TEST3
      {Repeat("0123456701234567012345670123456701234567012345670123456701234567", 10),
       "dea356a2cddd90c7a7ecedc5ebb563934f460452"},                                                 // TEST4
      {"", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
      {Repeat("x", 55), "cef734ba81a024479e09eb5a75b6ddae62e6abf1"},  // padding fits the last block exactly
  };
  for (const Case& c : kCases) {
    CAPTURE(c.input.size());
    CHECK(Sha1Hex(c.input) == c.digest);
  }
}

TEST_CASE("SHA-1: streaming in pieces equals one update", "[sha1]") {
  for (size_t n : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 119u, 120u, 1000u}) {
    CAPTURE(n);
    const std::string text = Repeat("q", n);
    Sha1 sha;
    for (size_t i = 0; i < n; i += 7) sha.Update(std::string_view(text).substr(i, 7));
    std::string hex;
    for (uint8_t b : sha.Finish()) {
      static constexpr char kHex[] = "0123456789abcdef";
      hex += kHex[b >> 4];
      hex += kHex[b & 15];
    }
    CHECK(hex == Sha1Hex(text));
  }
}

}  // namespace
}  // namespace trackscope
