// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/capture/har.h"

#include <algorithm>
#include <catch2/catch_test_macros.hpp>
#include <string>
#include <vector>

namespace trackscope {
namespace {

// A Chrome DevTools export in miniature: an http -> https redirect of the page, a script with
// an initiator, a pixel whose response sets two cookies (Chrome joins them with '\n'), a
// response that deletes one of them, a response listing cookies only in response.cookies, the
// gpc.json fetch, and an entry of a second page.
constexpr std::string_view kHar = R"({"log": {
  "version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
  "pages": [{"startedDateTime": "2026-11-29T05:00:00.000Z", "id": "page_1", "title": "https://news.example/", "pageTimings": {}},
            {"startedDateTime": "2026-11-29T05:10:00.000Z", "id": "page_2", "title": "https://news.example/next"}],
  "entries": [
    {"pageref": "page_1", "startedDateTime": "2026-11-29T05:00:00.000Z", "time": 12.5, "_resourceType": "document",
     "request": {"method": "GET", "url": "http://news.example/", "headers": [{"name": "Sec-GPC", "value": "1"}]},
     "response": {"status": 301, "headers": [{"name": "Location", "value": "https://news.example/"}], "redirectURL": "https://news.example/",
                  "content": {"size": 0, "mimeType": "text/html"}}},
    {"pageref": "page_1", "startedDateTime": "2026-11-29T05:00:00.100Z", "time": 50, "_resourceType": "document",
     "request": {"method": "GET", "url": "https://news.example/", "headers": [{"name": "Sec-GPC", "value": "1"}, {"name": ":authority", "value": "news.example"}]},
     "response": {"status": 200, "headers": [{"name": "Set-Cookie", "value": "sid=abc; Path=/; HttpOnly; Secure"}, {"name": "Tk", "value": "N"}],
                  "content": {"size": 5120, "mimeType": "text/html; charset=utf-8"}}},
    {"pageref": "page_1", "startedDateTime": "2026-11-29T05:00:00.300Z", "time": 20, "_resourceType": "script",
     "_initiator": {"type": "parser", "url": "https://news.example/"},
     "request": {"method": "GET", "url": "https://cdn.news.example/app.js", "headers": []},
     "response": {"status": 200, "headers": [], "content": {"size": 900, "mimeType": "text/javascript"}}},
    {"pageref": "page_1", "startedDateTime": "2026-11-29T05:00:01.000Z", "time": 30, "_resourceType": "image",
     "_initiator": {"type": "script", "stack": {"callFrames": [{"url": "https://cdn.news.example/app.js", "lineNumber": 3}]}},
     "request": {"method": "GET", "url": "https://pixel.ads.example/px.gif?uid=42", "headers": [{"name": "DNT", "value": "1"}]},
     "response": {"status": 200,
                  "headers": [{"name": "set-cookie", "value": "uid=42; Domain=ads.example; Max-Age=7776000; Secure; SameSite=None; Partitioned\nseen=1; Max-Age=60; Secure; SameSite=None"}],
                  "cookies": [], "content": {"size": 43, "mimeType": "image/gif"}}},
    {"pageref": "page_1", "startedDateTime": "2026-11-29T05:00:02.000Z", "time": 10, "_resourceType": "fetch",
     "request": {"method": "POST", "url": "https://pixel.ads.example/forget", "headers": [], "postData": {"mimeType": "text/plain", "text": "bye"}},
     "response": {"status": 204, "headers": [{"name": "Set-Cookie", "value": "seen=; Max-Age=0; Secure; SameSite=None"},
                                             {"name": "Set-Cookie", "value": "bad=1; Domain=other.example"}]}},
    {"pageref": "page_1", "startedDateTime": "2026-11-29T05:00:03.000Z", "time": 5,
     "request": {"method": "GET", "url": "https://news.example/api/prefs", "headers": []},
     "response": {"status": 200, "headers": [], "content": {"size": 2, "mimeType": "application/json"},
                  "cookies": [{"name": "theme", "value": "dark", "path": "/", "expires": "2027-11-29T05:00:00.000Z", "httpOnly": false, "secure": true, "sameSite": "Lax"}]}},
    {"pageref": "page_1", "startedDateTime": "2026-11-29T05:00:04.000Z", "time": 4, "_resourceType": "fetch",
     "request": {"method": "GET", "url": "https://news.example/.well-known/gpc.json", "headers": []},
     "response": {"status": 200, "headers": [], "content": {"size": 14, "mimeType": "application/json", "text": "eyJncGMiOiB0cnVlfQ==", "encoding": "base64"}}},
    {"pageref": "page_2", "startedDateTime": "2026-11-29T05:10:00.000Z", "time": 4, "_resourceType": "document",
     "request": {"method": "GET", "url": "https://news.example/next", "headers": []}, "response": {"status": 200, "headers": []}}
  ]}})";

