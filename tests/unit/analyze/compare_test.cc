// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// CompareSignals: every verdict, the evidence lists, and the declared stance. CompareConsent: the
// consent phases side by side.
#include "trackscope/analyze/compare.h"

#include <catch2/catch_test_macros.hpp>
#include <nlohmann/json.hpp>

#include "signal_fixtures.h"

namespace trackscope {
namespace {

using enum testing::Fixture;
using testing::AnalyzeOk;
using testing::NewsPage;

std::vector<std::string> Names(const std::vector<ComparedItem>& items) {
  std::vector<std::string> out;
  for (const ComparedItem& i : items) out.push_back(i.name);
  return out;
}

const CategoryChanges& Category(const SignalComparison& c, std::string_view id) {
  for (const CategoryChanges& cc : c.categories) {
    if (cc.category.id == id) return cc;
  }
  FAIL("no category " << id);
  return c.categories.front();
}

TEST_CASE("CompareSignals: every verdict", "[compare]") {
  // Without the signal: a session cookie, first-party analytics (_ga) and an ad cookie on
  // doubleclick.net (+ doubleclick.net as a tracker): 3 tracking items.
  const Capture off = NewsPage({kSession, kGa, kIde});
  struct Case {
    std::string_view what;
    Capture on;
    SignalVerdict verdict;
    int dropped, persisting, added;
    std::string_view reason;
  };
  Capture renamed = NewsPage({kSession, kFacebook}, true);
  const Case kCases[] = {
      {"all tracking gone", NewsPage({kSession}, true), SignalVerdict::kHonoured, 3, 0, 0,
       "all 3 tracking items seen without GPC were gone with it"},
      {"the ad cookie gone, analytics stays", NewsPage({kSession, kGa}, true), SignalVerdict::kPartly, 2, 1, 0,
       "2 of 3 tracking items dropped with GPC; still there: cookie _ga"},
      {"nothing changes", NewsPage({kSession, kGa, kIde}, true), SignalVerdict::kNotHonoured, 0, 3, 0,
       "0 of 3 tracking items dropped with GPC; still there: tracker doubleclick.net, cookie _ga, cookie IDE"},
      {"everything dropped but a new tracker appears", renamed, SignalVerdict::kPartly, 3, 0, 1,
       "3 of 3 tracking items dropped with GPC; still there: cookie _fbp (new)"},
      {"the signal was not sent", NewsPage({kSession}, false), SignalVerdict::kNotTestable, 3, 0, 0,
       "the second capture did not send GPC (no capture flag, no request carrying the header)"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.what);
    const SignalComparison r = CompareSignals(AnalyzeOk(off), AnalyzeOk(c.on), Signal::kGpc);
    CHECK(r.verdict == c.verdict);
    CHECK(r.tracking_off == 3);
    CHECK(r.tracking_dropped == c.dropped);
    CHECK(r.tracking_persisting == c.persisting);
    CHECK(r.tracking_added == c.added);
    CHECK(r.reason == c.reason);
  }
}

TEST_CASE("CompareSignals: not testable without a baseline", "[compare]") {
  struct Case {
    std::string_view what;
    Capture off, on;
    std::string_view reason;
  };
  Capture other_site = NewsPage({kSession}, true);
  other_site.page_url = "https://other.example/";
  const Case kCases[] = {
      {"nothing to drop", NewsPage({kSession, kTheme}), NewsPage({kSession, kTheme}, true),
       "without GPC the page had no tracking items, so there was nothing to stop"},
      {"the baseline sent the signal", NewsPage({kGa}, true), NewsPage({}, true),
       "the capture without the signal sent GPC too: there is no baseline"},
      {"different sites", NewsPage({kGa}), other_site, "the two captures are of different sites (news.example, other.example)"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.what);
    const SignalComparison r = CompareSignals(AnalyzeOk(c.off), AnalyzeOk(c.on), Signal::kGpc);
    CHECK(r.verdict == SignalVerdict::kNotTestable);
    CHECK(r.reason == c.reason);
  }
}

TEST_CASE("CompareSignals: 'almost all persist' is below 10% dropped", "[compare]") {
  // Ten third-party ad cookies on ten ad sites: 20 tracking items (cookie + tracker each).
  auto page = [](int cookies, bool gpc) {
    Capture c = NewsPage({}, gpc);
    for (int i = 0; i < cookies; ++i) {
      CapturedCookie k = testing::MakeCookie(kIde);
      k.domain = ".ads" + std::to_string(i) + ".doubleclick.net";  // one site: doubleclick.net
      c.cookies.push_back(k);
    }
    return c;
  };
  const Report off = AnalyzeOk(page(10, false));  // 10 cookies + 1 tracker = 11
  CHECK(CompareSignals(off, AnalyzeOk(page(9, true)), Signal::kGpc).verdict == SignalVerdict::kNotHonoured);  // 1 of 11
  CHECK(CompareSignals(off, AnalyzeOk(page(8, true)), Signal::kGpc).verdict == SignalVerdict::kPartly);       // 2 of 11
}

TEST_CASE("CompareSignals: evidence per policy category and trackers", "[compare]") {
  const SignalComparison c = CompareSignals(AnalyzeOk(NewsPage({kSession, kGa, kIde, kTheme})),
                                            AnalyzeOk(NewsPage({kSession, kGa, kTheme}, false, /*dnt=*/true)), Signal::kDnt);
  CHECK(c.signal == Signal::kDnt);
  CHECK(c.verdict == SignalVerdict::kPartly);
  // The default policy: first-party analytics is Functional, third-party advertising Marketing.
  CHECK(Names(Category(c, "essential").items.persisting) == std::vector<std::string>{"PHPSESSID"});
  CHECK(Names(Category(c, "functional").items.persisting) == std::vector<std::string>{"_ga", "ui_theme"});
  CHECK(Names(Category(c, "marketing").items.dropped) == std::vector<std::string>{"IDE"});
  CHECK(Names(c.trackers.dropped) == std::vector<std::string>{"doubleclick.net"});
  CHECK(Category(c, "functional").items.persisting[0].tracking);
  CHECK_FALSE(Category(c, "functional").items.persisting[1].tracking);
  CHECK(c.categories.size() == AnalyzeOk(NewsPage({})).policy_categories.size());

  const nlohmann::json j = nlohmann::json::parse(SignalComparisonToJson(c));
  CHECK(j["format"] == "trackscope-signal-comparison");
  CHECK(j["signal"] == "dnt");
  CHECK(j["verdict"] == "partly");
  CHECK(j["counts"] == nlohmann::json::parse(R"({"trackingWithout": 3, "dropped": 2, "persisting": 1, "new": 0})"));
  CHECK(j["trackers"]["dropped"][0]["name"] == "doubleclick.net");
  CHECK(j["categories"][2]["id"] == "marketing");
  CHECK(j["categories"][2]["dropped"][0] ==
        nlohmann::json::parse(R"({"id": "cookie:IDE@doubleclick.net/", "kind": "cookie", "name": "IDE", "site": "doubleclick.net", "party": "third",
                                  "vendor": "Google/Doubleclick Ads", "purpose": "advertising", "tracking": true})"));
  // The default policy's "not-honoured" is that policy's, not the site's.
  CHECK(j["declared"]["stance"] == "not-stated");
}

TEST_CASE("CompareSignals: the declared stance against the verdict", "[compare]") {
  const Policy promises = testing::ParsePolicyOk(
      R"({"format":"trackscope-policy","version":1,"id":"t","name":"T","categories":[{"id":"all","label":"All"}],
          "rules":[{"category":"all"}],"signals":{"gpc":"honoured"},"declaration":{"categories":{}}})");
  const Report off = AnalyzeOk(NewsPage({kGa, kIde}), &promises);
  struct Case {
    Capture on;
    bool contradiction;
    std::string_view message;
  };
  Capture on_with_gpc_json = NewsPage({kGa, kIde}, true);
  on_with_gpc_json.gpc_json = WellKnownResource{200, R"({"gpc": true})"};
  const Case kCases[] = {
      {NewsPage({}, true), false, "GPC declared honoured (declaration), consistent with behaviour"},
      {NewsPage({kGa}, true), true, "GPC is declared honoured (declaration) but behaviour says partly"},
      {on_with_gpc_json, true, "GPC is declared honoured (declaration, gpc.json) but behaviour says not-honoured"},
      {NewsPage({}, false), false, "GPC declared honoured (declaration); behaviour not testable"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.message);
    const SignalComparison r = CompareSignals(off, AnalyzeOk(c.on, &promises), Signal::kGpc);
    CHECK(r.declared == SignalStance::kHonoured);
    CHECK(r.contradiction == c.contradiction);
    CHECK(r.declared_message == c.message);
  }
  const SignalComparison refused = CompareSignals(AnalyzeOk(NewsPage({kIde})), AnalyzeOk(NewsPage({}, false, true)), Signal::kDnt);
  CHECK(refused.verdict == SignalVerdict::kHonoured);
  // The default policy's stance is not the site's: said apart.
  CHECK(refused.declared_message == "the site states no stance on DNT (the selected policy says not-honoured)");
}

TEST_CASE("CompareSignalsJson analyses both captures and names the failing one", "[compare]") {
  const std::string off = CaptureToJson(NewsPage({kGa}));
  const std::string on = CaptureToJson(NewsPage({}, true));
  Result<std::string> ok = CompareSignalsJson(off, on, Signal::kGpc);
  REQUIRE(ok.ok());
  const nlohmann::json j = nlohmann::json::parse(ok.value());
  CHECK(j["comparison"]["verdict"] == "honoured");
  CHECK(j["off"]["format"] == "trackscope-report");
  CHECK(j["on"]["privacy"]["gpc"]["sent"] == true);
  Result<std::string> bad = CompareSignalsJson(off, R"({"version": 1, "page": {}})", Signal::kGpc);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().ToString() == "on: $.page.url: required field is missing");
}

