// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/cookie/set_cookie.h"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "base/time_util.h"
#include "trackscope/url/host.h"
#include "trackscope/url/registry.h"
#include "trackscope/url/url.h"

namespace trackscope::cookie {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }

// RFC 6265bis 5.6 step 1: CTLs other than HTAB.
bool IsControl(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u <= 0x08 || (u >= 0x0A && u <= 0x1F) || u == 0x7F;
}

std::string_view TrimWsp(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (ToLower(s[i]) != ToLower(prefix[i])) return false;
  }
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && StartsWithIgnoreCase(a, b);
}

// `s` in quotes for a message, cut to a readable length.
std::string Quoted(std::string_view s) {
  constexpr size_t kMax = 64;
  return '"' + std::string(s.substr(0, kMax)) + (s.size() > kMax ? "...\"" : "\"");
}

// "cookie value contains a control character (0x0A)" for the first CTL in `s`, if any.
std::optional<Error> CheckNoControl(std::string_view s, std::string_view what) {
  auto it = std::find_if(s.begin(), s.end(), IsControl);
  if (it == s.end()) return std::nullopt;
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto u = static_cast<unsigned char>(*it);
  return Error{"",
               std::string(what) + " contains a control character (0x" + kHex[u >> 4] + kHex[u & 15] + ")"};
}

// RFC 6265bis 5.6 step 5 and 5.7: checks on the name-value pair that hold however it was made.
std::optional<Error> CheckNameValue(std::string_view name, std::string_view value) {
  if (name.empty() && value.empty()) return Error{"", "name and value are both empty"};
  if (name.size() + value.size() > kMaxNameValueBytes) {
    return Error{"", "name and value exceed " + std::to_string(kMaxNameValueBytes) + " bytes"};
  }
  return std::nullopt;
}

// RFC 6265bis 5.6.2: an optional '-' then one or more DIGITs; saturates instead of overflowing.
std::optional<int64_t> ParseMaxAge(std::string_view v) {
  const bool negative = !v.empty() && v.front() == '-';
  if (negative) v.remove_prefix(1);
  if (v.empty()) return std::nullopt;
  int64_t n = 0;
  for (char c : v) {
    if (!IsDigit(c)) return std::nullopt;
    const int digit = c - '0';
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    n = n > (kMax - digit) / 10 ? kMax : n * 10 + digit;
  }
  return negative ? -n : n;
}

