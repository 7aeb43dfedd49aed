// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// SignalComparisonToJson, ConsentComparisonToJson (REPORT.md, "Signal comparison", "Consent
// comparison").
#include <nlohmann/json.hpp>

#include "trackscope/analyze/compare.h"

namespace trackscope {
namespace {

using Json = nlohmann::ordered_json;

Json ItemJson(const ComparedItem& i) {
  return Json{{"id", i.id}, {"kind", i.kind}, {"name", i.name}, {"site", i.site}, {"party", PartyName(i.party)},
              {"vendor", i.vendor.empty() ? Json(nullptr) : Json(i.vendor)}, {"purpose", PurposeName(i.purpose)},
              {"tracking", i.tracking}};
}

Json ItemsJson(const std::vector<ComparedItem>& items) {
  Json out = Json::array();
  for (const ComparedItem& i : items) out.push_back(ItemJson(i));
  return out;
}

Json PhaseItemsJson(const std::optional<std::vector<PhaseItem>>& items) {
  if (!items) return nullptr;
  Json out = Json::array();
  for (const PhaseItem& i : *items) {
    Json j = ItemJson(i.item);
    j["beforeConsent"] = i.before_consent;
    out.push_back(std::move(j));
  }
  return out;
}

Json ChangesJson(const ItemChanges& c) {
  return Json{{"persisting", ItemsJson(c.persisting)}, {"dropped", ItemsJson(c.dropped)}, {"new", ItemsJson(c.added)}};
}

}  // namespace

std::string SignalComparisonToJson(const SignalComparison& c, int indent) {
  Json categories = Json::array();
  for (const CategoryChanges& cat : c.categories) {
    Json j{{"id", cat.category.id}, {"label", cat.category.label}};
    j.update(ChangesJson(cat.items));
    categories.push_back(std::move(j));
  }
  Json sources = Json::array();
  for (const auto& [source, stance] : c.declared_sources) sources.push_back(Json{{"source", source}, {"stance", SignalStanceName(stance)}});
  Json doc{
      {"format", "trackscope-signal-comparison"},
      {"version", kComparisonVersion},
      {"signal", SignalName(c.signal)},
      {"verdict", SignalVerdictName(c.verdict)},
      {"reason", c.reason},
      {"off", Json{{"url", c.page_url_off}, {"signalSent", c.sent_off}}},
      {"on", Json{{"url", c.page_url_on}, {"signalSent", c.sent_on}}},
      {"counts", Json{{"trackingWithout", c.tracking_off}, {"dropped", c.tracking_dropped},
                      {"persisting", c.tracking_persisting}, {"new", c.tracking_added}}},
      {"trackers", ChangesJson(c.trackers)},
      {"categories", std::move(categories)},
      {"declared", Json{{"stance", SignalStanceName(c.declared)}, {"sources", std::move(sources)},
                        {"contradiction", c.contradiction}, {"message", c.declared_message},
                        {"policyStance", SignalStanceName(c.policy_stance)}}},
  };
  return doc.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string ConsentComparisonToJson(const ConsentComparison& c, int indent) {
  Json categories = Json::array();
  for (const ConsentCategoryCounts& cat : c.categories) {
    Json j{{"id", cat.category.id}, {"label", cat.category.label}};
    for (int phase = 0; phase < kConsentPhaseCount; ++phase) {
      const auto& n = cat.phases[phase];
      j[std::string(ConsentPhaseName(static_cast<ConsentPhase>(phase)))] =
          n ? Json{{"cookies", n->cookies}, {"beacons", n->beacons}, {"storage", n->storage}} : Json(nullptr);
    }
    categories.push_back(std::move(j));
  }
  Json ran = Json::array();
  for (int phase = 0; phase < kConsentPhaseCount; ++phase) {
    if (c.ran[phase]) ran.push_back(ConsentPhaseName(static_cast<ConsentPhase>(phase)));
  }
  Json doc{
      {"format", "trackscope-consent-comparison"},
      {"version", kComparisonVersion},
      {"cmp", c.cmp.empty() ? Json(nullptr) : Json(c.cmp)},
      {"phases", std::move(ran)},
      {"message", c.message},
      {"categories", std::move(categories)},
      {"beforeConsent", ItemsJson(c.before_consent)},
      {"afterReject", PhaseItemsJson(c.after_reject)},
      {"afterAccept", PhaseItemsJson(c.after_accept)},
  };
  return doc.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace trackscope
