// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Host canonicalisation, following the WHATWG URL Standard's host parser (section 3.5) for the
// inputs browsers hand us: ASCII or punycode (`xn--`) domains, IPv4 and IPv6 literals.
//
//   input                    canonical            kind
//   "Shop.Example."          "shop.example"       kDomain   (lower case, one trailing dot dropped)
//   "0x7F.1"                 "127.0.0.1"          kIpv4     (WHATWG IPv4 number forms)
//   "[0:0::1]"               "[::1]"              kIpv6     (RFC 5952 compressed, bracketed)
//   "b\xC3\xBCcher.de"       error                          (non-ASCII: pass punycode instead)
//   "a b.example"            error                          (forbidden code point)
#ifndef TRACKSCOPE_URL_HOST_H_
#define TRACKSCOPE_URL_HOST_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "trackscope/base/result.h"

namespace trackscope {

enum class HostKind : uint8_t { kDomain, kIpv4, kIpv6 };

struct Host {
  std::string text;  // canonical form; IPv6 keeps its brackets
  HostKind kind = HostKind::kDomain;
};

// Canonicalises `input` (a URL's host component, IPv6 with brackets). Errors have an empty path
// and a message naming the offending character or form.
Result<Host> CanonicalizeHost(std::string_view input);

// True if `host` (canonical) is an IPv4 or bracketed IPv6 literal. Cheap: looks at the form only.
bool IsIpLiteral(std::string_view host);

// RFC 6265bis 5.1.3 domain-match for host names (canonical, lower case): `host` is `domain` or
// ends with "." + `domain`.
//   host                 domain          matches
//   "shop.example"       "shop.example"  yes
//   "cdn.shop.example"   "shop.example"  yes
//   "badshop.example"    "shop.example"  no
//   "shop.example"       "example.org"   no
bool DomainMatches(std::string_view host, std::string_view domain);

}  // namespace trackscope

#endif  // TRACKSCOPE_URL_HOST_H_
