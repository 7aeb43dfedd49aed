// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/classify/cookie_classifier.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "base/time_util.h"
#include "trackscope/classify/cookie_catalog.h"
#include "trackscope/classify/cookie_value.h"

namespace trackscope {
namespace {

using enum Purpose;

std::string Quote(std::string_view s) {
  std::string out = "`";
  out.append(s.substr(0, 80));
  if (s.size() > 80) out += "…";
  return out + "`";
}

// "cookie" or "storage item": what the evidence calls the item.
std::string Noun(const CookieFacts& f) { return f.kind == ItemKind::kStorage ? "storage item" : "cookie"; }

std::string LifetimeText(const CookieFacts& f) {
  if (f.kind == ItemKind::kStorage) return f.session ? "a sessionStorage item" : "a localStorage item (no expiry)";
  if (f.observed == CookieSource::kSent) return "seen only in requests' Cookie headers (lifetime unknown)";
  if (f.session) return "a session cookie";
  if (!f.lifetime_days) return "a persistent cookie";
  return "lifetime " + LifetimeWords(*f.lifetime_days);
}

}  // namespace

std::optional<Purpose> PurposeOfVendorCategory(VendorCategory c) {
  switch (c) {
    case VendorCategory::kAd:
    case VendorCategory::kMarketing:
    case VendorCategory::kContent:
      return kAdvertising;
    case VendorCategory::kAnalytics:
    case VendorCategory::kTagManager:
      return kAnalytics;
    case VendorCategory::kSocial:
      return kSocial;
    case VendorCategory::kConsentProvider:
    case VendorCategory::kCdn:
    case VendorCategory::kHosting:
      return kNecessary;
    case VendorCategory::kCustomerSuccess:
      return kFunctional;
    case VendorCategory::kVideo:
    case VendorCategory::kUtility:
    case VendorCategory::kOther:
      return std::nullopt;
  }
  return std::nullopt;
}

namespace {

// Name words and what they indicate. A word matches a whole word of the name; `prefix` rules
// match the start of a word ("sess" in "sessionid"). Weights reflect how reliable the word is.
struct WordRule {
  std::string_view word;
  bool prefix;
  Purpose purpose;
  double weight;
  std::string_view meaning;
};
constexpr WordRule kWordRules[] = {
    // Necessary: sessions, security, load balancing, consent state, shopping cart.
    {"sess", true, kNecessary, 0.6, "a session"},
    {"sid", false, kNecessary, 0.55, "a session id"},
    {"csrf", true, kNecessary, 0.7, "a CSRF token"},
    {"xsrf", true, kNecessary, 0.7, "a CSRF token"},
    {"token", false, kNecessary, 0.45, "a token"},
    {"auth", true, kNecessary, 0.55, "authentication"},
    {"login", true, kNecessary, 0.55, "a login"},
    {"logged", true, kNecessary, 0.55, "a login"},
    {"secure", false, kNecessary, 0.4, "security"},
    {"captcha", true, kNecessary, 0.65, "bot protection"},
    {"bot", false, kNecessary, 0.4, "bot protection"},
    {"waf", false, kNecessary, 0.6, "a web application firewall"},
    {"incap", true, kNecessary, 0.65, "bot protection (Imperva)"},
    {"lb", false, kNecessary, 0.55, "load balancing"},
    {"alb", true, kNecessary, 0.6, "load balancing"},
    {"elb", true, kNecessary, 0.6, "load balancing"},
    {"affinity", false, kNecessary, 0.6, "load balancer stickiness"},
    {"route", false, kNecessary, 0.5, "load balancer routing"},
    {"server", true, kNecessary, 0.45, "server routing"},
    {"bigip", true, kNecessary, 0.65, "load balancing (F5 BIG-IP)"},
    {"consent", true, kNecessary, 0.65, "the visitor's consent choice"},
    {"gdpr", false, kNecessary, 0.6, "the visitor's consent choice"},
    {"cmp", false, kNecessary, 0.5, "a consent manager"},
    {"optanon", false, kNecessary, 0.7, "the OneTrust consent choice"},
    {"cookielaw", true, kNecessary, 0.65, "the visitor's consent choice"},
    {"cookiebot", false, kNecessary, 0.65, "the Cookiebot consent choice"},
    {"cookies", false, kNecessary, 0.4, "a cookie-notice state"},
    {"accepted", false, kNecessary, 0.45, "a cookie-notice state"},
    {"cart", true, kNecessary, 0.55, "a shopping cart"},
    {"basket", false, kNecessary, 0.55, "a shopping cart"},
    {"checkout", false, kNecessary, 0.55, "a checkout"},
    {"test", false, kNecessary, 0.35, "a test whether cookies work"},
    {"js", false, kNecessary, 0.35, "a test whether JavaScript works"},
    // Functional: preferences and UI state.
    {"lang", true, kFunctional, 0.65, "a language preference"},
    {"locale", false, kFunctional, 0.65, "a language preference"},
    {"i18n", false, kFunctional, 0.6, "a language preference"},
    {"currency", false, kFunctional, 0.65, "a currency preference"},
    {"curr", false, kFunctional, 0.5, "a currency preference"},
    {"country", false, kFunctional, 0.5, "a country preference"},
    {"region", false, kFunctional, 0.45, "a region preference"},
    {"timezone", false, kFunctional, 0.5, "a time zone"},
    {"tz", false, kFunctional, 0.45, "a time zone"},
    {"theme", false, kFunctional, 0.55, "a display preference"},
    {"pref", true, kFunctional, 0.55, "a preference"},
    {"settings", false, kFunctional, 0.5, "settings"},
    {"remember", true, kFunctional, 0.5, "a remembered choice"},
    {"recently", false, kFunctional, 0.5, "recently viewed items"},
    {"viewed", false, kFunctional, 0.45, "recently viewed items"},
    {"wishlist", false, kFunctional, 0.5, "a wish list"},
    {"dismiss", true, kFunctional, 0.5, "a dismissed notice"},
    {"closed", false, kFunctional, 0.45, "a closed notice"},
    {"popup", false, kFunctional, 0.45, "a pop-up's state"},
    {"newsletter", false, kFunctional, 0.45, "a newsletter prompt's state"},
    {"seen", false, kFunctional, 0.4, "a seen notice"},
    {"player", false, kFunctional, 0.45, "a media player's settings"},
    {"volume", false, kFunctional, 0.5, "a media player's settings"},
    {"chat", false, kFunctional, 0.45, "a chat widget"},
    {"store", false, kFunctional, 0.35, "a chosen store"},
    // Analytics: statistics, experiments, session recording.
    {"ga", false, kAnalytics, 0.6, "Google Analytics"},
    {"gid", false, kAnalytics, 0.6, "Google Analytics"},
    {"utm", true, kAnalytics, 0.6, "campaign statistics"},
    {"hj", false, kAnalytics, 0.7, "Hotjar"},
    {"stat", true, kAnalytics, 0.6, "statistics"},
    {"analytic", true, kAnalytics, 0.7, "analytics"},
    {"metric", true, kAnalytics, 0.55, "metrics"},
    {"pk", false, kAnalytics, 0.55, "Matomo"},
    {"matomo", false, kAnalytics, 0.7, "Matomo"},
    {"piwik", false, kAnalytics, 0.7, "Matomo"},
    {"mp", false, kAnalytics, 0.45, "Mixpanel"},
    {"mixpanel", false, kAnalytics, 0.7, "Mixpanel"},
    {"amplitude", false, kAnalytics, 0.7, "Amplitude"},
    {"ajs", false, kAnalytics, 0.6, "Segment"},
    {"clck", false, kAnalytics, 0.65, "Microsoft Clarity"},
    {"clsk", false, kAnalytics, 0.65, "Microsoft Clarity"},
    {"heap", false, kAnalytics, 0.55, "Heap"},
    {"visitor", true, kAnalytics, 0.5, "visitor counting"},
    {"visit", true, kAnalytics, 0.5, "visit counting"},
    {"pageview", true, kAnalytics, 0.55, "page view counting"},
    {"ab", false, kAnalytics, 0.5, "an A/B test bucket"},
    {"abtest", false, kAnalytics, 0.6, "an A/B test bucket"},
    {"experiment", true, kAnalytics, 0.55, "an experiment"},
    {"variant", false, kAnalytics, 0.5, "an experiment variant"},
    {"optimizely", false, kAnalytics, 0.65, "Optimizely experiments"},
    {"vwo", false, kAnalytics, 0.65, "VWO experiments"},
    {"ym", false, kAnalytics, 0.55, "Yandex Metrica"},
    {"track", true, kAnalytics, 0.45, "tracking"},
    // Advertising: ad tech ids, click ids, conversion and sync cookies.
    {"ad", false, kAdvertising, 0.55, "advertising"},
    {"ads", false, kAdvertising, 0.6, "advertising"},
    {"adv", true, kAdvertising, 0.55, "advertising"},
    {"gcl", true, kAdvertising, 0.7, "Google Ads click ids"},
    {"fbp", false, kAdvertising, 0.7, "the Meta pixel"},
    {"fbc", false, kAdvertising, 0.7, "the Meta pixel"},
    {"uet", true, kAdvertising, 0.7, "Microsoft Advertising"},
    {"ttp", false, kAdvertising, 0.65, "the TikTok pixel"},
    {"criteo", false, kAdvertising, 0.7, "Criteo"},
    {"cto", false, kAdvertising, 0.6, "Criteo"},
    {"rtb", false, kAdvertising, 0.65, "real-time bidding"},
    {"sync", true, kAdvertising, 0.55, "id syncing between ad platforms"},
    {"bid", true, kAdvertising, 0.5, "ad bidding"},
    {"pixel", false, kAdvertising, 0.5, "a tracking pixel"},
    {"retarget", true, kAdvertising, 0.65, "retargeting"},
    {"remarketing", false, kAdvertising, 0.65, "remarketing"},
    {"campaign", false, kAdvertising, 0.45, "ad campaigns"},
    {"aff", true, kAdvertising, 0.5, "affiliate tracking"},
    {"partner", true, kAdvertising, 0.45, "partner tracking"},
    {"click", true, kAdvertising, 0.5, "click tracking"},
    {"conv", true, kAdvertising, 0.5, "conversion tracking"},
    {"dsp", false, kAdvertising, 0.6, "a demand-side platform"},
    {"taboola", false, kAdvertising, 0.7, "Taboola"},
    {"outbrain", false, kAdvertising, 0.7, "Outbrain"},
    {"pin", false, kAdvertising, 0.5, "the Pinterest tag"},
    {"li", false, kSocial, 0.45, "LinkedIn"},
    {"twitter", false, kSocial, 0.6, "X (Twitter)"},
    {"linkedin", false, kSocial, 0.6, "LinkedIn"},
};

class Collector {
 public:
  void Add(EvidenceKind kind, Purpose purpose, double weight, std::string text) {
    evidence_.push_back({kind, purpose, weight, std::move(text)});
  }
  std::vector<Evidence>& evidence() { return evidence_; }

