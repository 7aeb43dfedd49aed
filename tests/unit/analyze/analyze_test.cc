// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/analyze/analyze.h"

#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <nlohmann/json.hpp>
#include <string>

namespace trackscope {
namespace {

Capture TestbedCapture() {
  Capture c;
  c.page_url = "https://shop.example/";
  c.captured_at = 1795928400.0;
  auto add_request = [&](std::string url, ResourceType type) {
    CapturedRequest& r = c.requests.emplace_back();
    r.url = std::move(url);
    r.type = type;
    r.status = 200;
  };
  add_request("https://shop.example/", ResourceType::kMainFrame);
  add_request("https://cdn.shop.example/app.js", ResourceType::kScript);
  add_request("https://pixel.adnet.example/px.gif?uid=1", ResourceType::kImage);
  add_request("https://collect.metrics.example/m.js", ResourceType::kScript);
  add_request("https://collect.metrics.example/collect", ResourceType::kPing);
  add_request("data:image/png;base64,iVBOR", ResourceType::kImage);
  add_request("not a url", ResourceType::kOther);
  auto add_cookie = [&](std::string name, std::string domain, std::optional<double> expires) {
    CapturedCookie& k = c.cookies.emplace_back();
    k.name = std::move(name);
    k.domain = std::move(domain);
    k.expires = expires;
  };
  add_cookie("sid", "shop.example", std::nullopt);
  add_cookie("_mt_id", ".shop.example", 1795928400.0 + 86400 * 365);
  add_cookie("adnet_uid", ".adnet.example", 1795928400.0 + 86400 * 30);
  add_cookie("bad", "bad host.example", std::nullopt);
  return c;
}

TEST_CASE("Analyze groups requests and cookies by site and party", "[analyze]") {
  Result<Report> r = Analyze(TestbedCapture());
  REQUIRE(r.ok());
  const Report& report = r.value();
  CHECK(report.page_host == "shop.example");
  CHECK(report.page_site == "shop.example");
  REQUIRE(report.sites.size() == 3);
  // First party first, then by weight: metrics (2 requests) before adnet (1 request + 1 cookie
  // ties at 2; then by name: adnet < metrics).
  CHECK(report.sites[0].site == "shop.example");
  CHECK(report.sites[0].party == Party::kFirst);
  CHECK(report.sites[0].hosts == std::vector<std::string>{"cdn.shop.example", "shop.example"});
  CHECK(report.sites[0].requests.size() == 2);
  CHECK(report.sites[0].cookies.size() == 2);
  CHECK(report.sites[1].site == "adnet.example");
  CHECK(report.sites[1].party == Party::kThird);
  CHECK(report.sites[1].hosts == std::vector<std::string>{"adnet.example", "pixel.adnet.example"});
  CHECK(report.sites[2].site == "metrics.example");
  CHECK(report.sites[2].requests.size() == 2);

  CHECK(report.summary.requests == 5);
  CHECK(report.summary.non_network_requests == 1);
  CHECK(report.summary.sites == 3);
  CHECK(report.summary.third_party_sites == 2);
  CHECK(report.summary.cookies == 3);
  CHECK(report.summary.third_party_cookies == 1);

  const ReportCookie& sid = report.sites[0].cookies[0];
  CHECK(sid.host_only);
  CHECK(sid.session);
  CHECK_FALSE(sid.lifetime_days.has_value());
  const ReportCookie& uid = report.sites[1].cookies[0];
  CHECK(uid.domain == "adnet.example");
  CHECK_FALSE(uid.host_only);
  CHECK(uid.party == Party::kThird);
  CHECK_FALSE(uid.session);
  CHECK(uid.lifetime_days == Catch::Approx(30.0));

  REQUIRE(report.diagnostics.size() == 2);
  CHECK(report.diagnostics[0].path == "$.requests[6].url");
  CHECK(report.diagnostics[1].path == "$.cookies[3].domain");
}

TEST_CASE("Analyze rejects an unusable page URL", "[analyze]") {
  for (std::string_view url : {"", "about:blank", "data:,x", "https://", "chrome-extension://abc/p.html"}) {
    CAPTURE(url);
    Capture c;
    c.page_url = std::string(url);
    Result<Report> r = Analyze(c);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == "$.page.url");
  }
}

TEST_CASE("AnalyzeJson writes a versioned report and passes errors through", "[analyze]") {
  Result<std::string> ok = AnalyzeJson(
      R"({"version":1,"page":{"url":"https://shop.example/"},
          "requests":[{"url":"https://pixel.adnet.example/p.gif","type":"image"}],
          "cookies":[{"name":"<img src=x>","value":"\u00e9","domain":"shop.example"}]})");
  REQUIRE(ok.ok());
  nlohmann::json j = nlohmann::json::parse(ok.value());
  CHECK(j["format"] == "trackscope-report");
  CHECK(j["version"] == kReportVersion);
  CHECK(j["generator"]["version"] == std::string(Version()));
  CHECK(j["page"]["site"] == "shop.example");
  CHECK(j["page"]["capturedAt"].is_null());  // the capture did not say when
  CHECK(j["page"]["visit"].is_null());       // nor what it simulated
  CHECK(j["sites"][1]["site"] == "adnet.example");
  CHECK(j["sites"][1]["party"] == "third");
  CHECK(j["sites"][1]["requests"][0]["type"] == "image");
  CHECK(j["sites"][0]["cookies"][0]["name"] == "<img src=x>");
  CHECK(j["sites"][0]["cookies"][0]["value"] == "\xC3\xA9");

  Result<std::string> dated = AnalyzeJson(
      R"({"version":1,"page":{"url":"https://shop.example/","capturedAt":"2026-11-29T06:00:00+01:00"}})");
  REQUIRE(dated.ok());
  CHECK(nlohmann::json::parse(dated.value())["page"]["capturedAt"] == "2026-11-29T05:00:00Z");

  Result<std::string> visited = AnalyzeJson(
      R"({"version":1,"page":{"url":"https://shop.example/"},"visit":{"pointerMoves":5,"scrolls":2,"dwellMs":3100,"automationHidden":true}})");
  REQUIRE(visited.ok());
  const nlohmann::json visit = nlohmann::json::parse(visited.value())["page"]["visit"];
  CHECK(visit["pointerMoves"] == 5);
  CHECK(visit["scrolls"] == 2);
  CHECK(visit["dwellMs"] == 3100);
  CHECK(visit["automationHidden"] == true);

  Result<std::string> bad = AnalyzeJson(R"({"version":1,"page":{"url":"https://a.example/"},"cookies":[{}]})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().path == "$.cookies[0].name");
}

TEST_CASE("ReportToJson replaces invalid UTF-8 instead of failing", "[analyze]") {
  Report report;
  report.page_url = "https://a.example/";
  report.title = "bad \xFF byte";
  nlohmann::json j = nlohmann::json::parse(ReportToJson(report));
  CHECK(j["page"]["title"] == "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace trackscope
