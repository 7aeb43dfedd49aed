// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/analyze/analyze.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "analyze/cookie_setter.h"
#include "trackscope/url/host.h"
#include "trackscope/url/registry.h"
#include "trackscope/url/url.h"

namespace trackscope {
namespace {

std::string IndexPath(std::string_view array, size_t i, std::string_view field) {
  return "$." + std::string(array) + "[" + std::to_string(i) + "]." + std::string(field);
}

// Site groups keyed by site, in order of first appearance until sorted.
class SiteGrouper {
 public:
  SiteGrouper(std::string_view page_host) : page_host_(page_host) {}

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

}  // namespace

std::string_view Version() { return TRACKSCOPE_VERSION; }

Result<Report> Analyze(const Capture& capture) {
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
    ReportRequest& out = grouper.GroupFor(url.value().host()).requests.emplace_back();
    out.url = url.value().spec();
    out.host = std::string(url.value().host());
    out.type = in.type;
    out.status = in.status;
    ++report.summary.requests;
  }

  const CookieSetterIndex setters(capture);
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
    ReportCookie& out = grouper.GroupFor(host.value().text).cookies.emplace_back();
    out.name = in.name;
    out.value = in.value;
    out.domain = host.value().text;
    out.path = in.path;
    out.host_only = in.host_only.value_or(!leading_dot);
    out.party = PartyOf(out.domain, report.page_host);
    out.session = !in.expires.has_value();
    out.expires = in.expires;
    if (in.expires && capture.captured_at) out.lifetime_days = (*in.expires - *capture.captured_at) / 86400.0;
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
    ++report.summary.cookies;
    if (out.party == Party::kThird) ++report.summary.third_party_cookies;
  }

  report.sites = grouper.TakeSorted();
  report.summary.sites = static_cast<int>(report.sites.size());
  for (const SiteGroup& g : report.sites) report.summary.third_party_sites += g.party == Party::kThird;
  return report;
}

Result<std::string> AnalyzeJson(std::string_view capture_json, int indent) {
  Result<Capture> capture = ParseCapture(capture_json);
  if (!capture.ok()) return capture.error();
  Result<Report> report = Analyze(capture.value());
  if (!report.ok()) return report.error();
  return ReportToJson(report.value(), indent);
}

}  // namespace trackscope