// RFC 6265bis 5.6.1-5.6.7: records one attribute (last occurrence wins).
void ApplyAttribute(std::string_view av, bool from_script, SetCookie& c) {
  const size_t eq = av.find('=');
  const std::string_view name = TrimWsp(av.substr(0, eq));
  const std::string_view value =
      eq == std::string_view::npos ? std::string_view() : TrimWsp(av.substr(eq + 1));
  if (name.empty() && value.empty()) return;  // ";;" or "; ;"
  // 5.6 "attribute" step 6: an over-long value drops the attribute, whatever it is.
  if (value.size() > kMaxAttributeValueBytes) {
    c.notes.push_back("attribute " + Quoted(name) + " has a value over " +
                      std::to_string(kMaxAttributeValueBytes) + " bytes: ignored");
    return;
  }
  if (EqualsIgnoreCase(name, "Expires")) {  // 5.6.1
    if (std::optional<double> t = ParseCookieDate(value)) {
      c.expires = t;
    } else {
      c.notes.push_back("Expires " + Quoted(value) + " is not a cookie date: ignored");
    }
  } else if (EqualsIgnoreCase(name, "Max-Age")) {  // 5.6.2
    if (std::optional<int64_t> seconds = ParseMaxAge(value)) {
      c.max_age = seconds;
    } else {
      c.notes.push_back("Max-Age " + Quoted(value) + " is not an integer: ignored");
    }
  } else if (EqualsIgnoreCase(name, "Domain")) {  // 5.6.3
    if (value.empty()) {
      c.notes.push_back("empty Domain: ignored");
      return;
    }
    std::string domain(value.front() == '.' ? value.substr(1) : value);
    for (char& ch : domain) ch = ToLower(ch);
    c.domain = std::move(domain);
  } else if (EqualsIgnoreCase(name, "Path")) {  // 5.6.4: an invalid path means the default path
    if (value.empty() || value.front() != '/') {
      c.path.reset();
      c.notes.push_back("Path " + Quoted(value) + " does not start with '/': default path used");
    } else {
      c.path = std::string(value);
    }
  } else if (EqualsIgnoreCase(name, "Secure")) {  // 5.6.5: any value is ignored
    c.secure = true;
  } else if (EqualsIgnoreCase(name, "HttpOnly")) {  // 5.6.6
    c.http_only = true;
    if (from_script) {
      c.notes.push_back("HttpOnly cannot be set by a script: browsers ignore the whole cookie");
    }
  } else if (EqualsIgnoreCase(name, "SameSite")) {  // 5.6.7: unknown values mean "Default"
    if (EqualsIgnoreCase(value, "Strict")) {
      c.same_site = SameSite::kStrict;
    } else if (EqualsIgnoreCase(value, "Lax")) {
      c.same_site = SameSite::kLax;
    } else if (EqualsIgnoreCase(value, "None")) {
      c.same_site = SameSite::kNone;
    } else {
      c.same_site = SameSite::kUnspecified;
      c.notes.push_back("SameSite " + Quoted(value) + " is not Strict, Lax or None: unspecified");
    }
  } else if (EqualsIgnoreCase(name, "Partitioned")) {  // CHIPS (draft-cutler-httpbis-partitioned-cookies)
    c.partitioned = true;
  } else {
    c.unknown_attributes.emplace_back(av);
  }
}

