// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The cookie model: what a Set-Cookie header line or a `document.cookie = ...` write says
// (ParseSetCookie, ParseDocumentCookie: RFC 6265bis 5.6 and 5.1.1), and what a browser would
// store from it for a given URL and time (ResolveCookie: the 5.7 storage model plus the rules
// browsers enforce on top of it). "RFC 6265bis" is draft-ietf-httpbis-rfc6265bis (-13 onwards).
//
//   set-cookie-string                              name   value    parsed attributes
//   "sid=31d4; Path=/; Secure; HttpOnly"           "sid"  "31d4"   path "/", secure, http_only
//   " uid = a b ;\tdomain=.Shop.Example"           "uid"  "a b"    domain "shop.example"
//   "token"                                        ""     "token"  (no '=': the pair is the value)
//   "id=\"q\"; Max-Age=-1; max-age=60"             "id"   "\"q\""  max_age 60 (last one wins)
//   "a=b; Expires=Sun, 06 Nov 1994 08:49:37 GMT"   "a"    "b"      expires 784111777
//   "a=b; Max-Age=1h; SameSite=Lax; SameSite=x"    "a"    "b"      max_age -, same_site kUnspecified
//   "a=b; Priority=High; Secure=no"                "a"    "b"      secure, unknown {"Priority=High"}
//   "=; Secure"                                    error "name and value are both empty"
//   "a=b\n"                                        error "cookie value contains a control character (0x0A)"
//
// An attribute that cannot be used is dropped with a note (SetCookie::notes), as browsers drop it.
// Which earlier attribute then applies follows the spec: an unparsable Expires or Max-Age or an
// empty Domain is ignored (an earlier one of the same name stays), while an invalid Path or an
// unknown SameSite value *replaces* earlier ones (default path, kUnspecified; 5.6.4, 5.6.7).
#ifndef TRACKSCOPE_COOKIE_SET_COOKIE_H_
#define TRACKSCOPE_COOKIE_SET_COOKIE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trackscope/base/result.h"
#include "trackscope/capture/capture.h"  // SameSite

namespace trackscope::cookie {

// Limits of RFC 6265bis 5.6 (name + value; each attribute value) and 5.5 (lifetime).
inline constexpr size_t kMaxNameValueBytes = 4096;
inline constexpr size_t kMaxAttributeValueBytes = 1024;
inline constexpr double kMaxLifetimeSeconds = 400.0 * 24 * 60 * 60;

// One parsed set-cookie-string. Attributes hold the *last* usable occurrence (RFC 6265bis 5.7
// reads "the last attribute in the cookie-attribute-list" of each name).
struct SetCookie {
  std::string name;                   // trimmed of SP/HTAB; may be empty (then value is not)
  std::string value;                  // trimmed of SP/HTAB; quotes are part of the value, kept as given
  std::optional<std::string> domain;  // lower case, one leading '.' removed; "" for "Domain=."
  std::optional<std::string> path;    // starts with '/'; nullopt = the default path (5.1.4)
  std::optional<int64_t> max_age;     // seconds as written (saturated to int64); <= 0 = expired
  std::optional<double> expires;      // Unix seconds (5.1.1), before any lifetime cap
  bool secure = false;
  bool http_only = false;
  bool partitioned = false;
  SameSite same_site = SameSite::kUnspecified;
  // Attributes the spec does not define (Priority, SameParty, Version, ...), each as written
  // ("name=value", trimmed), in order.
  std::vector<std::string> unknown_attributes;
  // Known attributes that were dropped or had no effect, and why ("Max-Age \"1h\" is not an
  // integer: ignored"), in order.
  std::vector<std::string> notes;
};

// Parses one Set-Cookie header value (RFC 6265bis 5.6). `line` is one header line: a header
// holding several cookies joined by '\n' must be split first. Fails, naming the reason, when the
// line contains a control character other than HTAB (anywhere, 5.6 step 1), when name and value
// together exceed kMaxNameValueBytes (5.6 step 5), or when both are empty (5.7).
Result<SetCookie> ParseSetCookie(std::string_view line);

// Parses what a script assigned to `document.cookie`: the same syntax (HTML's cookie setter hands
// the string to the 5.6 algorithm as a "non-HTTP" API). A script cannot set HttpOnly: the flag is
// kept as written, with a note, and ResolveCookie(..., from_script = true) rejects the cookie
// (5.7: browsers ignore such a write entirely rather than store it without HttpOnly).
Result<SetCookie> ParseDocumentCookie(std::string_view written);

// The cookie-date algorithm of RFC 6265bis 5.1.1, which accepts the formats seen in the wild
// (RFC 1123 "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT", asctime
// "Sun Nov  6 08:49:37 1994", ...). Two-digit years 70-99 are 19xx, 00-69 20xx; time zones are
// ignored (the date is UTC). Returns Unix seconds, or nullopt when a day, month, year or time is
// missing, out of range (year < 1601, hour > 23, ...), or names no real date (Feb 30).
std::optional<double> ParseCookieDate(std::string_view date);

// A cookie as a browser would store it.
struct CookieRecord {
  std::string name;
  std::string value;
  std::string domain;             // canonical, no leading dot: the request host, or the Domain attribute
  std::string path;               // the Path attribute, else the request URL's default path
  bool host_only = true;          // sent only to `domain` itself (no usable Domain attribute)
  bool persistent = false;        // has Max-Age or Expires; otherwise a session cookie
  std::optional<double> expires;  // Unix seconds, capped at now + kMaxLifetimeSeconds
  bool secure = false;
  bool http_only = false;
  bool partitioned = false;
  SameSite same_site = SameSite::kUnspecified;
};

// Decides what a browser stores when the response for `request_url` (from_script = false) or a
// script in the document at `request_url` (from_script = true) sets `c` at Unix time `now`:
// RFC 6265bis 5.7 with the choices today's browsers make. In order, a cookie is rejected when
//   - the URL does not parse or is not http(s)/ws(s);
//   - name and value are both empty, or it is nameless with a "__Secure-"/"__Host-" value;
//   - the Domain attribute has non-ASCII bytes, is a public suffix other than the host itself
//     (Domain=co.uk; Domain=example on shop.example: the PSL's implicit "*" rule), does not
//     domain-match the host, or names anything but the address itself on an IP-address host;
//   - it is Secure but the URL is not a secure origin (https, wss, or http on localhost,
//     *.localhost, 127.0.0.0/8 or [::1], which browsers treat as potentially trustworthy);
//   - it is HttpOnly and was written by a script;
//   - it is SameSite=None or Partitioned without Secure;
//   - its name breaks the "__Secure-" / "__Host-" prefix rules (case-insensitive, 5.4);
//   - it is already expired: "cookie is already expired (deletes any stored cookie of that name)".
// Each error message names the rule. A Domain attribute equal to a public-suffix host, or to an
// IP-address host, yields a host-only cookie. Max-Age takes precedence over Expires; the expiry is
// capped at now + 400 days (5.5). Not modelled: the SameSite checks that depend on the request's
// site-for-cookies, and interactions with already stored cookies (5.7's Secure-overlay rule).
Result<CookieRecord> ResolveCookie(const SetCookie& c, std::string_view request_url, double now,
                                   bool from_script);

}  // namespace trackscope::cookie

#endif  // TRACKSCOPE_COOKIE_SET_COOKIE_H_
