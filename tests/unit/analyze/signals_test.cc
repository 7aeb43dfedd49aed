// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// AnalyzePrivacySignals through Analyze(): one capture's DNT/GPC evidence.
#include <catch2/catch_test_macros.hpp>
#include <nlohmann/json.hpp>

#include "signal_fixtures.h"

namespace trackscope {
namespace {

using testing::Fixture;
using testing::NewsPage;

CapturedRequest Request(std::string url, HeaderList request_headers, HeaderList response_headers = {}) {
  CapturedRequest r;
  r.url = std::move(url);
  r.status = 200;
  r.request_headers = std::move(request_headers);
  r.response_headers = std::move(response_headers);
  return r;
}

ScriptEvent Read(std::string property, std::string script_url) {
  ScriptEvent e;
  e.kind = EventKind::kNavigatorRead;
  e.api = "navigator." + property;
  e.key = std::move(property);
  e.script_url = std::move(script_url);
  return e;
}

TEST_CASE("Signals sent: capture flags and the request headers actually seen", "[signals]") {
  struct Case {
    bool flag_gpc, flag_dnt;
    std::vector<HeaderList> headers;
    bool gpc_sent, dnt_sent;
    int gpc_requests, dnt_requests, with_headers;
  };
  const Case kCases[] = {
      {false, false, {}, false, false, 0, 0, 0},
      {true, false, {}, true, false, 0, 0, 0},  // the flag alone (headers not recorded)
      {false, false, {{{"sec-gpc", "1"}}, {{"sec-gpc", "1"}, {"dnt", "1"}}, {{"accept", "*/*"}}}, true, true, 2, 1, 3},
      {false, false, {{{"sec-gpc", "0"}}, {{"dnt", " 1 "}}}, false, true, 0, 1, 2},  // only "1" counts; spaces trimmed
  };
  for (const Case& c : kCases) {
    Capture capture = NewsPage({}, c.flag_gpc, c.flag_dnt);
    for (const HeaderList& h : c.headers) capture.requests.push_back(Request("https://news.example/a.js", h));
    const PrivacySignals& p = testing::AnalyzeOk(capture).privacy;
    CHECK(p.gpc.sent == c.gpc_sent);
    CHECK(p.dnt.sent == c.dnt_sent);
    CHECK(p.gpc.header_requests == c.gpc_requests);
    CHECK(p.dnt.header_requests == c.dnt_requests);
    CHECK(p.requests_with_headers == c.with_headers);
  }
}

TEST_CASE("Navigator reads are grouped per script with site, party and vendor", "[signals]") {
  Capture capture = NewsPage({});
  capture.events = {Read("doNotTrack", "https://www.google-analytics.com/analytics.js"),
                    Read("doNotTrack", "https://www.google-analytics.com/analytics.js"),
                    Read("globalPrivacyControl", "https://cdn.news.example/consent.js"),
                    Read("globalPrivacyControl", "")};
  const PrivacySignals& p = testing::AnalyzeOk(capture).privacy;
  REQUIRE(p.reads.size() == 3);
  CHECK(p.reads[0].property == "doNotTrack");
  CHECK(p.reads[0].count == 2);
  CHECK(p.reads[0].site == "google-analytics.com");
  CHECK(p.reads[0].party == Party::kThird);
  CHECK(p.reads[0].vendor == "Google Analytics");
  CHECK(p.reads[1].site == "news.example");
  CHECK(p.reads[1].party == Party::kFirst);
  CHECK(p.reads[2].script_url.empty());  // inline: belongs to the page
  CHECK(p.reads[2].site == "news.example");
  CHECK(p.dnt.reads == 2);
  CHECK(p.gpc.reads == 2);
}

TEST_CASE("Tk headers per host and value, with their meaning", "[signals]") {
  Capture capture = NewsPage({}, false, true);
  capture.requests.push_back(Request("https://news.example/", {{"dnt", "1"}}, {{"tk", "N"}}));
  capture.requests.push_back(Request("https://news.example/b", {{"dnt", "1"}}, {{"tk", "N"}}));
  capture.requests.push_back(Request("https://ads.example/ad", {{"dnt", "1"}}, {{"tk", "T;https://ads.example/status"}}));
  const PrivacySignals& p = testing::AnalyzeOk(capture).privacy;
  REQUIRE(p.tk.size() == 2);
  CHECK(p.tk[0].host == "news.example");
  CHECK(p.tk[0].value == "N");
  CHECK(p.tk[0].meaning == "not tracking");
  CHECK(p.tk[0].count == 2);
  CHECK(p.tk[1].value == "T");
  CHECK(p.tk[1].url == "https://ads.example/ad");
}

TEST_CASE("Declared stance: the site's own material, strongest promise wins; the policy's stance apart", "[signals]") {
  struct Case {
    std::string_view policy_signals;  // JSON of the policy's "signals"
    bool site_declaration;            // the policy file carries the site's declaration
    std::optional<WellKnownResource> gpc_json;
    std::string_view first_party_tk;
    SignalStance gpc, dnt;
    size_t gpc_sources, dnt_sources;
  };
  using enum SignalStance;
  const Case kCases[] = {
      {R"({})", false, std::nullopt, "", kNotStated, kNotStated, 0, 0},
      // A policy chosen to categorise (a bundled one): its stance is not the site's.
      {R"({"gpc": "honoured", "dnt": "not-honoured"})", false, std::nullopt, "", kNotStated, kNotStated, 0, 0},
      // The site's own policy with its declaration: its stance is the site's.
      {R"({"gpc": "honoured", "dnt": "not-honoured"})", true, std::nullopt, "", kHonoured, kNotHonoured, 1, 1},
      {R"({"gpc": "not-honoured"})", true, WellKnownResource{200, R"({"gpc": true})"}, "", kHonoured, kNotStated, 2, 0},
      {R"({"gpc": "not-honoured"})", false, WellKnownResource{200, R"({"gpc": true})"}, "", kHonoured, kNotStated, 1, 0},
      {R"({})", false, WellKnownResource{200, R"({"gpc": false})"}, "N", kNotHonoured, kHonoured, 1, 1},
      {R"({"dnt": "honoured"})", true, WellKnownResource{200, "nope"}, "D", kNotStated, kHonoured, 0, 2},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.policy_signals, c.site_declaration, c.first_party_tk);
    const Policy policy = testing::ParsePolicyOk(
        R"({"format":"trackscope-policy","version":1,"id":"t","name":"T","categories":[{"id":"all","label":"All"}],
            "rules":[{"category":"all"}],"signals":)" + std::string(c.policy_signals) +
        (c.site_declaration ? R"(,"declaration":{"categories":{}}})" : "}"));
    Capture capture = NewsPage({});
    capture.gpc_json = c.gpc_json;
    if (!c.first_party_tk.empty()) capture.requests.push_back(Request("https://www.news.example/", {}, {{"tk", std::string(c.first_party_tk)}}));
    const PrivacySignals& p = testing::AnalyzeOk(capture, &policy).privacy;
    CHECK(p.gpc.declared == c.gpc);
    CHECK(p.dnt.declared == c.dnt);
    CHECK(p.gpc.sources.size() == c.gpc_sources);
    CHECK(p.dnt.sources.size() == c.dnt_sources);
    CHECK(p.gpc.policy_stance == policy.gpc());
    CHECK(p.dnt.policy_stance == policy.dnt());
  }
}

