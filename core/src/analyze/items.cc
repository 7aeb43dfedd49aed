// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// BuildItems: the report's view model (report.h, Report::items and Report::trackers) — every
// cookie, beacon endpoint and storage item once, with a stable id and who is behind it, so that no
// front end re-derives either.
//
// Who is behind an item (the one attribution rule):
//   1. the vendor third-party-web names for the item's own host (cookie domain, beacon host,
//      storage origin), or a beacon's decoded pixel company;
//   2. a cookie's catalog vendor (Open Cookie Database / curated platform) when the catalog files
//      the name under a tracking purpose — a tracker's cookie kept first-party (_ga, _fbp, _hjid);
//      a platform's own cookies (WordPress, Shopify sessions) stay the site's;
//   3. for a first-party item written by a third party's script (a cookie's setter, a storage
//      item's first writer, a beacon's caller): the vendor behind that script's host, else its site
//      (`via` names the script);
//   4. a third-party item: its site;
//   5. else the page's own site (first party).
// A tracker is that vendor (by name) or that site; trackers[] also lists third-party sites whose
// only sign is a request a filter list blocks, and vendors in third-party-web's advertising,
// analytics or social categories whose third-party hosts the page requested (purpose: the
// category's, when no tracking item gives one).
#include <algorithm>
#include <map>
#include <optional>

#include "analyze/stages.h"
#include "analyze/tracking_items.h"
#include "trackscope/classify/cookie_catalog.h"
#include "trackscope/url/url.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope {
namespace {

std::string HostOfUrl(std::string_view url) {
  Result<Url> u = Url::Parse(url);
  return u.ok() && u.value().IsNetwork() ? std::string(u.value().host()) : std::string();
}

// The purpose for which a request to a vendor of `category` (third-party-web's name) tracks by
// itself: "ad" advertising, "analytics" analytics, "social" social; other categories (CDNs, tag
// managers, video, utilities...) only through items.
std::optional<Purpose> RequestTrackingPurpose(std::string_view category) {
  if (category == "ad") return Purpose::kAdvertising;
  if (category == "analytics") return Purpose::kAnalytics;
  if (category == "social") return Purpose::kSocial;
  return std::nullopt;
}

std::string DecisiveEvidence(const std::vector<Evidence>& evidence) { return evidence.empty() ? std::string() : evidence.front().text; }

struct Behind {
  std::string vendor;  // empty when a site stands behind it
  std::string site;
  Party party = Party::kFirst;
  std::string via;     // the writing script, for rule 3
};

class Builder {
 public:
  explicit Builder(Report& report) : report_(report) {}

  void Run() {
    for (size_t s = 0; s < report_.sites.size(); ++s) {
      SiteGroup& g = report_.sites[s];
      for (size_t i = 0; i < g.cookies.size(); ++i) AddCookie(g, s, i);
    }
    for (size_t i = 0; i < report_.beacons.size(); ++i) AddBeacon(i);
    for (size_t i = 0; i < report_.storage.size(); ++i) AddStorage(i);
    // Third-party sites whose requests a filter list blocks, without items of their own.
    for (const SiteGroup& g : report_.sites) {
      if (g.party != Party::kThird) continue;
      const int listed = static_cast<int>(std::count_if(g.requests.begin(), g.requests.end(), [](const ReportRequest& r) {
        return r.filter.decision == FilterDecision::kBlock;
      }));
      if (listed == 0) continue;
      Behind b;
      b.vendor = g.vendors.empty() ? "" : g.vendors.front().name;
      b.site = g.site;
      b.party = Party::kThird;
      ReportTracker& t = TrackerFor(b);
      t.listed += listed;
      t.tracking = true;
    }
    // Third-party hosts of a vendor that third-party-web files under advertising, analytics or
    // social (doubleclick.net, connect.facebook.net, hotjar.com): a request to them hands the
    // vendor the visitor's address, browser and page, so the vendor tracks, items or not.
    for (const SiteGroup& g : report_.sites) {
      if (g.party != Party::kThird) continue;
      for (const ReportVendor& v : g.vendors) {
        std::optional<Purpose> purpose = RequestTrackingPurpose(v.category);
        if (!purpose) continue;
        const bool requested = std::any_of(g.requests.begin(), g.requests.end(), [&](const ReportRequest& r) { return r.vendor == v.name; });
        if (!requested) continue;
        ReportTracker& t = TrackerFor(Behind{v.name, g.site, Party::kThird, ""});
        t.tracking = true;
        if (t.purposes.empty()) t.purposes.push_back(*purpose);
      }
    }
    for (const SiteGroup& g : report_.sites) {
      for (ReportTracker& t : report_.trackers) {
        if (t.site == g.site) t.requests = std::max(t.requests, static_cast<int>(g.requests.size()));
      }
    }
    for (ReportTracker& t : report_.trackers) std::sort(t.purposes.begin(), t.purposes.end());
    // The busiest first; the page's own site last among equals.
    std::stable_sort(report_.trackers.begin(), report_.trackers.end(), [](const ReportTracker& a, const ReportTracker& b) {
      if (a.tracking != b.tracking) return a.tracking;
      const int wa = a.cookies + a.beacons + a.storage + a.listed, wb = b.cookies + b.beacons + b.storage + b.listed;
      if (wa != wb) return wa > wb;
      return a.id < b.id;
    });
  }

