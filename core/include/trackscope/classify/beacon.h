// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Web beacons: what a tracking request says and what identifiers it carries. Pure functions over
// a request's URL and body and the page's cookies; analyze/beacons.cc applies them to a capture.
//
//   ParseParams       query "a=1&b=x%20y", Floodlight path params ";src=1;cat=x", bodies: form,
//                     JSON (leaf values, dotted names) or GA4 batches (one form per line)
//   DecodePixel       known pixel endpoints (Meta, Google Analytics, Google Ads / DoubleClick,
//                     TikTok, LinkedIn, X, Pinterest, Snap): account, event, what each parameter means
//   CookieValueIndex  which page cookie a value shares ≥ 8 characters with (Privacy Badger's
//                     "cookie sharing" signal)
//   FindIdentifiers   which parameters carry identifiers, and why
//   RedactValue       "•••• (32 chars)"
//
// Example: https://www.facebook.com/tr?id=1234567890&ev=PageView&fbp=fb.1.1795928400.987654321
//   DecodePixel   -> Meta Pixel (host match), account "1234567890", event "PageView",
//                    fbp = visitor id "Meta browser id (_fbp cookie)"
//   identifiers   -> fbp (decoder, 62 bits, carries first-party cookie `_fbp` when the page has it)
#ifndef TRACKSCOPE_CLASSIFY_BEACON_H_
#define TRACKSCOPE_CLASSIFY_BEACON_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trackscope/classify/purpose.h"
#include "trackscope/url/registry.h"

namespace trackscope {

// ---- Parameters ---------------------------------------------------------------------------

enum class ParamSource : uint8_t { kQuery, kPath, kBody };
std::string_view ParamSourceName(ParamSource source);  // "query", "path", "body"

struct Param {
  std::string name;   // percent-decoded; JSON leaves as dotted paths ("context.user.anonymous_id")
  std::string value;  // percent-decoded (form bodies: '+' is a space)
  ParamSource source = ParamSource::kQuery;
};

// Percent-decodes `s`; with `form`, '+' decodes to a space. Invalid escapes stay as written.
std::string PercentDecode(std::string_view s, bool form);

// The last segment of a dotted JSON name: "context.user.anonymous_id" -> "anonymous_id".
std::string_view LeafName(std::string_view name);

// Parameters of a request: its query, `;name=value` path parameters (DoubleClick Floodlight) and
// its body. A body that is neither a form, JSON nor lines of forms becomes one parameter with an
// empty name (so that cookie values and random tokens in it are still found). At most `limit`
// parameters are returned (hostile input); the rest are dropped.
std::vector<Param> ParseParams(std::string_view path, std::string_view query, std::string_view body,
                               size_t limit = 256);

// ---- Pixel decoders -----------------------------------------------------------------------

// What a parameter of a decoded pixel is.
enum class ParamRole : uint8_t {
  kNone,
  kAccount,  // the site owner's pixel / property / advertiser id: not a visitor identifier
  kEvent,    // event name
  kVisitor,  // identifies the visitor, the browser or a click
  kData,     // event data (cd[...], ep.*): names reported, values not
};

// How a pixel endpoint was recognised. Path shapes are recognised on any host (with the pixel's
// required parameters) because sites proxy pixels through their own domains (server-side
// tagging, CNAME cloaking); such matches are weaker evidence than the vendor's own host.
enum class PixelMatch : uint8_t { kHost, kPathShape };
std::string_view PixelMatchName(PixelMatch match);  // "host", "path-shape"

struct DecodedParam {
  size_t index = 0;  // into the params given to DecodePixel
  ParamRole role = ParamRole::kNone;
  std::string_view meaning;  // "Meta browser id (_fbp cookie)"; static
};

struct PixelDecode {
  std::string_view pixel;    // "Meta Pixel"; static
  std::string_view company;  // "Meta"; static
  Purpose purpose = Purpose::kUnclassified;
  PixelMatch match = PixelMatch::kHost;
  std::string account;  // from the params or the path (Google Ads conversion id)
  std::string event;
  std::vector<DecodedParam> params;  // the parameters the decoder knows, in params order
};

// `host` canonical, `path` as in the URL (Floodlight's ";..." included or not). nullopt when no
// decoder recognises the endpoint.
//
//   host + path                                         pixel                     account   event
//   www.facebook.com/tr                                 Meta Pixel                id        ev
//   www.google-analytics.com/g/collect (v=2)            Google Analytics 4        tid       en
//   www.google-analytics.com/collect, /j/collect (v=1)  Universal Analytics       tid       t
//   www.google-analytics.com/__utm.gif                  Google Analytics (ga.js)  utmac     utmt
//   googleads.g.doubleclick.net/pagead/viewthroughconversion/<id>/  Google Ads    <id>      label
//   ad.doubleclick.net/activity;src=<id>;type=;cat=     DoubleClick Floodlight    src       cat
//   analytics.tiktok.com/api/v2/pixel                   TikTok Pixel              code      event
//   px.ads.linkedin.com/collect                         LinkedIn Insight Tag      pid       conversionId
//   t.co/i/adsct, analytics.twitter.com/i/adsct         X (Twitter) Pixel         txn_id    events
//   ct.pinterest.com/v3/, /user/                        Pinterest Tag             tid       event
//   tr.snapchat.com/p                                   Snap Pixel                pid       ev
std::optional<PixelDecode> DecodePixel(std::string_view host, std::string_view path, const std::vector<Param>& params);

// ---- Cookie values ------------------------------------------------------------------------

struct PageCookie {
  std::string_view name, domain, value;  // domain canonical, no leading dot
  Party party = Party::kFirst;
};

struct CookieShare {
  size_t cookie = 0;  // index into the cookies given to the index
  size_t shared = 0;  // length of the longest run of characters the value shares with the cookie
};

// Finds which cookie of the page a value carries: the two share a run of ≥ 8 characters that
// looks like an identifier (has a digit, or upper and lower case letters), after percent-decoding
// both. Every 8-character window of each cookie value (the first 512 characters) is indexed as an
// exact 64-bit key in one sorted array, so a lookup costs one binary search per window of the
// value, whatever the number of cookies.
class CookieValueIndex {
 public:
  static constexpr size_t kMinShared = 8;

