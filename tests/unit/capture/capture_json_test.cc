// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include <catch2/catch_test_macros.hpp>
#include <string>
#include <string_view>

#include "trackscope/capture/capture.h"

namespace trackscope {
namespace {

constexpr std::string_view kFull = R"({
  "version": 1,
  "page": {"url": "https://shop.example/", "title": "Shop", "capturedAt": "2026-11-29T05:00:00Z"},
  "signals": {"dnt": true, "gpc": false},
  "requests": [
    {"url": "https://pixel.adnet.example/px.gif?uid=1", "type": "image", "status": 200,
     "frameUrl": "https://shop.example/", "initiator": "https://shop.example",
     "requestHeaders": {"DNT": "1"},
     "responseHeaders": {"Set-Cookie": ["a=1", "b=2"], "Content-Type": "image/gif"},
     "bodySize": 43, "image": {"width": 1, "height": 1}, "timeMs": 120.5},
    {"url": "https://collect.metrics.example/collect", "type": "beacon", "method": "POST",
     "requestHeaders": [{"name": "Content-Type", "value": "text/plain"}], "requestBody": "cid=42"}
  ],
  "cookies": [
    {"name": "sid", "value": "abc", "domain": "shop.example", "path": "/", "httpOnly": true,
     "secure": true, "sameSite": "Lax", "setBy": {"kind": "http", "url": "https://shop.example/"}},
    {"name": "uid", "value": "x", "domain": ".adnet.example", "expires": 1800000000,
     "sameSite": "no_restriction", "hostOnly": false, "partitionKey": "https://shop.example"}
  ],
  "events": [
    {"kind": "cookie-write", "api": "document.cookie", "scriptUrl": "https://cdn.shop.example/app.js", "value": "ab=b"},
    {"kind": "navigator-read", "api": "navigator.doNotTrack", "key": "doNotTrack"},
    {"kind": "teleport", "api": "x"}
  ]
})";

TEST_CASE("ParseCapture reads every field of schema version 1", "[capture]") {
  Result<Capture> r = ParseCapture(kFull);
  REQUIRE(r.ok());
  const Capture& c = r.value();
  CHECK(c.page_url == "https://shop.example/");
  CHECK(c.title == "Shop");
  CHECK(c.captured_at == 1795928400.0);
  CHECK(c.dnt_sent);
  CHECK_FALSE(c.gpc_sent);
  REQUIRE(c.requests.size() == 2);
  const CapturedRequest& px = c.requests[0];
  CHECK(px.type == ResourceType::kImage);
  CHECK(px.status == 200);
  CHECK(px.request_headers == HeaderList{{"dnt", "1"}});
  CHECK(px.response_headers == HeaderList{{"content-type", "image/gif"}, {"set-cookie", "a=1"}, {"set-cookie", "b=2"}});
  CHECK(px.body_size == 43);
  CHECK(px.image_width == 1);
  CHECK(px.image_height == 1);
  CHECK(px.time_ms == 120.5);
  const CapturedRequest& beacon = c.requests[1];
  CHECK(beacon.type == ResourceType::kPing);
  CHECK(beacon.method == "POST");
  CHECK(beacon.request_headers == HeaderList{{"content-type", "text/plain"}});
  CHECK(beacon.request_body == "cid=42");
  REQUIRE(c.cookies.size() == 2);
  CHECK(c.cookies[0].http_only);
  CHECK(c.cookies[0].same_site == SameSite::kLax);
  CHECK(c.cookies[0].set_by == SetterKind::kHttp);
  CHECK_FALSE(c.cookies[0].host_only.has_value());
  CHECK_FALSE(c.cookies[0].expires.has_value());
  CHECK(c.cookies[1].expires == 1800000000.0);
  CHECK(c.cookies[1].same_site == SameSite::kNone);
  CHECK(c.cookies[1].host_only == false);
  CHECK(c.cookies[1].partition_key == "https://shop.example");
  REQUIRE(c.events.size() == 2);  // the unknown kind is skipped with a warning
  CHECK(c.events[0].kind == EventKind::kCookieWrite);
  CHECK(c.events[0].value == "ab=b");
  CHECK(c.events[1].kind == EventKind::kNavigatorRead);
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0].path == "$.events[2].kind");
}

