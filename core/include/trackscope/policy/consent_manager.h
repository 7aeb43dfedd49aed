// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The cookie declarations that consent-management platforms (CMPs) publish for a site, read into
// a trackscope Declaration (policy/declaration.h) in a policy's categories, so that a page can be
// checked against what its own consent banner tells visitors.
//
// A front end recognises the documents among what the page loads (CmpDocumentOf), keeps their
// bodies (Capture `wellKnown.cmp`, CAPTURE.md) and the core converts them:
//
//   CMP          document (as the CMP's own script fetches it)                    read from
//   Cookiebot    consent.cookiebot.com/<cbid>/cc.js (also .eu)                    cookieTableNecessary, …Preference,
//                                                                                  …Statistics, …Advertising, …Unclassified
//   OneTrust     cdn.cookielaw.org/consent/<id>/<ruleset>/<lang>.json (and the    DomainData.Groups[] (or Groups[]):
//                other OneTrust CDNs)                                             FirstPartyCookies[], Hosts[].Cookies[]
//   Usercentrics api.usercentrics.eu/settings/<id>/latest/<lang>.json             consentTemplates[] (service -> category)
//                aggregator.service.usercentrics.eu/aggregate/<lang>?templates=…   templates[].deviceStorage.disclosures[]
//   CookieYes    cdn-cookieyes.com/client_data/<key>/script.js                    _categories[].cookies[]
//                cdn-cookieyes.com/client_data/<key>/audit-table/<hash>.json       cookies.<name>.duration
//   Complianz    <site>/wp-json/complianz/v1/documents/ (the banner does not load  the cookie policy's HTML: per
//                it: CmpDocumentToFetch names it for the banner's script)          service, purpose heading, name,
//                                                                                  retention
//
// Each CMP category becomes a purpose (necessary, functional, analytics, advertising, social,
// unclassified), and each entry the policy's category for an item of that purpose, party (the
// entry's domain against the page's site) and lifetime — what the policy would call the cookie if
// the CMP's category were right. So a category-mismatch finding says: the core classifies the
// cookie differently from the banner. Third-party providers become declared vendors (by domain;
// Complianz's services, which have none, by their vendor name, vendor/vendor.h LookupVendorNamed,
// when the vendor data knows it); pixels become
// declared beacons (any path on their host); local-storage entries are not checked (counted in
// `notes`). Cookie names: Cookiebot's '#' and runs of "xxx" placeholders become '*', and a name
// with a pattern ("^_gat(_.+)*$") becomes its literal prefix and '*'.
//
//   std::vector<CmpDocument> docs = {{"https://consent.cookiebot.com/0f1e…/cc.js", cc_js_text}};
//   Result<CmpDeclaration> d = ReadCmpDeclaration(docs, "https://www.shop.example/", policy);
//   Result<Policy> checked = policy.WithDeclaration(d.value().declaration);
#ifndef TRACKSCOPE_POLICY_CONSENT_MANAGER_H_
#define TRACKSCOPE_POLICY_CONSENT_MANAGER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trackscope/base/result.h"
#include "trackscope/policy/declaration.h"
#include "trackscope/policy/policy.h"

namespace trackscope {

enum class Cmp : uint8_t { kCookiebot, kOneTrust, kUsercentrics, kCookieYes, kComplianz };
std::string_view CmpName(Cmp cmp);  // "Cookiebot", "OneTrust", "Usercentrics", "CookieYes", "Complianz"

// The CMP whose declaration `url` serves, or nullopt (also for an unparsable URL).
std::optional<Cmp> CmpDocumentOf(std::string_view url);

// The declaration to fetch for a page that loaded `url`, when the CMP's banner does not load its
// declaration itself (a front end then fetches it, outside the page): Complianz's banner script
// names the site's REST API, under the WordPress installation's path.
//   ".../blog/wp-content/plugins/complianz-gdpr/cookiebanner/js/complianz.min.js?ver=7"
//     -> ".../blog/wp-json/complianz/v1/documents/"   (scheme, host and port kept)
// nullopt for any other URL. The result is one that CmpDocumentOf names.
std::optional<std::string> CmpDocumentToFetch(std::string_view url);

struct CmpDocument {
  std::string url;
  std::string body;
};

struct CmpDeclaration {
  Cmp cmp = Cmp::kCookiebot;  // of the first document read
  std::vector<std::string> urls;  // the documents read, in order
  Declaration declaration;        // its `source` names the CMP and the first URL
  size_t entries = 0;             // the CMP's entries read (cookies, pixels, storage)
  // What was read but not converted, and documents that were not declarations: each with the
  // document's URL (and the entry) in `path` and why in `message`.
  std::vector<Error> notes;
};

// Converts the documents that are CMP declarations (CmpDocumentOf) into one declaration in
// `policy`'s categories; `page_url` is the audited page (its site decides each entry's party).
// Fails when none of them yields an entry, naming each document and what was wrong with it.
Result<CmpDeclaration> ReadCmpDeclaration(std::span<const CmpDocument> documents, std::string_view page_url, const Policy& policy);

// A CMP's category name or id as a purpose, by keywords in several languages:
//   "Strictly Necessary Cookies", "essential", "C0001"       necessary
//   "Preferences", "Functional Cookies", "C0003"             functional
//   "Statistics", "Performance Cookies", "analytics", "C0002" analytics
//   "Marketing", "Targeting Cookies", "advertisement", "C0004" advertising
//   "Social Media Cookies", "C0005"                          social
//   anything else ("Unclassified", "Pending")                unclassified
Purpose PurposeOfCmpCategory(std::string_view name);

}  // namespace trackscope

#endif  // TRACKSCOPE_POLICY_CONSENT_MANAGER_H_
