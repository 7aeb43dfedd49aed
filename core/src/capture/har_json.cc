// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// HarReader: HAR 1.2 -> one Capture per page (trackscope/capture/har.h). The file is streamed
// through JsonStream; each entry is parsed alone (a small nlohmann DOM, no exceptions) into a
// compact Entry, and the pages are assembled when the input ends.
#include <algorithm>
#include <cmath>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "base/base64.h"
#include "base/json_stream.h"
#include "base/json_util.h"
#include "base/strings.h"
#include "base/time_util.h"
#include "trackscope/capture/har.h"
#include "trackscope/classify/beacon.h"
#include "trackscope/cookie/set_cookie.h"
#include "trackscope/url/registry.h"
#include "trackscope/url/url.h"

namespace trackscope {
namespace {

using Json = nlohmann::json;

constexpr size_t kStringLimit = 64 * 1024;  // longest string kept of an entry (bodies, URLs)
constexpr size_t kMaxWarnings = 200;         // per page, and file-wide

// Response headers the analysis reads; the others are not kept (memory follows the captures).
bool KeptResponseHeader(std::string_view name) {
  return name == "set-cookie" || name == "tk" || name == "location" || name == "content-type";
}

enum class Kind : uint8_t { kObject, kArray, kString, kNumber, kBoolean };

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kObject: return "an object";
    case Kind::kArray: return "an array";
    case Kind::kString: return "a string";
    case Kind::kNumber: return "a number";
    case Kind::kBoolean: return "true or false";
  }
  return "";
}

bool IsKind(const Json& j, Kind k) {
  switch (k) {
    case Kind::kObject: return j.is_object();
    case Kind::kArray: return j.is_array();
    case Kind::kString: return j.is_string();
    case Kind::kNumber: return j.is_number();
    case Kind::kBoolean: return j.is_boolean();
  }
  return false;
}

// Reads HAR fields leniently: a standard field of the wrong type is a warning (with its path) and
// reads as absent; custom fields ('_' names) of another type are ignored silently (HAR 1.2: they
// are the producer's).
class Fields {
 public:
  explicit Fields(std::vector<Error>& warnings) : warnings_(warnings) {}

  const Json* Get(const Json& obj, std::string_view key, const std::string& path, Kind kind) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    if (IsKind(*it, kind)) return &*it;
    if (!key.empty() && key[0] != '_') {
      Warn(path + "." + std::string(key), std::string("expected ") + KindName(kind) + ", got " + JsonTypeName(*it) + "; ignored");
    }
    return nullptr;
  }
  std::string String(const Json& obj, std::string_view key, const std::string& path) {
    const Json* j = Get(obj, key, path, Kind::kString);
    return j ? j->get<std::string>() : std::string();
  }
  std::optional<double> Number(const Json& obj, std::string_view key, const std::string& path) {
    const Json* j = Get(obj, key, path, Kind::kNumber);
    if (!j) return std::nullopt;
    const double v = j->get<double>();
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
  }
  bool Bool(const Json& obj, std::string_view key, const std::string& path) {
    const Json* j = Get(obj, key, path, Kind::kBoolean);
    return j && j->get<bool>();
  }
  // [{"name", "value"}], names lower-cased. Chrome joins repeated Set-Cookie values with '\n' in
  // one header: they are split.
  HeaderList Headers(const Json& obj, const std::string& path, bool response) {
    HeaderList out;
    const Json* list = Get(obj, "headers", path, Kind::kArray);
    if (!list) return out;
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string p = path + ".headers[" + std::to_string(i) + "]";
      const Json& h = (*list)[i];
      if (!h.is_object()) {
        Warn(p, std::string("expected an object with name and value, got ") + JsonTypeName(h) + "; ignored");
        continue;
      }
      const Json* name_j = Get(h, "name", p, Kind::kString);
      const Json* value_j = Get(h, "value", p, Kind::kString);
      if (!name_j || !value_j) continue;
      std::string name = ToLowerAscii(name_j->get_ref<const std::string&>());
      if (name.empty() || name[0] == ':') continue;  // HTTP/2 pseudo-headers
      if (response && !KeptResponseHeader(name)) continue;
      const std::string& value = value_j->get_ref<const std::string&>();
      for (size_t start = 0; start <= value.size();) {
        size_t end = name == "set-cookie" ? value.find('\n', start) : std::string::npos;
        if (end == std::string::npos) end = value.size();
        out.emplace_back(name, value.substr(start, end - start));
        start = end + 1;
      }
    }
    return out;
  }
  void Warn(std::string path, std::string message) {
    if (warnings_.size() < kMaxWarnings) warnings_.push_back({std::move(path), std::move(message)});
  }

 private:
  std::vector<Error>& warnings_;
};

// application/x-www-form-urlencoded, for postData.params.
std::string FormEncode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '*') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// A resource type from the mime type, for HAR files without _resourceType.
ResourceType GuessType(std::string_view mime) {
  auto has = [&](std::string_view s) { return mime.find(s) != std::string_view::npos; };
  if (has("html")) return ResourceType::kSubFrame;
  if (has("javascript") || has("ecmascript")) return ResourceType::kScript;
  if (mime.rfind("image/", 0) == 0) return ResourceType::kImage;
  if (has("css")) return ResourceType::kStylesheet;
  if (mime.rfind("font/", 0) == 0 || has("woff")) return ResourceType::kFont;
  if (mime.rfind("audio/", 0) == 0 || mime.rfind("video/", 0) == 0) return ResourceType::kMedia;
  if (has("json") || has("xml")) return ResourceType::kXhr;
  return ResourceType::kOther;
}

bool IsWellKnownPath(std::string_view path) {
  return path == "/.well-known/gpc.json" || path == "/.well-known/dnt-policy.txt";
}

