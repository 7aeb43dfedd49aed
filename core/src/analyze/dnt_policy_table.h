// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The generated table of EFF DNT policy versions (tools/gen/dnt-policies.mjs).
#ifndef TRACKSCOPE_ANALYZE_DNT_POLICY_TABLE_H_
#define TRACKSCOPE_ANALYZE_DNT_POLICY_TABLE_H_

#include <cstddef>
#include <string_view>

namespace trackscope::dnt_policy_table {

struct Policy {
  std::string_view sha1;  // 40 lower-case hex digits
  std::string_view name;  // "DNT Policy v1.0"
};

extern const std::string_view kSource;  // "webext-privacy-badger 2024.2.6-1"
extern const std::size_t kPolicyCount;
extern const Policy kPolicies[];  // sorted by sha1

}  // namespace trackscope::dnt_policy_table

#endif  // TRACKSCOPE_ANALYZE_DNT_POLICY_TABLE_H_
