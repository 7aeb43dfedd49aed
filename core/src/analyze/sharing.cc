// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// ShareFirstPartyValues: values of first-party cookies and storage items found in requests to third
// parties — Privacy Badger's cookie-sharing heuristic (a run of ≥ 8 identifier-like characters of
// a first-party cookie value in a third-party URL), extended to storage values, request bodies and
// headers, and to values sent percent-encoded or in base64.
//
//   a first-party value          found in a third-party request's       as
//   _ga = GA1.1.1722394011.176   query  cid=1722394011.176             plain (percent-decoded)
//   uid = 5f2a9c1e7b3d4a61       body   {"user": "5f2a9c1e7b3d4a61"}   plain
//   vid = ab12CD34ef56           query  d=eyJ2aWQiOiJhYjEyQ0QzNGVmNTYifQ  base64
//
// Each match is recorded on the cookie or storage item (shared_with) with evidence, and its
// purpose follows: a value sent to a third party does not keep a site working, so necessary,
// functional and unclassified verdicts give way to the third party's purpose (analytics for an
// analytics vendor, otherwise advertising).
#include <algorithm>

#include "base/base64.h"
#include "analyze/stages.h"
#include "trackscope/classify/beacon.h"
#include "trackscope/classify/cookie_classifier.h"
#include "trackscope/url/url.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope {
namespace {

constexpr size_t kMaxSharesPerItem = 20;

// Mostly printable text: a plausible decoding (random bytes are not).
bool Printable(std::string_view s) {
  size_t ok = 0;
  for (unsigned char c : s) ok += (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n';
  return !s.empty() && ok * 10 >= s.size() * 9;
}

std::string Endpoint(const Url& url) { return url.spec().substr(0, url.spec().find_first_of("?#")); }

// One place of a request where a value may travel.
struct Place {
  std::string where;  // "query parameter `cid`", "path", "body", "header `Referer`"
  std::string text;   // decoded
};

std::string Quote(std::string_view s) { return "`" + std::string(s.substr(0, 60)) + (s.size() > 60 ? "…`" : "`"); }

void AddPlaces(const std::vector<Param>& params, std::vector<Place>& out) {
  for (const Param& p : params) {
    const char* in = p.source == ParamSource::kQuery ? "query parameter " : p.source == ParamSource::kPath ? "path parameter " : "body parameter ";
    out.push_back({p.name.empty() ? std::string(p.source == ParamSource::kBody ? "body" : "query") : in + Quote(p.name), p.value});
  }
}

class Sharing {
 public:
  Sharing(const Capture& capture, Report& report) : capture_(capture), report_(report) {
    for (SiteGroup& g : report.sites) {
      for (ReportCookie& c : g.cookies) {
        if (c.party != Party::kFirst || c.value.empty()) continue;
        values_.push_back({c.name, c.domain, c.value, c.party});
        owners_.push_back({&c, nullptr});
      }
    }
  }

  // Storage values in full (report.storage holds redacted ones), in report.storage order; they
  // must outlive Run().
  void AddStorageValues(const std::vector<std::string>& full_values) {
    for (size_t i = 0; i < report_.storage.size() && i < full_values.size(); ++i) {
      ReportStorageItem& item = report_.storage[i];
      if (item.party != Party::kFirst || full_values[i].empty()) continue;
      values_.push_back({item.key, item.host, full_values[i], item.party});
      owners_.push_back({nullptr, &item});
    }
  }

  void Run() {
    if (values_.empty()) return;
    const CookieValueIndex index(values_);
    for (const CapturedRequest& r : capture_.requests) {
      Result<Url> url = Url::Parse(r.url);
      if (!url.ok() || !url.value().IsNetwork() || url.value().host().empty()) continue;
      if (PartyOf(url.value().host(), report_.page_host) != Party::kThird) continue;
      std::vector<Place> places;
      AddPlaces(ParseParams(url.value().path(), url.value().query(), r.request_body), places);
      places.push_back({"path", PercentDecode(url.value().path(), false)});
      for (const auto& [name, value] : r.request_headers) {
        if (name == "cookie") continue;  // the third party's own cookies
        places.push_back({"header " + Quote(name), value});
      }
      Match(index, url.value(), places);
    }
    for (const ScriptEvent& e : capture_.events) {
      if (e.kind != EventKind::kBeacon || e.value.empty()) continue;
      Result<Url> url = Url::Parse(e.url);
      if (!url.ok() || !url.value().IsNetwork() || PartyOf(url.value().host(), report_.page_host) != Party::kThird) continue;
      std::vector<Place> places;
      AddPlaces(ParseParams("", "", e.value), places);
      Match(index, url.value(), places);
    }
  }

 private:
  struct Owner {
    ReportCookie* cookie;
    ReportStorageItem* storage;
  };

  void Match(const CookieValueIndex& index, const Url& url, const std::vector<Place>& places) {
    for (const Place& p : places) {
      if (std::optional<CookieShare> s = index.Find(p.text)) Record(*s, url, p.where, "plain");
      if (LooksBase64(p.text)) {
        const std::string decoded = Base64Decode(p.text);
        if (Printable(decoded)) {
          if (std::optional<CookieShare> s = index.Find(decoded)) Record(*s, url, p.where, "base64");
        }
      }
    }
  }

  void Record(const CookieShare& share, const Url& url, const std::string& where, std::string_view encoding) {
    const Owner& owner = owners_[share.cookie];
    std::vector<ValueShare>& list = owner.cookie ? owner.cookie->shared_with : owner.storage->shared_with;
    int& total = owner.cookie ? owner.cookie->shared_with_total : owner.storage->shared_with_total;
    const std::string host(url.host());
    const std::string endpoint = Endpoint(url);
    auto same = [&](const ValueShare& v) { return v.endpoint == endpoint && v.where == where; };
    if (std::any_of(list.begin(), list.end(), same)) return;
    ++total;
    if (list.size() >= kMaxSharesPerItem) return;
    ValueShare v;
    v.host = host;
    v.site = std::string(SiteOf(host));
    v.endpoint = endpoint;
    v.where = where;
    v.encoding = std::string(encoding);
    v.shared_chars = static_cast<int>(share.shared);
    if (std::optional<Vendor> vendor = LookupVendor(host)) {
      v.vendor = std::string(vendor->name);
      v.vendor_purpose = PurposeOfVendorCategory(vendor->category).value_or(Purpose::kUnclassified);
    }
    list.push_back(std::move(v));
  }

  const Capture& capture_;
  Report& report_;
  std::vector<PageCookie> values_;
  std::vector<Owner> owners_;
};

bool Tracking(Purpose p) { return p == Purpose::kAnalytics || p == Purpose::kAdvertising || p == Purpose::kSocial; }

// The evidence a list of shares gives. Its purpose: what the receiving vendors do (advertising
// wins over analytics); for unknown receivers the item's own tracking purpose, else advertising
// (a value following the visitor to another site is cross-site tracking, as Privacy Badger holds).
Evidence ShareEvidence(const std::vector<ValueShare>& shares, int total, std::string_view noun, Purpose current) {
  const ValueShare& first = shares.front();
  Purpose p = Purpose::kUnclassified;
  for (const ValueShare& s : shares) {
    if (s.vendor_purpose == Purpose::kAnalytics && p == Purpose::kUnclassified) p = Purpose::kAnalytics;
    if (s.vendor_purpose == Purpose::kAdvertising || s.vendor_purpose == Purpose::kSocial) p = Purpose::kAdvertising;
  }
  if (p == Purpose::kUnclassified) p = Tracking(current) ? current : Purpose::kAdvertising;
  std::string text = "its value is sent to a third party: " + std::to_string(first.shared_chars) + " characters of it in the " +
                     first.where + " of " + first.endpoint + (first.vendor.empty() ? "" : " (" + first.vendor + ")");
  if (first.encoding == "base64") text += ", base64-encoded";
  if (total > 1) text += ", and " + std::to_string(total - 1) + " more";
  text += ": identifier sharing, the " + std::string(noun) + " follows the visitor to another site";
  return {EvidenceKind::kAttribution, p, 0.7, std::move(text)};
}

// The sharing is observed behaviour, weighed with the rest (it outweighs what heuristics guess; a
// catalog entry still names the purpose, e.g. _ga sent to Google Analytics stays analytics). But a
// value sent to a third party does not keep the site working: a necessary, functional or
// unclassified verdict gives way to the sharing's purpose.
template <typename Item>
void ApplyShares(Item& item, std::string_view noun) {
  if (item.shared_with.empty()) return;
  Evidence share = ShareEvidence(item.shared_with, item.shared_with_total, noun, item.purpose);
  const Purpose shared_purpose = share.purpose;
  const double weight = share.weight;
  std::vector<Evidence> evidence = std::move(item.evidence);
  evidence.push_back(std::move(share));
  CookieVerdict v = DecideVerdict(std::move(evidence));
  if (!Tracking(v.purpose)) {
    auto it = std::find_if(v.evidence.begin(), v.evidence.end(), [](const Evidence& e) { return e.text.starts_with("its value is sent"); });
    std::rotate(v.evidence.begin(), it, it + 1);
    v.purpose = shared_purpose;
    v.confidence = weight;
  }
  item.purpose = v.purpose;
  item.confidence = v.confidence;
  item.evidence = std::move(v.evidence);
}

}  // namespace

void ShareFirstPartyValues(const Capture& capture, const std::vector<std::string>& storage_values, Report& report) {
  Sharing sharing(capture, report);
  sharing.AddStorageValues(storage_values);
  sharing.Run();
  for (SiteGroup& g : report.sites) {
    for (ReportCookie& c : g.cookies) {
      ApplyShares(c, "cookie");
      report.summary.cookies_shared += !c.shared_with.empty();
    }
  }
  for (ReportStorageItem& item : report.storage) {
    ApplyShares(item, "storage item");
    report.summary.storage_shared += !item.shared_with.empty();
  }
}

}  // namespace trackscope
