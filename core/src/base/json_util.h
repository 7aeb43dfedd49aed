// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Helpers shared by the JSON (de)serialisation translation units (the only ones that see
// nlohmann::json).
#ifndef TRACKSCOPE_BASE_JSON_UTIL_H_
#define TRACKSCOPE_BASE_JSON_UTIL_H_

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "trackscope/base/result.h"

namespace trackscope {

// "an object", "an array", "a string", "a boolean", "null", "a number": for "expected X, got Y".
const char* JsonTypeName(const nlohmann::json& j);

// Why `text` is not JSON, with line and column ("parse error at line 1, column 2: ...").
// Only meaningful for text that nlohmann::json::parse has rejected.
std::string JsonSyntaxError(std::string_view text);

// The string member `key` of the object `obj`, or "" when it is absent or not a string (for
// documents of others, read leniently: CMP declarations).
std::string StringMember(const nlohmann::json& obj, std::string_view key);

// For formats that reject what they do not know (policies, declarations): the first key of
// the object `obj` (found at JSON path `path`) that is not in `known`, as
// Error{"<path>.<key>", "unknown field"}; nullopt when every key is known.
//   CheckKnownKeys({"id": 1, "colour": 2}, "$.categories[0]", {"id", "label"})
//     -> Error{"$.categories[0].colour", "unknown field"}
std::optional<Error> CheckKnownKeys(const nlohmann::json& obj, const std::string& path,
                                    std::initializer_list<std::string_view> known);

}  // namespace trackscope

#endif  // TRACKSCOPE_BASE_JSON_UTIL_H_