  // `cookies` must outlive the index.
  explicit CookieValueIndex(std::span<const PageCookie> cookies);

  // The cookie sharing the longest identifier-like run with `value`, if any (ties: the first).
  std::optional<CookieShare> Find(std::string_view value) const;

 private:
  std::span<const PageCookie> cookies_;
  std::vector<std::string> decoded_;                  // cookie values, percent-decoded
  std::vector<std::pair<uint64_t, uint32_t>> grams_;  // (8 bytes as a key, cookie), sorted
};

// ---- Identifiers --------------------------------------------------------------------------

// An identifier a beacon carries.
struct CarriedIdentifier {
  std::string param;  // name as sent; empty for a whole unparsed body
  ParamSource source = ParamSource::kQuery;
  std::string value;  // in full: callers redact (RedactValue) unless asked not to
  std::string meaning;  // why it counts: the decoder's meaning, the name's, or "random-looking value"
  int bits = 0;         // estimated random bits of the value (cookie_value.h); 0 = not random-looking
  bool named = false;   // the name says it is an identifier (uid, cid, client_id, fbp, gclid, ...)
  std::optional<CookieShare> cookie;  // the page cookie whose value it carries
};

// The identifiers among `params`: a decoder's visitor parameters, identifier-named parameters
// (value ≥ 4 characters), random-looking values (≥ 64 estimated bits, as for cookies) and values
// sharing ≥ 8 characters with a page cookie. Never: the decoder's account/event/data
// parameters, URLs (page address, referrer), and parameters named for page context (dl, dr,
// url, title, ...). `decode` and `cookies` may be null.
std::vector<CarriedIdentifier> FindIdentifiers(const std::vector<Param>& params, const PixelDecode* decode,
                                               const CookieValueIndex* cookies);

// The meaning of an identifier-like parameter name ("client id"), or empty. Case-insensitive,
// on the leaf name.
std::string_view IdentifierNameMeaning(std::string_view name);

// "•••• (32 chars)": a value as reports show it by default (length in characters, not bytes).
std::string RedactValue(std::string_view value);

}  // namespace trackscope

#endif  // TRACKSCOPE_CLASSIFY_BEACON_H_
