// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// AnalyzeBeacons: web beacons from the capture's requests and `beacon` events (report/beacons.h).
//
// A request is a beacon when its kind says so (navigator.sendBeacon, <a ping>, fetch keepalive),
// when a pixel decoder recognises its endpoint, when it is a tiny image (≤ 2×2, ≤ 128 bytes or
// 204) sent to a third party or carrying identifiers or on a filter list, or when an image to a
// listed/tracker host, or another request to an EasyPrivacy-listed endpoint, carries identifiers.
// `beacon` events are paired with their request by URL; an event without a request (the front end
// did not see it) is still reported. Purpose: decoder (catalog layer), then vendor and filter list
// (attribution), then what the identifiers suggest (heuristics); classify/cookie_classifier.h
// DecideVerdict weighs them as for cookies.
#include <initializer_list>
#include <unordered_map>

#include "analyze/stages.h"
#include "base/strings.h"
#include "consent/hit_claims.h"
#include "trackscope/classify/beacon.h"
#include "trackscope/classify/payload.h"
#include "trackscope/classify/sensitive.h"
#include "trackscope/url/url.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope {
namespace {

constexpr int64_t kTinyBodyBytes = 128;

// What is known of one request, or of a beacon event without one.
struct Observed {
  const Url* url = nullptr;
  ResourceType type = ResourceType::kOther;
  std::string_view method = "GET";
  int status = 0;
  int width = -1, height = -1;
  int64_t body_size = -1;
  std::string_view body;
  const ScriptEvent* event = nullptr;  // the sendBeacon/keepalive call that sent it
  const HeaderList* headers = nullptr;
  std::string_view initiator;
  FilterVerdict filter;
};

// Sub-frames too: pixels are also loaded as <iframe> (Meta's noscript tag), and a HAR without
// _resourceType calls every HTML response one.
bool MayBeBeacon(ResourceType t) {
  return t == ResourceType::kImage || t == ResourceType::kPing || t == ResourceType::kXhr || t == ResourceType::kOther ||
         t == ResourceType::kSubFrame;
}

bool HasHeader(const HeaderList* headers, std::string_view name) {
  if (!headers) return false;
  for (const auto& [n, v] : *headers) {
    if (n == name) return true;
  }
  return false;
}

bool IsTiny(const Observed& o) {
  if (o.type != ResourceType::kImage) return false;
  if (o.width >= 0 && o.height >= 0) return o.width <= 2 && o.height <= 2;
  if (o.status == 204) return true;
  return o.status >= 200 && o.status < 300 && o.body_size >= 0 && o.body_size <= kTinyBodyBytes;
}

// Concatenation without `"literal" + std::string(...)` temporaries (GCC 12 -O3 -Wrestrict
// reports false positives on those).
std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p);
  return out;
}

std::string Quote(std::string_view s) {
  std::string out = "`";
  out.append(s.substr(0, 80));
  out += s.size() > 80 ? "…`" : "`";
  return out;
}

std::string KindText(BeaconKind kind, const Observed& o, bool tiny) {
  switch (kind) {
    case BeaconKind::kSendBeacon:
      return o.event ? "sent with navigator.sendBeacon" : "a ping-type request without ping headers: navigator.sendBeacon";
    case BeaconKind::kPing:
      return "sent by a link's ping attribute (hyperlink auditing) when it was followed";
    case BeaconKind::kKeepalive:
      return "sent with fetch(..., {keepalive: true}), which outlives the page like a beacon";
    case BeaconKind::kImage: {
      std::string size;
      if (o.width >= 0 && o.height >= 0) size = Cat({std::to_string(o.width), "×", std::to_string(o.height), " "});
      if (o.body_size >= 0) size += Cat({"(", std::to_string(o.body_size), " bytes) "});
      if (o.status == 204) size += "(204 No Content) ";
      return tiny ? Cat({"a tiny image ", size, "request: a tracking pixel"}) : Cat({"an image ", size, "request"});
    }
    case BeaconKind::kRequest:
      return Cat({"a ", ResourceTypeName(o.type), " request"});
  }
  return {};
}

