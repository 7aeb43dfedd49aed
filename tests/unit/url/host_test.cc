// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/url/host.h"

#include <catch2/catch_test_macros.hpp>
#include <string_view>

namespace trackscope {
namespace {

TEST_CASE("CanonicalizeHost: domains, IPv4 and IPv6 literals", "[url][host]") {
  struct Case {
    std::string_view input, canonical;
    HostKind kind;
  };
  const Case kCases[] = {
      {"shop.example", "shop.example", HostKind::kDomain},
      {"Shop.EXAMPLE", "shop.example", HostKind::kDomain},
      {"shop.example.", "shop.example", HostKind::kDomain},
      {"xn--bcher-kva.de", "xn--bcher-kva.de", HostKind::kDomain},
      {"localhost", "localhost", HostKind::kDomain},
      {"a-b_c.example", "a-b_c.example", HostKind::kDomain},
      {"127.0.0.1", "127.0.0.1", HostKind::kIpv4},
      {"127.0.0.1.", "127.0.0.1", HostKind::kIpv4},
      {"50.90..", "50.0.0.90", HostKind::kIpv4},
      {"shop.example..", "shop.example", HostKind::kDomain},
      {"0x7F.1", "127.0.0.1", HostKind::kIpv4},
      {"0177.0.0.1", "127.0.0.1", HostKind::kIpv4},
      {"2130706433", "127.0.0.1", HostKind::kIpv4},
      {"192.168.257", "192.168.1.1", HostKind::kIpv4},
      {"[::1]", "[::1]", HostKind::kIpv6},
      {"[0:0:0:0:0:0:0:1]", "[::1]", HostKind::kIpv6},
      {"[2001:DB8::0:1]", "[2001:db8::1]", HostKind::kIpv6},
      {"[2001:db8:0:0:1:0:0:1]", "[2001:db8::1:0:0:1]", HostKind::kIpv6},
      {"[1:0:0:2::3]", "[1:0:0:2::3]", HostKind::kIpv6},
      {"[1:0:0:2:0:0:3:4]", "[1::2:0:0:3:4]", HostKind::kIpv6},
      {"[::ffff:192.168.0.1]", "[::ffff:c0a8:1]", HostKind::kIpv6},
      {"[::]", "[::]", HostKind::kIpv6},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.input);
    Result<Host> host = CanonicalizeHost(c.input);
    REQUIRE(host.ok());
    CHECK(host.value().text == c.canonical);
    CHECK(host.value().kind == c.kind);
  }
}

TEST_CASE("CanonicalizeHost: rejects what browsers never send", "[url][host]") {
  struct Case {
    std::string_view input, message_part;
  };
  const Case kCases[] = {
      {"", "empty host"},
      {"...", "empty host"},
      {"a b.example", "a space"},
      {"a\x01b.example", "control character"},
      {"a<b.example", "'<'"},
      {"a%41.example", "'%'"},
      {"b\xC3\xBC" "cher.de", "punycode"},
      {"1.2.3.4.5", "more than four parts"},
      {"1.2.3.256", "out of range"},
      {"256.1.1.1", "out of range"},
      {"1.2.3.09", "invalid part"},
      {"[::1", "closing"},
      {"[1:2:3:4:5:6:7:8:9]", "invalid IPv6"},
      {"[1::2::3]", "invalid IPv6"},
      {"[::ffff:1.2.3]", "invalid IPv6"},
      {"[g::1]", "invalid IPv6"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.input);
    Result<Host> host = CanonicalizeHost(c.input);
    REQUIRE_FALSE(host.ok());
    CHECK(host.error().message.find(c.message_part) != std::string::npos);
  }
}

TEST_CASE("IsIpLiteral looks at the canonical form", "[url][host]") {
  CHECK(IsIpLiteral("10.0.0.1"));
  CHECK(IsIpLiteral("[::1]"));
  CHECK_FALSE(IsIpLiteral("shop.example"));
  CHECK_FALSE(IsIpLiteral("1.2.3.example"));
  CHECK_FALSE(IsIpLiteral(""));
}

}  // namespace
}  // namespace trackscope

namespace trackscope {
namespace {

TEST_CASE("DomainMatches: the host or a subdomain of it", "[url][host]") {
  struct Case {
    std::string_view host, domain;
    bool match;
  };
  const Case kCases[] = {
      {"shop.example", "shop.example", true},   {"cdn.shop.example", "shop.example", true},
      {"badshop.example", "shop.example", false}, {"shop.example", "cdn.shop.example", false},
      {"shop.example", "example.org", false},   {"a.b.static.hotjar.com", "hotjar.com", true},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.host, c.domain);
    CHECK(DomainMatches(c.host, c.domain) == c.match);
  }
}

}  // namespace
}  // namespace trackscope
