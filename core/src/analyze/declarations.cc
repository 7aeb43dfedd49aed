// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// FindDeclarationIssues: what the site declares (its policy's declaration and DNT/GPC stance,
// gpc.json, dnt-policy.txt) against what one page load did. Runs after AnalyzePrivacySignals.
//
//   finding               when                                                       severity
//   before-consent        consent "rejected": any tracking cookie or beacon          error
//                         consent "none" and the consent model is opt-in (default)   warning
//   signal-contradiction  the signal was sent, a source promises to honour it, and   warning
//                         tracking cookies or beacons are present; the first party
//                         answers Tk: D although a source promises DNT               warning
//                         the sources disagree (policy vs gpc.json, ...)             info
//   undeclared-tracker    a tracker whose hosts and vendor the declaration does not  warning
//                         name, and none of whose cookies it lists without a domain
//   undeclared-cookie     the declaration lists cookies but not this one             warning if tracking, else info
//   category-mismatch     a cookie declared in another category than observed       warning
//   lifetime-exceeds-declared  a cookie that outlives its declared lifetime           warning
//                         (policy/declaration.h OutlivesDeclared)
//   declared-not-seen     a declared cookie, vendor or beacon this page did not show  info
//   consent-record-mismatch  consent "rejected", a consent cookie grants consent     warning
//   consent-claim-mismatch   a hit claims consent (ConsentClaim) that the visitor     error if rejected,
//                         rejected or never gave (opt-in), or a consent record       else warning
//                         on the page refuses
//   session-recording     a session recorder's script or collector was requested     warning
//                         (classify/session_recording.h), one per recorder
// undeclared-*, category-mismatch and declared-not-seen need a declaration; the others do not.
#include <algorithm>
#include <bit>

#include "analyze/stages.h"
#include "analyze/tracking_items.h"
#include "base/time_util.h"
#include "trackscope/classify/session_recording.h"
#include "trackscope/url/url.h"

namespace trackscope {
namespace {

class Findings {
 public:
  explicit Findings(Report& report) : report_(report) {}

  std::string Label(size_t category) const {
    return category < report_.policy_categories.size() ? report_.policy_categories[category].category.label : "?";
  }
  std::string Id(size_t category) const {
    return category < report_.policy_categories.size() ? report_.policy_categories[category].category.id : "";
  }

  Finding& Add(FindingKind kind, Severity severity, const TrackedItem* item, std::string message) {
    Finding& f = report_.findings.emplace_back();
    f.kind = kind;
    f.severity = severity;
    f.message = std::move(message);
    if (item) {
      f.item_kind = std::string(TrackedKindName(item->kind));
      f.item = item->name;
      f.item_id = item->key;
      f.site = item->site;
      if (item->category != SIZE_MAX) f.observed_category = Id(item->category);
    }
    return f;
  }

 private:
  Report& report_;
};

std::string SignalLabel(bool gpc) { return gpc ? "GPC" : "DNT"; }

std::string Sources(const SignalSummary& s, SignalStance stance) {
  std::string out;
  for (const auto& [source, st] : s.sources) {
    if (st == stance) out += (out.empty() ? "" : ", ") + source;
  }
  return out;
}

// "adnet_uid (adnet.example), beacon ..., and 2 more"
std::string List(const std::vector<const TrackedItem*>& items, size_t max = 3) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < max; ++i) out += (i ? ", " : "") + Describe(*items[i]);
  if (items.size() > max) out += " and " + std::to_string(items.size() - max) + " more";
  return out;
}

void BeforeConsent(ConsentState consent, ConsentModel model, const std::vector<TrackedItem>& items, Findings& out) {
  const bool rejected = consent == ConsentState::kRejected;
  if (!rejected && !(consent == ConsentState::kNone && model == ConsentModel::kOptIn)) return;
  for (const TrackedItem& item : items) {
    if (!item.tracking || item.kind == TrackedKind::kTracker) continue;
    out.Add(FindingKind::kBeforeConsent, rejected ? Severity::kError : Severity::kWarning, &item,
            Describe(item) + ", for " + std::string(PurposeName(item.purpose)) + ", was present although the visitor " +
                (rejected ? "had rejected consent" : "had not given consent (opt-in)"));
  }
}

// The id of the cookie item named `name` on `domain`, or "".
std::string CookieItemId(const Report& report, std::string_view name, std::string_view domain) {
  for (const ReportItem& i : report.items) {
    if (i.kind == ItemKind::kCookie && i.name == name && i.host == domain) return i.id;
  }
  return {};
}

