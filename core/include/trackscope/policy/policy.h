// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// A privacy policy as data: the categories it names and the rules that map what the core finds
// (an item's kind, purpose, party and lifetime) onto them, plus its stance on Do Not Track and
// Global Privacy Control. Format: core/data/policies/README.md. Three policies ship, compiled in:
//
//   id                 categories
//   "default"          Essential, Functional, Marketing, Web beacons (+ Unclassified)
//   "consent-manager"  Necessary, Preferences, Statistics, Marketing, Unclassified
//   "icc-uk"           ICC UK categories 1-4 (+ Unclassified)
//
//   Result<Policy> p = Policy::Parse(user_json);       // errors name the JSON path
//   const PolicyCategory& c = p.value().Categorize({ItemKind::kCookie, Purpose::kAnalytics, Party::kThird, true});
#ifndef TRACKSCOPE_POLICY_POLICY_H_
#define TRACKSCOPE_POLICY_POLICY_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trackscope/base/result.h"
#include "trackscope/classify/purpose.h"
#include "trackscope/policy/declaration.h"
#include "trackscope/url/registry.h"

namespace trackscope {

enum class ItemKind : uint8_t { kCookie, kBeacon, kStorage, kRequest };
std::string_view ItemKindName(ItemKind kind);  // "cookie", "beacon", "storage", "request"

enum class SignalStance : uint8_t { kNotStated, kHonoured, kNotHonoured };
std::string_view SignalStanceName(SignalStance stance);  // "not-stated", "honoured", "not-honoured"

struct PolicyCategory {
  std::string id;
  std::string label;
  std::string description;
};

struct PolicyItem {
  ItemKind kind = ItemKind::kCookie;
  Purpose purpose = Purpose::kUnclassified;
  Party party = Party::kFirst;
  bool persistent = false;
};

class Policy {
 public:
  // Parses and validates a policy document. Every (kind, purpose, party, lifetime) must be covered
  // by some rule; the error names the first gap.
  static Result<Policy> Parse(std::string_view json_text);

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  const std::vector<PolicyCategory>& categories() const { return categories_; }
  SignalStance dnt() const { return dnt_; }
  SignalStance gpc() const { return gpc_; }
  // The site's declaration (policy/declaration.h), when the file has one.
  const std::optional<Declaration>& declaration() const { return declaration_; }

  // This policy with a site's declaration from a document of its own: {"declaration": {...},
  // "signals": {"gpc": ..., "dnt": ...}} (the signals optional: the site's stance) or the
  // declaration object alone. The declaration replaces any the policy has. A bundled policy's own
  // signals are not the site's: they are dropped, and only the document's signals are kept; a
  // site's own policy keeps its signals unless the document has some. Errors name the JSON path in
  // the declaration document ("$.declaration.vendors[2].category").
  //   Result<Policy> p = FindBundledPolicy("default")->WithDeclaration(R"({"cookies": [...]})");
  Result<Policy> WithDeclaration(std::string_view json_text) const;
  // The same with a declaration already in this policy's categories (e.g. a consent manager's,
  // policy/consent_manager.h); the signals as above, none from the document.
  Policy WithDeclaration(Declaration declaration) const;
  // `declaration` (in this policy's categories) as the document WithDeclaration reads back:
  // {"declaration": {"source": ..., "consent": "opt-in", "categories": {"<id>": {"cookies": [...]}}}},
  // indented by `indent` spaces (-1: compact).
  std::string DeclarationDocument(const Declaration& declaration, int indent = 2) const;
  bool bundled() const { return bundled_; }  // one of BundledPolicies(), as bundled

  // The category of `item`: the first rule that matches decides.
  const PolicyCategory& Categorize(const PolicyItem& item) const;
  size_t CategoryIndex(const PolicyItem& item) const;

  // Which category plays which part, so that front ends need no category id of their own:
  //   role           the category of
  //   necessary      a first-party persistent cookie for a necessary purpose
  //   functional     a first-party persistent cookie for a functional purpose
  //   analytics      a third-party persistent analytics cookie
  //   advertising    a third-party persistent advertising cookie ("Marketing", ICC UK's category 4)
  //   social         a third-party persistent social-media cookie
  //   beacons        a third-party advertising web beacon
  //   unclassified   a cookie no evidence classifies
  // e.g. the default policy: necessary -> essential, advertising -> marketing, beacons -> web-beacons.
  struct Role {
    std::string_view role;
    size_t category;
  };
  std::vector<Role> Roles() const;

 private:
  friend const Policy* FindBundledPolicy(std::string_view id);
  struct Rule {
    uint8_t kinds = 0;      // bit per ItemKind; 0 = any
    uint8_t purposes = 0;   // bit per Purpose; 0 = any
    int8_t party = -1;      // Party, or -1 = any
    int8_t persistent = -1; // 0 session, 1 persistent, -1 any
    size_t category = 0;
  };
  std::optional<size_t> Find(const PolicyItem& item) const;

  std::string id_, name_, description_;
  std::vector<PolicyCategory> categories_;
  std::vector<Rule> rules_;
  SignalStance dnt_ = SignalStance::kNotStated;
  SignalStance gpc_ = SignalStance::kNotStated;
  std::optional<Declaration> declaration_;
  bool bundled_ = false;
};

struct BundledPolicy {
  std::string_view id;
  std::string_view json;
};
std::span<const BundledPolicy> BundledPolicies();

// A bundled policy, parsed once. Precondition for DefaultPolicy(): the bundled files are valid
// (a unit test parses every one).
const Policy& DefaultPolicy();
const Policy* FindBundledPolicy(std::string_view id);

}  // namespace trackscope

#endif  // TRACKSCOPE_POLICY_POLICY_H_
