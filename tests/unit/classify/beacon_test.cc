// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Beacon parameters, pixel decoders, carried identifiers, cookie-value sharing, redaction.
#include "trackscope/classify/beacon.h"

#include <catch2/catch_test_macros.hpp>
#include <string>
#include <vector>

namespace trackscope {
namespace {

const Param* FindParam(const std::vector<Param>& params, std::string_view name) {
  for (const Param& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST_CASE("ParseParams: query, path parameters and bodies", "[beacon]") {
  struct Case {
    std::string_view path, query, body;
    std::string_view name, value;
    ParamSource source;
  };
  const Case kCases[] = {
      {"/px.gif", "uid=u-5f2a&ev=pageview", "", "uid", "u-5f2a", ParamSource::kQuery},
      {"/px.gif", "b=x%20y&c=a+b", "", "b", "x y", ParamSource::kQuery},
      {"/px.gif", "b=x%20y&c=a+b", "", "c", "a b", ParamSource::kQuery},
      {"/px.gif", "flag&x=%zz", "", "flag", "", ParamSource::kQuery},
      {"/px.gif", "flag&x=%zz", "", "x", "%zz", ParamSource::kQuery},  // invalid escape kept
      {"/activity;src=2542116;type=sales;cat=purch0;ord=1", "", "", "src", "2542116", ParamSource::kPath},
      {"/activity;src=2542116;type=sales;cat=purch0;ord=1", "", "", "cat", "purch0", ParamSource::kPath},
      {"/ddm/activity/src=77;type=x;cat=y", "", "", "src", "77", ParamSource::kPath},
      {"/collect", "", "cid=mt.1&page=%2Fa", "page", "/a", ParamSource::kBody},
      {"/g/collect", "v=2", "en=page_view&_et=1\nen=scroll&epn.percent=90", "epn.percent", "90", ParamSource::kBody},
      {"/api/v2/pixel", "", R"({"event":"Pageview","context":{"pixel":{"code":"C4"},"user":{"anonymous_id":"a\u0062c\"d"}}})",
       "context.user.anonymous_id", "abc\"d", ParamSource::kBody},
      {"/api/v2/pixel", "", R"({"event":"Pageview","context":{"pixel":{"code":"C4"}}})", "context.pixel.code", "C4",
       ParamSource::kBody},
      {"/j", "", R"({"n":[1, true, null], "o": {}})", "n", "1", ParamSource::kBody},
      {"/collect", "", "PING", "", "PING", ParamSource::kBody},
      {"/collect", "", R"({"cid": "unterminated)", "", R"({"cid": "unterminated)", ParamSource::kBody},
      {"/collect", "", "some text with spaces=1", "", "some text with spaces=1", ParamSource::kBody},
      // multipart/form-data, as the Meta Pixel POSTs it (CRLF line breaks, a file part, LF only).
      {"/tr/", "", "------WebKitFormBoundaryAbC\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n1234567890\r\n"
                   "------WebKitFormBoundaryAbC\r\nContent-Disposition: form-data; name=\"ev\"\r\n\r\nPurchase\r\n"
                   "------WebKitFormBoundaryAbC--\r\n", "ev", "Purchase", ParamSource::kBody},
      {"/up", "", "--b0undary\nContent-Disposition: form-data; name=\"f\"; filename=\"me.png\"\nContent-Type: image/png\n\n\x89PNG\n--b0undary--",
       "f", "me.png", ParamSource::kBody},
      {"/up", "", "--b0undary\nContent-Disposition: form-data; name=\"uid\"\n\nu-1\n2\n--b0undary--", "uid", "u-1\n2", ParamSource::kBody},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.path, c.query, c.body, c.name);
    const std::vector<Param> params = ParseParams(c.path, c.query, c.body);
    const Param* p = FindParam(params, c.name);
    REQUIRE(p != nullptr);
    CHECK(p->value == c.value);
    CHECK(p->source == c.source);
  }
  // A multipart Meta Pixel POST decodes like its GET form.
  const std::vector<Param> multipart = ParseParams("/tr/", "", "------x1\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n"
      "1234567890\r\n------x1\r\nContent-Disposition: form-data; name=\"ev\"\r\n\r\nPageView\r\n------x1--\r\n");
  std::optional<PixelDecode> meta = DecodePixel("www.facebook.com", "/tr/", multipart);
  REQUIRE(meta);
  CHECK(meta->account == "1234567890");
  CHECK(meta->event == "PageView");
  // JSON arrays repeat the name; every leaf is kept.
  CHECK(ParseParams("/", "", R"({"n":[1,2,3]})").size() == 3);
  // Hostile input is bounded.
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "a=1&";
  CHECK(ParseParams("/", many, "", 256).size() == 256);
  std::string deep(100, '[');
  CHECK(ParseParams("/", "", deep).size() == 1);  // too deep: kept as opaque text
}