TEST_CASE("Consent strings are decoded from cookies; the privacy section is written", "[signals]") {
  Capture capture = NewsPage({Fixture::kGa}, /*gpc=*/true);
  CapturedCookie usp;
  usp.name = "usprivacy";
  usp.value = "1YYN";
  usp.domain = ".news.example";
  capture.cookies.push_back(usp);
  capture.gpc_json = WellKnownResource{200, R"({"gpc": true, "lastUpdate": "2025-01-01"})"};
  capture.dnt_policy = WellKnownResource{404, "not found"};
  capture.consent = ConsentState::kNone;
  const Report report = testing::AnalyzeOk(capture);
  REQUIRE(report.privacy.consent_strings.size() == 1);
  CHECK(report.privacy.consent_strings[0].domain == "news.example");
  CHECK(report.privacy.consent_strings[0].summary == "notice given: yes; opted out of sale: yes; covered by the LSPA: no");
  CHECK(report.privacy.tracking_items == 1);  // _ga

  const nlohmann::json j = nlohmann::json::parse(ReportToJson(report));
  const nlohmann::json& p = j["privacy"];
  CHECK(p["consent"] == "none");
  CHECK(p["gpc"]["sent"] == true);
  CHECK(p["gpc"]["declared"] == "honoured");
  CHECK(p["gpc"]["sources"] == nlohmann::json::parse(R"([{"source": "gpc.json", "stance": "honoured"}])"));
  // The default policy's "does not respond to DNT" is that policy's stance, not the site's.
  CHECK(p["dnt"]["declared"] == "not-stated");
  CHECK(p["dnt"]["policyStance"] == "not-honoured");
  CHECK(p["dnt"]["sources"].empty());
  CHECK(p["gpcJson"] == nlohmann::json::parse(R"({"status": "valid", "httpStatus": 200, "gpc": true, "lastUpdate": "2025-01-01", "reason": null})"));
  CHECK(p["dntPolicy"]["status"] == "absent");
  CHECK(p["dntPolicy"]["reason"] == "the server answered HTTP 404");
  CHECK(p["consentStrings"][0]["kind"] == "us-privacy");
  CHECK(p["consentStrings"][0]["fields"]["optOutSale"] == "yes");
  CHECK(p["trackingItems"] == 1);
  CHECK(j["findings"].is_array());
}

}  // namespace
}  // namespace trackscope
