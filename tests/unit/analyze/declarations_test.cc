// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Declarations: parsing (errors with JSON paths) and every finding kind.
#include <catch2/catch_test_macros.hpp>
#include <fstream>
#include <sstream>

#include "signal_fixtures.h"

namespace trackscope {
namespace {

using enum testing::Fixture;
using testing::AnalyzeOk;
using testing::NewsPage;

std::string PolicyWith(std::string_view signals, std::string_view declaration) {
  return R"({"format":"trackscope-policy","version":1,"id":"t","name":"T",
    "categories":[{"id":"essential","label":"Essential"},{"id":"marketing","label":"Marketing"},{"id":"other","label":"Other"}],
    "rules":[{"purpose":"necessary","category":"essential"},{"purpose":["analytics","advertising","social"],"category":"marketing"},
             {"category":"other"}],
    "signals":)" + std::string(signals) + (declaration.empty() ? "" : ",\"declaration\":" + std::string(declaration)) + "}";
}

std::vector<std::string> Kinds(const Report& r, std::optional<FindingKind> only = std::nullopt) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) {
    if (!only || f.kind == *only) out.push_back(std::string(FindingKindName(f.kind)) + " " + f.item);
  }
  return out;
}

const Finding* FindFinding(const Report& r, FindingKind kind, std::string_view item) {
  for (const Finding& f : r.findings) {
    if (f.kind == kind && f.item == item) return &f;
  }
  return nullptr;
}

TEST_CASE("Declarations: bad documents are rejected with the JSON path", "[declarations]") {
  struct Case {
    std::string_view declaration, path, message;
  };
  const Case kCases[] = {
      {R"([])", "$.declaration", "expected an object, got an array"},
      {R"({"consent": "maybe"})", "$.declaration.consent", "expected \"opt-in\" or \"opt-out\""},
      {R"({"vendors": []})", "$.declaration.vendors", "unknown field"},
      {R"({"categories": {"nope": {}}})", "$.declaration.categories.nope", "no category \"nope\" in $.categories"},
      {R"({"categories": {"marketing": {"cookies": ["a", 7]}}})", "$.declaration.categories.marketing.cookies[1]",
       "expected a cookie name or {\"name\", \"domain\"}, got a number"},
      {R"({"categories": {"marketing": {"cookies": [{"domain": "a.example"}]}}})", "$.declaration.categories.marketing.cookies[0].name",
       "required field is missing"},
      {R"({"categories": {"marketing": {"vendors": [{"name": "X", "domains": ["bad host"]}]}}})",
       "$.declaration.categories.marketing.vendors[0].domains[0]", "not a domain name"},
      {R"({"categories": {"marketing": {"vendors": [{}]}}})", "$.declaration.categories.marketing.vendors[0]", "a vendor needs a name or domains"},
      {R"({"categories": {"other": {"beacons": [{"url": "x"}]}}})", "$.declaration.categories.other.beacons[0]",
       "expected \"host/path\", got an object"},
      {R"({"categories": {"other": {"pixels": []}}})", "$.declaration.categories.other.pixels", "unknown field"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.declaration);
    Result<Policy> p = Policy::Parse(PolicyWith("{}", c.declaration));
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().path == c.path);
    CHECK(p.error().message.rfind(c.message, 0) == 0);
  }
}

TEST_CASE("Declarations: names, patterns, domains and beacons match", "[declarations]") {
  const Policy p = testing::ParsePolicyOk(PolicyWith("{}", R"({"consent": "opt-out", "categories": {
      "marketing": {"cookies": ["_ga_*", {"name": "uid", "domain": "adnet.example"}],
                    "vendors": ["adnet.example", {"name": "Google Analytics"}],
                    "beacons": ["https://collect.metrics.example/collect", "pixel.adnet.example"]}}})"));
  REQUIRE(p.declaration());
  const Declaration& d = *p.declaration();
  CHECK(d.consent == ConsentModel::kOptOut);
  CHECK(d.FindCookie("_ga_ABC123", "news.example"));
  CHECK_FALSE(d.FindCookie("_ga", "news.example"));
  CHECK(d.FindCookie("uid", "pixel.adnet.example"));
  CHECK_FALSE(d.FindCookie("uid", "notadnet.example"));
  CHECK(d.FindVendor("pixel.adnet.example", ""));
  CHECK(d.FindVendor("www.google-analytics.com", "Google Analytics"));
  CHECK_FALSE(d.FindVendor("ads.example", "Other"));
  CHECK(d.FindBeacon("collect.metrics.example", "/collect"));
  CHECK_FALSE(d.FindBeacon("collect.metrics.example", "/other"));
  CHECK(d.FindBeacon("pixel.adnet.example", "/px.gif"));
  CHECK(GlobMatch("a*b*c", "aXXbYc"));
  CHECK_FALSE(GlobMatch("a*b", "aXXbY"));
  CHECK(GlobMatch("*", ""));
}

