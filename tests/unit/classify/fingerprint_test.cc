// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Fingerprinting verdicts: Blacklight's canvas criteria, fonts, WebGL + properties, audio.
#include "trackscope/classify/fingerprint.h"

#include <catch2/catch_test_macros.hpp>
#include <string>
#include <vector>

namespace trackscope {
namespace {

FingerprintCall Call(std::string api, int count = 1, std::string key = "") { return {std::move(api), std::move(key), count, {}}; }

FingerprintCall CanvasRead(std::string api, CanvasDrawing d) {
  FingerprintCall c = Call(std::move(api));
  c.canvas = d;
  return c;
}

std::vector<FingerprintCall> Properties(int n) {
  static const char* kProps[] = {"navigator.platform", "navigator.hardwareConcurrency", "navigator.deviceMemory",
                                 "navigator.languages", "navigator.plugins", "navigator.mimeTypes",
                                 "navigator.userAgent", "navigator.vendor", "screen.colorDepth", "screen.width",
                                 "screen.height", "screen.availWidth"};
  std::vector<FingerprintCall> calls;
  for (int i = 0; i < n; ++i) calls.push_back(Call(kProps[i]));
  return calls;
}

TEST_CASE("IsCanvasFingerprint: Englehardt & Narayanan's criteria", "[fingerprint]") {
  struct Case {
    CanvasDrawing drawing;
    bool fingerprint;
  };
  const Case kCases[] = {
      {{280, 60, 29, 3, 1, false}, true},   // BrowserLeaks-style: text in 3 colours
      {{280, 60, 12, 1, 0, false}, true},   // ≥ 10 characters, one colour
      {{280, 60, 5, 2, 0, false}, true},    // short text, 2 colours
      {{280, 60, 5, 1, 0, false}, false},   // short text, one colour
      {{15, 60, 29, 3, 1, false}, false},   // too narrow
      {{280, 15, 29, 3, 1, false}, false},  // too flat
      {{280, 60, 0, 2, 4, false}, false},   // shapes, no text
      {{280, 60, 29, 3, 1, true}, false},   // save/restore/listeners: a drawing app
  };
  for (const Case& c : kCases) {
    CAPTURE(c.drawing.width, c.drawing.height, c.drawing.text_length, c.drawing.colors, c.drawing.interactive);
    CHECK(IsCanvasFingerprint(c.drawing) == c.fingerprint);
  }
}

TEST_CASE("AssessFingerprinting: verdicts", "[fingerprint]") {
  using enum FingerprintVerdict;
  struct Case {
    std::string_view name;
    std::vector<FingerprintCall> calls;
    FingerprintVerdict verdict;
    std::string_view evidence;  // a piece of the first evidence text
  };
  std::vector<FingerprintCall> webgl_and_props = Properties(10);
  webgl_and_props.push_back(Call("WebGLRenderingContext.getParameter", 1, "UNMASKED_RENDERER_WEBGL"));
  std::vector<FingerprintCall> webgl_few_props = Properties(3);
  webgl_few_props.push_back(Call("WebGLRenderingContext.getParameter", 1, "UNMASKED_VENDOR_WEBGL"));
  std::vector<FingerprintCall> webgl_params;
  for (int i = 0; i < 10; ++i) webgl_params.push_back(Call("WebGLRenderingContext.getParameter", 1, "P" + std::to_string(i)));
  const Case kCases[] = {
      {"canvas text read back", {CanvasRead("HTMLCanvasElement.toDataURL", {280, 60, 29, 3, 1, false})}, kLikely,
       "canvas fingerprinting"},
      {"canvas getImageData", {CanvasRead("CanvasRenderingContext2D.getImageData", {16, 16, 12, 1, 0, false})}, kLikely,
       "getImageData read back a 16×16 canvas"},
      {"small canvas", {CanvasRead("HTMLCanvasElement.toDataURL", {10, 10, 29, 3, 0, false})}, kPossible, "10×10"},
      {"drawing app", {CanvasRead("HTMLCanvasElement.toBlob", {800, 600, 20, 5, 9, true})}, kPossible, "interactively"},
      {"unmasked WebGL + 10 properties", webgl_and_props, kLikely, "unmasked WebGL renderer"},
      {"unmasked WebGL alone", webgl_few_props, kPossible, "unmasked WebGL renderer"},
      {"12 properties", Properties(12), kPossible, "12 navigator/screen properties"},
      {"2 properties", Properties(2), kNone, "too few to tell"},
      {"10 WebGL parameters", webgl_params, kPossible, "10 WebGL parameters"},
      {"offline audio", {Call("OfflineAudioContext.createOscillator"), Call("OfflineAudioContext.createDynamicsCompressor"),
                         Call("OfflineAudioContext.startRendering")}, kLikely, "audio fingerprinting"},
      {"oscillator only", {Call("AudioContext.createOscillator")}, kPossible, "oscillator"},
      {"font enumeration", {Call("CanvasRenderingContext2D.font", 60), Call("CanvasRenderingContext2D.measureText", 120)},
       kLikely, "60 canvas fonts"},
      {"fonts.check", {Call("document.fonts.check", 55)}, kLikely, "55 fonts"},
      {"some fonts", {Call("CanvasRenderingContext2D.font", 25)}, kPossible, "25 fonts"},
      {"nothing", {}, kNone, ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.name);
    const FingerprintAssessment a = AssessFingerprinting(c.calls);
    CHECK(a.verdict == c.verdict);
    if (c.evidence.empty()) {
      CHECK(a.evidence.empty());
    } else {
      REQUIRE_FALSE(a.evidence.empty());
      CHECK(a.evidence[0].find(c.evidence) != std::string::npos);
    }
  }
}

TEST_CASE("AssessFingerprinting: running counts merge to their maximum, per family", "[fingerprint]") {
  const std::vector<FingerprintCall> calls = {
      Call("navigator.platform", 1),
      Call("navigator.platform", 3),
      Call("navigator.platform", 2),
      Call("screen.width", 1),
      Call("WebGLRenderingContext.getParameter", 2, "UNMASKED_RENDERER_WEBGL"),
      Call("WebGLRenderingContext.getParameter", 5, "VERSION"),
      Call("CanvasRenderingContext2D.measureText", 40),
  };
  const FingerprintAssessment a = AssessFingerprinting(calls);
  CHECK(a.navigator_properties == 1);
  CHECK(a.screen_properties == 1);
  CHECK(a.webgl_calls == 7);
  CHECK(a.webgl_unmasked);
  CHECK(a.measure_text == 40);
  REQUIRE(a.calls.size() == 5);
  for (const FingerprintCall& c : a.calls) {
    if (c.api == "navigator.platform") CHECK(c.count == 3);
  }
}

TEST_CASE("FamilyOfApi", "[fingerprint]") {
  using enum FingerprintFamily;
  struct Case {
    std::string_view api;
    FingerprintFamily family;
  };
  const Case kCases[] = {
      {"HTMLCanvasElement.toDataURL", kCanvas}, {"CanvasRenderingContext2D.getImageData", kCanvas},
      {"CanvasRenderingContext2D.font", kCanvasFont}, {"WebGL2RenderingContext.getParameter", kWebGl},
      {"OfflineAudioContext.startRendering", kAudio}, {"navigator.deviceMemory", kNavigator},
      {"screen.colorDepth", kScreen}, {"document.fonts.check", kFonts}, {"document.cookie", kOther},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.api);
    CHECK(FamilyOfApi(c.api) == c.family);
  }
}

}  // namespace
}  // namespace trackscope

