// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/url/registry.h"

#include <algorithm>

#include "trackscope/url/host.h"
#include "url/psl_table.h"

namespace trackscope {
namespace {

uint8_t FlagsOf(uint64_t hash) {
  const uint64_t* end = psl_table::kKeys + psl_table::kCount;
  const uint64_t* it = std::lower_bound(psl_table::kKeys, end, hash);
  return (it != end && *it == hash) ? psl_table::kFlags[it - psl_table::kKeys] : 0;
}

// Returns the offset in `host` where its public suffix starts (host.size() for none).
//
// Walks the host from its last label leftwards. At each label boundary the hash of the suffix
// seen so far is complete; its flags say whether it is a rule, whether "*.suffix" or "!suffix"
// rules exist, and whether any longer rule could still match (kInterior). The first exception met
// ends the walk (PSL algorithm: exception rules win); otherwise the longest match wins, and with
// no match the implicit rule "*" makes the last label the suffix.
size_t PublicSuffixStart(std::string_view host, PrivateRegistries registries) {
  if (host.empty() || IsIpLiteral(host)) return host.size();
  const uint8_t mask = registries == PrivateRegistries::kInclude ? 0xFF : 0x47;
  const uint8_t kRule = psl_table::kRuleIcann | psl_table::kRulePrivate;
  const uint8_t kWildcard = psl_table::kWildcardIcann | psl_table::kWildcardPrivate;
  const uint8_t kException = psl_table::kExceptionIcann | psl_table::kExceptionPrivate;

  size_t last_label = host.rfind('.');
  size_t best = last_label == std::string_view::npos ? 0 : last_label + 1;  // rule "*"
  uint64_t hash = psl_table::kFnvOffset;
  uint8_t parent_flags = 0;
  size_t parent_start = host.size();
  for (size_t i = host.size(); i > 0; --i) {
    const char c = host[i - 1];
    if (c != '.') {
      hash = psl_table::HashStep(hash, c);
      if (i - 1 != 0) continue;
    }
    // host[start..] is a complete suffix.
    const size_t start = c == '.' ? i : 0;
    const uint8_t flags = FlagsOf(hash) & mask;
    if (flags & kException) return parent_start;
    if ((flags & kRule) || (parent_flags & kWildcard)) best = start;
    if (!(flags & (psl_table::kInterior | kWildcard))) break;
    parent_flags = flags;
    parent_start = start;
    hash = psl_table::HashStep(hash, '.');
  }
  return best;
}

}  // namespace

std::string_view PublicSuffix(std::string_view host, PrivateRegistries registries) {
  return host.substr(PublicSuffixStart(host, registries));
}

std::string_view RegistrableDomain(std::string_view host, PrivateRegistries registries) {
  size_t start = PublicSuffixStart(host, registries);
  if (start < 2 || start >= host.size()) return {};
  // start - 1 is the '.' before the suffix; find the label before it.
  size_t dot = host.rfind('.', start - 2);
  return host.substr(dot == std::string_view::npos ? 0 : dot + 1);
}

std::string_view SiteOf(std::string_view host) {
  std::string_view domain = RegistrableDomain(host);
  return domain.empty() ? host : domain;
}

bool IsSameSite(std::string_view host_a, std::string_view host_b) {
  return SiteOf(host_a) == SiteOf(host_b);
}

PublicSuffixListInfo GetPublicSuffixListInfo() {
  return {psl_table::kRules, psl_table::kSource};
}

}  // namespace trackscope