TEST_CASE("PercentDecode and LeafName", "[beacon]") {
  CHECK(PercentDecode("a%2Fb+c", true) == "a/b c");
  CHECK(PercentDecode("a%2Fb+c", false) == "a/b+c");
  CHECK(PercentDecode("100%", false) == "100%");
  CHECK(PercentDecode("%4", false) == "%4");
  CHECK(LeafName("context.user.anonymous_id") == "anonymous_id");
  CHECK(LeafName("cid") == "cid");
}

TEST_CASE("DecodePixel: known endpoints by host, and by path shape elsewhere", "[beacon][decoder]") {
  struct Case {
    std::string_view host, path, query, body;
    std::string_view pixel;  // empty: not recognised
    PixelMatch match;
    std::string_view account, event;
  };
  using enum PixelMatch;
  const Case kCases[] = {
      {"www.facebook.com", "/tr", "id=1234567890123456&ev=PageView&fbp=fb.1.1795928400.98765", "", "Meta Pixel", kHost,
       "1234567890123456", "PageView"},
      {"facebook.com", "/tr/", "id=1&ev=Purchase&cd[value]=12.00", "", "Meta Pixel", kHost, "1", "Purchase"},
      {"px.shop.example", "/tr", "id=1&ev=PageView", "", "Meta Pixel", kPathShape, "1", "PageView"},
      {"shop.example", "/tr", "q=1", "", "", kHost, "", ""},
      {"www.google-analytics.com", "/g/collect", "v=2&tid=G-ABC123&cid=1.2&en=page_view", "", "Google Analytics 4", kHost,
       "G-ABC123", "page_view"},
      {"region1.google-analytics.com", "/g/collect", "v=2&tid=G-X", "en=scroll", "Google Analytics 4", kHost, "G-X",
       "scroll"},
      {"sgtm.shop.example", "/g/collect", "v=2&tid=G-ABC123&cid=1.2&en=page_view", "", "Google Analytics 4", kPathShape,
       "G-ABC123", "page_view"},
      {"sgtm.shop.example", "/g/collect", "v=2&tid=G-ABC123", "", "", kHost, "", ""},  // no cid: not the shape
      {"www.google-analytics.com", "/collect", "v=1&tid=UA-1-1&cid=1.2&t=pageview", "", "Universal Analytics", kHost,
       "UA-1-1", "pageview"},
      {"www.google-analytics.com", "/j/collect", "v=1&tid=UA-1-1&cid=1.2&t=event", "", "Universal Analytics", kHost,
       "UA-1-1", "event"},
      {"www.google-analytics.com", "/__utm.gif", "utmwv=4.6.5&utmn=1&utmac=UA-3586722-1&utmt=event&utmcc=__utma%3D1.2.3.4.5.6%3B", "",
       "Google Analytics (ga.js)", kHost, "UA-3586722-1", "event"},
      {"googleads.g.doubleclick.net", "/pagead/viewthroughconversion/123456789/", "label=AbC&gclaw=x", "", "Google Ads",
       kHost, "123456789", "AbC"},
      {"www.googleadservices.com", "/pagead/conversion/55/", "", "", "Google Ads", kHost, "55", ""},
      {"cdn.shop.example", "/pagead/conversion/987/", "", "", "Google Ads", kPathShape, "987", ""},
      {"ad.doubleclick.net", "/activity;src=2542116;type=sales;cat=purch0;ord=1", "", "", "DoubleClick Floodlight", kHost,
       "2542116", "purch0"},
      {"shop.example", "/activity;src=1;cat=2", "", "", "", kHost, "", ""},  // too generic to match elsewhere
      {"analytics.tiktok.com", "/api/v2/pixel", "", R"({"event":"Pageview","context":{"pixel":{"code":"C4ABC"}}})",
       "TikTok Pixel", kHost, "C4ABC", "Pageview"},
      {"px.ads.linkedin.com", "/collect", "pid=12345&conversionId=678&fmt=gif", "", "LinkedIn Insight Tag", kHost, "12345",
       "678"},
      {"shop.example", "/collect", "pid=12345&conversionId=678", "", "", kHost, "", ""},
      {"t.co", "/i/adsct", "txn_id=o1abc&p_id=Twitter&events=%5B%5D", "", "X (Twitter) Pixel", kHost, "o1abc", "[]"},
      {"analytics.twitter.com", "/i/adsct", "txn_id=o1abc", "", "X (Twitter) Pixel", kHost, "o1abc", ""},
      {"x.shop.example", "/i/adsct", "txn_id=o1abc", "", "X (Twitter) Pixel", kPathShape, "o1abc", ""},
      {"www.facebook.com", "/plugins/like.php", "href=x", "", "", kHost, "", ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.host, c.path, c.query);
    const std::vector<Param> params = ParseParams(c.path, c.query, c.body);
    std::optional<PixelDecode> d = DecodePixel(c.host, c.path, params);
    if (c.pixel.empty()) {
      CHECK_FALSE(d.has_value());
      continue;
    }
    REQUIRE(d.has_value());
    CHECK(d->pixel == c.pixel);
    CHECK(d->match == c.match);
    CHECK(d->account == c.account);
    CHECK(d->event == c.event);
  }
}

