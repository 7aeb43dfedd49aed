// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Engine behaviour, table-driven: each case builds an engine from a few lines and matches one
// request ({url, sourceUrl, type}, the fixture shape of ghostery and adblock-rust).
#include "trackscope/filter/engine.h"

#include <catch2/catch_test_macros.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace trackscope::filter {
namespace {

constexpr std::string_view kPage = "https://shop.example/";

Engine BuildOne(std::string_view list) {
  ListSource source{"test.txt", list};
  return Engine::Build({&source, 1}).engine;
}

Decision Decide(std::string_view list, std::string_view url, std::string_view source = kPage,
                RequestType type = RequestType::kScript, std::string_view method = "GET") {
  return BuildOne(list).Match({url, source, type, method}).decision;
}

constexpr Decision kBlock = Decision::kBlock, kNone = Decision::kNoMatch, kAllow = Decision::kException;

struct Case {
  std::string_view list, url;
  Decision expected;
  RequestType type = RequestType::kScript;
  std::string_view source = kPage;
};

void Run(const Case* cases, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const Case& c = cases[i];
    CAPTURE(c.list, c.url, c.source, static_cast<int>(c.type));
    CHECK(Decide(c.list, c.url, c.source, c.type) == c.expected);
  }
}

TEST_CASE("Engine: anchors, separators and wildcards", "[filter][engine]") {
  const Case kCases[] = {
      // || host anchor: label boundary of the host, then the rest of the pattern.
      {"||ads.example^", "https://ads.example/x.js", kBlock},
      {"||ads.example^", "https://cdn.ads.example/x.js", kBlock},
      {"||ads.example^", "https://badads.example/x.js", kNone},
      {"||ads.example^", "https://ads.example.evil/x.js", kNone},
      {"||ads.example^", "https://ads.example:8080/x.js", kBlock},
      {"||ads.example^", "https://shop.example/?u=ads.example/", kNone},
      {"||ads.example", "https://ads.example.evil/", kBlock},
      {"||ads.example/banners/", "https://www.ads.example/banners/1.gif", kBlock},
      {"||ads.example/banners/", "https://ads.example/other/banners/1.gif", kNone},
      {"||ads.ex*ple^", "https://ads.exaaample/x", kBlock},
      // | start and end anchors.
      {"|https://tracker.", "https://tracker.example/x", kBlock},
      {"|https://tracker.", "https://shop.example/?r=https://tracker.", kNone},
      {".gif|", "https://a.example/p.gif", kBlock},
      {".gif|", "https://a.example/p.gif?x=1", kNone},
      {"|https://a.example/p.js|", "https://a.example/p.js", kBlock},
      // ^ separator: not a letter, digit, _ - . %; or the end.
      {"/ads^", "https://a.example/ads/1", kBlock},
      {"/ads^", "https://a.example/ads?x", kBlock},
      {"/ads^", "https://a.example/ads", kBlock},
      {"/ads^", "https://a.example/ads-1", kNone},
      {"/ads^", "https://a.example/ads.js", kNone},
      {"/ads^", "https://a.example/adsx", kNone},
      // * wildcards and plain substrings (case-insensitive by default).
      {"/banner/*/img", "https://a.example/banner/300x250/img.png", kBlock},
      {"/banner/*/img", "https://a.example/banner/img.png", kNone},
      {"track.js", "https://a.example/lib/TRACK.js?v=2", kBlock},
      {"ad_*_300x250", "https://a.example/ad_top_300x250.png", kBlock},
      {"/pixel?", "https://a.example/pixel?id=1", kBlock},
      // match-case.
      {"/Track/$match-case", "https://a.example/Track/1", kBlock},
      {"/Track/$match-case", "https://a.example/track/1", kNone},
      // Regular expressions.
      {"/\\/[0-9a-f]{32}\\/invoke\\.js/", "https://x.example/0123456789abcdef0123456789abcdef/invoke.js", kBlock},
      {"/\\/[0-9a-f]{32}\\/invoke\\.js/", "https://x.example/0123/invoke.js", kNone},
      {"/^https?:\\/\\/[a-z]{8,}\\.xyz\\//$script", "https://abcdefghij.xyz/a.js", kBlock},
      {"/^https?:\\/\\/[a-z]{8,}\\.xyz\\//$script", "https://abc.xyz/a.js", kNone},
      {"/ADS\\d/", "https://a.example/ads1", kBlock},
      {"/ADS\\d/$match-case", "https://a.example/ads1", kNone},
      // Regex groups of literal alternatives index the filter under every alternative.
      {"/^https?:\\/\\/.*\\.(club|xyz)\\//", "https://a.club/x", kBlock},
      {"/^https?:\\/\\/.*\\.(club|xyz)\\//", "https://b.a.xyz/", kBlock},
      {"/^https?:\\/\\/.*\\.(club|xyz)\\//", "https://a.com/club/", kNone},
      {"/^https?:\\/\\/.*\\.(?:club|xyz)\\//", "https://a.club/x", kBlock},
      // Percent-encoded patterns: '%' separates tokens.
      {"%2Fbeacon%3F", "https://a.example/r?u=%2fbeacon%3fid=1", kBlock},
      {"%2Fbeacon%3F", "https://a.example/r?u=%2fbeacons%3fid=1", kNone},
      // IPv6 hosts.
      {"||[::1]^$third-party", "http://[::1]:8080/x.js", kBlock},
      {"||[::1]^$third-party", "http://[::2]/x.js", kNone},
      // Empty pattern: every URL, narrowed by options.
      {"$script,domain=shop.example", "https://cdn.example/a.js", kBlock},
      {"$script,domain=other.example", "https://cdn.example/a.js", kNone},
  };
  Run(kCases, std::size(kCases));
}