// `spec` with the values of query parameters named in `ids` replaced by "••••".
std::string RedactQuery(std::string_view spec, const std::vector<CarriedIdentifier>& ids) {
  const size_t q = spec.find('?');
  if (q == std::string_view::npos) return std::string(spec);
  const size_t hash = spec.find('#', q);
  std::string_view query = spec.substr(q + 1, hash == std::string_view::npos ? std::string_view::npos : hash - q - 1);
  std::string out(spec.substr(0, q + 1));
  size_t begin = 0;
  while (begin <= query.size()) {
    size_t end = query.find('&', begin);
    if (end == std::string_view::npos) end = query.size();
    std::string_view part = query.substr(begin, end - begin);
    const size_t eq = part.find('=');
    const std::string name = PercentDecode(part.substr(0, eq), true);
    bool secret = false;
    for (const CarriedIdentifier& id : ids) secret |= id.source == ParamSource::kQuery && id.param == name;
    if (begin > 0) out += '&';
    out += secret && eq != std::string_view::npos ? std::string(part.substr(0, eq)) + "=••••" : std::string(part);
    begin = end + 1;
  }
  if (hash != std::string_view::npos) out += spec.substr(hash);
  return out;
}

class BeaconAnalyzer {
 public:
  BeaconAnalyzer(const AnalyzeOptions& options, const Policy& policy, Report& report)
      : options_(options), policy_(policy), report_(report) {
    for (const SiteGroup& g : report.sites) {
      for (const ReportCookie& c : g.cookies) {
        cookies_.push_back({c.name, c.domain, c.value, c.party});
        cookie_purposes_.push_back(c.purpose);
      }
    }
    index_.emplace(cookies_);
  }

  void Add(const Observed& o) {
    std::optional<ReportBeacon> b = Build(o);
    if (!b) return;
    ReportSummary& s = report_.summary;
    ++s.beacons;
    s.beacons_with_identifiers += !b->identifiers.empty();
    bool shares = false;
    for (const BeaconIdentifier& id : b->identifiers) shares |= !id.cookie.empty() && SiteOf(id.cookie_domain) != b->site;
    s.beacons_sharing_cookies += shares;
    ++report_.policy_categories[b->category].beacons;
    report_.beacons.push_back(std::move(*b));
  }