TEST_CASE("DecodePixel: parameter roles", "[beacon][decoder]") {
  const std::vector<Param> params =
      ParseParams("/tr", "id=1&ev=PageView&fbp=fb.1.1795928400.98765&cd[value]=12&dl=https%3A%2F%2Fshop.example%2F", "");
  std::optional<PixelDecode> d = DecodePixel("www.facebook.com", "/tr", params);
  REQUIRE(d.has_value());
  CHECK(d->purpose == Purpose::kAdvertising);
  auto role = [&](std::string_view name) {
    for (const DecodedParam& p : d->params) {
      if (params[p.index].name == name) return p.role;
    }
    return ParamRole::kNone;
  };
  CHECK(role("id") == ParamRole::kAccount);
  CHECK(role("ev") == ParamRole::kEvent);
  CHECK(role("fbp") == ParamRole::kVisitor);
  CHECK(role("cd[value]") == ParamRole::kData);
}

TEST_CASE("CookieValueIndex: values sharing 8 or more identifier-like characters", "[beacon][cookies]") {
  const PageCookie cookies[] = {
      {"_mt_id", "shop.example", "mt.k3j4h5g6f7.1795928400000", Party::kFirst},
      {"_ga", "shop.example", "GA1.1.1234567890.1795928400", Party::kFirst},
      {"enc", "shop.example", "u%7Cab12cd34ef99", Party::kFirst},
      {"words", "shop.example", "pageviewscounter", Party::kFirst},
      {"short", "shop.example", "7f3k9q2", Party::kFirst},
      {"dates", "shop.example", "20261129", Party::kFirst},
      {"adnet_uid", "adnet.example", "9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e", Party::kThird},
  };
  const CookieValueIndex index(cookies);
  struct Case {
    std::string_view value;
    std::string_view cookie;  // empty: none
    size_t shared;
  };
  const Case kCases[] = {
      {"mt.k3j4h5g6f7.1795928400000", "_mt_id", 27},           // equal
      {"1234567890.1795928400", "_ga", 21},                    // a GA client id inside _ga
      {"xxGA1.1.1234567890.1795928400yy", "_ga", 27},          // the cookie inside the value
      {"ab12cd34ef99", "enc", 12},                             // percent-encoded cookie value
      {"zz-9f3b2c1d-zz", "adnet_uid", 8},                      // exactly 8 shared characters
      {"zz-9f3b2c1-zz", "", 0},                                // 7 are not enough
      {"pageviewscount", "", 0},                               // letters only: a word, not an id
      {"a7f3k9q2b", "", 0},                                    // the cookie is shorter than 8
      {"on 20261129", "", 0},                                  // 8 digits: a date, not an id
      {"t=1795928400000", "", 0},                              // a timestamp shared by chance
      {"1234567890", "", 0},                                   // 10 digits alone are not enough
      {"short", "", 0},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.value);
    std::optional<CookieShare> share = index.Find(c.value);
    if (c.cookie.empty()) {
      CHECK_FALSE(share.has_value());
      continue;
    }
    REQUIRE(share.has_value());
    CHECK(cookies[share->cookie].name == c.cookie);
    CHECK(share->shared == c.shared);
  }
}

