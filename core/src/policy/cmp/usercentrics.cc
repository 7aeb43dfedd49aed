// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Usercentrics publishes a site's declaration in two documents that its banner fetches:
//
//   settings   api.usercentrics.eu/settings/<settingsId>/latest/<lang>.json
//              {"categories": [{"categorySlug": "marketing", "label": "Marketing", "isEssential": false}],
//               "consentTemplates": [{"templateId": "HkocEodjb7", "version": "1.2.3", "categorySlug": "marketing"}]}
//   services   aggregator.service.usercentrics.eu/aggregate/<lang>?templates=HkocEodjb7@1.2.3,…
//              {"templates": [{"templateId": "HkocEodjb7", "dataProcessor": "Google Analytics",
//                 "deviceStorage": {"disclosures": [{"identifier": "_ga", "type": "cookie",
//                                                    "maxAgeSeconds": 63072000, "domain": ".shop.example"}]}}]}
//
// A disclosure's category is its service's in the settings (by templateId), that category's slug
// or label read by PurposeOfCmpCategory, an `isEssential` category being necessary. `type` is the
// IAB device-storage type ("cookie", "web", "app"; 0, 1, 2 in older documents); `maxAgeSeconds`
// 0 or less = a session cookie, as in the IAB disclosure format; domain "*" = any.
#include <map>
#include <nlohmann/json.hpp>

#include "base/json_util.h"
#include "policy/cmp/readers.h"
#include "trackscope/policy/consent_manager.h"

namespace trackscope::cmp {
namespace {

using Json = nlohmann::json;


}  // namespace

std::optional<Error> UsercentricsReader::Add(std::string_view body) {
  const Json doc = Json::parse(body.begin(), body.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return Error{"", "not a JSON object"};
  auto templates = doc.find("consentTemplates");
  auto details = doc.find("templates");
  if (templates != doc.end() && templates->is_array()) {
    std::map<std::string, Purpose> by_slug;
    if (auto cats = doc.find("categories"); cats != doc.end() && cats->is_array()) {
      for (const Json& c : *cats) {
        if (!c.is_object()) continue;
        const auto essential = c.find("isEssential");
        Purpose p = essential != c.end() && essential->is_boolean() && essential->get<bool>() ? Purpose::kNecessary : PurposeOfCmpCategory(StringMember(c, "categorySlug"));
        if (p == Purpose::kUnclassified) p = PurposeOfCmpCategory(StringMember(c, "label"));
        by_slug[StringMember(c, "categorySlug")] = p;
      }
    }
    auto add = [&](const Json& t) {
      if (!t.is_object()) return;
      const std::string slug = StringMember(t, "categorySlug");
      auto known = by_slug.find(slug);
      purposes_[StringMember(t, "templateId")] = known != by_slug.end() ? known->second : PurposeOfCmpCategory(slug);
    };
    for (const Json& t : *templates) {
      add(t);
      if (auto sub = t.find("subConsents"); t.is_object() && sub != t.end() && sub->is_array()) {
        for (const Json& s : *sub) add(s);
      }
    }
    return std::nullopt;
  }
  if (details != doc.end() && details->is_array()) {
    for (size_t ti = 0; ti < details->size(); ++ti) {
      const Json& t = (*details)[ti];
      if (!t.is_object()) continue;
      auto storage = t.find("deviceStorage");
      if (storage == t.end() || !storage->is_object()) continue;
      auto disclosures = storage->find("disclosures");
      if (disclosures == storage->end() || !disclosures->is_array()) continue;
      for (size_t di = 0; di < disclosures->size(); ++di) {
        const Json& d = (*disclosures)[di];
        if (!d.is_object() || StringMember(d, "identifier").empty()) continue;
        Pending p;
        p.template_id = StringMember(t, "templateId");
        Entry& e = p.entry;
        e.name = StringMember(d, "identifier");
        const auto type = d.find("type");
        const bool cookie = type == d.end() || (type->is_string() && *type == "cookie") || (type->is_number() && type->get<double>() == 0);
        e.type = cookie ? EntryType::kCookie : EntryType::kStorage;
        if (auto age = d.find("maxAgeSeconds"); age != d.end() && age->is_number()) {
          const double seconds = age->get<double>();
          e.lifetime_days = seconds <= 0 ? 0.0 : seconds / 86400;
        }
        if (const std::string domain = StringMember(d, "domain"); !domain.empty() && domain != "*") e.domains.push_back(domain);
        e.where = "$.templates[" + std::to_string(ti) + "].deviceStorage.disclosures[" + std::to_string(di) + "]";
        pending_.push_back(std::move(p));
      }
    }
    return std::nullopt;
  }
  return Error{"", "neither Usercentrics settings ($.consentTemplates) nor service details ($.templates)"};
}

void UsercentricsReader::Finish(std::vector<Entry>& out) {
  for (Pending& p : pending_) {
    auto known = purposes_.find(p.template_id);
    p.entry.purpose = known != purposes_.end() ? known->second : Purpose::kUnclassified;
    out.push_back(std::move(p.entry));
  }
  pending_.clear();
}

}  // namespace trackscope::cmp
