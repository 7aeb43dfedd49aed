// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The catalog of known cookies: the Open Cookie Database (Apache-2.0) plus trackscope's curated
// corrections and additions (core/data/cookies/curated.json), compiled at build time.
//
// Precedence when several entries match a cookie:
//   1. an entry scoped to the cookie's domain (or a parent of it) over an unscoped one;
//   2. curated over Open Cookie Database;
//   3. exact name over prefix/suffix over regex; a longer prefix/suffix over a shorter one;
//   4. a case-sensitive exact name over a case-insensitive one.
//
//   name         domain            entry
//   "_ga"        shop.example      Google Analytics, analytics (exact)
//   "_ga_X1Y2"   shop.example      Google Analytics, analytics (prefix "_ga_")
//   "IDE"        doubleclick.net   Google Ads, advertising (exact, scoped to doubleclick.net)
#ifndef TRACKSCOPE_CLASSIFY_COOKIE_CATALOG_H_
#define TRACKSCOPE_CLASSIFY_COOKIE_CATALOG_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "trackscope/classify/purpose.h"

namespace trackscope {

enum class CatalogMatch : uint8_t { kExact, kPrefix, kSuffix, kRegex, kExactIgnoringCase };
std::string_view CatalogMatchName(CatalogMatch match);  // "exact", "prefix", ...

struct CatalogHit {
  std::string_view pattern;  // the entry's name or pattern
  std::string_view vendor;   // e.g. "Google Analytics" (OCD's platform name)
  Purpose purpose = Purpose::kUnclassified;
  CatalogMatch match = CatalogMatch::kExact;
  bool curated = false;       // trackscope's entry, else Open Cookie Database
  std::string_view scope;     // the domain the entry is scoped to, or empty
  bool AnyName() const { return match == CatalogMatch::kRegex && pattern == "^.*$"; }  // a whole-domain rule
};

// `domain`: the cookie's domain (canonical, no leading dot); a scoped entry applies when its
// domain is the cookie's or a parent of it.
std::optional<CatalogHit> LookupCookie(std::string_view name, std::string_view domain);

std::string_view CookieCatalogSource();

}  // namespace trackscope

#endif  // TRACKSCOPE_CLASSIFY_COOKIE_CATALOG_H_