TEST_CASE("CaptureFromHar converts a Chrome DevTools HAR", "[har]") {
  Result<Capture> r = CaptureFromHar(kHar);
  REQUIRE(r.ok());
  const Capture& c = r.value();
  CHECK(c.page_url == "https://news.example/");
  CHECK(c.title.empty());  // Chrome writes the URL as the title
  CHECK(c.captured_at == 1795928404.004);
  CHECK(c.gpc_sent);
  CHECK(c.dnt_sent);
  REQUIRE(c.requests.size() == 6);  // page 2 and the gpc.json fetch are not requests of this load
  CHECK(c.requests[0].type == ResourceType::kMainFrame);
  CHECK(c.requests[0].status == 301);
  CHECK(c.requests[1].type == ResourceType::kMainFrame);
  CHECK(c.requests[1].request_headers == HeaderList{{"sec-gpc", "1"}});  // pseudo-headers dropped
  CHECK(c.requests[1].body_size == 5120);
  CHECK(c.requests[1].time_ms == 100);
  CHECK(c.requests[2].type == ResourceType::kScript);
  CHECK(c.requests[2].initiator == "https://news.example/");
  CHECK(c.requests[3].type == ResourceType::kImage);
  CHECK(c.requests[3].initiator == "https://cdn.news.example/app.js");
  CHECK(c.requests[3].response_headers.size() == 2);  // the '\n'-joined Set-Cookie split in two
  CHECK(c.requests[4].type == ResourceType::kXhr);
  CHECK(c.requests[4].method == "POST");
  CHECK(c.requests[4].request_body == "bye");
  CHECK(c.requests[5].type == ResourceType::kXhr);  // no _resourceType: guessed from application/json
  REQUIRE(c.gpc_json);
  CHECK(c.gpc_json->status == 200);
  CHECK(c.gpc_json->body == R"({"gpc": true})");
  CHECK_FALSE(c.dnt_policy);

  REQUIRE(c.cookies.size() == 3);  // sid, uid, theme; "seen" was deleted, "bad" rejected
  CHECK(c.cookies[0].name == "sid");
  CHECK(c.cookies[0].domain == "news.example");
  CHECK(c.cookies[0].host_only == true);
  CHECK(c.cookies[0].http_only);
  CHECK_FALSE(c.cookies[0].expires);
  CHECK(c.cookies[0].set_by == SetterKind::kHttp);
  CHECK(c.cookies[0].set_by_url == "https://news.example/");
  CHECK(c.cookies[1].name == "uid");
  CHECK(c.cookies[1].domain == ".ads.example");
  CHECK(c.cookies[1].expires == 1795928401.0 + 7776000);
  CHECK(c.cookies[1].same_site == SameSite::kNone);
  CHECK(c.cookies[1].partition_key == "https://news.example");  // CHIPS: partitioned by the top-level site
  CHECK(c.cookies[2].name == "theme");
  CHECK(c.cookies[2].domain == "news.example");
  CHECK(c.cookies[2].expires == 1827464400.0);
  CHECK(c.cookies[2].same_site == SameSite::kLax);
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0].path == "$.log.entries[4].response.headers (Set-Cookie #2)");
  CHECK(c.warnings[0].message.rfind("cookie bad not stored: ", 0) == 0);

  // The capture survives a trip through its JSON form.
  Result<Capture> again = ParseCapture(CaptureToJson(c));
  REQUIRE(again.ok());
  CHECK(CaptureToJson(again.value()) == CaptureToJson(c));
}

