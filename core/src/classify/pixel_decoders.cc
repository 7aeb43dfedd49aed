// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Decoders for the common tracking pixels (classify/beacon.h): one table row per endpoint.
//
// A row matches a request when its host is one of the row's domains (or a subdomain) and its
// path one of the row's paths ("/tr" exact, "/pagead/conversion/*" a prefix). Rows with
// `shape_params` also match on any host when the path matches and every one of those parameters
// is present: the pixel proxied through the site's own domain (server-side tagging, CNAME
// cloaking), reported as a weaker "path-shape" match.
#include <algorithm>
#include <span>

#include "trackscope/classify/beacon.h"

namespace trackscope {
namespace {

using enum ParamRole;

struct ParamSpec {
  std::string_view name;  // compared case-insensitively with the leaf name, or a prefix of the full name
  ParamRole role;
  std::string_view meaning;
  bool prefix = false;
};

struct PixelSpec {
  std::string_view pixel, company;
  Purpose purpose;
  std::span<const std::string_view> hosts;
  std::span<const std::string_view> paths;         // '*' at the end: prefix
  std::span<const std::string_view> shape_params;  // needed for a path-shape match on other hosts
  std::span<const ParamSpec> params;
  bool account_in_path = false;  // the path segment after the matched prefix is the account id
  bool shape_by_path = false;    // the path alone is specific enough for a path-shape match
};

// Meta Pixel: https://www.facebook.com/tr?id=<pixel>&ev=PageView&fbp=fb.1.<ts>.<rand>&cd[value]=..
constexpr std::string_view kMetaHosts[] = {"facebook.com"};
constexpr std::string_view kMetaPaths[] = {"/tr", "/tr/"};
constexpr std::string_view kMetaShape[] = {"id", "ev"};
constexpr ParamSpec kMetaParams[] = {
    {"id", kAccount, "pixel id"},
    {"ev", kEvent, "event"},
    {"fbp", kVisitor, "Meta browser id (_fbp cookie)"},
    {"fbc", kVisitor, "Meta click id (_fbc cookie)"},
    {"ud[", kVisitor, "advanced matching: hashed visitor data", true},
    {"cd[", kData, "custom data", true},
    {"dl", kNone, "page URL"}, {"rl", kNone, "referrer"}, {"if", kNone, "in an iframe"},
    {"ts", kNone, "time"}, {"sw", kNone, "screen width"}, {"sh", kNone, "screen height"},
    {"v", kNone, "pixel version"}, {"r", kNone, "release"}, {"ec", kNone, "event count"},
    {"o", kNone, "options"}, {"it", kNone, "init time"}, {"coo", kNone, "cookie option"},
    {"rqm", kNone, "request method"}, {"noscript", kNone, "noscript fallback"},
};

// Google Analytics 4: https://www.google-analytics.com/g/collect?v=2&tid=G-XXXX&cid=<rand>.<ts>&en=page_view
constexpr std::string_view kGaHosts[] = {"google-analytics.com", "analytics.google.com", "stats.g.doubleclick.net"};
constexpr std::string_view kGa4Paths[] = {"/g/collect"};
constexpr std::string_view kGaShape[] = {"v", "tid", "cid"};
constexpr ParamSpec kGa4Params[] = {
    {"tid", kAccount, "measurement id"},
    {"en", kEvent, "event"},
    {"cid", kVisitor, "Google Analytics client id (_ga cookie)"},
    {"uid", kVisitor, "the site's own user id"},
    {"sid", kVisitor, "Google Analytics session id (_ga_<container> cookie)"},
    {"_fid", kVisitor, "Firebase installation id"},
    {"ep.", kData, "event parameter", true},
    {"epn.", kData, "event parameter", true},
    {"up.", kData, "user property", true},
    {"v", kNone, "protocol version"}, {"gtm", kNone, "tag version"}, {"_p", kNone, "page load id"},
    {"sct", kNone, "session count"}, {"seg", kNone, "engaged session"}, {"_s", kNone, "hit sequence"},
    {"_et", kNone, "engagement time"}, {"_ss", kNone, "session start"}, {"_nsi", kNone, "new session"},
    {"_fv", kNone, "first visit"}, {"dl", kNone, "page URL"}, {"dr", kNone, "referrer"}, {"dt", kNone, "page title"},
};

// Universal Analytics: https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=<rand>.<ts>&t=pageview
constexpr std::string_view kUaPaths[] = {"/collect", "/j/collect", "/r/collect"};
constexpr ParamSpec kUaParams[] = {
    {"tid", kAccount, "property id"},
    {"t", kEvent, "hit type"},
    {"cid", kVisitor, "Google Analytics client id (_ga cookie)"},
    {"uid", kVisitor, "the site's own user id"},
    {"_gid", kVisitor, "Google Analytics id (_gid cookie)"},
    {"cd", kData, "custom dimension", true},
    {"cm", kData, "custom metric", true},
    {"ec", kData, "event category"}, {"ea", kData, "event action"}, {"el", kData, "event label"},
    {"v", kNone, "protocol version"}, {"_v", kNone, "library version"}, {"_s", kNone, "hit sequence"},
    {"jid", kNone, "join id"}, {"gjid", kNone, "join id"}, {"_u", kNone, "usage"},
    {"dl", kNone, "page URL"}, {"dr", kNone, "referrer"}, {"dt", kNone, "page title"},
};

// Classic Google Analytics (ga.js, urchin): https://www.google-analytics.com/__utm.gif?utmwv=4.6.5&utmn=..&utmac=UA-1-1
// &utmcc=__utma%3D...%3B (the visitor's __utma/__utmz cookies copied into the hit)
constexpr std::string_view kGaClassicPaths[] = {"/__utm.gif", "/r/__utm.gif"};
constexpr std::string_view kGaClassicShape[] = {"utmac", "utmwv"};
constexpr ParamSpec kGaClassicParams[] = {
    {"utmac", kAccount, "property id"},
    {"utmt", kEvent, "hit type"},
    {"utmcc", kVisitor, "Google Analytics visitor cookies (__utma, __utmz)"},
    {"utme", kData, "event data"},
    {"utmhid", kNone, "page load id"}, {"utmn", kNone, "cache buster"}, {"utmwv", kNone, "library version"},
    {"utmp", kNone, "page path"}, {"utmhn", kNone, "host name"}, {"utmdt", kNone, "page title"},
    {"utmr", kNone, "referrer"}, {"utmcs", kNone, "character set"}, {"utmsr", kNone, "screen size"},
    {"utmsc", kNone, "colour depth"}, {"utmul", kNone, "language"}, {"utmje", kNone, "Java enabled"},
    {"utmfl", kNone, "Flash version"}, {"utmu", kNone, "usage"},
};

// Google Ads conversions and remarketing:
// https://googleads.g.doubleclick.net/pagead/viewthroughconversion/<conversion id>/?label=..&gclaw=..
constexpr std::string_view kGoogleAdsHosts[] = {"googleads.g.doubleclick.net", "googleadservices.com", "google.com"};
constexpr std::string_view kGoogleAdsPaths[] = {"/pagead/viewthroughconversion/*", "/pagead/conversion/*",
                                                "/pagead/1p-conversion/*", "/pagead/1p-user-list/*"};
constexpr ParamSpec kGoogleAdsParams[] = {
    {"label", kEvent, "conversion label"},
    {"gclid", kVisitor, "Google Ads click id"},
    {"gclaw", kVisitor, "Google Ads click id (_gcl_aw cookie)"},
    {"gcldc", kVisitor, "Google Ads click id (_gcl_dc cookie)"},
    {"auiddc", kVisitor, "Google Ads user id (_gcl_au cookie)"},
    {"data", kData, "remarketing data"}, {"value", kData, "conversion value"},
    {"currency_code", kData, "currency"},
    {"url", kNone, "page URL"}, {"ref", kNone, "referrer"}, {"random", kNone, "cache buster"},
    {"cv", kNone, "tag version"}, {"fst", kNone, "time"}, {"num", kNone, "count"}, {"fmt", kNone, "format"},
    {"guid", kNone, "option"}, {"rnd", kNone, "cache buster"}, {"tiba", kNone, "page title"},
};

// DoubleClick (Campaign Manager) Floodlight: https://ad.doubleclick.net/activity;src=<advertiser>;type=..;cat=..;ord=..
constexpr std::string_view kFloodlightHosts[] = {"ad.doubleclick.net", "fls.doubleclick.net"};
constexpr std::string_view kFloodlightPaths[] = {"/activity*", "/ddm/activity*"};
constexpr ParamSpec kFloodlightParams[] = {
    {"src", kAccount, "advertiser id"},
    {"cat", kEvent, "activity tag"},
    {"type", kData, "activity group"},
    {"dc_rdid", kVisitor, "mobile advertising id"},
    {"auiddc", kVisitor, "Google Ads user id (_gcl_au cookie)"},
    {"gclid", kVisitor, "Google Ads click id"},
    {"gcldc", kVisitor, "Google Ads click id (_gcl_dc cookie)"},
    {"u", kData, "custom variable", true},
    {"ord", kNone, "order id or cache buster"}, {"num", kNone, "count"}, {"dc_lat", kNone, "ad tracking limited"},
    {"tag_for_child_directed_treatment", kNone, "child-directed"}, {"tfua", kNone, "under age"},
    {"npa", kNone, "non-personalised ads"}, {"gtm", kNone, "tag version"}, {"~oref", kNone, "page URL"},
};

// TikTok Pixel: POST https://analytics.tiktok.com/api/v2/pixel {"event":"Pageview","context":{"pixel":{"code":".."},
// "user":{"anonymous_id":".."},"ad":{"callback":"<ttclid>"}},...}
constexpr std::string_view kTikTokHosts[] = {"analytics.tiktok.com"};
constexpr std::string_view kTikTokPaths[] = {"/api/v2/pixel*"};
constexpr std::string_view kTikTokShape[] = {"event"};
constexpr ParamSpec kTikTokParams[] = {
    {"code", kAccount, "pixel code"},
    {"pixel_code", kAccount, "pixel code"},
    {"event", kEvent, "event"},
    {"anonymous_id", kVisitor, "TikTok anonymous id"},
    {"ttp", kVisitor, "TikTok browser id (_ttp cookie)"},
    {"callback", kVisitor, "TikTok click id (ttclid)"},
    {"ttclid", kVisitor, "TikTok click id"},
    {"external_id", kVisitor, "the site's own user id (hashed)"},
    {"email", kVisitor, "hashed e-mail address"},
    {"phone_number", kVisitor, "hashed phone number"},
    {"properties.", kData, "event property", true},
    {"url", kNone, "page URL"}, {"referrer", kNone, "referrer"}, {"timestamp", kNone, "time"},
    {"event_id", kNone, "event id"}, {"message_id", kNone, "message id"}, {"session_id", kVisitor, "TikTok session id"},
};

// LinkedIn Insight Tag: https://px.ads.linkedin.com/collect?pid=<partner>&conversionId=<id>&fmt=gif
constexpr std::string_view kLinkedInHosts[] = {"px.ads.linkedin.com"};
constexpr std::string_view kLinkedInPaths[] = {"/collect", "/collect/", "/wa/", "/attribution_trigger"};
constexpr ParamSpec kLinkedInParams[] = {
    {"pid", kAccount, "partner id"},
    {"conversionId", kEvent, "conversion id"},
    {"li_fat_id", kVisitor, "LinkedIn click id"},
    {"liSync", kNone, "sync option"}, {"fmt", kNone, "format"}, {"url", kNone, "page URL"},
    {"time", kNone, "time"}, {"v", kNone, "tag version"},
};

// X (Twitter) Pixel: https://t.co/i/adsct?txn_id=<pixel>&p_id=Twitter&events=[["pageview",{}]]
constexpr std::string_view kXHosts[] = {"t.co", "analytics.twitter.com", "ads-twitter.com"};
constexpr std::string_view kXPaths[] = {"/i/adsct", "/1/i/adsct"};
constexpr std::string_view kXShape[] = {"txn_id"};
constexpr ParamSpec kXParams[] = {
    {"txn_id", kAccount, "pixel id"},
    {"events", kEvent, "events"},
    {"twclid", kVisitor, "X click id"},
    {"tw_sale_amount", kData, "sale amount"}, {"tw_order_quantity", kData, "order quantity"},
    {"p_id", kNone, "platform"}, {"p_user_id", kVisitor, "X user id"}, {"tw_document_href", kNone, "page URL"},
    {"tw_iframe_status", kNone, "in an iframe"}, {"tpx_cb", kNone, "callback"}, {"integration", kNone, "integration"},
};

// Pinterest Tag: https://ct.pinterest.com/v3/?tid=<tag id>&event=pagevisit&pd={"em":"<sha256>"}&ed={...}
// (and /user/ for the enhanced-match call).
constexpr std::string_view kPinterestHosts[] = {"ct.pinterest.com"};
constexpr std::string_view kPinterestPaths[] = {"/v3/", "/user/", "/v3", "/user"};
constexpr ParamSpec kPinterestParams[] = {
    {"tid", kAccount, "tag id"},
    {"event", kEvent, "event"},
    {"pd", kVisitor, "partner data: hashed e-mail address (enhanced match)"},
    {"aem", kVisitor, "hashed e-mail address (automatic enhanced match)"},
    {"epik", kVisitor, "Pinterest click id (_epik cookie)"},
    {"ed", kData, "event data"},
    {"ad", kNone, "device data"}, {"cb", kNone, "cache buster"}, {"dep", kNone, "tag options"},
    {"pd[", kVisitor, "partner data", true},
};

// Snap Pixel: https://tr.snapchat.com/p?pid=<pixel id>&ev=PAGE_VIEW&u_hem=<sha256>&u_hpn=<sha256>&e_pr=..
constexpr std::string_view kSnapHosts[] = {"tr.snapchat.com", "tr-shadow.snapchat.com"};
constexpr std::string_view kSnapPaths[] = {"/p", "/cm/p", "/gateway/p"};
constexpr std::string_view kSnapShape[] = {"pid", "ev"};
constexpr ParamSpec kSnapParams[] = {
    {"pid", kAccount, "pixel id"},
    {"ev", kEvent, "event"},
    {"u_hem", kVisitor, "hashed e-mail address"},
    {"u_hpn", kVisitor, "hashed phone number"},
    {"u_c1", kVisitor, "Snap browser id (_scid cookie)"},
    {"u_scsid", kVisitor, "Snap session id"},
    {"u_sclid", kVisitor, "Snap click id"},
    {"e_pr", kData, "price"}, {"e_iids", kData, "item ids"}, {"e_desc", kData, "description"},
    {"e_su", kData, "sign-up"}, {"e_ni", kData, "number of items"}, {"e_cur", kData, "currency"},
    {"e_tid", kData, "transaction id"}, {"e_ss", kData, "search string"},
    {"pl", kNone, "page URL"}, {"ts", kNone, "time"}, {"v", kNone, "tag version"}, {"rf", kNone, "referrer"},
};

constexpr PixelSpec kPixels[] = {
    {"Meta Pixel", "Meta", Purpose::kAdvertising, kMetaHosts, kMetaPaths, kMetaShape, kMetaParams},
    {"Google Analytics 4", "Google", Purpose::kAnalytics, kGaHosts, kGa4Paths, kGaShape, kGa4Params},
    {"Universal Analytics", "Google", Purpose::kAnalytics, kGaHosts, kUaPaths, kGaShape, kUaParams},
    {"Google Analytics (ga.js)", "Google", Purpose::kAnalytics, kGaHosts, kGaClassicPaths, kGaClassicShape, kGaClassicParams},
    {"Google Ads", "Google", Purpose::kAdvertising, kGoogleAdsHosts, kGoogleAdsPaths, {}, kGoogleAdsParams, true, true},
    {"DoubleClick Floodlight", "Google", Purpose::kAdvertising, kFloodlightHosts, kFloodlightPaths, {}, kFloodlightParams},
    {"TikTok Pixel", "TikTok", Purpose::kAdvertising, kTikTokHosts, kTikTokPaths, kTikTokShape, kTikTokParams},
    {"LinkedIn Insight Tag", "LinkedIn", Purpose::kAdvertising, kLinkedInHosts, kLinkedInPaths, {}, kLinkedInParams},
    {"X (Twitter) Pixel", "X", Purpose::kAdvertising, kXHosts, kXPaths, kXShape, kXParams},
    {"Pinterest Tag", "Pinterest", Purpose::kAdvertising, kPinterestHosts, kPinterestPaths, {}, kPinterestParams},
    {"Snap Pixel", "Snap", Purpose::kAdvertising, kSnapHosts, kSnapPaths, kSnapShape, kSnapParams},
};

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x | 0x20 : x) == (y >= 'A' && y <= 'Z' ? y | 0x20 : y);
         });
}

