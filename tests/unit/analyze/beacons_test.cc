// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The beacon, storage and fingerprinting stages of Analyze(), and their JSON.
#include <catch2/catch_test_macros.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "trackscope/analyze/analyze.h"

namespace trackscope {
namespace {

constexpr std::string_view kMtId = "mt.k3j4h5g6f7.1795928400000";

struct CaptureBuilder {
  Capture c;
  CaptureBuilder() {
    c.page_url = "https://shop.example/";
    c.captured_at = 1795928400.0;
    Cookie("_mt_id", ".shop.example", std::string(kMtId));
    Cookie("_fbp", ".shop.example", "fb.1.1795928400123.1234567890");
    Cookie("ui_lang", "shop.example", "en");
  }
  void Cookie(std::string name, std::string domain, std::string value) {
    CapturedCookie& k = c.cookies.emplace_back();
    k.name = std::move(name);
    k.domain = std::move(domain);
    k.value = std::move(value);
    k.expires = 1795928400.0 + 86400 * 365;
  }
  CapturedRequest& Request(std::string url, ResourceType type) {
    CapturedRequest& r = c.requests.emplace_back();
    r.url = std::move(url);
    r.type = type;
    r.status = 200;
    return r;
  }
  ScriptEvent& Event(EventKind kind, std::string api, std::string script = "https://shop.example/app.js") {
    ScriptEvent& e = c.events.emplace_back();
    e.kind = kind;
    e.api = std::move(api);
    e.script_url = std::move(script);
    return e;
  }
};

const ReportBeacon* BeaconTo(const Report& r, std::string_view endpoint) {
  for (const ReportBeacon& b : r.beacons) {
    if (b.endpoint == endpoint) return &b;
  }
  return nullptr;
}

bool HasEvidence(const std::vector<Evidence>& evidence, std::string_view piece) {
  for (const Evidence& e : evidence) {
    if (e.text.find(piece) != std::string::npos) return true;
  }
  return false;
}

Capture BeaconCapture() {
  CaptureBuilder b;
  b.Request("https://shop.example/", ResourceType::kMainFrame);
  // A 1×1 third-party pixel with a user id.
  CapturedRequest& px = b.Request("https://pixel.adnet.example/px.gif?uid=u-5f2a9c1e7b3d&ev=pageview", ResourceType::kImage);
  px.image_width = px.image_height = 1;
  px.body_size = 43;
  // sendBeacon with the first-party _mt_id value in a JSON body.
  b.Request("https://collect.metrics.example/collect", ResourceType::kPing).request_body =
      R"({"cid":")" + std::string(kMtId) + R"(","page":"https://shop.example/","ev":"pageview"})";
  b.Event(EventKind::kBeacon, "navigator.sendBeacon", "https://collect.metrics.example/m.js").url =
      "https://collect.metrics.example/collect";
  // <a ping>: Chromium sends Ping-From/Ping-To and the body "PING".
  CapturedRequest& ping = b.Request("https://collect.metrics.example/ping?link=offer", ResourceType::kPing);
  ping.request_body = "PING";
  ping.request_headers = {{"ping-from", "https://shop.example/"}, {"ping-to", "https://shop.example/offer"}};
  // fetch keepalive.
  b.Request("https://collect.metrics.example/k?vid=9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e", ResourceType::kXhr);
  b.Event(EventKind::kBeacon, "fetch").url = "https://collect.metrics.example/k?vid=9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e";
  // Meta Pixel on its own host, carrying the _fbp value.
  CapturedRequest& meta = b.Request(
      "https://www.facebook.com/tr?id=1234567890123456&ev=PageView&fbp=fb.1.1795928400123.1234567890&cd[value]=12",
      ResourceType::kImage);
  meta.image_width = meta.image_height = 1;
  // GA4 through a first-party proxy (server-side tagging), seen only as an event.
  b.Event(EventKind::kBeacon, "navigator.sendBeacon").url =
      "https://sgtm.shop.example/g/collect?v=2&tid=G-TESTBED01&cid=1234567890.1795928400&en=page_view";
  // Not beacons: a product photo, a first-party spacer without ids, a CDN image, a script.
  CapturedRequest& photo = b.Request("https://shop.example/img/shoe.jpg?v=3", ResourceType::kImage);
  photo.image_width = 600;
  photo.image_height = 400;
  CapturedRequest& spacer = b.Request("https://shop.example/spacer.gif", ResourceType::kImage);
  spacer.image_width = spacer.image_height = 1;
  CapturedRequest& cdn = b.Request("https://cdn.other.example/banner.png", ResourceType::kImage);
  cdn.body_size = 20000;
  b.Request("https://collect.metrics.example/m.js?id=9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e", ResourceType::kScript);
  return b.c;
}

TEST_CASE("Beacons: kinds, pixels, identifiers and what is not a beacon", "[analyze][beacons]") {
  Result<Report> r = Analyze(BeaconCapture());
  REQUIRE(r.ok());
  const Report& report = r.value();
  CHECK(report.beacons.size() == 6);
  CHECK(report.summary.beacons == 6);

  struct Case {
    std::string_view endpoint;
    BeaconKind kind;
    Party party;
    std::string_view pixel;   // decoder, or empty
    std::string_view first_id;  // first identifier's param, or "-" for none
    Purpose purpose;
  };
  const Case kCases[] = {
      {"https://pixel.adnet.example/px.gif", BeaconKind::kImage, Party::kThird, "", "uid", Purpose::kAdvertising},
      {"https://collect.metrics.example/collect", BeaconKind::kSendBeacon, Party::kThird, "", "cid", Purpose::kAnalytics},
      {"https://collect.metrics.example/ping", BeaconKind::kPing, Party::kThird, "", "-", Purpose::kUnclassified},
      {"https://collect.metrics.example/k", BeaconKind::kKeepalive, Party::kThird, "", "vid", Purpose::kAdvertising},
      {"https://www.facebook.com/tr", BeaconKind::kImage, Party::kThird, "Meta Pixel", "fbp", Purpose::kAdvertising},
      {"https://sgtm.shop.example/g/collect", BeaconKind::kSendBeacon, Party::kFirst, "Google Analytics 4", "cid",
       Purpose::kAnalytics},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.endpoint);
    const ReportBeacon* b = BeaconTo(report, c.endpoint);
    REQUIRE(b != nullptr);
    CHECK(b->kind == c.kind);
    CHECK(b->party == c.party);
    CHECK(b->pixel == c.pixel);
    if (c.first_id == "-") {
      CHECK(b->identifiers.empty());
    } else {
      REQUIRE_FALSE(b->identifiers.empty());
      CHECK(b->identifiers[0].param == c.first_id);
    }
    CHECK(b->purpose == c.purpose);
    // The default policy files every beacon under its web-beacon category.
    CHECK(report.policy_categories[b->category].category.id == "web-beacons");
  }
  CHECK(report.policy_categories[BeaconTo(report, "https://www.facebook.com/tr")->category].beacons == 6);