TEST_CASE("Findings: before-consent depends on the consent state and model", "[declarations]") {
  struct Case {
    ConsentState consent;
    std::string_view model;
    size_t findings;
    Severity severity;
  };
  const Case kCases[] = {
      {ConsentState::kUnknown, "opt-in", 0, Severity::kInfo},
      {ConsentState::kAccepted, "opt-in", 0, Severity::kInfo},
      {ConsentState::kNone, "opt-in", 2, Severity::kWarning},
      {ConsentState::kNone, "opt-out", 0, Severity::kInfo},
      {ConsentState::kRejected, "opt-out", 2, Severity::kError},
  };
  for (const Case& c : kCases) {
    CAPTURE(ConsentStateName(c.consent), c.model);
    const Policy p = testing::ParsePolicyOk(PolicyWith("{}", R"({"consent": ")" + std::string(c.model) + "\"}"));
    Capture capture = NewsPage({kSession, kGa, kIde});
    capture.consent = c.consent;
    const Report r = AnalyzeOk(capture, &p);
    const std::vector<std::string> found = Kinds(r, FindingKind::kBeforeConsent);
    CHECK(found.size() == c.findings);
    if (c.findings) {
      CHECK(found == std::vector<std::string>{"before-consent _ga", "before-consent IDE"});
      CHECK(r.findings[0].severity == c.severity);
    }
  }
  Capture rejected = NewsPage({kIde});
  rejected.consent = ConsentState::kRejected;
  const Report r = AnalyzeOk(rejected);  // no declaration: the default opt-in model
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].message == "cookie IDE (doubleclick.net), for advertising, was present although the visitor had rejected consent");
  CHECK(r.findings[0].site == "doubleclick.net");
  CHECK(r.findings[0].observed_category == "marketing");
}

TEST_CASE("Findings: signal contradictions in one capture", "[declarations]") {
  const Policy honours = testing::ParsePolicyOk(PolicyWith(R"({"gpc": "honoured", "dnt": "honoured"})", R"({"categories": {}})"));
  SECTION("the signal sent and tracking present") {
    const Report r = AnalyzeOk(NewsPage({kSession, kGa}, /*gpc=*/true), &honours);
    REQUIRE(Kinds(r) == std::vector<std::string>{"signal-contradiction GPC"});
    CHECK(r.findings[0].severity == Severity::kWarning);
    CHECK(r.findings[0].item_kind == "gpc");
    CHECK(r.findings[0].message == "GPC is declared honoured (declaration), but with GPC sent the page had 1 tracking item(s): cookie _ga (news.example)");
  }
  SECTION("no tracking, or the signal not sent: nothing to contradict") {
    CHECK(AnalyzeOk(NewsPage({kSession}, true), &honours).findings.empty());
    CHECK(AnalyzeOk(NewsPage({kGa}, false), &honours).findings.empty());
  }
  SECTION("Tk: D against a DNT promise") {
    Capture c = NewsPage({}, false, true);
    CapturedRequest& r = c.requests.emplace_back();
    r.url = "https://ads.example/ad.js";
    r.response_headers = {{"tk", "D"}};
    const Report report = AnalyzeOk(c, &honours);
    REQUIRE(Kinds(report) == std::vector<std::string>{"signal-contradiction DNT"});
    CHECK(report.findings[0].message == "DNT is declared honoured (declaration), but ads.example answered Tk: D (disregarding DNT)");
  }
  SECTION("declarations that disagree") {
    const Policy refuses = testing::ParsePolicyOk(PolicyWith(R"({"gpc": "not-honoured"})", R"({"categories": {}})"));
    Capture c = NewsPage({});
    c.gpc_json = WellKnownResource{200, R"({"gpc": true})"};
    const Report r = AnalyzeOk(c, &refuses);
    REQUIRE(Kinds(r) == std::vector<std::string>{"signal-contradiction GPC"});
    CHECK(r.findings[0].severity == Severity::kInfo);
    CHECK(r.findings[0].message == "the site's declarations disagree on GPC: honoured per gpc.json, not honoured per declaration");
  }
}

