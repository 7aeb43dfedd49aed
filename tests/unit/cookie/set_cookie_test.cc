// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Set-Cookie / document.cookie parsing (RFC 6265bis 5.6, 5.1.1) and the storage decision (5.7).
// Hosts under the unlisted TLD "example" fall under the PSL's implicit "*" rule.
#include "trackscope/cookie/set_cookie.h"

#include <catch2/catch_test_macros.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trackscope::cookie {
namespace {

using namespace std::string_view_literals;

// A compact, readable form of the attributes: only what differs from the defaults.
std::string Describe(const SetCookie& c) {
  std::string out;
  auto add = [&](std::string_view part) { out += (out.empty() ? "" : " ") + std::string(part); };
  if (c.domain) add("domain=" + *c.domain);
  if (c.path) add("path=" + *c.path);
  if (c.max_age) add("max_age=" + std::to_string(*c.max_age));
  if (c.expires) add("expires=" + std::to_string(static_cast<int64_t>(*c.expires)));
  if (c.secure) add("secure");
  if (c.http_only) add("httponly");
  if (c.partitioned) add("partitioned");
  if (c.same_site != SameSite::kUnspecified) add("samesite=" + std::string(SameSiteName(c.same_site)));
  for (const std::string& u : c.unknown_attributes) add("?" + u);
  return out;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

TEST_CASE("ParseSetCookie: the name-value pair", "[cookie]") {
  struct Case {
    std::string_view line, name, value;
  };
  const Case kCases[] = {
      {"sid=31d4d96e407aad42", "sid", "31d4d96e407aad42"},
      {"  sid  =  31d4  ", "sid", "31d4"},
      {"\tsid\t=\t31d4\t; Path=/", "sid", "31d4"},
      {"a b=c d", "a b", "c d"},  // inner spaces are kept
      {"a=b=c", "a", "b=c"},      // the first '=' splits
      {"a=", "a", ""},
      {"a=;", "a", ""},
      {"=abc", "", "abc"},
      {"abc", "", "abc"},  // no '=': empty name, the pair is the value
      {"abc; Path=/", "", "abc"},
      {"id=\"quoted value\"", "id", "\"quoted value\""},  // quotes are part of the value
      {"id=\" a \"", "id", "\" a \""},
      {"id=a,b", "id", "a,b"},
      {"n=caf\xC3\xA9", "n", "caf\xC3\xA9"},  // non-ASCII octets are data
      {"\xFF\xFE=\x80", "\xFF\xFE", "\x80"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.line);
    Result<SetCookie> r = ParseSetCookie(c.line);
    REQUIRE(r.ok());
    CHECK(r.value().name == c.name);
    CHECK(r.value().value == c.value);
  }
}

TEST_CASE("ParseSetCookie: attributes", "[cookie]") {
  struct Case {
    std::string_view line, attributes;
  };
  const Case kCases[] = {
      {"a=b", ""},
      {"a=b; Path=/; Secure; HttpOnly", "path=/ secure httponly"},
      {"a=b;Path=/x;Secure;HttpOnly;Partitioned", "path=/x secure httponly partitioned"},
      {"a=b ;  path = /x  ;  secure  ", "path=/x secure"},
      // Case-insensitive names and SameSite values.
      {"a=b; SECURE; httpONLY; sAmEsItE=sTrIcT", "secure httponly samesite=strict"},
      {"a=b; DOMAIN=.Shop.EXAMPLE; PATH=/A", "domain=shop.example path=/A"},  // path keeps its case
      {"a=b; mAx-AgE=60", "max_age=60"},
      {"a=b; EXPIRES=Sun, 06 Nov 1994 08:49:37 GMT", "expires=784111777"},
      // Flags ignore any value.
      {"a=b; Secure=no; HttpOnly=0", "secure httponly"},
      // SameSite.
      {"a=b; SameSite=Lax", "samesite=lax"},
      {"a=b; SameSite=None", "samesite=none"},
      {"a=b; SameSite=Bogus", ""},
      {"a=b; SameSite", ""},
      // Last one wins; an unknown SameSite value resets to unspecified (6265bis enforcement mode).
      {"a=b; Path=/x; path=/y", "path=/y"},
      {"a=b; SameSite=Strict; SameSite=lax", "samesite=lax"},
      {"a=b; SameSite=Lax; SameSite=Bogus", ""},
      {"a=b; Domain=a.example; Domain=b.example", "domain=b.example"},
      {"a=b; Max-Age=10; Max-Age=20", "max_age=20"},
      // Unusable values: Expires, Max-Age and an empty Domain are ignored (earlier ones stay),
      // an invalid Path resets to the default path.
      {"a=b; Max-Age=10; Max-Age=x", "max_age=10"},
      {"a=b; Expires=Sun, 06 Nov 1994 08:49:37 GMT; Expires=never", "expires=784111777"},
      {"a=b; Domain=a.example; Domain=", "domain=a.example"},
      {"a=b; Domain=", ""},
      {"a=b; Domain=.", "domain="},
      {"a=b; Domain=..a.example", "domain=.a.example"},
      {"a=b; Path=/x; Path=y", ""},
      {"a=b; Path=", ""},
      {"a=b; Path", ""},
      // Max-Age syntax (5.6.2).
      {"a=b; Max-Age=-1", "max_age=-1"},
      {"a=b; Max-Age=-0", "max_age=0"},
      {"a=b; Max-Age= 60 ", "max_age=60"},
      {"a=b; Max-Age=+5", ""},
      {"a=b; Max-Age=-", ""},
      {"a=b; Max-Age=5s", ""},
      {"a=b; Max-Age=1 0", ""},
      {"a=b; Max-Age=", ""},
      {"a=b; Max-Age=99999999999999999999999", "max_age=9223372036854775807"},
      {"a=b; Max-Age=-99999999999999999999999", "max_age=-9223372036854775807"},
      // Both Max-Age and Expires are recorded; ResolveCookie picks Max-Age.
      {"a=b; Expires=Thu, 01-Jan-1970 00:00:01 GMT; Max-Age=5", "max_age=5 expires=1"},
      // Unknown attributes are kept as written; empty ones are skipped.
      {"a=b; Priority=High; SameParty; Version=1", "?Priority=High ?SameParty ?Version=1"},
      {"a=b; Foo = bar ; Secure", "secure ?Foo = bar"},
      {"a=b;;;;", ""},
      {"a=b; ; =; Secure", "secure"},
      {"a=b; =x", "?=x"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.line);
    Result<SetCookie> r = ParseSetCookie(c.line);
    REQUIRE(r.ok());
    CHECK(Describe(r.value()) == c.attributes);
  }
}

TEST_CASE("ParseSetCookie: attribute values over 1024 bytes are ignored", "[cookie]") {
  const std::string at_limit = "/" + std::string(1023, 'p');
  const std::string over = "/" + std::string(1024, 'p');
  Result<SetCookie> ok = ParseSetCookie("a=b; Path=" + at_limit);
  REQUIRE(ok.ok());
  CHECK(ok.value().path == at_limit);

  Result<SetCookie> r =
      ParseSetCookie("a=b; Path=/keep; Path=" + over + "; Domain=" + std::string(1025, 'd'));
  REQUIRE(r.ok());
  CHECK(r.value().path == "/keep");  // ignored entirely: not even the default-path reset
  CHECK_FALSE(r.value().domain.has_value());
  REQUIRE(r.value().notes.size() == 2);
  CHECK(Contains(r.value().notes[0], "over 1024 bytes"));
}

TEST_CASE("ParseSetCookie: notes say which attributes were dropped", "[cookie]") {
  Result<SetCookie> r =
      ParseSetCookie("a=b; Expires=soon; Max-Age=1h; Domain=; Path=rel; SameSite=always; Secure");
  REQUIRE(r.ok());
  const auto& notes = r.value().notes;
  REQUIRE(notes.size() == 5);
  CHECK(Contains(notes[0], "Expires \"soon\" is not a cookie date"));
  CHECK(Contains(notes[1], "Max-Age \"1h\" is not an integer"));
  CHECK(Contains(notes[2], "empty Domain"));
  CHECK(Contains(notes[3], "default path"));
  CHECK(Contains(notes[4], "SameSite \"always\""));
  CHECK(ParseSetCookie("a=b; Path=/; Secure; SameSite=Lax").value().notes.empty());
}

TEST_CASE("ParseSetCookie: rejected lines name the reason", "[cookie]") {
  struct Case {
    std::string_view line, message_part;
  };
  const Case kCases[] = {
      {"", "name and value are both empty"},
      {"=", "name and value are both empty"},
      {" = ", "name and value are both empty"},
      {";;;;", "name and value are both empty"},
      {"; Secure; Path=/", "name and value are both empty"},
      {"=; Secure", "name and value are both empty"},
      {"a\x01=b", "cookie name contains a control character (0x01)"},
      {"a=b\n", "cookie value contains a control character (0x0A)"},
      {"a=b\r\nSet-Cookie: c=d", "cookie value contains a control character (0x0D)"},
      {"a=b\x7F", "cookie value contains a control character (0x7F)"},
      {"a\0b=c"sv, "cookie name contains a control character (0x00)"},
      {"a=b\0c"sv, "cookie value contains a control character (0x00)"},
      {"a=b; Path=/\0"sv, "cookie attribute contains a control character (0x00)"},
      {"a=b; Foo=\x1B[31m", "cookie attribute contains a control character (0x1B)"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.line);
    Result<SetCookie> r = ParseSetCookie(c.line);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path.empty());
    CHECK(Contains(r.error().message, c.message_part));
  }
  // HTAB is the one control character allowed.
  CHECK(ParseSetCookie("a=b\tc").ok());
}

TEST_CASE("ParseSetCookie: name and value share a 4096-byte limit", "[cookie]") {
  CHECK(ParseSetCookie(std::string(2000, 'n') + "=" + std::string(2096, 'v')).ok());
  CHECK(ParseSetCookie(std::string(4096, 'v')).ok());
  Result<SetCookie> r = ParseSetCookie(std::string(2000, 'n') + "=" + std::string(2097, 'v'));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "name and value exceed 4096 bytes");
  // Surrounding whitespace does not count.
  CHECK(ParseSetCookie("   " + std::string(4095, 'n') + "=v   ").ok());
  CHECK_FALSE(ParseSetCookie("id=" + std::string(5000, 'x')).ok());
}

