// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/capture/har.h"

#include <catch2/catch_test_macros.hpp>
#include <string>

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

TEST_CASE("CaptureFromHar rejects a malformed HAR with the JSON path", "[har]") {
  struct Case {
    std::string_view har, path, message;
  };
  const Case kCases[] = {
      {R"({"log": )", "$", "malformed JSON: parse error at line 1, column 9: syntax error"},
      {R"([1])", "$", "expected a HAR object with \"log\", got an array"},
      {R"({})", "$.log", "required field is missing"},
      {R"({"log": []})", "$.log", "expected an object, got an array"},
      {R"({"log": {}})", "$.log.entries", "required field is missing"},
      {R"({"log": {"entries": {}}})", "$.log.entries", "expected an array, got an object"},
      {R"({"log": {"entries": []}})", "$.log.entries", "no entries for the first page: nothing to analyse"},
      {R"({"log": {"entries": [7]}})", "$.log.entries[0]", "expected an object, got a number"},
      {R"({"log": {"entries": [{"response": {}}]}})", "$.log.entries[0].request", "required field is missing"},
      {R"({"log": {"entries": [{"request": {"url": "https://a.example/"}}, {"request": {}}]}})", "$.log.entries[1].request.url",
       "required field is missing"},
      {R"({"log": {"entries": [{"request": {"url": 12}}]}})", "$.log.entries[0].request.url", "expected a string, got a number"},
      {R"({"log": {"entries": [{"request": {"url": "https://a.example/", "headers": {"DNT": "1"}}}]}})", "$.log.entries[0].request.headers",
       "expected an array, got an object"},
      {R"({"log": {"entries": [{"request": {"url": "https://a.example/", "headers": [{"name": "DNT"}]}}]}})",
       "$.log.entries[0].request.headers[0].value", "required field is missing"},
      {R"({"log": {"entries": [{"request": {"url": "https://a.example/"}, "response": {"status": "200"}}]}})",
       "$.log.entries[0].response.status", "expected a number, got a string"},
      {R"({"log": {"entries": [{"request": {"url": "https://a.example/"}, "startedDateTime": "yesterday"}]}})",
       "$.log.entries[0].startedDateTime", "expected an ISO 8601 time like 2026-11-29T05:00:00.000Z"},
      {R"({"log": {"pages": [3], "entries": []}})", "$.log.pages[0]", "expected an object, got a number"},
      {R"({"log": {"entries": [{"_resourceType": "document", "request": {"url": "https://a.example/"}, "response": {"cookies": [{"value": "x"}]}}]}})",
       "$.log.entries[0].response.cookies[0].name", "required field is missing"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.har);
    Result<Capture> r = CaptureFromHar(c.har);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == c.path);
    CHECK(r.error().message.rfind(c.message, 0) == 0);
  }
}

}  // namespace
}  // namespace trackscope
