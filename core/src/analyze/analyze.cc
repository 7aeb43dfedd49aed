// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/analyze/analyze.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "analyze/cookie_setter.h"
#include "analyze/stages.h"
#include "base/time_util.h"
#include "trackscope/policy/consent_manager.h"
#include "trackscope/url/host.h"
#include "trackscope/url/registry.h"
#include "trackscope/url/url.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope {
namespace {

std::string IndexPath(std::string_view array, size_t i, std::string_view field) {
  return "$." + std::string(array) + "[" + std::to_string(i) + "]." + std::string(field);
}

// Site groups keyed by site, in order of first appearance until sorted.
class SiteGrouper {
 public:
  SiteGrouper(std::string_view page_host) : page_host_(page_host) {}

  // Records the vendor behind `host` on its site group; returns the vendor's name or "".
  std::string AttributeVendor(SiteGroup& g, std::string_view host) {
    std::optional<Vendor> v = LookupVendor(host);
    if (!v) return {};
    auto it = std::find_if(g.vendors.begin(), g.vendors.end(), [&](const ReportVendor& r) { return r.name == v->name; });
    if (it == g.vendors.end()) {
      it = g.vendors.insert(g.vendors.end(), ReportVendor{std::string(v->name), std::string(v->company),
                                                          std::string(v->homepage),
                                                          std::string(VendorCategoryName(v->category)), {}});
    }
    if (std::find(it->domains.begin(), it->domains.end(), v->domain) == it->domains.end()) it->domains.emplace_back(v->domain);
    return it->name;
  }

  SiteGroup& GroupFor(std::string_view host) {
    std::string site(SiteOf(host));
    auto [it, inserted] = index_.try_emplace(site, groups_.size());
    if (inserted) {
      SiteGroup& g = groups_.emplace_back();
      g.site = site;
      g.party = PartyOf(host, page_host_);
    }
    SiteGroup& g = groups_[it->second];
    if (std::find(g.hosts.begin(), g.hosts.end(), host) == g.hosts.end()) g.hosts.emplace_back(host);
    return g;
  }

  // First party first, then the busiest sites, then by name.
  const std::vector<SiteGroup>& groups() const { return groups_; }

  std::vector<SiteGroup> TakeSorted() {
    for (SiteGroup& g : groups_) std::sort(g.hosts.begin(), g.hosts.end());
    std::stable_sort(groups_.begin(), groups_.end(), [](const SiteGroup& a, const SiteGroup& b) {
      if (a.party != b.party) return a.party == Party::kFirst;
      size_t wa = a.requests.size() + a.cookies.size(), wb = b.requests.size() + b.cookies.size();
      if (wa != wb) return wa > wb;
      return a.site < b.site;
    });
    return std::move(groups_);
  }

 private:
  std::string page_host_;
  std::unordered_map<std::string, size_t> index_;
  std::vector<SiteGroup> groups_;
};

filter::RequestType FilterTypeOf(ResourceType t) {
  using R = filter::RequestType;
  switch (t) {
    case ResourceType::kMainFrame: return R::kMainFrame;
    case ResourceType::kSubFrame: return R::kSubFrame;
    case ResourceType::kScript: return R::kScript;
    case ResourceType::kImage: return R::kImage;
    case ResourceType::kStylesheet: return R::kStylesheet;
    case ResourceType::kFont: return R::kFont;
    case ResourceType::kXhr: return R::kXhr;
    case ResourceType::kPing: return R::kPing;
    case ResourceType::kMedia: return R::kMedia;
    case ResourceType::kWebSocket: return R::kWebSocket;
    case ResourceType::kObject: return R::kObject;
    case ResourceType::kCspReport: return R::kCspReport;
    case ResourceType::kOther: return R::kOther;
  }
  return R::kOther;
}

RuleEvidence ToEvidence(const filter::Engine& engine, const filter::FilterRef& ref) {
  filter::FilterEvidence e = engine.Describe(ref);
  return {std::move(e.text), std::move(e.list), e.line};
}

FilterVerdict Judge(const filter::Engine& engine, const CapturedRequest& in, const std::string& url,
                    const std::string& page_url) {
  filter::MatchResult m = engine.Match({url, in.frame_url.empty() ? page_url : in.frame_url, FilterTypeOf(in.type), in.method});
  FilterVerdict v;
  if (m.decision == filter::Decision::kNoMatch) return v;
  v.decision = m.decision == filter::Decision::kBlock ? FilterDecision::kBlock : FilterDecision::kException;
  v.block = ToEvidence(engine, m.filter);
  if (m.exception.valid()) v.exception = ToEvidence(engine, m.exception);
  v.important = m.important;
  v.redirect = std::string(m.redirect);
  return v;
}

// Runs the purpose classifier on a report cookie, with what is known of its setter.
void Classify(ReportCookie& c, const std::unordered_map<std::string, std::string>& listed_by) {
  CookieFacts facts;
  facts.name = c.name;
  facts.value = c.value;
  facts.domain = c.domain;
  facts.party = c.party;
  facts.session = c.session;
  facts.lifetime_days = c.lifetime_days;
  facts.observed = c.observed;
  facts.http_only = c.http_only;
  facts.secure = c.secure;
  facts.same_site = c.same_site;
  facts.set_by = c.set_by;
  std::string setter_host;
  if (!c.set_by_url.empty()) {
    if (Result<Url> u = Url::Parse(c.set_by_url); u.ok()) setter_host = std::string(u.value().host());
    if (auto it = listed_by.find(c.set_by_url); it != listed_by.end()) facts.setter_filter_list = it->second;
  }
  facts.setter_host = setter_host;
  if (!setter_host.empty()) facts.setter_vendor = LookupVendor(setter_host);
  CookieVerdict v = ClassifyCookie(facts);
  c.purpose = v.purpose;
  c.confidence = v.confidence;
  c.evidence = std::move(v.evidence);
}

}  // namespace

