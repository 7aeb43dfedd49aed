// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// URL parsing for the URLs a page load produces. The parser follows the WHATWG URL Standard
// closely enough for browser-serialised input (what webRequest, Playwright, HAR files and
// PerformanceObserver report); it does not percent-encode or resolve relative references.
//
//   input                                      scheme       host                 port  path
//   "HTTPS://Shop.Example:443/a?b#c"           kHttps       "shop.example"       443   "/a"
//   "http://user:pw@[::1]:8080"                kHttp        "[::1]"              8080  "/"
//   "wss://ws.example/socket"                  kWss         "ws.example"         443   "/socket"
//   "data:image/gif;base64,R0lG"               kData        ""                   -1    "image/gif;base64,R0lG"
//   "blob:https://shop.example/5f1c-..."       kBlob        "shop.example"       443   "https://shop.example/5f1c-..."
//   "chrome-extension://abcdef/popup.html"     kExtension   "abcdef"             -1    "/popup.html"
//
// For blob: URLs the host, port and origin are those of the inner URL (the blob's creator).
#ifndef TRACKSCOPE_URL_URL_H_
#define TRACKSCOPE_URL_URL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "trackscope/base/result.h"
#include "trackscope/url/host.h"

namespace trackscope {

enum class Scheme : uint8_t {
  kHttp,
  kHttps,
  kWs,
  kWss,
  kData,
  kBlob,
  kExtension,  // chrome-extension:, moz-extension:, safari-web-extension:
  kFile,
  kAbout,
  kOther,  // any other syntactically valid scheme (javascript:, chrome:, ...)
};

class Url {
 public:
  // Parses an absolute URL. Leading/trailing spaces and control characters are trimmed and tabs
  // and newlines removed, as browsers do. Errors name the component that is wrong.
  static Result<Url> Parse(std::string_view input);

  // The canonical serialisation: lower-case scheme and host, default port dropped, "/" for an
  // empty http(s)/ws(s) path; everything else as given.
  const std::string& spec() const { return spec_; }
  Scheme scheme() const { return scheme_; }
  std::string_view scheme_name() const { return Part(scheme_begin_, scheme_end_); }
  // Canonical host (see host.h); empty when the URL has none (data:, about:, file:///).
  std::string_view host() const { return blob_inner_ ? std::string_view(inner_host_) : Part(host_begin_, host_end_); }
  HostKind host_kind() const { return host_kind_; }
  // The explicit port, else the scheme's default (80/443 for http(s) and ws(s)), else -1.
  int port() const { return port_; }
  // Path (for data: and other opaque URLs, everything after the scheme up to '?' or '#').
  std::string_view path() const { return Part(path_begin_, path_end_); }
  // Query and fragment without their '?' and '#'; empty when absent.
  std::string_view query() const { return Part(query_begin_, query_end_); }
  std::string_view fragment() const { return Part(fragment_begin_, fragment_end_); }
  // http, https, ws or wss: a URL that causes network traffic to `host()`.
  bool IsNetwork() const { return scheme_ <= Scheme::kWss; }
  bool IsSecure() const { return scheme_ == Scheme::kHttps || scheme_ == Scheme::kWss; }

 private:
  std::string_view Part(uint32_t b, uint32_t e) const { return std::string_view(spec_).substr(b, e - b); }

  std::string spec_;
  std::string inner_host_;  // blob: only
  uint32_t scheme_begin_ = 0, scheme_end_ = 0, host_begin_ = 0, host_end_ = 0;
  uint32_t path_begin_ = 0, path_end_ = 0, query_begin_ = 0, query_end_ = 0;
  uint32_t fragment_begin_ = 0, fragment_end_ = 0;
  int port_ = -1;
  Scheme scheme_ = Scheme::kOther;
  HostKind host_kind_ = HostKind::kDomain;
  bool blob_inner_ = false;
};

}  // namespace trackscope

#endif  // TRACKSCOPE_URL_URL_H_
