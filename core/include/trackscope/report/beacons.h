// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Report sections for web beacons, storage and fingerprinting (REPORT.md, "Beacons, storage,
// fingerprinting"), filled by analyze/beacons.cc, analyze/storage.cc, analyze/fingerprint.cc.
//
//   Report::beacons[]         a tracking request: kind, vendor, decoded pixel, carried identifiers
//   Report::storage[]         one localStorage/sessionStorage key per origin, classified like a cookie
//   Report::fingerprinting[]  one script, with its fingerprinting API use and a verdict
#ifndef TRACKSCOPE_REPORT_BEACONS_H_
#define TRACKSCOPE_REPORT_BEACONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trackscope/capture/capture.h"
#include "trackscope/classify/beacon.h"
#include "trackscope/classify/cookie_classifier.h"
#include "trackscope/classify/fingerprint.h"
#include "trackscope/classify/payload.h"
#include "trackscope/classify/purpose.h"
#include "trackscope/classify/sensitive.h"
#include "trackscope/url/registry.h"

namespace trackscope {

// How a beacon was sent.
//   image      an image request: tiny (≤ 2×2, ≤ 128 bytes or 204), on a filter list or a tracker's
//              host with identifiers, or a known pixel endpoint
//   sendBeacon navigator.sendBeacon (a `beacon` event, or a ping-type request without ping headers)
//   ping       hyperlink auditing: <a ping> (Ping-To/Ping-From headers, body "PING")
//   keepalive  fetch(url, {keepalive: true}) (a `beacon` event with api "fetch")
//   request    another request type to a known pixel endpoint or a tracking-list endpoint
enum class BeaconKind : uint8_t { kImage, kSendBeacon, kPing, kKeepalive, kRequest };
std::string_view BeaconKindName(BeaconKind kind);  // "image", "sendBeacon", "ping", "keepalive", "request"

// An identifier a beacon carries, as reported (value redacted unless AnalyzeOptions::include_values).
struct BeaconIdentifier {
  std::string param;  // as sent; empty for an unparsed body
  ParamSource source = ParamSource::kQuery;
  std::string value;  // "•••• (32 chars)" by default
  std::string meaning;
  int bits = 0;
  bool named = false;
  // The page cookie whose value it carries (≥ 8 shared characters); cookie empty when none.
  std::string cookie, cookie_domain;
  Party cookie_party = Party::kFirst;
  int shared_chars = 0;
};

// Consent a hit claims in its own parameters (src/consent/hit_claims.h):
//   param         value (example)        says
//   gcs           "G111"                 Google Consent Mode: ad_storage, analytics_storage granted
//   gcd           "13r3r3r2r5l1"         Consent Mode v2: ad_storage, analytics_storage, ad_user_data,
//                                        ad_personalization, each as set by default and by update
//   gdpr_consent  TC string              IAB TCF v2: purposes and vendors consented
//   us_privacy    "1YNN"                 IAB US Privacy: opt-out of sale
//   gpp           GPP string             IAB GPP sections
// (gcs and gcd only on Google's endpoints, where they mean this.)
struct ConsentClaim {
  std::string param;  // as sent
  std::string value;  // as sent (at most 200 characters)
  bool valid = false;
  std::string summary;  // "ad_storage granted, analytics_storage granted", or why it does not decode
  std::vector<std::pair<std::string, std::string>> fields;  // "ad_storage" -> "granted", decoded fields
  // Whether the hit claims consent beyond the strictly necessary (a Consent Mode signal granted; a
  // TC string with a purpose or vendor consented); nullopt when it does not say.
  std::optional<bool> consent_given;
};

// One parameter of a beacon's URL or body, said for what it is (classify/payload.h) and checked for
// special categories of data (classify/sensitive.h).
struct PayloadItem {
  std::string param;  // as sent; empty for a body that does not parse
  ParamSource source = ParamSource::kQuery;
  FieldKind kind = FieldKind::kOther;
  std::string meaning;  // "page URL", "hashed e-mail address", ...; may be empty
  // The value, clipped to 200 characters; identifiers and personal data as "•••• (64 chars)" unless
  // AnalyzeOptions::include_values.
  std::string value;
  PersonalKind personal = PersonalKind::kNone;
  HashKind hash = HashKind::kNone;
  std::optional<SensitiveMatch> sensitive;  // a special category in the value (not for identifiers)
};

struct ReportBeacon {
  std::string id;  // "beacon:<host><path>": every hit to one endpoint shares it (Report::items)
  BeaconKind kind = BeaconKind::kImage;
  std::string url;       // the request URL; identifier values in its query replaced by "••••" by default
  std::string endpoint;  // scheme://host/path, without query
  std::string host, site;
  Party party = Party::kThird;
  ResourceType type = ResourceType::kOther;
  std::string method;
  int status = 0;
  int width = -1, height = -1;  // image size when known
  int64_t body_size = -1;
  std::string script_url;  // the sending script (sendBeacon/keepalive), or the request's initiator
  std::string vendor;      // vendor.h name of the host, else the decoder's company; may be empty
  // The decoded pixel (classify/beacon.h), when a decoder recognised the endpoint.
  std::string pixel, account, event;
  PixelMatch pixel_match = PixelMatch::kHost;
  std::vector<std::string> data_fields;  // names of decoded event-data parameters (cd[value], ep.x)
  std::vector<BeaconIdentifier> identifiers;
  std::vector<ConsentClaim> consent_claims;
  std::vector<PayloadItem> payload;  // every parameter, in order (at most 256)
  Purpose purpose = Purpose::kUnclassified;
  double confidence = 0;
  std::vector<Evidence> evidence;
  size_t category = 0;  // index into Report::policy_categories
};

enum class StorageArea : uint8_t { kLocal, kSession };
std::string_view StorageAreaName(StorageArea area);  // "localStorage", "sessionStorage"

// Where a first-party cookie's or storage item's value was sent to a third party
// (analyze/sharing.cc).
struct ValueShare {
  std::string site, host;  // the third party that received it
  std::string endpoint;    // scheme://host/path of the request (its query is not kept: it held the value)
  std::string where;       // "query parameter `cid`", "body parameter `uid`", "body", "path", "header `Referer`"
  std::string encoding;    // "plain" (percent-decoded) or "base64"
  int shared_chars = 0;    // length of the longest run of the value found there
  std::string vendor;      // vendor behind host, or empty
  Purpose vendor_purpose = Purpose::kUnclassified;
};

struct ReportStorageItem {
  std::string id;  // "storage:<area>:<origin>:<key>"
  StorageArea area = StorageArea::kLocal;
  std::string origin;  // scheme://host[:port] of the document that wrote it
  std::string host;
  Party party = Party::kFirst;
  std::string key;
  std::string value;       // the last value written; redacted when identifier-like (by default)
  int value_length = 0;    // characters of the last value
  int writes = 0;
  std::vector<std::string> scripts;  // writing scripts, in order of first write; "" = inline
  bool identifier = false;  // the value looks like an identifier (≥ 64 estimated bits)
  int identifier_bits = 0;
  std::string vendor;       // vendor of the (last) writing script's host, or empty
  std::vector<ValueShare> shared_with;  // its value in third-party requests (first party only; at most 20)
  int shared_with_total = 0;            // all such requests (endpoint and place)
  Purpose purpose = Purpose::kUnclassified;
  double confidence = 0;
  std::vector<Evidence> evidence;
  size_t category = 0;
};

struct ReportFingerprintScript {
  std::string script_url;  // empty: inline scripts of `host`
  std::string host;
  Party party = Party::kFirst;
  std::string vendor;
  FingerprintAssessment assessment;
};

}  // namespace trackscope

#endif  // TRACKSCOPE_REPORT_BEACONS_H_
