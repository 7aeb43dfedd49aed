// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// SignalComparisonToJson (REPORT.md, "Signal comparison").
#include <nlohmann/json.hpp>

#include "trackscope/analyze/compare.h"

namespace trackscope {
namespace {

using Json = nlohmann::ordered_json;

Json ItemsJson(const std::vector<ComparedItem>& items) {
  Json out = Json::array();
  for (const ComparedItem& i : items) {
    out.push_back(Json{{"kind", i.kind}, {"name", i.name}, {"site", i.site}, {"party", PartyName(i.party)},
                       {"vendor", i.vendor.empty() ? Json(nullptr) : Json(i.vendor)}, {"purpose", PurposeName(i.purpose)},
                       {"tracking", i.tracking}});
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

}  // namespace trackscope