TEST_CASE("ParseSetCookie: hostile input never crashes", "[cookie]") {
  std::string many = "a=b";
  for (int i = 0; i < 10000; ++i) many += "; x" + std::to_string(i) + "=y";
  Result<SetCookie> r = ParseSetCookie(many);
  REQUIRE(r.ok());
  CHECK(r.value().unknown_attributes.size() == 10000);

  std::string flags = "a=b";
  for (int i = 0; i < 10000; ++i) flags += "; Secure; Max-Age=1";
  CHECK(ParseSetCookie(flags).ok());

  CHECK_FALSE(ParseSetCookie(std::string(100000, ';')).ok());
  CHECK_FALSE(ParseSetCookie(std::string(100000, '=')).ok());  // name "", value 99999 '='
  CHECK_FALSE(ParseSetCookie("a=" + std::string(100000, '\xFF')).ok());
  CHECK(ParseSetCookie("a=b; Expires=" + std::string(1000, '9')).value().expires == std::nullopt);
  CHECK(ParseSetCookie("a=b; Expires=" + std::string(1000, ':')).value().expires == std::nullopt);
}

TEST_CASE("ParseDocumentCookie: same syntax, HttpOnly noted as impossible", "[cookie]") {
  Result<SetCookie> r = ParseDocumentCookie("theme=dark; path=/; max-age=31536000; HttpOnly");
  REQUIRE(r.ok());
  CHECK(r.value().name == "theme");
  CHECK(Describe(r.value()) == "path=/ max_age=31536000 httponly");
  REQUIRE(r.value().notes.size() == 1);
  CHECK(Contains(r.value().notes[0], "HttpOnly cannot be set by a script"));
  CHECK(ParseSetCookie("theme=dark; HttpOnly").value().notes.empty());
  CHECK_FALSE(ParseDocumentCookie("a=b\n").ok());
}

