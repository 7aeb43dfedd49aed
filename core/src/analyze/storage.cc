// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// AnalyzeStorage: localStorage / sessionStorage writes (`storage-write` events) -> one item per
// (area, origin, key), classified with the cookie classifier: name = key, domain = the writing
// document's host, party from it, localStorage persistent, sessionStorage session, set by the
// writing script (its vendor and filter-list verdict count as for script-set cookies).
#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "analyze/stages.h"
#include "trackscope/classify/beacon.h"
#include "trackscope/classify/cookie_value.h"
#include "trackscope/url/url.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope {
namespace {

std::string OriginOf(const Url& url) {
  const std::string& spec = url.spec();
  const size_t authority = spec.find("://");
  if (authority == std::string::npos) return std::string(url.host());
  return spec.substr(0, spec.find('/', authority + 3));
}

int CharCount(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string_view StorageAreaName(StorageArea area) {
  return area == StorageArea::kSession ? "sessionStorage" : "localStorage";
}

std::vector<std::string> AnalyzeStorage(const Capture& capture, const AnalyzeOptions& options, Report& report) {
  // Which list blocks each script URL, for attributing items to their writers.
  std::unordered_map<std::string_view, std::string_view> listed_by;
  for (const SiteGroup& g : report.sites) {
    for (const ReportRequest& r : g.requests) {
      if (r.filter.decision == FilterDecision::kBlock) listed_by.try_emplace(r.url, r.filter.block.list);
    }
  }
  std::map<std::tuple<StorageArea, std::string, std::string>, size_t> index;
  std::vector<ReportStorageItem>& items = report.storage;
  std::vector<std::string> values;  // last value of each item, in full
  for (const ScriptEvent& e : capture.events) {
    if (e.kind != EventKind::kStorageWrite) continue;
    Result<Url> frame = Url::Parse(e.frame_url.empty() ? report.page_url : e.frame_url);
    if (!frame.ok() || frame.value().host().empty()) continue;
    const StorageArea area = e.api.starts_with("sessionStorage") ? StorageArea::kSession : StorageArea::kLocal;
    std::string origin = OriginOf(frame.value());
    auto [it, inserted] = index.try_emplace({area, origin, e.key}, items.size());
    if (inserted) {
      ReportStorageItem& item = items.emplace_back();
      item.area = area;
      item.origin = std::move(origin);
      item.host = std::string(frame.value().host());
      item.party = PartyOf(item.host, report.page_host);
      item.key = e.key;
      values.emplace_back();
    }
    ReportStorageItem& item = items[it->second];
    values[it->second] = e.value;
    // A snapshot of the area (api "localStorage" / "sessionStorage": the state a front end read
    // at the end) of an item whose writes were recorded gives its final value only.
    const bool snapshot = e.api == "localStorage" || e.api == "sessionStorage";
    if (snapshot && !inserted) continue;
    ++item.writes;
    if (std::find(item.scripts.begin(), item.scripts.end(), e.script_url) == item.scripts.end()) {
      item.scripts.push_back(e.script_url);
    }
  }
  for (size_t i = 0; i < items.size(); ++i) {
    ReportStorageItem& item = items[i];
    const std::string& value = values[i];
    const std::string& writer = item.scripts.back();
    std::string writer_host;
    if (Result<Url> u = Url::Parse(writer); u.ok()) writer_host = std::string(u.value().host());
    CookieFacts facts;
    facts.kind = ItemKind::kStorage;
    facts.name = item.key;
    facts.value = value;
    facts.domain = item.host;
    facts.party = item.party;
    facts.session = item.area == StorageArea::kSession;
    facts.set_by = SetterKind::kScript;
    facts.setter_host = writer_host;
    if (!writer_host.empty()) facts.setter_vendor = LookupVendor(writer_host);
    if (auto it = listed_by.find(writer); it != listed_by.end()) facts.setter_filter_list = it->second;
    if (facts.setter_vendor) item.vendor = std::string(facts.setter_vendor->name);
    CookieVerdict v = ClassifyCookie(facts);
    item.purpose = v.purpose;
    item.confidence = v.confidence;
    item.evidence = std::move(v.evidence);
    item.identifier_bits = AnalyzeValue(value).identifier_bits;
    item.identifier = item.identifier_bits >= 64;
    item.value_length = CharCount(value);
    item.value = item.identifier && !options.include_values ? RedactValue(value) : value;
    ++report.summary.storage_items;
    report.summary.identifier_storage_items += item.identifier;
  }
  return values;
}

}  // namespace trackscope