 private:
  std::optional<ReportBeacon> Build(const Observed& o) {
    const std::string_view host = o.url->host();
    const Party party = PartyOf(host, report_.page_host);
    std::vector<Param> params = ParseParams(o.url->path(), o.url->query(), o.body);
    std::optional<PixelDecode> decode = DecodePixel(host, o.url->path(), params);
    std::optional<Vendor> vendor = LookupVendor(host);
    // kUnclassified: no vendor, or a category that says nothing about purpose.
    const Purpose vendor_purpose =
        vendor ? PurposeOfVendorCategory(vendor->category).value_or(Purpose::kUnclassified) : Purpose::kUnclassified;
    const bool tracker_vendor = vendor_purpose == Purpose::kAdvertising || vendor_purpose == Purpose::kAnalytics ||
                                vendor_purpose == Purpose::kSocial;
    const bool blocked = o.filter.decision == FilterDecision::kBlock;
    const bool privacy_list = blocked && o.filter.block.list.find("privacy") != std::string::npos;

    BeaconKind kind = o.type == ResourceType::kImage ? BeaconKind::kImage : BeaconKind::kRequest;
    bool by_kind = true;
    if (o.event) {
      kind = o.event->api == "fetch" ? BeaconKind::kKeepalive : BeaconKind::kSendBeacon;
    } else if (o.type == ResourceType::kPing) {
      const bool audit = HasHeader(o.headers, "ping-to") || HasHeader(o.headers, "ping-from") || o.body == "PING";
      kind = audit ? BeaconKind::kPing : BeaconKind::kSendBeacon;
    } else {
      by_kind = false;
    }
    const bool tiny = IsTiny(o);
    if (!by_kind && !decode && !tiny && !blocked && !tracker_vendor) return std::nullopt;
    std::vector<CarriedIdentifier> ids = FindIdentifiers(params, decode ? &*decode : nullptr, &*index_);
    const bool image = o.type == ResourceType::kImage;
    const bool beacon = by_kind || decode || (tiny && (party == Party::kThird || !ids.empty() || blocked)) ||
                        (image && (blocked || tracker_vendor) && !ids.empty()) || (!image && privacy_list && !ids.empty());
    if (!beacon) return std::nullopt;

    ReportBeacon b;
    b.kind = kind;
    b.url = options_.include_values ? o.url->spec() : RedactQuery(o.url->spec(), ids);
    b.endpoint = o.url->spec().substr(0, o.url->spec().find_first_of("?#"));
    b.host = std::string(host);
    b.site = std::string(SiteOf(host));
    b.party = party;
    b.type = o.type;
    b.method = std::string(o.method);
    b.status = o.status;
    b.width = o.width;
    b.height = o.height;
    b.body_size = o.body_size;
    b.script_url = o.event ? o.event->script_url : std::string(o.initiator);
    b.vendor = vendor ? std::string(vendor->name) : decode ? std::string(decode->company) : "";

    std::vector<Evidence> evidence;
    evidence.push_back({EvidenceKind::kHeuristic, Purpose::kUnclassified, 0, KindText(kind, o, tiny)});
    if (decode) {
      b.pixel = std::string(decode->pixel);
      b.pixel_match = decode->match;
      b.account = decode->account;
      b.event = decode->event;
      for (const DecodedParam& d : decode->params) {
        if (d.role == ParamRole::kData) b.data_fields.push_back(params[d.index].name);
      }
      std::string what = std::string(decode->pixel);
      if (!decode->account.empty()) what += ", account " + Quote(decode->account);
      if (!decode->event.empty()) what += ", event " + Quote(decode->event);
      const std::string path(o.url->path().substr(0, o.url->path().find(';')));
      if (decode->match == PixelMatch::kHost) {
        evidence.push_back({EvidenceKind::kCatalog, decode->purpose, 0.9, Cat({"endpoint ", host, path, " is ", what})});
      } else {
        evidence.push_back({EvidenceKind::kCatalog, decode->purpose, 0.7,
                            Cat({"path ", Quote(path), " with the parameters of ", what, ", on ", host, ", not ",
                                 decode->company, "'s own host: a pixel proxied through it"})});
      }
    }
    b.consent_claims = ConsentClaimsIn(params, decode && decode->company == "Google");
    b.payload = Payload(params, decode ? &*decode : nullptr, ids);
    if (vendor && vendor_purpose != Purpose::kUnclassified) {
      evidence.push_back({EvidenceKind::kAttribution, vendor_purpose, 0.7,
                          Cat({"sent to ", host, " (", vendor->name, ", ", VendorCategoryName(vendor->category), ")"})});
    }
    if (blocked) {
      evidence.push_back({EvidenceKind::kAttribution, privacy_list ? Purpose::kAnalytics : Purpose::kAdvertising, 0.6,
                          o.filter.block.list + " lists it as " + (privacy_list ? "a tracker" : "an ad") + " (rule " +
                              Quote(o.filter.block.rule) + ", line " + std::to_string(o.filter.block.line) + ")"});
    }
    IdentifierEvidence(b, ids, evidence);

    CookieVerdict verdict = DecideVerdict(std::move(evidence));
    b.purpose = verdict.purpose;
    b.confidence = verdict.confidence;
    b.evidence = std::move(verdict.evidence);
    b.category = policy_.CategoryIndex({ItemKind::kBeacon, b.purpose, b.party, true});
    for (CarriedIdentifier& id : ids) {
      BeaconIdentifier& out = b.identifiers.emplace_back();
      out.param = std::move(id.param);
      out.source = id.source;
      out.value = options_.include_values ? std::move(id.value) : RedactValue(id.value);
      out.meaning = std::move(id.meaning);
      // A hashed e-mail address is random-looking, but said for what it is.
      for (const PayloadItem& p : b.payload) {
        if (p.personal != PersonalKind::kNone && p.param == out.param && p.source == out.source) out.meaning = p.meaning;
      }
      out.bits = id.bits;
      out.named = id.named;
      if (id.cookie) {
        const PageCookie& c = cookies_[id.cookie->cookie];
        out.cookie = std::string(c.name);
        out.cookie_domain = std::string(c.domain);
        out.cookie_party = c.party;
        out.shared_chars = static_cast<int>(id.cookie->shared);
      }
    }
    return b;
  }

