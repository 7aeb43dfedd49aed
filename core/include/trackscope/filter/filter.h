// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Parsing one line of an EasyList-style filter list (Adblock Plus and uBlock Origin dialects).
//
// A line is a comment, a cosmetic/scriptlet filter (counted, not used here), a network filter,
// or unsupported (skipped with a reason). Network filter syntax:
//
//   [@@] pattern [$option,option,...]
//
//   pattern   ||host^path   host anchor: starts at a label boundary of the request host
//             |https://     start anchor;   ...end|   end anchor
//             ^             separator: anything but a letter, digit, _ - . %; or the URL's end
//             *             any run of characters
//             /regex/       a regular expression (JS syntax subset, see regex.h)
//
//   examples                                    meaning
//   ||adnet.example^                            block any request to adnet.example or below
//   ||cdn.example/ads/*.gif$image,third-party   block third-party images under /ads/
//   @@||cdn.example/ads/ok.gif$image            exception: never block this one
//   /track.js$script,domain=a.example|~b.a.example
//   ||ads.example^$important                    beats exceptions
//   ||ads.example^$important,badfilter          cancels the filter above
#ifndef TRACKSCOPE_FILTER_FILTER_H_
#define TRACKSCOPE_FILTER_FILTER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trackscope::filter {

// Request types a network filter can name, one bit each (layout of NetworkFilter::types).
//   bit  0 script       4 sub_frame   8 font        12 popup
//   bit  1 image        5 ping        9 websocket   13 main_frame ("document")
//   bit  2 stylesheet   6 media      10 object      14 csp_report
//   bit  3 xmlhttprequest             11 other
enum class FilterType : uint8_t {
  kScript, kImage, kStylesheet, kXhr, kSubFrame, kPing, kMedia, kFont, kWebSocket, kObject,
  kOther, kPopup, kMainFrame, kCspReport,
};
inline constexpr uint16_t TypeBit(FilterType t) { return static_cast<uint16_t>(1u << static_cast<unsigned>(t)); }
// What a filter without type options applies to: every request type, not popups.
inline constexpr uint16_t kDefaultTypes = 0x3FFF & ~TypeBit(FilterType::kPopup);
inline constexpr uint16_t kAllTypes = 0x3FFF;

enum class LeftAnchor : uint8_t { kNone, kStart, kHostname };
enum class PartyConstraint : uint8_t { kAny, kFirst, kThird, kStrictFirst, kStrictThird };

// What a filter does besides blocking. kRedirect also blocks (the replacement resource is
// reported, not served); the others never block by themselves.
enum class Modifier : uint8_t { kNone, kRedirect, kRedirectRule, kRemoveParam, kCsp, kRewrite };

// An entry of domain= / from= / to= / denyallow=: a host (matching itself and its subdomains), an
// entity "example.*" (example under any public suffix), negated with '~'.
struct DomainEntry {
  std::string name;  // lower case; for entities without the ".*"
  bool negated = false;
  bool entity = false;
  bool operator==(const DomainEntry&) const = default;
};

struct NetworkFilter {
  bool exception = false;  // @@
  bool important = false;
  bool match_case = false;
  bool badfilter = false;
  bool regex = false;            // pattern is a regular expression source
  LeftAnchor left = LeftAnchor::kNone;
  bool right_anchor = false;
  std::string pattern;           // without anchors; lower case unless match_case
  uint16_t types = kDefaultTypes;
  PartyConstraint party = PartyConstraint::kAny;
  std::vector<DomainEntry> from;       // domain= / from=: the document making the request
  std::vector<DomainEntry> to;         // to=: the request's host
  std::vector<DomainEntry> denyallow;  // denyallow=: request hosts the filter never applies to
  uint8_t methods = 0;                 // bit per Method; 0 = any
  bool methods_negated = false;
  Modifier modifier = Modifier::kNone;
  std::string modifier_value;  // redirect resource, csp directive, removeparam argument, ...

  // `||host^` with no options (most of EasyList/EasyPrivacy): indexed by host hash alone.
  bool IsPlainHostFilter() const;
};

// HTTP methods for $method=, one bit each.
enum class Method : uint8_t { kGet, kPost, kPut, kDelete, kPatch, kHead, kOptions, kConnect };

enum class LineKind : uint8_t {
  kEmpty,
  kComment,      // "! ..." and "[Adblock Plus 2.0]"; preprocessor directives are handled by the list parser
  kCosmetic,     // element hiding, scriptlets, HTML filters, cosmetic-only exceptions
  kNetwork,
  kUnsupported,  // a network filter using something this engine cannot evaluate
};

struct ParsedLine {
  LineKind kind = LineKind::kEmpty;
  NetworkFilter filter;  // kNetwork only
  std::string reason;    // kUnsupported only: why the line was skipped
  // kNetwork only: the filter's text with `badfilter` removed and options sorted. A line with
  // `$badfilter` cancels every filter whose key equals its own.
  std::string badfilter_key;
};

// Parses one line (without its line break). Never fails: problems give kUnsupported + reason.
ParsedLine ParseFilterLine(std::string_view line);

}  // namespace trackscope::filter

#endif  // TRACKSCOPE_FILTER_FILTER_H_
