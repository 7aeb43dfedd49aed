// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/classify/cookie_catalog.h"

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "classify/cookie_catalog_table.h"
#include "filter/regex.h"

namespace trackscope {
namespace {

using cookie_catalog_table::CatalogRow;
using cookie_catalog_table::kPool;

std::string_view Str(uint32_t offset, uint32_t length) { return kPool.substr(offset, length); }

// The entry's scope covers the cookie's domain: equal, or a parent domain of it.
bool InScope(std::string_view scope, std::string_view domain) {
  return domain == scope ||
         (domain.size() > scope.size() && domain.ends_with(scope) && domain[domain.size() - scope.size() - 1] == '.');
}

// Exact names lower-cased and sorted, for the case-insensitive fallback (built on first use).
const std::vector<std::pair<std::string, const CatalogRow*>>& LowerIndex() {
  static const auto* index = [] {
    auto* v = new std::vector<std::pair<std::string, const CatalogRow*>>();
    for (size_t i = 0; i < cookie_catalog_table::kExactCount; ++i) {
      const CatalogRow& r = cookie_catalog_table::kExact[i];
      std::string lower(Str(r.name_offset, r.name_length));
      for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
      v->emplace_back(std::move(lower), &r);
    }
    std::sort(v->begin(), v->end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return v;
  }();
  return *index;
}

// Regex entries compiled once, on first use (nullptr for one the engine cannot compile).
const std::vector<std::unique_ptr<filter::Regex>>& Regexes() {
  static const auto* regexes = [] {
    auto* v = new std::vector<std::unique_ptr<filter::Regex>>(cookie_catalog_table::kPatternCount);
    for (size_t i = 0; i < cookie_catalog_table::kPatternCount; ++i) {
      const CatalogRow& r = cookie_catalog_table::kPatterns[i];
      if (r.match != 3) continue;
      Result<filter::Regex> re = filter::Regex::Compile(Str(r.name_offset, r.name_length), false);
      if (re.ok()) (*v)[i] = std::make_unique<filter::Regex>(std::move(re).value());
    }
    return v;
  }();
  return *regexes;
}

struct Candidate {
  const CatalogRow* row = nullptr;
  CatalogMatch match = CatalogMatch::kExact;
  // Larger is better: scope, then source, then match kind, then length.
  std::array<int, 4> rank{};
};

}  // namespace

std::string_view PurposeName(Purpose p) {
  static constexpr std::array<std::string_view, kPurposeCount> kNames = {
      "necessary", "functional", "analytics", "advertising", "social", "unclassified"};
  return kNames[static_cast<size_t>(p)];
}

std::optional<Purpose> ParsePurpose(std::string_view name) {
  for (int i = 0; i < kPurposeCount; ++i) {
    if (PurposeName(static_cast<Purpose>(i)) == name) return static_cast<Purpose>(i);
  }
  return std::nullopt;
}

std::string_view CatalogMatchName(CatalogMatch m) {
  static constexpr std::array<std::string_view, 5> kNames = {"exact", "prefix", "suffix", "regex", "exact (ignoring case)"};
  return kNames[static_cast<size_t>(m)];
}

std::optional<CatalogHit> LookupCookie(std::string_view name, std::string_view domain) {
  if (name.empty()) return std::nullopt;
  Candidate best;
  auto consider = [&](const CatalogRow& r, CatalogMatch m, int length) {
    std::string_view scope = Str(r.domain_offset, r.domain_length);
    if (!scope.empty() && !InScope(scope, domain)) return;  // scoped to another domain
    static constexpr int kMatchRank[] = {4, 2, 2, 1, 3};
    std::array<int, 4> rank = {!scope.empty(), r.source == 0, kMatchRank[static_cast<int>(m)], length};
    if (!best.row || rank > best.rank) best = {&r, m, rank};
  };
  const CatalogRow* exact_end = cookie_catalog_table::kExact + cookie_catalog_table::kExactCount;
  auto [lo, hi] = std::equal_range(cookie_catalog_table::kExact, exact_end, name, [](const auto& a, const auto& b) {
    if constexpr (std::is_same_v<std::decay_t<decltype(a)>, CatalogRow>) {
      return Str(a.name_offset, a.name_length) < b;
    } else {
      return a < Str(b.name_offset, b.name_length);
    }
  });
  for (const CatalogRow* r = lo; r != hi; ++r) consider(*r, CatalogMatch::kExact, static_cast<int>(name.size()));
  if (!best.row) {
    // Case-insensitive exact, only when the exact lookup found nothing.
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    const auto& index = LowerIndex();
    auto it = std::lower_bound(index.begin(), index.end(), lower, [](const auto& e, const std::string& k) { return e.first < k; });
    for (; it != index.end() && it->first == lower; ++it) {
      consider(*it->second, CatalogMatch::kExactIgnoringCase, static_cast<int>(name.size()));
    }
  }
  const auto& regexes = Regexes();
  for (size_t i = 0; i < cookie_catalog_table::kPatternCount; ++i) {
    const CatalogRow& r = cookie_catalog_table::kPatterns[i];
    if (r.domain_length > 0 && !InScope(Str(r.domain_offset, r.domain_length), domain)) continue;
    std::string_view pattern = Str(r.name_offset, r.name_length);
    switch (r.match) {
      case 1:
        if (name.size() >= pattern.size() && name.starts_with(pattern)) consider(r, CatalogMatch::kPrefix, static_cast<int>(pattern.size()));
        break;
      case 2:
        if (name.size() >= pattern.size() && name.ends_with(pattern)) consider(r, CatalogMatch::kSuffix, static_cast<int>(pattern.size()));
        break;
      case 3:
        if (regexes[i] && regexes[i]->Search(name)) consider(r, CatalogMatch::kRegex, 0);
        break;
      default:
        break;
    }
  }
  if (!best.row) return std::nullopt;
  const CatalogRow& r = *best.row;
  return CatalogHit{Str(r.name_offset, r.name_length), Str(r.vendor_offset, r.vendor_length),
                    static_cast<Purpose>(r.purpose), best.match, r.source == 0,
                    Str(r.domain_offset, r.domain_length)};
}

std::string_view CookieCatalogSource() { return cookie_catalog_table::kSource; }

}  // namespace trackscope
