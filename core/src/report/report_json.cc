// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// ReportToJson: Report -> JSON (REPORT.md).
#include <cmath>
#include <nlohmann/json.hpp>

#include "trackscope/analyze/analyze.h"
#include "base/time_util.h"
#include "report/sections.h"
#include "trackscope/report/report.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope {
namespace {

using Json = nlohmann::ordered_json;

Json ToJson(const RuleEvidence& e) { return Json{{"rule", e.rule}, {"list", e.list}, {"line", e.line}}; }

Json ToJson(const ReportRequest& r) {
  Json j{{"url", r.url}, {"host", r.host}, {"type", ResourceTypeName(r.type)}, {"status", r.status}};
  j["vendor"] = r.vendor.empty() ? Json(nullptr) : Json(r.vendor);
  if (r.filter.decision == FilterDecision::kNone) {
    j["filter"] = nullptr;
  } else {
    Json f{{"decision", FilterDecisionName(r.filter.decision)}, {"important", r.filter.important}};
    f["block"] = ToJson(r.filter.block);
    f["exception"] = r.filter.decision == FilterDecision::kException ? ToJson(r.filter.exception) : Json(nullptr);
    f["redirect"] = r.filter.redirect.empty() ? Json(nullptr) : Json(r.filter.redirect);
    j["filter"] = std::move(f);
  }
  return j;
}

Json ToJson(const ReportVendor& v) {
  return Json{{"name", v.name}, {"company", v.company}, {"category", v.category}, {"homepage", v.homepage},
              {"domains", v.domains}};
}

Json ToJson(const ReportCookie& c, const Report& report) {
  Json j{{"name", c.name},
         {"value", c.value},
         {"domain", c.domain},
         {"path", c.path},
         {"hostOnly", c.host_only},
         {"party", PartyName(c.party)},
         {"session", c.session}};
  j["expires"] = c.expires ? Json(*c.expires) : Json(nullptr);
  j["lifetimeDays"] = c.lifetime_days ? Json(*c.lifetime_days) : Json(nullptr);
  j["lifetime"] = c.observed == CookieSource::kSent ? "unknown" : c.session ? "session"
                : c.lifetime_days ? LifetimeWords(*c.lifetime_days) : "persistent";
  j["httpOnly"] = c.http_only;
  j["secure"] = c.secure;
  j["sameSite"] = SameSiteName(c.same_site);
  j["partitioned"] = c.partitioned;
  j["setBy"] = Json{{"kind", SetterKindName(c.set_by)}, {"url", c.set_by_url}};
  j["observed"] = CookieSourceName(c.observed);
  j["vendor"] = c.vendor.empty() ? Json(nullptr) : Json(c.vendor);
  j["purpose"] = PurposeName(c.purpose);
  j["confidence"] = std::round(c.confidence * 100) / 100;
  Json evidence = Json::array();
  for (const Evidence& e : c.evidence) {
    evidence.push_back(Json{{"kind", EvidenceKindName(e.kind)}, {"purpose", PurposeName(e.purpose)}, {"text", e.text}});
  }
  j["evidence"] = std::move(evidence);
  j["category"] = c.category < report.policy_categories.size() ? Json(report.policy_categories[c.category].category.id) : Json(nullptr);
  return j;
}

Json PolicyJson(const Report& report) {
  Json categories = Json::array();
  for (const ReportCategory& c : report.policy_categories) {
    categories.push_back(Json{{"id", c.category.id},
                              {"label", c.category.label},
                              {"description", c.category.description},
                              {"cookies", c.cookies},
                              {"thirdPartyCookies", c.third_party_cookies}});
  }
  return Json{{"id", report.policy_id},
              {"name", report.policy_name},
              {"signals", Json{{"dnt", SignalStanceName(report.policy_dnt)}, {"gpc", SignalStanceName(report.policy_gpc)}}},
              {"categories", std::move(categories)}};
}

}  // namespace

std::string_view PartyName(Party party) { return party == Party::kFirst ? "first" : "third"; }

std::string ReportToJson(const Report& report, int indent) {
  Json sites = Json::array();
  for (const SiteGroup& g : report.sites) {
    Json requests = Json::array(), cookies = Json::array(), vendors = Json::array();
    for (const ReportVendor& v : g.vendors) vendors.push_back(ToJson(v));
    for (const ReportRequest& r : g.requests) requests.push_back(ToJson(r));
    for (const ReportCookie& c : g.cookies) cookies.push_back(ToJson(c, report));
    sites.push_back(Json{{"site", g.site},
                         {"party", PartyName(g.party)},
                         {"hosts", g.hosts},
                         {"vendors", std::move(vendors)},
                         {"requests", std::move(requests)},
                         {"cookies", std::move(cookies)}});
  }
  Json diagnostics = Json::array();
  for (const Error& d : report.diagnostics) diagnostics.push_back(Json{{"path", d.path}, {"message", d.message}});
  const ReportSummary& s = report.summary;
  const PublicSuffixListInfo psl = GetPublicSuffixListInfo();
  Json doc{
      {"format", "trackscope-report"},
      {"version", kReportVersion},
      {"generator", Json{{"name", "trackscope"},
                         {"version", Version()},
                         {"publicSuffixList", psl.source},
                         {"vendors", GetVendorDataInfo().source},
                         {"filterLists", report.filter_lists}}},
      {"page", Json{{"url", report.page_url}, {"host", report.page_host}, {"site", report.page_site}, {"title", report.title},
                    {"capturedAt", report.captured_at ? Json(FormatIso8601(*report.captured_at)) : Json(nullptr)}}},
      {"signals", Json{{"dnt", report.dnt_sent}, {"gpc", report.gpc_sent}}},
      {"policy", PolicyJson(report)},
      {"summary", Json{{"requests", s.requests},
                       {"nonNetworkRequests", s.non_network_requests},
                       {"sites", s.sites},
                       {"thirdPartySites", s.third_party_sites},
                       {"cookies", s.cookies},
                       {"thirdPartyCookies", s.third_party_cookies},
                       {"blockedRequests", s.blocked_requests},
                       {"exceptedRequests", s.excepted_requests}}},
      {"sites", std::move(sites)},
  };
  WriteBeaconSections(report, doc);
  WriteSignalSections(report, doc);
  doc["diagnostics"] = std::move(diagnostics);
  return doc.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace trackscope