TEST_CASE("Engine: party options", "[filter][engine]") {
  const Case kCases[] = {
      {"||cdn.example^$third-party", "https://cdn.example/a.js", kBlock},
      {"||cdn.example^$3p", "https://cdn.example/a.js", kBlock},
      {"||shop.example^$third-party", "https://static.shop.example/a.js", kNone},  // same site
      {"||shop.example^$~third-party", "https://static.shop.example/a.js", kBlock},
      {"||shop.example^$first-party", "https://static.shop.example/a.js", kBlock},
      {"||shop.example^$1p", "https://static.shop.example/a.js", kBlock},
      {"||cdn.example^$~first-party", "https://cdn.example/a.js", kBlock},
      {"||cdn.example^$first-party", "https://cdn.example/a.js", kNone},
      {"||shop.example^$strict3p", "https://static.shop.example/a.js", kBlock},  // other host
      {"||shop.example^$strict1p", "https://static.shop.example/a.js", kNone},
      {"||shop.example^$strict1p", "https://shop.example/a.js", kBlock},
      // Parties follow the Public Suffix List: co.uk sites are different sites.
      {"||b.co.uk^$third-party", "https://b.co.uk/x.js", kBlock, RequestType::kScript, "https://a.co.uk/"},
      {"||example.co.uk^$third-party", "https://cdn.example.co.uk/x.js", kNone, RequestType::kScript,
       "https://www.example.co.uk/"},
  };
  Run(kCases, std::size(kCases));
}

