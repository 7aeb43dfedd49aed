// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The report's view model (analyze/items.cc): items with stable ids, who is behind each (the one
// attribution rule), trackers, the policy's roles and the single-load DNT/GPC verdicts.
#include <algorithm>

#include <catch2/catch_test_macros.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "trackscope/analyze/analyze.h"

namespace trackscope {
namespace {

Capture Page() {
  Capture c;
  c.page_url = "https://shop.example/";
  c.captured_at = 1795928400.0;
  auto cookie = [&](std::string name, std::string domain, std::string value, SetterKind kind, std::string by) {
    CapturedCookie& k = c.cookies.emplace_back();
    k.name = std::move(name);
    k.domain = std::move(domain);
    k.value = std::move(value);
    k.expires = 1795928400.0 + 86400 * 400;
    k.set_by = kind;
    k.set_by_url = std::move(by);
  };
  cookie("_ga", ".shop.example", "GA1.1.1722394011.1764740000", SetterKind::kScript, "https://www.googletagmanager.com/gtag/js?id=G-1");
  cookie("shop_session", "shop.example", "s1", SetterKind::kHttp, "https://shop.example/");
  cookie("adnet_uid", ".adnet.example", "9f8e7d6c5b4a39281706", SetterKind::kHttp, "https://pixel.adnet.example/px.gif");
  cookie("_mt_vis", ".shop.example", "v-8c1f2a9e4b7d4f10", SetterKind::kScript, "https://cdn.metrics.example/m.js");
  for (int i = 0; i < 2; ++i) {
    CapturedRequest& r = c.requests.emplace_back();
    r.url = "https://www.facebook.com/tr?id=1234567890&ev=PageView&n=" + std::to_string(i);
    r.type = ResourceType::kImage;
    r.status = 200;
    r.image_width = r.image_height = 1;
  }
  ScriptEvent& store = c.events.emplace_back();
  store.kind = EventKind::kStorageWrite;
  store.api = "localStorage.setItem";
  store.key = "mt_queue";
  store.value = "[]";
  store.script_url = "https://cdn.metrics.example/m.js";
  return c;
}

const ReportItem& ItemWithId(const Report& r, std::string_view id) {
  for (const ReportItem& i : r.items) {
    if (i.id == id) return i;
  }
  FAIL("no item " << id);
  throw;
}

const ReportTracker& TrackerWithId(const Report& r, std::string_view id) {
  for (const ReportTracker& t : r.trackers) {
    if (t.id == id) return t;
  }
  FAIL("no tracker " << id);
  throw;
}

TEST_CASE("Items: stable ids and who is behind each item", "[items]") {
  Result<Report> result = Analyze(Page());
  REQUIRE(result.ok());
  const Report& r = result.value();
  // Every cookie, beacon endpoint and storage item once.
  REQUIRE(r.items.size() == 4 + 1 + 1);

  struct Case {
    std::string_view id;
    std::string_view vendor;   // by the attribution rule
    std::string_view tracker;
  };
  const Case kCases[] = {
      // A first-party cookie the catalog knows, written by Google's tag: Google Analytics.
      {"cookie:_ga@shop.example/", "Google Analytics", "tracker:vendor:Google Analytics"},
      // The site's own.
      {"cookie:shop_session@shop.example/", "", "tracker:site:shop.example"},
      // A third-party cookie no vendor list knows: its site.
      {"cookie:adnet_uid@adnet.example/", "", "tracker:site:adnet.example"},
      // A first-party id written by a third party's script: that script's site.
      {"cookie:_mt_vis@shop.example/", "", "tracker:site:metrics.example"},
      // Two hits to one endpoint: one item.
      {"beacon:www.facebook.com/tr", "Facebook", "tracker:vendor:Facebook"},
      {"storage:localStorage:https://shop.example:mt_queue", "", "tracker:site:metrics.example"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.id);
    const ReportItem& item = ItemWithId(r, c.id);
    CHECK(item.vendor == c.vendor);
    CHECK(item.tracker == c.tracker);
  }
  CHECK(ItemWithId(r, "beacon:www.facebook.com/tr").count == 2);
  CHECK(ItemWithId(r, "cookie:_ga@shop.example/").lifetime == "13 months");
  CHECK(ItemWithId(r, "storage:localStorage:https://shop.example:mt_queue").lifetime == "no expiry");
  // The details carry the same ids.
  CHECK(r.sites[0].cookies[0].id.starts_with("cookie:"));
  CHECK(r.beacons[0].id == "beacon:www.facebook.com/tr");
  CHECK(r.beacons[1].id == "beacon:www.facebook.com/tr");

  const ReportTracker& metrics = TrackerWithId(r, "tracker:site:metrics.example");
  CHECK(metrics.party == Party::kThird);
  CHECK(metrics.via == "https://cdn.metrics.example/m.js");
  CHECK(metrics.items == std::vector<std::string>{"cookie:_mt_vis@shop.example/", "storage:localStorage:https://shop.example:mt_queue"});
  const ReportTracker& own = TrackerWithId(r, "tracker:site:shop.example");
  CHECK(own.party == Party::kFirst);
  CHECK(TrackerWithId(r, "tracker:vendor:Facebook").beacons == 2);
  // Trackers that track come first.
  CHECK(r.trackers.front().tracking);
  CHECK_FALSE(r.trackers.back().tracking);

  // In the JSON, with a pointer to each item's details.
  const nlohmann::json j = nlohmann::json::parse(ReportToJson(r));
  CHECK(j["version"] == 2);
  const nlohmann::json& first = j["items"][0];
  CHECK(first["id"] == "cookie:_ga@shop.example/");
  CHECK(j.at(nlohmann::json::json_pointer(first["ref"].get<std::string>()))["name"] == "_ga");
  CHECK(j["trackers"][0].contains("items"));
  CHECK(j["beacons"][0]["id"] == "beacon:www.facebook.com/tr");
}

TEST_CASE("Trackers: a request to an advertising, analytics or social vendor tracks by itself", "[items]") {
  // DuckDuckGo's privacy-test-pages "1 major tracker loaded via script": a script from
  // doubleclick.net, no cookie, no beacon, no filter rule of the bundled lists.
  struct Case {
    std::string_view url;
    ResourceType type;
    std::string_view tracker;  // empty: none
    Purpose purpose;
  };
  const Case kCases[] = {
      {"https://doubleclick.net/tracker.js", ResourceType::kScript, "tracker:vendor:Google/Doubleclick Ads", Purpose::kAdvertising},
      {"https://connect.facebook.net/en_US/sdk.js", ResourceType::kScript, "tracker:vendor:Facebook", Purpose::kSocial},
      {"https://static.hotjar.com/c/hotjar-1.js", ResourceType::kScript, "tracker:vendor:Hotjar", Purpose::kAnalytics},
      // Other categories track only through items: a CDN, a tag manager, a video player.
      {"https://fonts.googleapis.com/css?family=Lato", ResourceType::kStylesheet, "", Purpose::kUnclassified},
      {"https://www.googletagmanager.com/gtm.js?id=GTM-X", ResourceType::kScript, "", Purpose::kUnclassified},
      {"https://www.youtube.com/embed/xyz", ResourceType::kSubFrame, "", Purpose::kUnclassified},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.url);
    Capture page;
    page.page_url = "https://blog.example/post";
    CapturedRequest& r = page.requests.emplace_back();
    r.url = std::string(c.url);
    r.type = c.type;
    r.status = 200;
    Result<Report> result = Analyze(page);
    REQUIRE(result.ok());
    const Report& report = result.value();
    CHECK(report.items.empty());
    const auto tracking = std::count_if(report.trackers.begin(), report.trackers.end(), [](const ReportTracker& t) { return t.tracking; });
    if (c.tracker.empty()) {
      CHECK(tracking == 0);
      continue;
    }
    REQUIRE(tracking == 1);
    const ReportTracker& t = TrackerWithId(report, c.tracker);
    CHECK(t.tracking);
    CHECK(t.party == Party::kThird);
    CHECK(t.requests == 1);
    CHECK(t.listed == 0);
    CHECK(t.purposes == std::vector<Purpose>{c.purpose});
  }
  // The vendor's own site: its requests are first-party, not a tracker of itself.
  Capture own;
  own.page_url = "https://www.hotjar.com/pricing";
  CapturedRequest& r = own.requests.emplace_back();
  r.url = "https://static.hotjar.com/c/hotjar-1.js";
  r.type = ResourceType::kScript;
  Result<Report> result = Analyze(own);
  REQUIRE(result.ok());
  CHECK(std::none_of(result.value().trackers.begin(), result.value().trackers.end(), [](const ReportTracker& t) { return t.tracking; }));
}

TEST_CASE("Policy roles: which category plays which part", "[items][policy]") {
  Result<Report> r = Analyze(Page());
  REQUIRE(r.ok());
  const nlohmann::json roles = nlohmann::json::parse(ReportToJson(r.value()))["policy"]["roles"];
  CHECK(roles == nlohmann::json::parse(R"({"necessary": "essential", "functional": "functional", "analytics": "marketing",
    "advertising": "marketing", "social": "marketing", "beacons": "web-beacons", "unclassified": "unclassified"})"));
  AnalyzeOptions options;
  options.policy = FindBundledPolicy("icc-uk");
  Result<Report> icc = Analyze(Page(), options);
  const nlohmann::json icc_roles = nlohmann::json::parse(ReportToJson(icc.value()))["policy"]["roles"];
  CHECK(icc_roles["advertising"] != roles["advertising"]);  // another id, the same part
}

TEST_CASE("Single-load DNT/GPC verdicts", "[items][signals]") {
  Capture plain = Page();
  Result<Report> r = Analyze(plain);
  CHECK(r.value().privacy.gpc.verdict.code == SignalVerdictCode::kNotSent);
  CHECK(r.value().privacy.gpc.verdict.tone == "neutral");
  Capture sent = Page();
  sent.gpc_sent = true;
  Result<Report> s = Analyze(sent);
  CHECK(s.value().privacy.gpc.verdict.code == SignalVerdictCode::kNoStance);
  CHECK(s.value().privacy.gpc.verdict.message.find("the site states no stance") != std::string::npos);
  sent.gpc_json = WellKnownResource{200, R"({"gpc": true})"};
  Result<Report> promised = Analyze(sent);
  CHECK(promised.value().privacy.gpc.verdict.code == SignalVerdictCode::kContradicted);
  CHECK(promised.value().privacy.gpc.verdict.tone == "bad");
  Capture clean;
  clean.page_url = "https://shop.example/";
  clean.gpc_sent = true;
  CHECK(Analyze(clean).value().privacy.gpc.verdict.code == SignalVerdictCode::kNoTracking);
  // The verdict and the finding name the same items: the finding points at them by id.
  for (const Finding& f : promised.value().findings) CHECK((f.item_id.empty() || f.item_id.starts_with("cookie:") || f.item_id.starts_with("tracker:")));
}

}  // namespace
}  // namespace trackscope
