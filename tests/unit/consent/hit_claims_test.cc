// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Consent claimed in hits: Consent Mode gcs / gcd, and IAB parameters.
#include "consent/hit_claims.h"

#include <catch2/catch_test_macros.hpp>
#include <optional>
#include <string>

namespace trackscope {
namespace {

std::vector<ConsentClaim> Claims(std::string_view query, bool google = true) {
  return ConsentClaimsIn(ParseParams("/g/collect", query, ""), google);
}

TEST_CASE("Consent Mode gcs and gcd decode to the signals in force", "[consent][claims]") {
  struct Case {
    std::string_view query, summary;
    std::optional<bool> given;
  };
  const Case kCases[] = {
      {"gcs=G100", "ad_storage denied, analytics_storage denied", false},
      {"gcs=G101", "ad_storage denied, analytics_storage granted", true},
      {"gcs=G110", "ad_storage granted, analytics_storage denied", true},
      {"gcs=G111", "ad_storage granted, analytics_storage granted", true},
      {"gcs=G1--", "no signal set", std::nullopt},
      // Seen on real sites: all four denied by default, then granted by the banner's answer.
      {"gcd=13r3r3r2r5l1", "ad_storage granted (denied by default, granted after update), analytics_storage granted "
                           "(denied by default, granted after update), ad_user_data granted (denied by default, granted "
                           "after update), ad_personalization granted (denied by default, granted after update)", true},
      {"gcd=13p3pPp2p5l1", "ad_storage denied (denied by default), analytics_storage denied (denied by default), "
                           "ad_user_data denied (denied by default), ad_personalization denied (denied by default)", false},
      {"gcd=11t1t1t1t5", "ad_storage granted (granted by default), analytics_storage granted (granted by default), "
                         "ad_user_data granted (granted by default), ad_personalization granted (granted by default)", true},
      {"gcd=13q3u3l2m5", "ad_storage denied (denied by default and after update), analytics_storage denied (granted by "
                         "default, denied after update), ad_user_data not set, ad_personalization denied (denied by update)", false},
      {"gcd=11l1l1l1l5", "ad_storage not set, analytics_storage not set, ad_user_data not set, ad_personalization not set",
       std::nullopt},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.query);
    const std::vector<ConsentClaim> claims = Claims(c.query);
    REQUIRE(claims.size() == 1);
    CHECK(claims[0].valid);
    CHECK(claims[0].summary == c.summary);
    CHECK(claims[0].consent_given == c.given);
  }
}

TEST_CASE("Consent claims that do not decode say why and claim nothing", "[consent][claims]") {
  const std::string_view kBad[] = {"gcs=G2", "gcs=G1x1", "gcs=111", "gcs=G11111", "gcd=13x3p3p2p5", "gcd=13p3p", "gcd=12345",
                                   "us_privacy=garbage", "gdpr_consent=not-a-tc-string", "gpp=%%%"};
  for (std::string_view q : kBad) {
    CAPTURE(q);
    const std::vector<ConsentClaim> claims = Claims(q);
    REQUIRE(claims.size() == 1);
    CHECK_FALSE(claims[0].valid);
    CHECK_FALSE(claims[0].summary.empty());
    CHECK(claims[0].fields.empty());
    CHECK_FALSE(claims[0].consent_given);
  }
}

TEST_CASE("Google's parameters only on Google's endpoints; IAB parameters anywhere, once each", "[consent][claims]") {
  CHECK(Claims("gcs=G111&gcd=13t3t3t2t5", false).empty());
  const std::vector<ConsentClaim> iab =
      Claims("gdpr=1&gdpr_consent=CQdaBhyQdaBhyAKACBENCWEgAP_AAEPAAAYgF5wAoAAgAEAvMAAAAAAA&us_privacy=1YNN&gcs=G100&gcs=G111", false);
  REQUIRE(iab.size() == 2);
  CHECK(iab[0].param == "gdpr_consent");
  CHECK(iab[0].consent_given == true);
  CHECK(iab[0].summary.rfind("gdpr=1; CMP 10", 0) == 0);
  CHECK(iab[1].param == "us_privacy");
  CHECK(iab[1].valid);
  const std::vector<ConsentClaim> twice = Claims("gcs=G100&gcs=G111");
  REQUIRE(twice.size() == 1);
  CHECK(twice[0].value == "G100");  // the first one said
  const std::vector<ConsentClaim> rejected = Claims("gdpr_consent=CQdaBhyQdaBhyAKACBENCWEgAAAAAEPAAAYgAAAAAAAA");
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].consent_given == false);
}

}  // namespace
}  // namespace trackscope