TEST_CASE("Findings: a consent record that ignores GPC", "[declarations][consent]") {
  auto with_cookie = [](std::string_view name, std::string_view value, bool gpc) {
    Capture c = NewsPage({}, gpc);
    CapturedCookie& k = c.cookies.emplace_back();
    k.name = std::string(name);
    k.value = std::string(value);
    k.domain = "news.example";
    return c;
  };
  SECTION("GPC sent, the US Privacy string says not opted out of sale") {
    const Report r = AnalyzeOk(with_cookie("usprivacy", "1YNN", true));  // no declared stance needed
    REQUIRE(Kinds(r) == std::vector<std::string>{"signal-contradiction usprivacy"});
    CHECK(r.findings[0].severity == Severity::kWarning);
    CHECK(r.findings[0].item_kind == "gpc");
    CHECK(r.findings[0].site == "news.example");
    CHECK(r.findings[0].message ==
          "GPC was sent, but the consent record in cookie usprivacy (us-privacy) records no opt-out: notice given: yes; "
          "opted out of sale: no; covered by the LSPA: no");
  }
  SECTION("GPC sent, OneTrust did not see it") {
    const Report r = AnalyzeOk(with_cookie("OptanonConsent", "isGpcEnabled=0&groups=C0001%3A1%2CC0004%3A1", true));
    REQUIRE(Kinds(r) == std::vector<std::string>{"signal-contradiction OptanonConsent"});
    CHECK(r.findings[0].message.find("(onetrust) has its GPC flag off: on: C0001") != std::string::npos);
  }
  SECTION("GPC sent, a GPP usnat record with the opt-outs and the GPC flag") {
    CHECK(AnalyzeOk(with_cookie("__gpp", "DBABLA~CEQRAAAAAABA.YA", true)).findings.empty());
  }
  SECTION("the opt-out recorded, or GPC not sent: nothing to report") {
    CHECK(AnalyzeOk(with_cookie("usprivacy", "1YYN", true)).findings.empty());
    CHECK(AnalyzeOk(with_cookie("usprivacy", "1---", true)).findings.empty());
    CHECK(AnalyzeOk(with_cookie("usprivacy", "1YNN", false)).findings.empty());
    CHECK(AnalyzeOk(with_cookie("usprivacy", "garbage", true)).findings.empty());
  }
}

