// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The generated Public Suffix List table (layout: see tools/gen/psl.mjs).
#ifndef TRACKSCOPE_URL_PSL_TABLE_H_
#define TRACKSCOPE_URL_PSL_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace trackscope::psl_table {

inline constexpr uint8_t kRuleIcann = 0x01, kWildcardIcann = 0x02, kExceptionIcann = 0x04;
inline constexpr uint8_t kRulePrivate = 0x08, kWildcardPrivate = 0x10, kExceptionPrivate = 0x20;
inline constexpr uint8_t kInterior = 0x40;

extern const std::size_t kCount;
extern const uint32_t kRules;
extern const std::string_view kSource;
extern const uint64_t kKeys[];  // sorted ascending
extern const uint8_t kFlags[];  // parallel to kKeys

// FNV-1a 64 step, applied to a key's bytes from its last byte to its first.
inline constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
inline constexpr uint64_t HashStep(uint64_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
}

}  // namespace trackscope::psl_table

#endif  // TRACKSCOPE_URL_PSL_TABLE_H_
