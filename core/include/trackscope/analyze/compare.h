// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Comparisons of two or three loads of one page, item by item (by the items' stable ids):
//
//  - Does a site honour Do Not Track / Global Privacy Control? Judged by behaviour: a load without
//    the signal ("off") and one with it ("on"). JSON: "trackscope-signal-comparison" (REPORT.md).
//  - What does a visitor get before answering the consent banner, after rejecting, after
//    accepting? The "none" load and the loads after each answer. JSON:
//    "trackscope-consent-comparison" (REPORT.md).
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
  std::string id;    // the item's or tracker's id (Report::items, ::trackers)
  std::string kind;  // "cookie", "beacon", "storage", "tracker"
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

// --- Consent phases ---
//
//   ConsentPhases phases{.none = &none_report, .reject = &reject_report};
//   phases.unmeasured[kAccept] = "no consent banner recognised";  // when the answer failed
//   ConsentComparison c = CompareConsent(phases);
//   c.message == "OneTrust banner: 4 tracking items before consent; 2 tracking items after \"reject all\"; ..."
//
// Tracking items (analytics, advertising or social cookies, beacons and storage items) of each
// phase; those of the answered phases say whether they were there before the answer. Counts per
// policy category (of the "none" report's policy) and phase.

enum ConsentPhase : uint8_t { kConsentNone, kConsentReject, kConsentAccept, kConsentPhaseCount };
std::string_view ConsentPhaseName(ConsentPhase phase);  // "none", "reject", "accept"

struct ConsentPhases {
  const Report* none = nullptr;     // required
  const Report* reject = nullptr;   // null: not run, or not measured (then `unmeasured` says why)
  const Report* accept = nullptr;
  std::string unmeasured[kConsentPhaseCount];  // why a phase that ran has no report ("banner not-found")
  std::string cmp;                             // the consent manager the front end recognised, or ""
};

struct PhaseCounts {
  int cookies = 0, beacons = 0, storage = 0;
};

struct ConsentCategoryCounts {
  PolicyCategory category;
  std::optional<PhaseCounts> phases[kConsentPhaseCount];  // nullopt: the phase has no report
};

struct PhaseItem {
  ComparedItem item;
  bool before_consent = false;  // also there in the "none" phase
};

struct ConsentComparison {
  std::string cmp;
  std::vector<ConsentCategoryCounts> categories;
  std::vector<ComparedItem> before_consent;                // tracking items of "none"
  std::optional<std::vector<PhaseItem>> after_reject;      // nullopt: not run or not measured
  std::optional<std::vector<PhaseItem>> after_accept;
  bool ran[kConsentPhaseCount] = {true, false, false};
  std::string message;  // one sentence
};

ConsentComparison CompareConsent(const ConsentPhases& phases);
std::string ConsentComparisonToJson(const ConsentComparison& comparison, int indent = -1);

// Parses and analyses the captures of the phases that have one (`none` required; `reject`,
// `accept` empty when absent), each with its consent state set ("none", "rejected", "accepted"),
// compares them and returns {"comparison": ..., "none": report, "reject": report|null,
// "accept": report|null} as compact JSON. `unmeasured` and `cmp` as in ConsentPhases. Errors
// name the phase in their path ("reject: $.page.url").
Result<std::string> CompareConsentJson(std::string_view none_json, std::string_view reject_json, std::string_view accept_json,
                                       const ConsentPhases& notes, const AnalyzeOptions& options = {});

}  // namespace trackscope

#endif  // TRACKSCOPE_ANALYZE_COMPARE_H_
