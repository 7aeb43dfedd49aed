// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Consent that a hit claims in its own parameters (ConsentClaim, trackscope/report/beacons.h):
//
//   param         value            decodes to
//   gcs           "G100"           ad_storage denied, analytics_storage denied
//                 "G101"           ad_storage denied, analytics_storage granted
//                 "G111"           both granted ("-" for a signal not set)
//   gcd           "13r3r3r2r5l1"   the lower-case letters, in order, are ad_storage,
//                                  analytics_storage, ad_user_data, ad_personalization:
//                                  l not set; p denied by default; q denied by default and after
//                                  update; t granted by default; r denied by default, granted
//                                  after update; m denied by update; n granted by update; u granted
//                                  by default, denied after update; v granted by default and
//                                  after update (what is in force: the update, else the default)
//   gdpr_consent  TC string        IAB TCF v2 (consent/tcf.cc); `gdpr` (0/1) said beside it
//   us_privacy    "1YNN"           IAB US Privacy
//   gpp           GPP string       IAB GPP (`gpp_sid`: the sections that apply, said beside it)
//
// Google's parameters are read only where they are Google's (`google`: the endpoint is a Google
// tag's, on Google's host or proxied); the IAB parameters on any endpoint.
#ifndef TRACKSCOPE_CONSENT_HIT_CLAIMS_H_
#define TRACKSCOPE_CONSENT_HIT_CLAIMS_H_

#include <vector>

#include "trackscope/classify/beacon.h"
#include "trackscope/report/beacons.h"

namespace trackscope {

// The claims among `params` (ParseParams), in parameter order, one per parameter name.
std::vector<ConsentClaim> ConsentClaimsIn(const std::vector<Param>& params, bool google);

}  // namespace trackscope

#endif  // TRACKSCOPE_CONSENT_HIT_CLAIMS_H_
