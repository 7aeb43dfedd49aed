// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Consent strings that consent managers keep in cookies, decoded:
//
//   cookie                       value (example)                       decodes to
//   usprivacy, us_privacy        "1YNN"                                US Privacy (IAB CCPA
//                                                                      framework): version 1, notice
//                                                                      given, not opted out of sale,
//                                                                      not covered by the LSPA
//   __gpp                        "DBACNY~CPXx...~1YNN"                 IAB GPP: header section ids
//                                                                      2 (tcfeuv2), 6 (uspv1)
//   OptanonConsent               "...&groups=C0001%3A1%2CC0004%3A0"   OneTrust: C0001 on, C0004 off
//   OptanonAlertBoxClosed        "2024-05-01T10:00:00.000Z"            OneTrust: banner closed then
//
// A recognised cookie whose value does not decode is returned with valid = false and the reason
// in `summary`.
#ifndef TRACKSCOPE_ANALYZE_CONSENT_STRINGS_H_
#define TRACKSCOPE_ANALYZE_CONSENT_STRINGS_H_

#include <optional>
#include <string_view>
#include <vector>

#include "trackscope/report/privacy.h"

namespace trackscope {

// nullopt when `cookie_name` is not a consent cookie this decoder knows.
std::optional<ConsentString> DecodeConsentCookie(std::string_view cookie_name, std::string_view value);

// The section ids listed in a GPP string's header (IAB GPP v1, "Range (Fibonacci)"), or an error.
Result<std::vector<int>> GppSectionIds(std::string_view gpp_string);

}  // namespace trackscope

#endif  // TRACKSCOPE_ANALYZE_CONSENT_STRINGS_H_