TEST_CASE("Engine: type options", "[filter][engine]") {
  using enum RequestType;
  const Case kCases[] = {
      {"||t.example^$script", "https://t.example/a", kBlock, kScript},
      {"||t.example^$script", "https://t.example/a", kNone, kImage},
      {"||t.example^$image", "https://t.example/a", kBlock, kImage},
      {"||t.example^$stylesheet", "https://t.example/a", kBlock, kStylesheet},
      {"||t.example^$xmlhttprequest", "https://t.example/a", kBlock, kXhr},
      {"||t.example^$xhr", "https://t.example/a", kBlock, kXhr},
      {"||t.example^$subdocument", "https://t.example/a", kBlock, kSubFrame},
      {"||t.example^$ping", "https://t.example/a", kBlock, kPing},
      {"||t.example^$media", "https://t.example/a", kBlock, kMedia},
      {"||t.example^$font", "https://t.example/a", kBlock, kFont},
      {"||t.example^$websocket", "wss://t.example/a", kBlock, kWebSocket},
      {"||t.example^$object", "https://t.example/a", kBlock, kObject},
      {"||t.example^$other", "https://t.example/a", kBlock, kOther},
      {"||t.example^$document", "https://t.example/a", kBlock, kMainFrame},
      {"||t.example^$document", "https://t.example/a", kNone, kSubFrame},
      {"||t.example^$popup", "https://t.example/a", kBlock, kPopup},
      {"||t.example^$popup", "https://t.example/a", kNone, kScript},
      {"||t.example^", "https://t.example/a", kNone, kPopup},  // popups need $popup
      {"||t.example^", "https://t.example/a", kBlock, kMainFrame},
      {"||t.example^$~script", "https://t.example/a", kNone, kScript},
      {"||t.example^$~script", "https://t.example/a", kBlock, kImage},
      {"||t.example^$~script,~image", "https://t.example/a", kNone, kImage},
      {"||t.example^$~script,~image", "https://t.example/a", kBlock, kFont},
      {"||t.example^$all", "https://t.example/a", kBlock, kPopup},
      {"/t.gif$image", "https://a.example/t.gif", kBlock, kImage},
      {"/t.gif$image", "https://a.example/t.gif", kNone, kScript},
  };
  Run(kCases, std::size(kCases));
}

TEST_CASE("Engine: domain=, to=, denyallow=, method=", "[filter][engine]") {
  const Case kCases[] = {
      {"||t.example^$domain=shop.example", "https://t.example/a.js", kBlock},
      {"||t.example^$domain=shop.example", "https://t.example/a.js", kBlock, RequestType::kScript, "https://www.shop.example/"},
      {"||t.example^$domain=shop.example", "https://t.example/a.js", kNone, RequestType::kScript, "https://other.example/"},
      {"||t.example^$domain=~shop.example", "https://t.example/a.js", kNone},
      {"||t.example^$domain=~shop.example", "https://t.example/a.js", kBlock, RequestType::kScript, "https://other.example/"},
      {"||t.example^$domain=example|~shop.example", "https://t.example/a.js", kNone},
      {"||t.example^$domain=a.example|shop.example", "https://t.example/a.js", kBlock},
      {"||t.example^$from=shop.example", "https://t.example/a.js", kBlock},
      // Entity: name under any public suffix.
      {"||t.example^$domain=shop.*", "https://t.example/a.js", kBlock, RequestType::kScript, "https://www.shop.co.uk/"},
      {"||t.example^$domain=shop.*", "https://t.example/a.js", kNone, RequestType::kScript, "https://www.other.co.uk/"},
      {"||t.example^$domain=~shop.*", "https://t.example/a.js", kNone, RequestType::kScript, "https://shop.de/"},
      // Without a source document a positive domain= cannot apply.
      {"||t.example^$domain=shop.example", "https://t.example/a.js", kNone, RequestType::kScript, ""},
      {"||t.example^$domain=~shop.example", "https://t.example/a.js", kBlock, RequestType::kScript, ""},
      // to= constrains the request host; denyallow= exempts hosts.
      {"*$script,to=t.example", "https://cdn.t.example/a.js", kBlock},
      {"*$script,to=t.example|~cdn.t.example", "https://cdn.t.example/a.js", kNone},
      {"*$script,to=t.example", "https://u.example/a.js", kNone},
      {"*$script,3p,denyallow=cdn.example", "https://x.cdn.example/a.js", kNone},
      {"*$script,3p,denyallow=cdn.example", "https://other.example/a.js", kBlock},
  };
  Run(kCases, std::size(kCases));
  const std::string_view post = "||t.example/collect$method=post";
  CHECK(Decide(post, "https://t.example/collect", kPage, RequestType::kXhr, "POST") == kBlock);
  CHECK(Decide(post, "https://t.example/collect", kPage, RequestType::kXhr, "GET") == kNone);
  CHECK(Decide("||t.example^$method=~get", "https://t.example/c", kPage, RequestType::kXhr, "post") == kBlock);
  CHECK(Decide("||t.example^$method=~get", "https://t.example/c", kPage, RequestType::kXhr, "GET") == kNone);
}

