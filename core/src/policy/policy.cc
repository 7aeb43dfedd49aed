// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Policy documents: parsing, validation (errors with JSON paths), categorisation.
#include "trackscope/policy/policy.h"

#include <array>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "base/json_util.h"

#include "policy/declaration_json.h"

namespace trackscope {

extern const std::span<const BundledPolicy> kBundledPolicies;  // generated: bundled_policies.cc

namespace {

using Json = nlohmann::json;

constexpr std::array<std::string_view, 4> kKindNames = {"cookie", "beacon", "storage", "request"};
constexpr std::array<std::string_view, 3> kStanceNames = {"not-stated", "honoured", "not-honoured"};

bool IsId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

// Reads a string or an array of strings, each one of `names` (by index into `names`).
template <size_t N>
std::optional<Error> ReadSet(const Json& j, const std::string& path, const std::array<std::string_view, N>& names,
                             uint8_t& bits) {
  auto one = [&](const Json& item, const std::string& p) -> std::optional<Error> {
    if (!item.is_string()) return Error{p, std::string("expected a string, got ") + JsonTypeName(item)};
    const std::string& s = item.get_ref<const std::string&>();
    for (size_t i = 0; i < N; ++i) {
      if (names[i] == s) {
        bits |= static_cast<uint8_t>(1u << i);
        return std::nullopt;
      }
    }
    std::string allowed;
    for (std::string_view n : names) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
    return Error{p, "unknown value \"" + s + "\" (expected one of " + allowed + ")"};
  };
  if (j.is_array()) {
    if (j.empty()) return Error{path, "empty list"};
    for (size_t i = 0; i < j.size(); ++i) {
      if (auto e = one(j[i], path + "[" + std::to_string(i) + "]")) return e;
    }
    return std::nullopt;
  }
  return one(j, path);
}

std::optional<Error> ReadString(const Json& obj, const std::string& path, std::string_view key, std::string& out,
                                bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) return required ? std::optional<Error>(Error{path + "." + std::string(key), "required field is missing"}) : std::nullopt;
  if (!it->is_string()) return Error{path + "." + std::string(key), std::string("expected a string, got ") + JsonTypeName(*it)};
  out = it->get<std::string>();
  if (required && out.empty()) return Error{path + "." + std::string(key), "must not be empty"};
  return std::nullopt;
}

// "signals": {"dnt": stance, "gpc": stance} at $.signals.
std::optional<Error> ReadSignals(const Json& signals, SignalStance& dnt, SignalStance& gpc) {
  if (!signals.is_object()) return Error{"$.signals", std::string("expected an object, got ") + JsonTypeName(signals)};
  if (auto e = CheckKnownKeys(signals, "$.signals", {"dnt", "gpc"})) return *e;
  for (auto [key, target] : {std::pair{"dnt", &dnt}, std::pair{"gpc", &gpc}}) {
    if (!signals.contains(key)) continue;
    uint8_t bits = 0;
    if (auto e = ReadSet(signals[key], std::string("$.signals.") + key, kStanceNames, bits)) return *e;
    if (bits & (bits - 1)) return Error{std::string("$.signals.") + key, "expected one stance"};
    *target = static_cast<SignalStance>(bits == 1 ? 0 : bits == 2 ? 1 : 2);
  }
  return std::nullopt;
}

}  // namespace

std::string_view ItemKindName(ItemKind k) { return kKindNames[static_cast<size_t>(k)]; }
std::string_view SignalStanceName(SignalStance s) { return kStanceNames[static_cast<size_t>(s)]; }

