// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// JSON for the "beacons", "storage" and "fingerprinting" sections, their summary counts and the
// per-category counts (REPORT.md, "Beacons, storage, fingerprinting").
#include <cmath>

#include "report/sections.h"

namespace trackscope {
namespace {

using Json = ReportJson;

Json Nullable(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json NullableInt(int64_t v) { return v < 0 ? Json(nullptr) : Json(v); }

Json EvidenceJson(const std::vector<Evidence>& evidence) {
  Json out = Json::array();
  for (const Evidence& e : evidence) {
    out.push_back(Json{{"kind", EvidenceKindName(e.kind)}, {"purpose", PurposeName(e.purpose)}, {"text", e.text}});
  }
  return out;
}

Json CategoryJson(const Report& report, size_t category) {
  return category < report.policy_categories.size() ? Json(report.policy_categories[category].category.id) : Json(nullptr);
}

Json ToJson(const BeaconIdentifier& id) {
  Json j{{"param", id.param},  {"source", ParamSourceName(id.source)}, {"value", id.value},
         {"meaning", id.meaning}, {"bits", id.bits}, {"named", id.named}};
  if (id.cookie.empty()) {
    j["cookie"] = nullptr;
  } else {
    j["cookie"] = Json{{"name", id.cookie}, {"domain", id.cookie_domain}, {"party", PartyName(id.cookie_party)},
                       {"sharedChars", id.shared_chars}};
  }
  return j;
}

Json ToJson(const ReportBeacon& b, const Report& report) {
  Json j{{"id", b.id}, {"kind", BeaconKindName(b.kind)}, {"url", b.url},   {"endpoint", b.endpoint}, {"host", b.host},
         {"site", b.site},                 {"party", PartyName(b.party)}, {"type", ResourceTypeName(b.type)},
         {"method", b.method},             {"status", b.status}};
  j["image"] = b.width >= 0 && b.height >= 0 ? Json{{"width", b.width}, {"height", b.height}} : Json(nullptr);
  j["bodySize"] = NullableInt(b.body_size);
  j["scriptUrl"] = Nullable(b.script_url);
  j["vendor"] = Nullable(b.vendor);
  if (b.pixel.empty()) {
    j["pixel"] = nullptr;
  } else {
    j["pixel"] = Json{{"name", b.pixel},
                      {"match", PixelMatchName(b.pixel_match)},
                      {"account", Nullable(b.account)},
                      {"event", Nullable(b.event)},
                      {"dataFields", b.data_fields}};
  }
  Json ids = Json::array();
  for (const BeaconIdentifier& id : b.identifiers) ids.push_back(ToJson(id));
  j["identifiers"] = std::move(ids);
  Json claims = Json::array();
  for (const ConsentClaim& c : b.consent_claims) {
    Json fields = Json::object();
    for (const auto& [k, v] : c.fields) fields[k] = v;
    claims.push_back(Json{{"param", c.param}, {"value", c.value}, {"valid", c.valid}, {"summary", c.summary},
                          {"fields", std::move(fields)},
                          {"consentGiven", c.consent_given ? Json(*c.consent_given) : Json(nullptr)}});
  }
  j["consentClaims"] = std::move(claims);
  Json payload = Json::array();
  for (const PayloadItem& p : b.payload) {
    Json item{{"param", p.param}, {"source", ParamSourceName(p.source)}, {"kind", FieldKindName(p.kind)},
              {"meaning", Nullable(p.meaning)}, {"value", p.value}};
    item["personal"] = p.personal == PersonalKind::kNone ? Json(nullptr)
                                                         : Json{{"kind", PersonalKindName(p.personal)},
                                                                {"hash", HashKindName(p.hash)}};
    item["sensitive"] = p.sensitive ? Json{{"category", SensitiveCategoryName(p.sensitive->category)},
                                           {"term", p.sensitive->term}, {"lang", p.sensitive->lang}}
                                    : Json(nullptr);
    payload.push_back(std::move(item));
  }
  j["payload"] = std::move(payload);
  j["purpose"] = PurposeName(b.purpose);
  j["confidence"] = std::round(b.confidence * 100) / 100;
  j["evidence"] = EvidenceJson(b.evidence);
  j["category"] = CategoryJson(report, b.category);
  return j;
}

}  // namespace

ReportJson SharesJson(const std::vector<ValueShare>& shares) {
  Json out = Json::array();
  for (const ValueShare& v : shares) {
    out.push_back(Json{{"site", v.site}, {"host", v.host}, {"endpoint", v.endpoint}, {"where", v.where},
                       {"encoding", v.encoding}, {"sharedChars", v.shared_chars}, {"vendor", Nullable(v.vendor)}});
  }
  return out;
}

namespace {

Json ToJson(const ReportStorageItem& s, const Report& report) {
  return Json{{"id", s.id},
              {"area", StorageAreaName(s.area)},
              {"origin", s.origin},
              {"host", s.host},
              {"party", PartyName(s.party)},
              {"key", s.key},
              {"value", s.value},
              {"valueLength", s.value_length},
              {"writes", s.writes},
              {"scripts", s.scripts},
              {"identifier", s.identifier},
              {"identifierBits", s.identifier_bits},
              {"vendor", Nullable(s.vendor)},
              {"sharedWith", SharesJson(s.shared_with)},
              {"sharedWithTotal", s.shared_with_total},
              {"purpose", PurposeName(s.purpose)},
              {"confidence", std::round(s.confidence * 100) / 100},
              {"evidence", EvidenceJson(s.evidence)},
              {"category", CategoryJson(report, s.category)}};
}

Json ToJson(const ReportFingerprintScript& s) {
  const FingerprintAssessment& a = s.assessment;
  Json calls = Json::array();
  for (const FingerprintCall& c : a.calls) {
    Json call{{"api", c.api}, {"key", Nullable(c.key)}, {"count", c.count}};
    if (c.canvas) {
      call["canvas"] = Json{{"width", c.canvas->width},       {"height", c.canvas->height},
                            {"textLength", c.canvas->text_length}, {"colors", c.canvas->colors},
                            {"shapes", c.canvas->shapes},     {"interactive", c.canvas->interactive}};
    }
    calls.push_back(std::move(call));
  }
  return Json{{"scriptUrl", s.script_url},
              {"host", s.host},
              {"party", PartyName(s.party)},
              {"vendor", Nullable(s.vendor)},
              {"verdict", FingerprintVerdictName(a.verdict)},
              {"counts", Json{{"canvasReads", a.canvas_reads},
                              {"canvasFonts", a.canvas_fonts},
                              {"measureText", a.measure_text},
                              {"webgl", a.webgl_calls},
                              {"webglUnmasked", a.webgl_unmasked},
                              {"audio", a.audio_calls},
                              {"navigatorProperties", a.navigator_properties},
                              {"screenProperties", a.screen_properties},
                              {"fontsChecked", a.fonts_checked},
                              {"highEntropyApis", a.high_entropy_apis}}},
              {"techniques", a.techniques},
              {"evidence", a.evidence},
              {"calls", std::move(calls)}};
}

}  // namespace

void AddBeaconCounts(const Report& report, ReportJson& summary, ReportJson& categories) {
  const ReportSummary& s = report.summary;
  summary["beacons"] = s.beacons;
  summary["beaconsWithIdentifiers"] = s.beacons_with_identifiers;
  summary["beaconsSharingCookies"] = s.beacons_sharing_cookies;
  summary["cookiesShared"] = s.cookies_shared;
  summary["storageShared"] = s.storage_shared;
  summary["storageItems"] = s.storage_items;
  summary["identifierStorageItems"] = s.identifier_storage_items;
  summary["fingerprintingScripts"] = s.fingerprinting_scripts;
  summary["possibleFingerprintingScripts"] = s.possible_fingerprinting_scripts;
  for (size_t i = 0; i < categories.size() && i < report.policy_categories.size(); ++i) {
    categories[i]["beacons"] = report.policy_categories[i].beacons;
    categories[i]["storage"] = report.policy_categories[i].storage;
  }
}

void WriteBeaconSections(const Report& report, JsonObjectWriter& doc) {
  doc.Array("beacons", report.beacons, [&](const ReportBeacon& b) { return ToJson(b, report); });
  doc.Array("storage", report.storage, [&](const ReportStorageItem& item) { return ToJson(item, report); });
  doc.Array("fingerprinting", report.fingerprinting, [](const ReportFingerprintScript& f) { return ToJson(f); });
}

}  // namespace trackscope