TEST_CASE("Findings: a hit that claims consent the visitor did not give or the record refuses", "[declarations][consent]") {
  // A GA4 hit with Consent Mode parameters; `cookie`: an OneTrust record on the page, if any.
  auto page = [](ConsentState consent, std::string_view gcs, std::string_view onetrust = {}) {
    Capture c = NewsPage({});
    c.consent = consent;
    CapturedRequest& r = c.requests.emplace_back();
    r.url = "https://region1.google-analytics.com/g/collect?v=2&tid=G-NEWS1&cid=123.456&en=page_view&" + std::string(gcs);
    r.type = ResourceType::kPing;
    r.status = 204;
    if (!onetrust.empty()) {
      CapturedCookie& k = c.cookies.emplace_back();
      k.name = "OptanonConsent";
      k.value = std::string(onetrust);
      k.domain = ".news.example";
    }
    return c;
  };
  constexpr std::string_view kEndpoint = "https://region1.google-analytics.com/g/collect";
  SECTION("after reject all: an error") {
    const Report r = AnalyzeOk(page(ConsentState::kRejected, "gcs=G111"));
    REQUIRE(Kinds(r, FindingKind::kConsentClaimMismatch) == std::vector<std::string>{"consent-claim-mismatch " + std::string(kEndpoint)});
    const Finding& f = *FindFinding(r, FindingKind::kConsentClaimMismatch, kEndpoint);
    CHECK(f.severity == Severity::kError);
    CHECK(f.item_kind == "beacon");
    CHECK(f.item_id.rfind("beacon:region1.google-analytics.com/g/collect", 0) == 0);
    CHECK(f.site == "google-analytics.com");
    CHECK(f.message == "a hit to https://region1.google-analytics.com/g/collect claims consent (gcs=G111: ad_storage granted, "
                       "analytics_storage granted) although the visitor had rejected consent");
  }
  SECTION("before any answer on an opt-in site: a warning") {
    const Report r = AnalyzeOk(page(ConsentState::kNone, "gcd=13t3t3t2t5l1"));
    REQUIRE(Kinds(r, FindingKind::kConsentClaimMismatch).size() == 1);
    CHECK(r.findings.back().severity == Severity::kWarning);
  }
  SECTION("a consent record that refuses what the hit claims") {
    const Report r = AnalyzeOk(page(ConsentState::kUnknown, "gcs=G101", "groups=C0001%3A1%2CC0002%3A0%2CC0004%3A0"));
    REQUIRE(Kinds(r, FindingKind::kConsentClaimMismatch).size() == 1);
    CHECK(FindFinding(r, FindingKind::kConsentClaimMismatch, kEndpoint)->message.find(
              "that the consent record in cookie OptanonConsent (onetrust) refuses") != std::string::npos);
  }
  SECTION("claims that agree with the visitor and the record: nothing") {
    CHECK(Kinds(AnalyzeOk(page(ConsentState::kRejected, "gcs=G100")), FindingKind::kConsentClaimMismatch).empty());
    CHECK(Kinds(AnalyzeOk(page(ConsentState::kAccepted, "gcs=G111")), FindingKind::kConsentClaimMismatch).empty());
    CHECK(Kinds(AnalyzeOk(page(ConsentState::kUnknown, "gcs=G111", "groups=C0001%3A1%2CC0002%3A1")),
                FindingKind::kConsentClaimMismatch).empty());
    CHECK(Kinds(AnalyzeOk(page(ConsentState::kRejected, "gcs=G9zz")), FindingKind::kConsentClaimMismatch).empty());
  }
  SECTION("the claim in the report's beacon") {
    const Report r = AnalyzeOk(page(ConsentState::kAccepted, "gcs=G111&gcd=13r3r3r2r5l1"));
    const ReportBeacon* hit = nullptr;
    for (const ReportBeacon& b : r.beacons) {
      if (b.endpoint == kEndpoint) hit = &b;
    }
    REQUIRE(hit);
    REQUIRE(hit->consent_claims.size() == 2);
    CHECK(hit->consent_claims[0].param == "gcs");
    CHECK(hit->consent_claims[1].param == "gcd");
    CHECK(hit->consent_claims[1].fields[3] == std::pair<std::string, std::string>{"ad_personalization",
                                                                                  "granted (denied by default, granted after update)"});
  }
}

TEST_CASE("Findings: a session recorder on the page", "[declarations][session-recording]") {
  Capture c = NewsPage({});
  for (std::string_view url : {"https://static.hotjar.com/c/hotjar-3512345.js?sv=6", "https://in.hotjar.com/api/v2/client/sites/3512345/visit-data",
                               "https://vc.hotjar.io/sessions/3512345", "https://vc.hotjar.io/sessions/3512345/2",
                               "https://www.google-analytics.com/g/collect?v=2&tid=G-1&cid=1.2"}) {
    c.requests.emplace_back().url = std::string(url);
  }
  const Report r = AnalyzeOk(c);
  REQUIRE(Kinds(r, FindingKind::kSessionRecording) == std::vector<std::string>{"session-recording Hotjar"});
  const Finding& f = *FindFinding(r, FindingKind::kSessionRecording, "Hotjar");
  CHECK(f.severity == Severity::kWarning);
  CHECK(f.item_kind == "tracker");
  CHECK(f.site == "hotjar.com");
  CHECK(f.message == "session recording by Hotjar: 4 request(s) to its recorder (static.hotjar.com, in.hotjar.com, vc.hotjar.io), "
                     "which records the visitor's pointer, clicks, scrolling and typing for replay");
  CHECK(Kinds(AnalyzeOk(NewsPage({})), FindingKind::kSessionRecording).empty());
}