TEST_CASE("ParseCookieDate: the RFC 6265bis 5.1.1 algorithm", "[cookie][time]") {
  struct Case {
    std::string_view date;
    std::optional<double> seconds;
  };
  const Case kCases[] = {
      // The formats met in the wild.
      {"Sun, 06 Nov 1994 08:49:37 GMT", 784111777.0},   // RFC 1123
      {"Sunday, 06-Nov-94 08:49:37 GMT", 784111777.0},  // RFC 850
      {"Sun Nov  6 08:49:37 1994", 784111777.0},        // asctime
      {"Sun, 06-Nov-1994 08:49:37 GMT", 784111777.0},   // Netscape
      {"Thu, 01-Jan-1970 00:00:01 GMT", 1.0},
      {"Thu, 01 Jan 1970 00:00:00 GMT", 0.0},
      {"Wed, 09 Jun 2021 10:18:14 GMT", 1623233894.0},
      {"Tue, 19 Jan 2038 03:14:08 GMT", 2147483648.0},
      {"Fri, 31 Dec 9999 23:59:59 GMT", 253402300799.0},
      {"sun, 06 NOV 1994 08:49:37 gmt", 784111777.0},  // case-insensitive month
      {"6 November 1994 8:9:7", 784109347.0},          // long month, 1-digit fields
      {"06 Nov 1994 08:49:37 GMT+0100", 784111777.0},  // zones are ignored
      {"1994 Nov 06 08:49:37", 784111777.0},           // any order
      {"  ,;Sun, 06 Nov 1994 08:49:37 GMT;;  ", 784111777.0},
      // Two-digit years: 70-99 -> 19xx, 00-69 -> 20xx.
      {"Wed, 09 Jun 21 10:18:14 GMT", 1623233894.0},
      {"01 Jan 70 00:00:00", 0.0},
      {"01 Jan 69 00:00:00", 3124224000.0},
      {"01 Jan 00 00:00:00", 946684800.0},
      // Real dates only.
      {"29 Feb 2024 00:00:00", 1709164800.0},
      {"29 Feb 2023 00:00:00", std::nullopt},
      {"30 Feb 2024 00:00:00", std::nullopt},
      {"31 Apr 2024 00:00:00", std::nullopt},
      {"29 Feb 2000 00:00:00", 951782400.0},
      {"29 Feb 1900 00:00:00", std::nullopt},
      {"00 Jan 2024 00:00:00", std::nullopt},
      {"32 Jan 2024 00:00:00", std::nullopt},
      {"01 Jan 1601 00:00:00", -11644473600.0},
      {"31 Dec 1600 23:59:59", std::nullopt},
      {"06 Nov 1994 24:00:00", std::nullopt},
      {"06 Nov 1994 08:60:00", std::nullopt},
      {"06 Nov 1994 08:49:60", std::nullopt},
      // Missing parts.
      {"Sun, 06 Nov 1994", std::nullopt},        // no time
      {"Sun, 06 1994 08:49:37", std::nullopt},   // no month
      {"Sun, Nov 1994 08:49:37", std::nullopt},  // "1994" is not a day: no day
      {"Sun, 06 Nov 08:49:37", std::nullopt},    // no year
      {"1994-11-06T08:49:37Z", std::nullopt},    // ISO 8601 is not a cookie date
      {"", std::nullopt},
      {"never", std::nullopt},
      {"0", std::nullopt},
      // Over-long numbers do not match a production.
      {"006 Nov 1994 08:49:37", std::nullopt},
      {"06 Nov 19945 08:49:37", std::nullopt},
      {"06 Nov 1994 008:49:37", std::nullopt},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.date);
    CHECK(ParseCookieDate(c.date) == c.seconds);
  }
}