TEST_CASE("CaptureFromHar: a HAR without _resourceType (Playwright) and without a document", "[har]") {
  Result<Capture> playwright = CaptureFromHar(R"({"log": {"pages": [{"id": "page@1", "title": "Shop", "startedDateTime": "2026-11-29T05:00:00Z"}],
    "entries": [{"pageref": "page@1", "startedDateTime": "2026-11-29T05:00:00.000Z", "time": 1,
                 "request": {"url": "https://shop.example/", "method": "GET", "headers": []},
                 "response": {"status": 200, "headers": [], "content": {"mimeType": "text/html"}}}]}})");
  REQUIRE(playwright.ok());
  CHECK(playwright.value().page_url == "https://shop.example/");
  CHECK(playwright.value().title == "Shop");
  CHECK(playwright.value().requests[0].type == ResourceType::kMainFrame);

  Result<Capture> by_title = CaptureFromHar(R"({"log": {"pages": [{"id": "p", "title": "https://shop.example/"}],
    "entries": [{"request": {"url": "https://cdn.example/a.js"}, "response": {"status": 200, "content": {"mimeType": "text/javascript"}}}]}})");
  REQUIRE(by_title.ok());
  CHECK(by_title.value().page_url == "https://shop.example/");
}

TEST_CASE("CaptureFromHar rejects what cannot be a HAR, naming the JSON path", "[har]") {
  struct Case {
    std::string_view har, path, message;
  };
  const Case kCases[] = {
      {R"({"log": )", "$.log", "malformed JSON: line 1, column 9: the document ends before its last value is complete"},
      {"{\"log\": {\"entries\": [{\"a\": 1,}]}}", "$.log.entries[0]", "malformed JSON: line 1, column 30: expected a member name"},
      {R"([1])", "$", "expected a HAR object with \"log\", got an array"},
      {R"("log")", "$", "expected a HAR object with \"log\", got a string"},
      {R"({})", "$.log", "required field is missing"},
      {R"({"log": []})", "$.log", "expected an object, got an array"},
      {R"({"log": {}})", "$.log.entries", "required field is missing"},
      {R"({"log": {"entries": {}}})", "$.log.entries", "expected an array, got an object"},
      {R"({"log": {"entries": []}})", "$.log.entries", "no entries: nothing to analyse"},
      {R"({"log": {"entries": [7]}})", "$.log.entries", "no entries: nothing to analyse"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.har);
    Result<Capture> r = CaptureFromHar(c.har);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == c.path);
    CHECK(r.error().message.rfind(c.message, 0) == 0);
  }
}

TEST_CASE("CaptureFromHar: a malformed field is a warning with its path; the rest of the file is kept", "[har]") {
  struct Case {
    std::string_view entry, path, message;
  };
  const Case kCases[] = {
      {R"({"request": {"url": 12}})", "$.log.entries[1].request.url", "expected a string, got a number; ignored"},
      {R"({"response": {}})", "$.log.entries[1].request", "required field is missing; entry skipped"},
      {R"(7)", "$.log.entries[1]", "expected an object, got a number; entry skipped"},
      {R"({"request": {"url": "https://a.example/b", "headers": {"DNT": "1"}}})", "$.log.entries[1].request.headers",
       "expected an array, got an object; ignored"},
      {R"({"request": {"url": "https://a.example/b", "headers": [{"name": "DNT"}, 4]}})", "$.log.entries[1].request.headers[1]",
       "expected an object with name and value, got a number; ignored"},
      {R"({"request": {"url": "https://a.example/b"}, "response": {"status": "200"}})", "$.log.entries[1].response.status",
       "expected a number, got a string; ignored"},
      {R"({"request": {"url": "https://a.example/b"}, "startedDateTime": "yesterday"})", "$.log.entries[1].startedDateTime",
       "expected an ISO 8601 time like 2026-11-29T05:00:00.000Z; ignored"},
      {R"({"request": {"url": "https://a.example/b"}, "response": {"cookies": [{"value": "x"}, 3]}})", "$.log.entries[1].response.cookies[1]",
       "expected an object, got a number; ignored"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.entry);
    const std::string har = std::string(R"({"log": {"entries": [{"_resourceType": "document", "request": {"url": "https://a.example/"},
        "response": {"status": 200, "headers": [{"name": "Set-Cookie", "value": "kept=1"}]}}, )") + std::string(c.entry) +
        R"(, {"request": {"url": "https://a.example/last.js"}}]}})";
    Result<Capture> r = CaptureFromHar(har);
    REQUIRE(r.ok());
    const Capture& capture = r.value();
    CHECK(capture.page_url == "https://a.example/");
    // Nothing else is lost: the page, its cookie and the entry after the bad one are there.
    REQUIRE(capture.cookies.size() == 1);
    CHECK(capture.cookies[0].name == "kept");
    CHECK(capture.requests.back().url == "https://a.example/last.js");
    const bool found = std::any_of(capture.warnings.begin(), capture.warnings.end(),
                                   [&](const Error& w) { return w.path == c.path && w.message == c.message; });
    std::string all;
    for (const Error& w : capture.warnings) all += w.ToString() + "\n";
    CAPTURE(all);
    CHECK(found);
  }
}

