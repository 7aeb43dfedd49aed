// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Reads a policy's "declaration" (core/data/policies/README.md); called by Policy::Parse.
#ifndef TRACKSCOPE_POLICY_DECLARATION_JSON_H_
#define TRACKSCOPE_POLICY_DECLARATION_JSON_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "trackscope/base/result.h"
#include "trackscope/policy/declaration.h"

namespace trackscope {

// `categories`: the policy's category ids -> index. Errors name the JSON path under `path`.
Result<Declaration> ParseDeclaration(const nlohmann::json& j, const std::string& path,
                                     const std::map<std::string, size_t>& categories);

// The declaration as a policy file writes it (ParseDeclaration reads it back): its categories keyed
// by `category_ids` (the policy's, by index), each listing vendors, cookies and beacons.
nlohmann::ordered_json DeclarationToJson(const Declaration& d, const std::vector<std::string>& category_ids);

}  // namespace trackscope

#endif  // TRACKSCOPE_POLICY_DECLARATION_JSON_H_