Result<SetCookie> Parse(std::string_view line, bool from_script) {
  // 5.6 step 2: the name-value pair ends at the first ';'.
  const size_t semicolon = line.find(';');
  const std::string_view pair = line.substr(0, semicolon);
  const std::string_view attributes =
      semicolon == std::string_view::npos ? std::string_view() : line.substr(semicolon + 1);
  // 5.6 step 3-4: without '=', the name is empty and the whole pair is the value.
  const size_t eq = pair.find('=');
  const std::string_view name =
      eq == std::string_view::npos ? std::string_view() : TrimWsp(pair.substr(0, eq));
  const std::string_view value = TrimWsp(eq == std::string_view::npos ? pair : pair.substr(eq + 1));
  // 5.6 step 1 rejects a CTL anywhere in the line; say where it is.
  if (auto e = CheckNoControl(name, "cookie name")) return *e;
  if (auto e = CheckNoControl(value, "cookie value")) return *e;  // trimming removed only SP/HTAB
  if (auto e = CheckNoControl(attributes, "cookie attribute")) return *e;
  if (auto e = CheckNameValue(name, value)) return *e;  // 5.6 step 5, 5.7

  SetCookie c;
  c.name = name;
  c.value = value;
  // 5.6 "attribute" steps 1-3: each cookie-av runs up to the next ';'.
  std::string_view rest = attributes;
  while (!rest.empty()) {
    const size_t end = rest.find(';');
    ApplyAttribute(TrimWsp(rest.substr(0, end)), from_script, c);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return c;
}

// --- RFC 6265bis 5.1.1 cookie dates ------------------------------------------------------------

// delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
bool IsDateDelimiter(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return c == 0x09 || (c >= 0x20 && c <= 0x2F) || (c >= 0x3B && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

// Reads min..max DIGITs at `pos` that are not followed by another DIGIT.
bool ReadNumber(std::string_view token, size_t& pos, size_t min, size_t max, int& out) {
  const size_t start = pos;
  out = 0;
  while (pos < token.size() && pos - start < max && IsDigit(token[pos])) {
    out = out * 10 + (token[pos++] - '0');
  }
  return pos - start >= min && !(pos < token.size() && IsDigit(token[pos]));
}

// time = hms-time [ non-digit *OCTET ];  hms-time = time-field ":" time-field ":" time-field
bool MatchTime(std::string_view token, int& hour, int& minute, int& second) {
  size_t p = 0;
  return ReadNumber(token, p, 1, 2, hour) && p < token.size() && token[p++] == ':' &&
         ReadNumber(token, p, 1, 2, minute) && p < token.size() && token[p++] == ':' &&
         ReadNumber(token, p, 1, 2, second);
}

// day-of-month = 1*2DIGIT [ non-digit *OCTET ];  year = 2*4DIGIT [ non-digit *OCTET ]
bool MatchNumber(std::string_view token, size_t min, size_t max, int& out) {
  size_t p = 0;
  return ReadNumber(token, p, min, max, out);
}

// month = ( "jan" / "feb" / ... / "dec" ) *OCTET, case-insensitively. Returns 1-12, or 0.
int MatchMonth(std::string_view token) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; ++i) {
    if (StartsWithIgnoreCase(token, kMonths[i])) return i + 1;
  }
  return 0;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::optional<double> ParseCookieDate(std::string_view date) {
  int hour = 0, minute = 0, second = 0, day = 0, month = 0, year = 0;
  bool found_time = false, found_day = false, found_month = false, found_year = false;
  // Step 1-2: split into date-tokens (runs of non-delimiters); each token feeds the first
  // production it matches among those not yet found.
  size_t p = 0;
  while (p < date.size()) {
    while (p < date.size() && IsDateDelimiter(date[p])) ++p;
    const size_t start = p;
    while (p < date.size() && !IsDateDelimiter(date[p])) ++p;
    const std::string_view token = date.substr(start, p - start);
    if (token.empty()) break;
    if (!found_time && MatchTime(token, hour, minute, second)) {
      found_time = true;
    } else if (!found_day && MatchNumber(token, 1, 2, day)) {
      found_day = true;
    } else if (!found_month && (month = MatchMonth(token)) != 0) {
      found_month = true;
    } else if (!found_year && MatchNumber(token, 2, 4, year)) {
      found_year = true;
    }
  }
  // Step 3-4: two-digit years.
  if (year >= 70 && year <= 99) {
    year += 1900;
  } else if (year >= 0 && year <= 69) {
    year += 2000;
  }
  // Step 5: every part present and in range.
  if (!found_time || !found_day || !found_month || !found_year) return std::nullopt;
  if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  // Step 6: the date must exist.
  static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kDaysInMonth[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0)) return std::nullopt;
  const int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return static_cast<double>(days * 86400 + hour * 3600 + minute * 60 + second);
}

Result<SetCookie> ParseSetCookie(std::string_view line) { return Parse(line, /*from_script=*/false); }

Result<SetCookie> ParseDocumentCookie(std::string_view written) {
  return Parse(written, /*from_script=*/true);
}

namespace {

// 5.1.4 default-path: the request path up to, not including, its right-most '/'; "/" when the
// path is empty, relative, or has a single '/'.
std::string DefaultPath(std::string_view uri_path) {
  const size_t last = uri_path.rfind('/');
  if (uri_path.empty() || uri_path.front() != '/' || last == 0) return "/";
  return std::string(uri_path.substr(0, last));
}

// 5.7 "secure" connection as browsers define it: a potentially trustworthy origin (Secure
// Contexts 3.1), which includes http on loopback hosts.
bool IsSecureOrigin(const Url& url) {
  if (url.IsSecure()) return true;
  const std::string_view host = url.host();
  if (host == "localhost" || host == "[::1]") return true;
  if (host.size() > 10 && host.substr(host.size() - 10) == ".localhost") return true;
  return url.host_kind() == HostKind::kIpv4 && host.substr(0, 4) == "127.";
}

Error Reject(std::string message) { return Error{"", std::move(message)}; }

}  // namespace

Result<CookieRecord> ResolveCookie(const SetCookie& c, std::string_view request_url, double now,
                                   bool from_script) {
  Result<Url> parsed = Url::Parse(request_url);
  if (!parsed.ok()) return Reject("invalid request URL: " + parsed.error().message);
  const Url& url = parsed.value();
  if (!url.IsNetwork()) return Reject("cookies are set only by http(s) and ws(s) URLs");
  if (auto e = CheckNameValue(c.name, c.value)) return *e;
  // 5.7: a nameless cookie must not look like a prefixed one in the Cookie header.
  if (c.name.empty() &&
      (StartsWithIgnoreCase(c.value, "__Secure-") || StartsWithIgnoreCase(c.value, "__Host-"))) {
    return Reject("a cookie without a name must not have a value starting with __Secure- or __Host-");
  }

  CookieRecord r;
  r.name = c.name;
  r.value = c.value;

  // 5.7: Max-Age takes precedence over Expires; 5.5: the lifetime is capped at 400 days.
  bool expired = false;
  if (c.max_age) {
    r.persistent = true;
    expired = *c.max_age <= 0;
    r.expires = expired ? now : now + static_cast<double>(*c.max_age);
  } else if (c.expires) {
    r.persistent = true;
    r.expires = c.expires;
    expired = *c.expires <= now;
  }
  if (r.expires) r.expires = std::min(*r.expires, now + kMaxLifetimeSeconds);

  // 5.7 Domain: ASCII only; not a public suffix unless it is the host itself; domain-match.
  const std::string_view host = url.host();
  std::string domain = c.domain.value_or("");
  if (std::any_of(domain.begin(), domain.end(),
                  [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; })) {
    return Reject("Domain attribute contains a non-ASCII byte (use punycode)");
  }
  if (!domain.empty() && url.host_kind() != HostKind::kDomain) {
    // Browsers keep IP-address cookies host-only; only the address itself is accepted.
    if (domain != host && "[" + domain + "]" != host) {
      return Reject("Domain " + Quoted(domain) + " on IP address host " + Quoted(host) +
                    ": a cookie for an IP address can only be host-only");
    }
    domain.clear();
  }
  if (!domain.empty() && PublicSuffix(domain) == domain) {
    if (domain != host) return Reject("Domain " + Quoted(domain) + " is a public suffix");
    domain.clear();  // 5.7: the public suffix is the host itself: a host-only cookie
  }
  if (!domain.empty() && !DomainMatches(host, domain)) {
    return Reject("Domain " + Quoted(domain) + " does not domain-match the request host " + Quoted(host));
  }
  r.host_only = domain.empty();
  r.domain = r.host_only ? std::string(host) : std::move(domain);

  // 5.7 Path, else 5.1.4 default-path.
  r.path = c.path ? *c.path : DefaultPath(url.path());

  // 5.7 Secure: only from a secure origin.
  r.secure = c.secure;
  if (c.secure && !IsSecureOrigin(url)) return Reject("Secure cookie set from a non-secure origin");
  // 5.7 HttpOnly: not through a non-HTTP API.
  r.http_only = c.http_only;
  if (c.http_only && from_script) return Reject("HttpOnly cookie written by a script (only HTTP can set it)");
  // 5.7 SameSite=None requires Secure; CHIPS: Partitioned requires Secure.
  r.same_site = c.same_site;
  if (c.same_site == SameSite::kNone && !c.secure) return Reject("SameSite=None cookie without Secure");
  r.partitioned = c.partitioned;
  if (c.partitioned && !c.secure) return Reject("Partitioned cookie without Secure");
  // 5.4 / 5.7 cookie name prefixes, matched case-insensitively.
  if (StartsWithIgnoreCase(c.name, "__Secure-") && !c.secure) {
    return Reject("__Secure- prefix requires the Secure attribute");
  }
  if (StartsWithIgnoreCase(c.name, "__Host-") && (!c.secure || !r.host_only || c.path != "/")) {
    return Reject("__Host- prefix requires Secure, no Domain attribute and Path=/");
  }
  // 5.7 stores it with an expiry in the past, which 5.8 then evicts along with any stored cookie
  // of the same name, domain and path.
  if (expired) return Reject("cookie is already expired (deletes any stored cookie of that name)");
  return r;
}

}  // namespace trackscope::cookie