  // The first-party cookie value sent to a third party, named in the evidence.
  const ReportBeacon* mt = BeaconTo(report, "https://collect.metrics.example/collect");
  CHECK(mt->identifiers[0].cookie == "_mt_id");
  CHECK(mt->identifiers[0].cookie_party == Party::kFirst);
  CHECK(mt->identifiers[0].shared_chars == static_cast<int>(kMtId.size()));
  CHECK(HasEvidence(mt->evidence, "carries the value of first-party cookie `_mt_id` (shop.example) in `cid` to a third party"));
  CHECK(mt->script_url == "https://collect.metrics.example/m.js");
  CHECK(report.summary.beacons_sharing_cookies == 2);  // _mt_id to metrics, _fbp to facebook
  CHECK(report.summary.beacons_with_identifiers == 5);

  const ReportBeacon* meta = BeaconTo(report, "https://www.facebook.com/tr");
  CHECK(meta->account == "1234567890123456");
  CHECK(meta->event == "PageView");
  CHECK(meta->vendor == "Facebook");
  CHECK(meta->data_fields == std::vector<std::string>{"cd[value]"});
  CHECK(meta->identifiers[0].cookie == "_fbp");
  CHECK(meta->evidence[0].kind == EvidenceKind::kCatalog);

  const ReportBeacon* ga = BeaconTo(report, "https://sgtm.shop.example/g/collect");
  CHECK(ga->pixel_match == PixelMatch::kPathShape);
  CHECK(ga->vendor == "Google");
  CHECK(ga->confidence < meta->confidence);
  CHECK(HasEvidence(ga->evidence, "a pixel proxied through it"));
}

TEST_CASE("Beacons: values are redacted unless asked for", "[analyze][beacons]") {
  Result<Report> redacted = Analyze(BeaconCapture());
  REQUIRE(redacted.ok());
  const ReportBeacon* px = BeaconTo(redacted.value(), "https://pixel.adnet.example/px.gif");
  REQUIRE(px != nullptr);
  CHECK(px->identifiers[0].value == "•••• (14 chars)");
  CHECK(px->url == "https://pixel.adnet.example/px.gif?uid=••••&ev=pageview");

  AnalyzeOptions options;
  options.include_values = true;
  Result<Report> full = Analyze(BeaconCapture(), options);
  REQUIRE(full.ok());
  px = BeaconTo(full.value(), "https://pixel.adnet.example/px.gif");
  CHECK(px->identifiers[0].value == "u-5f2a9c1e7b3d");
  CHECK(px->url == "https://pixel.adnet.example/px.gif?uid=u-5f2a9c1e7b3d&ev=pageview");
}

TEST_CASE("Beacons: a filter-list hit on an image with identifiers makes it a beacon", "[analyze][beacons]") {
  const filter::ListSource lists[] = {{"easyprivacy.txt", "||tracker.example/i/\n"}, {"easylist.txt", "/adimg/\n"}};
  filter::BuildOutput built = filter::Engine::Build(lists);
  CaptureBuilder b;
  CapturedRequest& big = b.Request("https://tracker.example/i/hit.png?visitor_id=a1b2c3d4e5", ResourceType::kImage);
  big.image_width = 300;
  big.image_height = 250;
  b.Request("https://tracker.example/i/plain.png", ResourceType::kImage).body_size = 5000;  // no identifiers
  b.Request("https://tracker.example/i/api?u=9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e", ResourceType::kXhr);
  AnalyzeOptions options;
  options.filters = &built.engine;
  Result<Report> r = Analyze(b.c, options);
  REQUIRE(r.ok());
  REQUIRE(r.value().beacons.size() == 2);
  const ReportBeacon& hit = r.value().beacons[0];
  CHECK(hit.endpoint == "https://tracker.example/i/hit.png");
  CHECK(hit.purpose == Purpose::kAnalytics);  // EasyPrivacy: a tracker
  CHECK(HasEvidence(hit.evidence, "easyprivacy.txt lists it as a tracker (rule `||tracker.example/i/`"));
  CHECK(r.value().beacons[1].kind == BeaconKind::kRequest);
}

TEST_CASE("Storage: one item per key, last value wins, classified like cookies", "[analyze][storage]") {
  CaptureBuilder b;
  auto write = [&](std::string api, std::string key, std::string value, std::string frame = "") {
    ScriptEvent& e = b.Event(EventKind::kStorageWrite, std::move(api));
    e.key = std::move(key);
    e.value = std::move(value);
    e.frame_url = std::move(frame);
  };
  write("localStorage.setItem", "_mt_uid", "6f1c9a42-8b1e-4c55-9d2a-1f0e3b6c7d8e");
  write("localStorage.setItem", "_mt_uid", "0b7e1d22-3c4f-4a5b-8c6d-7e8f9a0b1c2d");
  write("sessionStorage.setItem", "ui_theme", "dark");
  write("localStorage.setItem", "adnet_sync", "9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e", "https://frame.adnet.example/sync.html");
  Result<Report> r = Analyze(b.c);
  REQUIRE(r.ok());
  const Report& report = r.value();
  REQUIRE(report.storage.size() == 3);
  CHECK(report.summary.storage_items == 3);
  CHECK(report.summary.identifier_storage_items == 2);

  const ReportStorageItem& id = report.storage[0];
  CHECK(id.area == StorageArea::kLocal);
  CHECK(id.origin == "https://shop.example");
  CHECK(id.key == "_mt_uid");
  CHECK(id.writes == 2);
  CHECK(id.identifier);
  CHECK(id.value == "•••• (36 chars)");  // the last value, redacted
  CHECK(id.value_length == 36);
  CHECK(id.scripts == std::vector<std::string>{"https://shop.example/app.js"});
  CHECK(id.purpose == Purpose::kAnalytics);
  CHECK(HasEvidence(id.evidence, "first-party storage item; value looks like a random identifier"));
  CHECK(report.policy_categories[id.category].category.id == "functional");  // first-party analytics

  const ReportStorageItem& pref = report.storage[1];
  CHECK(pref.area == StorageArea::kSession);
  CHECK(pref.value == "dark");
  CHECK_FALSE(pref.identifier);
  CHECK(pref.purpose == Purpose::kFunctional);  // "theme": a display preference
  CHECK(report.policy_categories[pref.category].category.id == "functional");

  const ReportStorageItem& third = report.storage[2];
  CHECK(third.party == Party::kThird);
  CHECK(third.host == "frame.adnet.example");
  CHECK(third.purpose == Purpose::kAdvertising);
  CHECK(report.policy_categories[third.category].category.id == "marketing");
  CHECK(report.policy_categories[third.category].storage == 1);

  AnalyzeOptions options;
  options.include_values = true;
  Result<Report> full = Analyze(b.c, options);
  REQUIRE(full.ok());
  CHECK(full.value().storage[0].value == "0b7e1d22-3c4f-4a5b-8c6d-7e8f9a0b1c2d");
}

TEST_CASE("Storage: a snapshot of the area adds what no write recorded and the final value of the rest", "[analyze][storage]") {
  CaptureBuilder b;
  auto add = [&](std::string api, std::string key, std::string value, std::string script) {
    ScriptEvent& e = b.Event(EventKind::kStorageWrite, std::move(api), std::move(script));
    e.key = std::move(key);
    e.value = std::move(value);
  };
  add("localStorage.setItem", "_mt_uid", "6f1c9a42-8b1e-4c55-9d2a-1f0e3b6c7d8e", "https://collect.metrics.example/m.js");
  // The snapshot at the end: _mt_uid as written since, and an id set by property assignment.
  add("localStorage", "_mt_uid", "0b7e1d22-3c4f-4a5b-8c6d-7e8f9a0b1c2d", "");
  add("localStorage", "visitor_id", "v-1f0e3b6c7d8e9a0b", "");
  AnalyzeOptions options;
  options.include_values = true;
  Result<Report> r = Analyze(b.c, options);
  REQUIRE(r.ok());
  REQUIRE(r.value().storage.size() == 2);
  const ReportStorageItem& written = r.value().storage[0];
  CHECK(written.writes == 1);
  CHECK(written.scripts == std::vector<std::string>{"https://collect.metrics.example/m.js"});  // its writer stays known
  CHECK(written.value == "0b7e1d22-3c4f-4a5b-8c6d-7e8f9a0b1c2d");
  const ReportStorageItem& assigned = r.value().storage[1];
  CHECK(assigned.key == "visitor_id");
  CHECK(assigned.writes == 1);
  CHECK(assigned.scripts == std::vector<std::string>{""});
}

TEST_CASE("Fingerprinting: per script, with verdicts", "[analyze][fingerprint]") {
  CaptureBuilder b;
  const std::string fp = "https://fp.tracker.example/fp.js";
  ScriptEvent& read = b.Event(EventKind::kFingerprint, "HTMLCanvasElement.toDataURL", fp);
  read.canvas = CanvasDrawing{240, 60, 29, 3, 1, false};
  b.Event(EventKind::kFingerprint, "navigator.hardwareConcurrency", fp).count = 2;
  b.Event(EventKind::kFingerprint, "navigator.platform", "");  // inline script of the page
  Result<Report> r = Analyze(b.c);
  REQUIRE(r.ok());
  const Report& report = r.value();
  REQUIRE(report.fingerprinting.size() == 2);
  CHECK(report.fingerprinting[0].script_url == fp);
  CHECK(report.fingerprinting[0].host == "fp.tracker.example");
  CHECK(report.fingerprinting[0].party == Party::kThird);
  CHECK(report.fingerprinting[0].assessment.verdict == FingerprintVerdict::kLikely);
  CHECK(report.fingerprinting[1].script_url.empty());
  CHECK(report.fingerprinting[1].host == "shop.example");
  CHECK(report.fingerprinting[1].assessment.verdict == FingerprintVerdict::kNone);
  CHECK(report.summary.fingerprinting_scripts == 1);
  CHECK(report.summary.possible_fingerprinting_scripts == 0);
}

TEST_CASE("Fingerprint events round-trip through the capture JSON", "[capture][fingerprint]") {
  Result<Capture> c = ParseCapture(R"({"version":1,"page":{"url":"https://shop.example/"},"events":[
    {"kind":"fingerprint","api":"HTMLCanvasElement.toDataURL","scriptUrl":"https://fp.tracker.example/fp.js","count":3,
     "canvas":{"width":240,"height":60,"textLength":29,"colors":3,"shapes":1,"interactive":false}},
    {"kind":"fingerprint","api":"WebGLRenderingContext.getParameter","key":"UNMASKED_RENDERER_WEBGL"}]})");
  REQUIRE(c.ok());
  REQUIRE(c.value().events.size() == 2);
  const ScriptEvent& e = c.value().events[0];
  CHECK(e.count == 3);
  REQUIRE(e.canvas.has_value());
  CHECK(e.canvas->width == 240);
  CHECK(e.canvas->text_length == 29);
  CHECK(e.canvas->colors == 3);
  CHECK(c.value().events[1].count == 1);
  CHECK_FALSE(c.value().events[1].canvas.has_value());

  Result<Capture> bad = ParseCapture(R"({"version":1,"page":{"url":"https://shop.example/"},"events":[
    {"kind":"fingerprint","api":"x","canvas":{"width":"wide"}}]})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().path == "$.events[0].canvas.width");
}

