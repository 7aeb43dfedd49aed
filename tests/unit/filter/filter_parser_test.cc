// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include <catch2/catch_test_macros.hpp>
#include <string_view>

#include "trackscope/filter/filter.h"

namespace trackscope::filter {
namespace {

TEST_CASE("ParseFilterLine: line kinds", "[filter][parser]") {
  struct Case {
    std::string_view line;
    LineKind kind;
  };
  const Case kCases[] = {
      {"", LineKind::kEmpty},
      {"   ", LineKind::kEmpty},
      {"! comment", LineKind::kComment},
      {"[Adblock Plus 2.0]", LineKind::kComment},
      {"example.com##.ad", LineKind::kCosmetic},
      {"##.banner", LineKind::kCosmetic},
      {"example.com#@#.ad", LineKind::kCosmetic},
      {"example.com#?#div:has(.ad)", LineKind::kCosmetic},
      {"example.com#$#abort-on-property-read x", LineKind::kCosmetic},
      {"example.com#%#window.x=1", LineKind::kCosmetic},
      {"example.com##+js(set, a, 1)", LineKind::kCosmetic},
      {"example.com$$script[tag-content=\"ad\"]", LineKind::kCosmetic},
      {"@@||example.com^$generichide", LineKind::kCosmetic},
      {"@@||example.com^$elemhide", LineKind::kCosmetic},
      {"@@$generichide,domain=a.example|b.example", LineKind::kCosmetic},
      {"@@||example.com^$generichide,script", LineKind::kCosmetic},
      {"||example.com^", LineKind::kNetwork},
      {"||example.com/#ad", LineKind::kNetwork},
      {"/banner/*/img^", LineKind::kNetwork},
      {"@@||example.com^$script", LineKind::kNetwork},
      {"||example.com^$frobnicate", LineKind::kUnsupported},
      {"||example.com^$header=x-ad", LineKind::kUnsupported},
      {"||example.com^$~script,~image,~stylesheet,~xmlhttprequest,~subdocument,~ping,~media,~font,~websocket,~object,~other,~document,~csp_report",
       LineKind::kUnsupported},
      {"||example.com^$domain=", LineKind::kUnsupported},
      {"||example.com^$domain=a..b", LineKind::kUnsupported},
      {"||example.com^$domain=[::1]|~[::2]", LineKind::kNetwork},
      {"||example.com^$denyallow=~a.com", LineKind::kUnsupported},
      {"||example.com^$generichide", LineKind::kUnsupported},
      {"||$script", LineKind::kUnsupported},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.line);
    ParsedLine p = ParseFilterLine(c.line);
    CHECK(p.kind == c.kind);
    if (p.kind == LineKind::kUnsupported) CHECK_FALSE(p.reason.empty());
  }
}

TEST_CASE("ParseFilterLine: anchors and pattern normalisation", "[filter][parser]") {
  struct Case {
    std::string_view line, pattern;
    LeftAnchor left;
    bool right, regex, exception;
  };
  const Case kCases[] = {
      {"||Ads.Example.com^", "ads.example.com^", LeftAnchor::kHostname, false, false, false},
      {"|https://ads.", "https://ads.", LeftAnchor::kStart, false, false, false},
      {".gif|", ".gif", LeftAnchor::kNone, true, false, false},
      {"|https://a.example/x.js|", "https://a.example/x.js", LeftAnchor::kStart, true, false, false},
      {"*ads*", "ads", LeftAnchor::kNone, false, false, false},
      {"|*ads", "ads", LeftAnchor::kNone, false, false, false},
      {"ads**banner", "ads*banner", LeftAnchor::kNone, false, false, false},
      {"@@||good.example^", "good.example^", LeftAnchor::kHostname, false, false, true},
      {"/ads[0-9]+\\.js$/", "ads[0-9]+\\.js$", LeftAnchor::kNone, false, true, false},
      {"/ads$/$script", "ads$", LeftAnchor::kNone, false, true, false},
      {"/Track/*$match-case", "/Track/", LeftAnchor::kNone, false, false, false},
      {"/Track/$match-case", "Track", LeftAnchor::kNone, false, true, false},
      {"$script,domain=example.com", "", LeftAnchor::kNone, false, false, false},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.line);
    ParsedLine p = ParseFilterLine(c.line);
    REQUIRE(p.kind == LineKind::kNetwork);
    CHECK(p.filter.pattern == c.pattern);
    CHECK(p.filter.left == c.left);
    CHECK(p.filter.right_anchor == c.right);
    CHECK(p.filter.regex == c.regex);
    CHECK(p.filter.exception == c.exception);
  }
}