// A cheap test before parsing a URL: it may name a well-known resource.
bool MaybeWellKnown(std::string_view url) { return url.find("/.well-known/") != std::string_view::npos; }

// One entry, as kept between reading and assembling the pages.
struct Entry {
  size_t index = 0;  // in log.entries
  std::string pageref;
  CapturedRequest request;
  std::optional<double> started;  // Unix seconds
  double duration_ms = 0;
  std::string redirect_url;
  std::string fetch_dest;     // Sec-Fetch-Dest request header, lower case
  bool typed = false;         // _resourceType was given
  bool html = false;          // an HTML response
  bool from_cache = false;    // _fromCache: served from the browser's cache, Set-Cookie not applied
  bool preflight = false;
  bool via_service_worker = false;  // response._fetchedViaServiceWorker: the page's service worker answered
  std::string body;           // response text, kept only for well-known resources
  std::vector<CapturedCookie> response_cookies;                // response.cookies
  std::vector<std::pair<std::string, std::string>> request_cookies;  // request.cookies
  std::vector<std::string> blocked;  // names of response cookies the producer marks blocked
  std::vector<Error> warnings;
};

std::string HeaderValue(const HeaderList& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

// Where a redirect entry points: redirectURL, else the Location header, resolved against its URL.
std::string RedirectTarget(const Entry& e) {
  if (e.request.status < 300 || e.request.status >= 400) return {};
  std::string target = e.redirect_url.empty() ? HeaderValue(e.request.response_headers, "location") : e.redirect_url;
  if (target.empty()) return {};
  if (Url::Parse(target).ok()) return target;
  Result<Url> base = Url::Parse(e.request.url);
  if (!base.ok()) return target;
  // A relative reference (RFC 3986 5.2, the forms Location headers use).
  const std::string& spec = base.value().spec();
  const std::string scheme(base.value().scheme_name());
  if (target.rfind("//", 0) == 0) return scheme + ":" + target;
  const size_t authority = spec.find("//") + 2;
  const size_t path_start = spec.find('/', authority);
  const std::string origin = spec.substr(0, path_start);
  if (target[0] == '/') return origin + target;
  if (target[0] == '?') return origin + std::string(base.value().path()) + target;
  const std::string dir(base.value().path().substr(0, base.value().path().rfind('/') + 1));
  return origin + dir + target;
}

std::string EntryPath(size_t i) { return "$.log.entries[" + std::to_string(i) + "]"; }

// Names of cookies a producer lists as blocked: [{"name"} | {"cookie": {"name"}} | {"cookieLine"}].
void ReadBlocked(const Json& owner, Entry& e) {
  for (const char* key : {"_blockedCookies", "_blockedResponseCookies"}) {
    auto it = owner.find(key);
    if (it == owner.end() || !it->is_array()) continue;
    for (const Json& b : *it) {
      if (!b.is_object()) continue;
      std::string name;
      if (b.contains("name") && b["name"].is_string()) name = b["name"].get<std::string>();
      if (name.empty() && b.contains("cookie") && b["cookie"].is_object() && b["cookie"].contains("name") &&
          b["cookie"]["name"].is_string()) {
        name = b["cookie"]["name"].get<std::string>();
      }
      if (name.empty() && b.contains("cookieLine") && b["cookieLine"].is_string()) {
        Result<cookie::SetCookie> parsed = cookie::ParseSetCookie(b["cookieLine"].get<std::string>());
        if (parsed.ok()) name = parsed.value().name;
      }
      if (!name.empty()) e.blocked.push_back(std::move(name));
    }
  }
}

// `wanted_bodies`: URLs whose response text is kept (where well-known resources redirect to);
// grows with the redirects of well-known resources.
void ReadEntry(const Json& j, Entry& e, Fields& in, std::vector<std::string>& wanted_bodies) {
  const std::string path = EntryPath(e.index);
  e.pageref = in.String(j, "pageref", path);
  CapturedRequest& r = e.request;
  if (const Json* request = in.Get(j, "request", path, Kind::kObject)) {
    const std::string rp = path + ".request";
    r.url = in.String(*request, "url", rp);
    if (std::string method = in.String(*request, "method", rp); !method.empty()) r.method = method;
    r.request_headers = in.Headers(*request, rp, false);
    for (const auto& [name, value] : r.request_headers) {
      if (name == "sec-fetch-dest") e.fetch_dest = ToLowerAscii(value);
      if (name == "access-control-request-method" && r.method == "OPTIONS") e.preflight = true;
    }
    if (const Json* post = in.Get(*request, "postData", rp, Kind::kObject)) {
      const std::string pp = rp + ".postData";
      r.request_body = in.String(*post, "text", pp);
      if (r.request_body.empty()) {
        if (const Json* params = in.Get(*post, "params", pp, Kind::kArray)) {
          for (size_t i = 0; i < params->size(); ++i) {
            const Json& p = (*params)[i];
            if (!p.is_object()) continue;
            const std::string ip = pp + ".params[" + std::to_string(i) + "]";
            const std::string name = in.String(p, "name", ip), value = in.String(p, "value", ip);
            if (name.empty() && value.empty()) continue;
            if (!r.request_body.empty()) r.request_body += '&';
            r.request_body += FormEncode(name) + "=" + FormEncode(value);
          }
        }
      }
    }
    if (const Json* cookies = in.Get(*request, "cookies", rp, Kind::kArray)) {
      for (size_t i = 0; i < cookies->size(); ++i) {
        const Json& k = (*cookies)[i];
        if (!k.is_object()) continue;
        const std::string kp = rp + ".cookies[" + std::to_string(i) + "]";
        std::string name = in.String(k, "name", kp);
        if (!name.empty()) e.request_cookies.emplace_back(std::move(name), in.String(k, "value", kp));
      }
    }
  } else if (j.find("request") == j.end()) {
    in.Warn(path + ".request", "required field is missing; entry skipped");
  }
  if (r.url.empty()) return;
  // The body matters only for the site's well-known resources (and where they redirect to).
  bool keep_body = false;
  if (Result<Url> u = MaybeWellKnown(r.url) || !wanted_bodies.empty() ? Url::Parse(r.url) : Result<Url>(Error{}); u.ok()) {
    keep_body = IsWellKnownPath(u.value().path());
    if (auto wanted = std::find(wanted_bodies.begin(), wanted_bodies.end(), u.value().spec()); wanted != wanted_bodies.end()) {
      keep_body = true;
      wanted_bodies.erase(wanted);
    }
  }
  std::string mime;
  if (const Json* response = in.Get(j, "response", path, Kind::kObject)) {
    const std::string sp = path + ".response";
    if (std::optional<double> status = in.Number(*response, "status", sp)) {
      r.status = *status >= 0 && *status <= 999 ? static_cast<int>(*status) : 0;
    }
    r.response_headers = in.Headers(*response, sp, true);
    e.redirect_url = in.String(*response, "redirectURL", sp);
    if (const Json* cookies = in.Get(*response, "cookies", sp, Kind::kArray)) {
      for (size_t i = 0; i < cookies->size(); ++i) {
        const std::string p = sp + ".cookies[" + std::to_string(i) + "]";
        const Json& k = (*cookies)[i];
        if (!k.is_object()) {
          in.Warn(p, std::string("expected an object, got ") + JsonTypeName(k) + "; ignored");
          continue;
        }
        CapturedCookie c;
        c.name = in.String(k, "name", p);
        if (c.name.empty()) continue;
        c.value = in.String(k, "value", p);
        c.domain = in.String(k, "domain", p);
        if (std::string cp = in.String(k, "path", p); !cp.empty()) c.path = cp;
        // "expires" is an ISO 8601 string by the spec; some producers write Unix seconds.
        if (const Json* ex = k.contains("expires") ? &k["expires"] : nullptr; ex && ex->is_string()) {
          if (!ex->get_ref<const std::string&>().empty()) c.expires = ParseIso8601(ex->get<std::string>());
        } else if (ex && ex->is_number() && ex->get<double>() > 0) {
          c.expires = ex->get<double>();
        }
        c.http_only = in.Bool(k, "httpOnly", p);
        c.secure = in.Bool(k, "secure", p);
        const std::string same_site = ToLowerAscii(in.String(k, "sameSite", p));
        c.same_site = same_site == "none" ? SameSite::kNone : same_site == "lax" ? SameSite::kLax
                    : same_site == "strict" ? SameSite::kStrict : SameSite::kUnspecified;
        e.response_cookies.push_back(std::move(c));
      }
    }
    if (const Json* content = in.Get(*response, "content", sp, Kind::kObject)) {
      const std::string cp = sp + ".content";
      // Sizes beyond 2^53 bytes are no real body (and may not fit an int64_t): unknown.
      if (std::optional<double> size = in.Number(*content, "size", cp); size && *size >= 0 && *size <= 9007199254740992.0) {
        r.body_size = static_cast<int64_t>(*size);
      }
      mime = ToLowerAscii(in.String(*content, "mimeType", cp));
      e.html = mime.find("html") != std::string::npos;
      r.type = GuessType(mime);
      if (keep_body) {
        e.body = in.String(*content, "text", cp);
        if (in.String(*content, "encoding", cp) == "base64") e.body = Base64Decode(e.body);
      }
    }
    ReadBlocked(*response, e);
    if (auto sw = response->find("_fetchedViaServiceWorker"); sw != response->end() && sw->is_boolean()) e.via_service_worker = sw->get<bool>();
    if (keep_body && r.status / 100 == 3 && wanted_bodies.size() < 64) {
      if (std::string next = RedirectTarget(e); !next.empty()) wanted_bodies.push_back(std::move(next));
    }
  }
  ReadBlocked(j, e);
  if (auto it = j.find("_resourceType"); it != j.end() && it->is_string()) {
    const std::string type = ToLowerAscii(it->get<std::string>());
    if (type == "preflight") e.preflight = true;
    if (std::optional<ResourceType> t = ParseResourceType(type)) {
      r.type = *t;
      e.typed = true;
    }
  }
  if (auto it = j.find("_initiator"); it != j.end()) {
    if (it->is_string()) {
      r.initiator = it->get<std::string>();  // chrome-har: the initiating URL
    } else if (it->is_object()) {
      if (it->contains("url") && (*it)["url"].is_string()) r.initiator = (*it)["url"].get<std::string>();
      const Json* stack = it->contains("stack") ? &(*it)["stack"] : nullptr;
      if (r.initiator.empty() && stack && stack->is_object() && stack->contains("callFrames") &&
          (*stack)["callFrames"].is_array() && !(*stack)["callFrames"].empty() && (*stack)["callFrames"][0].is_object()) {
        const Json& frame = (*stack)["callFrames"][0];
        if (frame.contains("url") && frame["url"].is_string()) r.initiator = frame["url"].get<std::string>();
      }
    }
  }
  if (auto it = j.find("_fromCache"); it != j.end() && ((it->is_string() && !it->get_ref<const std::string&>().empty()) ||
                                                        (it->is_boolean() && it->get<bool>()))) {
    e.from_cache = true;
  }
  if (std::string started = in.String(j, "startedDateTime", path); !started.empty()) {
    e.started = ParseIso8601(started);
    if (!e.started) in.Warn(path + ".startedDateTime", "expected an ISO 8601 time like 2026-11-29T05:00:00.000Z; ignored");
  }
  if (std::optional<double> time = in.Number(j, "time", path); time && *time > 0) e.duration_ms = *time;
}

struct PageInfo {
  std::string id, title;
  std::optional<double> started;
};

// The cookie jar of one page, replayed in time order: later Set-Cookie lines replace earlier ones
// of the same name, domain and path; an expired one deletes.
class Jar {
 public:
  void Set(CapturedCookie c) {
    auto it = Find(c.name, c.domain, c.path);
    if (it != cookies_.end()) {
      *it = std::move(c);
    } else {
      cookies_.push_back(std::move(c));
    }
  }
  void Delete(const std::string& name, std::string_view domain, const std::string& path) {
    if (auto it = Find(name, domain, path); it != cookies_.end()) cookies_.erase(it);
  }
  // A stored cookie that a request to `host` with `path` would carry under `name`.
  bool Covers(std::string_view name, std::string_view host) const {
    return std::any_of(cookies_.begin(), cookies_.end(), [&](const CapturedCookie& k) {
      if (k.name != name || k.observed == CookieSource::kSent) return false;
      std::string_view d = Bare(k.domain);
      return host == d || (host.size() > d.size() && host.ends_with(d) && host[host.size() - d.size() - 1] == '.');
    });
  }
  std::vector<CapturedCookie>& cookies() { return cookies_; }

 private:
  static std::string_view Bare(std::string_view d) { return d.empty() || d[0] != '.' ? d : d.substr(1); }
  std::vector<CapturedCookie>::iterator Find(std::string_view name, std::string_view domain, std::string_view path) {
    return std::find_if(cookies_.begin(), cookies_.end(), [&](const CapturedCookie& k) {
      return k.name == name && Bare(k.domain) == Bare(domain) && k.path == path && k.observed != CookieSource::kSent;
    });
  }
  std::vector<CapturedCookie> cookies_;
};

bool IsBlocked(const Entry& e, std::string_view name) {
  return std::find(e.blocked.begin(), e.blocked.end(), name) != e.blocked.end();
}

// `top_site`: "https://site" of the page, the partition of CHIPS cookies.
void ReplaySetCookie(const Entry& e, double now, const std::string& top_site, Jar& jar, Capture& capture) {
  size_t index = 0;
  for (const auto& [name, value] : e.request.response_headers) {
    if (name != "set-cookie") continue;
    const std::string where = EntryPath(e.index) + ".response.headers (Set-Cookie #" + std::to_string(++index) + ")";
    Result<cookie::SetCookie> parsed = cookie::ParseSetCookie(value);
    if (!parsed.ok()) {
      capture.warnings.push_back({where, "Set-Cookie ignored: " + parsed.error().message});
      continue;
    }
    if (IsBlocked(e, parsed.value().name)) {
      capture.warnings.push_back({where, "cookie " + parsed.value().name + " not stored: the browser blocked it (recorded in the HAR)"});
      continue;
    }
    Result<cookie::CookieRecord> stored = cookie::ResolveCookie(parsed.value(), e.request.url, now, /*from_script=*/false);
    if (!stored.ok()) {
      if (stored.error().message.find("already expired") != std::string::npos) {
        // Deletes whatever was stored under that name for the response's host and path.
        Result<Url> u = Url::Parse(e.request.url);
        jar.Delete(parsed.value().name, parsed.value().domain.value_or(u.ok() ? std::string(u.value().host()) : ""),
                   parsed.value().path.value_or("/"));
      } else {
        capture.warnings.push_back({where, "cookie " + parsed.value().name + " not stored: " + stored.error().message});
      }
      continue;
    }
    const cookie::CookieRecord& r = stored.value();
    CapturedCookie c;
    c.name = parsed.value().name;
    c.value = r.value;
    c.domain = r.host_only ? r.domain : "." + r.domain;
    c.path = r.path;
    c.host_only = r.host_only;
    if (r.persistent) c.expires = r.expires;
    c.http_only = r.http_only;
    c.secure = r.secure;
    c.same_site = r.same_site;
    if (r.partitioned) c.partition_key = top_site;
    c.set_by = SetterKind::kHttp;
    c.set_by_url = e.request.url;
    jar.Set(std::move(c));
  }
}

// response.cookies, for producers that list cookies but write no Set-Cookie header.
void ReplayHarCookies(const Entry& e, Jar& jar) {
  if (e.response_cookies.empty()) return;
  Result<Url> url = Url::Parse(e.request.url);
  for (const CapturedCookie& k : e.response_cookies) {
    if (IsBlocked(e, k.name)) continue;
    CapturedCookie c = k;
    if (c.domain.empty() && url.ok()) {
      c.domain = std::string(url.value().host());
      c.host_only = true;
    }
    c.set_by = SetterKind::kHttp;
    c.set_by_url = e.request.url;
    jar.Set(std::move(c));
  }
}

// Cookies the requests carried (Cookie headers, else request.cookies) that the replay did not
// store: observed as sent to the request's host. The same name and value sent to several hosts
// of one site is one cookie of that site.
class SentCookies {
 public:
  void Add(const Entry& e, const Jar& jar) {
    const bool any = !e.request_cookies.empty() || std::any_of(e.request.request_headers.begin(), e.request.request_headers.end(),
                                                               [](const auto& h) { return h.first == "cookie"; });
    if (!any) return;
    Result<Url> url = Url::Parse(e.request.url);
    if (!url.ok() || !url.value().IsNetwork() || url.value().host().empty()) return;
    const std::string host(url.value().host());
    bool from_header = false;
    for (const auto& [name, value] : e.request.request_headers) {
      if (name != "cookie") continue;
      from_header = true;
      // RFC 6265bis 5.4: cookie-string = pair *( ";" SP pair ).
      std::string_view rest = value;
      while (!rest.empty()) {
        const size_t semi = rest.find(';');
        std::string_view pair = Trim(rest.substr(0, semi));
        rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
        if (pair.empty()) continue;
        const size_t eq = pair.find('=');
        Note(eq == std::string_view::npos ? std::string_view() : Trim(pair.substr(0, eq)),
             eq == std::string_view::npos ? pair : Trim(pair.substr(eq + 1)), host, jar);
      }
    }
    if (!from_header) {
      for (const auto& [name, value] : e.request_cookies) Note(name, value, host, jar);
    }
  }

  // Appends the sent cookies that no cookie of the final jar explains.
  void AppendTo(std::vector<CapturedCookie>& out, const Jar& jar) {
    for (Sent& s : sent_) {
      if (std::any_of(s.hosts.begin(), s.hosts.end(), [&](const std::string& h) { return jar.Covers(s.name, h); })) continue;
      CapturedCookie c;
      c.name = std::move(s.name);
      c.value = std::move(s.value);
      const bool one_host = s.hosts.size() == 1;
      c.domain = one_host ? s.hosts[0] : std::string(SiteOf(s.hosts[0]));
      c.host_only = one_host ? std::optional<bool>() : std::optional<bool>(false);
      c.observed = CookieSource::kSent;
      out.push_back(std::move(c));
    }
  }

 private:
  struct Sent {
    std::string name, value, site;
    std::vector<std::string> hosts;
  };
  void Note(std::string_view name, std::string_view value, const std::string& host, const Jar& jar) {
    if (jar.Covers(name, host)) return;
    const std::string site(SiteOf(host));
    auto it = std::find_if(sent_.begin(), sent_.end(), [&](const Sent& s) { return s.name == name && s.site == site; });
    if (it == sent_.end()) it = sent_.insert(sent_.end(), Sent{std::string(name), std::string(value), site, {}});
    it->value = std::string(value);  // the latest value sent
    if (std::find(it->hosts.begin(), it->hosts.end(), host) == it->hosts.end()) it->hosts.push_back(host);
  }
  std::vector<Sent> sent_;
};

bool HeaderIs(const HeaderList& headers, std::string_view name, std::string_view value) {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return h.first == name && Trim(h.second) == value; });
}

