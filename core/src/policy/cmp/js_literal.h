// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// JavaScript literals in CMP scripts (Cookiebot's cc.js tables, CookieYes's store) read as JSON
// values: objects with quoted or bare keys, arrays, strings in either quote with JavaScript
// escapes, numbers, true / false / null and their minified forms !0 / !1, trailing commas.
// Anything else (a function call, a variable) ends the read with nullopt: the literal is not data.
//
//   ParseJsLiteral("[['_ga', \"shop.example\"],]")           -> [["_ga","shop.example"]]
//   ParseJsLiteral("{slug:\"analytics\",isNecessary:!1}")     -> {"slug":"analytics","isNecessary":false}
#ifndef TRACKSCOPE_POLICY_CMP_JS_LITERAL_H_
#define TRACKSCOPE_POLICY_CMP_JS_LITERAL_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace trackscope::cmp {

// The literal at the start of `text` (after white space); what follows it is not read.
std::optional<nlohmann::json> ParseJsLiteral(std::string_view text);

// The literal of type `type` assigned to the first `key` in `text` that is followed by `=` or `:`
// (a property set or an object member, quoted or not) and holds one; nullopt when none does.
//   FindJsLiteral("x.t=\"\";x.t = [[\"a\"]];", "t", array) -> [["a"]]   (the string is skipped)
std::optional<nlohmann::json> FindJsLiteral(std::string_view text, std::string_view key, nlohmann::json::value_t type);

}  // namespace trackscope::cmp

#endif  // TRACKSCOPE_POLICY_CMP_JS_LITERAL_H_
