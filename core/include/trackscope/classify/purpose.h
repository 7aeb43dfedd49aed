// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// What a cookie, storage item or beacon is for: the core's fine-grained purposes. Policies
// (policy/policy.h) map them, with party and kind, onto the categories a privacy policy uses.
//
//   necessary     the site cannot work without it: session, login, security, load balancing,
//                 the visitor's consent choice itself
//   functional    remembers preferences and settings: language, currency, UI state
//   analytics     measures use: statistics, A/B tests, session recording
//   advertising   ad targeting, retargeting, conversion tracking, ad-tech ids and syncing
//   social        social network widgets and logins that track
//   unclassified  no evidence either way
#ifndef TRACKSCOPE_CLASSIFY_PURPOSE_H_
#define TRACKSCOPE_CLASSIFY_PURPOSE_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace trackscope {

enum class Purpose : uint8_t { kNecessary, kFunctional, kAnalytics, kAdvertising, kSocial, kUnclassified };
inline constexpr int kPurposeCount = 6;

std::string_view PurposeName(Purpose purpose);  // "necessary", ..., "unclassified"
std::optional<Purpose> ParsePurpose(std::string_view name);

}  // namespace trackscope

#endif  // TRACKSCOPE_CLASSIFY_PURPOSE_H_
