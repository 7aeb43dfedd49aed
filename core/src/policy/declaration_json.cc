// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The "declaration" of a policy file:
//
//   "declaration": {
//     "source": "Cookiebot declaration https://…",              optional: where it was converted from
//     "consent": "opt-in",                                     optional, default opt-in
//     "categories": {                                          keys: the policy's category ids
//       "marketing": {"vendors": ["adnet.example", {"name": "Google Analytics", "domains": [...]}],
//                     "cookies": ["adnet_uid", "_ga_*", {"name": "uid", "domain": "adnet.example",
//                                                        "lifetime": "90 days"}],
//                     "beacons": ["pixel.adnet.example/px.gif"]}
//     }
//   }
#include <algorithm>
#include <cmath>

#include "base/json_util.h"
#include "base/time_util.h"
#include "policy/declaration_json.h"

#include "trackscope/url/host.h"

namespace trackscope {
namespace {

using Json = nlohmann::json;

// A host name or domain as written in a declaration -> canonical.
Result<std::string> Domain(const Json& j, const std::string& path) {
  if (!j.is_string()) return Error{path, std::string("expected a domain name, got ") + JsonTypeName(j)};
  std::string_view text = j.get_ref<const std::string&>();
  if (!text.empty() && text.front() == '.') text.remove_prefix(1);
  Result<Host> host = CanonicalizeHost(text);
  if (!host.ok()) return Error{path, "not a domain name (" + host.error().message + ")"};
  return host.value().text;
}

std::optional<Error> ReadCookie(const Json& j, const std::string& path, size_t category, Declaration& out) {
  DeclaredCookie c;
  c.category = category;
  if (j.is_string()) {
    c.name = j.get<std::string>();
  } else if (j.is_object()) {
    if (auto e = CheckKnownKeys(j, path, {"name", "domain", "lifetime"})) return e;
    auto name = j.find("name");
    if (name == j.end()) return Error{path + ".name", "required field is missing"};
    if (!name->is_string()) return Error{path + ".name", std::string("expected a string, got ") + JsonTypeName(*name)};
    c.name = name->get<std::string>();
    if (auto domain = j.find("domain"); domain != j.end()) {
      Result<std::string> d = Domain(*domain, path + ".domain");
      if (!d.ok()) return d.error();
      c.domain = d.value();
    }
    if (auto lifetime = j.find("lifetime"); lifetime != j.end()) {
      if (!lifetime->is_string()) return Error{path + ".lifetime", std::string("expected a lifetime such as \"1 year\", got ") + JsonTypeName(*lifetime)};
      c.lifetime_days = ParseLifetime(lifetime->get_ref<const std::string&>());
      if (!c.lifetime_days) {
        return Error{path + ".lifetime", "not a lifetime: \"" + lifetime->get<std::string>() +
                                             "\" (write \"session\", \"persistent\" or a number and a unit: \"13 months\")"};
      }
    }
  } else {
    return Error{path, std::string("expected a cookie name or {\"name\", \"domain\"}, got ") + JsonTypeName(j)};
  }
  if (c.name.empty()) return Error{path, "empty cookie name"};
  out.cookies.push_back(std::move(c));
  return std::nullopt;
}

std::optional<Error> ReadVendor(const Json& j, const std::string& path, size_t category, Declaration& out) {
  DeclaredVendor v;
  v.category = category;
  if (j.is_string()) {
    Result<std::string> d = Domain(j, path);
    if (!d.ok()) return d.error();
    v.domains.push_back(d.value());
  } else if (j.is_object()) {
    if (auto e = CheckKnownKeys(j, path, {"name", "domains"})) return e;
    if (auto name = j.find("name"); name != j.end()) {
      if (!name->is_string()) return Error{path + ".name", std::string("expected a string, got ") + JsonTypeName(*name)};
      v.name = name->get<std::string>();
    }
    if (auto domains = j.find("domains"); domains != j.end()) {
      if (!domains->is_array()) return Error{path + ".domains", std::string("expected an array, got ") + JsonTypeName(*domains)};
      for (size_t i = 0; i < domains->size(); ++i) {
        Result<std::string> d = Domain((*domains)[i], path + ".domains[" + std::to_string(i) + "]");
        if (!d.ok()) return d.error();
        v.domains.push_back(d.value());
      }
    }
    if (v.name.empty() && v.domains.empty()) return Error{path, "a vendor needs a name or domains"};
  } else {
    return Error{path, std::string("expected a domain or {\"name\", \"domains\"}, got ") + JsonTypeName(j)};
  }
  out.vendors.push_back(std::move(v));
  return std::nullopt;
}

std::optional<Error> ReadBeacon(const Json& j, const std::string& path, size_t category, Declaration& out) {
  if (!j.is_string()) return Error{path, std::string("expected \"host/path\", got ") + JsonTypeName(j)};
  std::string_view text = j.get_ref<const std::string&>();
  for (std::string_view scheme : {"https://", "http://"}) {
    if (text.substr(0, scheme.size()) == scheme) text.remove_prefix(scheme.size());
  }
  const size_t slash = text.find('/');
  DeclaredBeacon b;
  b.category = category;
  Result<std::string> host = Domain(Json(std::string(text.substr(0, slash))), path);
  if (!host.ok()) return host.error();
  b.host = host.value();
  if (slash != std::string_view::npos) b.path_prefix = std::string(text.substr(slash));
  out.beacons.push_back(std::move(b));
  return std::nullopt;
}

}  // namespace

Result<Declaration> ParseDeclaration(const Json& j, const std::string& path, const std::map<std::string, size_t>& categories) {
  if (!j.is_object()) return Error{path, std::string("expected an object, got ") + JsonTypeName(j)};
  if (auto e = CheckKnownKeys(j, path, {"source", "consent", "categories"})) return *e;
  Declaration d;
  if (auto source = j.find("source"); source != j.end()) {
    if (!source->is_string()) return Error{path + ".source", std::string("expected a string, got ") + JsonTypeName(*source)};
    d.source = source->get<std::string>();
  }
  if (auto consent = j.find("consent"); consent != j.end()) {
    if (*consent == "opt-in") {
      d.consent = ConsentModel::kOptIn;
    } else if (*consent == "opt-out") {
      d.consent = ConsentModel::kOptOut;
    } else {
      return Error{path + ".consent", "expected \"opt-in\" or \"opt-out\""};
    }
  }
  auto cats = j.find("categories");
  if (cats == j.end()) return d;
  if (!cats->is_object()) return Error{path + ".categories", std::string("expected an object keyed by category id, got ") + JsonTypeName(*cats)};
  using Reader = std::optional<Error> (*)(const Json&, const std::string&, size_t, Declaration&);
  for (auto it = cats->begin(); it != cats->end(); ++it) {
    const std::string cpath = path + ".categories." + it.key();
    auto category = categories.find(it.key());
    if (category == categories.end()) return Error{cpath, "no category \"" + it.key() + "\" in $.categories"};
    if (!it->is_object()) return Error{cpath, std::string("expected an object, got ") + JsonTypeName(*it)};
    if (auto e = CheckKnownKeys(*it, cpath, {"vendors", "cookies", "beacons"})) return *e;
    for (auto [key, read] : {std::pair<const char*, Reader>{"vendors", ReadVendor}, std::pair<const char*, Reader>{"cookies", ReadCookie},
                             std::pair<const char*, Reader>{"beacons", ReadBeacon}}) {
      auto list = it->find(key);
      if (list == it->end()) continue;
      const std::string lpath = cpath + "." + key;
      if (!list->is_array()) return Error{lpath, std::string("expected an array, got ") + JsonTypeName(*list)};
      for (size_t i = 0; i < list->size(); ++i) {
        if (auto e = read((*list)[i], lpath + "[" + std::to_string(i) + "]", category->second, d)) return *e;
      }
    }
  }
  return d;
}

namespace {

// A declared lifetime as the policy file writes it, in words that ParseLifetime reads back:
// "session", "persistent", "2 years"; under a minute in whole seconds ("30 seconds", at least 1),
// where LifetimeWords says "less than a minute"; none or negative (a CMP's 0 or -1) "session".
std::string LifetimeText(double days) {
  if (!(days > 0)) return "session";
  if (days == kPersistentLifetime) return "persistent";
  if (days * 1440 < 1) {
    const long seconds = std::max(1L, std::lround(days * 86400));
    return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
  }
  return LifetimeWords(days);
}

}  // namespace

nlohmann::ordered_json DeclarationToJson(const Declaration& d, const std::vector<std::string>& category_ids) {
  using Ordered = nlohmann::ordered_json;
  Ordered out = Ordered::object();
  if (!d.source.empty()) out["source"] = d.source;
  out["consent"] = std::string(ConsentModelName(d.consent));
  Ordered cats = Ordered::object();
  auto category = [&](size_t i) -> Ordered& {
    Ordered& c = cats[i < category_ids.size() ? category_ids[i] : category_ids.front()];
    if (c.is_null()) c = Ordered::object();
    return c;
  };
  for (const DeclaredVendor& v : d.vendors) {
    Ordered entry = v.name.empty() && v.domains.size() == 1 ? Ordered(v.domains.front()) : Ordered::object();
    if (entry.is_object()) {
      if (!v.name.empty()) entry["name"] = v.name;
      if (!v.domains.empty()) entry["domains"] = v.domains;
    }
    category(v.category)["vendors"].push_back(std::move(entry));
  }
  for (const DeclaredCookie& c : d.cookies) {
    Ordered entry = c.domain.empty() && !c.lifetime_days ? Ordered(c.name) : Ordered{{"name", c.name}};
    if (!c.domain.empty()) entry["domain"] = c.domain;
    if (c.lifetime_days) entry["lifetime"] = LifetimeText(*c.lifetime_days);
    category(c.category)["cookies"].push_back(std::move(entry));
  }
  for (const DeclaredBeacon& b : d.beacons) category(b.category)["beacons"].push_back(b.host + b.path_prefix);
  out["categories"] = std::move(cats);
  return out;
}

}  // namespace trackscope