 private:
  std::vector<Evidence> evidence_;
};

void CatalogLayer(const CookieFacts& f, Collector& out) {
  std::optional<CatalogHit> hit = LookupCookie(f.name, f.domain);
  if (!hit) return;
  double weight = hit->match == CatalogMatch::kExact ? 0.85
                : hit->match == CatalogMatch::kExactIgnoringCase ? 0.7
                : hit->match == CatalogMatch::kRegex ? 0.75 : 0.8;
  if (hit->curated) weight += 0.1;
  std::string text;
  if (hit->AnyName()) {
    text = "set on " + std::string(hit->scope) + ", where the catalog files every cookie under ";
  } else {
    text = "name " + Quote(f.name) + " matches catalog entry " + Quote(hit->pattern);
    if (hit->match != CatalogMatch::kExact) text += " (" + std::string(CatalogMatchName(hit->match)) + ")";
    if (!hit->scope.empty()) text += " for " + std::string(hit->scope);
    text += ": ";
  }
  text += std::string(hit->vendor.empty() ? "" : hit->vendor) + (hit->vendor.empty() ? "" : ", ") +
          std::string(PurposeName(hit->purpose));
  text += hit->curated ? " [trackscope catalog]" : " [Open Cookie Database]";
  out.Add(EvidenceKind::kCatalog, hit->purpose, weight, std::move(text));
}

void AttributionLayer(const CookieFacts& f, Collector& out) {
  if (f.party == Party::kThird) {
    if (std::optional<Vendor> v = LookupVendor(f.domain)) {
      if (std::optional<Purpose> p = PurposeOfVendorCategory(v->category)) {
        out.Add(EvidenceKind::kAttribution, *p, 0.7,
                "third-party " + Noun(f) + " of " + std::string(v->domain) + " (" + std::string(v->name) + ", " +
                    std::string(VendorCategoryName(v->category)) + ")");
      }
    }
  }
  if (f.setter_vendor && f.set_by == SetterKind::kScript) {
    if (std::optional<Purpose> p = PurposeOfVendorCategory(f.setter_vendor->category)) {
      out.Add(EvidenceKind::kAttribution, *p, 0.7,
              "written by a script from " + std::string(f.setter_host) + " (" + std::string(f.setter_vendor->name) +
                  ", " + std::string(VendorCategoryName(f.setter_vendor->category)) + ")");
    }
  }
  if (!f.setter_filter_list.empty()) {
    const bool privacy = f.setter_filter_list.find("privacy") != std::string_view::npos;
    const std::string how = f.set_by == SetterKind::kScript ? "written by a script from " : "set by a response from ";
    out.Add(EvidenceKind::kAttribution, privacy ? kAnalytics : kAdvertising, 0.6,
            how + std::string(f.setter_host) + ", which " + std::string(f.setter_filter_list) + " lists as " +
                (privacy ? "a tracker" : "an ad server"));
  }
}

void HeuristicLayer(const CookieFacts& f, Collector& out) {
  const std::vector<std::string> words = NameWords(f.name);
  const WordRule* best = nullptr;
  std::string best_word;
  for (const std::string& w : words) {
    for (const WordRule& r : kWordRules) {
      const bool hit = r.prefix ? w.starts_with(r.word) : w == r.word;
      if (hit && (!best || r.weight > best->weight)) {
        best = &r;
        best_word = w;
      }
    }
  }
  if (best) {
    out.Add(EvidenceKind::kHeuristic, best->purpose, best->weight,
            "name " + Quote(f.name) + " contains " + Quote(best_word) + ": " + std::string(best->meaning));
  }
  // The value and the lifetime.
  const ValueInfo value = AnalyzeValue(f.value);
  const bool identifier = value.identifier_bits >= 64;
  // localStorage never expires: as long-lived as a cookie can be.
  const bool long_lived = !f.session && ((f.lifetime_days && *f.lifetime_days >= 30) || f.kind == ItemKind::kStorage);
  std::string facts = LifetimeText(f);
  if (identifier) facts = "value looks like a random identifier (" + std::to_string(value.identifier_bits) + " bits), " + facts;
  if (f.party == Party::kThird) {
    if (identifier || long_lived) {
      out.Add(EvidenceKind::kHeuristic, kAdvertising, 0.4, "third-party " + Noun(f) + "; " + facts + ": typical of cross-site tracking");
    } else {
      out.Add(EvidenceKind::kHeuristic, kNecessary, 0.2, "third-party " + Noun(f) + " without an identifier; " + facts);
    }
  } else if (identifier && long_lived) {
    out.Add(EvidenceKind::kHeuristic, kAnalytics, 0.35, "first-party " + Noun(f) + "; " + facts + ": typical of visitor counting");
  } else if (f.session || (f.lifetime_days && *f.lifetime_days < 1)) {
    out.Add(EvidenceKind::kHeuristic, kNecessary, 0.3, "first-party " + facts + "; short-lived " + Noun(f) + "s usually keep the site working");
  } else if (value.shape == ValueShape::kWord || value.shape == ValueShape::kFlag) {
    out.Add(EvidenceKind::kHeuristic, kFunctional, 0.3, "first-party " + Noun(f) + " holding a short setting (" +
                                                            std::string(ValueShapeName(value.shape)) + "); " + facts);
  } else if (!f.session) {
    // The weakest prior: persistent first-party cookies that say nothing else are most often
    // measurement ids (visitor, session-count and campaign cookies).
    out.Add(EvidenceKind::kHeuristic, kAnalytics, 0.15, "first-party " + facts + " with no other sign of its purpose");
  }
}

}  // namespace

std::string_view EvidenceKindName(EvidenceKind kind) {
  static constexpr std::array<std::string_view, 3> kNames = {"catalog", "attribution", "heuristic"};
  return kNames[static_cast<size_t>(kind)];
}

std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
    if (!upper && !lower && !digit) {
      flush();
      continue;
    }
    if (!current.empty()) {
      const char prev = name[i - 1];
      const bool prev_lower = prev >= 'a' && prev <= 'z', prev_digit = prev >= '0' && prev <= '9';
      const bool prev_upper = prev >= 'A' && prev <= 'Z';
      const bool next_lower = i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z';
      // Split at lower->Upper ("alertBox"), at the last capital of an acronym ("HTMLPage"), and
      // between letters and digits.
      if ((upper && prev_lower) || (upper && prev_upper && next_lower) || (digit != prev_digit)) flush();
    }
    current += static_cast<char>(upper ? c | 0x20 : c);
  }
  flush();
  return words;
}

