// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// AnalyzeFingerprinting: `fingerprint` events grouped by calling script and judged
// (classify/fingerprint.h). Scripts are listed likely first, then possible, then the rest; by URL
// within a verdict. Inline scripts (no URL) are grouped per document host.
#include <algorithm>
#include <map>

#include "analyze/stages.h"
#include "trackscope/classify/fingerprint.h"
#include "trackscope/url/url.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope {

void AnalyzeFingerprinting(const Capture& capture, const AnalyzeOptions&, Report& report) {
  // (script URL, host of an inline script's document) -> its calls.
  std::map<std::pair<std::string, std::string>, std::vector<FingerprintCall>> by_script;
  for (const ScriptEvent& e : capture.events) {
    if (e.kind != EventKind::kFingerprint || e.api.empty()) continue;
    std::string inline_host;
    if (e.script_url.empty()) {
      Result<Url> frame = Url::Parse(e.frame_url.empty() ? report.page_url : e.frame_url);
      inline_host = frame.ok() ? std::string(frame.value().host()) : report.page_host;
    }
    by_script[{e.script_url, inline_host}].push_back({e.api, e.key, e.count, e.canvas});
  }
  for (auto& [key, calls] : by_script) {
    ReportFingerprintScript& s = report.fingerprinting.emplace_back();
    s.script_url = key.first;
    s.host = key.second;
    if (!s.script_url.empty()) {
      if (Result<Url> u = Url::Parse(s.script_url); u.ok()) s.host = std::string(u.value().host());
    }
    s.party = s.host.empty() ? Party::kFirst : PartyOf(s.host, report.page_host);
    if (std::optional<Vendor> v = LookupVendor(s.host)) s.vendor = std::string(v->name);
    s.assessment = AssessFingerprinting(calls);
    report.summary.fingerprinting_scripts += s.assessment.verdict == FingerprintVerdict::kLikely;
    report.summary.possible_fingerprinting_scripts += s.assessment.verdict == FingerprintVerdict::kPossible;
  }
  std::stable_sort(report.fingerprinting.begin(), report.fingerprinting.end(),
                   [](const ReportFingerprintScript& a, const ReportFingerprintScript& b) {
                     return a.assessment.verdict > b.assessment.verdict;
                   });
}

}  // namespace trackscope
