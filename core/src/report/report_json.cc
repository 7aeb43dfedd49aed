// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// ReportToJson: Report -> JSON (REPORT.md).
#include <nlohmann/json.hpp>

#include "trackscope/analyze/analyze.h"
#include "trackscope/report/report.h"

namespace trackscope {
namespace {

using Json = nlohmann::ordered_json;

Json ToJson(const ReportRequest& r) {
  return Json{{"url", r.url}, {"host", r.host}, {"type", ResourceTypeName(r.type)}, {"status", r.status}};
}

Json ToJson(const ReportCookie& c) {
  Json j{{"name", c.name},
         {"value", c.value},
         {"domain", c.domain},
         {"path", c.path},
         {"hostOnly", c.host_only},
         {"party", PartyName(c.party)},
         {"session", c.session}};
  j["expires"] = c.expires ? Json(*c.expires) : Json(nullptr);
  j["lifetimeDays"] = c.lifetime_days ? Json(*c.lifetime_days) : Json(nullptr);
  j["httpOnly"] = c.http_only;
  j["secure"] = c.secure;
  j["sameSite"] = SameSiteName(c.same_site);
  j["partitioned"] = c.partitioned;
  j["setBy"] = Json{{"kind", SetterKindName(c.set_by)}, {"url", c.set_by_url}};
  return j;
}

}  // namespace

std::string_view PartyName(Party party) { return party == Party::kFirst ? "first" : "third"; }

std::string ReportToJson(const Report& report, int indent) {
  Json sites = Json::array();
  for (const SiteGroup& g : report.sites) {
    Json requests = Json::array(), cookies = Json::array();
    for (const ReportRequest& r : g.requests) requests.push_back(ToJson(r));
    for (const ReportCookie& c : g.cookies) cookies.push_back(ToJson(c));
    sites.push_back(Json{{"site", g.site},
                         {"party", PartyName(g.party)},
                         {"hosts", g.hosts},
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
      {"generator", Json{{"name", "trackscope"}, {"version", Version()}, {"publicSuffixList", psl.source}}},
      {"page", Json{{"url", report.page_url}, {"host", report.page_host}, {"site", report.page_site}, {"title", report.title}}},
      {"signals", Json{{"dnt", report.dnt_sent}, {"gpc", report.gpc_sent}}},
      {"summary", Json{{"requests", s.requests},
                       {"nonNetworkRequests", s.non_network_requests},
                       {"sites", s.sites},
                       {"thirdPartySites", s.third_party_sites},
                       {"cookies", s.cookies},
                       {"thirdPartyCookies", s.third_party_cookies}}},
      {"sites", std::move(sites)},
      {"diagnostics", std::move(diagnostics)},
  };
  return doc.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace trackscope