TEST_CASE("Findings: a session recorder known by its behaviour only", "[declarations][session-recording]") {
  // A third-party script that observes the page and listens to `types`, and sends a hit.
  auto page = [](std::vector<std::string_view> types, bool observes, bool sends, std::string_view script) {
    Capture c = NewsPage({});
    auto add = [&](std::string_view api, std::string_view key) {
      ScriptEvent& e = c.events.emplace_back();
      e.kind = EventKind::kListener;
      e.api = std::string(api);
      e.key = std::string(key);
      e.script_url = std::string(script);
    };
    if (observes) add("MutationObserver.observe", "");
    for (std::string_view t : types) add("EventTarget.addEventListener", t);
    if (sends) {
      ScriptEvent& b = c.events.emplace_back();
      b.kind = EventKind::kBeacon;
      b.api = "navigator.sendBeacon";
      b.url = "https://rec.replay.example/batch?s=1";
      b.value = "{\"events\":[]}";
      b.script_url = std::string(script);
    }
    return c;
  };
  const std::vector<std::string_view> kAll = {"pointermove", "click", "scroll", "keydown", "input"};
  constexpr std::string_view kRecorder = "https://rec.replay.example/r.js";
  const Report r = AnalyzeOk(page(kAll, true, true, kRecorder));
  REQUIRE(Kinds(r, FindingKind::kSessionRecording) == std::vector<std::string>{"session-recording rec.replay.example"});
  CHECK(FindFinding(r, FindingKind::kSessionRecording, "rec.replay.example")->message ==
        "session recording by a script of rec.replay.example (by its behaviour): https://rec.replay.example/r.js observes the "
        "page's changes, listens to 4 of the visitor's inputs (pointer, clicks, scrolling, keys) and sent 1 hit(s) to "
        "https://rec.replay.example/batch");
  // Not a recorder: no MutationObserver; two kinds of input only; nothing sent; the site's own script.
  CHECK(Kinds(AnalyzeOk(page(kAll, false, true, kRecorder)), FindingKind::kSessionRecording).empty());
  CHECK(Kinds(AnalyzeOk(page({"click", "keydown", "keyup"}, true, true, kRecorder)), FindingKind::kSessionRecording).empty());
  CHECK(Kinds(AnalyzeOk(page(kAll, true, false, kRecorder)), FindingKind::kSessionRecording).empty());
  CHECK(Kinds(AnalyzeOk(page(kAll, true, true, "https://news.example/app.js")), FindingKind::kSessionRecording).empty());
}

TEST_CASE("Findings: a consent record that grants what the visitor rejected", "[declarations][consent]") {
  auto page = [](ConsentState consent, std::string_view tc) {
    Capture c = NewsPage({});
    c.consent = consent;
    CapturedCookie& k = c.cookies.emplace_back();
    k.name = "euconsent-v2";
    k.value = std::string(tc);
    k.domain = ".news.example";
    return c;
  };
  constexpr std::string_view kAccepted = "CQdaBhyQdaBhyAKACBENCWEgAP_AAEPAAAYgF5wAoAAgAEAvMAAAAAAA";  // purposes 1-10, 3 vendors
  constexpr std::string_view kRejected = "CQdaBhyQdaBhyAKACBENCWEgAAAAAEPAAAYgAAAAAAAA";
  const Report r = AnalyzeOk(page(ConsentState::kRejected, kAccepted));
  REQUIRE(Kinds(r, FindingKind::kConsentRecordMismatch) == std::vector<std::string>{"consent-record-mismatch euconsent-v2"});
  const Finding& f = *FindFinding(r, FindingKind::kConsentRecordMismatch, "euconsent-v2");
  CHECK(f.severity == Severity::kWarning);
  CHECK(f.item_kind == "cookie");
  CHECK(f.site == "news.example");
  CHECK(f.message ==
        "the visitor rejected consent, but the consent record in cookie euconsent-v2 (tcf) grants it: CMP 10, updated "
        "2026-01-02T03:04:05Z; consent to purposes 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 3 vendor(s); legitimate interest "
        "claimed for purposes 2, 7, 8, 9, 10");
  // The record matches the answer, or the visitor accepted, or nobody knows: nothing to report.
  CHECK(Kinds(AnalyzeOk(page(ConsentState::kRejected, kRejected)), FindingKind::kConsentRecordMismatch).empty());
  CHECK(Kinds(AnalyzeOk(page(ConsentState::kAccepted, kAccepted)), FindingKind::kConsentRecordMismatch).empty());
  CHECK(Kinds(AnalyzeOk(page(ConsentState::kUnknown, kAccepted)), FindingKind::kConsentRecordMismatch).empty());
}