bool SameUrl(std::string_view a, std::string_view b) {
  if (a == b) return true;
  Result<Url> ua = Url::Parse(a), ub = Url::Parse(b);
  if (!ua.ok() || !ub.ok()) return false;
  auto cut = [](std::string_view s) { return s.substr(0, s.find('#')); };
  return cut(ua.value().spec()) == cut(ub.value().spec());
}

// Where `entries[at]` redirects to: the first later entry with that URL, or entries.size().
size_t NextHop(const std::vector<Entry*>& entries, size_t at) {
  const std::string next = RedirectTarget(*entries[at]);
  if (next.empty()) return entries.size();
  for (size_t i = at + 1; i < entries.size(); ++i) {
    if (SameUrl(entries[i]->request.url, next)) return i;
  }
  return entries.size();
}

// The value of query parameter `name` in `url` (percent-decoded), or "".
std::string QueryValue(std::string_view url, std::string_view name) {
  Result<Url> u = Url::Parse(url);
  if (!u.ok()) return {};
  for (const Param& p : ParseParams("", u.value().query(), "")) {
    if (p.name == name) return p.value;
  }
  return {};
}

// For a page whose document was not recorded (an API session, a file of beacons): the page most
// entries name in their Referer header, else their Origin, else in a `dl` parameter (the page
// address in Google Analytics and Meta Pixel hits), with what it was taken from.
std::optional<std::pair<std::string, std::string>> ReferringPage(const std::vector<Entry*>& entries) {
  for (std::string_view source : {"referer", "origin", "dl"}) {
    std::unordered_map<std::string, size_t> votes;
    std::string best;
    for (const Entry* e : entries) {
      std::string value = source == "dl" ? QueryValue(e->request.url, "dl") : HeaderValue(e->request.request_headers, source);
      Result<Url> u = Url::Parse(value);
      if (!u.ok() || !u.value().IsNetwork() || u.value().host().empty()) continue;
      std::string page = source == "origin" ? std::string(u.value().spec()) : u.value().spec().substr(0, u.value().spec().find('#'));
      const size_t n = ++votes[page];
      if (best.empty() || n > votes[best]) best = std::move(page);
    }
    if (best.empty()) continue;
    return std::pair{best, source == "referer" ? "the Referer header of its requests" : source == "origin"
                                                       ? "the Origin header of its requests"
                                                       : "the dl (document location) parameter of its beacons"};
  }
  // Last resort: the origin of the first request, so that the file still imports.
  for (const Entry* e : entries) {
    Result<Url> u = Url::Parse(e->request.url);
    if (!u.ok() || !u.value().IsNetwork() || u.value().host().empty()) continue;
    const std::string& spec = u.value().spec();
    return std::pair{spec.substr(0, spec.find('/', spec.find("//") + 2)) + "/", std::string("the origin of its first request (nothing names the page)")};
  }
  return std::nullopt;
}