// "the consent record in cookie euconsent-v2 (tcf)"
std::string RecordName(const ConsentString& c) {
  return "the consent record in cookie " + c.cookie + " (" + std::string(ConsentStringKindName(c.kind)) + ")";
}

// A consent manager that stores consent although the visitor said no (the record other scripts
// and the site's vendors read): one finding per such record. (A record that does not decode
// claims nothing: its consent_given, opted_out and gpc are unset.)
void ConsentRecordMismatches(ConsentState consent, const Report& report, Findings& out) {
  if (consent != ConsentState::kRejected) return;
  for (const ConsentString& c : report.privacy.consent_strings) {
    if (c.consent_given != true) continue;
    Finding& f = out.Add(FindingKind::kConsentRecordMismatch, Severity::kWarning, nullptr,
                         "the visitor rejected consent, but " + RecordName(c) + " grants it: " + c.summary);
    f.item_kind = "cookie";
    f.item = c.cookie;
    f.item_id = CookieItemId(report, c.cookie, c.domain);
    f.site = std::string(SiteOf(c.domain));
  }
}

// A hit that claims consent (Consent Mode granted, a TC string with consent) which the visitor
// never gave or had refused, or which the page's own consent record refuses: what the vendor
// receives as consent. One finding per beacon, for its first such claim.
void ConsentClaimMismatches(ConsentState consent, ConsentModel model, const Report& report, Findings& out) {
  const bool rejected = consent == ConsentState::kRejected;
  const bool never_given = consent == ConsentState::kNone && model == ConsentModel::kOptIn;
  const ConsentString* refusing = nullptr;
  for (const ConsentString& c : report.privacy.consent_strings) {
    if (c.valid && c.consent_given == false && !refusing) refusing = &c;
  }
  if (!rejected && !never_given && !refusing) return;
  std::vector<std::string_view> done;  // beacon ids: every hit to one endpoint shares its id
  for (const ReportBeacon& b : report.beacons) {
    for (const ConsentClaim& claim : b.consent_claims) {
      if (claim.consent_given != true || std::find(done.begin(), done.end(), b.id) != done.end()) continue;
      done.push_back(b.id);
      const std::string what = "a hit to " + b.endpoint + " claims consent (" + claim.param + "=" + claim.value + ": " +
                               claim.summary + ")";
      const std::string why = rejected ? " although the visitor had rejected consent"
                              : never_given ? " although the visitor had not given consent (opt-in)"
                                            : " that " + RecordName(*refusing) + " refuses: " + refusing->summary;
      Finding& f = out.Add(FindingKind::kConsentClaimMismatch, rejected ? Severity::kError : Severity::kWarning, nullptr, what + why);
      f.item_kind = "beacon";
      f.item = b.endpoint;
      f.item_id = b.id;
      f.site = b.site;
      break;
    }
  }
}

// A session-recording finding about `item` (a recorder, or a script's host) of `site`, with the id
// of the report's tracker for that site when it has one.
void AddRecording(const Report& report, Findings& out, std::string item, std::string site, const std::string& message) {
  Finding& f = out.Add(FindingKind::kSessionRecording, Severity::kWarning, nullptr, message);
  f.item_kind = "tracker";
  f.item = std::move(item);
  for (const ReportTracker& t : report.trackers) {
    if (t.site == site) f.item_id = t.id;
  }
  f.site = std::move(site);
}

// Which of the visitor's inputs an event type is: 0 pointer, 1 clicks and touches, 2 scrolling,
// 3 keys and typing; -1 for another type.
int InputOf(std::string_view type) {
  constexpr std::pair<std::string_view, int> kTypes[] = {
      {"pointermove", 0}, {"mousemove", 0}, {"mousedown", 1}, {"mouseup", 1}, {"pointerdown", 1}, {"pointerup", 1},
      {"click", 1}, {"touchstart", 1}, {"touchend", 1}, {"touchmove", 1}, {"scroll", 2}, {"wheel", 2},
      {"keydown", 3}, {"keyup", 3}, {"keypress", 3}, {"input", 3}, {"beforeinput", 3}, {"change", 3}};
  for (const auto& [name, input] : kTypes) {
    if (name == type) return input;
  }
  return -1;
}

