// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// A site's declaration: which vendors, cookies and beacons it says it uses, in which of its
// policy's categories, and its consent model. It is the optional "declaration" of a policy file
// (format: core/data/policies/README.md); the core checks it against what a page did
// (Report::findings). The policy's "signals" hold the declared DNT/GPC stance.
//
//   declared                                  matches
//   cookie "shop_session"                     a cookie named exactly shop_session, any domain
//   cookie "_ga_*"                            _ga_ABC123 ('*' = any run of characters)
//   cookie {"name": "uid", "domain": "adnet.example"}   uid on adnet.example or a subdomain
//   vendor "adnet.example"                    hosts adnet.example, pixel.adnet.example
//   vendor {"name": "Google Analytics"}       whatever third-party-web attributes to that vendor
//   beacon "collect.metrics.example/collect"  https://collect.metrics.example/collect?v=1
#ifndef TRACKSCOPE_POLICY_DECLARATION_H_
#define TRACKSCOPE_POLICY_DECLARATION_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trackscope {

// opt-in: no tracking before consent (GDPR/ePrivacy); opt-out: tracking until the visitor objects.
enum class ConsentModel : uint8_t { kOptIn, kOptOut };
std::string_view ConsentModelName(ConsentModel model);  // "opt-in", "opt-out"

struct DeclaredCookie {
  std::string name;    // may contain '*'
  std::string domain;  // empty = any
  size_t category = 0; // index into the policy's categories
};

struct DeclaredVendor {
  std::string name;                  // empty when declared by domain only
  std::vector<std::string> domains;  // canonical, lower case
  size_t category = 0;
};

struct DeclaredBeacon {
  std::string host;         // the host or a parent domain
  std::string path_prefix;  // "/collect"; empty = any path
  size_t category = 0;
};

struct Declaration {
  ConsentModel consent = ConsentModel::kOptIn;
  std::vector<DeclaredVendor> vendors;
  std::vector<DeclaredCookie> cookies;
  std::vector<DeclaredBeacon> beacons;

  // The first matching entry, or null. `domain`, `host`: canonical. `vendor`: the name
  // third-party-web gives the host's vendor, or empty.
  const DeclaredCookie* FindCookie(std::string_view name, std::string_view domain) const;
  const DeclaredVendor* FindVendor(std::string_view host, std::string_view vendor) const;
  const DeclaredBeacon* FindBeacon(std::string_view host, std::string_view path) const;
};

// '*' matches any run of characters (also none); everything else matches itself.
bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace trackscope

#endif  // TRACKSCOPE_POLICY_DECLARATION_H_
