// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/vendor/vendor.h"

#include <algorithm>
#include <array>

#include "base/strings.h"
#include "filter/hashing.h"
#include "trackscope/url/registry.h"
#include "vendor/vendor_table.h"

namespace trackscope {

std::string_view VendorCategoryName(VendorCategory category) {
  static constexpr std::array<std::string_view, 13> kNames = {
      "ad", "analytics", "social", "tag-manager", "consent-provider", "marketing", "customer-success",
      "video", "cdn", "hosting", "content", "utility", "other"};
  return kNames[static_cast<size_t>(category)];
}

std::optional<Vendor> LookupVendor(std::string_view host) {
  using vendor_table::kDomains;
  const vendor_table::DomainRow* end = kDomains + vendor_table::kDomainCount;
  std::optional<Vendor> best;
  // A listed domain that is itself a public suffix (*.github.io, *.herokuapp.com, cloudfront.net,
  // *.blogspot.com: the PSL's private section) is a platform that hosts unrelated sites: its
  // company is not behind user.github.io. Only matches within the host's registrable domain count.
  const size_t site_start = host.size() - SiteOf(host).size();
  // Suffixes come shortest first; a longer (more specific) match replaces a shorter one.
  filter::ForEachHostSuffix(host, [&](uint64_t hash, size_t start) {
    if (start > site_start) return;
    const vendor_table::DomainRow* row = std::lower_bound(
        kDomains, end, hash, [](const vendor_table::DomainRow& r, uint64_t h) { return r.hash < h; });
    if (row == end || row->hash != hash || (!row->wildcard && start != 0)) return;
    const vendor_table::EntityRow& e = vendor_table::kEntities[row->entity];
    const std::string_view pool = vendor_table::kPool;
    best = Vendor{row->entity,
                  pool.substr(e.name_offset, e.name_length),
                  pool.substr(e.company_offset, e.company_length),
                  pool.substr(e.homepage_offset, e.homepage_length),
                  static_cast<VendorCategory>(e.category),
                  host.substr(start)};
  });
  return best;
}

std::optional<Vendor> LookupVendorNamed(std::string_view name) {
  const std::string_view pool = vendor_table::kPool;
  const auto same = [](char a, char b) { return ToLowerAscii(a) == ToLowerAscii(b); };
  for (size_t i = 0; i < vendor_table::kEntityCount; ++i) {
    const vendor_table::EntityRow& e = vendor_table::kEntities[i];
    const std::string_view entity = pool.substr(e.name_offset, e.name_length);
    if (!std::equal(entity.begin(), entity.end(), name.begin(), name.end(), same)) continue;
    return Vendor{static_cast<uint32_t>(i), entity, pool.substr(e.company_offset, e.company_length),
                  pool.substr(e.homepage_offset, e.homepage_length), static_cast<VendorCategory>(e.category), {}};
  }
  return std::nullopt;
}

VendorDataInfo GetVendorDataInfo() {
  return {static_cast<uint32_t>(vendor_table::kEntityCount), static_cast<uint32_t>(vendor_table::kDomainCount),
          vendor_table::kSource};
}

}  // namespace trackscope
