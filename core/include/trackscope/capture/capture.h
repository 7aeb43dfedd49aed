// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Capture: the one input of the core — what was observed during one page load. Every front end
// (extension, scanner, widget, HAR import) converts its own events into this. The JSON form,
// schema version 1, is specified in core/src/capture/CAPTURE.md; ParseCapture() reads it.
//
// All strings are as observed (URLs as the browser serialised them); the core canonicalises.
#ifndef TRACKSCOPE_CAPTURE_CAPTURE_H_
#define TRACKSCOPE_CAPTURE_CAPTURE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trackscope/base/result.h"

namespace trackscope {

inline constexpr int kCaptureVersion = 1;

// Resource types, in webRequest's vocabulary. Other vocabularies are mapped on input:
//   CDP/Playwright/puppeteer "document" -> kSubFrame (kMainFrame for the page itself),
//   "xhr"/"fetch"/"eventsource" -> kXhr, "beacon" -> kPing, "manifest"/"texttrack" -> kOther.
enum class ResourceType : uint8_t {
  kMainFrame,
  kSubFrame,
  kScript,
  kImage,
  kStylesheet,
  kFont,
  kXhr,
  kPing,
  kMedia,
  kWebSocket,
  kObject,
  kCspReport,
  kOther,
};

// webRequest name of `type` ("main_frame", "xmlhttprequest", ...).
std::string_view ResourceTypeName(ResourceType type);
// Accepts webRequest, CDP and puppeteer names, case-insensitively. nullopt when unknown.
std::optional<ResourceType> ParseResourceType(std::string_view name);

// HTTP headers in order, names lower-cased; a repeated header (Set-Cookie) appears repeatedly.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct CapturedRequest {
  std::string url;
  ResourceType type = ResourceType::kOther;
  std::string method = "GET";
  std::string frame_url;  // document that issued the request; empty = the top page
  std::string initiator;  // origin or script URL that caused it, when known
  int status = 0;         // HTTP status; 0 when unknown or the request failed
  HeaderList request_headers;
  HeaderList response_headers;
  int64_t body_size = -1;  // response body bytes; -1 unknown
  int image_width = -1;    // natural size of an image response; -1 unknown
  int image_height = -1;
  double time_ms = -1;     // since navigation start; -1 unknown
  std::string request_body;  // as sent (beacons, pings); may be truncated by the front end
};

enum class SameSite : uint8_t { kUnspecified, kNone, kLax, kStrict };
std::string_view SameSiteName(SameSite same_site);  // "unspecified", "none", "lax", "strict"

enum class SetterKind : uint8_t { kUnknown, kHttp, kScript };
std::string_view SetterKindName(SetterKind kind);  // "unknown", "http", "script"

// How the front end knows of a cookie.
//   kStored  in the browser's cookie store (chrome.cookies, context.cookies()), or stored by the
//            replay of a Set-Cookie header (HAR import): domain, path, lifetime and flags are known
//   kSent    only seen in the Cookie header of requests (HAR import): its name, value and the
//            host (or site) it was sent to are known; its lifetime, path and flags are not
enum class CookieSource : uint8_t { kStored, kSent };
std::string_view CookieSourceName(CookieSource source);  // "stored", "sent"

struct CapturedCookie {
  std::string name;
  std::string value;
  std::string domain;  // as the browser reports it; a leading '.' means a domain cookie
  std::string path = "/";
  std::optional<double> expires;  // Unix time in seconds; nullopt for a session cookie
  // A cookie sent only to `domain` itself. Absent: inferred from `domain` (no leading '.').
  std::optional<bool> host_only;
  bool http_only = false;
  bool secure = false;
  SameSite same_site = SameSite::kUnspecified;
  std::string partition_key;  // top-level site of a partitioned (CHIPS) cookie
  SetterKind set_by = SetterKind::kUnknown;
  std::string set_by_url;  // the response URL (kHttp) or the writing script's URL (kScript)
  CookieSource observed = CookieSource::kStored;
};

enum class EventKind : uint8_t {
  kCookieWrite,    // document.cookie = value
  kBeacon,         // navigator.sendBeacon(url, body), fetch(url, {keepalive: true})
  kStorageWrite,   // localStorage / sessionStorage setItem(key, value)
  kNavigatorRead,  // a read of navigator.doNotTrack / globalPrivacyControl
  kFingerprint,    // a fingerprinting API call (canvas read-back, WebGL parameters, ...)
  kListener,       // a script watching the visitor or the page: addEventListener of an input
                   // event type (key = the type), MutationObserver.observe (key empty)
};
std::string_view EventKindName(EventKind kind);  // "cookie-write", "beacon", ...

// What a canvas held when a script read it back (fingerprint events, CAPTURE.md).
struct CanvasDrawing {
  int width = 0, height = 0;  // the canvas, or the area getImageData read
  int text_length = 0;        // longest text drawn (fillText/strokeText), in characters
  int colors = 0;             // distinct fill/stroke styles used for text and shapes
  int shapes = 0;             // shapes drawn (fillRect, fill, stroke, arc)
  bool interactive = false;   // save/restore/addEventListener used on it: a drawing app, not a probe
};