TEST_CASE("ParseFilterLine: options", "[filter][parser]") {
  auto parse = [](std::string_view line) {
    ParsedLine p = ParseFilterLine(line);
    REQUIRE(p.kind == LineKind::kNetwork);
    return p.filter;
  };
  using enum FilterType;
  CHECK(parse("||a.example^$third-party").party == PartyConstraint::kThird);
  CHECK(parse("||a.example^$3p").party == PartyConstraint::kThird);
  CHECK(parse("||a.example^$~third-party").party == PartyConstraint::kFirst);
  CHECK(parse("||a.example^$first-party").party == PartyConstraint::kFirst);
  CHECK(parse("||a.example^$1p").party == PartyConstraint::kFirst);
  CHECK(parse("||a.example^$~first-party").party == PartyConstraint::kThird);
  CHECK(parse("||a.example^$~1p").party == PartyConstraint::kThird);
  CHECK(parse("||a.example^$strict3p").party == PartyConstraint::kStrictThird);
  CHECK(parse("||a.example^").types == kDefaultTypes);
  CHECK(parse("||a.example^$script").types == TypeBit(kScript));
  CHECK(parse("||a.example^$script,image").types == (TypeBit(kScript) | TypeBit(kImage)));
  CHECK(parse("||a.example^$xhr").types == TypeBit(kXhr));
  CHECK(parse("||a.example^$xmlhttprequest").types == TypeBit(kXhr));
  CHECK(parse("||a.example^$css").types == TypeBit(kStylesheet));
  CHECK(parse("||a.example^$subdocument").types == TypeBit(kSubFrame));
  CHECK(parse("||a.example^$frame").types == TypeBit(kSubFrame));
  CHECK(parse("||a.example^$ping").types == TypeBit(kPing));
  CHECK(parse("||a.example^$beacon").types == TypeBit(kPing));
  CHECK(parse("||a.example^$media,font,websocket,object,other").types ==
        (TypeBit(kMedia) | TypeBit(kFont) | TypeBit(kWebSocket) | TypeBit(kObject) | TypeBit(kOther)));
  CHECK(parse("||a.example^$document").types == TypeBit(kMainFrame));
  CHECK(parse("||a.example^$popup").types == TypeBit(kPopup));
  CHECK(parse("||a.example^$all").types == kAllTypes);
  CHECK(parse("||a.example^$~script").types == (kDefaultTypes & ~TypeBit(kScript)));
  CHECK(parse("||a.example^$~script,~image").types == (kDefaultTypes & ~TypeBit(kScript) & ~TypeBit(kImage)));
  CHECK(parse("||a.example^$script,image,~image").types == TypeBit(kScript));

  NetworkFilter d = parse("||a.example^$domain=b.example|~c.b.example|shop.*");
  REQUIRE(d.from.size() == 3);
  CHECK(d.from[0] == DomainEntry{"b.example", false, false});
  CHECK(d.from[1] == DomainEntry{"c.b.example", true, false});
  CHECK(d.from[2] == DomainEntry{"shop", false, true});
  CHECK(parse("||a.example^$from=B.example").from == std::vector<DomainEntry>{{"b.example", false, false}});
  CHECK(parse("||a.example^$to=x.example|~y.x.example").to.size() == 2);
  CHECK(parse("*$script,denyallow=x.example|y.example").denyallow.size() == 2);
  CHECK(parse("||a.example^$match-case").match_case);
  CHECK(parse("||a.example^$important").important);
  CHECK(parse("||a.example^$badfilter").badfilter);
  NetworkFilter m = parse("||a.example^$method=post|put");
  CHECK(m.methods == ((1 << static_cast<int>(Method::kPost)) | (1 << static_cast<int>(Method::kPut))));
  CHECK_FALSE(m.methods_negated);
  CHECK(parse("||a.example^$method=~get").methods_negated);

  NetworkFilter r = parse("||a.example/x.js$script,redirect=noop.js");
  CHECK(r.modifier == Modifier::kRedirect);
  CHECK(r.modifier_value == "noop.js");
  CHECK(parse("||a.example^$redirect-rule=noop.js").modifier == Modifier::kRedirectRule);
  CHECK(parse("||a.example^$removeparam=utm_source").modifier == Modifier::kRemoveParam);
  CHECK(parse("||a.example^$removeparam=/^(utm|fb),x/").modifier_value == "/^(utm|fb),x/");
  CHECK(parse("||a.example^$csp=script-src 'none'").modifier == Modifier::kCsp);
  CHECK(parse("||a.example^$rewrite=abp-resource:blank-js").modifier == Modifier::kRewrite);
  CHECK(parse("||a.example^$empty").modifier == Modifier::kRedirect);
}

TEST_CASE("ParseFilterLine: badfilter keys pair a filter with its cancellation", "[filter][parser]") {
  CHECK(ParseFilterLine("||a.example^$script,third-party").badfilter_key ==
        ParseFilterLine("||a.example^$third-party,badfilter,script").badfilter_key);
  CHECK(ParseFilterLine("||a.example^$script").badfilter_key != ParseFilterLine("||a.example^$image,badfilter").badfilter_key);
  CHECK(ParseFilterLine("@@||a.example^").badfilter_key != ParseFilterLine("||a.example^$badfilter").badfilter_key);
}

TEST_CASE("IsPlainHostFilter", "[filter][parser]") {
  CHECK(ParseFilterLine("||ads.example.com^").filter.IsPlainHostFilter());
  CHECK(ParseFilterLine("@@||ads.example.com^").filter.IsPlainHostFilter());
  CHECK_FALSE(ParseFilterLine("||ads.example.com").filter.IsPlainHostFilter());
  CHECK_FALSE(ParseFilterLine("||ads.example.com^$script").filter.IsPlainHostFilter());
  CHECK_FALSE(ParseFilterLine("||ads.example.com/x^").filter.IsPlainHostFilter());
  CHECK_FALSE(ParseFilterLine("||ads.example.com^$important").filter.IsPlainHostFilter());
  CHECK_FALSE(ParseFilterLine("|ads.example.com^").filter.IsPlainHostFilter());
}

}  // namespace
}  // namespace trackscope::filter