Result<Policy> Policy::Parse(std::string_view json_text) {
  Json doc = Json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (doc.is_discarded()) return Error{"$", "malformed JSON"};
  if (!doc.is_object()) return Error{"$", std::string("expected a policy object, got ") + JsonTypeName(doc)};
  if (auto e = CheckKnownKeys(doc, "$", {"format", "version", "id", "name", "description", "categories", "rules", "signals", "declaration"})) {
    return *e;
  }
  Policy p;
  std::string format;
  if (auto e = ReadString(doc, "$", "format", format, true)) return *e;
  if (format != "trackscope-policy") return Error{"$.format", "expected \"trackscope-policy\", got \"" + format + "\""};
  auto version = doc.find("version");
  if (version == doc.end()) return Error{"$.version", "required field is missing"};
  if (!version->is_number_integer() || version->get<int64_t>() != 1) return Error{"$.version", "unsupported policy version (this core reads version 1)"};
  if (auto e = ReadString(doc, "$", "id", p.id_, true)) return *e;
  if (!IsId(p.id_)) return Error{"$.id", "use lower-case letters, digits, '-' and '_' (at most 64)"};
  if (auto e = ReadString(doc, "$", "name", p.name_, true)) return *e;
  if (auto e = ReadString(doc, "$", "description", p.description_, false)) return *e;

  auto categories = doc.find("categories");
  if (categories == doc.end()) return Error{"$.categories", "required field is missing"};
  if (!categories->is_array() || categories->empty()) return Error{"$.categories", "expected a non-empty array of categories"};
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < categories->size(); ++i) {
    const std::string path = "$.categories[" + std::to_string(i) + "]";
    const Json& c = (*categories)[i];
    if (!c.is_object()) return Error{path, std::string("expected an object, got ") + JsonTypeName(c)};
    if (auto e = CheckKnownKeys(c, path, {"id", "label", "description"})) return *e;
    PolicyCategory cat;
    if (auto e = ReadString(c, path, "id", cat.id, true)) return *e;
    if (!IsId(cat.id)) return Error{path + ".id", "use lower-case letters, digits, '-' and '_' (at most 64)"};
    if (auto e = ReadString(c, path, "label", cat.label, true)) return *e;
    if (auto e = ReadString(c, path, "description", cat.description, false)) return *e;
    if (!index.emplace(cat.id, i).second) return Error{path + ".id", "duplicate category \"" + cat.id + "\""};
    p.categories_.push_back(std::move(cat));
  }

  auto rules = doc.find("rules");
  if (rules == doc.end()) return Error{"$.rules", "required field is missing"};
  if (!rules->is_array() || rules->empty()) return Error{"$.rules", "expected a non-empty array of rules"};
  std::array<std::string_view, kPurposeCount> purpose_names;
  for (int i = 0; i < kPurposeCount; ++i) purpose_names[i] = PurposeName(static_cast<Purpose>(i));
  for (size_t i = 0; i < rules->size(); ++i) {
    const std::string path = "$.rules[" + std::to_string(i) + "]";
    const Json& r = (*rules)[i];
    if (!r.is_object()) return Error{path, std::string("expected an object, got ") + JsonTypeName(r)};
    if (auto e = CheckKnownKeys(r, path, {"kind", "purpose", "party", "lifetime", "category"})) return *e;
    Rule rule;
    std::string category;
    if (auto e = ReadString(r, path, "category", category, true)) return *e;
    auto it = index.find(category);
    if (it == index.end()) return Error{path + ".category", "no category \"" + category + "\" in $.categories"};
    rule.category = it->second;
    if (r.contains("kind")) {
      if (auto e = ReadSet(r["kind"], path + ".kind", kKindNames, rule.kinds)) return *e;
    }
    if (r.contains("purpose")) {
      if (auto e = ReadSet(r["purpose"], path + ".purpose", purpose_names, rule.purposes)) return *e;
    }
    if (r.contains("party")) {
      uint8_t bits = 0;
      if (auto e = ReadSet(r["party"], path + ".party", std::array<std::string_view, 2>{"first", "third"}, bits)) return *e;
      rule.party = bits == 3 ? -1 : bits == 1 ? 0 : 1;
    }
    if (r.contains("lifetime")) {
      uint8_t bits = 0;
      if (auto e = ReadSet(r["lifetime"], path + ".lifetime", std::array<std::string_view, 2>{"session", "persistent"}, bits)) return *e;
      rule.persistent = bits == 3 ? -1 : bits == 1 ? 0 : 1;
    }
    p.rules_.push_back(rule);
  }

  if (auto signals = doc.find("signals"); signals != doc.end()) {
    if (auto e = ReadSignals(*signals, p.dnt_, p.gpc_)) return *e;
  }

  if (auto declaration = doc.find("declaration"); declaration != doc.end()) {
    Result<Declaration> d = ParseDeclaration(*declaration, "$.declaration", index);
    if (!d.ok()) return d.error();
    p.declaration_ = std::move(d).value();
  }

  // Coverage: every combination must land in some category.
  for (int k = 0; k < static_cast<int>(kKindNames.size()); ++k) {
    for (int pu = 0; pu < kPurposeCount; ++pu) {
      for (int party = 0; party < 2; ++party) {
        for (int persistent = 0; persistent < 2; ++persistent) {
          PolicyItem item{static_cast<ItemKind>(k), static_cast<Purpose>(pu), static_cast<Party>(party), persistent == 1};
          if (!p.Find(item)) {
            return Error{"$.rules", std::string("no rule covers ") + (persistent ? "persistent " : "session ") +
                                        (party ? "third-party " : "first-party ") + std::string(kKindNames[k]) + " items of purpose " +
                                        std::string(PurposeName(item.purpose))};
          }
        }
      }
    }
  }
  return p;
}

