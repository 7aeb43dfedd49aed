// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The table comes from the installed third-party-web; the cases use long-standing entries.
#include "trackscope/vendor/vendor.h"

#include <catch2/catch_test_macros.hpp>
#include <string_view>

namespace trackscope {
namespace {

TEST_CASE("LookupVendor: wildcard and exact domains, most specific wins", "[vendor]") {
  struct Case {
    std::string_view host, name, company;
    VendorCategory category;
    std::string_view domain;
  };
  const Case kCases[] = {
      {"www.google-analytics.com", "Google Analytics", "Google", VendorCategory::kAnalytics, "google-analytics.com"},
      {"google-analytics.com", "Google Analytics", "Google", VendorCategory::kAnalytics, "google-analytics.com"},
      {"stats.g.doubleclick.net", "Google/Doubleclick Ads", "Google", VendorCategory::kAd, "doubleclick.net"},
      {"connect.facebook.net", "Facebook", "Facebook", VendorCategory::kSocial, "facebook.net"},
      {"www.googletagmanager.com", "Google Tag Manager", "Google", VendorCategory::kTagManager, "googletagmanager.com"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.host);
    std::optional<Vendor> v = LookupVendor(c.host);
    REQUIRE(v.has_value());
    CHECK(v->name == c.name);
    CHECK(v->company == c.company);
    CHECK(v->category == c.category);
    CHECK(v->domain == c.domain);
  }
}

TEST_CASE("LookupVendor: unknown hosts and exact-only entries", "[vendor]") {
  CHECK_FALSE(LookupVendor("shop.example").has_value());
  CHECK_FALSE(LookupVendor("").has_value());
  CHECK_FALSE(LookupVendor("com").has_value());
  // adservice.google.com is listed without a wildcard: its subdomains are not covered by it.
  std::optional<Vendor> exact = LookupVendor("adservice.google.com");
  REQUIRE(exact.has_value());
  CHECK(exact->name == "Google/Doubleclick Ads");
  std::optional<Vendor> below = LookupVendor("x.adservice.google.com");
  CHECK((!below.has_value() || below->name != "Google/Doubleclick Ads"));
}

TEST_CASE("LookupVendor: a site under a hosting platform's public suffix is its own", "[vendor]") {
  // third-party-web lists *.github.io (GitHub), *.herokuapp.com (Heroku), *.blogspot.com (Blogger);
  // the Public Suffix List's private section makes each user.github.io a site of its own.
  for (std::string_view host : {"someone.github.io", "www.someone.github.io", "app.herokuapp.com", "x.blogspot.com",
                                "d1a2b3c4.cloudfront.net", "shop.de.com"}) {
    CAPTURE(host);
    CHECK_FALSE(LookupVendor(host).has_value());
  }
  // The platform's own hosts still are the platform's; listed subdomains within a site still count.
  std::optional<Vendor> fonts = LookupVendor("fonts.googleapis.com");
  REQUIRE(fonts.has_value());
  CHECK(fonts->name == "Google Fonts");
}

TEST_CASE("LookupVendorNamed: a vendor by its name, whatever its case", "[vendor]") {
  std::optional<Vendor> ga = LookupVendorNamed("google analytics");
  REQUIRE(ga.has_value());
  CHECK(ga->name == "Google Analytics");
  CHECK(ga->domain.empty());
  CHECK(ga->id == LookupVendor("www.google-analytics.com")->id);
  REQUIRE(LookupVendorNamed("HubSpot").has_value());  // third-party-web writes "Hubspot"
  CHECK(LookupVendorNamed("HubSpot")->name == "Hubspot");
  for (std::string_view name : {"", "Google", "Google Analytics ", "Miscellaneous", "Site"}) {
    CAPTURE(name);
    CHECK_FALSE(LookupVendorNamed(name).has_value());
  }
}

TEST_CASE("Vendor data is a real third-party-web build", "[vendor]") {
  VendorDataInfo info = GetVendorDataInfo();
  CHECK(info.entities > 1000);
  CHECK(info.domains > 1000);
  CHECK(info.source.starts_with("third-party-web "));
  CHECK(VendorCategoryName(VendorCategory::kConsentProvider) == "consent-provider");
}

}  // namespace
}  // namespace trackscope
