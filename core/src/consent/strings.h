// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Consent records that consent managers keep in cookies, decoded:
//
//   cookie                         value (example)                     decodes to
//   usprivacy, us_privacy          "1YNN"                              US Privacy (IAB CCPA framework):
//                                                                      notice given, not opted out of
//                                                                      sale, not covered by the LSPA
//   __gpp, OTGPPConsent            "DBABLA~CEQRAAAAAABA.YA"            IAB GPP: section ids; TCF, US
//                                                                      Privacy, US National and state
//                                                                      sections (opt-outs, GPC flag)
//   euconsent-v2, eupubconsent-v2  "CQdaBhyQdaBhyAKACBENCWEo..."       IAB TCF v2: CMP, purposes and
//                                                                      vendors consented, ...
//   OptanonConsent                 "...&groups=C0001%3A1%2CC0004%3A0"  OneTrust: C0001 on, C0004 off
//   OptanonAlertBoxClosed          "2024-05-01T10:00:00.000Z"          OneTrust: banner closed then
//   CookieConsent                  "{stamp:'..',necessary:true,...}"   Cookiebot: categories on/off
//
// Besides its fields and a one-line summary, each record says what it means for the visitor's
// choice: opted_out (US opt-outs), gpc (the CMP saw GPC), consent_given (consent beyond the
// strictly necessary). A recognised cookie whose value does not decode is returned with
// valid = false, the reason in `summary`, and no fields or meanings.
#ifndef TRACKSCOPE_CONSENT_STRINGS_H_
#define TRACKSCOPE_CONSENT_STRINGS_H_

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

#endif  // TRACKSCOPE_CONSENT_STRINGS_H_