constexpr double kNow = 1700000000;  // 2023-11-14 22:13:20 UTC
constexpr double kDay = 86400;

Result<CookieRecord> Resolve(std::string_view line, std::string_view url, bool from_script = false) {
  Result<SetCookie> c = from_script ? ParseDocumentCookie(line) : ParseSetCookie(line);
  REQUIRE(c.ok());
  return ResolveCookie(c.value(), url, kNow, from_script);
}

TEST_CASE("ResolveCookie: domain, host-only flag and path", "[cookie]") {
  struct Case {
    std::string_view line, url, domain;
    bool host_only;
    std::string_view path;
  };
  const Case kCases[] = {
      {"id=1", "https://www.shop.example/a/b", "www.shop.example", true, "/a"},
      {"id=1", "https://www.shop.example/a/b/", "www.shop.example", true, "/a/b"},
      {"id=1", "https://www.shop.example/a", "www.shop.example", true, "/"},
      {"id=1", "https://www.shop.example/", "www.shop.example", true, "/"},
      {"id=1", "https://www.shop.example/a/b?c=/d/e", "www.shop.example", true, "/a"},
      {"id=1", "https://WWW.Shop.Example:8443/a/b", "www.shop.example", true, "/a"},
      {"id=1; Path=/x/y", "https://www.shop.example/a/b", "www.shop.example", true, "/x/y"},
      {"id=1; Path=x", "https://www.shop.example/a/b", "www.shop.example", true, "/a"},
      // Domain attribute: domain-match, leading dot and case do not matter.
      {"id=1; Domain=shop.example", "https://www.shop.example/", "shop.example", false, "/"},
      {"id=1; Domain=.SHOP.example", "https://www.shop.example/", "shop.example", false, "/"},
      {"id=1; Domain=www.shop.example", "https://www.shop.example/", "www.shop.example", false, "/"},
      {"id=1; Domain=example.co.uk", "https://a.example.co.uk/", "example.co.uk", false, "/"},
      {"id=1; Domain=alice.github.io", "https://alice.github.io/", "alice.github.io", false, "/"},
      // An empty domain ("Domain=.") means host-only.
      {"id=1; Domain=.", "https://www.shop.example/", "www.shop.example", true, "/"},
      // A public suffix equal to the host gives a host-only cookie.
      {"id=1; Domain=localhost", "http://localhost/", "localhost", true, "/"},
      {"id=1; Domain=github.io", "https://github.io/", "github.io", true, "/"},
      // IP-address hosts: host-only, the address itself is tolerated as Domain.
      {"id=1", "http://127.0.0.1/x/y", "127.0.0.1", true, "/x"},
      {"id=1; Domain=127.0.0.1", "http://127.0.0.1/", "127.0.0.1", true, "/"},
      {"id=1; Domain=[::1]", "http://[::1]/", "[::1]", true, "/"},
      {"id=1; Domain=::1", "http://[::1]/", "[::1]", true, "/"},
      // ws(s) URLs set cookies too.
      {"id=1", "wss://ws.shop.example/socket", "ws.shop.example", true, "/"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.line, c.url);
    Result<CookieRecord> r = Resolve(c.line, c.url);
    REQUIRE(r.ok());
    CHECK(r.value().name == "id");
    CHECK(r.value().value == "1");
    CHECK(r.value().domain == c.domain);
    CHECK(r.value().host_only == c.host_only);
    CHECK(r.value().path == c.path);
  }
}