// Something a page script did, recorded by the MAIN-world instrumentation.
struct ScriptEvent {
  EventKind kind = EventKind::kCookieWrite;
  std::string script_url;  // the calling script, from the stack; empty when inline/unknown
  std::string frame_url;   // document it ran in; empty = the top page
  double time_ms = -1;
  std::string api;    // e.g. "document.cookie", "navigator.sendBeacon", "localStorage.setItem"
  std::string url;    // beacon target
  std::string key;    // storage key, navigator property
  std::string value;  // cookie string, storage value, beacon body
  // Fingerprint events: the calls this event stands for so far (the instrumentation throttles
  // repeated calls and sends running counts; for font APIs, distinct fonts), and for a canvas
  // read-back what had been drawn on that canvas.
  int count = 1;
  std::optional<CanvasDrawing> canvas;
};

// A resource the front end fetched itself from the page's origin (`/.well-known/gpc.json`,
// `/.well-known/dnt-policy.txt`): HTTP status (0 = the fetch failed) and body as text.
struct WellKnownResource {
  int status = 0;
  std::string body;
};

// A consent manager's cookie declaration as the page loaded it (CAPTURE.md `wellKnown.cmp`;
// policy/consent_manager.h says which URLs are one).
struct CmpResource {
  std::string url;
  std::string body;
};

// A value typed into one of the page's form fields (CAPTURE.md "visit.typed"): by the scanner, a
// synthetic one it never submits (seeding); in the extension, what the person typed. Where it shows
// up in a third-party request before any submit, it left while being typed.
struct TypedValue {
  std::string field;  // how the field was found: "input[type=email]", "input[name=\"phone\"]"
  std::string kind;   // what the value is: "email", "phone", "first-name", "last-name", "full-name",
                      // "street", "city", "postal-code" (payload.h PersonalKindName)
  std::string value;  // as typed
  double time_ms = -1;  // since navigation start, when typing began; -1 unknown
};

// How the front end behaved as a visitor while it captured (the scanner does; CAPTURE.md, "visit"),
// so that a report says what was simulated.
struct VisitorSimulation {
  int pointer_moves = 0;           // trusted pointer-move events
  int scrolls = 0;                 // mouse-wheel scrolls
  int dwell_ms = 0;                // time on the page from the start of the load to the end of the capture
  bool automation_hidden = false;  // navigator.webdriver false, no "Headless" in the user agent
  std::string user_agent;          // the user agent the page saw; empty = not said
  std::vector<TypedValue> typed;   // values typed into form fields, in order
  // When a form was first submitted (the extension: the person using the browser may submit;
  // the scanner never does), since navigation start; -1 never. Requests from then on carry what
  // was submitted, not what was being typed.
  double submitted_ms = -1;
  // Who the front end visited as, when not a fresh default browser: "device" -> "iPhone 13",
  // "locale", "timezone", "geolocation", "storageState" (a logged-in state's file name),
  // "cookies" / "headers" (names added, not values). Sorted by name.
  std::vector<std::pair<std::string, std::string>> setup;
};

// What the visitor had done about consent when the capture ended (for before-consent findings).
enum class ConsentState : uint8_t { kUnknown, kNone, kAccepted, kRejected };
std::string_view ConsentStateName(ConsentState state);  // "unknown", "none", "accepted", "rejected"

struct Capture {
  int version = kCaptureVersion;
  std::string page_url;
  std::string title;
  std::optional<double> captured_at;  // Unix seconds when the capture ended; lifetimes use it
  bool dnt_sent = false;
  bool gpc_sent = false;
  std::vector<CapturedRequest> requests;
  std::vector<CapturedCookie> cookies;
  std::vector<ScriptEvent> events;
  std::optional<WellKnownResource> gpc_json;    // nullopt = not fetched
  std::optional<WellKnownResource> dnt_policy;  // nullopt = not fetched
  std::vector<CmpResource> cmp;  // the consent manager's declarations the front end kept
  ConsentState consent = ConsentState::kUnknown;
  std::optional<VisitorSimulation> visit;  // nullopt = the front end does not say
  // Non-fatal problems met while parsing (unknown enum values, ...), with their JSON paths.
  std::vector<Error> warnings;
};

// Parses a Capture JSON document (CAPTURE.md). Fails, naming the JSON path and the reason, on
// malformed JSON, an unsupported `version`, a missing required field or a field of the wrong type.
Result<Capture> ParseCapture(std::string_view json_text);

// Writes `capture` as Capture JSON (CAPTURE.md); ParseCapture reads it back unchanged (warnings
// are not written). Invalid UTF-8 in observed strings becomes U+FFFD.
std::string CaptureToJson(const Capture& capture, int indent = -1);

}  // namespace trackscope

#endif  // TRACKSCOPE_CAPTURE_CAPTURE_H_
