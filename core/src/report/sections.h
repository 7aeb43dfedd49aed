// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// JSON writers for the report's later sections, each next to the stage that fills it; called by
// ReportToJson (report_json.cc). nlohmann::json stays inside the (de)serialisation units.
#ifndef TRACKSCOPE_REPORT_SECTIONS_H_
#define TRACKSCOPE_REPORT_SECTIONS_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "trackscope/report/report.h"

namespace trackscope {

using ReportJson = nlohmann::ordered_json;

// Writes a JSON object into `out` member by member, each value dumped as soon as it is given, so
// that no DOM of the whole report ever exists (a report of 300,000 requests is one string, not a
// tree of millions of nodes). Compact and ASCII-only (other characters as \u escapes: JavaScript
// keeps such a string at one byte per character); invalid UTF-8 becomes U+FFFD.
//
//   JsonObjectWriter w(out);                 // {
//   w.Member("format", "trackscope-report"); //  "format":"trackscope-report"
//   w.Array("beacons", report.beacons, [&](const ReportBeacon& b) { return ToJson(b); });
//   w.Close();                               // }
class JsonObjectWriter {
 public:
  // `flush`, when given, receives the text whenever more than kFlushBytes are pending (and out is
  // emptied), so that not even the text of a big report is ever held whole.
  static constexpr size_t kFlushBytes = size_t{1} << 20;
  explicit JsonObjectWriter(std::string& out, const std::function<void(std::string_view)>* flush = nullptr);
  void Member(std::string_view key, const ReportJson& value);
  // "key": and the caller writes the value (e.g. a nested writer) into out().
  void Key(std::string_view key);
  template <typename Range, typename ToJson>
  void Array(std::string_view key, const Range& items, ToJson to_json) {
    Key(key);
    out_ += '[';
    bool first = true;
    for (const auto& item : items) {
      if (!first) out_ += ',';
      first = false;
      Append(to_json(item));
      MaybeFlush();
    }
    out_ += ']';
  }
  void Close();
  std::string& out() { return out_; }
  const std::function<void(std::string_view)>* flush() const { return flush_; }
  void MaybeFlush();

 private:
  void Append(const ReportJson& value);
  std::string& out_;
  const std::function<void(std::string_view)>* flush_;
  bool first_ = true;
};

// [{"site","host","endpoint","where","encoding","sharedChars","vendor"}]: where a first-party value
// went (cookies[].sharedWith, storage[].sharedWith).
ReportJson SharesJson(const std::vector<ValueShare>& shares);

// The summary counts and per-category counts of the beacon stages, added to those objects.
void AddBeaconCounts(const Report& report, ReportJson& summary, ReportJson& categories);
// Each writes its members of the top-level report object.
void WriteBeaconSections(const Report& report, JsonObjectWriter& doc);  // "beacons", "storage", "fingerprinting"
void WriteSignalSections(const Report& report, JsonObjectWriter& doc);  // "privacy", "findings"

}  // namespace trackscope

#endif  // TRACKSCOPE_REPORT_SECTIONS_H_
