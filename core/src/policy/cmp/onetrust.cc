// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// OneTrust's cookie list: the JSON its banner script fetches for the visitor's ruleset and language
// (cdn.cookielaw.org/consent/<id>/<ruleset>/en.json):
//
//   {"DomainData": {"Groups": [{"CustomGroupId": "C0002", "OptanonGroupId": "2", "GroupName": "Performance Cookies",
//       "FirstPartyCookies": [{"Name": "_ga", "Host": "shop.example", "IsSession": false, "Length": "730"}],
//       "Hosts": [{"HostName": "adnet.example", "Cookies": [{"Name": "uid", "Host": "adnet.example", …}]}],
//       "Parent": ""}]}}
//
// A group's category: its standard id (C0001 … C0005, or 1 … 5 in older documents), else its
// parent group's, else its name's keywords (PurposeOfCmpCategory). `Length` counts days;
// `IsSession` true (or "1") makes a session cookie. (OneTrust's other layout, inlined in
// consent/<id>.js, is JavaScript rather than JSON and is not read.)
#include <nlohmann/json.hpp>

#include "policy/cmp/readers.h"
#include "trackscope/policy/consent_manager.h"

namespace trackscope::cmp {
namespace {

using Json = nlohmann::json;

std::string Text(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return {};
}

bool Truthy(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number()) return it->get<double>() != 0;
  return it->is_string() && TruthyText(it->get_ref<const std::string&>());
}

// The group's standard id or name, for PurposeOfCmpCategory.
std::string GroupLabel(const Json& g) {
  for (const char* key : {"CustomGroupId", "OptanonGroupId"}) {
    const std::string id = Text(g, key);
    if (!id.empty() && PurposeOfCmpCategory(id) != Purpose::kUnclassified) return id;
  }
  return Text(g, "GroupName");
}

void AddCookies(const Json& list, Purpose purpose, const std::string& where, const std::string& host_default, std::vector<Entry>& out) {
  if (!list.is_array()) return;
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& c = list[i];
    if (!c.is_object()) continue;
    Entry e;
    e.name = Text(c, "Name");
    if (e.name.empty()) continue;
    e.purpose = purpose;
    std::string host = Text(c, "Host");
    if (host.empty()) host = host_default;
    if (!host.empty()) e.domains.push_back(host);
    if (Truthy(c, "IsSession")) {
      e.lifetime_days = 0.0;
    } else if (const std::string length = Text(c, "Length"); !length.empty() && length != "0") {
      e.lifetime_days = ParseLifetime(length + " days");
    }
    e.where = where + "[" + std::to_string(i) + "]";
    out.push_back(std::move(e));
  }
}

}  // namespace

std::optional<Error> ReadOneTrust(std::string_view body, std::vector<Entry>& out) {
  const Json doc = Json::parse(body.begin(), body.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return Error{"", "not a JSON object"};
  const std::string base = "$.DomainData.Groups";
  const Json* groups = nullptr;
  if (auto dd = doc.find("DomainData"); dd != doc.end() && dd->is_object()) {
    if (auto g = dd->find("Groups"); g != dd->end() && g->is_array()) groups = &*g;
  }
  if (!groups) return Error{"", "no OneTrust cookie groups ($.DomainData.Groups) in the document"};
  // A group without a category of its own takes its parent's (named by id).
  auto label_of = [&](const Json& g) {
    std::string label = GroupLabel(g);
    if (PurposeOfCmpCategory(label) != Purpose::kUnclassified) return label;
    auto parent = g.find("Parent");
    if (parent != g.end() && parent->is_string() && !parent->get_ref<const std::string&>().empty()) {
      for (const Json& other : *groups) {
        if (other.is_object() && (Text(other, "CustomGroupId") == *parent || Text(other, "OptanonGroupId") == *parent)) return GroupLabel(other);
      }
      return parent->get<std::string>();
    }
    return label;
  };
  for (size_t gi = 0; gi < groups->size(); ++gi) {
    const Json& g = (*groups)[gi];
    if (!g.is_object()) continue;
    const Purpose purpose = PurposeOfCmpCategory(label_of(g));
    const std::string where = base + "[" + std::to_string(gi) + "]";
    if (auto first = g.find("FirstPartyCookies"); first != g.end()) AddCookies(*first, purpose, where + ".FirstPartyCookies", "", out);
    if (auto hosts = g.find("Hosts"); hosts != g.end() && hosts->is_array()) {
      for (size_t hi = 0; hi < hosts->size(); ++hi) {
        const Json& h = (*hosts)[hi];
        if (!h.is_object()) continue;
        if (auto cookies = h.find("Cookies"); cookies != h.end()) {
          AddCookies(*cookies, purpose, where + ".Hosts[" + std::to_string(hi) + "].Cookies", Text(h, "HostName"), out);
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace trackscope::cmp
