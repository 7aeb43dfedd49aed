// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Matching an EasyList pattern (literals, '^' separators, '*' wildcards; anchors given
// separately) against a URL. No allocation; linear-ish in practice (greedy leftmost matching of
// each '*'-separated segment is complete for patterns whose segments have fixed length).
//
//   pattern          anchor      url                                 match
//   "ads/"           none        https://a.example/x/ads/1.gif        yes
//   "a.example^"     hostname    https://cdn.a.example/p              yes (label boundary)
//   "a.example^"     hostname    https://xa.example/p                 no
//   "/ad*.gif"       none        https://b.example/adv/x.gif          yes
//   ".gif"  + right  none        https://b.example/x.gif?v=1          no
#ifndef TRACKSCOPE_FILTER_PATTERN_H_
#define TRACKSCOPE_FILTER_PATTERN_H_

#include <cstddef>
#include <string_view>

#include "trackscope/filter/filter.h"

namespace trackscope::filter {

// '^' matches one of these or the end of the URL: anything but a letter, a digit, or _ - . %.
inline bool IsSeparator(unsigned char c) {
  return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == '%');
}

// `url` must already be lower-cased when the pattern is (filters without match-case).
// [host_begin, host_end) delimit the URL's host, for the hostname anchor.
bool MatchPattern(std::string_view pattern, LeftAnchor left, bool right_anchor, std::string_view url,
                  size_t host_begin, size_t host_end);

}  // namespace trackscope::filter

#endif  // TRACKSCOPE_FILTER_PATTERN_H_