std::string_view FilterDecisionName(FilterDecision decision) {
  return decision == FilterDecision::kBlock ? "block" : decision == FilterDecision::kException ? "exception" : "none";
}

std::string_view Version() { return TRACKSCOPE_VERSION; }

Result<Report> Analyze(const Capture& capture, const AnalyzeOptions& options) {
  Result<Url> page = Url::Parse(capture.page_url);
  if (!page.ok()) return Error{"$.page.url", "not a valid URL: " + page.error().message};
  if (!page.value().IsNetwork() || page.value().host().empty()) {
    return Error{"$.page.url", "the page must be an http(s) URL with a host, got \"" + page.value().spec() + "\""};
  }

  Report report;
  report.page_url = page.value().spec();
  report.page_host = std::string(page.value().host());
  report.page_site = std::string(SiteOf(report.page_host));
  report.title = capture.title;
  report.visit = capture.visit;
  report.captured_at = capture.captured_at;
  report.dnt_sent = capture.dnt_sent;
  report.gpc_sent = capture.gpc_sent;
  report.diagnostics = capture.warnings;
  SiteGrouper grouper(report.page_host);
  grouper.GroupFor(report.page_host);  // the first party is always listed

  for (size_t i = 0; i < capture.requests.size(); ++i) {
    const CapturedRequest& in = capture.requests[i];
    Result<Url> url = Url::Parse(in.url);
    if (!url.ok()) {
      report.diagnostics.push_back({IndexPath("requests", i, "url"), "not a valid URL (" + url.error().message + "); request skipped"});
      continue;
    }
    if (!url.value().IsNetwork() || url.value().host().empty()) {
      ++report.summary.non_network_requests;
      continue;
    }
    SiteGroup& group = grouper.GroupFor(url.value().host());
    ReportRequest& out = group.requests.emplace_back();
    out.url = url.value().spec();
    out.host = std::string(url.value().host());
    out.type = in.type;
    out.status = in.status;
    out.vendor = grouper.AttributeVendor(group, out.host);
    if (options.filters) {
      out.filter = Judge(*options.filters, in, out.url, report.page_url);
      report.summary.blocked_requests += out.filter.decision == FilterDecision::kBlock;
      report.summary.excepted_requests += out.filter.decision == FilterDecision::kException;
    }
    ++report.summary.requests;
  }

  const CookieSetterIndex setters(capture);
  // The filter lists' verdict on each requested URL, for attributing cookies to their setters.
  std::unordered_map<std::string, std::string> listed_by;  // URL -> list that blocks it
  for (const SiteGroup& g : grouper.groups()) {
    for (const ReportRequest& r : g.requests) {
      if (r.filter.decision == FilterDecision::kBlock) listed_by.try_emplace(r.url, r.filter.block.list);
    }
  }
  for (size_t i = 0; i < capture.cookies.size(); ++i) {
    const CapturedCookie& in = capture.cookies[i];
    std::string_view domain = in.domain;
    const bool leading_dot = !domain.empty() && domain.front() == '.';
    if (leading_dot) domain.remove_prefix(1);
    Result<Host> host = CanonicalizeHost(domain);
    if (!host.ok()) {
      report.diagnostics.push_back({IndexPath("cookies", i, "domain"), "invalid cookie domain (" + host.error().message + "); cookie skipped"});
      continue;
    }
    SiteGroup& group = grouper.GroupFor(host.value().text);
    ReportCookie& out = group.cookies.emplace_back();
    out.vendor = grouper.AttributeVendor(group, host.value().text);
    out.name = in.name;
    out.value = in.value;
    out.domain = host.value().text;
    out.path = in.path;
    out.host_only = in.host_only.value_or(!leading_dot);
    out.party = PartyOf(out.domain, report.page_host);
    out.observed = in.observed;
    out.session = !in.expires.has_value() && in.observed == CookieSource::kStored;
    out.expires = in.expires;
    if (in.expires && capture.captured_at) out.lifetime_days = (*in.expires - *capture.captured_at) / 86400.0;
    out.lifetime = out.observed == CookieSource::kSent ? "unknown" : out.session ? "session"
                 : out.lifetime_days ? LifetimeWords(*out.lifetime_days) : "persistent";
    out.http_only = in.http_only;
    out.secure = in.secure;
    out.same_site = in.same_site;
    out.partitioned = !in.partition_key.empty();
    if (in.set_by != SetterKind::kUnknown) {
      out.set_by = in.set_by;
      out.set_by_url = in.set_by_url;
    } else {
      Setter setter = setters.Find(out.name, out.domain);
      out.set_by = setter.kind;
      out.set_by_url = std::move(setter.url);
    }
    Classify(out, listed_by);
    ++report.summary.cookies;
    if (out.party == Party::kThird) ++report.summary.third_party_cookies;
  }

  if (options.filters) {
    for (const std::string& name : options.filters->list_names()) {
      report.filter_lists += (report.filter_lists.empty() ? "" : ",") + name;
    }
  }
  report.sites = grouper.TakeSorted();
  const Policy& chosen = options.policy ? *options.policy : DefaultPolicy();
  // Without a declaration of its own, the page is checked against its consent manager's.
  std::optional<Policy> with_cmp;
  if (!chosen.declaration() && !capture.cmp.empty()) {
    std::vector<CmpDocument> documents;
    for (const CmpResource& r : capture.cmp) documents.push_back({r.url, r.body});
    Result<CmpDeclaration> cmp = ReadCmpDeclaration(documents, report.page_url, chosen);
    if (cmp.ok()) {
      const CmpDeclaration& c = cmp.value();
      report.declaration = Report::DeclarationSummary{"consent-manager", c.declaration.source, std::string(CmpName(c.cmp)), c.urls,
                                                       c.declaration.cookies.size(), c.declaration.vendors.size(),
                                                       c.declaration.beacons.size(), c.notes};
      with_cmp = chosen.WithDeclaration(std::move(cmp).value().declaration);
    } else {
      report.diagnostics.push_back({"$.wellKnown.cmp", "no consent manager declaration read: " + cmp.error().ToString()});
    }
  } else if (const std::optional<Declaration>& d = chosen.declaration()) {
    report.declaration = Report::DeclarationSummary{"policy", d->source, "", {}, d->cookies.size(), d->vendors.size(), d->beacons.size(), {}};
  }
  const Policy& policy = with_cmp ? *with_cmp : chosen;
  report.policy_id = policy.id();
  report.policy_name = policy.name();
  report.policy_dnt = policy.dnt();
  report.policy_gpc = policy.gpc();
  for (const PolicyCategory& c : policy.categories()) report.policy_categories.push_back({c, 0, 0});
  for (const Policy::Role& r : policy.Roles()) report.policy_roles.emplace_back(r.role, r.category);
  const std::vector<std::string> storage_values = AnalyzeStorage(capture, options, report);
  ShareFirstPartyValues(capture, storage_values, report);
  // Purposes are final: the policy's categories.
  for (SiteGroup& g : report.sites) {
    for (ReportCookie& c : g.cookies) {
      // A cookie only seen sent existed before these requests: persistent, as far as the policy goes.
      c.category = policy.CategoryIndex({ItemKind::kCookie, c.purpose, c.party, !c.session});
      ReportCategory& rc = report.policy_categories[c.category];
      ++rc.cookies;
      rc.third_party_cookies += c.party == Party::kThird;
    }
  }
  for (ReportStorageItem& item : report.storage) {
    item.category = policy.CategoryIndex({ItemKind::kStorage, item.purpose, item.party, item.area == StorageArea::kLocal});
    ++report.policy_categories[item.category].storage;
  }
  AnalyzeBeacons(capture, options, policy, report);
  AnalyzeFingerprinting(capture, options, report);
  BuildItems(report);
  AnalyzePrivacySignals(capture, options, policy, report);
  FindDeclarationIssues(capture, options, policy, report);
  FindDataTaken(capture, report);
  JudgeSignals(report);
  report.summary.sites = static_cast<int>(report.sites.size());
  for (const SiteGroup& g : report.sites) report.summary.third_party_sites += g.party == Party::kThird;
  return report;
}

Result<std::string> AnalyzeJson(std::string_view capture_json, const AnalyzeOptions& options) {
  Result<Capture> capture = ParseCapture(capture_json);
  if (!capture.ok()) return capture.error();
  Result<Report> report = Analyze(capture.value(), options);
  if (!report.ok()) return report.error();
  return ReportToJson(report.value());
}

}  // namespace trackscope