// Session recording by behaviour (listener events, CAPTURE.md): a third-party script that observes
// the page's changes, listens to at least three of the visitor's four kinds of input, and sent
// hits (beacons) — what rrweb-based and unknown recorders do. Scripts of recorders known by name
// are left to SessionRecordings.
void RecordersByBehaviour(const Capture& capture, const Report& report, Findings& out) {
  struct Script {
    std::string url;
    bool mutations = false;
    uint8_t inputs = 0;  // bit per InputOf
  };
  std::vector<Script> scripts;
  for (const ScriptEvent& e : capture.events) {
    if (e.kind != EventKind::kListener || e.script_url.empty()) continue;
    auto it = std::find_if(scripts.begin(), scripts.end(), [&](const Script& s) { return s.url == e.script_url; });
    if (it == scripts.end()) it = scripts.insert(scripts.end(), Script{e.script_url});
    if (e.api == "MutationObserver.observe") it->mutations = true;
    if (const int input = InputOf(e.key); e.api == "EventTarget.addEventListener" && input >= 0) it->inputs |= 1 << input;
  }
  for (const Script& s : scripts) {
    const int inputs = std::popcount(s.inputs);
    if (!s.mutations || inputs < 3) continue;
    const Result<Url> url = Url::Parse(s.url);
    if (!url.ok()) continue;
    const std::string_view host = url.value().host();
    const std::string site(SiteOf(host));
    if (site == report.page_site || !SessionRecorderOf(host, url.value().path()).empty()) continue;
    int hits = 0;
    std::string endpoint;
    for (const ReportBeacon& b : report.beacons) {
      if (b.script_url != s.url) continue;
      if (endpoint.empty()) endpoint = b.endpoint;
      ++hits;
    }
    if (hits == 0) continue;
    AddRecording(report, out, std::string(host), site,
                 "session recording by a script of " + std::string(host) + " (by its behaviour): " + s.url +
                     " observes the page's changes, listens to " + std::to_string(inputs) +
                     " of the visitor's inputs (pointer, clicks, scrolling, keys) and sent " + std::to_string(hits) +
                     " hit(s) to " + endpoint);
  }
}

// Session recorders whose script or collector the page requested: one finding per recorder, naming
// up to three of its hosts (the script's first), with its tracker's id when the report has one.
void SessionRecordings(const Capture& capture, const Report& report, Findings& out) {
  struct Seen {
    std::string_view recorder;
    std::vector<std::string> hosts;
    std::string site;
    int requests = 0;
  };
  std::vector<Seen> seen;
  for (const CapturedRequest& r : capture.requests) {
    const Result<Url> url = Url::Parse(r.url);
    if (!url.ok()) continue;
    const std::string_view recorder = SessionRecorderOf(url.value().host(), url.value().path());
    if (recorder.empty()) continue;
    auto it = std::find_if(seen.begin(), seen.end(), [&](const Seen& s) { return s.recorder == recorder; });
    if (it == seen.end()) it = seen.insert(seen.end(), Seen{recorder, {}, std::string(SiteOf(url.value().host())), 0});
    it->requests++;
    const std::string host(url.value().host());
    if (it->hosts.size() < 3 && std::find(it->hosts.begin(), it->hosts.end(), host) == it->hosts.end()) it->hosts.push_back(host);
  }
  RecordersByBehaviour(capture, report, out);
  for (const Seen& s : seen) {
    std::string hosts;
    for (const std::string& h : s.hosts) hosts += (hosts.empty() ? "" : ", ") + h;
    AddRecording(report, out, std::string(s.recorder), s.site,
                 "session recording by " + std::string(s.recorder) + ": " + std::to_string(s.requests) +
                     " request(s) to its recorder (" + hosts + "), which records the visitor's pointer, clicks, "
                     "scrolling and typing for replay");
  }
}

