// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/classify/cookie_classifier.h"

#include <catch2/catch_test_macros.hpp>
#include <string>
#include <string_view>

#include "trackscope/classify/cookie_catalog.h"
#include "trackscope/classify/cookie_value.h"

namespace trackscope {
namespace {

using enum Purpose;

TEST_CASE("Catalog: exact, prefix, regex, domain scope and precedence", "[classify][catalog]") {
  struct Case {
    std::string_view name, domain;
    Purpose purpose;
    CatalogMatch match;
    bool curated;
  };
  const Case kCases[] = {
      {"_ga", "shop.example", kAnalytics, CatalogMatch::kExact, true},
      {"_ga_X1Y2Z3", "shop.example", kAnalytics, CatalogMatch::kPrefix, true},
      {"_hjSessionUser_123456", "shop.example", kAnalytics, CatalogMatch::kPrefix, true},  // OCD: necessary
      {"IDE", "doubleclick.net", kAdvertising, CatalogMatch::kExact, true},
      {"PHPSESSID", "shop.example", kNecessary, CatalogMatch::kExact, true},
      {"OptanonConsent", "shop.example", kNecessary, CatalogMatch::kPrefix, true},
      // Scoped whole-domain rule: any cookie set on adnxs.com.
      {"anything_at_all", "ib.adnxs.com", kAdvertising, CatalogMatch::kRegex, true},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.name, c.domain);
    std::optional<CatalogHit> hit = LookupCookie(c.name, c.domain);
    REQUIRE(hit.has_value());
    CHECK(hit->purpose == c.purpose);
    CHECK(hit->match == c.match);
    CHECK(hit->curated == c.curated);
  }
  // A name OCD only knows on one domain ("uid" on adform.net) is not applied elsewhere.
  CHECK_FALSE(LookupCookie("uid", "shop.example").has_value());
  CHECK_FALSE(LookupCookie("IDE", "shop.example").has_value());
  CHECK_FALSE(LookupCookie("anything_at_all", "shop.example").has_value());
  CHECK_FALSE(LookupCookie("", "shop.example").has_value());
  CHECK(CookieCatalogSource().find("Open Cookie Database") != std::string_view::npos);
}

TEST_CASE("Value shapes and identifier bits", "[classify][value]") {
  struct Case {
    std::string_view value;
    ValueShape shape;
    bool identifier;  // >= 64 bits
    bool timestamp;
  };
  const Case kCases[] = {
      {"", ValueShape::kEmpty, false, false},
      {"true", ValueShape::kFlag, false, false},
      {"1", ValueShape::kFlag, false, false},
      {"en", ValueShape::kWord, false, false},
      {"1795932566", ValueShape::kTimestamp, false, true},
      {"1795932566161", ValueShape::kTimestamp, false, true},
      {"6f1c9a42-8b1e-4c55-9d2a-1f0e3b6c7d8e", ValueShape::kUuid, true, false},
      {"9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e", ValueShape::kHex, true, false},
      {"GA1.2.1234567890.1795932566", ValueShape::kGaClient, false, true},
      {"fb.1.1795932566161.1234567890", ValueShape::kGaClient, false, true},
      {"%7B%22a%22%3A1%2C%22b%22%3A2%7D", ValueShape::kStructured, false, false},
      {"dGhpcyBpcyBhIHRlc3QgdmFsdWUgMTIz", ValueShape::kBase64, true, false},
      {"mt.sgl7up7n5z.1795932566161", ValueShape::kOther, true, true},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.value);
    ValueInfo v = AnalyzeValue(c.value);
    CHECK(v.shape == c.shape);
    if (c.shape != ValueShape::kGaClient) CHECK((v.identifier_bits >= 64) == c.identifier);
    CHECK(v.has_timestamp == c.timestamp);
  }
  CHECK(AnalyzeValue("fb.1.1795932566161.1234567890").identifier_bits >= 60);
}

TEST_CASE("NameWords splits names into words", "[classify]") {
  CHECK(NameWords("OptanonAlertBoxClosed") == std::vector<std::string>{"optanon", "alert", "box", "closed"});
  CHECK(NameWords("_hjSessionUser_123") == std::vector<std::string>{"hj", "session", "user", "123"});
  CHECK(NameWords("XSRF-TOKEN") == std::vector<std::string>{"xsrf", "token"});
  CHECK(NameWords("HTMLPage2Lang") == std::vector<std::string>{"html", "page", "2", "lang"});
  CHECK(NameWords("").empty());
}

CookieFacts Facts(std::string_view name, std::string_view domain, Party party, bool session = true,
                  std::optional<double> days = std::nullopt, std::string_view value = "") {
  CookieFacts f;
  f.name = name;
  f.domain = domain;
  f.party = party;
  f.session = session;
  f.lifetime_days = days;
  f.value = value;
  return f;
}