TEST_CASE("CaptureFromHar: producers' custom fields are ignored whatever their type", "[har]") {
  // chrome-har / browsertime write _initiator as a URL string; others put anything in '_' fields.
  Result<Capture> r = CaptureFromHar(R"({"log": {"creator": {"name": "chrome-har"}, "pages": [{"id": "page_1", "title": "https://shop.example/"}],
    "entries": [
      {"pageref": "page_1", "_initiator": "", "_priority": 5, "_resourceType": 7, "request": {"url": "https://shop.example/", "_custom": [1]},
       "response": {"status": 200, "_transferSize": "big", "content": {"mimeType": "text/html"}}},
      {"pageref": "page_1", "_initiator": "https://shop.example/", "_initiator_type": "parser", "_initiator_line": 12,
       "request": {"url": "https://cdn.example/a.js"}, "response": {"status": 200, "content": {"mimeType": "application/javascript"}}},
      {"pageref": "page_1", "_initiator": {"type": "script", "stack": {"callFrames": "none"}}, "_fromCache": null,
       "request": {"url": "https://cdn.example/b.js"}, "response": {"status": 200}}]}})");
  REQUIRE(r.ok());
  CHECK(r.value().warnings.empty());
  REQUIRE(r.value().requests.size() == 3);
  CHECK(r.value().requests[0].type == ResourceType::kMainFrame);
  CHECK(r.value().requests[1].initiator == "https://shop.example/");
  CHECK(r.value().requests[1].type == ResourceType::kScript);
  CHECK(r.value().requests[2].initiator.empty());
}

TEST_CASE("ImportHar: the page comes from log.pages, not from the first entry", "[har]") {
  SECTION("title is the page URL (DevTools, chrome-har): a third-party API answered first") {
    Result<Capture> r = CaptureFromHar(R"({"log": {"pages": [{"id": "page_1", "title": "https://shop.example/home"}],
      "entries": [
        {"pageref": "page_1", "request": {"url": "https://api.vendor.example/v1/config"}, "response": {"status": 200, "content": {"mimeType": "text/html"}}},
        {"pageref": "page_1", "request": {"url": "https://shop.example/home"}, "response": {"status": 200, "content": {"mimeType": "text/html"}}}]}})");
    REQUIRE(r.ok());
    CHECK(r.value().page_url == "https://shop.example/home");
    CHECK(r.value().requests[1].type == ResourceType::kMainFrame);
    CHECK(r.value().requests[0].type != ResourceType::kMainFrame);
  }
  SECTION("title is the document title (Firefox): the navigation says Sec-Fetch-Dest: document") {
    Result<Capture> r = CaptureFromHar(R"({"log": {"pages": [{"id": "page_1", "title": "Shop – Home"}],
      "entries": [
        {"pageref": "page_1", "request": {"url": "https://widget.example/frame", "headers": [{"name": "Sec-Fetch-Dest", "value": "iframe"}]},
         "response": {"status": 200, "content": {"mimeType": "text/html"}}},
        {"pageref": "page_1", "request": {"url": "https://shop.example/", "headers": [{"name": "Sec-Fetch-Dest", "value": "document"}]},
         "response": {"status": 200, "content": {"mimeType": "text/html"}}}]}})");
    REQUIRE(r.ok());
    CHECK(r.value().page_url == "https://shop.example/");
    CHECK(r.value().title == "Shop – Home");
  }
  SECTION("entries out of time order are read in time order") {
    Result<Capture> r = CaptureFromHar(R"({"log": {"pages": [{"id": "p", "title": "Shop"}],
      "entries": [
        {"pageref": "p", "startedDateTime": "2026-11-29T05:00:01Z", "request": {"url": "https://shop.example/x"},
         "response": {"status": 200, "headers": [{"name": "Set-Cookie", "value": "v=2"}], "content": {"mimeType": "text/html"}}},
        {"pageref": "p", "startedDateTime": "2026-11-29T05:00:00Z", "request": {"url": "https://shop.example/"},
         "response": {"status": 200, "headers": [{"name": "Set-Cookie", "value": "v=1"}], "content": {"mimeType": "text/html"}}}]}})");
    REQUIRE(r.ok());
    CHECK(r.value().page_url == "https://shop.example/");
    REQUIRE(r.value().cookies.size() == 1);
    CHECK(r.value().cookies[0].value == "2");  // the later Set-Cookie wins
  }
}

