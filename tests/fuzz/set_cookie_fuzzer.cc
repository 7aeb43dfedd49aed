// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Set-Cookie and document.cookie strings: parse, resolve for a fixed URL and time, and parse the
// input as a cookie date.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "trackscope/cookie/set_cookie.h"

namespace {

constexpr double kNow = 1700000000;  // 2023-11-14 22:13:20 UTC
constexpr std::string_view kUrls[] = {"https://www.shop.example/a/b?c", "http://127.0.0.1:8080/x",
                                      "http://localhost/"};

bool HasControl(std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x08 || (c >= 0x0A && c <= 0x1F) || c == 0x7F) return true;
  }
  return false;
}

void Check(const trackscope::Result<trackscope::cookie::SetCookie>& parsed, bool from_script) {
  using namespace trackscope::cookie;
  if (!parsed.ok()) return;
  const SetCookie& c = parsed.value();
  // Invariants of a parsed cookie: 5.6 limits hold, no control characters slipped through.
  if (c.name.empty() && c.value.empty()) std::abort();
  if (c.name.size() + c.value.size() > kMaxNameValueBytes) std::abort();
  if (HasControl(c.name) || HasControl(c.value)) std::abort();
  if (c.path && (c.path->empty() || c.path->front() != '/')) std::abort();
  for (std::string_view url : kUrls) {
    auto record = ResolveCookie(c, url, kNow, from_script);
    if (!record.ok()) continue;
    const CookieRecord& r = record.value();
    // A stored cookie has a domain, an absolute path and an expiry in (now, now + 400 days].
    if (r.domain.empty() || r.path.empty() || r.path.front() != '/') std::abort();
    if (r.expires && (*r.expires <= kNow || *r.expires > kNow + kMaxLifetimeSeconds)) std::abort();
    if (r.persistent != r.expires.has_value()) std::abort();
    if (from_script && r.http_only) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Check(trackscope::cookie::ParseSetCookie(input), /*from_script=*/false);
  Check(trackscope::cookie::ParseDocumentCookie(input), /*from_script=*/true);
  if (auto t = trackscope::cookie::ParseCookieDate(input)) {
    if (*t < -11644473600.0 || *t > 253402300799.0) std::abort();  // years 1601..9999
  }
  return 0;
}