  // Every parameter said for what it is, checked for special categories; identifiers and personal
  // data redacted unless values are asked for.
  std::vector<PayloadItem> Payload(const std::vector<Param>& params, const PixelDecode* decode,
                                   const std::vector<CarriedIdentifier>& ids) const {
    std::vector<PayloadItem> out;
    out.reserve(params.size());
    const std::vector<PayloadField> fields = ExplainPayload(params, decode);
    // A latitude and a longitude sent as two parameters: one text for FindSensitive.
    std::string lat, lng;
    for (const Param& p : params) {
      const std::string leaf = ToLowerAscii(LeafName(p.name));
      if (leaf == "lat" || leaf == "latitude") lat = p.value;
      if (leaf == "lng" || leaf == "lon" || leaf == "long" || leaf == "longitude") lng = p.value;
    }
    for (const PayloadField& f : fields) {
      const Param& p = params[f.index];
      PayloadItem& item = out.emplace_back();
      item.param = p.name;
      item.source = p.source;
      item.kind = f.kind;
      item.meaning = std::string(f.meaning);
      item.personal = f.personal;
      item.hash = f.hash;
      bool carried = false;
      for (const CarriedIdentifier& id : ids) carried |= id.param == p.name && id.source == p.source && !p.name.empty();
      if (carried && (f.kind == FieldKind::kOther || f.kind == FieldKind::kTechnical)) {
        item.kind = FieldKind::kIdentifier;
        if (item.meaning.empty()) item.meaning = "random-looking value";
      }
      const bool secret = item.kind == FieldKind::kIdentifier || item.kind == FieldKind::kPersonalData || p.name.empty();
      item.value = secret && !options_.include_values ? RedactValue(p.value) : ClipUtf8(p.value, 200);
      if (secret || item.kind == FieldKind::kAccount || item.kind == FieldKind::kConsent ||
          item.kind == FieldKind::kTechnical) {
        continue;
      }
      const std::string leaf = ToLowerAscii(LeafName(p.name));
      if ((leaf == "lat" || leaf == "latitude") && !lng.empty()) {
        item.sensitive = FindSensitive("lat=" + lat + "&lng=" + lng);
      } else {
        item.sensitive = FindSensitive(p.value);
      }
    }
    return out;
  }

  // What the carried identifiers say: cookie values shared with the beacon's host, then the
  // identifiers as such.
  void IdentifierEvidence(const ReportBeacon& b, const std::vector<CarriedIdentifier>& ids, std::vector<Evidence>& out) {
    std::string names;
    for (const CarriedIdentifier& id : ids) {
      names += (names.empty() ? "" : ", ") + (id.param.empty() ? std::string("the body") : Quote(id.param));
      if (!id.cookie) continue;
      const PageCookie& c = cookies_[id.cookie->cookie];
      const Purpose cookie_purpose = cookie_purposes_[id.cookie->cookie];
      const bool other_site = SiteOf(c.domain) != b.site;
      std::string text = Cat({"carries the value of ", PartyName(c.party), "-party cookie ", Quote(c.name), " (", c.domain, ")"});
      text += id.param.empty() ? " in its body" : " in " + Quote(id.param);
      if (c.party == Party::kFirst && b.party == Party::kThird) {
        text += " to a third party (the cookie-sharing signal Privacy Badger uses)";
      } else if (other_site) {
        text += " to another site (" + b.site + "): cookie syncing";
      }
      Purpose p = cookie_purpose;
      if (p == Purpose::kUnclassified || p == Purpose::kNecessary || p == Purpose::kFunctional) {
        p = b.party == Party::kThird ? Purpose::kAdvertising : Purpose::kAnalytics;
      }
      out.push_back({EvidenceKind::kHeuristic, p, other_site ? 0.45 : 0.3, std::move(text)});
    }
    if (ids.empty()) return;
    const std::string count = ids.size() == 1 ? "an identifier" : std::to_string(ids.size()) + " identifiers";
    if (b.party == Party::kThird) {
      out.push_back({EvidenceKind::kHeuristic, Purpose::kAdvertising, 0.35,
                     "third-party beacon carrying " + count + " (" + names + "): typical of cross-site tracking"});
    } else {
      out.push_back({EvidenceKind::kHeuristic, Purpose::kAnalytics, 0.35,
                     "first-party beacon carrying " + count + " (" + names + "): typical of visitor counting"});
    }
  }

