// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// ReportToJson: Report -> JSON (REPORT.md).
#include <cmath>
#include <nlohmann/json.hpp>

#include "trackscope/analyze/analyze.h"
#include "base/time_util.h"
#include "capture/visit_json.h"
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
  Json j{{"id", c.id},
         {"name", c.name},
         {"value", c.value},
         {"domain", c.domain},
         {"path", c.path},
         {"hostOnly", c.host_only},
         {"party", PartyName(c.party)},
         {"session", c.session}};
  j["expires"] = c.expires ? Json(*c.expires) : Json(nullptr);
  j["lifetimeDays"] = c.lifetime_days ? Json(*c.lifetime_days) : Json(nullptr);
  j["lifetime"] = c.lifetime;
  j["httpOnly"] = c.http_only;
  j["secure"] = c.secure;
  j["sameSite"] = SameSiteName(c.same_site);
  j["partitioned"] = c.partitioned;
  j["setBy"] = Json{{"kind", SetterKindName(c.set_by)}, {"url", c.set_by_url}};
  j["observed"] = CookieSourceName(c.observed);
  j["vendor"] = c.vendor.empty() ? Json(nullptr) : Json(c.vendor);
  j["sharedWith"] = SharesJson(c.shared_with);
  j["sharedWithTotal"] = c.shared_with_total;
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

Json CategoryRef(const Report& report, size_t category) {
  return category < report.policy_categories.size() ? Json(report.policy_categories[category].category.id) : Json(nullptr);
}

Json ToJson(const ReportItem& i, const Report& report) {
  std::string ref;
  switch (i.kind) {
    case ItemKind::kCookie: ref = "/sites/" + std::to_string(i.site_index) + "/cookies/" + std::to_string(i.index); break;
    case ItemKind::kBeacon: ref = "/beacons/" + std::to_string(i.index); break;
    default: ref = "/storage/" + std::to_string(i.index); break;
  }
  return Json{{"id", i.id}, {"kind", ItemKindName(i.kind)}, {"name", i.name}, {"site", i.site}, {"host", i.host},
              {"party", PartyName(i.party)}, {"vendor", i.vendor.empty() ? Json(nullptr) : Json(i.vendor)}, {"tracker", i.tracker},
              {"purpose", PurposeName(i.purpose)}, {"confidence", std::round(i.confidence * 100) / 100},
              {"category", CategoryRef(report, i.category)}, {"tracking", i.tracking}, {"lifetime", i.lifetime},
              {"evidence", i.evidence}, {"count", i.count}, {"ref", ref}};
}

Json ToJson(const ReportTracker& t) {
  Json purposes = Json::array();
  for (Purpose p : t.purposes) purposes.push_back(PurposeName(p));
  auto orNull = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  return Json{{"id", t.id}, {"name", t.name}, {"site", t.site}, {"party", PartyName(t.party)}, {"vendor", orNull(t.vendor)},
              {"company", orNull(t.company)}, {"vendorCategory", orNull(t.vendor_category)}, {"via", orNull(t.via)},
              {"items", t.items}, {"cookies", t.cookies}, {"beacons", t.beacons}, {"storage", t.storage},
              {"requests", t.requests}, {"listed", t.listed}, {"purposes", std::move(purposes)}, {"tracking", t.tracking}};
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
  Json roles = Json::object();
  for (const auto& [role, category] : report.policy_roles) roles[role] = CategoryRef(report, category);
  Json declaration = nullptr;
  if (const auto& d = report.declaration) {
    auto orNull = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
    Json notes = Json::array();
    for (const Error& n : d->notes) notes.push_back(Json{{"path", n.path}, {"message", n.message}});
    declaration = Json{{"origin", d->origin}, {"source", orNull(d->source)}, {"cmp", orNull(d->cmp)}, {"urls", d->urls},
                       {"cookies", d->cookies}, {"vendors", d->vendors}, {"beacons", d->beacons}, {"notes", std::move(notes)}};
  }
  return Json{{"id", report.policy_id},
              {"name", report.policy_name},
              {"declaration", std::move(declaration)},
              {"signals", Json{{"dnt", SignalStanceName(report.policy_dnt)}, {"gpc", SignalStanceName(report.policy_gpc)}}},
              {"categories", std::move(categories)},
              {"roles", std::move(roles)}};
}

}  // namespace