TEST_CASE("ResolveCookie: expiry, Max-Age precedence and the 400-day cap", "[cookie]") {
  struct Case {
    std::string_view line;
    bool persistent;
    std::optional<double> expires;
  };
  const Case kCases[] = {
      {"id=1", false, std::nullopt},
      {"id=1; Max-Age=60", true, kNow + 60},
      {"id=1; Expires=Wed, 15 Nov 2023 22:13:20 GMT", true, kNow + kDay},
      {"id=1; Max-Age=60; Expires=Wed, 15 Nov 2023 22:13:20 GMT", true, kNow + 60},
      {"id=1; Expires=Wed, 15 Nov 2023 22:13:20 GMT; Max-Age=60", true, kNow + 60},
      {"id=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:01 GMT", true, kNow + 60},
      {"id=1; Max-Age=soon; Expires=Wed, 15 Nov 2023 22:13:20 GMT", true, kNow + kDay},
      {"id=1; Max-Age=34560000", true, kNow + 400 * kDay},
      {"id=1; Max-Age=34560001", true, kNow + 400 * kDay},
      {"id=1; Max-Age=99999999999999999999", true, kNow + 400 * kDay},
      {"id=1; Expires=Fri, 31 Dec 9999 23:59:59 GMT", true, kNow + 400 * kDay},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.line);
    Result<CookieRecord> r = Resolve(c.line, "https://shop.example/");
    REQUIRE(r.ok());
    CHECK(r.value().persistent == c.persistent);
    CHECK(r.value().expires == c.expires);
  }
}