void SignalContradictions(const Report& report, const std::vector<TrackedItem>& items, Findings& out) {
  std::vector<const TrackedItem*> tracking;
  for (const TrackedItem& item : items) {
    if (item.tracking && item.kind != TrackedKind::kTracker) tracking.push_back(&item);
  }
  for (bool gpc : {false, true}) {
    const SignalSummary& s = gpc ? report.privacy.gpc : report.privacy.dnt;
    const std::string name = SignalLabel(gpc);
    const std::string promised = Sources(s, SignalStance::kHonoured), refused = Sources(s, SignalStance::kNotHonoured);
    if (!promised.empty() && !refused.empty()) {
      Finding& f = out.Add(FindingKind::kSignalContradiction, Severity::kInfo, nullptr,
                           "the site's declarations disagree on " + name + ": honoured per " + promised + ", not honoured per " + refused);
      f.item_kind = gpc ? "gpc" : "dnt";
      f.item = name;
    }
    if (promised.empty()) continue;
    if (s.sent && !tracking.empty()) {
      Finding& f = out.Add(FindingKind::kSignalContradiction, Severity::kWarning, nullptr,
                           name + " is declared honoured (" + promised + "), but with " + name + " sent the page had " +
                               std::to_string(tracking.size()) + " tracking item(s): " + List(tracking));
      f.item_kind = gpc ? "gpc" : "dnt";
      f.item = name;
    }
    if (!gpc) {
      for (const TkHeader& t : report.privacy.tk) {
        if (t.value != "D") continue;
        Finding& f = out.Add(FindingKind::kSignalContradiction, Severity::kWarning, nullptr,
                             "DNT is declared honoured (" + promised + "), but " + t.host + " answered Tk: D (disregarding DNT)");
        f.item_kind = "dnt";
        f.item = "DNT";
        f.site = t.host;
      }
    }
  }
  // Several US state laws make GPC an opt-out of sale and targeted advertising: a consent record
  // that the page holds while GPC was sent should record that opt-out (or at least have seen GPC).
  if (!report.privacy.gpc.sent) return;
  for (const ConsentString& c : report.privacy.consent_strings) {
    std::string why;
    if (c.opted_out == false) why = "records no opt-out";
    if (c.gpc == false) why += std::string(why.empty() ? "" : " and ") + "has its GPC flag off";
    if (why.empty()) continue;
    Finding& f = out.Add(FindingKind::kSignalContradiction, Severity::kWarning, nullptr,
                         "GPC was sent, but " + RecordName(c) + " " + why + ": " + c.summary);
    f.item_kind = "gpc";
    f.item = c.cookie;
    f.item_id = CookieItemId(report, c.cookie, c.domain);
    f.site = c.domain;
  }
}

// A cookie that lives longer than its declaration says (a cookie only seen sent has no known lifetime).
void LifetimeAgainst(const Report& report, const TrackedItem& item, const DeclaredCookie& declared, Findings& out) {
  const ReportCookie* cookie = nullptr;
  for (const SiteGroup& g : report.sites) {
    for (const ReportCookie& c : g.cookies) cookie = c.id == item.key ? &c : cookie;
  }
  if (!cookie || cookie->observed == CookieSource::kSent) return;
  const std::optional<double> observed = cookie->session ? std::nullopt : cookie->lifetime_days;
  if (!cookie->session && !observed) return;  // persistent, but no capture time to measure it
  if (!OutlivesDeclared(observed, *declared.lifetime_days)) return;
  const std::string said = *declared.lifetime_days == 0 ? "a session cookie" : "to live " + LifetimeWords(*declared.lifetime_days);
  Finding& f = out.Add(FindingKind::kLifetimeExceeded, Severity::kWarning, &item,
                       Describe(item) + " lives " + cookie->lifetime + ", but is declared " + said);
  f.declared_category = out.Id(declared.category);
}

