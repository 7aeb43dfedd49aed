// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Cookie purpose classification with evidence. Layers, in order of precedence:
//
//   1. catalog      the name matches a known cookie (cookie_catalog.h)          confidence 0.75-0.95
//   2. attribution  who is behind the cookie: the vendor of its domain (for
//                   third-party cookies) or of the response/script that set it,
//                   and whether that setter is on EasyList/EasyPrivacy          0.6-0.8
//   3. heuristics   what the name says (session, csrf, consent, lang, ab, ...),
//                   then party, lifetime and the value (identifier-like?)       0.35-0.7
//
// The first layer with a verdict decides; the layers below still contribute their evidence
// (agreeing or not) so that a user sees every reason. With no evidence at all the purpose is
// `unclassified`.
//
//   CookieFacts facts = ...;                 // from the report's cookie and its setter
//   CookieVerdict v = ClassifyCookie(facts);
//   v.purpose == Purpose::kAnalytics; v.confidence == 0.9;
//   v.evidence[0].text == "name `_ga` matches catalog entry `_ga` (Google Analytics, analytics)"
#ifndef TRACKSCOPE_CLASSIFY_COOKIE_CLASSIFIER_H_
#define TRACKSCOPE_CLASSIFY_COOKIE_CLASSIFIER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trackscope/capture/capture.h"
#include "trackscope/classify/purpose.h"
#include "trackscope/policy/policy.h"
#include "trackscope/url/registry.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope {

struct CookieFacts {
  // kStorage: a localStorage (session = false, no expiry) or sessionStorage (session = true)
  // item, classified like a cookie of its origin; only the wording of the evidence differs.
  ItemKind kind = ItemKind::kCookie;
  std::string_view name;
  std::string_view value;
  std::string_view domain;  // canonical, no leading dot
  Party party = Party::kFirst;
  bool session = true;
  std::optional<double> lifetime_days;
  CookieSource observed = CookieSource::kStored;  // kSent: lifetime unknown (session is false)
  bool http_only = false;
  bool secure = false;
  SameSite same_site = SameSite::kUnspecified;
  SetterKind set_by = SetterKind::kUnknown;
  std::string_view setter_host;            // host of the setting response or script
  std::optional<Vendor> setter_vendor;     // vendor behind setter_host
  std::string_view setter_filter_list;     // list that blocks the setter ("easyprivacy.txt"), or empty
};

enum class EvidenceKind : uint8_t { kCatalog, kAttribution, kHeuristic };
std::string_view EvidenceKindName(EvidenceKind kind);  // "catalog", "attribution", "heuristic"

struct Evidence {
  EvidenceKind kind = EvidenceKind::kHeuristic;
  Purpose purpose = Purpose::kUnclassified;  // the purpose this points to
  double weight = 0;                         // its strength, 0-1
  std::string text;                          // for people: what was seen and what it means
};

struct CookieVerdict {
  Purpose purpose = Purpose::kUnclassified;
  double confidence = 0;  // 0-1
  std::vector<Evidence> evidence;  // strongest first
};

CookieVerdict ClassifyCookie(const CookieFacts& facts);

// The verdict from evidence gathered by any classifier (cookies, storage, beacons): the strongest
// evidence of the highest-precedence layer (catalog, attribution, heuristic) decides; evidence
// for the same purpose raises the confidence a little, contrary evidence lowers it. Evidence is
// returned decisive first, then strongest first.
CookieVerdict DecideVerdict(std::vector<Evidence> evidence);

// What a vendor category (third-party-web) suggests about the purpose of its cookies and
// beacons: ad/marketing/content -> advertising, analytics/tag-manager -> analytics, social ->
// social, consent/CDN/hosting -> necessary, customer-success -> functional; else nullopt.
std::optional<Purpose> PurposeOfVendorCategory(VendorCategory category);

// Splits a cookie name into lower-case words: "OptanonAlertBoxClosed" -> optanon alert box
// closed; "_hjSessionUser_123" -> hj session user 123. Exposed for tests.
std::vector<std::string> NameWords(std::string_view name);

}  // namespace trackscope

#endif  // TRACKSCOPE_CLASSIFY_COOKIE_CLASSIFIER_H_