TEST_CASE("ResolveCookie: flags, prefixes and secure origins", "[cookie]") {
  struct Case {
    std::string_view line, url;
  };
  const Case kCases[] = {
      {"id=1; Secure; HttpOnly; SameSite=Strict", "https://shop.example/"},
      {"id=1; Secure", "wss://shop.example/"},
      {"id=1; Secure", "http://localhost:3000/"},  // loopback counts as secure
      {"id=1; Secure", "http://app.localhost/"},
      {"id=1; Secure", "http://127.0.0.1:8080/"},
      {"id=1; Secure", "http://[::1]/"},
      {"id=1; SameSite=None; Secure", "https://shop.example/"},
      {"id=1; SameSite=Lax", "http://shop.example/"},
      {"id=1; Partitioned; Secure", "https://shop.example/"},
      {"__Secure-id=1; Secure", "https://shop.example/"},
      {"__Secure-id=1; Secure; Domain=shop.example", "https://www.shop.example/"},
      {"__Host-id=1; Secure; Path=/", "https://shop.example/a/b"},
      {"__host-id=1; secure; path=/", "https://shop.example/"},
      {"__Hostile=1", "http://shop.example/"},  // not the prefix
  };
  for (const Case& c : kCases) {
    CAPTURE(c.line, c.url);
    Result<CookieRecord> r = Resolve(c.line, c.url);
    CHECK(r.ok());
  }
  Result<CookieRecord> r =
      Resolve("id=1; Secure; HttpOnly; SameSite=Strict; Partitioned", "https://shop.example/");
  REQUIRE(r.ok());
  CHECK(r.value().secure);
  CHECK(r.value().http_only);
  CHECK(r.value().partitioned);
  CHECK(r.value().same_site == SameSite::kStrict);
}

