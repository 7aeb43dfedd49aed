// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// SHA-1 (RFC 3174 / FIPS 180-4), only to recognise published documents by the digest their
// publishers use (EFF's DNT policy versions, listed by SHA-1 in Privacy Badger's data). Not for
// anything that needs collision resistance.
//
//   Sha1Hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d"
#ifndef TRACKSCOPE_BASE_SHA1_H_
#define TRACKSCOPE_BASE_SHA1_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace trackscope {

class Sha1 {
 public:
  Sha1();
  void Update(std::string_view bytes);
  // The 20-byte digest. Finishes the computation: call once.
  std::array<uint8_t, 20> Finish();

 private:
  void Block(const uint8_t* block);

  std::array<uint32_t, 5> h_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;  // bytes
};

// Lower-case hex digest of `bytes`.
std::string Sha1Hex(std::string_view bytes);

}  // namespace trackscope

#endif  // TRACKSCOPE_BASE_SHA1_H_
