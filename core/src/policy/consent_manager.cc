// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// CMP declarations -> a Declaration (policy/consent_manager.h): recognising the documents,
// dispatching to each CMP's reader (policy/cmp/), and mapping the entries onto the policy.
#include "trackscope/policy/consent_manager.h"

#include <algorithm>

#include "base/strings.h"
#include "policy/cmp/readers.h"
#include "trackscope/url/host.h"
#include "trackscope/url/registry.h"
#include "trackscope/url/url.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope {
namespace {

using cmp::Entry;
using cmp::EntryType;

// "/<id>/cc.js", "/consent/<id>/<id>/en.json": path segments.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  for (std::string_view s : SplitView(path, '/')) {
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

// A name as a declaration glob: Cookiebot's '#', "xxx" placeholders and a name pattern's tail
// become '*' ("SESS#" -> "SESS*", "_ga_xxxxxxxxxx" -> "_ga_*", "_gat" with ^_gat(_.+)*$ -> "_gat*").
std::string GlobName(const Entry& e) {
  std::string out;
  for (size_t i = 0; i < e.name.size();) {
    size_t run = 0;
    while (i + run < e.name.size() && e.name[i + run] == 'x') ++run;
    if (e.name[i] == '#' || run >= 3) {
      if (out.empty() || out.back() != '*') out += '*';
      i += e.name[i] == '#' ? 1 : run;
      continue;
    }
    out += e.name[i++];
  }
  if (!e.pattern.empty()) {
    // The pattern's literal prefix after '^'; a pattern that is all literal adds nothing.
    std::string_view p = e.pattern;
    if (!p.empty() && p.front() == '^') p.remove_prefix(1);
    size_t literal = 0;
    while (literal < p.size() && std::string_view("\\.[]()*+?{}|$^").find(p[literal]) == std::string_view::npos) ++literal;
    const std::string_view rest = p.substr(literal);
    const bool exact = rest.empty() || rest == "$";
    if (!exact && literal > 0 && out.compare(0, literal, p.substr(0, literal)) == 0) out = std::string(p.substr(0, literal)) + "*";
  }
  return out;
}

struct Converter {
  const Policy& policy;
  std::string page_site;
  Declaration d;

  size_t Category(ItemKind kind, Purpose purpose, Party party, bool persistent) const {
    return policy.CategoryIndex({kind, purpose, party, persistent});
  }

  // A vendor by its site, or (a CMP that names no domains) by the vendor name of the entry's service.
  void AddVendor(const std::string& site, const std::string& name, size_t category) {
    for (const DeclaredVendor& v : d.vendors) {
      if (!site.empty() && std::find(v.domains.begin(), v.domains.end(), site) != v.domains.end()) return;
      if (!name.empty() && v.name == name) return;
    }
    DeclaredVendor v;
    if (!site.empty()) v.domains.push_back(site);
    v.name = name;
    v.category = category;
    d.vendors.push_back(std::move(v));
  }

  // One declared cookie or beacon per site the entry names (the site, so that a cookie on
  // www.shop.example or .shop.example both match); none named = the page's own site.
  void Add(const Entry& e) {
    std::vector<std::string> sites;
    for (const std::string& domain : e.domains) {
      std::string_view host = domain;
      if (!host.empty() && host.front() == '.') host.remove_prefix(1);
      Result<Host> canonical = CanonicalizeHost(host);
      if (!canonical.ok()) continue;
      std::string site(SiteOf(canonical.value().text));
      if (std::find(sites.begin(), sites.end(), site) == sites.end()) sites.push_back(std::move(site));
    }
    if (sites.empty()) sites.push_back(e.any_domain ? std::string() : page_site);
    const bool persistent = !e.lifetime_days || *e.lifetime_days > 0;
    for (const std::string& site : sites) {
      const Party party = site.empty() || site == page_site ? Party::kFirst : Party::kThird;
      if (e.type == EntryType::kPixel && !site.empty()) {
        DeclaredBeacon b;
        b.host = site;
        b.category = Category(ItemKind::kBeacon, e.purpose, party, false);
        if (std::none_of(d.beacons.begin(), d.beacons.end(), [&](const DeclaredBeacon& x) { return x.host == b.host && x.category == b.category; })) {
          d.beacons.push_back(b);
        }
        if (party == Party::kThird) AddVendor(site, "", b.category);
        continue;
      }
      DeclaredCookie c;
      c.name = GlobName(e);
      c.domain = site;
      c.lifetime_days = e.lifetime_days;
      c.category = Category(ItemKind::kCookie, e.purpose, party, persistent);
      if (party == Party::kThird) AddVendor(site, "", c.category);
      d.cookies.push_back(std::move(c));
    }
    // A service named without domains is a vendor when the vendor data knows the name (Complianz's
    // "Google Analytics"); a service it does not know ("Site", "WooCommerce") is the site's own.
    if (e.any_domain && !e.service.empty()) {
      if (std::optional<Vendor> v = LookupVendorNamed(e.service)) {
        AddVendor("", std::string(v->name), Category(ItemKind::kCookie, e.purpose, Party::kThird, persistent));
      }
    }
  }
};

}  // namespace