bool HostIn(std::string_view host, std::span<const std::string_view> domains) {
  for (std::string_view d : domains) {
    if (host == d || (host.size() > d.size() && host.ends_with(d) && host[host.size() - d.size() - 1] == '.')) return true;
  }
  return false;
}

// The matched path pattern, or empty.
std::string_view MatchPath(std::string_view path, std::span<const std::string_view> patterns) {
  for (std::string_view p : patterns) {
    if (p.ends_with('*') ? path.starts_with(p.substr(0, p.size() - 1)) : path == p) return p;
  }
  return {};
}

const ParamSpec* SpecFor(const PixelSpec& pixel, const Param& param) {
  const std::string_view leaf = LeafName(param.name);
  for (const ParamSpec& s : pixel.params) {
    if (s.prefix ? param.name.starts_with(s.name) : EqualsIgnoringCase(leaf, s.name)) return &s;
  }
  return nullptr;
}

bool HasParam(const std::vector<Param>& params, std::string_view name) {
  return std::any_of(params.begin(), params.end(), [&](const Param& p) { return EqualsIgnoringCase(LeafName(p.name), name) && !p.value.empty(); });
}

// A path-shape match (on a host that is not the pixel's own) needs the row's parameters.
bool ShapeMatches(const PixelSpec& pixel, const std::vector<Param>& params) {
  if (pixel.shape_by_path) return true;
  if (pixel.shape_params.empty()) return false;
  return std::all_of(pixel.shape_params.begin(), pixel.shape_params.end(),
                     [&](std::string_view name) { return HasParam(params, name); });
}

}  // namespace