TEST_CASE("FindIdentifiers: named, random-looking, cookie values; never context or decoder metadata", "[beacon][ids]") {
  const PageCookie cookies[] = {{"_mt_id", "shop.example", "mt.k3j4h5g6f7.1795928400000", Party::kFirst}};
  const CookieValueIndex index(cookies);
  struct Case {
    std::string_view query, body;
    std::string_view param;  // the identifier expected, or empty for none
    bool named;
    bool random;             // ≥ 64 bits
    bool cookie;
  };
  const Case kCases[] = {
      {"uid=u-5f2a9c1e7b3d&ev=pageview", "", "uid", true, false, false},
      {"client_id=abcd", "", "client_id", true, false, false},
      {"id=42", "", "", false, false, false},                                      // named but too short
      {"x=9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e", "", "x", false, true, false},         // 128 random bits
      {"dl=https%3A%2F%2Fshop.example%2F%3Fs%3D9f3b2c1d7e6a5b4c3d", "", "", false, false, false},  // a URL
      {"z=9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e", "", "", false, false, false},         // cache buster
      {"ev=pageview&lang=en", "", "", false, false, false},
      {"", R"({"cid":"mt.k3j4h5g6f7.1795928400000","page":"https://shop.example/"})", "cid", true, true, true},
      {"v=k3j4h5g6f7.17959", "", "", false, false, false},                          // context name "v"
      {"q=mt.k3j4h5g6f7", "", "q", false, false, true},                             // a piece of the cookie
      {"uuid=6f1c9a42-8b1e-4c55-9d2a-1f0e3b6c7d8e", "", "uuid", true, true, false},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.query, c.body);
    const std::vector<Param> params = ParseParams("/", c.query, c.body);
    const std::vector<CarriedIdentifier> ids = FindIdentifiers(params, nullptr, &index);
    if (c.param.empty()) {
      CHECK(ids.empty());
      continue;
    }
    REQUIRE(ids.size() == 1);
    CHECK(ids[0].param == c.param);
    CHECK(ids[0].named == c.named);
    CHECK((ids[0].bits >= 64) == c.random);
    CHECK(ids[0].cookie.has_value() == c.cookie);
    CHECK_FALSE(ids[0].meaning.empty());
  }
}

TEST_CASE("FindIdentifiers: a decoder's visitor ids count, its account and event do not", "[beacon][ids]") {
  const std::vector<Param> params = ParseParams("/tr", "id=1234567890123456&ev=PageView&fbp=fb.1.1795928400.987654321", "");
  std::optional<PixelDecode> d = DecodePixel("www.facebook.com", "/tr", params);
  REQUIRE(d.has_value());
  const std::vector<CarriedIdentifier> ids = FindIdentifiers(params, &*d, nullptr);
  REQUIRE(ids.size() == 1);
  CHECK(ids[0].param == "fbp");
  CHECK(ids[0].meaning == "Meta browser id (_fbp cookie)");
  CHECK(ids[0].value == "fb.1.1795928400.987654321");
}

TEST_CASE("RedactValue", "[beacon]") {
  struct Case {
    std::string_view value, redacted;
  };
  const Case kCases[] = {
      {"9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e", "•••• (32 chars)"},
      {"x", "•••• (1 char)"},
      {"", "•••• (0 chars)"},
      {"é€", "•••• (2 chars)"},  // characters, not bytes
  };
  for (const Case& c : kCases) {
    CAPTURE(c.value);
    CHECK(RedactValue(c.value) == c.redacted);
  }
}

TEST_CASE("IdentifierNameMeaning", "[beacon]") {
  CHECK(IdentifierNameMeaning("UID") == "user id");
  CHECK(IdentifierNameMeaning("context.user.anonymous_id") == "anonymous id");
  CHECK(IdentifierNameMeaning("gclid") == "Google Ads click id");
  CHECK(IdentifierNameMeaning("page").empty());
}

}  // namespace
}  // namespace trackscope
