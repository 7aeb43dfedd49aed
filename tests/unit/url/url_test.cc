// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/url/url.h"

#include <catch2/catch_test_macros.hpp>
#include <string_view>

namespace trackscope {
namespace {

TEST_CASE("Url::Parse: components of browser-serialised URLs", "[url]") {
  struct Case {
    std::string_view input, spec;
    Scheme scheme;
    std::string_view host;
    int port;
    std::string_view path, query, fragment;
  };
  const Case kCases[] = {
      {"https://shop.example/", "https://shop.example/", Scheme::kHttps, "shop.example", 443, "/", "", ""},
      {"HTTPS://Shop.Example:443/a?b=1#c", "https://shop.example/a?b=1#c", Scheme::kHttps, "shop.example", 443, "/a", "b=1", "c"},
      {"http://shop.example", "http://shop.example/", Scheme::kHttp, "shop.example", 80, "/", "", ""},
      {"http://shop.example:8080/x", "http://shop.example:8080/x", Scheme::kHttp, "shop.example", 8080, "/x", "", ""},
      {"http://shop.example:/x", "http://shop.example/x", Scheme::kHttp, "shop.example", 80, "/x", "", ""},
      {"http://user:pw@shop.example/", "http://user:pw@shop.example/", Scheme::kHttp, "shop.example", 80, "/", "", ""},
      {"http://a@b@shop.example/", "http://a@b@shop.example/", Scheme::kHttp, "shop.example", 80, "/", "", ""},
      {"http://[::1]:8080/", "http://[::1]:8080/", Scheme::kHttp, "[::1]", 8080, "/", "", ""},
      {"http://127.0.0.1./", "http://127.0.0.1/", Scheme::kHttp, "127.0.0.1", 80, "/", "", ""},
      {"https://shop.example./p", "https://shop.example/p", Scheme::kHttps, "shop.example", 443, "/p", "", ""},
      {"http:\\\\shop.example\\a\\b", "http://shop.example/a/b", Scheme::kHttp, "shop.example", 80, "/a/b", "", ""},
      {"  https://shop.example/\t a\n ", "https://shop.example/ a", Scheme::kHttps, "shop.example", 443, "/ a", "", ""},
      {"wss://ws.example/socket", "wss://ws.example/socket", Scheme::kWss, "ws.example", 443, "/socket", "", ""},
      {"ws://ws.example:80/", "ws://ws.example/", Scheme::kWs, "ws.example", 80, "/", "", ""},
      {"https://shop.example/?", "https://shop.example/?", Scheme::kHttps, "shop.example", 443, "/", "", ""},
      {"data:image/gif;base64,R0lG", "data:image/gif;base64,R0lG", Scheme::kData, "", -1, "image/gif;base64,R0lG", "", ""},
      {"blob:https://shop.example/5f1c", "blob:https://shop.example/5f1c", Scheme::kBlob, "shop.example", 443, "https://shop.example/5f1c", "", ""},
      {"blob:null/5f1c", "blob:null/5f1c", Scheme::kBlob, "", -1, "null/5f1c", "", ""},
      {"chrome-extension://abcdef/popup.html", "chrome-extension://abcdef/popup.html", Scheme::kExtension, "abcdef", -1, "/popup.html", "", ""},
      {"moz-extension://4b1d-11/p.js", "moz-extension://4b1d-11/p.js", Scheme::kExtension, "4b1d-11", -1, "/p.js", "", ""},
      {"about:blank", "about:blank", Scheme::kAbout, "", -1, "blank", "", ""},
      {"file:///tmp/x.html", "file:///tmp/x.html", Scheme::kFile, "", -1, "/tmp/x.html", "", ""},
      {"javascript:void(0)", "javascript:void(0)", Scheme::kOther, "", -1, "void(0)", "", ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.input);
    Result<Url> url = Url::Parse(c.input);
    REQUIRE(url.ok());
    CHECK(url.value().spec() == c.spec);
    CHECK(url.value().scheme() == c.scheme);
    CHECK(url.value().host() == c.host);
    CHECK(url.value().port() == c.port);
    CHECK(url.value().path() == c.path);
    CHECK(url.value().query() == c.query);
    CHECK(url.value().fragment() == c.fragment);
  }
}

TEST_CASE("Url::Parse: errors name the broken component", "[url]") {
  struct Case {
    std::string_view input, message_part;
  };
  const Case kCases[] = {
      {"", "empty URL"},
      {"/relative/path", "scheme"},
      {"shop.example", "no scheme"},
      {"https://", "empty host"},
      {"https://:443/", "empty host"},
      {"https://shop.example:99999/", "port out of range"},
      {"https://shop.example:8o/", "port is not a number"},
      {"https://[::1/", "closing"},
      {"https://sh op.example/", "invalid host"},
      {"https://1.2.3.4.5/", "invalid host"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.input);
    Result<Url> url = Url::Parse(c.input);
    REQUIRE_FALSE(url.ok());
    CHECK(url.error().message.find(c.message_part) != std::string::npos);
  }
}

TEST_CASE("Url: network and secure schemes", "[url]") {
  CHECK(Url::Parse("http://a.example/").value().IsNetwork());
  CHECK(Url::Parse("wss://a.example/").value().IsSecure());
  CHECK_FALSE(Url::Parse("http://a.example/").value().IsSecure());
  CHECK_FALSE(Url::Parse("data:,x").value().IsNetwork());
  CHECK_FALSE(Url::Parse("blob:https://a.example/1").value().IsNetwork());
}

}  // namespace
}  // namespace trackscope
