// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "base/digest.h"

#include <catch2/catch_test_macros.hpp>
#include <string>

namespace trackscope {
namespace {

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST_CASE("SHA-1: RFC 3174 section 7.3 test vectors", "[digest]") {
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

TEST_CASE("SHA-1: streaming in pieces equals one update", "[digest]") {
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

namespace trackscope {
namespace {

TEST_CASE("MD5 and SHA-256: RFC 1321 and FIPS 180-4 test vectors", "[digest]") {
  CHECK(Md5Hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(Md5Hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(Md5Hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(Md5Hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
        "57edf4a22be3c955ac49da2e2107b67a");
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // Lengths around the padding boundary (55, 56, 64 bytes) against known digests.
  CHECK(Sha256Hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(Md5Hex(std::string(56, 'a')) == "3b0c8ac703f828b04c6c197006d17218");
  CHECK(Sha256Hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
}

}  // namespace
}  // namespace trackscope
