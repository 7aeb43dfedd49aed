// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// CompareSignals (the signal-off / signal-on comparison) and CompareConsent (the consent phases):
// rules in analyze/compare.h.
#include "trackscope/analyze/compare.h"

#include <algorithm>
#include <unordered_set>

#include "analyze/tracking_items.h"

namespace trackscope {
namespace {

ComparedItem ToCompared(const TrackedItem& t) {
  return ComparedItem{t.key, std::string(TrackedKindName(t.kind)), t.name, t.site, t.party, t.vendor, t.purpose, t.tracking};
}

ComparedItem ToCompared(const ReportItem& i) {
  return ComparedItem{i.id, std::string(ItemKindName(i.kind)), i.name, i.site, i.party, i.vendor, i.purpose, i.tracking};
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

namespace {

// One load of a comparison: parsed and analysed, errors prefixed with the load's name.
Result<Report> AnalyzeLoad(std::string_view json, std::string_view which, const AnalyzeOptions& options,
                           std::optional<ConsentState> consent = std::nullopt) {
  Result<Capture> capture = ParseCapture(json);
  if (!capture.ok()) return Error{std::string(which) + ": " + capture.error().path, capture.error().message};
  if (consent) capture.value().consent = *consent;
  Result<Report> report = Analyze(capture.value(), options);
  if (!report.ok()) return Error{std::string(which) + ": " + report.error().path, report.error().message};
  return report;
}

}  // namespace

Result<std::string> CompareSignalsJson(std::string_view capture_off_json, std::string_view capture_on_json, Signal signal,
                                       const AnalyzeOptions& options) {
  Result<Report> off = AnalyzeLoad(capture_off_json, "off", options);
  if (!off.ok()) return off.error();
  Result<Report> on = AnalyzeLoad(capture_on_json, "on", options);
  if (!on.ok()) return on.error();
  const SignalComparison c = CompareSignals(off.value(), on.value(), signal);
  return "{\"comparison\":" + SignalComparisonToJson(c) + ",\"off\":" + ReportToJson(off.value()) +
         ",\"on\":" + ReportToJson(on.value()) + "}";
}

// --- Consent phases ---

std::string_view ConsentPhaseName(ConsentPhase phase) {
  constexpr std::string_view kNames[] = {"none", "reject", "accept"};
  return kNames[phase];
}

namespace {

std::vector<ComparedItem> TrackingItems(const Report& r) {
  std::vector<ComparedItem> out;
  for (const ReportItem& i : r.items) {
    if (i.tracking) out.push_back(ToCompared(i));
  }
  return out;
}

std::string ConsentMessage(const ConsentComparison& c, const ConsentPhases& p) {
  std::string out = c.cmp.empty() ? "" : c.cmp + " banner: ";
  out += Plural(static_cast<int>(c.before_consent.size()), "tracking item") + " before consent";
  const std::pair<ConsentPhase, const std::optional<std::vector<PhaseItem>>*> answered[] = {
      {kConsentReject, &c.after_reject}, {kConsentAccept, &c.after_accept}};
  for (const auto& [phase, items] : answered) {
    if (!c.ran[phase]) continue;
    const std::string after = phase == kConsentReject ? "after \"reject all\"" : "after \"accept all\"";
    if (!items->has_value()) {
      out += "; " + after + ": not measured (" + p.unmeasured[phase] + ")";
    } else {
      out += "; " + Plural(static_cast<int>((*items)->size()), "tracking item") + " " + after;
    }
  }
  return out;
}

}  // namespace

ConsentComparison CompareConsent(const ConsentPhases& p) {
  ConsentComparison c;
  c.cmp = p.cmp;
  const Report* reports[kConsentPhaseCount] = {p.none, p.reject, p.accept};
  for (int phase = kConsentReject; phase < kConsentPhaseCount; ++phase) {
    c.ran[phase] = reports[phase] != nullptr || !p.unmeasured[phase].empty();
  }
  for (const ReportCategory& rc : p.none->policy_categories) {
    ConsentCategoryCounts& counts = c.categories.emplace_back();
    counts.category = rc.category;
    for (int phase = 0; phase < kConsentPhaseCount; ++phase) {
      if (!reports[phase]) continue;
      // By category id: every phase is analysed under the same policy.
      for (const ReportCategory& other : reports[phase]->policy_categories) {
        if (other.category.id == rc.category.id) counts.phases[phase] = PhaseCounts{other.cookies, other.beacons, other.storage};
      }
      if (!counts.phases[phase]) counts.phases[phase] = PhaseCounts{};
    }
  }
  c.before_consent = TrackingItems(*p.none);
  std::unordered_set<std::string> before;
  for (const ComparedItem& i : c.before_consent) before.insert(i.id);
  auto after = [&](const Report* r) -> std::optional<std::vector<PhaseItem>> {
    if (!r) return std::nullopt;
    std::vector<PhaseItem> out;
    for (ComparedItem& i : TrackingItems(*r)) {
      const bool was = before.count(i.id) > 0;
      out.push_back(PhaseItem{std::move(i), was});
    }
    return out;
  };
  c.after_reject = after(p.reject);
  c.after_accept = after(p.accept);
  c.message = ConsentMessage(c, p);
  return c;
}

Result<std::string> CompareConsentJson(std::string_view none_json, std::string_view reject_json, std::string_view accept_json,
                                       const ConsentPhases& notes, const AnalyzeOptions& options) {
  Result<Report> none = AnalyzeLoad(none_json, "none", options, ConsentState::kNone);
  if (!none.ok()) return none.error();
  std::optional<Report> answered[kConsentPhaseCount];
  const std::string_view jsons[kConsentPhaseCount] = {none_json, reject_json, accept_json};
  const ConsentState states[kConsentPhaseCount] = {ConsentState::kNone, ConsentState::kRejected, ConsentState::kAccepted};
  for (int phase = kConsentReject; phase < kConsentPhaseCount; ++phase) {
    if (jsons[phase].empty()) continue;
    Result<Report> r = AnalyzeLoad(jsons[phase], ConsentPhaseName(static_cast<ConsentPhase>(phase)), options, states[phase]);
    if (!r.ok()) return r.error();
    answered[phase] = std::move(r).value();
  }
  ConsentPhases phases = notes;
  phases.none = &none.value();
  phases.reject = answered[kConsentReject] ? &*answered[kConsentReject] : nullptr;
  phases.accept = answered[kConsentAccept] ? &*answered[kConsentAccept] : nullptr;
  const ConsentComparison c = CompareConsent(phases);
  auto json = [](const Report* r) { return r ? ReportToJson(*r) : std::string("null"); };
  return "{\"comparison\":" + ConsentComparisonToJson(c) + ",\"none\":" + ReportToJson(none.value()) +
         ",\"reject\":" + json(phases.reject) + ",\"accept\":" + json(phases.accept) + "}";
}

}  // namespace trackscope
