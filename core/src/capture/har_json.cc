// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// CaptureFromHar: HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) -> Capture. A
// deserialisation unit: nlohmann::json stays here, parsed without exceptions.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "base/json_util.h"
#include <string>

#include "base/time_util.h"
#include "trackscope/capture/har.h"
#include "trackscope/cookie/set_cookie.h"
#include "trackscope/url/registry.h"
#include "trackscope/url/url.h"

namespace trackscope {
namespace {

using Json = nlohmann::json;



// Typed field access that records the first error with its JSON path.
class Reader {
 public:
  std::optional<Error> error;

  // The field, or nullptr when absent or null (an error when `required`) or of the wrong type.
  const Json* Get(const Json& obj, std::string_view key, const std::string& path, Json::value_t type, bool required = false) {
    auto it = obj.find(key);
    const std::string p = path + "." + std::string(key);
    if (it == obj.end() || it->is_null()) {
      if (required) Fail(p, "required field is missing");
      return nullptr;
    }
    const bool ok = type == Json::value_t::number_float ? it->is_number() : it->type() == type;
    if (!ok) {
      const char* want = type == Json::value_t::object ? "an object" : type == Json::value_t::array ? "an array"
                       : type == Json::value_t::string ? "a string" : type == Json::value_t::boolean ? "true or false" : "a number";
      Fail(p, std::string("expected ") + want + ", got " + JsonTypeName(*it));
      return nullptr;
    }
    return &*it;
  }
  std::string String(const Json& obj, std::string_view key, const std::string& path, bool required = false) {
    const Json* j = Get(obj, key, path, Json::value_t::string, required);
    return j ? j->get<std::string>() : std::string();
  }
  std::optional<double> Number(const Json& obj, std::string_view key, const std::string& path) {
    const Json* j = Get(obj, key, path, Json::value_t::number_float);
    if (!j) return std::nullopt;
    const double v = j->get<double>();
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
  }
  bool Bool(const Json& obj, std::string_view key, const std::string& path) {
    const Json* j = Get(obj, key, path, Json::value_t::boolean);
    return j && j->get<bool>();
  }
  // HAR headers: [{"name", "value"}], names lower-cased. Chrome joins repeated Set-Cookie values
  // with '\n' in one header; they are split here.
  HeaderList Headers(const Json& obj, const std::string& path) {
    HeaderList out;
    const Json* list = Get(obj, "headers", path, Json::value_t::array);
    if (!list) return out;
    for (size_t i = 0; i < list->size() && !error; ++i) {
      const std::string p = path + ".headers[" + std::to_string(i) + "]";
      const Json& h = (*list)[i];
      if (!h.is_object()) return Fail(p, std::string("expected an object with name and value, got ") + JsonTypeName(h)), out;
      std::string name = String(h, "name", p, true), value = String(h, "value", p, true);
      if (name.empty() || name[0] == ':') continue;  // HTTP/2 pseudo-headers
      for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
      for (size_t start = 0; start <= value.size();) {
        size_t end = name == "set-cookie" ? value.find('\n', start) : std::string::npos;
        if (end == std::string::npos) end = value.size();
        out.emplace_back(name, value.substr(start, end - start));
        start = end + 1;
      }
    }
    return out;
  }
  void Fail(std::string path, std::string message) {
    if (!error) error = Error{std::move(path), std::move(message)};
  }
};

std::string Base64Decode(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
          : c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
    if (v < 0) continue;  // padding, line breaks
    acc = acc << 6 | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

// A resource type from the mime type, for HAR files without Chrome's _resourceType.
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

struct Entry {
  std::string path;  // $.log.entries[i]
  CapturedRequest request;
  std::optional<double> started;  // Unix seconds
  double duration_ms = 0;
  std::string redirect_url;
  std::string body;  // response content text, decoded
  const Json* cookies = nullptr;  // response.cookies
};

// Reads entry `j` (its path in `e.path`); the request URL is required.
void ReadEntry(const Json& j, Entry& e, Reader& in) {
  const std::string& path = e.path;
  const Json* request = in.Get(j, "request", path, Json::value_t::object, true);
  if (!request) return;
  const std::string rp = path + ".request";
  CapturedRequest& r = e.request;
  r.url = in.String(*request, "url", rp, true);
  if (std::string method = in.String(*request, "method", rp); !method.empty()) r.method = method;
  r.request_headers = in.Headers(*request, rp);
  if (const Json* post = in.Get(*request, "postData", rp, Json::value_t::object)) r.request_body = in.String(*post, "text", rp + ".postData");
  if (const Json* response = in.Get(j, "response", path, Json::value_t::object)) {
    const std::string sp = path + ".response";
    if (std::optional<double> status = in.Number(*response, "status", sp)) r.status = *status >= 0 && *status <= 999 ? static_cast<int>(*status) : 0;
    r.response_headers = in.Headers(*response, sp);
    e.redirect_url = in.String(*response, "redirectURL", sp);
    e.cookies = in.Get(*response, "cookies", sp, Json::value_t::array);
    if (const Json* content = in.Get(*response, "content", sp, Json::value_t::object)) {
      const std::string cp = sp + ".content";
      if (std::optional<double> size = in.Number(*content, "size", cp); size && *size >= 0) r.body_size = static_cast<int64_t>(*size);
      const std::string mime = in.String(*content, "mimeType", cp);
      e.body = in.String(*content, "text", cp);
      if (in.String(*content, "encoding", cp) == "base64") e.body = Base64Decode(e.body);
      r.type = GuessType(mime);
    }
  }
  if (std::string type = in.String(j, "_resourceType", path); !type.empty()) {
    r.type = ParseResourceType(type).value_or(ResourceType::kOther);
  }
  if (const Json* initiator = in.Get(j, "_initiator", path, Json::value_t::object)) {
    r.initiator = in.String(*initiator, "url", path + "._initiator");
    const Json* stack = initiator->find("stack") != initiator->end() ? &(*initiator)["stack"] : nullptr;
    if (r.initiator.empty() && stack && stack->is_object() && stack->contains("callFrames") && (*stack)["callFrames"].is_array() &&
        !(*stack)["callFrames"].empty() && (*stack)["callFrames"][0].is_object()) {
      const Json& frame = (*stack)["callFrames"][0];
      if (frame.contains("url") && frame["url"].is_string()) r.initiator = frame["url"].get<std::string>();
    }
  }
  if (std::string started = in.String(j, "startedDateTime", path); !started.empty()) {
    e.started = ParseIso8601(started);
    if (!e.started) in.Fail(path + ".startedDateTime", "expected an ISO 8601 time like 2026-11-29T05:00:00.000Z");
  }
  if (std::optional<double> time = in.Number(j, "time", path); time && *time > 0) e.duration_ms = *time;
}

// "document" (_resourceType) and text/html responses both map to kSubFrame.
bool IsDocument(const Entry& e) { return e.request.type == ResourceType::kMainFrame || e.request.type == ResourceType::kSubFrame; }

// The cookie jar, replayed in entry order: later Set-Cookie lines replace earlier ones of the
// same name, domain and path; an expired one deletes.
class Jar {
 public:
  void Set(CapturedCookie c) {
    auto it = Find(c);
    if (it != cookies_.end()) {
      *it = std::move(c);
    } else {
      cookies_.push_back(std::move(c));
    }
  }
  void Delete(const CapturedCookie& c) {
    if (auto it = Find(c); it != cookies_.end()) cookies_.erase(it);
  }
  std::vector<CapturedCookie> Take() { return std::move(cookies_); }

 private:
  std::vector<CapturedCookie>::iterator Find(const CapturedCookie& c) {
    auto bare = [](std::string_view d) { return d.empty() || d[0] != '.' ? d : d.substr(1); };
    return std::find_if(cookies_.begin(), cookies_.end(), [&](const CapturedCookie& k) {
      return k.name == c.name && bare(k.domain) == bare(c.domain) && k.path == c.path;
    });
  }
  std::vector<CapturedCookie> cookies_;
};

// `top_site`: "https://site" of the page, the partition of CHIPS cookies.
void ReplaySetCookie(const Entry& e, double now, const std::string& top_site, Jar& jar, Capture& capture) {
  size_t index = 0;
  for (const auto& [name, value] : e.request.response_headers) {
    if (name != "set-cookie") continue;
    const std::string where = e.path + ".response.headers (Set-Cookie #" + std::to_string(++index) + ")";
    Result<cookie::SetCookie> parsed = cookie::ParseSetCookie(value);
    if (!parsed.ok()) {
      capture.warnings.push_back({where, "Set-Cookie ignored: " + parsed.error().message});
      continue;
    }
    Result<cookie::CookieRecord> stored = cookie::ResolveCookie(parsed.value(), e.request.url, now, /*from_script=*/false);
    CapturedCookie c;
    c.name = parsed.value().name;
    if (!stored.ok()) {
      if (stored.error().message.find("already expired") != std::string::npos) {
        // Deletes whatever was stored under that name for the response's host and path.
        Result<Url> u = Url::Parse(e.request.url);
        c.domain = parsed.value().domain.value_or(u.ok() ? std::string(u.value().host()) : "");
        c.path = parsed.value().path.value_or("/");
        jar.Delete(c);
      } else {
        capture.warnings.push_back({where, "cookie " + c.name + " not stored: " + stored.error().message});
      }
      continue;
    }
    const cookie::CookieRecord& r = stored.value();
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

// response.cookies, for HAR files whose responses list cookies but no Set-Cookie header.
void ReadHarCookies(const Entry& e, Jar& jar, Reader& in) {
  Result<Url> url = Url::Parse(e.request.url);
  for (size_t i = 0; i < e.cookies->size() && !in.error; ++i) {
    const std::string p = e.path + ".response.cookies[" + std::to_string(i) + "]";
    const Json& k = (*e.cookies)[i];
    if (!k.is_object()) return in.Fail(p, std::string("expected an object, got ") + JsonTypeName(k));
    CapturedCookie c;
    c.name = in.String(k, "name", p, true);
    c.value = in.String(k, "value", p);
    c.domain = in.String(k, "domain", p);
    if (c.domain.empty() && url.ok()) {
      c.domain = std::string(url.value().host());
      c.host_only = true;
    }
    if (std::string path = in.String(k, "path", p); !path.empty()) c.path = path;
    if (std::string expires = in.String(k, "expires", p); !expires.empty()) c.expires = ParseIso8601(expires);
    c.http_only = in.Bool(k, "httpOnly", p);
    c.secure = in.Bool(k, "secure", p);
    const std::string same_site = in.String(k, "sameSite", p);
    c.same_site = same_site == "None" ? SameSite::kNone : same_site == "Lax" ? SameSite::kLax
                : same_site == "Strict" ? SameSite::kStrict : SameSite::kUnspecified;
    c.set_by = SetterKind::kHttp;
    c.set_by_url = e.request.url;
    jar.Set(std::move(c));
  }
}

bool HeaderIs(const HeaderList& headers, std::string_view name, std::string_view value) {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return h.first == name && h.second == value; });
}

}  // namespace

Result<Capture> CaptureFromHar(std::string_view har_json) {
  const Json doc = Json::parse(har_json.begin(), har_json.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return Error{"$", "malformed JSON: " + JsonSyntaxError(har_json)};
  }
  if (!doc.is_object()) return Error{"$", std::string("expected a HAR object with \"log\", got ") + JsonTypeName(doc)};
  Reader in;
  const Json* log = in.Get(doc, "log", "$", Json::value_t::object, true);
  if (!log) return *in.error;
  const Json* entries = in.Get(*log, "entries", "$.log", Json::value_t::array, true);
  if (!entries) return *in.error;

  Capture capture;
  std::string page_id, page_title;
  std::optional<double> page_started;
  if (const Json* pages = in.Get(*log, "pages", "$.log", Json::value_t::array); pages && !pages->empty()) {
    const Json& page = (*pages)[0];
    if (!page.is_object()) return Error{"$.log.pages[0]", std::string("expected an object, got ") + JsonTypeName(page)};
    page_id = in.String(page, "id", "$.log.pages[0]");
    page_title = in.String(page, "title", "$.log.pages[0]");
    if (std::string started = in.String(page, "startedDateTime", "$.log.pages[0]"); !started.empty()) page_started = ParseIso8601(started);
  }
  if (in.error) return *in.error;

  std::vector<Entry> list;
  for (size_t i = 0; i < entries->size(); ++i) {
    const std::string path = "$.log.entries[" + std::to_string(i) + "]";
    const Json& j = (*entries)[i];
    if (!j.is_object()) return Error{path, std::string("expected an object, got ") + JsonTypeName(j)};
    // One capture is one page load: entries of later pages are left out.
    if (!page_id.empty()) {
      std::string pageref = in.String(j, "pageref", path);
      if (!pageref.empty() && pageref != page_id) continue;
    }
    Entry& e = list.emplace_back();
    e.path = path;
    ReadEntry(j, e, in);
    if (in.error) return *in.error;
  }

  // The page: the first document request, followed through its redirects.
  auto doc_it = std::find_if(list.begin(), list.end(), IsDocument);
  if (doc_it == list.end() && !list.empty() && !page_title.empty() && Url::Parse(page_title).ok()) {
    doc_it = std::find_if(list.begin(), list.end(), [&](const Entry& e) { return e.request.url == page_title; });
  }
  if (doc_it != list.end()) {
    doc_it->request.type = ResourceType::kMainFrame;
    while (doc_it->request.status >= 300 && doc_it->request.status < 400 && !doc_it->redirect_url.empty()) {
      const std::string next = doc_it->redirect_url;
      auto it = std::find_if(doc_it + 1, list.end(), [&](const Entry& e) { return e.request.url == next; });
      if (it == list.end()) break;
      doc_it = it;
      doc_it->request.type = ResourceType::kMainFrame;
    }
    capture.page_url = doc_it->request.url;
  } else if (Result<Url> u = Url::Parse(page_title); u.ok() && u.value().IsNetwork()) {
    capture.page_url = page_title;
  } else {
    return Error{"$.log.entries", list.empty() ? "no entries for the first page: nothing to analyse"
                                               : "no document request and no page URL in $.log.pages[0].title: cannot tell the page"};
  }
  if (page_title != capture.page_url && !Url::Parse(page_title).ok()) capture.title = page_title;

  // Times: relative to the page start; the capture ends when the last entry does.
  std::optional<double> start = page_started;
  for (const Entry& e : list) {
    if (e.started && (!start || *e.started < *start)) start = e.started;
  }
  Result<Url> page = Url::Parse(capture.page_url);
  const std::string top_site = page.ok() ? std::string(page.value().scheme_name()) + "://" + std::string(SiteOf(page.value().host())) : "";
  Jar jar;
  for (Entry& e : list) {
    const double now = e.started.value_or(start.value_or(0));
    if (e.started) {
      if (start) e.request.time_ms = std::round((*e.started - *start) * 1e6) / 1e3;  // µs: no float noise
      const double end = *e.started + e.duration_ms / 1000;
      if (!capture.captured_at || end > *capture.captured_at) capture.captured_at = end;
    }
    capture.dnt_sent = capture.dnt_sent || HeaderIs(e.request.request_headers, "dnt", "1");
    capture.gpc_sent = capture.gpc_sent || HeaderIs(e.request.request_headers, "sec-gpc", "1");
    const bool has_set_cookie = std::any_of(e.request.response_headers.begin(), e.request.response_headers.end(),
                                            [](const auto& h) { return h.first == "set-cookie"; });
    if (has_set_cookie) {
      ReplaySetCookie(e, now, top_site, jar, capture);
    } else if (e.cookies) {
      ReadHarCookies(e, jar, in);
      if (in.error) return *in.error;
    }
    // The page origin's well-known resources: recorded as such, not as page requests.
    Result<Url> u = Url::Parse(e.request.url);
    if (page.ok() && u.ok() && u.value().scheme() == page.value().scheme() && u.value().host() == page.value().host() &&
        u.value().port() == page.value().port()) {
      std::optional<WellKnownResource>* target = u.value().path() == "/.well-known/gpc.json"         ? &capture.gpc_json
                                                : u.value().path() == "/.well-known/dnt-policy.txt" ? &capture.dnt_policy
                                                                                                    : nullptr;
      if (target) {
        *target = WellKnownResource{e.request.status, e.body};
        continue;
      }
    }
    capture.requests.push_back(std::move(e.request));
  }
  capture.cookies = jar.Take();
  return capture;
}

}  // namespace trackscope
