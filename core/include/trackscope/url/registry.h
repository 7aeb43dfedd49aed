// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Public suffixes, registrable domains (eTLD+1) and sites, from the Public Suffix List compiled
// into the library at build time (tools/gen/psl.mjs; provenance in core/data/README.md).
//
// All functions take a *canonical* host (see host.h: lower case, no trailing dot) and return
// views into it, valid as long as the argument's storage is.
//
//   host                      PublicSuffix        RegistrableDomain     SiteOf
//   "www.example.co.uk"       "co.uk"             "example.co.uk"       "example.co.uk"
//   "a.b.kawasaki.jp"         "b.kawasaki.jp"     "a.b.kawasaki.jp"     (wildcard *.kawasaki.jp)
//   "city.kawasaki.jp"        "kawasaki.jp"       "city.kawasaki.jp"    (exception !city.kawasaki.jp)
//   "foo.github.io"           "github.io"         "foo.github.io"       (private section)
//   "pixel.adnet.example"     "example"           "adnet.example"       (implicit rule "*")
//   "co.uk"                   "co.uk"             ""                    "co.uk"
//   "localhost"               "localhost"         ""                    "localhost"
//   "127.0.0.1", "[::1]"      ""                  ""                    the host itself
//
// With PrivateRegistries::kExclude only the ICANN section counts ("foo.github.io" -> "github.io").
#ifndef TRACKSCOPE_URL_REGISTRY_H_
#define TRACKSCOPE_URL_REGISTRY_H_

#include <cstdint>
#include <string_view>

namespace trackscope {

enum class PrivateRegistries : uint8_t { kInclude, kExclude };

// The longest public suffix of `host` (PSL algorithm, exceptions first); empty for IP literals.
std::string_view PublicSuffix(std::string_view host,
                              PrivateRegistries registries = PrivateRegistries::kInclude);

// The public suffix plus one label; empty when `host` is an IP literal or itself a public suffix.
std::string_view RegistrableDomain(std::string_view host,
                                   PrivateRegistries registries = PrivateRegistries::kInclude);

// The registrable domain, or the host itself when it has none. Two hosts are same-site when
// their SiteOf() are equal. Uses the private section too, as browsers do for cookies.
std::string_view SiteOf(std::string_view host);

bool IsSameSite(std::string_view host_a, std::string_view host_b);

enum class Party : uint8_t { kFirst, kThird };

// First party when `host` is same-site with the top-level page's host.
inline Party PartyOf(std::string_view host, std::string_view top_host) {
  return IsSameSite(host, top_host) ? Party::kFirst : Party::kThird;
}

// Metadata of the compiled list, for `version()` and diagnostics.
struct PublicSuffixListInfo {
  uint32_t rules;           // rules compiled (ICANN + private)
  std::string_view source;  // e.g. "publicsuffix 20230209.2326-1"
};
PublicSuffixListInfo GetPublicSuffixListInfo();

}  // namespace trackscope

#endif  // TRACKSCOPE_URL_REGISTRY_H_
