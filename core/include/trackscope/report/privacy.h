// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The report's Do Not Track / Global Privacy Control section (Report::privacy) and its findings
// against a declaration (Report::findings). JSON: "privacy" and "findings" in REPORT.md.
//
//   PrivacySignals
//   ├── dnt, gpc          per signal: sent (capture + request headers), read by scripts,
//   │                     declared stance with its sources, tracking items present despite it
//   ├── reads[]           navigator.doNotTrack / globalPrivacyControl reads, per script
//   ├── tk[]              Tk response headers (W3C Tracking Preference Expression), per host
//   ├── gpcJson           /.well-known/gpc.json checked against the GPC spec
//   ├── dntPolicy         /.well-known/dnt-policy.txt compared with EFF's policy versions
//   └── consentStrings[]  consent cookies decoded: IAB TCF and GPP, US Privacy, OneTrust, Cookiebot
#ifndef TRACKSCOPE_REPORT_PRIVACY_H_
#define TRACKSCOPE_REPORT_PRIVACY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trackscope/capture/capture.h"
#include "trackscope/policy/policy.h"
#include "trackscope/url/registry.h"

namespace trackscope {

// /.well-known/gpc.json (https://privacycg.github.io/gpc-spec/ section 6).
enum class GpcJsonStatus : uint8_t { kNotFetched, kAbsent, kValid, kInvalid };
std::string_view GpcJsonStatusName(GpcJsonStatus status);  // "not-fetched", "absent", "valid", "invalid"

struct GpcJsonCheck {
  GpcJsonStatus status = GpcJsonStatus::kNotFetched;
  int http_status = 0;      // 0 = the fetch failed (or was not made)
  std::optional<bool> gpc;  // kValid: the "gpc" member
  std::string last_update;  // kValid: "lastUpdate" as written, empty when absent
  std::string reason;       // kAbsent / kInvalid: why, e.g. "\"gpc\" must be true or false, got a string"
};

// /.well-known/dnt-policy.txt: kEff when the SHA-1 of the body is one of EFF's published versions.
enum class DntPolicyStatus : uint8_t { kNotFetched, kAbsent, kEff, kNotEff };
std::string_view DntPolicyStatusName(DntPolicyStatus status);  // "not-fetched", "absent", "eff", "not-eff"

struct DntPolicyCheck {
  DntPolicyStatus status = DntPolicyStatus::kNotFetched;
  int http_status = 0;
  std::string sha1;     // of the body, when one was served
  std::string version;  // kEff: the EFF version name, e.g. "DNT Policy v1.0"
  std::string reason;   // kAbsent / kNotEff: why
};

// Scripts that read navigator.doNotTrack / navigator.globalPrivacyControl.
struct NavigatorRead {
  std::string property;    // "doNotTrack", "globalPrivacyControl"
  std::string script_url;  // empty = inline or unknown
  std::string site;        // site of the script (empty when inline)
  Party party = Party::kFirst;
  std::string vendor;      // vendor behind the script's host, or empty
  int count = 0;
};

// A Tk response header (W3C Tracking Preference Expression, section 6.2).
struct TkHeader {
  std::string host;
  std::string value;    // as sent, e.g. "N"
  std::string meaning;  // "not tracking", "disregarding", ...
  std::string url;      // the first response that carried it
  int count = 0;        // responses from `host` with this value
};

enum class ConsentStringKind : uint8_t { kUsPrivacy, kGpp, kOneTrust, kOneTrustAlertClosed, kTcf, kCookiebot };
// "us-privacy", "gpp", "onetrust", "onetrust-alert-closed", "tcf", "cookiebot"
std::string_view ConsentStringKindName(ConsentStringKind kind);

// A consent string found in a cookie, decoded (src/consent/strings.h).
struct ConsentString {
  ConsentStringKind kind = ConsentStringKind::kUsPrivacy;
  std::string cookie;  // the cookie's name
  std::string domain;
  std::string value;
  bool valid = false;
  std::string summary;  // what it says, or why it does not decode
  std::vector<std::pair<std::string, std::string>> fields;  // decoded fields, in order
  // What the record says about US opt-outs (sale, sharing, targeted advertising: US Privacy's
  // optOutSale, GPP's US sections): false when any applicable one records "did not opt out",
  // true when all applicable ones record an opt-out, nullopt when none applies or none is stored.
  std::optional<bool> opted_out;
  // The record's own GPC flag (GPP GPC subsection, OneTrust isGpcEnabled): whether the consent
  // manager saw the browser's Global Privacy Control signal; nullopt when it has none.
  std::optional<bool> gpc;
  // Whether the record grants consent beyond what is strictly necessary (TCF: a purpose, a vendor
  // or a special feature; OneTrust: a group other than C0001; Cookiebot: preferences, statistics
  // or marketing); nullopt when it does not say.
  std::optional<bool> consent_given;
};

// What one page load says about a signal, judged on that load alone (the comparison of two loads
// is analyze/compare.h's):
//   code            tone     when
//   not-sent        neutral  the browser did not send it
//   contradicted    bad      the site declares it honoured, yet tracking items loaded with it sent
//   record-ignores  bad      GPC sent, and a consent record shows no opt-out (or its GPC flag off)
//   no-tracking     good     sent, and no tracking item
//   as-declared     warn     sent, tracking items, and the site declares it does not honour it
//   no-stance       warn     sent, tracking items, the site states no stance
enum class SignalVerdictCode : uint8_t { kNotSent, kContradicted, kRecordIgnores, kNoTracking, kAsDeclared, kNoStance };
std::string_view SignalVerdictCodeName(SignalVerdictCode code);  // "not-sent", "contradicted", ...

struct SingleLoadVerdict {
  SignalVerdictCode code = SignalVerdictCode::kNotSent;
  std::string tone;     // "good", "warn", "bad", "neutral"
  std::string message;  // one sentence
};

// One signal (DNT or GPC) on this page load.
struct SignalSummary {
  bool sent = false;        // the capture says the browser sent it
  int header_requests = 0;  // requests seen carrying the header ("DNT: 1", "Sec-GPC: 1")
  int reads = 0;            // script reads of the navigator property
  // The stance the site itself declares, from its own material only — its /.well-known/gpc.json,
  // /.well-known/dnt-policy.txt, Tk header, and its declaration (a policy file that carries one):
  // honoured if any of them promises it.
  SignalStance declared = SignalStance::kNotStated;
  std::vector<std::pair<std::string, SignalStance>> sources;  // "declaration", "gpc.json", "dnt-policy.txt", "tk"
  // What the policy the report was made with says (its "signals"). Not the site's stance unless
  // the policy carries the site's declaration (then it is also a source, "declaration").
  SignalStance policy_stance = SignalStance::kNotStated;
  SingleLoadVerdict verdict;
};

struct PrivacySignals {
  int requests_with_headers = 0;  // requests whose request headers the capture recorded
  int tracking_items = 0;         // tracking cookies and beacons present at the end of the load
  SignalSummary dnt, gpc;
  std::vector<NavigatorRead> reads;
  std::vector<TkHeader> tk;
  GpcJsonCheck gpc_json;
  DntPolicyCheck dnt_policy;
  std::vector<ConsentString> consent_strings;
  ConsentState consent = ConsentState::kUnknown;  // as the capture says
};

// Declared vs observed (analyze/declarations.cc).
enum class FindingKind : uint8_t {
  kUndeclaredTracker,    // a third-party site with tracking items that the declaration does not name
  kUndeclaredCookie,     // a cookie the declaration does not list (when it lists cookies)
  kCategoryMismatch,     // declared in one category, observed in another
  kBeforeConsent,        // tracking cookie or beacon while the visitor had not consented / had refused
  kSignalContradiction,  // a declared DNT/GPC stance that the evidence contradicts
  kDeclaredNotSeen,      // declared but not observed on this page (info)
  kConsentRecordMismatch,  // the visitor rejected consent, and a consent record grants it
  kConsentClaimMismatch,   // a hit claims consent the visitor did not give or the consent record refuses
  kSessionRecording,       // a session-recording product loads or collects (classify/session_recording.h)
  kPersonalData,           // a third-party beacon carries personal data (e-mail, phone, name, ...), plain or hashed
  kSensitiveData,          // a third-party beacon carries a special category of data (classify/sensitive.h)
  kKeyLogging,             // a value typed into a form (never submitted) left for a third party
  kLifetimeExceeded,       // a cookie lives longer than its declared lifetime
};
// "undeclared-tracker", "undeclared-cookie", "category-mismatch", "before-consent",
// "signal-contradiction", "declared-not-seen", "consent-record-mismatch", "consent-claim-mismatch",
// "session-recording", "personal-data-to-third-party", "sensitive-data-to-third-party", "key-logging",
// "lifetime-exceeds-declared"
std::string_view FindingKindName(FindingKind kind);

enum class Severity : uint8_t { kInfo, kWarning, kError };
std::string_view SeverityName(Severity severity);  // "info", "warning", "error"

// What a finding about data that left the page says (personal-data-to-third-party,
// sensitive-data-to-third-party, key-logging; analyze/data_findings.cc).
struct FindingData {
  std::string field;        // the parameter ("udff[em]", "dl") or the place ("header `referer`", "body")
  std::string value;        // the value, clipped; personal data redacted unless values are asked for
  std::string kind;         // the special category ("health"), or the kinds of personal data ("email, phone")
  std::string matched;      // the lexicon term matched, or the encoding a typed value was found in ("sha256")
  std::string vendor;       // who received it, when known
  std::string destination;  // the endpoint, scheme://host/path
  std::string script;       // the sending script, when known
};

struct Finding {
  FindingKind kind = FindingKind::kDeclaredNotSeen;
  Severity severity = Severity::kInfo;
  std::string item_kind;  // "cookie", "beacon", "tracker", "vendor", "dnt", "gpc"
  std::string item;       // cookie name, site, beacon URL, vendor
  std::string item_id;    // the item's or tracker's id (Report::items, ::trackers); empty when none
  std::string site;       // the item's site, when it has one
  std::string declared_category;  // category ids, when the finding is about categories
  std::string observed_category;
  std::string message;    // one readable sentence naming the item
  std::optional<FindingData> data;  // for findings about data that left the page
};

}  // namespace trackscope

#endif  // TRACKSCOPE_REPORT_PRIVACY_H_
