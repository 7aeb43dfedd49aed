// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Browser fingerprinting: judges what one script did with the APIs fingerprinters use, from the
// instrumentation's `fingerprint` events (CAPTURE.md). Criteria follow Englehardt & Narayanan
// (2016) as Blacklight (The Markup) applies them, plus the WebGL/audio/property probes of
// FingerprintJS-style scripts:
//
//   verdict   when
//   likely    canvas read-back (toDataURL/toBlob, getImageData of ≥ 16×16) of a canvas ≥ 16×16 holding
//             text in ≥ 2 colours or of ≥ 10 characters, with no save/restore/addEventListener on it;
//             or ≥ 50 distinct canvas fonts and ≥ 50 measureText calls, or ≥ 50 fonts checked;
//             or WebGL UNMASKED_VENDOR/RENDERER + ≥ 10 distinct navigator/screen properties;
//             or an oscillator rendered offline / analysed (createOscillator with startRendering,
//             createDynamicsCompressor or getFloatFrequencyData)
//             or WebRTC local IP discovery: a peer connection with a data channel and an offer whose
//             ICE candidates are listened to, without media (createDataChannel, createOffer,
//             onicecandidate; no addTrack/addStream);
//             or ≥ 10 navigator/screen properties and ≥ 3 high-entropy APIs (battery, media
//             devices, permissions, client hints, speech voices, time zone)
//   possible  any canvas read-back of a drawn canvas, the unmasked WebGL renderer, ≥ 10 navigator/
//             screen properties, ≥ 20 fonts, ≥ 10 WebGL parameters, an oscillator, a WebRTC offer,
//             the battery, ≥ 2 high-entropy APIs, or ≥ 50 getClientRects calls
//   none      otherwise
//
//   api (event `api`)                              family
//   HTMLCanvasElement.toDataURL / .toBlob           canvas
//   CanvasRenderingContext2D.getImageData           canvas
//   CanvasRenderingContext2D.font / .measureText    canvas-font  (font: count = distinct fonts)
//   WebGLRenderingContext.getParameter (key = name) webgl        (also WebGL2RenderingContext.*)
//   AudioContext.* / OfflineAudioContext.*          audio
//   navigator.<property> / screen.<property>        navigator / screen
//   document.fonts.check                            fonts        (count = distinct fonts)
//   RTCPeerConnection.*                             webrtc
//   navigator.getBattery                            battery
//   navigator.mediaDevices.enumerateDevices         media-devices
//   navigator.permissions.query                     permissions
//   navigator.userAgentData.getHighEntropyValues    client-hints
//   speechSynthesis.getVoices                       speech
//   Intl.DateTimeFormat.resolvedOptions             timezone
//   Element.getClientRects / Range.getClientRects   client-rects
#ifndef TRACKSCOPE_CLASSIFY_FINGERPRINT_H_
#define TRACKSCOPE_CLASSIFY_FINGERPRINT_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trackscope/capture/capture.h"

namespace trackscope {

enum class FingerprintFamily : uint8_t {
  kCanvas, kCanvasFont, kWebGl, kAudio, kNavigator, kScreen, kFonts, kWebRtc, kBattery, kMediaDevices, kPermissions,
  kClientHints, kSpeech, kTimezone, kClientRects, kOther,
};
std::string_view FingerprintFamilyName(FingerprintFamily family);  // "canvas", "canvas-font", "webgl", ...
FingerprintFamily FamilyOfApi(std::string_view api);

enum class FingerprintVerdict : uint8_t { kNone, kPossible, kLikely };
std::string_view FingerprintVerdictName(FingerprintVerdict verdict);  // "none", "possible", "likely"

// One instrumented API as one script used it.
struct FingerprintCall {
  std::string api;   // "HTMLCanvasElement.toDataURL", "navigator.hardwareConcurrency", ...
  std::string key;   // WebGL parameter or extension name, font; may be empty
  int count = 1;     // calls (distinct fonts for the font APIs)
  std::optional<CanvasDrawing> canvas;  // canvas read-backs: the most telling drawing seen
};

struct FingerprintAssessment {
  FingerprintVerdict verdict = FingerprintVerdict::kNone;
  int canvas_reads = 0;          // read-backs of a drawn canvas
  int canvas_fonts = 0;          // distinct fonts set on a 2D context
  int measure_text = 0;          // measureText calls
  int webgl_calls = 0;           // WebGL getParameter/getExtension/... calls
  bool webgl_unmasked = false;   // UNMASKED_VENDOR_WEBGL or UNMASKED_RENDERER_WEBGL read
  int audio_calls = 0;
  int navigator_properties = 0;  // distinct properties read
  int screen_properties = 0;
  int fonts_checked = 0;         // distinct fonts passed to document.fonts.check
  int high_entropy_apis = 0;     // distinct of battery, media devices, permissions, client hints, speech, time zone
  // The techniques the script used far enough to tell something (family names: "canvas",
  // "fonts", "webgl", "audio", "navigator", "screen", "webrtc", "battery", ...), in that order.
  std::vector<std::string> techniques;
  std::vector<FingerprintCall> calls;  // merged by (api, key): the highest running count; sorted
  std::vector<std::string> evidence;   // what decided, then the other signals
};

// Merges one script's calls and judges them (criteria above).
FingerprintAssessment AssessFingerprinting(std::span<const FingerprintCall> calls);

// Whether a canvas read-back meets the canvas-fingerprinting criteria (≥ 16×16, text in ≥ 2
// colours or ≥ 10 characters, not interactive).
bool IsCanvasFingerprint(const CanvasDrawing& drawing);

}  // namespace trackscope

#endif  // TRACKSCOPE_CLASSIFY_FINGERPRINT_H_