TEST_CASE("Findings: declared vs observed", "[declarations]") {
  const Policy p = testing::ParsePolicyOk(PolicyWith("{}", R"({"categories": {
      "essential": {"cookies": ["PHPSESSID", "_ga"]},
      "marketing": {"vendors": ["google-analytics.com"], "cookies": ["gone_cookie"], "beacons": ["collect.example/x"]}}})"));
  const Report r = AnalyzeOk(NewsPage({kSession, kGa, kIde, kTheme}), &p);
  CHECK(Kinds(r) == std::vector<std::string>{
                        "category-mismatch _ga", "undeclared-cookie ui_theme", "undeclared-cookie IDE",
                        "undeclared-tracker doubleclick.net", "declared-not-seen gone_cookie",
                        "declared-not-seen google-analytics.com", "declared-not-seen collect.example/x"});
  const Finding* mismatch = FindFinding(r, FindingKind::kCategoryMismatch, "_ga");
  REQUIRE(mismatch);
  CHECK(mismatch->severity == Severity::kWarning);
  CHECK(mismatch->declared_category == "essential");
  CHECK(mismatch->observed_category == "marketing");
  CHECK(mismatch->message == "cookie _ga (news.example) is declared as Essential but observed as Marketing (purpose analytics)");
  CHECK(FindFinding(r, FindingKind::kUndeclaredCookie, "IDE")->severity == Severity::kWarning);
  CHECK(FindFinding(r, FindingKind::kUndeclaredCookie, "ui_theme")->severity == Severity::kInfo);
  const Finding* tracker = FindFinding(r, FindingKind::kUndeclaredTracker, "doubleclick.net");
  CHECK(tracker->message ==
        "third-party tracker doubleclick.net (Google/Doubleclick Ads) tracks visitors (advertising) but the declaration names no such vendor");
  const Finding* unseen = FindFinding(r, FindingKind::kDeclaredNotSeen, "gone_cookie");
  CHECK(unseen->severity == Severity::kInfo);
  CHECK(unseen->message == "declared cookie gone_cookie (Marketing) was not seen on this page");

  // Declaring the vendor by name or domain clears the tracker finding.
  const Policy declared = testing::ParsePolicyOk(PolicyWith("{}", R"({"categories": {"marketing": {"vendors": [{"name": "Google/Doubleclick Ads"}]}}})"));
  CHECK(Kinds(AnalyzeOk(NewsPage({kIde}), &declared)).empty());
}

TEST_CASE("The example declaration parses and declares the testbed shop", "[declarations]") {
  std::ifstream in(TRACKSCOPE_SOURCE_DIR "/core/data/policies/examples/example-declaration.json");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const Policy p = testing::ParsePolicyOk(text.str());
  CHECK(p.id() == "example-declaration");
  CHECK(p.dnt() == DefaultPolicy().dnt());
  CHECK(p.categories().size() == DefaultPolicy().categories().size());
  REQUIRE(p.declaration());
  CHECK(p.declaration()->cookies.size() == 5);
  CHECK(p.declaration()->vendors.size() == 2);
  CHECK(p.declaration()->beacons.size() == 2);
  // The same categories as the default policy, item by item.
  for (int purpose = 0; purpose < kPurposeCount; ++purpose) {
    for (Party party : {Party::kFirst, Party::kThird}) {
      const PolicyItem item{ItemKind::kCookie, static_cast<Purpose>(purpose), party, true};
      CHECK(p.Categorize(item).id == DefaultPolicy().Categorize(item).id);
    }
  }
}

}  // namespace
}  // namespace trackscope