// The page's document among its entries (in time order), or entries.size().
size_t FindDocument(std::vector<Entry*>& entries, const PageInfo& page) {
  if (Result<Url> title = Url::Parse(page.title); title.ok() && title.value().IsNetwork()) {
    for (size_t i = 0; i < entries.size(); ++i) {
      if (SameUrl(entries[i]->request.url, page.title)) return i;
    }
  }
  auto navigation = [](const Entry* e) { return e->fetch_dest == "document"; };
  auto typed_document = [](const Entry* e) { return e->typed && (e->request.type == ResourceType::kMainFrame ||
                                                                  (e->request.type == ResourceType::kSubFrame && e->fetch_dest.empty())); };
  auto html = [](const Entry* e) { return !e->typed && e->html && (e->fetch_dest.empty() || e->fetch_dest == "document"); };
  for (auto test : {+navigation, +typed_document, +html}) {
    for (size_t i = 0; i < entries.size(); ++i) {
      if (test(entries[i]) && entries[i]->request.method != "OPTIONS") return i;
    }
  }
  return entries.size();
}

}  // namespace

class HarReader::Impl {
 public:
  explicit Impl(HarLimits limits)
      : limits_(limits),
        stream_([this](std::span<const JsonPathStep> path, char first) { return Route(path, first); },
                [this](std::span<const JsonPathStep> path, std::string_view text, size_t line) { Take(path, text, line); },
                [](std::span<const JsonPathStep>) { return kStringLimit; }) {}

