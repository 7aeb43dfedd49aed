// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Identifier sharing (analyze/sharing.cc): first-party cookie and storage values in third-party
// requests, and what that does to their purpose.
#include <catch2/catch_test_macros.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "trackscope/analyze/analyze.h"

namespace trackscope {
namespace {

constexpr std::string_view kClientId = "GA1.2.1722394011.1764740000";

// A page that sets a first-party cookie holding an analytics-like client id (named so that no
// catalog knows it, set by the page's own response) and loads a third-party image.
Capture Page(std::string image_url) {
  Capture c;
  c.page_url = "https://shop.example/";
  c.captured_at = 1795928400.0;
  CapturedCookie& k = c.cookies.emplace_back();
  k.name = "shop_vis";
  k.domain = "shop.example";
  k.value = std::string(kClientId);
  k.expires = 1795928400.0 + 86400 * 365;
  k.set_by = SetterKind::kHttp;
  k.set_by_url = "https://shop.example/";
  CapturedRequest& doc = c.requests.emplace_back();
  doc.url = "https://shop.example/";
  doc.type = ResourceType::kMainFrame;
  doc.status = 200;
  CapturedRequest& img = c.requests.emplace_back();
  img.url = std::move(image_url);
  img.type = ResourceType::kImage;
  img.status = 200;
  img.image_width = 300;
  img.image_height = 200;  // a picture, not a pixel: only the value it carries tells
  return c;
}

const ReportCookie& CookieNamed(const Report& r, std::string_view name) {
  for (const SiteGroup& g : r.sites) {
    for (const ReportCookie& c : g.cookies) {
      if (c.name == name) return c;
    }
  }
  FAIL("no cookie " << name);
  throw;
}

TEST_CASE("Sharing: a piece of a first-party cookie value in a third-party image URL", "[sharing]") {
  // The control page loads the same image without the value.
  Result<Report> control = Analyze(Page("https://img.partner.example/banner.jpg?w=300&v=17"));
  REQUIRE(control.ok());
  const ReportCookie& plain = CookieNamed(control.value(), "shop_vis");
  CHECK(plain.shared_with.empty());
  CHECK(control.value().summary.cookies_shared == 0);

  Result<Report> shared = Analyze(Page("https://img.partner.example/banner.jpg?w=300&u=1722394011.1764740000"));
  REQUIRE(shared.ok());
  const ReportCookie& c = CookieNamed(shared.value(), "shop_vis");
  REQUIRE(c.shared_with.size() == 1);
  CHECK(c.shared_with[0].site == "partner.example");
  CHECK(c.shared_with[0].endpoint == "https://img.partner.example/banner.jpg");
  CHECK(c.shared_with[0].where == "query parameter `u`");
  CHECK(c.shared_with[0].encoding == "plain");
  CHECK(c.shared_with[0].shared_chars == 21);
  // Already tracking by its shape (an id kept a year): the sharing confirms it, first in the evidence.
  CHECK(plain.purpose == Purpose::kAnalytics);
  CHECK(c.purpose == Purpose::kAnalytics);
  CHECK(c.confidence > plain.confidence);
  REQUIRE_FALSE(c.evidence.empty());
  CHECK(c.evidence[0].text.find("its value is sent to a third party: 21 characters of it in the query parameter `u`") == 0);
  CHECK(shared.value().summary.cookies_shared == 1);

  // In the report's JSON.
  const nlohmann::json j = nlohmann::json::parse(ReportToJson(shared.value()));
  const nlohmann::json& cookie = j["sites"][0]["cookies"][0];
  CHECK(cookie["sharedWith"][0]["where"] == "query parameter `u`");
  CHECK(cookie["sharedWithTotal"] == 1);
  CHECK(j["summary"]["cookiesShared"] == 1);
}

TEST_CASE("Sharing: where and how the value travels", "[sharing]") {
  struct Case {
    std::string url, body, header, where, encoding;
  };
  // {"vid":"GA1.2.1722394011.1764740000"} in base64
  const std::string b64 = "eyJ2aWQiOiJHQTEuMi4xNzIyMzk0MDExLjE3NjQ3NDAwMDAifQ==";
  const Case kCases[] = {
      {"https://t.partner.example/c", R"({"user":{"id":"GA1.2.1722394011.1764740000"}})", "", "body parameter `user.id`", "plain"},
      {"https://t.partner.example/c?d=" + b64, "", "", "query parameter `d`", "base64"},
      {"https://t.partner.example/c", "", "https://shop.example/?vid=GA1.2.1722394011.1764740000", "header `referer`", "plain"},
      {"https://t.partner.example/u/1722394011.1764740000/p.gif", "", "", "path", "plain"},
      {"https://t.partner.example/c?x=GA1.2.1722394011.1764740000%26", "", "", "query parameter `x`", "plain"},
  };
  for (const Case& k : kCases) {
    CAPTURE(k.url, k.body, k.header);
    Capture c = Page(k.url);
    c.requests.back().type = ResourceType::kXhr;
    c.requests.back().method = k.body.empty() ? "GET" : "POST";
    c.requests.back().request_body = k.body;
    if (!k.header.empty()) c.requests.back().request_headers = {{"referer", k.header}, {"cookie", "x=1"}};
    Result<Report> r = Analyze(c);
    REQUIRE(r.ok());
    const ReportCookie& cookie = CookieNamed(r.value(), "shop_vis");
    REQUIRE_FALSE(cookie.shared_with.empty());
    CHECK(cookie.shared_with[0].where == k.where);
    CHECK(cookie.shared_with[0].encoding == k.encoding);
  }
}

TEST_CASE("Sharing: what is not identifier sharing", "[sharing]") {
  SECTION("a first-party request") {
    Result<Report> r = Analyze(Page("https://cdn.shop.example/i.gif?u=1722394011.1764740000"));
    CHECK(CookieNamed(r.value(), "shop_vis").shared_with.empty());
  }
  SECTION("a value too short or without an identifier's shape") {
    Capture c = Page("https://img.partner.example/i.gif?lang=english-language&n=1764");
    c.cookies[0].value = "english-language";
    CapturedCookie& n = c.cookies.emplace_back();
    n.name = "n";
    n.domain = "shop.example";
    n.value = "1764";
    Result<Report> r = Analyze(c);
    CHECK(CookieNamed(r.value(), "shop_vis").shared_with.empty());
    CHECK(CookieNamed(r.value(), "n").shared_with.empty());
  }
  SECTION("a third party's own cookie sent back to it") {
    Capture c = Page("https://img.partner.example/i.gif");
    c.cookies[0].domain = ".partner.example";
    c.requests.back().request_headers = {{"cookie", "shop_vis=GA1.2.1722394011.1764740000"}};
    Result<Report> r = Analyze(c);
    CHECK(CookieNamed(r.value(), "shop_vis").shared_with.empty());
  }
}

TEST_CASE("Sharing: a cookie the catalog calls necessary is not necessary once its value leaves", "[sharing]") {
  Capture c = Page("https://collect.partner.example/e?sid=9f8e7d6c5b4a39281706f5e4d3c2b1a0");
  c.cookies[0].name = "PHPSESSID";
  c.cookies[0].value = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
  Capture control = c;
  control.requests.back().url = "https://collect.partner.example/e";
  Result<Report> before = Analyze(control);
  REQUIRE(CookieNamed(before.value(), "PHPSESSID").purpose == Purpose::kNecessary);
  Result<Report> after = Analyze(c);
  const ReportCookie& cookie = CookieNamed(after.value(), "PHPSESSID");
  CHECK(cookie.purpose == Purpose::kAdvertising);
  CHECK(cookie.evidence[0].text.find("its value is sent to a third party") == 0);
  // The category follows the purpose (default policy: Marketing, not Essential).
  CHECK(after.value().policy_categories[cookie.category].category.id == "marketing");
}

TEST_CASE("Sharing: a first-party storage value sent in a beacon body", "[sharing]") {
  Capture c = Page("https://img.partner.example/banner.jpg");
  ScriptEvent& write = c.events.emplace_back();
  write.kind = EventKind::kStorageWrite;
  write.api = "localStorage.setItem";
  write.key = "visitor";
  write.value = "v-8c1f2a9e4b7d4f10a3e6";
  write.script_url = "https://shop.example/app.js";
  ScriptEvent& beacon = c.events.emplace_back();
  beacon.kind = EventKind::kBeacon;
  beacon.api = "navigator.sendBeacon";
  beacon.url = "https://metrics.partner.example/b";
  beacon.value = "visitor=v-8c1f2a9e4b7d4f10a3e6&ev=view";
  Result<Report> r = Analyze(c);
  REQUIRE(r.ok());
  REQUIRE(r.value().storage.size() == 1);
  const ReportStorageItem& item = r.value().storage[0];
  REQUIRE(item.shared_with.size() == 1);
  CHECK(item.shared_with[0].host == "metrics.partner.example");
  CHECK(item.shared_with[0].where == "body parameter `visitor`");
  CHECK((item.purpose == Purpose::kAnalytics || item.purpose == Purpose::kAdvertising));
  CHECK(item.evidence[0].text.find("its value is sent to a third party") == 0);
  CHECK(r.value().summary.storage_shared == 1);
}

}  // namespace
}  // namespace trackscope
