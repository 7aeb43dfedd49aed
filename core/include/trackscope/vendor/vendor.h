// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Vendor attribution: which company is behind a host, and what kind of service it is. The table
// is compiled at build time from the npm package third-party-web (MIT; provenance in
// core/data/README.md). The most specific listed domain wins.
//
//   host                              vendor                     company   category
//   "www.google-analytics.com"        Google Analytics           Google    analytics
//   "stats.g.doubleclick.net"         Google/Doubleclick Ads     Google    ad
//   "connect.facebook.net"            Facebook                   Facebook  social
//   "shop.example"                    (none)
#ifndef TRACKSCOPE_VENDOR_VENDOR_H_
#define TRACKSCOPE_VENDOR_VENDOR_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace trackscope {

enum class VendorCategory : uint8_t {
  kAd, kAnalytics, kSocial, kTagManager, kConsentProvider, kMarketing, kCustomerSuccess,
  kVideo, kCdn, kHosting, kContent, kUtility, kOther,
};
// third-party-web's names: "ad", "analytics", "social", "tag-manager", "consent-provider", ...
std::string_view VendorCategoryName(VendorCategory category);

struct Vendor {
  uint32_t id = 0;            // stable within one build of the table
  std::string_view name;      // "Google Analytics"
  std::string_view company;   // "Google" (the name when the data gives no company)
  std::string_view homepage;
  VendorCategory category = VendorCategory::kOther;
  std::string_view domain;    // the listed domain that matched: a suffix of the looked-up host
};

// `host` canonical (lower case). Views point into static data, except `domain` (into `host`).
// The vendor behind `host` (canonical), by its most specific listed domain. Listed domains that
// are public suffixes (hosting platforms: *.github.io, *.herokuapp.com, cloudfront.net) do not
// attribute the sites under them: "user.github.io" has no vendor, "github.io" is GitHub.
std::optional<Vendor> LookupVendor(std::string_view host);

// The vendor called `name`, compared without regard to ASCII case ("Hubspot" is HubSpot), or
// nullopt; `domain` is empty. For declarations that name a service but no domain (a Complianz
// cookie policy lists "Google Analytics", not google-analytics.com).
//   LookupVendorNamed("google analytics")->name == "Google Analytics"
std::optional<Vendor> LookupVendorNamed(std::string_view name);

struct VendorDataInfo {
  uint32_t entities;
  uint32_t domains;
  std::string_view source;  // "third-party-web 0.30.0"
};
VendorDataInfo GetVendorDataInfo();

}  // namespace trackscope

#endif  // TRACKSCOPE_VENDOR_VENDOR_H_
