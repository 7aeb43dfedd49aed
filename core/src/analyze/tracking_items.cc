// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "analyze/tracking_items.h"

#include <algorithm>

namespace trackscope {

std::string_view TrackedKindName(TrackedKind kind) {
  return kind == TrackedKind::kCookie ? "cookie" : kind == TrackedKind::kBeacon ? "beacon" : "tracker";
}

bool IsTrackingPurpose(Purpose p) { return p == Purpose::kAnalytics || p == Purpose::kAdvertising || p == Purpose::kSocial; }

std::vector<TrackedItem> TrackedItems(const Report& report) {
  std::vector<TrackedItem> items;
  // Third-party sites that track, with the strongest purpose seen (advertising > social > analytics).
  std::vector<std::pair<std::string, Purpose>> tracker_sites;
  auto mark_tracker = [&](const SiteGroup& g, Purpose p) {
    if (g.party != Party::kThird) return;
    auto rank = [](Purpose q) { return q == Purpose::kAdvertising ? 3 : q == Purpose::kSocial ? 2 : q == Purpose::kAnalytics ? 1 : 0; };
    auto it = std::find_if(tracker_sites.begin(), tracker_sites.end(), [&](const auto& t) { return t.first == g.site; });
    if (it == tracker_sites.end()) {
      tracker_sites.emplace_back(g.site, p);
    } else if (rank(p) > rank(it->second)) {
      it->second = p;
    }
  };
  for (const SiteGroup& g : report.sites) {
    for (const ReportCookie& c : g.cookies) {
      TrackedItem& t = items.emplace_back();
      t.kind = TrackedKind::kCookie;
      t.key = "cookie " + c.name + " " + c.domain;
      t.name = c.name;
      t.site = g.site;
      t.host = c.domain;
      t.party = c.party;
      t.vendor = c.vendor;
      t.purpose = c.purpose;
      t.category = c.category;
      t.tracking = IsTrackingPurpose(c.purpose);
      if (t.tracking) mark_tracker(g, c.purpose);
    }
    for (const ReportRequest& r : g.requests) {
      if (r.filter.decision == FilterDecision::kBlock) mark_tracker(g, Purpose::kUnclassified);
    }
  }
  for (const ReportBeacon& b : report.beacons) {
    TrackedItem& t = items.emplace_back();
    t.kind = TrackedKind::kBeacon;
    // The endpoint without scheme and query: the same beacon on the next load.
    std::string_view endpoint = b.endpoint;
    if (size_t scheme = endpoint.find("://"); scheme != std::string_view::npos) endpoint.remove_prefix(scheme + 3);
    t.key = "beacon " + std::string(endpoint);
    t.name = std::string(endpoint);
    t.site = b.site;
    t.host = b.host;
    const size_t slash = endpoint.find('/');
    t.path = slash == std::string_view::npos ? "/" : std::string(endpoint.substr(slash));
    t.party = b.party;
    t.vendor = b.vendor;
    t.purpose = b.purpose;
    t.category = b.category;
    t.tracking = IsTrackingPurpose(b.purpose);
    if (t.tracking) {
      for (const SiteGroup& g : report.sites) {
        if (g.site == b.site) mark_tracker(g, b.purpose);
      }
    }
  }
  for (const auto& [site, purpose] : tracker_sites) {
    TrackedItem& t = items.emplace_back();
    t.purpose = purpose;
    t.kind = TrackedKind::kTracker;
    t.key = "tracker " + site;
    t.name = site;
    t.site = site;
    t.party = Party::kThird;
    t.tracking = true;
    for (const SiteGroup& g : report.sites) {
      if (g.site == site && !g.vendors.empty()) t.vendor = g.vendors.front().name;
    }
  }
  return items;
}

std::string Describe(const TrackedItem& item) {
  switch (item.kind) {
    case TrackedKind::kCookie: return "cookie " + item.name + " (" + item.host + ")";
    case TrackedKind::kBeacon: return "beacon " + item.name;
    case TrackedKind::kTracker: return "tracker " + item.name + (item.vendor.empty() ? "" : " (" + item.vendor + ")");
  }
  return item.name;
}

}  // namespace trackscope