TEST_CASE("ImportHar: a file without a document still imports; the page is what its requests name", "[har]") {
  struct Case {
    std::string_view entries, page, from;
  };
  const Case kCases[] = {
      {R"({"request": {"url": "https://api.example/v1", "headers": [{"name": "Referer", "value": "https://shop.example/cart#x"}]}},
          {"request": {"url": "https://cdn.example/a.js", "headers": [{"name": "Referer", "value": "https://shop.example/cart"}]}},
          {"request": {"url": "https://cdn.example/b.js", "headers": [{"name": "Referer", "value": "https://other.example/"}]}})",
       "https://shop.example/cart", "the Referer header of its requests"},
      {R"({"request": {"url": "https://api.example/v1", "headers": [{"name": "Origin", "value": "https://app.example"}]}})",
       "https://app.example/", "the Origin header of its requests"},
      {R"({"request": {"url": "https://www.google-analytics.com/collect?v=1&t=pageview&tid=UA-1-1&cid=1.2&dl=http%3A%2F%2Fstore.example%2Fitem%2F9"}})",
       "http://store.example/item/9", "the dl (document location) parameter of its beacons"},
      {R"({"request": {"url": "http://test.k6.io/value-pairs", "method": "POST"}})", "http://test.k6.io/", "the origin of its first request"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.entries);
    Result<Capture> r = CaptureFromHar("{\"log\": {\"entries\": [" + std::string(c.entries) + "]}}");
    REQUIRE(r.ok());
    CHECK(r.value().page_url == c.page);
    REQUIRE_FALSE(r.value().warnings.empty());
    CHECK(r.value().warnings[0].message.find(c.from) != std::string::npos);
  }
}

TEST_CASE("ImportHar: one capture per page; entries without a pageref go to the page that started before them", "[har]") {
  Result<HarImport> r = ImportHar(R"({"log": {"creator": {"name": "WebInspector", "version": "537.36"},
    "pages": [{"id": "a", "title": "https://shop.example/", "startedDateTime": "2026-11-29T05:00:00Z"},
              {"id": "b", "title": "https://shop.example/cart", "startedDateTime": "2026-11-29T05:01:00Z"},
              {"id": "c", "title": "Empty", "startedDateTime": "2026-11-29T05:02:00Z"}],
    "entries": [
      {"pageref": "a", "startedDateTime": "2026-11-29T05:00:00Z", "request": {"url": "https://shop.example/"}, "response": {"status": 200}},
      {"startedDateTime": "2026-11-29T05:00:05Z", "request": {"url": "https://cdn.example/late.js"}, "response": {"status": 200}},
      {"pageref": "b", "startedDateTime": "2026-11-29T05:01:00Z", "request": {"url": "https://shop.example/cart"}, "response": {"status": 200}},
      {"startedDateTime": "2026-11-29T05:01:02Z", "request": {"url": "https://cdn.example/cart.js"}, "response": {"status": 200}}]}})");
  REQUIRE(r.ok());
  const HarImport& har = r.value();
  CHECK(har.creator == "WebInspector 537.36");
  CHECK(har.entries == 4);
  REQUIRE(har.pages.size() == 2);  // "c" has no entries and no URL: left out, with a warning
  CHECK(har.pages[0].id == "a");
  CHECK(har.pages[0].capture.page_url == "https://shop.example/");
  REQUIRE(har.pages[0].capture.requests.size() == 2);
  CHECK(har.pages[0].capture.requests[1].url == "https://cdn.example/late.js");
  CHECK(har.pages[1].id == "b");
  CHECK(har.pages[1].capture.page_url == "https://shop.example/cart");
  REQUIRE(har.pages[1].capture.requests.size() == 2);
  CHECK(har.pages[1].capture.requests[1].url == "https://cdn.example/cart.js");
  REQUIRE(har.warnings.size() == 1);
  CHECK(har.warnings[0].path == "$.log.pages[2]");
}