 private:
  // The tracker of `b`, created on first use.
  ReportTracker& TrackerFor(const Behind& b) {
    const std::string id = b.vendor.empty() ? "tracker:site:" + b.site : "tracker:vendor:" + b.vendor;
    if (auto it = trackers_.find(id); it != trackers_.end()) return report_.trackers[it->second];
    trackers_.emplace(id, report_.trackers.size());
    ReportTracker& t = report_.trackers.emplace_back();
    t.id = id;
    t.name = b.vendor.empty() ? b.site : b.vendor;
    t.site = b.site;
    t.party = b.party;
    t.vendor = b.vendor;
    t.via = b.via;
    for (const SiteGroup& g : report_.sites) {
      for (const ReportVendor& v : g.vendors) {
        if (!b.vendor.empty() && v.name == b.vendor) {
          t.company = v.company;
          t.vendor_category = v.category;
        }
      }
    }
    if (!b.vendor.empty() && t.company.empty()) {
      // A vendor named by a pixel decoder or the catalog, not by third-party-web.
      t.company = b.vendor;
    }
    return t;
  }

  // Rules 3-5 once rules 1-2 found no vendor.
  Behind Fallback(Party party, const std::string& site, std::string_view writer) const {
    Behind b;
    if (party == Party::kThird) {
      b.site = site;
      b.party = Party::kThird;
      return b;
    }
    const std::string writer_host = HostOfUrl(writer);
    if (!writer_host.empty() && PartyOf(writer_host, report_.page_host) == Party::kThird) {
      std::optional<Vendor> v = LookupVendor(writer_host);
      b.vendor = v ? std::string(v->name) : "";
      b.site = std::string(SiteOf(writer_host));
      b.party = Party::kThird;
      b.via = std::string(writer);
      return b;
    }
    b.site = report_.page_site;
    b.party = Party::kFirst;
    return b;
  }

  ReportItem& Add(ItemKind kind, std::string id, const Behind& b) {
    ReportItem& item = report_.items.emplace_back();
    item.kind = kind;
    item.id = std::move(id);
    item.vendor = b.vendor;
    ReportTracker& t = TrackerFor(b);
    item.tracker = t.id;
    t.items.push_back(item.id);
    return item;
  }

  void Count(ReportItem& item) {
    item.tracking = IsTrackingPurpose(item.purpose);
    ReportTracker& t = report_.trackers[trackers_.at(item.tracker)];
    t.cookies += item.kind == ItemKind::kCookie;
    t.beacons += item.kind == ItemKind::kBeacon ? item.count : 0;
    t.storage += item.kind == ItemKind::kStorage;
    if (item.tracking) {
      t.tracking = true;
      if (std::find(t.purposes.begin(), t.purposes.end(), item.purpose) == t.purposes.end()) t.purposes.push_back(item.purpose);
    }
  }