Result<Policy> Policy::WithDeclaration(std::string_view json_text) const {
  Json doc = Json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (doc.is_discarded()) return Error{"$", "malformed JSON"};
  if (!doc.is_object()) return Error{"$", std::string("expected a declaration object, got ") + JsonTypeName(doc)};
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < categories_.size(); ++i) index.emplace(categories_[i].id, i);
  Policy p = *this;
  p.bundled_ = false;
  auto wrapped = doc.find("declaration");
  if (wrapped != doc.end()) {
    if (auto e = CheckKnownKeys(doc, "$", {"declaration", "signals"})) return *e;
  }
  Result<Declaration> d = wrapped != doc.end() ? ParseDeclaration(*wrapped, "$.declaration", index) : ParseDeclaration(doc, "$", index);
  if (!d.ok()) return d.error();
  p.declaration_ = std::move(d).value();
  if (bundled_) p.dnt_ = p.gpc_ = SignalStance::kNotStated;
  if (wrapped != doc.end()) {
    if (auto signals = doc.find("signals"); signals != doc.end()) {
      if (auto e = ReadSignals(*signals, p.dnt_, p.gpc_)) return *e;
    }
  }
  return p;
}

std::string Policy::DeclarationDocument(const Declaration& declaration, int indent) const {
  std::vector<std::string> ids;
  for (const PolicyCategory& c : categories_) ids.push_back(c.id);
  return nlohmann::ordered_json{{"declaration", DeclarationToJson(declaration, ids)}}.dump(indent, ' ', false, Json::error_handler_t::replace);
}

Policy Policy::WithDeclaration(Declaration declaration) const {
  Policy p = *this;
  p.bundled_ = false;
  p.declaration_ = std::move(declaration);
  if (bundled_) p.dnt_ = p.gpc_ = SignalStance::kNotStated;
  return p;
}

std::optional<size_t> Policy::Find(const PolicyItem& item) const {
  for (const Rule& r : rules_) {
    if (r.kinds && !(r.kinds & (1u << static_cast<int>(item.kind)))) continue;
    if (r.purposes && !(r.purposes & (1u << static_cast<int>(item.purpose)))) continue;
    if (r.party >= 0 && r.party != static_cast<int>(item.party)) continue;
    if (r.persistent >= 0 && (r.persistent == 1) != item.persistent) continue;
    return r.category;
  }
  return std::nullopt;
}

size_t Policy::CategoryIndex(const PolicyItem& item) const { return Find(item).value_or(0); }
std::vector<Policy::Role> Policy::Roles() const {
  struct Probe {
    std::string_view role;
    PolicyItem item;
  };
  const Probe kProbes[] = {
      {"necessary", {ItemKind::kCookie, Purpose::kNecessary, Party::kFirst, true}},
      {"functional", {ItemKind::kCookie, Purpose::kFunctional, Party::kFirst, true}},
      {"analytics", {ItemKind::kCookie, Purpose::kAnalytics, Party::kThird, true}},
      {"advertising", {ItemKind::kCookie, Purpose::kAdvertising, Party::kThird, true}},
      {"social", {ItemKind::kCookie, Purpose::kSocial, Party::kThird, true}},
      {"beacons", {ItemKind::kBeacon, Purpose::kAdvertising, Party::kThird, false}},
      {"unclassified", {ItemKind::kCookie, Purpose::kUnclassified, Party::kThird, true}},
  };
  std::vector<Role> roles;
  for (const Probe& p : kProbes) roles.push_back({p.role, CategoryIndex(p.item)});
  return roles;
}

const PolicyCategory& Policy::Categorize(const PolicyItem& item) const { return categories_[CategoryIndex(item)]; }

std::span<const BundledPolicy> BundledPolicies() { return kBundledPolicies; }

const Policy* FindBundledPolicy(std::string_view id) {
  static const auto* parsed = [] {
    auto* v = new std::vector<std::pair<std::string_view, std::unique_ptr<Policy>>>();
    for (const BundledPolicy& b : kBundledPolicies) {
      Result<Policy> p = Policy::Parse(b.json);
      if (p.ok()) p.value().bundled_ = true;
      v->emplace_back(b.id, p.ok() ? std::make_unique<Policy>(std::move(p).value()) : nullptr);
    }
    return v;
  }();
  for (const auto& [pid, policy] : *parsed) {
    if (pid == id) return policy.get();
  }
  return nullptr;
}

const Policy& DefaultPolicy() { return *FindBundledPolicy("default"); }

}  // namespace trackscope