TEST_CASE("ImportHar: cookies sent in Cookie headers are observed cookies too", "[har]") {
  // A logged-in visitor: the pixel hits carry the tracker's own cookies.
  Result<Capture> r = CaptureFromHar(R"({"log": {"pages": [{"id": "p", "title": "https://shop.example/"}],
    "entries": [
      {"pageref": "p", "request": {"url": "https://shop.example/", "headers": [{"name": "Cookie", "value": "session=s1; _fbp=fb.1.1700000000000.123456789"}]},
       "response": {"status": 200, "headers": [{"name": "Set-Cookie", "value": "session=s2; Path=/"}], "content": {"mimeType": "text/html"}}},
      {"pageref": "p", "request": {"url": "https://www.facebook.com/tr/?id=1234567890&ev=PageView",
         "headers": [{"name": "cookie", "value": "c_user=100012345678; xs=12%3Aabc; datr=AbCdEfGhIjKl; fr=0AbCdEfGh"}]},
       "response": {"status": 200}},
      {"pageref": "p", "request": {"url": "https://connect.facebook.com/x", "headers": [{"name": "Cookie", "value": "fr=0AbCdEfGh;datr=AbCdEfGhIjKl"}]},
       "response": {"status": 200}},
      {"pageref": "p", "request": {"url": "https://shop.example/next", "headers": [{"name": "Cookie", "value": "session=s2"}]},
       "response": {"status": 200}},
      {"pageref": "p", "request": {"url": "https://ads.example/p", "cookies": [{"name": "IDE", "value": "AHWqTUm"}]}, "response": {"status": 200}}]}})");
  REQUIRE(r.ok());
  std::vector<std::string> names;
  for (const CapturedCookie& c : r.value().cookies) names.push_back(c.name + "@" + c.domain + (c.observed == CookieSource::kSent ? " sent" : " stored"));
  CHECK(names == std::vector<std::string>{"session@shop.example stored", "_fbp@shop.example sent", "c_user@www.facebook.com sent",
                                           "xs@www.facebook.com sent", "datr@facebook.com sent", "fr@facebook.com sent", "IDE@ads.example sent"});
  const CapturedCookie& xs = r.value().cookies[3];
  CHECK(xs.value == "12%3Aabc");
  CHECK_FALSE(xs.expires);
  CHECK(xs.set_by == SetterKind::kUnknown);
  // A sent cookie survives the JSON form.
  Result<Capture> again = ParseCapture(CaptureToJson(r.value()));
  REQUIRE(again.ok());
  CHECK(again.value().cookies[3].observed == CookieSource::kSent);
}

TEST_CASE("ImportHar: blocked, cached and preflight entries; postData params; well-known behind a redirect", "[har]") {
  Result<Capture> r = CaptureFromHar(R"({"log": {"pages": [{"id": "p", "title": "https://shop.example/"}],
    "entries": [
      {"pageref": "p", "request": {"url": "https://shop.example/"}, "response": {"status": 200, "content": {"mimeType": "text/html"},
        "headers": [{"name": "Set-Cookie", "value": "ok=1"}, {"name": "Set-Cookie", "value": "tp=1; SameSite=None; Secure"}]},
       "_blockedCookies": [{"cookie": {"name": "tp"}, "blockedReasons": ["ThirdPartyPhaseout"]}]},
      {"pageref": "p", "_fromCache": "memory", "request": {"url": "https://cdn.example/c.js"},
       "response": {"status": 200, "headers": [{"name": "Set-Cookie", "value": "cached=1"}]}},
      {"pageref": "p", "_resourceType": "preflight", "request": {"method": "OPTIONS", "url": "https://collect.example/e",
         "headers": [{"name": "Access-Control-Request-Method", "value": "POST"}]}, "response": {"status": 204}},
      {"pageref": "p", "request": {"method": "POST", "url": "https://collect.example/e",
         "postData": {"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "cid", "value": "a b&c"}, {"name": "ev", "value": "view"}]}},
       "response": {"status": 204}},
      {"pageref": "p", "request": {"url": "https://shop.example/.well-known/gpc.json"},
       "response": {"status": 301, "redirectURL": "https://static.shopcdn.example/gpc.json"}},
      {"pageref": "p", "request": {"url": "https://static.shopcdn.example/gpc.json"},
       "response": {"status": 200, "content": {"mimeType": "application/json", "text": "{\"gpc\": true}"}}}]}})");
  REQUIRE(r.ok());
  const Capture& c = r.value();
  REQUIRE(c.cookies.size() == 1);
  CHECK(c.cookies[0].name == "ok");  // tp was blocked, cached=1 came from the cache
  CHECK(std::any_of(c.warnings.begin(), c.warnings.end(), [](const Error& w) { return w.message.find("cookie tp not stored: the browser blocked it") == 0; }));
  REQUIRE(c.requests.size() == 3);  // the document, c.js, the POST; no preflight, no well-known hops
  CHECK(c.requests[2].method == "POST");
  CHECK(c.requests[2].request_body == "cid=a+b%26c&ev=view");
  REQUIRE(c.gpc_json);
  CHECK(c.gpc_json->status == 200);
  CHECK(c.gpc_json->body == R"({"gpc": true})");
}

