// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Report: the one output of the core, for one page. Plain structs; the JSON form (schema version
// 1, specified in core/src/report/REPORT.md) is written by ReportToJson().
//
// Layout of a report:
//
//   Report
//   ├── page            url, host, site (eTLD+1) of the top document
//   ├── summary         counts
//   ├── sites[]         one group per site (eTLD+1), first party first, then by request count
//   │   ├── hosts[]     hosts of that site seen on the page
//   │   ├── vendors[]   companies behind those hosts (third-party-web)
//   │   ├── requests[]  url, host, type, status, vendor, filter verdict with the rule as evidence
//   │   └── cookies[]   name, domain, lifetime, flags, who set it
//   └── diagnostics[]   input that was skipped, with its JSON path
#ifndef TRACKSCOPE_REPORT_REPORT_H_
#define TRACKSCOPE_REPORT_REPORT_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "trackscope/base/result.h"
#include "trackscope/capture/capture.h"
#include "trackscope/classify/cookie_classifier.h"
#include "trackscope/classify/purpose.h"
#include "trackscope/policy/policy.h"
#include "trackscope/report/beacons.h"
#include "trackscope/report/privacy.h"
#include "trackscope/url/registry.h"

namespace trackscope {

inline constexpr int kReportVersion = 2;

std::string_view PartyName(Party party);  // "first", "third"

// A filter list rule as evidence.
struct RuleEvidence {
  std::string rule;  // the rule's text as written in its list
  std::string list;  // the list's name, e.g. "easyprivacy.txt"
  uint32_t line = 0;
};

enum class FilterDecision : uint8_t { kNone, kBlock, kException };
std::string_view FilterDecisionName(FilterDecision decision);  // "none", "block", "exception"

// What the filter lists say about a request (when the analysis had a filter engine).
struct FilterVerdict {
  FilterDecision decision = FilterDecision::kNone;
  RuleEvidence block;      // the blocking rule (kBlock, kException)
  RuleEvidence exception;  // the overriding exception rule (kException)
  bool important = false;
  std::string redirect;    // $redirect resource named by the rule (reported, not served)
};

struct ReportRequest {
  std::string url;   // canonical
  std::string host;  // canonical
  ResourceType type = ResourceType::kOther;
  int status = 0;
  std::string vendor;     // name of the vendor behind host (see SiteGroup::vendors), or empty
  FilterVerdict filter;
};

// A company/service attributed to hosts of a site (vendor/vendor.h).
struct ReportVendor {
  std::string name, company, homepage, category;
  std::vector<std::string> domains;  // listed domains that matched hosts of this site
};

struct ReportCookie {
  std::string id;  // "cookie:<name>@<domain><path>": the same cookie on another load has the same id
  std::string name;
  std::string value;
  std::string domain;  // without the leading '.'
  std::string path;
  bool host_only = false;
  Party party = Party::kFirst;
  bool session = true;
  std::optional<double> expires;        // Unix seconds
  std::optional<double> lifetime_days;  // expires - capture time, when both are known
  // In words, rounded as cookie declarations state them: "session", "14 minutes", "1 year",
  // "13 months"; "persistent" without a capture time; "unknown" for a cookie only seen sent.
  std::string lifetime;
  bool http_only = false;
  bool secure = false;
  SameSite same_site = SameSite::kUnspecified;
  bool partitioned = false;
  SetterKind set_by = SetterKind::kUnknown;
  std::string set_by_url;
  // kSent: only seen in requests' Cookie headers (HAR import); session is false and lifetime,
  // path and flags are unknown.
  CookieSource observed = CookieSource::kStored;
  std::string vendor;  // vendor behind the cookie's domain, or empty
  // First-party cookies: its value seen in requests to third parties (analyze/sharing.cc); at most
  // 20 listed, shared_with_total counts all (endpoint and place).
  std::vector<ValueShare> shared_with;
  int shared_with_total = 0;
  // Purpose classification (classify/cookie_classifier.h).
  Purpose purpose = Purpose::kUnclassified;
  double confidence = 0;
  std::vector<Evidence> evidence;
  size_t category = 0;  // index into Report::policy_categories
};

// A category of the policy the report was made for, with what landed in it.
struct ReportCategory {
  PolicyCategory category;
  int cookies = 0;
  int third_party_cookies = 0;
  int beacons = 0;  // Report::beacons in this category
  int storage = 0;  // Report::storage items in this category
};

struct SiteGroup {
  std::string site;  // registrable domain, or the host when it has none (IP, localhost)
  Party party = Party::kThird;
  std::vector<std::string> hosts;  // sorted
  std::vector<ReportVendor> vendors;  // behind the site's hosts, in order of first appearance
  std::vector<ReportRequest> requests;  // in capture order
  std::vector<ReportCookie> cookies;    // in capture order
};

struct ReportSummary {
  int requests = 0;             // network requests analysed (http, https, ws, wss)
  int non_network_requests = 0; // data:, blob:, extension URLs: counted, not grouped
  int sites = 0;
  int third_party_sites = 0;
  int cookies = 0;
  int third_party_cookies = 0;
  int blocked_requests = 0;     // requests a filter list blocks (filters analysed only)
  int excepted_requests = 0;    // requests a list would block but an exception rule allows
  // Beacons, storage, fingerprinting (analyze/beacons.cc, storage.cc, fingerprint.cc).
  int beacons = 0;
  int beacons_with_identifiers = 0;
  int beacons_sharing_cookies = 0;  // carrying a cookie value of the page to another site
  int cookies_shared = 0;           // first-party cookies whose value was sent to a third party
  int storage_shared = 0;           // first-party storage items whose value was sent to a third party
  int storage_items = 0;
  int identifier_storage_items = 0;
  int fingerprinting_scripts = 0;           // verdict "likely"
  int possible_fingerprinting_scripts = 0;  // verdict "possible"
};

// The view model (analyze/items.cc): every cookie, beacon endpoint and storage item once, with a
// stable id, who is behind it and what a front end shows. Findings and comparisons name items by
// these ids. The details stay in sites[].cookies, beacons and storage (`ref`).
struct ReportItem {
  std::string id;       // "cookie:_ga@shop.example/", "beacon:collect.metrics.example/collect",
                        // "storage:localStorage:https://shop.example:visitor"
  ItemKind kind = ItemKind::kCookie;
  std::string name;     // cookie name, beacon host + path, storage key
  std::string site, host;
  Party party = Party::kFirst;
  std::string vendor;   // by the attribution rule (items.cc); empty: the site itself
  std::string tracker;  // id of the tracker behind it (Report::trackers)
  Purpose purpose = Purpose::kUnclassified;
  double confidence = 0;
  size_t category = 0;
  bool tracking = false;  // analytics, advertising or social
  std::string lifetime;   // cookies: as ReportCookie::lifetime; storage: "session" / "no expiry"; beacons: ""
  std::string evidence;   // the decisive evidence sentence
  int count = 1;          // beacons: hits to this endpoint
  size_t site_index = SIZE_MAX;  // cookies: sites[site_index].cookies[index]
  size_t index = 0;              // cookies (in their site), beacons (first hit), storage
};

// Who is behind items: a vendor (by name) or a site. Every item has one; third-party sites whose
// requests a filter list blocks are trackers too.
struct ReportTracker {
  std::string id;    // "tracker:vendor:Google Analytics", "tracker:site:adnet.example"
  std::string name;  // the vendor, else the site
  std::string site;
  Party party = Party::kThird;
  std::string vendor, company, vendor_category;
  std::string via;  // a script of this tracker through which first-party items are its own
  std::vector<std::string> items;  // item ids
  int cookies = 0, beacons = 0, storage = 0;
  int requests = 0;  // requests to its site
  int listed = 0;    // of them, blocked by a filter list
  std::vector<Purpose> purposes;  // tracking purposes of its items
  bool tracking = false;           // a tracking item or a listed request
};

// --- Beacons, storage, fingerprinting (filled by analyze/beacons.cc etc.) ---
// ReportBeacon, ReportStorageItem, ReportFingerprintScript: trackscope/report/beacons.h

// --- Privacy signals and findings (filled by analyze/signals.cc, analyze/declarations.cc) ---
// PrivacySignals, Finding: trackscope/report/privacy.h

struct Report {
  std::string page_url;
  std::string page_host;
  std::string page_site;
  std::string title;
  std::optional<double> captured_at;  // Unix seconds when the capture ended, when it says
  bool dnt_sent = false;
  bool gpc_sent = false;
  std::optional<VisitorSimulation> visit;  // what the front end simulated, when it says
  ReportSummary summary;
  std::string filter_lists;  // names of the lists used, comma-separated; empty without filters
  // The policy: id, name, stances, and its categories with counts.
  std::string policy_id, policy_name;
  SignalStance policy_dnt = SignalStance::kNotStated, policy_gpc = SignalStance::kNotStated;
  std::vector<ReportCategory> policy_categories;
  std::vector<std::pair<std::string, size_t>> policy_roles;  // Policy::Roles(): role -> category index
  // The declaration the page was checked against, when there was one: the policy's own, or the one
  // the consent manager published (policy/consent_manager.h), read from the capture.
  struct DeclarationSummary {
    std::string origin;  // "policy" or "consent-manager"
    std::string source;  // Declaration::source: where it was converted from; empty for a hand-written one
    std::string cmp;     // "Cookiebot", ...; empty for a policy's
    std::vector<std::string> urls;  // the consent manager's documents read
    size_t cookies = 0, vendors = 0, beacons = 0;
    std::vector<Error> notes;  // what was not converted (storage entries, documents that were not declarations)
  };
  std::optional<DeclarationSummary> declaration;
  // --- Beacons, storage, fingerprinting: members ---
  std::vector<ReportBeacon> beacons;
  std::vector<ReportStorageItem> storage;
  std::vector<ReportFingerprintScript> fingerprinting;
  // --- Privacy signals and findings: members ---
  PrivacySignals privacy;
  std::vector<Finding> findings;
  std::vector<SiteGroup> sites;
  // --- The view model (analyze/items.cc) ---
  std::vector<ReportItem> items;
  std::vector<ReportTracker> trackers;
  std::vector<Error> diagnostics;
};

// Serialises `report` as JSON (REPORT.md): compact, ASCII-only (other characters as \u escapes),
// written section by section without a DOM of the whole report, so that its memory follows its
// size. Invalid UTF-8 in observed strings is replaced with U+FFFD, never an error.
std::string ReportToJson(const Report& report);
// The same, appended to `out` (e.g. inside an envelope, without a copy).
void AppendReportJson(const Report& report, std::string& out);
// The same, handed to `write` in pieces of about 1 MiB as it is written: the whole text is never
// held (for reports of hundreds of thousands of requests).
void WriteReportJson(const Report& report, const std::function<void(std::string_view)>& write);

}  // namespace trackscope

#endif  // TRACKSCOPE_REPORT_REPORT_H_
