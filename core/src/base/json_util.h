// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Helpers shared by the JSON (de)serialisation translation units (the only ones that see
// nlohmann::json).
#ifndef TRACKSCOPE_BASE_JSON_UTIL_H_
#define TRACKSCOPE_BASE_JSON_UTIL_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace trackscope {

// "an object", "an array", "a string", "a boolean", "null", "a number": for "expected X, got Y".
const char* JsonTypeName(const nlohmann::json& j);

// Why `text` is not JSON, with line and column ("parse error at line 1, column 2: ...").
// Only meaningful for text that nlohmann::json::parse has rejected.
std::string JsonSyntaxError(std::string_view text);

}  // namespace trackscope

#endif  // TRACKSCOPE_BASE_JSON_UTIL_H_