  bool Feed(std::string_view bytes) {
    if (error_) return false;
    if (!stream_.Feed(bytes)) return false;
    return !error_;
  }

  Result<HarImport> Finish() {
    // The first problem in the file wins: a value of the wrong type stops the reading there, so
    // what follows it (malformed or not) is never looked at, whatever the chunking.
    if (error_) return *error_;
    if (!stream_.error()) stream_.Finish();
    if (stream_.error()) return Error{stream_.error()->path, "malformed JSON: " + stream_.error()->message};
    if (!saw_root_object_) return Error{"$", "expected a HAR object with \"log\""};
    if (!saw_log_) return Error{"$.log", "required field is missing (not a HAR file?)"};
    if (!saw_entries_) return Error{"$.log.entries", "required field is missing"};
    AddRepairs();
    return Assemble();
  }

 private:
  JsonStream::Route Route(std::span<const JsonPathStep> path, char first) {
    using R = JsonStream::Route;
    if (path.empty()) {
      saw_root_object_ = first == '{';
      return first == '{' ? R::kDescend : R::kDeliver;
    }
    if (path.size() == 1) {
      if (path[0].key != "log") return R::kSkip;
      saw_log_ = true;
      return first == '{' ? R::kDescend : R::kDeliver;
    }
    if (path[0].key != "log") return R::kSkip;
    if (path.size() == 2) {
      if (path[1].key == "entries") {
        saw_entries_ = true;
        return first == '[' ? R::kDescend : R::kDeliver;
      }
      return path[1].key == "pages" || path[1].key == "creator" ? R::kDeliver : R::kSkip;
    }
    return R::kDeliver;  // an entry
  }