TEST_CASE("ResolveCookie: each rejection names its rule", "[cookie]") {
  struct Case {
    std::string_view line, url;
    bool from_script;
    std::string_view message_part;
  };
  const Case kCases[] = {
      // The request URL.
      {"id=1", "not a url", false, "invalid request URL"},
      {"id=1", "data:text/html,x", false, "only by http(s) and ws(s)"},
      {"id=1", "file:///tmp/x.html", false, "only by http(s) and ws(s)"},
      // Domain.
      {"id=1; Domain=co.uk", "https://www.example.co.uk/", false, "Domain \"co.uk\" is a public suffix"},
      {"id=1; Domain=example", "https://shop.example/", false, "Domain \"example\" is a public suffix"},
      {"id=1; Domain=.example", "https://www.shop.example/", false, "public suffix"},
      {"id=1; Domain=github.io", "https://alice.github.io/", false, "public suffix"},
      {"id=1; Domain=b.kawasaki.jp", "https://a.b.kawasaki.jp/", false, "public suffix"},
      {"id=1; Domain=other.example", "https://www.shop.example/", false, "does not domain-match"},
      {"id=1; Domain=hop.example", "https://shop.example/", false, "does not domain-match"},
      {"id=1; Domain=www.shop.example", "https://shop.example/", false, "does not domain-match"},
      {"id=1; Domain=shop.example.", "https://www.shop.example/", false, "does not domain-match"},
      {"id=1; Domain=b\303\274cher.example", "https://b.example/", false, "non-ASCII"},
      {"id=1; Domain=0.0.1", "http://127.0.0.1/", false, "IP address"},
      {"id=1; Domain=localhost", "http://127.0.0.1/", false, "IP address"},
      // Secure origins.
      {"id=1; Secure", "http://shop.example/", false, "Secure cookie set from a non-secure origin"},
      {"id=1; Secure", "ws://shop.example/", false, "non-secure origin"},
      {"id=1; Secure", "http://localhost.example/", false, "non-secure origin"},
      // HttpOnly from a script.
      {"id=1; HttpOnly", "https://shop.example/", true, "HttpOnly cookie written by a script"},
      // SameSite=None and Partitioned need Secure.
      {"id=1; SameSite=None", "https://shop.example/", false, "SameSite=None cookie without Secure"},
      {"id=1; Partitioned", "https://shop.example/", false, "Partitioned cookie without Secure"},
      // Prefixes.
      {"__Secure-id=1", "https://shop.example/", false, "__Secure- prefix"},
      {"__SECURE-id=1", "https://shop.example/", false, "__Secure- prefix"},
      {"__Secure-id=1; Secure", "http://shop.example/", false, "non-secure origin"},
      {"__Host-id=1; Secure", "https://shop.example/", false, "__Host- prefix"},
      {"__Host-id=1; Secure; Path=/a", "https://shop.example/", false, "__Host- prefix"},
      {"__Host-id=1; Secure; Path=x", "https://shop.example/", false, "__Host- prefix"},
      {"__Host-id=1; Secure; Path=/; Domain=shop.example", "https://shop.example/", false, "__Host- prefix"},
      {"__Host-id=1; Path=/", "https://shop.example/", false, "__Host- prefix"},
      {"__HOST-id=1; Path=/", "https://shop.example/", false, "__Host- prefix"},
      {"=__Host-id", "https://shop.example/", false, "without a name"},
      {"__secure-id", "https://shop.example/", false, "without a name"},
      // Already expired: Max-Age <= 0, or an Expires date in the past, with Max-Age first.
      {"id=1; Max-Age=0", "https://shop.example/", false, "cookie is already expired"},
      {"id=1; Max-Age=-5", "https://shop.example/", false, "already expired"},
      {"id=; Expires=Thu, 01 Jan 1970 00:00:01 GMT", "https://shop.example/", false, "already expired"},
      {"id=1; Expires=Fri, 31 Dec 9999 23:59:59 GMT; Max-Age=0", "https://shop.example/", false,
       "already expired"},
      // Rules come before expiry: a rejected deletion deletes nothing.
      {"id=1; Max-Age=0; Domain=co.uk", "https://a.co.uk/", false, "public suffix"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.line, c.url, c.from_script);
    Result<CookieRecord> r = Resolve(c.line, c.url, c.from_script);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path.empty());
    CHECK(Contains(r.error().message, c.message_part));
  }
  CHECK(Resolve("id=1; Max-Age=0", "https://shop.example/").error().message ==
        "cookie is already expired (deletes any stored cookie of that name)");
}

TEST_CASE("ResolveCookie: document.cookie writes", "[cookie]") {
  // A script's cookie is a cookie like any other, unless it asks for HttpOnly.
  Result<CookieRecord> r = Resolve("_ga=GA1.2.3; path=/; max-age=63072000; SameSite=Lax",
                                   "https://www.shop.example/products/1", /*from_script=*/true);
  REQUIRE(r.ok());
  CHECK(r.value().domain == "www.shop.example");
  CHECK(r.value().expires == kNow + 400 * kDay);
  CHECK(r.value().same_site == SameSite::kLax);
  CHECK_FALSE(Resolve("id=1; HttpOnly", "https://shop.example/", /*from_script=*/true).ok());
  CHECK(Resolve("id=1; HttpOnly", "https://shop.example/", /*from_script=*/false).ok());
}

TEST_CASE("ResolveCookie: hand-built SetCookie values are checked too", "[cookie]") {
  SetCookie empty;
  CHECK(ResolveCookie(empty, "https://shop.example/", kNow, false).error().message ==
        "name and value are both empty");
  SetCookie huge;
  huge.name = "id";
  huge.value = std::string(5000, 'x');
  CHECK(Contains(ResolveCookie(huge, "https://shop.example/", kNow, false).error().message, "4096"));
  SetCookie odd;
  odd.name = "id";
  odd.value = "1";
  odd.domain = "";
  CHECK(ResolveCookie(odd, "https://shop.example/", kNow, false).value().host_only);
}

}  // namespace
}  // namespace trackscope::cookie