TEST_CASE("Report JSON: beacons, storage, fingerprinting sections and counts", "[report][beacons]") {
  Capture c = BeaconCapture();
  ScriptEvent& s = c.events.emplace_back();
  s.kind = EventKind::kStorageWrite;
  s.api = "localStorage.setItem";
  s.key = "k";
  s.value = "v";
  Result<std::string> json = AnalyzeJson(R"({"version":1,"page":{"url":"https://shop.example/"}})");
  REQUIRE(json.ok());
  nlohmann::json empty = nlohmann::json::parse(json.value());
  CHECK(empty["beacons"].is_array());
  CHECK(empty["storage"].is_array());
  CHECK(empty["fingerprinting"].is_array());
  CHECK(empty["summary"]["beacons"] == 0);

  Result<Report> r = Analyze(c);
  REQUIRE(r.ok());
  nlohmann::json doc = nlohmann::json::parse(ReportToJson(r.value()));
  CHECK(doc["summary"]["beacons"] == 6);
  CHECK(doc["summary"]["beaconsWithIdentifiers"] == 5);
  CHECK(doc["summary"]["storageItems"] == 1);
  const nlohmann::json* beacon = nullptr;
  for (const auto& b : doc["beacons"]) {
    if (b["endpoint"] == "https://www.facebook.com/tr") beacon = &b;
  }
  REQUIRE(beacon != nullptr);
  CHECK((*beacon)["kind"] == "image");
  CHECK((*beacon)["image"] == nlohmann::json{{"width", 1}, {"height", 1}});
  CHECK((*beacon)["pixel"]["name"] == "Meta Pixel");
  CHECK((*beacon)["pixel"]["match"] == "host");
  CHECK((*beacon)["pixel"]["account"] == "1234567890123456");
  CHECK((*beacon)["identifiers"][0]["param"] == "fbp");
  CHECK((*beacon)["identifiers"][0]["value"] == "•••• (29 chars)");
  CHECK((*beacon)["identifiers"][0]["cookie"]["name"] == "_fbp");
  CHECK((*beacon)["category"] == "web-beacons");
  CHECK((*beacon)["purpose"] == "advertising");
  bool counted = false;
  for (const auto& cat : doc["policy"]["categories"]) counted |= cat["id"] == "web-beacons" && cat["beacons"] == 6;
  CHECK(counted);
  CHECK(doc["storage"][0]["area"] == "localStorage");
}

}  // namespace
}  // namespace trackscope