std::string_view PartyName(Party party) { return party == Party::kFirst ? "first" : "third"; }

JsonObjectWriter::JsonObjectWriter(std::string& out, const std::function<void(std::string_view)>* flush)
    : out_(out), flush_(flush) {
  out_ += '{';
}

void JsonObjectWriter::MaybeFlush() {
  if (flush_ && out_.size() >= kFlushBytes) {
    (*flush_)(out_);
    out_.clear();
  }
}

void JsonObjectWriter::Key(std::string_view key) {
  if (!first_) out_ += ',';
  first_ = false;
  Append(Json(key));
  out_ += ':';
}

void JsonObjectWriter::Member(std::string_view key, const ReportJson& value) {
  Key(key);
  Append(value);
}

void JsonObjectWriter::Append(const ReportJson& value) {
  out_ += value.dump(-1, ' ', /*ensure_ascii=*/true, Json::error_handler_t::replace);
}

void JsonObjectWriter::Close() { out_ += '}'; }

namespace {

void WriteReport(const Report& report, std::string& out, const std::function<void(std::string_view)>* flush) {
  const ReportSummary& s = report.summary;
  const PublicSuffixListInfo psl = GetPublicSuffixListInfo();
  JsonObjectWriter doc(out, flush);
  doc.Member("format", "trackscope-report");
  doc.Member("version", kReportVersion);
  doc.Member("generator", Json{{"name", "trackscope"},
                               {"version", Version()},
                               {"publicSuffixList", psl.source},
                               {"vendors", GetVendorDataInfo().source},
                               {"filterLists", report.filter_lists}});
  doc.Member("page", Json{{"url", report.page_url}, {"host", report.page_host}, {"site", report.page_site}, {"title", report.title},
                          {"capturedAt", report.captured_at ? Json(FormatIso8601(*report.captured_at)) : Json(nullptr)},
                          {"visit", report.visit ? VisitJson(*report.visit) : Json(nullptr)}});
  doc.Member("signals", Json{{"dnt", report.dnt_sent}, {"gpc", report.gpc_sent}});
  Json policy = PolicyJson(report);
  Json summary{{"requests", s.requests},
               {"nonNetworkRequests", s.non_network_requests},
               {"sites", s.sites},
               {"thirdPartySites", s.third_party_sites},
               {"cookies", s.cookies},
               {"thirdPartyCookies", s.third_party_cookies},
               {"blockedRequests", s.blocked_requests},
               {"exceptedRequests", s.excepted_requests}};
  AddBeaconCounts(report, summary, policy["categories"]);
  doc.Member("policy", policy);
  doc.Member("summary", summary);
  // Site by site, request by request: the bulk of a big report is never a DOM.
  doc.Key("sites");
  out += '[';
  for (size_t i = 0; i < report.sites.size(); ++i) {
    const SiteGroup& g = report.sites[i];
    if (i) out += ',';
    JsonObjectWriter site(out, flush);
    site.Member("site", g.site);
    site.Member("party", PartyName(g.party));
    site.Member("hosts", g.hosts);
    site.Array("vendors", g.vendors, [](const ReportVendor& v) { return ToJson(v); });
    site.Array("requests", g.requests, [](const ReportRequest& r) { return ToJson(r); });
    site.Array("cookies", g.cookies, [&](const ReportCookie& c) { return ToJson(c, report); });
    site.Close();
  }
  out += ']';
  WriteBeaconSections(report, doc);
  doc.Array("items", report.items, [&](const ReportItem& i) { return ToJson(i, report); });
  doc.Array("trackers", report.trackers, [](const ReportTracker& t) { return ToJson(t); });
  WriteSignalSections(report, doc);
  doc.Array("diagnostics", report.diagnostics, [](const Error& d) { return Json{{"path", d.path}, {"message", d.message}}; });
  doc.Close();
}

}  // namespace

void AppendReportJson(const Report& report, std::string& out) { WriteReport(report, out, nullptr); }

void WriteReportJson(const Report& report, const std::function<void(std::string_view)>& write) {
  std::string buffer;
  buffer.reserve(JsonObjectWriter::kFlushBytes + (JsonObjectWriter::kFlushBytes >> 2));
  WriteReport(report, buffer, &write);
  if (!buffer.empty()) write(buffer);
}

std::string ReportToJson(const Report& report) {
  std::string out;
  AppendReportJson(report, out);
  return out;
}

}  // namespace trackscope
