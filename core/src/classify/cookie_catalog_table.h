// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The generated cookie catalog (layout: tools/gen/cookies.mjs).
#ifndef TRACKSCOPE_CLASSIFY_COOKIE_CATALOG_TABLE_H_
#define TRACKSCOPE_CLASSIFY_COOKIE_CATALOG_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace trackscope::cookie_catalog_table {

struct CatalogRow {
  uint32_t name_offset, name_length;
  uint32_t vendor_offset, vendor_length;
  uint32_t domain_offset, domain_length;  // scope: a registrable domain, or empty
  uint8_t match;    // 0 exact, 1 prefix, 2 suffix, 3 regex
  uint8_t purpose;  // Purpose
  uint8_t source;   // 0 curated, 1 Open Cookie Database
};

extern const std::string_view kSource;
extern const std::string_view kPool;
extern const std::size_t kExactCount;
extern const CatalogRow kExact[];  // sorted by name, curated before OCD for equal names
extern const std::size_t kPatternCount;
extern const CatalogRow kPatterns[];  // prefix, suffix and regex rows, curated first

}  // namespace trackscope::cookie_catalog_table

#endif  // TRACKSCOPE_CLASSIFY_COOKIE_CATALOG_TABLE_H_
