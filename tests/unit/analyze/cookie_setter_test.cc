// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "analyze/cookie_setter.h"

#include <catch2/catch_test_macros.hpp>

namespace trackscope {
namespace {

TEST_CASE("CookieNameOf", "[analyze][cookie]") {
  struct Case {
    std::string_view line, name;
  };
  const Case kCases[] = {
      {"a=1", "a"},
      {"  sid \t= x; Path=/", "sid"},
      {"_ga=GA1.2.3; expires=Thu, 01 Jan 2099 00:00:00 GMT", "_ga"},
      {"=value", ""},
      {"novalue", ""},
      {"k=v=w", "k"},
      {"", ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.line);
    CHECK(CookieNameOf(c.line) == c.name);
  }
}

TEST_CASE("CookieSetterIndex: HTTP response first, then script, domain-matched", "[analyze][cookie]") {
  Capture capture;
  capture.page_url = "https://shop.example/";
  CapturedRequest& px = capture.requests.emplace_back();
  px.url = "https://pixel.adnet.example/px.gif";
  px.response_headers = {{"set-cookie", "adnet_uid=1; Domain=adnet.example"}, {"set-cookie", "x=1\ny=2"}};
  CapturedRequest& other = capture.requests.emplace_back();
  other.url = "https://evil.example/";
  other.response_headers = {{"set-cookie", "sid=stolen"}};
  ScriptEvent& write = capture.events.emplace_back();
  write.kind = EventKind::kCookieWrite;
  write.value = "ui_lang=en; path=/";
  write.script_url = "https://cdn.shop.example/app.js";
  ScriptEvent& both = capture.events.emplace_back();
  both.kind = EventKind::kCookieWrite;
  both.value = "adnet_uid=2";
  both.script_url = "https://cdn.shop.example/other.js";

  CookieSetterIndex index(capture);
  Setter s = index.Find("adnet_uid", "adnet.example");
  CHECK(s.kind == SetterKind::kHttp);
  CHECK(s.url == "https://pixel.adnet.example/px.gif");
  CHECK(index.Find("y", "pixel.adnet.example").kind == SetterKind::kHttp);
  // evil.example cannot set a cookie for shop.example: not the setter.
  CHECK(index.Find("sid", "shop.example").kind == SetterKind::kUnknown);
  Setter lang = index.Find("ui_lang", "shop.example");
  CHECK(lang.kind == SetterKind::kScript);
  CHECK(lang.url == "https://cdn.shop.example/app.js");
  // A response for another domain does not win over a script write for this one.
  Setter mixed = index.Find("adnet_uid", "shop.example");
  CHECK(mixed.kind == SetterKind::kScript);
  CHECK(mixed.url == "https://cdn.shop.example/other.js");
}

TEST_CASE("CookieSetterIndex: a script in a third-party iframe writes its own origin's cookies", "[analyze][cookie]") {
  // DuckDuckGo's storage-blocking page: the page and its third-party iframe both write `jsdata`.
  Capture capture;
  capture.page_url = "https://privacy-test-pages.site/privacy-protections/storage-blocking/?store";
  capture.events.reserve(2);  // the references below stay valid
  ScriptEvent& page = capture.events.emplace_back();
  page.kind = EventKind::kCookieWrite;
  page.value = "jsdata=412; expires=Wed, 21 Aug 2030 20:00:00 UTC; Secure; SameSite=Lax";
  page.script_url = "https://privacy-test-pages.site/privacy-protections/storage-blocking/main.js";
  ScriptEvent& frame = capture.events.emplace_back();
  frame.kind = EventKind::kCookieWrite;
  frame.value = "jsdata=412; expires=Wed, 21 Aug 2030 20:00:00 UTC; Secure; SameSite=None";
  frame.script_url = "https://good.third-party.site/privacy-protections/storage-blocking/iframe.js";
  frame.frame_url = "https://good.third-party.site/privacy-protections/storage-blocking/iframe.html?data=412";
  CookieSetterIndex index(capture);
  CHECK(index.Find("jsdata", "privacy-test-pages.site").url == page.script_url);
  CHECK(index.Find("jsdata", "good.third-party.site").url == frame.script_url);
  CHECK(index.Find("jsdata", "bad.third-party.site").kind == SetterKind::kUnknown);
}

}  // namespace
}  // namespace trackscope
