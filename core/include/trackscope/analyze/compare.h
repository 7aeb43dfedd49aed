// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Does a site honour Do Not Track / Global Privacy Control? Judged by behaviour: two reports of
// the same page, one loaded without the signal ("off") and one with it ("on"), compared item by
// item. JSON: "trackscope-signal-comparison" in core/src/report/REPORT.md.
//
//   Result<Report> off = Analyze(capture_without_gpc), on = Analyze(capture_with_gpc);
//   SignalComparison c = CompareSignals(off.value(), on.value(), Signal::kGpc);
//   c.verdict == SignalVerdict::kPartly;  c.reason == "1 of 3 tracking items ... dropped; 2 persist"
//
// Items (analyze/tracking_items.h) are cookies (name + domain), beacons (host + path) and
// trackers (third-party sites with a tracking cookie or beacon or a request on a filter list);
// *tracking* items are those whose purpose is analytics, advertising or social, and all trackers.
//
// Verdict rules, in order (T = tracking items without the signal; D = those gone with it; R =
// tracking items still there with it, persisting or new):
//   not-testable  the two pages are of different sites; or "off" sent the signal; or "on" did
//                 not send it (capture flag or request headers); or T = 0 (nothing to drop)
//   honoured      R = 0
//   not-honoured  D < 10% of T (nothing, or almost nothing, was dropped)
//   partly        otherwise
#ifndef TRACKSCOPE_ANALYZE_COMPARE_H_
#define TRACKSCOPE_ANALYZE_COMPARE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trackscope/analyze/analyze.h"
#include "trackscope/report/report.h"

namespace trackscope {

inline constexpr int kComparisonVersion = 1;

enum class Signal : uint8_t { kDnt, kGpc };
std::string_view SignalName(Signal signal);  // "dnt", "gpc"
std::optional<Signal> ParseSignal(std::string_view name);

enum class SignalVerdict : uint8_t { kNotTestable, kHonoured, kPartly, kNotHonoured };
std::string_view SignalVerdictName(SignalVerdict verdict);  // "not-testable", "honoured", "partly", "not-honoured"

struct ComparedItem {
  std::string kind;  // "cookie", "beacon", "tracker"
  std::string name;  // cookie name, beacon URL without query, tracker site
  std::string site;
  Party party = Party::kThird;
  std::string vendor;
  Purpose purpose = Purpose::kUnclassified;
  bool tracking = false;
};

struct ItemChanges {
  std::vector<ComparedItem> persisting;  // in both loads
  std::vector<ComparedItem> dropped;     // only without the signal
  std::vector<ComparedItem> added;       // only with the signal
};

struct CategoryChanges {
  PolicyCategory category;  // of the "on" report's policy
  ItemChanges items;        // its cookies and beacons
};

struct SignalComparison {
  Signal signal = Signal::kGpc;
  SignalVerdict verdict = SignalVerdict::kNotTestable;
  std::string reason;  // one sentence: why this verdict
  std::string page_url_off, page_url_on;
  bool sent_off = false, sent_on = false;
  int tracking_off = 0;         // T
  int tracking_dropped = 0;     // D
  int tracking_persisting = 0;  // tracking items in both
  int tracking_added = 0;       // tracking items only with the signal
  std::vector<CategoryChanges> categories;  // every category of the policy, in its order
  ItemChanges trackers;
  // What the site declares (the "on" report: policy stance, gpc.json, dnt-policy.txt, Tk).
  SignalStance declared = SignalStance::kNotStated;
  std::vector<std::pair<std::string, SignalStance>> declared_sources;
  // What the selected policy says (PrivacySignals' policy_stance): shown apart, never as the site's.
  SignalStance policy_stance = SignalStance::kNotStated;
  // The declared stance contradicts the verdict (declared honoured, verdict partly or not
  // honoured); `declared_message` explains, also when they agree.
  bool contradiction = false;
  std::string declared_message;
};

SignalComparison CompareSignals(const Report& off, const Report& on, Signal signal);

// JSON (REPORT.md, "Signal comparison"). `indent` < 0: compact.
std::string SignalComparisonToJson(const SignalComparison& comparison, int indent = -1);

// Parses and analyses both captures with `options`, compares them and returns
// {"comparison": ..., "off": report, "on": report} as compact JSON. Errors name the capture in
// their path ("off: $.page.url").
Result<std::string> CompareSignalsJson(std::string_view capture_off_json, std::string_view capture_on_json, Signal signal,
                                       const AnalyzeOptions& options = {});

}  // namespace trackscope

#endif  // TRACKSCOPE_ANALYZE_COMPARE_H_
