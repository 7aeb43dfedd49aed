// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The table is generated from the installed Public Suffix List; the cases use long-standing rules
// (co.uk, the kawasaki.jp wildcard and exception, github.io, *.ck / !www.ck) that every list has.
#include "trackscope/url/registry.h"

#include <catch2/catch_test_macros.hpp>
#include <string_view>

namespace trackscope {
namespace {

TEST_CASE("PublicSuffix and RegistrableDomain follow the PSL algorithm", "[url][psl]") {
  struct Case {
    std::string_view host, suffix, registrable;
  };
  const Case kCases[] = {
      // Normal rules.
      {"example.com", "com", "example.com"},
      {"www.example.com", "com", "example.com"},
      {"a.b.c.example.com", "com", "example.com"},
      {"www.example.co.uk", "co.uk", "example.co.uk"},
      {"example.co.uk", "co.uk", "example.co.uk"},
      {"co.uk", "co.uk", ""},
      {"uk", "uk", ""},
      {"com", "com", ""},
      // Wildcard *.kawasaki.jp and exception !city.kawasaki.jp.
      {"b.kawasaki.jp", "b.kawasaki.jp", ""},
      {"a.b.kawasaki.jp", "b.kawasaki.jp", "a.b.kawasaki.jp"},
      {"x.a.b.kawasaki.jp", "b.kawasaki.jp", "a.b.kawasaki.jp"},
      {"city.kawasaki.jp", "kawasaki.jp", "city.kawasaki.jp"},
      {"www.city.kawasaki.jp", "kawasaki.jp", "city.kawasaki.jp"},
      // Wildcard *.ck with exception !www.ck.
      {"foo.ck", "foo.ck", ""},
      {"bar.foo.ck", "foo.ck", "bar.foo.ck"},
      {"www.ck", "ck", "www.ck"},
      {"a.www.ck", "ck", "www.ck"},
      // Private section (included by default, as browsers do for cookies).
      {"foo.github.io", "github.io", "foo.github.io"},
      {"a.foo.github.io", "github.io", "foo.github.io"},
      {"github.io", "github.io", ""},
      // Unlisted TLDs fall back to the implicit rule "*".
      {"pixel.adnet.example", "example", "adnet.example"},
      {"shop.example", "example", "shop.example"},
      {"example", "example", ""},
      {"localhost", "localhost", ""},
      // Punycode rules (the list has them in Unicode; the generator converts them).
      {"www.example.xn--p1ai", "xn--p1ai", "example.xn--p1ai"},
      // IP literals have no suffix.
      {"127.0.0.1", "", ""},
      {"[::1]", "", ""},
      {"", "", ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.host);
    CHECK(PublicSuffix(c.host) == c.suffix);
    CHECK(RegistrableDomain(c.host) == c.registrable);
  }
}

TEST_CASE("PrivateRegistries::kExclude uses the ICANN section only", "[url][psl]") {
  CHECK(PublicSuffix("foo.github.io", PrivateRegistries::kExclude) == "io");
  CHECK(RegistrableDomain("foo.github.io", PrivateRegistries::kExclude) == "github.io");
  CHECK(RegistrableDomain("www.example.co.uk", PrivateRegistries::kExclude) == "example.co.uk");
}

TEST_CASE("SiteOf, IsSameSite and PartyOf", "[url][psl]") {
  struct Case {
    std::string_view a, b;
    bool same_site;
  };
  const Case kCases[] = {
      {"shop.example", "cdn.shop.example", true},
      {"shop.example", "pixel.adnet.example", false},
      {"a.example.co.uk", "b.example.co.uk", true},
      {"a.co.uk", "b.co.uk", false},
      {"alice.github.io", "bob.github.io", false},
      {"127.0.0.1", "127.0.0.1", true},
      {"127.0.0.1", "127.0.0.2", false},
      {"[::1]", "[::1]", true},
      {"localhost", "localhost", true},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.a, c.b);
    CHECK(IsSameSite(c.a, c.b) == c.same_site);
    CHECK(PartyOf(c.a, c.b) == (c.same_site ? Party::kFirst : Party::kThird));
  }
  CHECK(SiteOf("127.0.0.1") == "127.0.0.1");
  CHECK(SiteOf("co.uk") == "co.uk");
  CHECK(SiteOf("www.shop.example") == "shop.example");
}

TEST_CASE("The compiled list is a real one", "[url][psl]") {
  PublicSuffixListInfo info = GetPublicSuffixListInfo();
  CHECK(info.rules > 8000);
  CHECK(info.source.find("publicsuffix") != std::string_view::npos);
}

}  // namespace
}  // namespace trackscope
