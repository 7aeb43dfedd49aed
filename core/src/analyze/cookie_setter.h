// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Who set a cookie, when the front end could not say: the response whose Set-Cookie header
// carried it, else the script whose document.cookie write did.
//
//   CookieSetterIndex index(capture);           // one pass over responses and events
//   Setter s = index.Find("adnet_uid", "adnet.example");
//   // {kHttp, "https://pixel.adnet.example/px.gif?uid=..."}
#ifndef TRACKSCOPE_ANALYZE_COOKIE_SETTER_H_
#define TRACKSCOPE_ANALYZE_COOKIE_SETTER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "trackscope/capture/capture.h"

namespace trackscope {

struct Setter {
  SetterKind kind = SetterKind::kUnknown;
  std::string url;
};

class CookieSetterIndex {
 public:
  // Keeps views into `capture`; it must outlive the index.
  explicit CookieSetterIndex(const Capture& capture);

  // The first response that set `name` from a host within `domain` (canonical, no leading dot),
  // else the first script that wrote `name` in a document whose host is within `domain` (a
  // third-party iframe's script writes its own origin's cookies), else kUnknown.
  Setter Find(std::string_view name, std::string_view domain) const;

 private:
  struct Candidate {
    std::string_view url;
    std::string host;
  };
  std::unordered_map<std::string_view, std::vector<Candidate>> http_;
  std::unordered_map<std::string_view, std::vector<Candidate>> script_;  // host: of the writing document
};

// The cookie name in a Set-Cookie header or a document.cookie string: the text before the first
// '=', without surrounding spaces and tabs (RFC 6265bis 5.6 step 2-4). Empty for "=value" and
// for lines without '=' (RFC 6265bis treats those as a value with an empty name).
std::string_view CookieNameOf(std::string_view set_cookie);

}  // namespace trackscope

#endif  // TRACKSCOPE_ANALYZE_COOKIE_SETTER_H_