std::string_view CmpName(Cmp cmp) {
  constexpr std::string_view kNames[] = {"Cookiebot", "OneTrust", "Usercentrics", "CookieYes", "Complianz"};
  return kNames[static_cast<size_t>(cmp)];
}

std::optional<Cmp> CmpDocumentOf(std::string_view url_text) {
  Result<Url> url = Url::Parse(url_text);
  if (!url.ok() || !url.value().IsNetwork()) return std::nullopt;
  const std::string_view host = url.value().host();
  const std::vector<std::string_view> seg = Segments(url.value().path());
  // consent.cookiebot.com/<cbid>/cc.js
  if ((DomainMatches(host, "consent.cookiebot.com") || DomainMatches(host, "consent.cookiebot.eu")) && seg.size() == 2 && seg[1] == "cc.js") {
    return Cmp::kCookiebot;
  }
  // cdn.cookielaw.org/consent/<id>/<ruleset>/<lang>.json (not the <id>/<id>.json ruleset index)
  if ((DomainMatches(host, "cookielaw.org") || DomainMatches(host, "onetrust.com")) && seg.size() == 4 && seg[0] == "consent" && seg[3].ends_with(".json")) {
    return Cmp::kOneTrust;
  }
  // api.usercentrics.eu/settings/<id>/latest/<lang>.json, aggregator.service.usercentrics.eu/aggregate/<lang>?templates=…
  // (config.eu.usercentrics.eu, aggregator.eu.usercentrics.eu in EU-only hosting)
  if (DomainMatches(host, "usercentrics.eu")) {
    if (seg.size() >= 3 && seg[0] == "settings" && seg.back().ends_with(".json") && seg.back() != "languages.json") return Cmp::kUsercentrics;
    if (seg.size() == 2 && seg[0] == "aggregate") return Cmp::kUsercentrics;
  }
  // cdn-cookieyes.com/client_data/<key>/script.js and …/audit-table/<hash>.json
  if (DomainMatches(host, "cdn-cookieyes.com") && seg.size() >= 3 && seg[0] == "client_data") {
    if (seg.size() == 3 && seg[2] == "script.js") return Cmp::kCookieYes;
    if (seg.size() == 4 && seg[2] == "audit-table" && seg[3].ends_with(".json")) return Cmp::kCookieYes;
  }
  // <site>/wp-json/complianz/v1/documents/ (the site's REST API; its banner does not load it)
  // (under a WordPress installed in a folder: <site>/blog/wp-json/…)
  if (seg.size() >= 4 && seg[seg.size() - 4] == "wp-json" && seg[seg.size() - 3] == "complianz" && seg.back() == "documents") return Cmp::kComplianz;
  return std::nullopt;
}

std::optional<std::string> CmpDocumentToFetch(std::string_view url_text) {
  Result<Url> url = Url::Parse(url_text);
  if (!url.ok() || (url.value().scheme() != Scheme::kHttp && url.value().scheme() != Scheme::kHttps)) return std::nullopt;
  // <prefix>/wp-content/plugins/complianz-gdpr[-premium…]/cookiebanner/js/<script>.js
  const std::string_view path = url.value().path();
  const size_t content = path.find("/wp-content/plugins/complianz-gdpr");
  if (content == std::string_view::npos || path.find("/cookiebanner/", content) == std::string_view::npos) return std::nullopt;
  // The origin: the canonical spec up to the path (the path is a view into it).
  const std::string& spec = url.value().spec();
  return spec.substr(0, static_cast<size_t>(path.data() - spec.data())) + std::string(path.substr(0, content)) +
         "/wp-json/complianz/v1/documents/";
}