TEST_CASE("ImportHar: a request a service worker answered is one request, not two", "[har]") {
  Result<Capture> r = CaptureFromHar(R"({"log": {"pages": [{"id": "p", "title": "https://app.example/"}],
    "entries": [
      {"pageref": "p", "startedDateTime": "2026-11-29T05:00:00.000Z", "request": {"url": "https://app.example/"}, "response": {"status": 200, "content": {"mimeType": "text/html"}}},
      {"pageref": "p", "startedDateTime": "2026-11-29T05:00:01.000Z", "request": {"url": "https://collect.example/e?id=1"},
       "response": {"status": 200, "_fetchedViaServiceWorker": true}},
      {"pageref": "p", "startedDateTime": "2026-11-29T05:00:01.050Z", "request": {"url": "https://collect.example/e?id=1"}, "response": {"status": 200}},
      {"pageref": "p", "startedDateTime": "2026-11-29T05:00:09.000Z", "request": {"url": "https://collect.example/e?id=1"}, "response": {"status": 200}}]}})");
  REQUIRE(r.ok());
  // The page's request (answered by its worker), no copy of it, and a later request of its own.
  CHECK(r.value().requests.size() == 3);
}

TEST_CASE("ImportHar: broken text is repaired per field; two cookies never merge", "[har]") {
  const std::string har = "{\"log\": {\"entries\": [{\"_resourceType\": \"document\", \"request\": {\"url\": \"https://a.example/\"},"
                          " \"response\": {\"status\": 200, \"headers\": [{\"name\": \"Set-Cookie\", \"value\": \"caf\xE9=1\"},"
                          " {\"name\": \"Set-Cookie\", \"value\": \"caf\xE8=2\"}, {\"name\": \"X\", \"value\": \"\\ud800\"}]}}]}}";
  Result<HarImport> r = ImportHar(har);
  REQUIRE(r.ok());
  const Capture& c = r.value().pages[0].capture;
  REQUIRE(c.cookies.size() == 2);
  CHECK(c.cookies[0].name == "caf\\xE9");
  CHECK(c.cookies[1].name == "caf\\xE8");
  const std::vector<Error>& w = r.value().warnings;
  REQUIRE(w.size() == 3);
  CHECK(w[0].path == "$.log.entries[0].response.headers[0].value");
  CHECK(w[0].message == "invalid UTF-8 \\xE9 kept as that text");
  CHECK(w[2].path == "$.log.entries[0].response.headers[2].value");
}

TEST_CASE("HarReader: chunked input gives what the whole file gives", "[har]") {
  const std::string whole = CaptureToJson(CaptureFromHar(kHar).value());
  for (size_t chunk : {1, 7, 100, 4096}) {
    CAPTURE(chunk);
    HarReader reader;
    for (size_t i = 0; i < kHar.size(); i += chunk) REQUIRE(reader.Feed(kHar.substr(i, chunk)));
    Result<HarImport> r = reader.Finish();
    REQUIRE(r.ok());
    CHECK(CaptureToJson(r.value().pages[0].capture) == whole);
  }
}

TEST_CASE("HarReader: the entry limit is an error naming it", "[har]") {
  HarLimits limits;
  limits.max_entries = 2;
  HarReader reader(limits);
  reader.Feed(R"({"log": {"entries": [{"request": {"url": "https://a.example/"}}, {"request": {"url": "https://a.example/1"}},
                                      {"request": {"url": "https://a.example/2"}}]}})");
  Result<HarImport> r = reader.Finish();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().path == "$.log.entries[2]");
  CHECK(r.error().message == "more than 2 entries (the import's limit)");
}

}  // namespace
}  // namespace trackscope