void AgainstDeclaration(const Report& report, const Declaration& d, const std::vector<TrackedItem>& items, Findings& out) {
  std::vector<bool> cookie_seen(d.cookies.size()), vendor_seen(d.vendors.size()), beacon_seen(d.beacons.size());
  std::vector<const TrackedItem*> undeclared;  // trackers
  // Third-party sites that set a cookie the declaration lists without a domain (a CMP that names
  // services, not domains): declared by that cookie. Cookies come before trackers (TrackedItems).
  std::vector<std::string> declared_by_cookie;
  auto mark = [](const auto& list, const auto* entry, std::vector<bool>& seen) {
    if (entry) seen[static_cast<size_t>(entry - list.data())] = true;
  };
  // Vendors are seen when any host of any site, or its vendor, matches.
  for (const SiteGroup& g : report.sites) {
    for (const std::string& host : g.hosts) mark(d.vendors, d.FindVendor(host, ""), vendor_seen);
    for (const ReportVendor& v : g.vendors) mark(d.vendors, d.FindVendor("", v.name), vendor_seen);
  }
  for (const TrackedItem& item : items) {
    switch (item.kind) {
      case TrackedKind::kCookie: {
        const DeclaredCookie* dc = d.FindCookie(item.name, item.host);
        mark(d.cookies, dc, cookie_seen);
        if (dc && dc->domain.empty() && item.party == Party::kThird) declared_by_cookie.push_back(item.site);
        if (dc && dc->lifetime_days) LifetimeAgainst(report, item, *dc, out);
        if (dc && dc->category != item.category) {
          Finding& f = out.Add(FindingKind::kCategoryMismatch, Severity::kWarning, &item,
                               Describe(item) + " is declared as " + out.Label(dc->category) + " but observed as " +
                                   out.Label(item.category) + " (purpose " + std::string(PurposeName(item.purpose)) + ")");
          f.declared_category = out.Id(dc->category);
        } else if (!dc && !d.cookies.empty()) {
          out.Add(FindingKind::kUndeclaredCookie, item.tracking ? Severity::kWarning : Severity::kInfo, &item,
                  Describe(item) + " (" + out.Label(item.category) + ", purpose " + std::string(PurposeName(item.purpose)) +
                      ") is not declared");
        }
        break;
      }
      case TrackedKind::kBeacon: {
        const DeclaredBeacon* db = d.FindBeacon(item.host, item.path);
        mark(d.beacons, db, beacon_seen);
        if (db && db->category != item.category) {
          Finding& f = out.Add(FindingKind::kCategoryMismatch, Severity::kWarning, &item,
                               Describe(item) + " is declared as " + out.Label(db->category) + " but observed as " + out.Label(item.category));
          f.declared_category = out.Id(db->category);
        }
        break;
      }
      case TrackedKind::kTracker: {
        const SiteGroup* g = nullptr;
        for (const SiteGroup& s : report.sites) g = s.site == item.site ? &s : g;
        bool declared = !item.vendor.empty() && d.FindVendor("", item.vendor);
        declared = declared || d.FindVendor(item.site, "");
        declared = declared || std::find(declared_by_cookie.begin(), declared_by_cookie.end(), item.site) != declared_by_cookie.end();
        if (g) {
          for (const std::string& host : g->hosts) declared = declared || d.FindVendor(host, "");
          for (const ReportVendor& v : g->vendors) declared = declared || d.FindVendor("", v.name);
        }
        if (!declared) undeclared.push_back(&item);
        break;
      }
    }
  }
  // One finding per undeclared site: its vendor's tracker when it has one (a site's hosts may be
  // both a tracker of their own and a vendor's).
  for (const TrackedItem* item : undeclared) {
    const auto same_site = [&](const TrackedItem* other) { return other->site == item->site; };
    const auto better = std::find_if(undeclared.begin(), undeclared.end(), [&](const TrackedItem* o) { return same_site(o) && !o->vendor.empty(); });
    const TrackedItem* chosen = better != undeclared.end() ? *better : *std::find_if(undeclared.begin(), undeclared.end(), same_site);
    if (chosen != item) continue;
    out.Add(FindingKind::kUndeclaredTracker, Severity::kWarning, item,
            "third-party " + Describe(*item) + " tracks visitors (" + std::string(PurposeName(item->purpose)) +
                ") but the declaration names no such vendor");
  }
  auto not_seen = [&](std::string kind, std::string name, size_t category) {
    Finding& f = out.Add(FindingKind::kDeclaredNotSeen, Severity::kInfo, nullptr,
                         "declared " + kind + " " + name + " (" + out.Label(category) + ") was not seen on this page");
    f.item_kind = std::move(kind);
    f.item = std::move(name);
    f.declared_category = out.Id(category);
  };
  for (size_t i = 0; i < d.cookies.size(); ++i) {
    if (!cookie_seen[i]) not_seen("cookie", d.cookies[i].name, d.cookies[i].category);
  }
  for (size_t i = 0; i < d.vendors.size(); ++i) {
    const DeclaredVendor& v = d.vendors[i];
    if (!vendor_seen[i]) not_seen("vendor", v.name.empty() ? v.domains.front() : v.name, v.category);
  }
  for (size_t i = 0; i < d.beacons.size(); ++i) {
    if (!beacon_seen[i]) not_seen("beacon", d.beacons[i].host + d.beacons[i].path_prefix, d.beacons[i].category);
  }
}

}  // namespace

void FindDeclarationIssues(const Capture& capture, const AnalyzeOptions&, const Policy& policy, Report& report) {
  const std::vector<TrackedItem> items = TrackedItems(report);
  Findings out(report);
  const std::optional<Declaration>& d = policy.declaration();
  BeforeConsent(capture.consent, d ? d->consent : ConsentModel::kOptIn, items, out);
  ConsentRecordMismatches(capture.consent, report, out);
  ConsentClaimMismatches(capture.consent, d ? d->consent : ConsentModel::kOptIn, report, out);
  SessionRecordings(capture, report, out);
  SignalContradictions(report, items, out);
  if (d) AgainstDeclaration(report, *d, items, out);
}

}  // namespace trackscope