CookieVerdict ClassifyCookie(const CookieFacts& facts) {
  Collector collector;
  CatalogLayer(facts, collector);
  AttributionLayer(facts, collector);
  HeuristicLayer(facts, collector);
  return DecideVerdict(std::move(collector.evidence()));
}

CookieVerdict DecideVerdict(std::vector<Evidence> evidence) {
  CookieVerdict verdict;
  if (evidence.empty()) return verdict;
  // The strongest evidence of the highest-precedence layer that has any decides.
  size_t decisive = evidence.size();
  for (EvidenceKind layer : {EvidenceKind::kCatalog, EvidenceKind::kAttribution, EvidenceKind::kHeuristic}) {
    for (size_t i = 0; i < evidence.size(); ++i) {
      if (evidence[i].kind == layer && (decisive == evidence.size() || evidence[i].weight > evidence[decisive].weight)) {
        decisive = i;
      }
    }
    if (decisive != evidence.size()) break;
  }
  // Decisive evidence first, the rest strongest first.
  std::swap(evidence[0], evidence[decisive]);
  std::stable_sort(evidence.begin() + 1, evidence.end(), [](const Evidence& a, const Evidence& b) { return a.weight > b.weight; });
  const Evidence& top = evidence[0];
  verdict.purpose = top.purpose;
  double confidence = top.weight;
  for (size_t i = 1; i < evidence.size(); ++i) {
    confidence += evidence[i].purpose == top.purpose ? 0.05 : -0.05 * evidence[i].weight;
  }
  verdict.confidence = std::clamp(confidence, 0.05, 0.99);
  verdict.evidence = std::move(evidence);
  return verdict;
}

}  // namespace trackscope
