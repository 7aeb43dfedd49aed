// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The per-format decoders behind DecodeConsentCookie (strings.h), shared between its
// files: each fills `out` (valid, fields, summary, opted_out / gpc / consent_given), or leaves
// valid false with the reason in summary (DecodeConsentCookie then drops the fields and meanings
// a failed decoder may have filled in). Private to consent/.
//
//   strings.cc   US Privacy, OneTrust, Cookiebot; the cookie-name dispatch
//   gpp.cc       IAB GPP: header, US National and state sections (+ embedded USP, TCF)
//   tcf.cc       IAB TCF v2 TC strings
#ifndef TRACKSCOPE_CONSENT_DECODERS_H_
#define TRACKSCOPE_CONSENT_DECODERS_H_

#include <string>
#include <string_view>

#include "trackscope/base/result.h"
#include "trackscope/report/privacy.h"

namespace trackscope {

// US Privacy string ("1YNN").
void DecodeUsPrivacy(std::string_view value, ConsentString& out);

// A GPP string (already percent-decoded).
void DecodeGpp(std::string_view value, ConsentString& out);

// A TC string as a whole cookie value.
void DecodeTcf(std::string_view value, ConsentString& out);

// A TC string's core segment: appends "<prefix><field>" fields (prefix "" in euconsent-v2,
// "tcfeuv2." in GPP), updates out.consent_given, and returns the summary, or an error.
Result<std::string> DecodeTcString(std::string_view text, std::string_view prefix, ConsentString& out);

}  // namespace trackscope

#endif  // TRACKSCOPE_CONSENT_DECODERS_H_
