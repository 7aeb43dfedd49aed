// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The generated third-party-web table (layout: tools/gen/vendors.mjs).
#ifndef TRACKSCOPE_VENDOR_VENDOR_TABLE_H_
#define TRACKSCOPE_VENDOR_VENDOR_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace trackscope::vendor_table {

struct EntityRow {
  uint32_t name_offset, name_length;
  uint32_t company_offset, company_length;
  uint32_t homepage_offset, homepage_length;
  uint8_t category;
};

struct DomainRow {
  uint64_t hash;  // filter::HostHash of the domain
  uint32_t entity;
  uint8_t wildcard;  // 1: the domain and its subdomains; 0: that host only
};

extern const std::string_view kSource;
extern const std::string_view kPool;
extern const std::size_t kEntityCount;
extern const EntityRow kEntities[];
extern const std::size_t kDomainCount;
extern const DomainRow kDomains[];  // sorted by hash

}  // namespace trackscope::vendor_table

#endif  // TRACKSCOPE_VENDOR_VENDOR_TABLE_H_
