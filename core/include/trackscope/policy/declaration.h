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
//   cookie {"name": "uid", "lifetime": "90 days"}       and it may live at most about 90 days
//   vendor "adnet.example"                    hosts adnet.example, pixel.adnet.example
//   vendor {"name": "Google Analytics"}       whatever third-party-web attributes to that vendor
//   beacon "collect.metrics.example/collect"  https://collect.metrics.example/collect?v=1
#ifndef TRACKSCOPE_POLICY_DECLARATION_H_
#define TRACKSCOPE_POLICY_DECLARATION_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
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
  // The declared lifetime in days: 0 = a session cookie, kPersistentLifetime = persistent with no
  // length stated, nullopt = not declared (ParseLifetime).
  std::optional<double> lifetime_days;
};

// A persistent lifetime whose length is not stated.
inline constexpr double kPersistentLifetime = std::numeric_limits<double>::infinity();

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
  // Where the declaration comes from, in words, when it was converted ("Cookiebot declaration
  // https://consent.cookiebot.com/…/cc.js"); empty for one written by hand.
  std::string source;
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

// A lifetime as cookie declarations write it, in days; nullopt when the text is not one. Case and
// surrounding space do not matter; units in English, German, French, Spanish, Italian and Dutch.
//   text                       days            text                  days
//   "session", "Sitzung"       0               "1 year", "2 Jahre"   365.25, 730.5
//   "persistent"               infinity        "13 months"           395.7
//   "90 days", "90 jours"      90              "30 minutes"          0.0208
//   "400"                      nullopt (no unit)   "pending"         nullopt
//   "99999999999 years"        infinity (beyond any expiry a browser stores: ~27,000 years)
std::optional<double> ParseLifetime(std::string_view text);

// Whether a cookie that lives `observed_days` (nullopt = a session cookie) outlives what was
// declared, beyond the rounding of a declaration ("1 year" covers up to ~13 months): longer than
// the declared length + 10 % + 1 day, or persistent where a session cookie was declared.
bool OutlivesDeclared(std::optional<double> observed_days, double declared_days);

}  // namespace trackscope

#endif  // TRACKSCOPE_POLICY_DECLARATION_H_
