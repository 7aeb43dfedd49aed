// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/policy/policy.h"

#include <catch2/catch_test_macros.hpp>
#include <string>
#include <string_view>

namespace trackscope {
namespace {

using enum Purpose;
using enum ItemKind;

TEST_CASE("The three bundled policies parse and cover everything", "[policy]") {
  REQUIRE(BundledPolicies().size() == 3);
  for (const BundledPolicy& b : BundledPolicies()) {
    CAPTURE(b.id);
    Result<Policy> p = Policy::Parse(b.json);
    REQUIRE(p.ok());
    CHECK(p.value().id() == b.id);
    CHECK(FindBundledPolicy(b.id) != nullptr);
  }
  CHECK(DefaultPolicy().id() == "default");
  CHECK(FindBundledPolicy("nope") == nullptr);
}

TEST_CASE("Policies map purpose x party x kind onto their categories", "[policy]") {
  struct Case {
    std::string_view policy;
    ItemKind kind;
    Purpose purpose;
    Party party;
    std::string_view category;
  };
  const Case kCases[] = {
      // The 2014 SaaS policy: first-party analytics is Functional, third-party is Marketing.
      {"default", kCookie, kNecessary, Party::kFirst, "essential"},
      {"default", kCookie, kFunctional, Party::kThird, "functional"},
      {"default", kCookie, kAnalytics, Party::kFirst, "functional"},
      {"default", kCookie, kAnalytics, Party::kThird, "marketing"},
      {"default", kCookie, kAdvertising, Party::kThird, "marketing"},
      {"default", kCookie, kSocial, Party::kThird, "marketing"},
      {"default", kCookie, kUnclassified, Party::kFirst, "unclassified"},
      {"default", kBeacon, kAnalytics, Party::kThird, "web-beacons"},
      {"default", kStorage, kAnalytics, Party::kFirst, "functional"},
      // Consent-manager categories.
      {"consent-manager", kCookie, kNecessary, Party::kThird, "necessary"},
      {"consent-manager", kCookie, kFunctional, Party::kFirst, "preferences"},
      {"consent-manager", kCookie, kAnalytics, Party::kFirst, "statistics"},
      {"consent-manager", kCookie, kAdvertising, Party::kFirst, "marketing"},
      {"consent-manager", kBeacon, kAdvertising, Party::kThird, "marketing"},
      {"consent-manager", kCookie, kUnclassified, Party::kThird, "unclassified"},
      // ICC UK.
      {"icc-uk", kCookie, kNecessary, Party::kFirst, "strictly-necessary"},
      {"icc-uk", kCookie, kAnalytics, Party::kThird, "performance"},
      {"icc-uk", kCookie, kFunctional, Party::kFirst, "functionality"},
      {"icc-uk", kCookie, kAdvertising, Party::kThird, "targeting"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.policy, ItemKindName(c.kind), PurposeName(c.purpose), static_cast<int>(c.party));
    const Policy* p = FindBundledPolicy(c.policy);
    REQUIRE(p != nullptr);
    CHECK(p->Categorize({c.kind, c.purpose, c.party, true}).id == c.category);
  }
  CHECK(DefaultPolicy().dnt() == SignalStance::kNotHonoured);
}

TEST_CASE("Rules: first match wins; kind, party and lifetime narrow", "[policy]") {
  Result<Policy> p = Policy::Parse(R"({"format":"trackscope-policy","version":1,"id":"t","name":"T",
    "categories":[{"id":"a","label":"A"},{"id":"b","label":"B"},{"id":"c","label":"C"}],
    "rules":[{"kind":["beacon","storage"],"category":"c"},
             {"purpose":"analytics","lifetime":"session","category":"a"},
             {"party":"third","category":"b"},
             {"category":"a"}],
    "signals":{"dnt":"honoured","gpc":"not-honoured"}})");
  REQUIRE(p.ok());
  const Policy& policy = p.value();
  CHECK(policy.Categorize({kBeacon, kNecessary, Party::kFirst, false}).id == "c");
  CHECK(policy.Categorize({kCookie, kAnalytics, Party::kThird, false}).id == "a");
  CHECK(policy.Categorize({kCookie, kAnalytics, Party::kThird, true}).id == "b");
  CHECK(policy.Categorize({kCookie, kAnalytics, Party::kFirst, true}).id == "a");
  CHECK(policy.dnt() == SignalStance::kHonoured);
  CHECK(policy.gpc() == SignalStance::kNotHonoured);
}

TEST_CASE("A user-supplied policy is validated with clear errors", "[policy]") {
  const std::string head = R"("format":"trackscope-policy","version":1,"id":"x","name":"X",)";
  const std::string cats = R"("categories":[{"id":"all","label":"All"}],)";
  struct Case {
    std::string json;
    std::string_view path, message_part;
  };
  const Case kCases[] = {
      {"{", "$", "malformed JSON"},
      {"[]", "$", "expected a policy object"},
      {R"({"format":"other","version":1})", "$.format", "trackscope-policy"},
      {R"({"format":"trackscope-policy","version":2})", "$.version", "unsupported"},
      {"{" + head + R"("rules":[{"category":"all"}]})", "$.categories", "required"},
      {"{" + head + R"("categories":[],"rules":[]})", "$.categories", "non-empty"},
      {"{" + head + R"("categories":[{"id":"a"}],"rules":[]})", "$.categories[0].label", "required"},
      {"{" + head + R"("categories":[{"id":"A b","label":"x"}],"rules":[]})", "$.categories[0].id", "lower-case"},
      {"{" + head + R"("categories":[{"id":"a","label":"x"},{"id":"a","label":"y"}],"rules":[]})", "$.categories[1].id", "duplicate"},
      {"{" + head + cats + R"("rules":[{"category":"none"}]})", "$.rules[0].category", "no category \"none\""},
      {"{" + head + cats + R"("rules":[{"category":"all","purpose":"fun"}]})", "$.rules[0].purpose", "unknown value \"fun\""},
      {"{" + head + cats + R"("rules":[{"category":"all","kind":["cookie",3]}]})", "$.rules[0].kind[1]", "expected a string"},
      {"{" + head + cats + R"("rules":[{"category":"all","color":"red"}]})", "$.rules[0].color", "unknown field"},
      {"{" + head + cats + R"("rules":[{"category":"all","purpose":"necessary"}]})", "$.rules", "no rule covers"},
      {"{" + head + cats + R"("rules":[{"category":"all"}],"signals":{"dnt":"maybe"}})", "$.signals.dnt", "unknown value"},
      {"{" + head + cats + R"("rules":[{"category":"all"}],"extra":1})", "$.extra", "unknown field"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.json);
    Result<Policy> p = Policy::Parse(c.json);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().path == c.path);
    CHECK(p.error().message.find(c.message_part) != std::string::npos);
  }
}

