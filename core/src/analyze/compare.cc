// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// CompareSignals: the signal-off / signal-on comparison (rules in analyze/compare.h).
#include "trackscope/analyze/compare.h"

#include <algorithm>
#include <unordered_set>

#include "analyze/tracking_items.h"

namespace trackscope {
namespace {

ComparedItem ToCompared(const TrackedItem& t) {
  return ComparedItem{std::string(TrackedKindName(t.kind)), t.name, t.site, t.party, t.vendor, t.purpose, t.tracking};
}

std::string Name(Signal s) { return s == Signal::kGpc ? "GPC" : "DNT"; }

std::string Plural(int n, std::string_view word) { return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s"); }

// The tracking items still there with the signal: "tracker x.example, cookie IDE, cookie _fbp (new)
// and 2 more".
std::string Remaining(const SignalComparison& c, size_t max = 3) {
  std::vector<std::string> names;
  auto add = [&](const ItemChanges& changes) {
    for (const ComparedItem& i : changes.persisting) {
      if (i.tracking) names.push_back(i.kind + " " + i.name);
    }
    for (const ComparedItem& i : changes.added) {
      if (i.tracking) names.push_back(i.kind + " " + i.name + " (new)");
    }
  };
  add(c.trackers);
  for (const CategoryChanges& cat : c.categories) add(cat.items);
  std::string out;
  for (size_t i = 0; i < names.size() && i < max; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > max) out += " and " + std::to_string(names.size() - max) + " more";
  return out;
}

void Judge(SignalComparison& c, const Report& off, const Report& on) {
  const std::string name = Name(c.signal);
  if (off.page_site != on.page_site) {
    c.verdict = SignalVerdict::kNotTestable;
    c.reason = "the two captures are of different sites (" + off.page_site + ", " + on.page_site + ")";
  } else if (c.sent_off) {
    c.reason = "the capture without the signal sent " + name + " too: there is no baseline";
  } else if (!c.sent_on) {
    c.reason = "the second capture did not send " + name + " (no capture flag, no request carrying the header)";
  } else if (c.tracking_off == 0) {
    c.reason = "without " + name + " the page had no tracking items, so there was nothing to stop";
  } else {
    const int remaining = c.tracking_persisting + c.tracking_added;
    const std::string still = Remaining(c);
    if (remaining == 0) {
      c.verdict = SignalVerdict::kHonoured;
      c.reason = "all " + Plural(c.tracking_off, "tracking item") + " seen without " + name + " were gone with it";
    } else if (c.tracking_dropped * 10 < c.tracking_off) {
      c.verdict = SignalVerdict::kNotHonoured;
      c.reason = std::to_string(c.tracking_dropped) + " of " + Plural(c.tracking_off, "tracking item") + " dropped with " +
                 name + "; still there: " + still;
    } else {
      c.verdict = SignalVerdict::kPartly;
      c.reason = std::to_string(c.tracking_dropped) + " of " + Plural(c.tracking_off, "tracking item") + " dropped with " +
                 name + "; still there: " + still;
    }
  }
}

void CompareDeclared(SignalComparison& c) {
  const std::string name = Name(c.signal);
  std::string sources;
  for (const auto& [source, stance] : c.declared_sources) {
    if (stance == c.declared) sources += (sources.empty() ? "" : ", ") + source;
  }
  const bool behaved = c.verdict == SignalVerdict::kHonoured;
  const bool misbehaved = c.verdict == SignalVerdict::kPartly || c.verdict == SignalVerdict::kNotHonoured;
  if (c.declared == SignalStance::kNotStated) {
    c.declared_message = "the site states no stance on " + name;
    if (c.policy_stance != SignalStance::kNotStated) {
      c.declared_message += " (the selected policy says " + std::string(SignalStanceName(c.policy_stance)) + ")";
    }
  } else if (c.verdict == SignalVerdict::kNotTestable) {
    c.declared_message = name + " declared " + std::string(SignalStanceName(c.declared)) + " (" + sources + "); behaviour not testable";
  } else if (c.declared == SignalStance::kHonoured && misbehaved) {
    c.contradiction = true;
    c.declared_message = name + " is declared honoured (" + sources + ") but behaviour says " +
                         std::string(SignalVerdictName(c.verdict));
  } else if (c.declared == SignalStance::kNotHonoured && behaved) {
    c.declared_message = name + " is declared not honoured (" + sources + ") yet the page honoured it";
  } else {
    c.declared_message = name + " declared " + std::string(SignalStanceName(c.declared)) + " (" + sources +
                         "), consistent with behaviour";
  }
}

}  // namespace

std::string_view SignalName(Signal s) { return s == Signal::kGpc ? "gpc" : "dnt"; }

std::optional<Signal> ParseSignal(std::string_view name) {
  if (name == "gpc") return Signal::kGpc;
  if (name == "dnt") return Signal::kDnt;
  return std::nullopt;
}

std::string_view SignalVerdictName(SignalVerdict v) {
  constexpr std::string_view kNames[] = {"not-testable", "honoured", "partly", "not-honoured"};
  return kNames[static_cast<size_t>(v)];
}

SignalComparison CompareSignals(const Report& off, const Report& on, Signal signal) {
  SignalComparison c;
  c.signal = signal;
  c.page_url_off = off.page_url;
  c.page_url_on = on.page_url;
  auto summary = [signal](const Report& r) -> const SignalSummary& { return signal == Signal::kGpc ? r.privacy.gpc : r.privacy.dnt; };
  c.sent_off = summary(off).sent;
  c.sent_on = summary(on).sent;
  c.declared = summary(on).declared;
  c.declared_sources = summary(on).sources;
  c.policy_stance = summary(on).policy_stance;

  const std::vector<TrackedItem> before = TrackedItems(off), after = TrackedItems(on);
  std::unordered_set<std::string> before_keys, after_keys;
  for (const TrackedItem& t : before) before_keys.insert(t.key);
  for (const TrackedItem& t : after) after_keys.insert(t.key);
  for (const ReportCategory& rc : on.policy_categories) c.categories.push_back({rc.category, {}});
  // Items are filed under the "on" report's categories (for dropped items: the "off" report's,
  // by category id, since both reports normally use the same policy).
  auto changes_for = [&](const TrackedItem& t, const Report& r) -> ItemChanges& {
    if (t.kind == TrackedKind::kTracker) return c.trackers;
    const std::string& id = r.policy_categories[t.category].category.id;
    auto it = std::find_if(c.categories.begin(), c.categories.end(), [&](const CategoryChanges& cc) { return cc.category.id == id; });
    if (it == c.categories.end()) it = c.categories.insert(c.categories.end(), {r.policy_categories[t.category].category, {}});
    return it->items;
  };
  for (const TrackedItem& t : before) {
    c.tracking_off += t.tracking;
    if (after_keys.count(t.key)) continue;
    changes_for(t, off).dropped.push_back(ToCompared(t));
    c.tracking_dropped += t.tracking;
  }
  for (const TrackedItem& t : after) {
    const bool persisting = before_keys.count(t.key) > 0;
    ItemChanges& changes = changes_for(t, on);
    (persisting ? changes.persisting : changes.added).push_back(ToCompared(t));
    (persisting ? c.tracking_persisting : c.tracking_added) += t.tracking;
  }
  Judge(c, off, on);
  CompareDeclared(c);
  return c;
}

Result<std::string> CompareSignalsJson(std::string_view capture_off_json, std::string_view capture_on_json, Signal signal,
                                       const AnalyzeOptions& options) {
  auto analyze = [&](std::string_view json, const std::string& which) -> Result<Report> {
    Result<Capture> capture = ParseCapture(json);
    if (!capture.ok()) return Error{which + ": " + capture.error().path, capture.error().message};
    Result<Report> report = Analyze(capture.value(), options);
    if (!report.ok()) return Error{which + ": " + report.error().path, report.error().message};
    return report;
  };
  Result<Report> off = analyze(capture_off_json, "off");
  if (!off.ok()) return off.error();
  Result<Report> on = analyze(capture_on_json, "on");
  if (!on.ok()) return on.error();
  const SignalComparison c = CompareSignals(off.value(), on.value(), signal);
  return "{\"comparison\":" + SignalComparisonToJson(c) + ",\"off\":" + ReportToJson(off.value()) +
         ",\"on\":" + ReportToJson(on.value()) + "}";
}

}  // namespace trackscope
