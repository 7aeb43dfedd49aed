// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// CookieYes: its script (cdn-cookieyes.com/client_data/<key>/script.js) carries the site's store
// with the categories and their cookies, as a JavaScript object literal:
//
//   ref._ckyStore = {_categories: [{slug: "analytics", isNecessary: !1, defaultConsent: {gdpr: !1},
//                                   cookies: [{cookieID: "_ga", domain: ".shop.example"}]}, …], …}
//
// (the WordPress plugin's `_ckyConfig` holds the same `_categories`, JSON-quoted). Lifetimes are in
// the audit table the banner fetches for the visitor's language (client_data/<key>/audit-table/
// <hash>.json): {"cookies": {"_ga": {"duration": "1 year 1 month 4 days", "description": …}}} —
// its shape as CookieYes's banner script reads it. Slugs: necessary, functional, analytics,
// performance, advertisement, other (PurposeOfCmpCategory; `isNecessary` makes necessary). A
// domain without a dot ("gtm", a label CookieYes uses for some providers) names no site.
#include <nlohmann/json.hpp>

#include "policy/cmp/js_literal.h"
#include "base/json_util.h"
#include "policy/cmp/readers.h"
#include "trackscope/policy/consent_manager.h"

namespace trackscope::cmp {
namespace {

using Json = nlohmann::json;


// "1 year 1 month 4 days" -> the sum of its parts; a single "1 year" as ParseLifetime reads it.
std::optional<double> Duration(std::string_view text) {
  if (std::optional<double> whole = ParseLifetime(text)) return whole;
  double total = 0;
  int parts = 0;
  size_t p = 0;
  while (p < text.size()) {
    while (p < text.size() && text[p] == ' ') ++p;
    size_t unit_end = text.find(' ', p);
    if (unit_end == std::string_view::npos) break;
    unit_end = text.find(' ', unit_end + 1);
    if (unit_end == std::string_view::npos) unit_end = text.size();
    const std::optional<double> part = ParseLifetime(text.substr(p, unit_end - p));
    if (!part || *part == 0 || *part == kPersistentLifetime) return std::nullopt;
    total += *part;
    ++parts;
    p = unit_end;
  }
  return parts ? std::optional<double>(total) : std::nullopt;
}

}  // namespace

std::optional<Error> CookieYesReader::Add(std::string_view body) {
  const Json audit = Json::parse(body.begin(), body.end(), nullptr, false);
  if (audit.is_object() && audit.contains("cookies") && audit["cookies"].is_object()) {
    for (auto it = audit["cookies"].begin(); it != audit["cookies"].end(); ++it) {
      if (!it->is_object()) continue;
      if (std::optional<double> days = Duration(StringMember(*it, "duration"))) durations_[it.key()] = *days;
    }
    return std::nullopt;
  }
  const std::optional<Json> categories = FindJsLiteral(body, "_categories", Json::value_t::array);
  if (!categories) return Error{"", "no CookieYes store (_categories) nor audit table ($.cookies) in the document"};
  for (size_t ci = 0; ci < categories->size(); ++ci) {
    const Json& c = (*categories)[ci];
    if (!c.is_object()) continue;
    const auto necessary = c.find("isNecessary");
    const Purpose purpose = necessary != c.end() && necessary->is_boolean() && necessary->get<bool>() ? Purpose::kNecessary
                                                                                                     : PurposeOfCmpCategory(StringMember(c, "slug"));
    const auto cookies = c.find("cookies");
    if (cookies == c.end() || !cookies->is_array()) continue;
    for (size_t i = 0; i < cookies->size(); ++i) {
      const Json& k = (*cookies)[i];
      if (!k.is_object() || StringMember(k, "cookieID").empty()) continue;
      Entry e;
      e.name = StringMember(k, "cookieID");
      e.purpose = purpose;
      if (const std::string domain = StringMember(k, "domain"); domain.find('.') != std::string::npos) e.domains.push_back(domain);
      e.where = "_categories[" + std::to_string(ci) + "].cookies[" + std::to_string(i) + "]";
      pending_.push_back(std::move(e));
    }
  }
  return std::nullopt;
}

void CookieYesReader::Finish(std::vector<Entry>& out) {
  for (Entry& e : pending_) {
    if (auto d = durations_.find(e.name); d != durations_.end()) e.lifetime_days = d->second;
    out.push_back(std::move(e));
  }
  pending_.clear();
}

}  // namespace trackscope::cmp