std::vector<std::string> Ids(const std::vector<PhaseItem>& items) {
  std::vector<std::string> out;
  for (const PhaseItem& i : items) out.push_back(i.item.id + (i.before_consent ? "" : " (new)"));
  return out;
}

TEST_CASE("CompareConsent: tracking items per phase, new ones marked, counts per category", "[compare][consent]") {
  // Before the answer: a session cookie, _ga and IDE; after "reject all" _ga stays and _fbp is new;
  // after "accept all" all of them.
  const Report none = AnalyzeOk(NewsPage({kSession, kGa, kIde}));
  const Report reject = AnalyzeOk(NewsPage({kSession, kGa, kFacebook}));
  const Report accept = AnalyzeOk(NewsPage({kSession, kGa, kIde, kFacebook}));
  ConsentPhases phases;
  phases.none = &none;
  phases.reject = &reject;
  phases.accept = &accept;
  phases.cmp = "OneTrust";
  const ConsentComparison c = CompareConsent(phases);
  CHECK(Names(c.before_consent) == std::vector<std::string>{"_ga", "IDE"});
  CHECK(c.before_consent[0].id == "cookie:_ga@news.example/");
  REQUIRE(c.after_reject);
  CHECK(Ids(*c.after_reject) == std::vector<std::string>{"cookie:_ga@news.example/", "cookie:_fbp@news.example/ (new)"});
  REQUIRE(c.after_accept);
  CHECK(c.after_accept->size() == 3);
  CHECK(c.message == "OneTrust banner: 2 tracking items before consent; 2 tracking items after \"reject all\"; "
                     "3 tracking items after \"accept all\"");
  // Counts per category, per phase, from each phase's report.
  int none_cookies = 0, reject_cookies = 0, accept_cookies = 0;
  for (const ConsentCategoryCounts& cat : c.categories) {
    REQUIRE(cat.phases[kConsentNone]);
    REQUIRE(cat.phases[kConsentAccept]);
    none_cookies += cat.phases[kConsentNone]->cookies;
    reject_cookies += cat.phases[kConsentReject]->cookies;
    accept_cookies += cat.phases[kConsentAccept]->cookies;
  }
  CHECK(none_cookies == 3);
  CHECK(reject_cookies == 3);
  CHECK(accept_cookies == 4);
}

