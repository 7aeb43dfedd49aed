// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The report's "privacy" and "findings" sections (REPORT.md), and the names of their enums.
#include <array>

#include "report/sections.h"

namespace trackscope {
namespace {

using Json = ReportJson;

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json OrNull(std::optional<bool> b) { return b ? Json(*b) : Json(nullptr); }

Json SignalJson(const SignalSummary& s) {
  Json sources = Json::array();
  for (const auto& [source, stance] : s.sources) sources.push_back(Json{{"source", source}, {"stance", SignalStanceName(stance)}});
  return Json{{"sent", s.sent},
              {"headerRequests", s.header_requests},
              {"reads", s.reads},
              {"declared", SignalStanceName(s.declared)},
              {"sources", std::move(sources)},
              {"policyStance", SignalStanceName(s.policy_stance)},
              {"verdict", Json{{"code", SignalVerdictCodeName(s.verdict.code)}, {"tone", s.verdict.tone}, {"message", s.verdict.message}}}};
}

Json PrivacyJson(const PrivacySignals& p) {
  Json reads = Json::array(), tk = Json::array(), consent = Json::array();
  for (const NavigatorRead& r : p.reads) {
    reads.push_back(Json{{"property", r.property}, {"scriptUrl", r.script_url}, {"site", OrNull(r.site)},
                         {"party", PartyName(r.party)}, {"vendor", OrNull(r.vendor)}, {"count", r.count}});
  }
  for (const TkHeader& t : p.tk) {
    tk.push_back(Json{{"host", t.host}, {"value", t.value}, {"meaning", t.meaning}, {"url", t.url}, {"count", t.count}});
  }
  for (const ConsentString& c : p.consent_strings) {
    Json fields = Json::object();
    for (const auto& [k, v] : c.fields) fields[k] = v;
    consent.push_back(Json{{"kind", ConsentStringKindName(c.kind)}, {"cookie", c.cookie}, {"domain", c.domain},
                           {"value", c.value}, {"valid", c.valid}, {"summary", c.summary}, {"fields", std::move(fields)},
                           {"optedOut", OrNull(c.opted_out)}, {"gpc", OrNull(c.gpc)}, {"consentGiven", OrNull(c.consent_given)}});
  }
  const GpcJsonCheck& g = p.gpc_json;
  const DntPolicyCheck& d = p.dnt_policy;
  return Json{
      {"consent", ConsentStateName(p.consent)},
      {"requestsWithHeaders", p.requests_with_headers},
      {"trackingItems", p.tracking_items},
      {"dnt", SignalJson(p.dnt)},
      {"gpc", SignalJson(p.gpc)},
      {"reads", std::move(reads)},
      {"tk", std::move(tk)},
      {"gpcJson", Json{{"status", GpcJsonStatusName(g.status)}, {"httpStatus", g.http_status},
                       {"gpc", OrNull(g.gpc)}, {"lastUpdate", OrNull(g.last_update)},
                       {"reason", OrNull(g.reason)}}},
      {"dntPolicy", Json{{"status", DntPolicyStatusName(d.status)}, {"httpStatus", d.http_status}, {"sha1", OrNull(d.sha1)},
                         {"version", OrNull(d.version)}, {"reason", OrNull(d.reason)}}},
      {"consentStrings", std::move(consent)},
  };
}

}  // namespace

std::string_view GpcJsonStatusName(GpcJsonStatus s) {
  constexpr std::array<std::string_view, 4> kNames = {"not-fetched", "absent", "valid", "invalid"};
  return kNames[static_cast<size_t>(s)];
}

std::string_view DntPolicyStatusName(DntPolicyStatus s) {
  constexpr std::array<std::string_view, 4> kNames = {"not-fetched", "absent", "eff", "not-eff"};
  return kNames[static_cast<size_t>(s)];
}

std::string_view ConsentStringKindName(ConsentStringKind k) {
  constexpr std::array<std::string_view, 6> kNames = {"us-privacy", "gpp", "onetrust", "onetrust-alert-closed", "tcf", "cookiebot"};
  return kNames[static_cast<size_t>(k)];
}

std::string_view FindingKindName(FindingKind k) {
  constexpr std::array<std::string_view, 13> kNames = {
      "undeclared-tracker", "undeclared-cookie", "category-mismatch", "before-consent", "signal-contradiction",
      "declared-not-seen", "consent-record-mismatch", "consent-claim-mismatch", "session-recording",
      "personal-data-to-third-party", "sensitive-data-to-third-party", "key-logging",
      "lifetime-exceeds-declared"};
  return kNames[static_cast<size_t>(k)];
}

std::string_view SeverityName(Severity s) {
  constexpr std::array<std::string_view, 3> kNames = {"info", "warning", "error"};
  return kNames[static_cast<size_t>(s)];
}

void WriteSignalSections(const Report& report, JsonObjectWriter& doc) {
  doc.Member("privacy", PrivacyJson(report.privacy));
  doc.Array("findings", report.findings, [](const Finding& f) {
    Json data = nullptr;
    if (f.data) {
      const FindingData& d = *f.data;
      data = Json{{"field", d.field}, {"value", d.value}, {"kind", d.kind}, {"matched", OrNull(d.matched)},
                  {"vendor", OrNull(d.vendor)}, {"destination", OrNull(d.destination)}, {"script", OrNull(d.script)}};
    }
    return Json{{"kind", FindingKindName(f.kind)}, {"severity", SeverityName(f.severity)},
                {"itemKind", OrNull(f.item_kind)}, {"item", OrNull(f.item)}, {"itemId", OrNull(f.item_id)}, {"site", OrNull(f.site)},
                {"declaredCategory", OrNull(f.declared_category)},
                {"observedCategory", OrNull(f.observed_category)}, {"message", f.message}, {"data", std::move(data)}};
  });
}

}  // namespace trackscope
