// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// What a site declares about privacy signals in the resources it serves:
//
//   CheckGpcJson     /.well-known/gpc.json (GPC spec, https://privacycg.github.io/gpc-spec/ 6)
//     200 {"gpc": true, "lastUpdate": "2024-01-15"}    valid, gpc true, lastUpdate "2024-01-15"
//     200 {"gpc": "yes"}                               invalid: "gpc" must be true or false, got a string
//     200 <html>...                                    invalid: not JSON (...)
//     404                                              absent
//   CheckDntPolicy   /.well-known/dnt-policy.txt: SHA-1 of the body against EFF's versions
//   TkMeaning        the Tk response header (W3C Tracking Preference Expression 6.2)
#ifndef TRACKSCOPE_ANALYZE_WELL_KNOWN_H_
#define TRACKSCOPE_ANALYZE_WELL_KNOWN_H_

#include <optional>
#include <string_view>

#include "trackscope/capture/capture.h"
#include "trackscope/report/privacy.h"

namespace trackscope {

// nullopt = not fetched.
GpcJsonCheck CheckGpcJson(const std::optional<WellKnownResource>& resource);
DntPolicyCheck CheckDntPolicy(const std::optional<WellKnownResource>& resource);

// The EFF DNT policy version whose SHA-1 is `sha1_hex` (lower case), or empty.
std::string_view EffDntPolicyVersion(std::string_view sha1_hex);
// Number of EFF policy versions known, and where the hashes come from ("webext-privacy-badger ...").
size_t EffDntPolicyCount();
std::string_view EffDntPolicySource();

// "not tracking" for "N", ...; "unknown value" for anything else.
std::string_view TkMeaning(std::string_view value);

}  // namespace trackscope

#endif  // TRACKSCOPE_ANALYZE_WELL_KNOWN_H_
