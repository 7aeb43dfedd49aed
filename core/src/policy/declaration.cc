// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Matching observed items against a declaration.
#include "trackscope/policy/declaration.h"

#include "trackscope/url/host.h"

namespace trackscope {

std::string_view ConsentModelName(ConsentModel model) { return model == ConsentModel::kOptIn ? "opt-in" : "opt-out"; }

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // Iterative wildcard match with one backtrack point (the last '*').
  size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p, ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

const DeclaredCookie* Declaration::FindCookie(std::string_view name, std::string_view domain) const {
  for (const DeclaredCookie& c : cookies) {
    if (GlobMatch(c.name, name) && (c.domain.empty() || DomainMatches(domain, c.domain))) return &c;
  }
  return nullptr;
}

const DeclaredVendor* Declaration::FindVendor(std::string_view host, std::string_view vendor) const {
  for (const DeclaredVendor& v : vendors) {
    if (!vendor.empty() && v.name == vendor) return &v;
    for (const std::string& d : v.domains) {
      if (DomainMatches(host, d)) return &v;
    }
  }
  return nullptr;
}

const DeclaredBeacon* Declaration::FindBeacon(std::string_view host, std::string_view path) const {
  for (const DeclaredBeacon& b : beacons) {
    if (DomainMatches(host, b.host) && path.substr(0, b.path_prefix.size()) == b.path_prefix) return &b;
  }
  return nullptr;
}

}  // namespace trackscope