namespace trackscope {
namespace {

TEST_CASE("AssessFingerprinting: WebRTC, high-entropy APIs and client rects", "[fingerprint]") {
  struct Case {
    std::vector<FingerprintCall> calls;
    FingerprintVerdict verdict;
    std::vector<std::string> techniques;
  };
  auto with = [](std::vector<FingerprintCall> a, const std::vector<FingerprintCall>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  using enum FingerprintVerdict;
  const std::vector<FingerprintCall> probe = {Call("RTCPeerConnection.createDataChannel"), Call("RTCPeerConnection.createOffer"),
                                              Call("RTCPeerConnection.onicecandidate")};
  const Case kCases[] = {
      // OpenWPM's webrtc_localip.html: a data channel, an offer, candidates listened to.
      {probe, kLikely, {"webrtc"}},
      // A video call adds media: not a probe.
      {with(probe, {Call("RTCPeerConnection.addTrack")}), kPossible, {"webrtc"}},
      {{Call("navigator.getBattery")}, kPossible, {"battery"}},
      {{Call("navigator.permissions.query", 1, "notifications")}, kNone, {"permissions"}},
      {{Call("Intl.DateTimeFormat.resolvedOptions"), Call("speechSynthesis.getVoices")}, kPossible, {"speech", "timezone"}},
      // FingerprintJS-style: many properties and several high-entropy APIs.
      {with(Properties(10), {Call("navigator.getBattery"), Call("navigator.mediaDevices.enumerateDevices"),
                             Call("navigator.userAgentData.getHighEntropyValues", 1, "architecture,model")}),
       kLikely, {"navigator", "battery", "media-devices", "client-hints"}},
      {{Call("Element.getClientRects", 49)}, kNone, {}},
      {{Call("Element.getClientRects", 40), Call("Range.getClientRects", 20)}, kPossible, {"client-rects"}},
  };
  for (const Case& c : kCases) {
    const FingerprintAssessment a = AssessFingerprinting(c.calls);
    std::string evidence;
    for (const std::string& e : a.evidence) evidence += e + "; ";
    CAPTURE(evidence);
    CHECK(a.verdict == c.verdict);
    CHECK(a.techniques == c.techniques);
  }
  CHECK(FamilyOfApi("navigator.getBattery") == FingerprintFamily::kBattery);
  CHECK(FamilyOfApi("navigator.hardwareConcurrency") == FingerprintFamily::kNavigator);
  CHECK(FamilyOfApi("RTCPeerConnection.createOffer") == FingerprintFamily::kWebRtc);
  CHECK(FingerprintFamilyName(FingerprintFamily::kClientHints) == "client-hints");
}

}  // namespace
}  // namespace trackscope