Purpose PurposeOfCmpCategory(std::string_view name) {
  const std::string n = ToLowerAscii(name);
  struct Rule {
    std::string_view id;
    Purpose purpose;
  };
  constexpr Rule kIds[] = {{"c0001", Purpose::kNecessary}, {"c0002", Purpose::kAnalytics}, {"c0003", Purpose::kFunctional},
                           {"c0004", Purpose::kAdvertising}, {"c0005", Purpose::kSocial}, {"1", Purpose::kNecessary},
                           {"2", Purpose::kAnalytics}, {"3", Purpose::kFunctional}, {"4", Purpose::kAdvertising},
                           {"5", Purpose::kSocial}};
  for (const Rule& r : kIds) {
    if (n == r.id) return r.purpose;
  }
  // Keywords, most specific first ("social media" before "media", "unclassified" before "class").
  struct Keyword {
    std::string_view word;
    Purpose purpose;
  };
  constexpr Keyword kWords[] = {
      {"uncategori", Purpose::kUnclassified}, {"unclassified", Purpose::kUnclassified}, {"nicht klassifiziert", Purpose::kUnclassified},
      {"social", Purpose::kSocial}, {"soziale", Purpose::kSocial}, {"sociaux", Purpose::kSocial},
      {"necessar", Purpose::kNecessary}, {"essential", Purpose::kNecessary}, {"essenziell", Purpose::kNecessary},
      {"notwendig", Purpose::kNecessary}, {"erforderlich", Purpose::kNecessary}, {"required", Purpose::kNecessary},
      {"strictly", Purpose::kNecessary}, {"n\xc3\xa9" "cessaire", Purpose::kNecessary}, {"necesari", Purpose::kNecessary},
      {"noodzakelijk", Purpose::kNecessary}, {"technical", Purpose::kNecessary}, {"technisch", Purpose::kNecessary},
      {"statisti", Purpose::kAnalytics}, {"analytic", Purpose::kAnalytics}, {"analyse", Purpose::kAnalytics},
      {"analiti", Purpose::kAnalytics}, {"performance", Purpose::kAnalytics}, {"measurement", Purpose::kAnalytics},
      {"mesure", Purpose::kAnalytics}, {"leistung", Purpose::kAnalytics},
      {"marketing", Purpose::kAdvertising}, {"advertis", Purpose::kAdvertising}, {"targeting", Purpose::kAdvertising},
      {"werbung", Purpose::kAdvertising}, {"publicit", Purpose::kAdvertising}, {"pubblicit", Purpose::kAdvertising},
      {"ciblage", Purpose::kAdvertising}, {"reclame", Purpose::kAdvertising}, {"ads", Purpose::kAdvertising},
      {"preference", Purpose::kFunctional}, {"pr\xc3\xa9" "f\xc3\xa9" "rence", Purpose::kFunctional}, {"praferenz", Purpose::kFunctional},
      {"pr\xc3\xa4" "ferenz", Purpose::kFunctional}, {"functional", Purpose::kFunctional}, {"funktional", Purpose::kFunctional},
      {"fonctionnel", Purpose::kFunctional}, {"funcional", Purpose::kFunctional}, {"funzional", Purpose::kFunctional},
      {"functioneel", Purpose::kFunctional}, {"personali", Purpose::kFunctional},
  };
  for (const Keyword& k : kWords) {
    if (n.find(k.word) != std::string::npos) return k.purpose;
  }
  return Purpose::kUnclassified;
}

namespace cmp {
bool TruthyText(std::string_view text) { return text == "1" || text == "true" || text == "True" || text == "TRUE"; }
}  // namespace cmp

Result<CmpDeclaration> ReadCmpDeclaration(std::span<const CmpDocument> documents, std::string_view page_url, const Policy& policy) {
  Result<Url> page = Url::Parse(page_url);
  if (!page.ok() || page.value().host().empty()) return Error{"page", "not a page URL: " + std::string(page_url)};
  CmpDeclaration out;
  Converter conv{policy, std::string(SiteOf(page.value().host())), {}};
  std::vector<Entry> entries;
  cmp::UsercentricsReader usercentrics;
  cmp::CookieYesReader cookieyes;
  std::string failures;
  for (const CmpDocument& doc : documents) {
    const std::optional<Cmp> cmp = CmpDocumentOf(doc.url);
    std::optional<Error> error;
    const size_t before = entries.size();
    if (!cmp) {
      error = Error{doc.url, "not a consent manager's declaration"};
    } else {
      switch (*cmp) {
        case Cmp::kCookiebot: error = cmp::ReadCookiebot(doc.body, entries); break;
        case Cmp::kOneTrust: error = cmp::ReadOneTrust(doc.body, entries); break;
        case Cmp::kUsercentrics: error = usercentrics.Add(doc.body); break;
        case Cmp::kCookieYes: error = cookieyes.Add(doc.body); break;
        case Cmp::kComplianz: error = cmp::ReadComplianz(doc.body, entries); break;
      }
      if (error) error->path = doc.url + (error->path.empty() ? "" : " " + error->path);
    }
    if (error) {
      failures += (failures.empty() ? "" : "; ") + error->ToString();
      out.notes.push_back(std::move(*error));
      continue;
    }
    if (out.urls.empty()) out.cmp = *cmp;
    out.urls.push_back(doc.url);
    for (size_t i = before; i < entries.size(); ++i) entries[i].where = doc.url + " " + entries[i].where;
  }
  usercentrics.Finish(entries);
  cookieyes.Finish(entries);
  if (entries.empty()) {
    return Error{"cmp", failures.empty() ? "the consent manager's declaration lists no cookies" : failures};
  }
  out.entries = entries.size();
  size_t storage = 0;
  for (const Entry& e : entries) {
    if (e.type == EntryType::kStorage) {
      ++storage;
      continue;
    }
    conv.Add(e);
  }
  if (storage) {
    out.notes.push_back({out.urls.front(), std::to_string(storage) + " local-storage entr" + (storage == 1 ? "y" : "ies") +
                                               " not checked (a trackscope declaration lists cookies, vendors and beacons)"});
  }
  out.declaration = std::move(conv.d);
  out.declaration.source = std::string(CmpName(out.cmp)) + " declaration " + out.urls.front();
  return out;
}

}  // namespace trackscope