  void Fatal(std::string path, std::string message) {
    if (!error_) error_ = Error{std::move(path), std::move(message)};
  }

  void Take(std::span<const JsonPathStep> path, std::string_view text, size_t line) {
    if (path.empty()) return Fatal("$", "expected a HAR object with \"log\", got " + Describe(text));
    if (path.size() == 1) return Fatal("$.log", "expected an object, got " + Describe(text));
    if (path.size() == 2 && path[1].key == "entries") return Fatal("$.log.entries", "expected an array, got " + Describe(text));
    if (path.size() == 2) {
      Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
      if (path[1].key == "pages") ReadPages(j);
      if (path[1].key == "creator" && j.is_object()) {
        for (const char* key : {"name", "version"}) {
          if (j.contains(key) && j[key].is_string()) creator_ += (creator_.empty() ? "" : " ") + j[key].get<std::string>();
        }
      }
      return;
    }
    if (path.size() != 3 || !path[2].is_index) return;
    const size_t index = path[2].index;
    if (entries_.size() >= limits_.max_entries) {
      return Fatal(EntryPath(index), "more than " + std::to_string(limits_.max_entries) + " entries (the import's limit)");
    }
    const std::string where = EntryPath(index);
    AddRepairs();
    Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      Warn(where, "line " + std::to_string(line) + ": not readable; entry skipped");
      return;
    }
    if (!j.is_object()) {
      Warn(where, std::string("expected an object, got ") + JsonTypeName(j) + "; entry skipped");
      return;
    }
    Entry& e = entries_.emplace_back();
    e.index = index;
    Fields fields(e.warnings);
    ReadEntry(j, e, fields, wanted_bodies_);
    if (e.request.url.empty()) {
      // Nothing to analyse without a URL: the entry's warnings say why, file-wide.
      const bool said = !e.warnings.empty();
      for (Error& w : e.warnings) Warn(std::move(w.path), std::move(w.message));
      if (!said) Warn(where + ".request.url", "required field is missing; entry skipped");
      entries_.pop_back();
    }
  }

  static std::string Describe(std::string_view text) {
    if (text.empty()) return "nothing";
    switch (text[0]) {
      case '{': return "an object";
      case '[': return "an array";
      case '"': return "a string";
      case 't':
      case 'f': return "a boolean";
      case 'n': return "null";
      default: return "a number";
    }
  }

  void ReadPages(const Json& j) {
    if (!j.is_array()) return Warn("$.log.pages", std::string("expected an array, got ") + JsonTypeName(j) + "; ignored");
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = "$.log.pages[" + std::to_string(i) + "]";
      if (!j[i].is_object()) {
        Warn(p, std::string("expected an object, got ") + JsonTypeName(j[i]) + "; page ignored");
        continue;
      }
      if (pages_.size() >= limits_.max_pages) {
        return Fatal(p, "more than " + std::to_string(limits_.max_pages) + " pages (the import's limit)");
      }
      Fields in(warnings_);
      PageInfo page;
      page.id = in.String(j[i], "id", p);
      page.title = in.String(j[i], "title", p);
      if (std::string started = in.String(j[i], "startedDateTime", p); !started.empty()) page.started = ParseIso8601(started);
      pages_.push_back(std::move(page));
    }
  }

  // Strings the stream repaired since the last call: file-wide warnings with their paths.
  void AddRepairs() {
    const std::vector<Error>& repairs = stream_.repairs();
    for (; repairs_seen_ < repairs.size(); ++repairs_seen_) Warn(repairs[repairs_seen_].path, repairs[repairs_seen_].message);
  }

  void Warn(std::string path, std::string message) {
    if (warnings_.size() < kMaxWarnings) warnings_.push_back({std::move(path), std::move(message)});
  }

  // Which page each entry belongs to.
  std::vector<std::vector<Entry*>> Assign() {
    std::vector<std::vector<Entry*>> by_page(std::max<size_t>(pages_.size(), 1));
    std::unordered_map<std::string, size_t> page_of;
    for (size_t i = 0; i < pages_.size(); ++i) page_of.try_emplace(pages_[i].id, i);
    for (Entry& e : entries_) {
      size_t page = 0;
      if (auto it = page_of.find(e.pageref); it != page_of.end()) {
        page = it->second;
      } else if (pages_.size() > 1 && e.started) {
        // The page that started last before the entry did.
        std::optional<double> best;
        for (size_t i = 0; i < pages_.size(); ++i) {
          if (pages_[i].started && *pages_[i].started <= *e.started + 1e-3 && (!best || *pages_[i].started >= *best)) {
            best = pages_[i].started;
            page = i;
          }
        }
      }
      by_page[page].push_back(&e);
    }
    for (std::vector<Entry*>& list : by_page) {
      // Time order, when every entry has a time (the file's order otherwise).
      if (std::all_of(list.begin(), list.end(), [](const Entry* e) { return e->started.has_value(); })) {
        std::stable_sort(list.begin(), list.end(), [](const Entry* a, const Entry* b) { return *a->started < *b->started; });
      }
    }
    return by_page;
  }

  Result<HarImport> Assemble() {
    HarImport out;
    out.creator = creator_;
    out.entries = entries_.size();
    std::vector<std::vector<Entry*>> by_page = Assign();
    if (pages_.empty()) pages_.emplace_back();
    for (size_t p = 0; p < pages_.size(); ++p) {
      const PageInfo& info = pages_[p];
      std::vector<Entry*>& list = by_page[p];
      HarPage page;
      page.id = info.id;
      page.title = info.title;
      page.entries = list.size();
      const std::string page_path = info.id.empty() && p == 0 && pages_.size() == 1 ? "$.log" : "$.log.pages[" + std::to_string(p) + "]";
      Capture& capture = page.capture;
      if (!BuildPage(info, list, capture)) {
        if (pages_.size() > 1 || !info.id.empty()) {
          Warn(page_path, list.empty() ? "a page without entries; left out"
                                       : "no document request and no page URL in its title: cannot tell the page; left out");
          continue;
        }
        std::string why = list.empty() ? "no entries: nothing to analyse"
                                       : "no document request and no page URL in $.log.pages[0].title: cannot tell the page";
        if (list.empty() && !warnings_.empty()) why += " (" + std::to_string(warnings_.size()) + " skipped; the first: " + warnings_[0].ToString() + ")";
        return Error{"$.log.entries", std::move(why)};
      }
      out.pages.push_back(std::move(page));
    }
    std::deque<Entry>().swap(entries_);  // their requests now live in the captures
    if (out.pages.empty()) {
      return Error{"$.log.pages", "no page could be told: no page has a document request or a URL as its title"};
    }
    out.warnings = std::move(warnings_);
    if (const size_t more = stream_.repair_count() > JsonStream::kMaxRepairs ? stream_.repair_count() - JsonStream::kMaxRepairs : 0) {
      out.warnings.push_back({"$", std::to_string(more) + " more strings repaired (not listed)"});
    }
    return out;
  }

  // Fills `capture` from the entries of one page; false when the page cannot be told.
  bool BuildPage(const PageInfo& info, std::vector<Entry*>& list, Capture& capture) {
    size_t doc = FindDocument(list, info);
    if (doc < list.size()) {
      // The document, and every hop of its redirect chain, are main-frame requests.
      list[doc]->request.type = ResourceType::kMainFrame;
      // The hops that led to it (http -> https, a tracking redirect) are main-frame requests too.
      for (size_t at = doc, hops = 0; hops < 20; ++hops) {
        size_t prev = at;
        for (size_t i = 0; i < at; ++i) {
          if (SameUrl(RedirectTarget(*list[i]), list[at]->request.url)) prev = i;
        }
        if (prev == at) break;
        at = prev;
        list[at]->request.type = ResourceType::kMainFrame;
      }
      for (size_t hops = 0, next = NextHop(list, doc); hops < 20 && next < list.size(); ++hops, next = NextHop(list, doc)) {
        doc = next;
        list[doc]->request.type = ResourceType::kMainFrame;
      }
      capture.page_url = list[doc]->request.url;
    } else if (Result<Url> u = Url::Parse(info.title); u.ok() && u.value().IsNetwork()) {
      capture.page_url = info.title;
    } else if (std::optional<std::pair<std::string, std::string>> guess = ReferringPage(list)) {
      // No document was recorded (an API session, a file of beacons): the page its requests name.
      capture.page_url = guess->first;
      capture.warnings.push_back({"$.log.entries", "no document request: the page is taken to be " + guess->first + ", from " + guess->second});
    } else {
      return false;
    }
    if (!info.title.empty() && !SameUrl(info.title, capture.page_url) && !Url::Parse(info.title).ok()) capture.title = info.title;

    std::optional<double> start = info.started;
    for (const Entry* e : list) {
      if (e->started && (!start || *e->started < *start)) start = e->started;
    }
    Result<Url> page = Url::Parse(capture.page_url);
    const std::string top_site = page.ok() ? std::string(page.value().scheme_name()) + "://" + std::string(SiteOf(page.value().host())) : "";
    Jar jar;
    SentCookies sent;
    std::vector<Entry*> well_known;
    capture.requests.reserve(list.size());
    // A request the page's service worker answered by fetching it itself appears twice (the
    // page's request and the worker's): the worker's copy, the same method and URL within 2 s
    // after, is the same request.
    struct Answered {
      double started;
      std::string method, url;
    };
    std::vector<Answered> via_worker;
    auto worker_copy = [&](const Entry* e) {
      if (e->via_service_worker || !e->started) return false;
      return std::any_of(via_worker.begin(), via_worker.end(), [&](const Answered& p) {
        return *e->started >= p.started && *e->started - p.started <= 2 && p.method == e->request.method && p.url == e->request.url;
      });
    };
    for (Entry* e : list) {
      for (Error& w : e->warnings) capture.warnings.push_back(std::move(w));
      e->warnings.clear();
      if (e->preflight) continue;  // the browser's CORS check, not the page's own request
      if (e->via_service_worker && e->started) via_worker.push_back({*e->started, e->request.method, e->request.url});
      if (!via_worker.empty() && worker_copy(e)) continue;
      const double now = e->started.value_or(start.value_or(0));
      if (e->started) {
        if (start) e->request.time_ms = std::round((*e->started - *start) * 1e6) / 1e3;  // µs: no float noise
        const double end = *e->started + e->duration_ms / 1000;
        if (!capture.captured_at || end > *capture.captured_at) capture.captured_at = end;
      }
      capture.dnt_sent = capture.dnt_sent || HeaderIs(e->request.request_headers, "dnt", "1");
      capture.gpc_sent = capture.gpc_sent || HeaderIs(e->request.request_headers, "sec-gpc", "1");
      sent.Add(*e, jar);
      if (!e->from_cache) {
        const bool has_set_cookie = std::any_of(e->request.response_headers.begin(), e->request.response_headers.end(),
                                                [](const auto& h) { return h.first == "set-cookie"; });
        if (has_set_cookie) {
          ReplaySetCookie(*e, now, top_site, jar, capture);
        } else {
          ReplayHarCookies(*e, jar);
        }
      }
      // The page origin's well-known resources (and where they redirect to): not page requests.
      Result<Url> u = MaybeWellKnown(e->request.url) ? Url::Parse(e->request.url) : Result<Url>(Error{});
      if (page.ok() && u.ok() && u.value().scheme() == page.value().scheme() && u.value().host() == page.value().host() &&
          u.value().port() == page.value().port() && IsWellKnownPath(u.value().path())) {
        well_known.push_back(e);
        continue;
      }
      if (!well_known.empty() && std::any_of(well_known.begin(), well_known.end(), [&](const Entry* w) {
            return SameUrl(RedirectTarget(*w), e->request.url);
          })) {
        well_known.push_back(e);
        continue;
      }
      capture.requests.push_back(std::move(e->request));
    }
    for (const Entry* w : well_known) {
      Result<Url> u = Url::Parse(w->request.url);
      if (!u.ok() || !IsWellKnownPath(u.value().path()) || u.value().host() != page.value().host()) continue;
      // Follow the redirect chain to the response that answered.
      const Entry* final_entry = w;
      for (size_t hops = 0; hops < 10; ++hops) {
        const std::string next = RedirectTarget(*final_entry);
        if (next.empty()) break;
        auto it = std::find_if(well_known.begin(), well_known.end(), [&](const Entry* x) { return SameUrl(x->request.url, next); });
        if (it == well_known.end()) break;
        final_entry = *it;
      }
      const std::string path(u.value().path());
      std::optional<WellKnownResource>& target = path == "/.well-known/gpc.json" ? capture.gpc_json : capture.dnt_policy;
      target = WellKnownResource{final_entry->request.status, final_entry->body};
    }
    sent.AppendTo(jar.cookies(), jar);
    capture.cookies = std::move(jar.cookies());
    return true;
  }

  HarLimits limits_;
  JsonStream stream_;
  std::optional<Error> error_;
  bool saw_root_object_ = false, saw_log_ = false, saw_entries_ = false;
  std::string creator_;
  std::vector<PageInfo> pages_;
  std::deque<Entry> entries_;  // a deque: growing never copies what was read
  std::vector<Error> warnings_;
  size_t repairs_seen_ = 0;
  std::vector<std::string> wanted_bodies_;  // where well-known resources redirect to

  friend class HarReader;
};

HarReader::HarReader(HarLimits limits) : impl_(std::make_unique<Impl>(limits)) {}
HarReader::~HarReader() = default;
bool HarReader::Feed(std::string_view bytes) { return impl_->Feed(bytes); }
Result<HarImport> HarReader::Finish() { return impl_->Finish(); }

Result<HarImport> ImportHar(std::string_view har_json) {
  HarReader reader;
  reader.Feed(har_json);
  return reader.Finish();
}

Result<Capture> CaptureFromHar(std::string_view har_json) {
  Result<HarImport> har = ImportHar(har_json);
  if (!har.ok()) return har.error();
  Capture capture = std::move(har.value().pages[0].capture);
  for (Error& w : har.value().warnings) capture.warnings.push_back(std::move(w));
  return capture;
}

}  // namespace trackscope
