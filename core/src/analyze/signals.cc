// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// AnalyzePrivacySignals: what one capture tells about Do Not Track and Global Privacy Control —
// signals sent, scripts reading them, Tk headers, gpc.json, dnt-policy.txt, consent strings, and
// the stance the site declares.
#include <algorithm>
#include <array>

#include "base/strings.h"
#include "consent/strings.h"
#include "analyze/stages.h"
#include "analyze/tracking_items.h"
#include "analyze/well_known.h"
#include "trackscope/url/registry.h"
#include "trackscope/url/url.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope {
namespace {

std::string HostOf(std::string_view url) {
  Result<Url> u = Url::Parse(url);
  return u.ok() ? std::string(u.value().host()) : std::string();
}

void CountHeaders(const Capture& capture, PrivacySignals& p) {
  for (const CapturedRequest& r : capture.requests) {
    if (!r.request_headers.empty()) ++p.requests_with_headers;
    bool dnt = false, gpc = false;
    for (const auto& [name, value] : r.request_headers) {
      dnt = dnt || (name == "dnt" && Trim(value) == "1");
      gpc = gpc || (name == "sec-gpc" && Trim(value) == "1");
    }
    p.dnt.header_requests += dnt;
    p.gpc.header_requests += gpc;
    for (const auto& [name, value] : r.response_headers) {
      if (name != "tk") continue;
      // TPE 6.2: Tk = TSV [";" status-id]; the tracking status value is one character.
      std::string_view tsv = Trim(value);
      tsv = Trim(tsv.substr(0, tsv.find(';')));
      const std::string host = HostOf(r.url);
      auto it = std::find_if(p.tk.begin(), p.tk.end(), [&](const TkHeader& t) { return t.host == host && t.value == tsv; });
      if (it == p.tk.end()) {
        it = p.tk.insert(p.tk.end(), TkHeader{host, std::string(tsv), std::string(TkMeaning(tsv)), r.url, 0});
      }
      ++it->count;
    }
  }
}

void CollectReads(const Capture& capture, const Report& report, PrivacySignals& p) {
  for (const ScriptEvent& e : capture.events) {
    if (e.kind != EventKind::kNavigatorRead) continue;
    std::string property = e.key;
    if (property.empty() && e.api.rfind("navigator.", 0) == 0) property = e.api.substr(10);
    auto it = std::find_if(p.reads.begin(), p.reads.end(),
                           [&](const NavigatorRead& r) { return r.property == property && r.script_url == e.script_url; });
    if (it == p.reads.end()) {
      NavigatorRead read;
      read.property = property;
      read.script_url = e.script_url;
      // An inline script belongs to the document it ran in.
      const std::string host = HostOf(e.script_url.empty() ? (e.frame_url.empty() ? report.page_url : e.frame_url) : e.script_url);
      if (!host.empty()) {
        read.site = std::string(SiteOf(host));
        read.party = PartyOf(host, report.page_host);
        if (std::optional<Vendor> v = LookupVendor(host)) read.vendor = std::string(v->name);
      }
      it = p.reads.insert(p.reads.end(), std::move(read));
    }
    ++it->count;
    if (property == "doNotTrack") ++p.dnt.reads;
    if (property == "globalPrivacyControl") ++p.gpc.reads;
  }
}

// The declared stance: any source that promises to honour the signal makes it "honoured".
void Resolve(SignalSummary& s) {
  s.declared = SignalStance::kNotStated;
  for (const auto& [source, stance] : s.sources) {
    if (stance == SignalStance::kHonoured) s.declared = SignalStance::kHonoured;
    if (stance == SignalStance::kNotHonoured && s.declared == SignalStance::kNotStated) s.declared = SignalStance::kNotHonoured;
  }
}

// The site's own stance (gpc.json, dnt-policy.txt, Tk, its declaration) apart from what the
// selected policy says: a bundled policy's stance is that policy's, not the site's.
void CollectStances(const Policy& policy, const Report& report, PrivacySignals& p) {
  p.gpc.policy_stance = policy.gpc();
  p.dnt.policy_stance = policy.dnt();
  const bool site_policy = policy.declaration().has_value();
  if (site_policy && policy.gpc() != SignalStance::kNotStated) p.gpc.sources.emplace_back("declaration", policy.gpc());
  if (p.gpc_json.status == GpcJsonStatus::kValid) {
    // GPC spec 6: "gpc": true = the server intends to abide by GPC requests.
    p.gpc.sources.emplace_back("gpc.json", *p.gpc_json.gpc ? SignalStance::kHonoured : SignalStance::kNotHonoured);
  }
  if (site_policy && policy.dnt() != SignalStance::kNotStated) p.dnt.sources.emplace_back("declaration", policy.dnt());
  if (p.dnt_policy.status == DntPolicyStatus::kEff) p.dnt.sources.emplace_back("dnt-policy.txt", SignalStance::kHonoured);
  // The first party's Tk header answers a DNT request: N (not tracking) promises, D disregards.
  for (const TkHeader& t : p.tk) {
    if (SiteOf(t.host) != report.page_site || (t.value != "N" && t.value != "D")) continue;
    const SignalStance stance = t.value == "N" ? SignalStance::kHonoured : SignalStance::kNotHonoured;
    if (std::find(p.dnt.sources.begin(), p.dnt.sources.end(), std::pair<std::string, SignalStance>{"tk", stance}) == p.dnt.sources.end()) {
      p.dnt.sources.emplace_back("tk", stance);
    }
  }
  Resolve(p.gpc);
  Resolve(p.dnt);
}

}  // namespace

