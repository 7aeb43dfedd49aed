// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Message digests, only to recognise data by the digests others compute of it: published documents
// by the SHA-1 their publishers list (EFF's DNT policy versions in Privacy Badger's data), and a
// visitor's e-mail address or phone number hashed by a tracker (MD5, SHA-1 or SHA-256 of the
// normalised value, as ad platforms' "advanced matching" asks). Not for anything that needs
// collision resistance.
//
//   Md5Hex("abc")    == "900150983cd24fb0d6963f7d28e17f72"
//   Sha1Hex("abc")   == "a9993e364706816aba3e25717850c26c9cd0d89d"
//   Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#ifndef TRACKSCOPE_BASE_DIGEST_H_
#define TRACKSCOPE_BASE_DIGEST_H_

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

// Lower-case hex digests of `bytes`.
std::string Md5Hex(std::string_view bytes);    // RFC 1321
std::string Sha1Hex(std::string_view bytes);   // RFC 3174
std::string Sha256Hex(std::string_view bytes); // FIPS 180-4

}  // namespace trackscope

#endif  // TRACKSCOPE_BASE_DIGEST_H_
