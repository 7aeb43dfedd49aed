// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// What a cookie (or storage) value looks like: an identifier, a timestamp, a flag, a structure.
// Pure functions on the value string.
//
//   value                                      shape        identifier bits
//   "GA1.2.1234567890.1795932566"              ga_client    62 (two decimal numbers)
//   "6f1c9a42-8b1e-4c55-9d2a-1f0e3b6c7d8e"     uuid         122
//   "9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e"         hex          128
//   "eyJhbGciOiJIUzI1NiJ9"                     base64       ~120
//   "1795932566161"                            timestamp    0
//   "en", "true", "1"                          word / flag  0
#ifndef TRACKSCOPE_CLASSIFY_COOKIE_VALUE_H_
#define TRACKSCOPE_CLASSIFY_COOKIE_VALUE_H_

#include <cstdint>
#include <string_view>

namespace trackscope {

enum class ValueShape : uint8_t {
  kEmpty, kFlag, kNumber, kTimestamp, kUuid, kHex, kBase64, kGaClient, kStructured, kWord, kOther,
};
std::string_view ValueShapeName(ValueShape shape);  // "empty", "flag", ...

struct ValueInfo {
  ValueShape shape = ValueShape::kEmpty;
  // Estimated random bits (length x log2 of the alphabet the value draws from, for values that
  // look random); 0 for values that do not look like identifiers.
  int identifier_bits = 0;
  bool has_timestamp = false;  // contains a plausible Unix time (s or ms, 2000-2040)
};

ValueInfo AnalyzeValue(std::string_view value);

}  // namespace trackscope

#endif  // TRACKSCOPE_CLASSIFY_COOKIE_VALUE_H_