TEST_CASE("Engine: exceptions, important and badfilter", "[filter][engine]") {
  const Case kCases[] = {
      {"||t.example^\n@@||t.example/ok.js", "https://t.example/ok.js", kAllow},
      {"||t.example^\n@@||t.example/ok.js", "https://t.example/bad.js", kBlock},
      {"||t.example^\n@@||t.example^", "https://t.example/x.js", kAllow},
      {"||t.example^\n@@||t.example^$image", "https://t.example/x.js", kBlock},
      {"||t.example^\n@@||t.example^$image", "https://t.example/x.gif", kAllow, RequestType::kImage},
      {"||t.example^\n@@||t.example^$domain=shop.example", "https://t.example/x.js", kAllow},
      {"||t.example^\n@@||t.example^$domain=other.example", "https://t.example/x.js", kBlock},
      {"/ads/*\n@@/ads/ok/*", "https://a.example/ads/ok/1.js", kAllow},
      // An exception alone blocks nothing.
      {"@@||t.example^", "https://t.example/x.js", kNone},
      // important beats exceptions.
      {"||t.example^$important\n@@||t.example^", "https://t.example/x.js", kBlock},
      {"||t.example/x.js$important\n@@||t.example^", "https://t.example/y.js", kNone},
      // badfilter cancels exactly its target, whatever the option order.
      {"||t.example^\n||t.example^$badfilter", "https://t.example/x.js", kNone},
      {"||t.example^$script,3p\n||t.example^$3p,script,badfilter", "https://t.example/x.js", kNone},
      {"||t.example^$script\n||t.example^$image,badfilter", "https://t.example/x.js", kBlock},
      {"||t.example^$important\n||t.example^$important,badfilter\n@@||t.example^\n||t.example^", "https://t.example/x.js", kAllow},
      {"@@||t.example^\n@@||t.example^$badfilter\n||t.example^", "https://t.example/x.js", kBlock},
      // Modifiers: redirect blocks (the resource is reported, not served); the others do not.
      {"||t.example/x.js$script,redirect=noop.js", "https://t.example/x.js", kBlock},
      {"||t.example/x.js$redirect-rule=noop.js", "https://t.example/x.js", kNone},
      {"||t.example^$removeparam=utm_source", "https://t.example/?utm_source=1", kNone},
      {"||t.example^$csp=script-src 'none'", "https://t.example/", kNone, RequestType::kMainFrame},
  };
  Run(kCases, std::size(kCases));
}

TEST_CASE("Engine: preprocessor directives as uBlock Origin on Chromium", "[filter][engine]") {
  const std::string_view list =
      "!#if ext_ublock\n||a.example^\n!#else\n||b.example^\n!#endif\n"
      "!#if env_firefox\n||c.example^\n!#endif\n"
      "!#if !env_safari && (env_chromium || env_firefox)\n||d.example^\n!#endif\n";
  Engine e = BuildOne(list);
  auto decide = [&](std::string_view url) { return e.Match({url, kPage, RequestType::kScript}).decision; };
  CHECK(decide("https://a.example/") == kBlock);
  CHECK(decide("https://b.example/") == kNone);
  CHECK(decide("https://c.example/") == kNone);
  CHECK(decide("https://d.example/") == kBlock);
}