TEST_CASE("Each heuristic, when no catalog entry knows the name", "[classify][heuristic]") {
  struct Case {
    CookieFacts facts;
    Purpose purpose;
    std::string_view evidence_part;
  };
  const Case kCases[] = {
      {Facts("zqSessKey", "shop.example", Party::kFirst), kNecessary, "a session"},
      {Facts("zqCsrfGuard", "shop.example", Party::kFirst), kNecessary, "CSRF"},
      {Facts("site_lb_node", "shop.example", Party::kFirst), kNecessary, "load balancing"},
      {Facts("privacyConsentState", "shop.example", Party::kFirst, false, 365), kNecessary, "consent"},
      {Facts("zqLocaleV2", "shop.example", Party::kFirst, false, 365, "en"), kFunctional, "language"},
      {Facts("zqCurrencyV2", "shop.example", Party::kFirst, false, 30, "EUR"), kFunctional, "currency"},
      {Facts("ab_bucket", "shop.example", Party::kFirst, false, 30, "B"), kAnalytics, "A/B"},
      {Facts("_mt_stats", "shop.example", Party::kFirst, false, 400), kAnalytics, "statistics"},
      {Facts("adnet_retarget", "shop.example", Party::kFirst, false, 90), kAdvertising, "retargeting"},
      // No name signal: party, lifetime and value decide.
      {Facts("zq", "adnet.example", Party::kThird, false, 90, "9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e"), kAdvertising,
       "random identifier (128 bits)"},
      {Facts("zq", "shop.example", Party::kFirst, false, 730, "6f1c9a42-8b1e-4c55-9d2a-1f0e3b6c7d8e"), kAnalytics,
       "visitor counting"},
      {Facts("zq", "shop.example", Party::kFirst), kNecessary, "short-lived"},
      {Facts("zq", "shop.example", Party::kFirst, false, 30, "dark"), kFunctional, "short setting"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.facts.name, c.facts.domain);
    REQUIRE_FALSE(LookupCookie(c.facts.name, c.facts.domain).has_value());  // the heuristics decide
    CookieVerdict v = ClassifyCookie(c.facts);
    CHECK(v.purpose == c.purpose);
    REQUIRE_FALSE(v.evidence.empty());
    CHECK(v.evidence[0].kind == EvidenceKind::kHeuristic);
    CHECK(v.evidence[0].text.find(c.evidence_part) != std::string::npos);
    CHECK(v.confidence > 0);
    CHECK(v.confidence < 0.8);
  }
  // A third-party cookie without identifier or lifetime says little either way.
  CookieVerdict weak = ClassifyCookie(Facts("zq", "adnet.example", Party::kThird, true, std::nullopt, "1"));
  CHECK(weak.confidence < 0.3);
}

TEST_CASE("Precedence: catalog over attribution over heuristics, all evidence kept", "[classify]") {
  // The catalog says analytics; the domain's vendor (Facebook) says social.
  CookieFacts f = Facts("_ga", "connect.facebook.net", Party::kThird, false, 730, "GA1.2.1234567890.1795932566");
  CookieVerdict v = ClassifyCookie(f);
  CHECK(v.purpose == kAnalytics);
  REQUIRE(v.evidence.size() >= 2);
  CHECK(v.evidence[0].kind == EvidenceKind::kCatalog);
  CHECK(v.evidence[0].text.find("name `_ga` matches catalog entry `_ga`") != std::string::npos);
  CHECK(v.evidence[1].kind == EvidenceKind::kAttribution);
  CHECK(v.evidence[1].purpose == kSocial);
  CHECK(v.confidence >= 0.8);

  // A whole-domain catalog rule reads as such.
  CookieVerdict d = ClassifyCookie(Facts("zz", "ib.adnxs.com", Party::kThird, false, 90, "x"));
  CHECK(d.purpose == kAdvertising);
  CHECK(d.evidence[0].text.starts_with("set on adnxs.com, where the catalog files every cookie under"));

  // No catalog entry: the setter's vendor (a script from a tag manager) decides over heuristics.
  CookieFacts s = Facts("zq_visitor_state", "shop.example", Party::kFirst, false, 400, "x");
  s.set_by = SetterKind::kScript;
  s.setter_host = "www.googletagmanager.com";
  s.setter_vendor = LookupVendor("www.googletagmanager.com");
  CookieVerdict sv = ClassifyCookie(s);
  CHECK(sv.purpose == kAnalytics);
  CHECK(sv.evidence[0].kind == EvidenceKind::kAttribution);
  CHECK(sv.evidence[0].text == "written by a script from www.googletagmanager.com (Google Tag Manager, tag-manager)");

  // A setter on EasyList / EasyPrivacy is evidence too.
  CookieFacts l = Facts("zq", "shop.example", Party::kFirst, false, 400, "x");
  l.set_by = SetterKind::kHttp;
  l.setter_host = "pixel.adnet.example";
  l.setter_filter_list = "easyprivacy.txt";
  CookieVerdict lv = ClassifyCookie(l);
  CHECK(lv.purpose == kAnalytics);
  CHECK(lv.evidence[0].text == "set by a response from pixel.adnet.example, which easyprivacy.txt lists as a tracker");

  // Nothing but a persistent first-party cookie: the weakest prior, analytics.
  CookieFacts bare = Facts("zq", "shop.example", Party::kFirst, false, 100, "");
  CookieVerdict bv = ClassifyCookie(bare);
  CHECK(bv.purpose == kAnalytics);
  CHECK(bv.confidence < 0.2);
  // No name, no domain, nothing: unclassified.
  CHECK(ClassifyCookie(CookieFacts{}).purpose != kAnalytics);
}

}  // namespace
}  // namespace trackscope
