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
  for (const ReportItem& i : report.items) {
    if (i.kind != ItemKind::kCookie && i.kind != ItemKind::kBeacon) continue;
    TrackedItem& t = items.emplace_back();
    t.kind = i.kind == ItemKind::kCookie ? TrackedKind::kCookie : TrackedKind::kBeacon;
    t.key = i.id;
    t.name = i.name;
    t.site = i.site;
    t.host = i.host;
    if (t.kind == TrackedKind::kBeacon) {
      const size_t slash = i.name.find('/');
      t.path = slash == std::string::npos ? "/" : i.name.substr(slash);
    }
    t.party = i.party;
    t.vendor = i.vendor;
    t.purpose = i.purpose;
    t.category = i.category;
    t.tracking = i.tracking;
  }
  // Third parties that track, with their strongest purpose (advertising > social > analytics).
  auto rank = [](Purpose q) { return q == Purpose::kAdvertising ? 3 : q == Purpose::kSocial ? 2 : q == Purpose::kAnalytics ? 1 : 0; };
  for (const ReportTracker& tr : report.trackers) {
    if (tr.party != Party::kThird || !tr.tracking) continue;
    TrackedItem& t = items.emplace_back();
    t.kind = TrackedKind::kTracker;
    t.key = tr.id;
    t.name = tr.site.empty() ? tr.name : tr.site;  // said by its site; the vendor in Describe
    t.site = tr.site;
    t.party = Party::kThird;
    t.vendor = tr.vendor;
    for (Purpose p : tr.purposes) {
      if (rank(p) > rank(t.purpose)) t.purpose = p;
    }
    t.tracking = true;
  }
  return items;
}

std::string Describe(const TrackedItem& item) {
  switch (item.kind) {
    case TrackedKind::kCookie: return "cookie " + item.name + " (" + item.host + ")";
    case TrackedKind::kBeacon: return "beacon " + item.name;
    case TrackedKind::kTracker:
      return "tracker " + item.name + (item.vendor.empty() || item.vendor == item.name ? "" : " (" + item.vendor + ")");
  }
  return item.name;
}

}  // namespace trackscope
