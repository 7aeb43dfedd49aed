// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The items of a report that privacy signals and declarations are judged on, with an identity
// that survives a second page load (cookie values and URL queries change between loads):
//
// They are the report's view model (Report::items and ::trackers, analyze/items.cc) seen as units
// of judgement; the key is the item's or tracker's id:
//
//   kind      key                                      tracking when
//   cookie    "cookie:adnet_uid@adnet.example/"        its purpose is analytics, advertising or social
//   beacon    "beacon:collect.metrics.example/collect" same, for the beacon's purpose
//   tracker   "tracker:site:adnet.example"             a third-party tracker (vendor or site) with a
//             "tracker:vendor:Google Analytics"        tracking item or a request a filter list blocks
#ifndef TRACKSCOPE_ANALYZE_TRACKING_ITEMS_H_
#define TRACKSCOPE_ANALYZE_TRACKING_ITEMS_H_

#include <string>
#include <vector>

#include "trackscope/report/report.h"

namespace trackscope {

enum class TrackedKind : uint8_t { kCookie, kBeacon, kTracker };
std::string_view TrackedKindName(TrackedKind kind);  // "cookie", "beacon", "tracker"

struct TrackedItem {
  TrackedKind kind = TrackedKind::kCookie;
  std::string key;   // identity across page loads (above)
  std::string name;  // cookie name, beacon URL without query, tracker site
  std::string site;
  std::string host;  // cookie domain, beacon host, empty for trackers
  std::string path;  // beacon path
  Party party = Party::kThird;
  std::string vendor;
  Purpose purpose = Purpose::kUnclassified;
  size_t category = SIZE_MAX;  // index into Report::policy_categories; SIZE_MAX for trackers
  bool tracking = false;
};

// Analytics, advertising, social: what DNT and GPC ask sites to stop.
bool IsTrackingPurpose(Purpose purpose);

// Cookies and beacons in report order, then third-party trackers. Storage items are not judged.
std::vector<TrackedItem> TrackedItems(const Report& report);

// "adnet_uid (adnet.example)", "beacon collect.metrics.example/collect", "tracker adnet.example"
std::string Describe(const TrackedItem& item);

}  // namespace trackscope

#endif  // TRACKSCOPE_ANALYZE_TRACKING_ITEMS_H_