  void AddCookie(SiteGroup& g, size_t s, size_t i) {
    ReportCookie& c = g.cookies[i];
    c.id = "cookie:" + c.name + "@" + c.domain + c.path;
    Behind b;
    if (!c.vendor.empty() && c.party == Party::kThird) {
      b = {c.vendor, g.site, c.party, ""};
    } else if (std::optional<CatalogHit> hit = LookupCookie(c.name, c.domain);
               hit && !hit->vendor.empty() && hit->vendor != "Generic" && !hit->AnyName() && IsTrackingPurpose(hit->purpose)) {
      // A first-party cookie the catalog knows by name: its vendor, on the site that runs it.
      b = Fallback(c.party, g.site, c.set_by == SetterKind::kScript ? std::string_view(c.set_by_url) : std::string_view());
      b.vendor = std::string(hit->vendor);
    } else if (!c.vendor.empty()) {
      b = {c.vendor, g.site, c.party, ""};
    } else {
      b = Fallback(c.party, g.site, c.set_by == SetterKind::kScript ? std::string_view(c.set_by_url) : std::string_view());
    }
    ReportItem& item = Add(ItemKind::kCookie, c.id, b);
    Describe(item, c, c.name, g.site, c.domain);
    item.lifetime = c.lifetime;
    item.site_index = s;
    item.index = i;
    Count(item);
  }

  // The item's name and place, and the verdict of its detailed object (a cookie, a beacon's first
  // hit, a storage item: each has party, purpose, confidence, category and evidence).
  template <typename Detail>
  static void Describe(ReportItem& item, const Detail& d, std::string_view name, std::string_view site, std::string_view host) {
    item.name = std::string(name);
    item.site = std::string(site);
    item.host = std::string(host);
    item.party = d.party;
    item.purpose = d.purpose;
    item.confidence = d.confidence;
    item.category = d.category;
    item.evidence = DecisiveEvidence(d.evidence);
  }

  void AddBeacon(size_t i) {
    ReportBeacon& beacon = report_.beacons[i];
    // The endpoint without scheme and query: the same beacon on the next load.
    std::string_view endpoint = beacon.endpoint;
    if (size_t scheme = endpoint.find("://"); scheme != std::string_view::npos) endpoint.remove_prefix(scheme + 3);
    beacon.id = "beacon:" + std::string(endpoint);
    if (auto it = beacons_.find(beacon.id); it != beacons_.end()) {
      // Another hit to the same endpoint: the same item, counted (its first hit's verdict stands).
      ReportItem& item = report_.items[it->second];
      ++item.count;
      ReportTracker& t = report_.trackers[trackers_.at(item.tracker)];
      ++t.beacons;
      return;
    }
    Behind b = !beacon.vendor.empty() ? Behind{beacon.vendor, beacon.site, beacon.party, ""}
                                      : Fallback(beacon.party, beacon.site, beacon.script_url);
    beacons_.emplace(beacon.id, report_.items.size());
    ReportItem& item = Add(ItemKind::kBeacon, beacon.id, b);
    Describe(item, beacon, endpoint, beacon.site, beacon.host);
    item.index = i;
    Count(item);
  }

  void AddStorage(size_t i) {
    ReportStorageItem& st = report_.storage[i];
    st.id = "storage:" + std::string(StorageAreaName(st.area)) + ":" + st.origin + ":" + st.key;
    const std::string site(SiteOf(st.host));
    std::optional<Vendor> own = st.party == Party::kThird ? LookupVendor(st.host) : std::nullopt;
    Behind b = own ? Behind{std::string(own->name), site, st.party, ""}
                   : Fallback(st.party, site, st.scripts.empty() ? std::string_view() : std::string_view(st.scripts.front()));
    ReportItem& item = Add(ItemKind::kStorage, st.id, b);
    Describe(item, st, st.key, site, st.host);
    item.lifetime = st.area == StorageArea::kSession ? "session" : "no expiry";
    item.index = i;
    Count(item);
  }

  Report& report_;
  std::map<std::string, size_t> trackers_;  // id -> index in report_.trackers
  std::map<std::string, size_t> beacons_;   // id -> index in report_.items
};

}  // namespace

void BuildItems(Report& report) { Builder(report).Run(); }

}  // namespace trackscope
