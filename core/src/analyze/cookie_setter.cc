// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "base/strings.h"
#include "analyze/cookie_setter.h"

#include "trackscope/url/host.h"
#include "trackscope/url/url.h"

namespace trackscope {

std::string_view CookieNameOf(std::string_view set_cookie) {
  std::string_view pair = set_cookie.substr(0, set_cookie.find(';'));
  size_t eq = pair.find('=');
  if (eq == std::string_view::npos) return {};
  return Trim(pair.substr(0, eq));
}

CookieSetterIndex::CookieSetterIndex(const Capture& capture) {
  for (const CapturedRequest& r : capture.requests) {
    std::string host;
    for (const auto& [name, value] : r.response_headers) {
      if (name != "set-cookie") continue;
      if (host.empty()) {
        Result<Url> url = Url::Parse(r.url);
        if (!url.ok()) break;
        host = std::string(url.value().host());
      }
      // A header may hold several cookies joined by newlines (webRequest, HAR exports).
      std::string_view rest = value;
      while (!rest.empty()) {
        size_t nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        std::string_view cookie = CookieNameOf(line);
        if (!cookie.empty()) http_[cookie].push_back({r.url, host});
      }
    }
  }
  std::string page_host;
  if (Result<Url> page = Url::Parse(capture.page_url); page.ok()) page_host = std::string(page.value().host());
  for (const ScriptEvent& e : capture.events) {
    if (e.kind != EventKind::kCookieWrite) continue;
    std::string_view cookie = CookieNameOf(e.value);
    if (cookie.empty()) continue;
    // document.cookie sets cookies of the document the script runs in (a third-party iframe's
    // own jar, not the page's).
    std::string frame_host = page_host;
    if (!e.frame_url.empty()) {
      Result<Url> frame = Url::Parse(e.frame_url);
      frame_host = frame.ok() ? std::string(frame.value().host()) : std::string();
    }
    script_[cookie].push_back({e.script_url, std::move(frame_host)});
  }
}

Setter CookieSetterIndex::Find(std::string_view name, std::string_view domain) const {
  if (auto it = http_.find(name); it != http_.end()) {
    for (const Candidate& c : it->second) {
      // The response's host must be able to set a cookie for `domain` (RFC 6265bis 5.6 step 10).
      if (DomainMatches(c.host, domain)) return {SetterKind::kHttp, std::string(c.url)};
    }
  }
  if (auto it = script_.find(name); it != script_.end()) {
    for (const Candidate& c : it->second) {
      if (DomainMatches(c.host, domain)) return {SetterKind::kScript, std::string(c.url)};
    }
  }
  return {};
}

}  // namespace trackscope