TEST_CASE("CompareConsent: a phase that ran but could not be measured, and one not run", "[compare][consent]") {
  const Report none = AnalyzeOk(NewsPage({kGa}));
  ConsentPhases phases;
  phases.none = &none;
  phases.unmeasured[kConsentReject] = "no consent banner recognised";
  const ConsentComparison c = CompareConsent(phases);
  CHECK_FALSE(c.after_reject);
  CHECK_FALSE(c.after_accept);
  CHECK(c.ran[kConsentReject]);
  CHECK_FALSE(c.ran[kConsentAccept]);
  CHECK(c.message == "1 tracking item before consent; after \"reject all\": not measured (no consent banner recognised)");
  for (const ConsentCategoryCounts& cat : c.categories) CHECK_FALSE(cat.phases[kConsentReject]);
  const nlohmann::json j = nlohmann::json::parse(ConsentComparisonToJson(c));
  CHECK(j["format"] == "trackscope-consent-comparison");
  CHECK(j["phases"] == nlohmann::json::array({"none", "reject"}));
  CHECK(j["afterReject"].is_null());
  CHECK(j["cmp"].is_null());
  CHECK(j["beforeConsent"][0]["id"] == "cookie:_ga@news.example/");
}

TEST_CASE("CompareConsentJson analyses each phase with its consent state and names the failing one", "[compare][consent]") {
  const std::string none = CaptureToJson(NewsPage({kSession, kIde}));
  const std::string reject = CaptureToJson(NewsPage({kSession}));
  ConsentPhases notes;
  notes.unmeasured[kConsentAccept] = "banner not-clicked";
  Result<std::string> ok = CompareConsentJson(none, reject, "", notes);
  REQUIRE(ok.ok());
  const nlohmann::json j = nlohmann::json::parse(ok.value());
  CHECK(j["none"]["privacy"]["consent"] == "none");
  CHECK(j["reject"]["privacy"]["consent"] == "rejected");
  CHECK(j["accept"].is_null());
  CHECK(j["comparison"]["afterReject"] == nlohmann::json::array());
  CHECK(j["comparison"]["message"] ==
        "1 tracking item before consent; 0 tracking items after \"reject all\"; after \"accept all\": not measured (banner not-clicked)");
  Result<std::string> bad = CompareConsentJson(none, "{", "", notes);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().ToString().rfind("reject: $", 0) == 0);
}

}  // namespace
}  // namespace trackscope
