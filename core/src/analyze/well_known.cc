// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// gpc.json parsing (a deserialisation unit: nlohmann::json stays here), DNT policy matching, Tk.
#include "analyze/well_known.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/json_util.h"
#include <string>

#include "analyze/dnt_policy_table.h"
#include "base/digest.h"
#include "base/time_util.h"

namespace trackscope {
namespace {


bool Served(int status) { return status >= 200 && status < 300; }

std::string AbsentReason(int status) {
  return status == 0 ? "the fetch failed" : "the server answered HTTP " + std::to_string(status);
}

// "2024-01-15" or a full ISO 8601 time.
bool IsIsoDate(std::string_view s) {
  if (ParseIso8601(s)) return true;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

GpcJsonCheck CheckGpcJson(const std::optional<WellKnownResource>& resource) {
  GpcJsonCheck out;
  if (!resource) return out;
  out.http_status = resource->status;
  if (!Served(resource->status)) {
    out.status = GpcJsonStatus::kAbsent;
    out.reason = AbsentReason(resource->status);
    return out;
  }
  out.status = GpcJsonStatus::kInvalid;
  const nlohmann::json doc = nlohmann::json::parse(resource->body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    out.reason = "not JSON";
    return out;
  }
  // GPC spec 6: a JSON object whose "gpc" member is a boolean; "lastUpdate" an optional string.
  if (!doc.is_object()) {
    out.reason = std::string("expected a JSON object, got ") + JsonTypeName(doc);
    return out;
  }
  auto gpc = doc.find("gpc");
  if (gpc == doc.end()) {
    out.reason = "no \"gpc\" member";
    return out;
  }
  if (!gpc->is_boolean()) {
    out.reason = std::string("\"gpc\" must be true or false, got ") + JsonTypeName(*gpc);
    return out;
  }
  if (auto last = doc.find("lastUpdate"); last != doc.end()) {
    if (!last->is_string()) {
      out.reason = std::string("\"lastUpdate\" must be a string, got ") + JsonTypeName(*last);
      return out;
    }
    const std::string& text = last->get_ref<const std::string&>();
    if (IsIsoDate(text)) {
      out.last_update = text;
    } else {
      // The spec: an unparsable lastUpdate leaves the date unknown; the resource stays valid.
      out.reason = "\"lastUpdate\" \"" + text + "\" is not an ISO 8601 date: the date of the statement is unknown";
    }
  }
  out.status = GpcJsonStatus::kValid;
  out.gpc = gpc->get<bool>();
  return out;
}

std::string_view EffDntPolicyVersion(std::string_view sha1_hex) {
  const auto* begin = dnt_policy_table::kPolicies;
  const auto* end = begin + dnt_policy_table::kPolicyCount;
  const auto* it = std::lower_bound(begin, end, sha1_hex, [](const dnt_policy_table::Policy& p, std::string_view h) { return p.sha1 < h; });
  return it != end && it->sha1 == sha1_hex ? it->name : std::string_view();
}

size_t EffDntPolicyCount() { return dnt_policy_table::kPolicyCount; }
std::string_view EffDntPolicySource() { return dnt_policy_table::kSource; }

DntPolicyCheck CheckDntPolicy(const std::optional<WellKnownResource>& resource) {
  DntPolicyCheck out;
  if (!resource) return out;
  out.http_status = resource->status;
  if (!Served(resource->status)) {
    out.status = DntPolicyStatus::kAbsent;
    out.reason = AbsentReason(resource->status);
    return out;
  }
  out.sha1 = Sha1Hex(resource->body);
  out.version = std::string(EffDntPolicyVersion(out.sha1));
  if (!out.version.empty()) {
    out.status = DntPolicyStatus::kEff;
  } else {
    out.status = DntPolicyStatus::kNotEff;
    out.reason = "its SHA-1 matches none of the " + std::to_string(EffDntPolicyCount()) +
                 " EFF DNT policy versions: a modified or another text";
  }
  return out;
}

std::string_view TkMeaning(std::string_view value) {
  // W3C Tracking Preference Expression, 6.2.2 Tracking Status Value.
  struct Entry {
    std::string_view value, meaning;
  };
  static constexpr Entry kMeanings[] = {
      {"!", "under construction"}, {"?", "dynamic"},       {"G", "gateway"},
      {"N", "not tracking"},       {"T", "tracking"},      {"C", "tracking with consent"},
      {"P", "potential consent"},  {"D", "disregarding DNT"}, {"U", "updated"},
  };
  for (const Entry& e : kMeanings) {
    if (e.value == value) return e.meaning;
  }
  return "unknown value";
}

}  // namespace trackscope