void AnalyzePrivacySignals(const Capture& capture, const AnalyzeOptions&, const Policy& policy, Report& report) {
  PrivacySignals& p = report.privacy;
  p.consent = capture.consent;
  CountHeaders(capture, p);
  // Sent: the front end says so, or a request was seen carrying the header (HAR files, captures
  // from browsers that send GPC by default).
  p.dnt.sent = capture.dnt_sent || p.dnt.header_requests > 0;
  p.gpc.sent = capture.gpc_sent || p.gpc.header_requests > 0;
  CollectReads(capture, report, p);
  p.gpc_json = CheckGpcJson(capture.gpc_json);
  p.dnt_policy = CheckDntPolicy(capture.dnt_policy);
  for (const SiteGroup& g : report.sites) {
    for (const ReportCookie& c : g.cookies) {
      if (std::optional<ConsentString> s = DecodeConsentCookie(c.name, c.value)) {
        s->domain = c.domain;
        p.consent_strings.push_back(std::move(*s));
      }
    }
  }
  CollectStances(policy, report, p);
  for (const TrackedItem& item : TrackedItems(report)) p.tracking_items += item.tracking && item.kind != TrackedKind::kTracker;
}

}  // namespace trackscope

namespace trackscope {

std::string_view SignalVerdictCodeName(SignalVerdictCode code) {
  constexpr std::array<std::string_view, 6> kNames = {"not-sent", "contradicted", "record-ignores", "no-tracking", "as-declared", "no-stance"};
  return kNames[static_cast<size_t>(code)];
}

void JudgeSignals(Report& report) {
  PrivacySignals& p = report.privacy;
  const int n = p.tracking_items;
  const std::string items = std::to_string(n) + (n == 1 ? " tracking item" : " tracking items");
  for (bool gpc : {false, true}) {
    SignalSummary& s = gpc ? p.gpc : p.dnt;
    const std::string label = gpc ? "GPC" : "DNT";
    const std::string item_kind = gpc ? "gpc" : "dnt";
    // Findings about the signal itself (item "GPC"/"DNT") compare it with the site's stance; GPC
    // findings about a cookie are consent records that ignored it.
    bool contradicted = false;
    std::string records;
    for (const Finding& f : report.findings) {
      if (f.kind != FindingKind::kSignalContradiction || f.item_kind != item_kind) continue;
      if (f.item == label) {
        contradicted = contradicted || f.severity != Severity::kInfo;
      } else {
        records += (records.empty() ? "" : ", ") + f.item;
      }
    }
    SingleLoadVerdict& v = s.verdict;
    using C = SignalVerdictCode;
    if (!s.sent) {
      v = {C::kNotSent, "neutral", "Not tested: " + label + " was not sent on this load."};
    } else if (contradicted) {
      v = {C::kContradicted, "bad", "Contradicted: the site says it honours " + label + ", yet " + items + " loaded with " + label + " sent."};
    } else if (!records.empty()) {
      v = {C::kRecordIgnores, "bad", "Not recorded: the consent manager's record (" + records + ") shows no opt-out, though " + label + " was sent."};
    } else if (n == 0) {
      v = {C::kNoTracking, "good", "No tracking seen with " + label + " sent."};
    } else if (s.declared == SignalStance::kNotHonoured) {
      v = {C::kAsDeclared, "warn", "Not honoured, as the site says: " + items + " with " + label + " sent."};
    } else {
      std::string policy;
      if (s.policy_stance == SignalStance::kHonoured) policy = " (the selected policy says it honours it)";
      if (s.policy_stance == SignalStance::kNotHonoured) policy = " (the selected policy says it does not honour it)";
      v = {C::kNoStance, "warn", "Tracking went on with " + label + " sent: " + items + "; the site states no stance" + policy + "."};
    }
  }
}

}  // namespace trackscope