TEST_CASE("ParseCapture: minimal capture", "[capture]") {
  Result<Capture> r = ParseCapture(R"({"version":1,"page":{"url":"https://a.example/"}})");
  REQUIRE(r.ok());
  CHECK(r.value().requests.empty());
  CHECK(r.value().cookies.empty());
  CHECK_FALSE(r.value().captured_at.has_value());
}

TEST_CASE("ParseCapture: errors name the JSON path and the reason", "[capture]") {
  struct Case {
    std::string_view json, path, message_part;
  };
  const Case kCases[] = {
      {"", "$", "malformed JSON"},
      {"{\"version\": 1,", "$", "malformed JSON: parse error at line 1"},
      {"{\"version\": 1, \"page\": {\"url\": \"x\"}} trailing", "$", "malformed JSON"},
      {"[1,2]", "$", "expected a capture object, got an array"},
      {"{}", "$.version", "required field is missing"},
      {R"({"version": "1"})", "$.version", "expected a number, got a string"},
      {R"({"version": 1.5})", "$.version", "expected an integer"},
      {R"({"version": 2, "page": {"url": "https://a.example/"}})", "$.version", "unsupported capture version 2"},
      {R"({"version": 1})", "$.page", "required field is missing"},
      {R"({"version": 1, "page": []})", "$.page", "expected an object"},
      {R"({"version": 1, "page": {}})", "$.page.url", "required field is missing"},
      {R"({"version": 1, "page": {"url": 7}})", "$.page.url", "expected a string, got a number"},
      {R"({"version": 1, "page": {"url": "https://a.example/", "capturedAt": "yesterday"}})", "$.page.capturedAt", "ISO 8601"},
      {R"({"version": 1, "page": {"url": "https://a.example/"}, "requests": {}})", "$.requests", "expected an array"},
      {R"({"version": 1, "page": {"url": "https://a.example/"}, "requests": [{"url": "https://b.example/"}, 3]})", "$.requests[1]", "expected an object, got a number"},
      {R"({"version": 1, "page": {"url": "https://a.example/"}, "requests": [{"type": "image"}]})", "$.requests[0].url", "required field is missing"},
      {R"({"version": 1, "page": {"url": "https://a.example/"}, "requests": [{"url": "https://b.example/", "status": "200"}]})", "$.requests[0].status", "expected a number"},
      {R"({"version": 1, "page": {"url": "https://a.example/"}, "requests": [{"url": "https://b.example/", "status": 1000}]})", "$.requests[0].status", "out of range"},
      {R"({"version": 1, "page": {"url": "https://a.example/"}, "requests": [{"url": "https://b.example/", "responseHeaders": {"set-cookie": [1]}}]})", "$.requests[0].responseHeaders.set-cookie[0]", "expected a string"},
      {R"({"version": 1, "page": {"url": "https://a.example/"}, "requests": [{"url": "https://b.example/", "requestHeaders": [{"name": "a"}]}]})", "$.requests[0].requestHeaders[0].value", "required field is missing"},
      {R"({"version": 1, "page": {"url": "https://a.example/"}, "cookies": [{"name": "a"}]})", "$.cookies[0].domain", "required field is missing"},
      {R"({"version": 1, "page": {"url": "https://a.example/"}, "cookies": [{"name": "a", "domain": "a.example", "secure": "yes"}]})", "$.cookies[0].secure", "expected true or false"},
      {R"({"version": 1, "page": {"url": "https://a.example/"}, "cookies": [{"name": "a", "domain": "a.example", "setBy": {"kind": "magic"}}]})", "$.cookies[0].setBy.kind", "expected \"http\""},
      {R"({"version": 1, "page": {"url": "https://a.example/"}, "events": [{"api": "x"}]})", "$.events[0].kind", "required field is missing"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.json);
    Result<Capture> r = ParseCapture(c.json);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == c.path);
    CHECK(r.error().message.find(c.message_part) != std::string::npos);
  }
}

TEST_CASE("ParseCapture: invalid UTF-8 is a parse error, not a crash", "[capture]") {
  std::string json = R"({"version":1,"page":{"url":"https://a.example/","title":")";
  json += "\xFF\xFE";
  json += R"("}})";
  Result<Capture> r = ParseCapture(json);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().path == "$");
}

TEST_CASE("ParseResourceType maps other vocabularies", "[capture]") {
  CHECK(ParseResourceType("xmlhttprequest") == ResourceType::kXhr);
  CHECK(ParseResourceType("XHR") == ResourceType::kXhr);
  CHECK(ParseResourceType("fetch") == ResourceType::kXhr);
  CHECK(ParseResourceType("document") == ResourceType::kSubFrame);
  CHECK(ParseResourceType("beacon") == ResourceType::kPing);
  CHECK(ParseResourceType("main_frame") == ResourceType::kMainFrame);
  CHECK_FALSE(ParseResourceType("teapot").has_value());
  for (int t = 0; t <= static_cast<int>(ResourceType::kOther); ++t) {
    auto type = static_cast<ResourceType>(t);
    CHECK(ParseResourceType(ResourceTypeName(type)) == type);
  }
}

}  // namespace
}  // namespace trackscope

namespace trackscope {
namespace {

TEST_CASE("ParseCapture reads wellKnown and consent; CaptureToJson writes them back", "[capture]") {
  Result<Capture> r = ParseCapture(R"({"version": 1, "page": {"url": "https://news.example/"}, "consent": "rejected",
    "wellKnown": {"gpcJson": {"status": 200, "body": "{\"gpc\": true}"}, "dntPolicy": {"status": 404}}})");
  REQUIRE(r.ok());
  const Capture& c = r.value();
  CHECK(c.consent == ConsentState::kRejected);
  REQUIRE(c.gpc_json);
  CHECK(c.gpc_json->status == 200);
  CHECK(c.gpc_json->body == R"({"gpc": true})");
  REQUIRE(c.dnt_policy);
  CHECK(c.dnt_policy->status == 404);
  CHECK(c.dnt_policy->body.empty());
  Result<Capture> again = ParseCapture(CaptureToJson(c));
  REQUIRE(again.ok());
  CHECK(again.value().consent == ConsentState::kRejected);
  CHECK(again.value().gpc_json->body == c.gpc_json->body);
  CHECK(again.value().dnt_policy->status == 404);

  Result<Capture> plain = ParseCapture(R"({"version": 1, "page": {"url": "https://news.example/"}})");
  REQUIRE(plain.ok());
  CHECK(plain.value().consent == ConsentState::kUnknown);
  CHECK_FALSE(plain.value().gpc_json);  // not fetched
}

TEST_CASE("ParseCapture reads what the visitor simulation did; CaptureToJson writes it back", "[capture]") {
  Result<Capture> r = ParseCapture(R"({"version": 1, "page": {"url": "https://news.example/"},
    "visit": {"pointerMoves": 20, "scrolls": 3, "dwellMs": 3012, "automationHidden": true, "userAgent": "Mozilla/5.0 X",
              "typed": [{"field": "input[name=\"email\"]", "kind": "email", "value": "a@example.org", "timeMs": 1200}],
              "submittedMs": 4000, "setup": {"device": "iPhone 13", "cookies": "session, csrftoken"}}})");
  REQUIRE(r.ok());
  REQUIRE(r.value().visit);
  const VisitorSimulation& v = *r.value().visit;
  CHECK(v.pointer_moves == 20);
  CHECK(v.scrolls == 3);
  CHECK(v.dwell_ms == 3012);
  CHECK(v.automation_hidden);
  CHECK(v.user_agent == "Mozilla/5.0 X");
  REQUIRE(v.typed.size() == 1);
  CHECK(v.typed[0].kind == "email");
  CHECK(v.typed[0].value == "a@example.org");
  CHECK(v.typed[0].time_ms == 1200);
  CHECK(v.submitted_ms == 4000);
  CHECK(v.setup == std::vector<std::pair<std::string, std::string>>{{"cookies", "session, csrftoken"}, {"device", "iPhone 13"}});
  Result<Capture> again = ParseCapture(CaptureToJson(r.value()));
  REQUIRE(again.ok());
  REQUIRE(again.value().visit);
  CHECK(again.value().visit->dwell_ms == 3012);
  CHECK(again.value().visit->user_agent == "Mozilla/5.0 X");
  CHECK(again.value().visit->typed.size() == 1);
  CHECK(again.value().visit->submitted_ms == 4000);
  CHECK(again.value().visit->setup == v.setup);
  Result<Capture> plain = ParseCapture(R"({"version": 1, "page": {"url": "https://news.example/"}})");
  REQUIRE(plain.ok());
  CHECK_FALSE(plain.value().visit);  // the front end did not say
}

TEST_CASE("ParseCapture rejects bad wellKnown and consent fields with their path", "[capture]") {
  struct Case {
    std::string_view extra, path, message;
  };
  const Case kCases[] = {
      {R"("wellKnown": [])", "$.wellKnown", "expected an object, got an array"},
      {R"("wellKnown": {"gpcJson": "yes"})", "$.wellKnown.gpcJson", "expected an object with status and body, got a string"},
      {R"("wellKnown": {"gpcJson": {"body": "{}"}})", "$.wellKnown.gpcJson.status", "required field is missing"},
      {R"("wellKnown": {"dntPolicy": {"status": 1200}})", "$.wellKnown.dntPolicy.status", "out of range"},
      {R"("wellKnown": {"dntPolicy": {"status": 200, "body": 7}})", "$.wellKnown.dntPolicy.body", "expected a string, got a number"},
      {R"("consent": "maybe")", "$.consent", "expected \"unknown\", \"none\", \"accepted\" or \"rejected\", got \"maybe\""},
      {R"("consent": true)", "$.consent", "expected a string, got a boolean"},
      {R"("visit": 3)", "$.visit", "expected an object, got a number"},
      {R"("visit": {"scrolls": -1})", "$.visit.scrolls", "out of range"},
      {R"("visit": {"automationHidden": "yes"})", "$.visit.automationHidden", "expected true or false, got a string"},
      {R"("visit": {"typed": [{"kind": "email"}]})", "$.visit.typed[0].value", "required field is missing"},
      {R"("visit": {"typed": {}})", "$.visit.typed", "expected an array, got an object"},
      {R"("visit": {"setup": {"device": 3}})", "$.visit.setup.device", "expected a string"},
      {R"("visit": {"setup": []})", "$.visit.setup", "expected an object of strings, got an array"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.extra);
    Result<Capture> r = ParseCapture(R"({"version": 1, "page": {"url": "https://a.example/"}, )" + std::string(c.extra) + "}");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == c.path);
    CHECK(r.error().message == c.message);
  }
}

}  // namespace
}  // namespace trackscope