std::string_view PixelMatchName(PixelMatch match) { return match == PixelMatch::kHost ? "host" : "path-shape"; }

std::optional<PixelDecode> DecodePixel(std::string_view host, std::string_view path, const std::vector<Param>& params) {
  path = path.substr(0, path.find(';'));
  for (const PixelSpec& pixel : kPixels) {
    const std::string_view pattern = MatchPath(path, pixel.paths);
    if (pattern.empty()) continue;
    const bool on_host = HostIn(host, pixel.hosts);
    if (!on_host && !ShapeMatches(pixel, params)) continue;
    PixelDecode d;
    d.pixel = pixel.pixel;
    d.company = pixel.company;
    d.purpose = pixel.purpose;
    d.match = on_host ? PixelMatch::kHost : PixelMatch::kPathShape;
    if (pixel.account_in_path && pattern.ends_with('*')) {
      std::string_view rest = path.substr(pattern.size() - 1);
      d.account = std::string(rest.substr(0, rest.find('/')));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const ParamSpec* s = SpecFor(pixel, params[i]);
      if (!s) continue;
      d.params.push_back({i, s->role, s->meaning});
      if (s->role == kAccount && d.account.empty()) d.account = params[i].value;
      if (s->role == kEvent && d.event.empty()) d.event = params[i].value;
    }
    return d;
  }
  return std::nullopt;
}

}  // namespace trackscope
