// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Hashes shared by the engine's builder and matcher. Changing any of them changes the serialised
// format: bump format::kFormatVersion.
#ifndef TRACKSCOPE_FILTER_HASHING_H_
#define TRACKSCOPE_FILTER_HASHING_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace trackscope::filter {

// Tokens: maximal runs of [a-z0-9] in a lower-cased URL or pattern. ('%' splits tokens, so that
// percent-encoded patterns like "%2Fbeacon%3F" still yield tokens.)
inline bool IsTokenChar(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// 32-bit FNV-1a of a token; never 0 (0 marks an empty slot).
inline uint32_t TokenHash(std::string_view token) {
  uint32_t h = 2166136261u;
  for (char c : token) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h == 0 ? 1 : h;
}

// Hosts are hashed right to left (64-bit FNV-1a over the reversed bytes, then mixed), so the
// hashes of all of a host's label suffixes come out of one pass from its end. The low two bits
// are cleared: domain lists use them as flags.
inline constexpr uint64_t kHostHashSeed = 0xcbf29ce484222325ull;
inline constexpr uint64_t HostHashStep(uint64_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
}
inline constexpr uint64_t HostHashFinish(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h & ~3ull;
}
inline uint64_t HostHash(std::string_view host) {
  uint64_t h = kHostHashSeed;
  for (size_t i = host.size(); i-- > 0;) h = HostHashStep(h, host[i]);
  return HostHashFinish(h);
}

// Calls f(hash, start) for each label suffix of `host` ("a.b.c" -> "c", "b.c", "a.b.c"),
// shortest first. `start` is the suffix's offset in host.
template <typename F>
void ForEachHostSuffix(std::string_view host, F&& f) {
  uint64_t h = kHostHashSeed;
  for (size_t i = host.size(); i-- > 0;) {
    if (host[i] == '.') f(HostHashFinish(h), i + 1);
    h = HostHashStep(h, host[i]);
  }
  if (!host.empty()) f(HostHashFinish(h), size_t{0});
}

// Checksum of the serialised engine: 64-bit words, multiply-rotate mixing.
inline uint64_t Checksum(const uint8_t* data, size_t size) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ size;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t w;
    __builtin_memcpy(&w, data + i, 8);
    h ^= w * 0x87C37B91114253D5ull;
    h = ((h << 31) | (h >> 33)) * 0x4CF5AD432745937Full;
  }
  for (; i < size; ++i) h = (h ^ data[i]) * 0x100000001b3ull;
  h ^= h >> 29;
  return h;
}

}  // namespace trackscope::filter

#endif  // TRACKSCOPE_FILTER_HASHING_H_