TEST_CASE("WithDeclaration: a site's declaration merged into a policy, once, with paths in errors", "[policy]") {
  const Policy& base = DefaultPolicy();
  REQUIRE(base.bundled());
  REQUIRE(base.dnt() == SignalStance::kNotHonoured);  // the default policy's own stance
  REQUIRE_FALSE(base.declaration());

  // The declaration alone: the bundled policy's stance is dropped (it is not the site's).
  Result<Policy> bare = base.WithDeclaration(R"({"consent": "opt-in", "categories": {"marketing": {"cookies": ["_fbp"]}}})");
  REQUIRE(bare.ok());
  CHECK(bare.value().declaration());
  CHECK(bare.value().dnt() == SignalStance::kNotStated);
  CHECK_FALSE(bare.value().bundled());
  CHECK(bare.value().categories().size() == base.categories().size());

  // Wrapped with the site's signals: they become the policy's stance.
  Result<Policy> wrapped = base.WithDeclaration(
      R"({"declaration": {"categories": {"essential": {"cookies": ["sid"]}}}, "signals": {"gpc": "honoured"}})");
  REQUIRE(wrapped.ok());
  CHECK(wrapped.value().gpc() == SignalStance::kHonoured);
  CHECK(wrapped.value().dnt() == SignalStance::kNotStated);

  // A site's own policy keeps its signals unless the document says otherwise.
  Result<Policy> own = Policy::Parse(R"({"format": "trackscope-policy", "version": 1, "id": "own", "name": "Own",
      "categories": [{"id": "all", "label": "All"}], "rules": [{"category": "all"}], "signals": {"dnt": "honoured"}})");
  REQUIRE(own.ok());
  Result<Policy> own_declared = own.value().WithDeclaration(R"({"categories": {"all": {"cookies": ["x"]}}})");
  REQUIRE(own_declared.ok());
  CHECK(own_declared.value().dnt() == SignalStance::kHonoured);

  struct Bad {
    std::string_view json, error;
  };
  const Bad kBad[] = {
      {"[1]", "$: expected a declaration object, got an array"},
      {"{", "$: malformed JSON"},
      {R"({"categories": {"ads": {}}})", "$.categories.ads: no category \"ads\" in $.categories"},
      {R"({"declaration": {"categories": {"marketing": {"cookies": [1]}}}})",
       "$.declaration.categories.marketing.cookies[0]: expected a cookie name or {\"name\", \"domain\"}, got a number"},
      {R"({"declaration": {}, "signals": {"gpc": "maybe"}})", "$.signals.gpc"},
      {R"({"declaration": {}, "extra": 1})", "$.extra"},
  };
  for (const Bad& b : kBad) {
    CAPTURE(b.json);
    Result<Policy> r = base.WithDeclaration(b.json);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().ToString().rfind(b.error, 0) == 0);
  }
}

}  // namespace
}  // namespace trackscope