  const AnalyzeOptions& options_;
  const Policy& policy_;
  Report& report_;
  std::vector<PageCookie> cookies_;
  std::vector<Purpose> cookie_purposes_;
  std::optional<CookieValueIndex> index_;
};

FilterVerdict MatchEvent(const filter::Engine& engine, const std::string& url, const std::string& page_url,
                         const ScriptEvent& e) {
  FilterVerdict v;
  filter::MatchResult m = engine.Match({url, e.frame_url.empty() ? page_url : e.frame_url,
                                        e.api == "fetch" ? filter::RequestType::kXhr : filter::RequestType::kPing, "POST"});
  if (m.decision == filter::Decision::kNoMatch) return v;
  v.decision = m.decision == filter::Decision::kBlock ? FilterDecision::kBlock : FilterDecision::kException;
  filter::FilterEvidence e1 = engine.Describe(m.filter);
  v.block = {std::move(e1.text), std::move(e1.list), e1.line};
  return v;
}

}  // namespace

std::string_view BeaconKindName(BeaconKind kind) {
  switch (kind) {
    case BeaconKind::kImage: return "image";
    case BeaconKind::kSendBeacon: return "sendBeacon";
    case BeaconKind::kPing: return "ping";
    case BeaconKind::kKeepalive: return "keepalive";
    case BeaconKind::kRequest: return "request";
  }
  return "request";
}

void AnalyzeBeacons(const Capture& capture, const AnalyzeOptions& options, const Policy& policy, Report& report) {
  BeaconAnalyzer analyzer(options, policy, report);
  // Filter verdicts as the report has them, by canonical URL.
  std::unordered_map<std::string_view, const ReportRequest*> reported;
  for (const SiteGroup& g : report.sites) {
    for (const ReportRequest& r : g.requests) reported.try_emplace(r.url, &r);
  }
  // Beacon events by canonical URL, each paired with at most one request.
  struct PendingEvent {
    const ScriptEvent* event;
    Url url;
    bool paired = false;
  };
  std::vector<PendingEvent> events;
  std::unordered_multimap<std::string_view, size_t> events_by_url;
  for (const ScriptEvent& e : capture.events) {
    if (e.kind != EventKind::kBeacon) continue;
    Result<Url> url = Url::Parse(e.url);
    if (!url.ok() || !url.value().IsNetwork() || url.value().host().empty()) continue;
    events.push_back({&e, std::move(url).value()});
  }
  for (size_t i = 0; i < events.size(); ++i) events_by_url.emplace(events[i].url.spec(), i);

  for (const CapturedRequest& in : capture.requests) {
    if (!MayBeBeacon(in.type)) continue;
    Result<Url> url = Url::Parse(in.url);
    if (!url.ok() || !url.value().IsNetwork() || url.value().host().empty()) continue;
    Observed o;
    o.url = &url.value();
    o.type = in.type;
    o.method = in.method;
    o.status = in.status;
    o.width = in.image_width;
    o.height = in.image_height;
    o.body_size = in.body_size;
    o.body = in.request_body;
    o.headers = &in.request_headers;
    o.initiator = in.initiator;
    if (auto it = reported.find(url.value().spec()); it != reported.end()) o.filter = it->second->filter;
    if (in.type != ResourceType::kImage) {
      auto [begin, end] = events_by_url.equal_range(url.value().spec());
      for (auto it = begin; it != end; ++it) {
        PendingEvent& pe = events[it->second];
        if (pe.paired) continue;
        pe.paired = true;
        o.event = pe.event;
        if (o.body.empty()) o.body = pe.event->value;
        break;
      }
    }
    analyzer.Add(o);
  }
  for (const PendingEvent& pe : events) {
    if (pe.paired) continue;
    Observed o;
    o.url = &pe.url;
    o.type = pe.event->api == "fetch" ? ResourceType::kXhr : ResourceType::kPing;
    o.method = "POST";
    o.body = pe.event->value;
    o.event = pe.event;
    if (options.filters) o.filter = MatchEvent(*options.filters, pe.url.spec(), report.page_url, *pe.event);
    analyzer.Add(o);
  }
}

}  // namespace trackscope