TEST_CASE("Engine: evidence names the rule, its list and line", "[filter][engine]") {
  ListSource lists[] = {{"one.txt", "! header\n||plain.example^\n||opt.example^$script,3p\n"},
                        {"two.txt", "@@||opt.example/ok.js\n@@||plain.example^\n"}};
  BuildOutput out = Engine::Build(lists);
  const Engine& e = out.engine;
  MatchResult m = e.Match({"https://cdn.plain.example/x.js", kPage, RequestType::kScript});
  REQUIRE(m.decision == kAllow);
  FilterEvidence block = e.Describe(m.filter);
  CHECK(block.list == "one.txt");
  CHECK(block.line == 2);
  CHECK(block.text == "||plain.example^");
  FilterEvidence allow = e.Describe(m.exception);
  CHECK(allow.list == "two.txt");
  CHECK(allow.line == 2);
  CHECK(allow.text == "@@||plain.example^");

  MatchResult o = e.Match({"https://opt.example/ok.js", kPage, RequestType::kScript});
  REQUIRE(o.decision == kAllow);
  CHECK(e.Describe(o.filter).text == "||opt.example^$script,3p");
  CHECK(e.Describe(o.filter).line == 3);
  CHECK(e.Describe(o.exception).text == "@@||opt.example/ok.js");

  MatchResult r = BuildOne("||t.example/x.js$redirect=noop.js").Match({"https://t.example/x.js", kPage, RequestType::kScript});
  CHECK(r.redirect == "noop.js");
  MatchResult i = BuildOne("||t.example^$important").Match({"https://t.example/x.js", kPage, RequestType::kScript});
  CHECK(i.important);
}

TEST_CASE("Engine: a broken line is skipped with a diagnostic, the rest loads", "[filter][engine]") {
  ListSource list{"l.txt", "||a.example^\n||b.example^$frobnicate\n/(?=x)/\n||c.example^\n"};
  BuildOutput out = Engine::Build({&list, 1});
  REQUIRE(out.diagnostics.size() == 2);
  CHECK(out.diagnostics[0].line == 2);
  CHECK(out.diagnostics[0].reason.find("frobnicate") != std::string::npos);
  CHECK(out.diagnostics[1].line == 3);
  CHECK(out.diagnostics[1].reason.find("lookaround") != std::string::npos);
  CHECK(out.stats[0].unsupported == 2);
  CHECK(out.stats[0].network == 2);
  CHECK(out.engine.Match({"https://c.example/", kPage, RequestType::kScript}).decision == kBlock);
}

TEST_CASE("Engine: serialisation round trip and corruption detection", "[filter][engine]") {
  Engine e = BuildOne("||a.example^\n/ads/*$image\n@@||a.example/ok^\n||b.example^$important,domain=shop.*\n");
  std::vector<uint8_t> bytes(e.bytes().begin(), e.bytes().end());
  Result<Engine> loaded = Engine::Load(bytes);
  REQUIRE(loaded.ok());
  CHECK(std::vector<uint8_t>(loaded.value().bytes().begin(), loaded.value().bytes().end()) == bytes);
  CHECK(loaded.value().Match({"https://a.example/ok", kPage, RequestType::kScript}).decision == kAllow);
  CHECK(loaded.value().Match({"https://x.example/ads/1.gif", kPage, RequestType::kImage}).decision == kBlock);

  struct Corruption {
    std::string_view what;
    std::vector<uint8_t> data;
    std::string_view message;
  };
  std::vector<uint8_t> flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x40;
  std::vector<uint8_t> version = bytes;
  version[8] = 99;
  std::vector<uint8_t> magic = bytes;
  magic[0] = 'X';
  const Corruption kCorruptions[] = {
      {"empty", {}, "too small"},
      {"truncated", std::vector<uint8_t>(bytes.begin(), bytes.end() - 8), "truncated"},
      {"bit flip", flipped, "checksum"},
      {"other version", version, "format version 99"},
      {"bad magic", magic, "bad magic"},
  };
  for (const Corruption& c : kCorruptions) {
    CAPTURE(c.what);
    Result<Engine> r = Engine::Load(c.data);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find(c.message) != std::string::npos);
  }
}

}  // namespace
}  // namespace trackscope::filter
