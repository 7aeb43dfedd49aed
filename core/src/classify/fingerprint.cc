// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/classify/fingerprint.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace trackscope {
namespace {

// Thresholds (Blacklight: MIN_CANVAS_IMAGE_WIDTH/HEIGHT, MIN_TEXT_LENGTH, MIN_FONT_LIST_SIZE,
// MIN_TEXT_MEASURE_COUNT).
constexpr int kMinCanvasSide = 16;
constexpr int kMinTextLength = 10;
constexpr int kMinFonts = 50;
constexpr int kMinMeasureText = 50;
constexpr int kManyProperties = 10;
constexpr int kSomeFonts = 20;
constexpr int kManyWebGlParameters = 10;
constexpr int kManyHighEntropyApis = 3;
constexpr int kManyClientRects = 50;

std::string ApiName(std::string_view api) { return std::string(api.substr(api.rfind('.') + 1)); }

std::string Canvas(const CanvasDrawing& d) {
  std::string s = std::to_string(d.width) + "×" + std::to_string(d.height) + " canvas";
  if (d.text_length > 0) {
    s += " holding text (" + std::to_string(d.text_length) + " characters, " + std::to_string(d.colors) +
         (d.colors == 1 ? " colour)" : " colours)");
  } else {
    s += " with " + std::to_string(d.shapes) + " shapes and no text";
  }
  if (d.interactive) s += ", used interactively (save/restore/event listeners)";
  return s;
}

// Up to `max` names, then "...".
std::string NameList(const std::vector<std::string>& names, size_t max = 6) {
  std::string s;
  for (size_t i = 0; i < names.size() && i < max; ++i) s += (i ? ", " : "") + names[i];
  if (names.size() > max) s += ", …";
  return s;
}

// A better read-back to report: a fingerprint beats anything, then more text, then bigger.
bool MoreTelling(const CanvasDrawing& a, const CanvasDrawing& b) {
  if (IsCanvasFingerprint(a) != IsCanvasFingerprint(b)) return IsCanvasFingerprint(a);
  if (a.text_length != b.text_length) return a.text_length > b.text_length;
  return a.width * a.height > b.width * b.height;
}

}  // namespace

std::string_view FingerprintFamilyName(FingerprintFamily family) {
  static constexpr std::array<std::string_view, 16> kNames = {
      "canvas", "canvas-font", "webgl", "audio", "navigator", "screen", "fonts", "webrtc", "battery", "media-devices",
      "permissions", "client-hints", "speech", "timezone", "client-rects", "other"};
  return kNames[static_cast<size_t>(family)];
}

std::string_view FingerprintVerdictName(FingerprintVerdict verdict) {
  static constexpr std::array<std::string_view, 3> kNames = {"none", "possible", "likely"};
  return kNames[static_cast<size_t>(verdict)];
}

FingerprintFamily FamilyOfApi(std::string_view api) {
  using F = FingerprintFamily;
  if (api == "HTMLCanvasElement.toDataURL" || api == "HTMLCanvasElement.toBlob" ||
      api == "CanvasRenderingContext2D.getImageData") {
    return F::kCanvas;
  }
  if (api == "CanvasRenderingContext2D.font" || api == "CanvasRenderingContext2D.measureText") return F::kCanvasFont;
  if (api.starts_with("WebGLRenderingContext.") || api.starts_with("WebGL2RenderingContext.")) return F::kWebGl;
  if (api.starts_with("AudioContext.") || api.starts_with("OfflineAudioContext.") || api.starts_with("AnalyserNode.")) {
    return F::kAudio;
  }
  if (api.starts_with("RTCPeerConnection.")) return F::kWebRtc;
  if (api == "navigator.getBattery") return F::kBattery;
  if (api == "navigator.mediaDevices.enumerateDevices") return F::kMediaDevices;
  if (api == "navigator.permissions.query") return F::kPermissions;
  if (api == "navigator.userAgentData.getHighEntropyValues") return F::kClientHints;
  if (api == "speechSynthesis.getVoices") return F::kSpeech;
  if (api == "Intl.DateTimeFormat.resolvedOptions") return F::kTimezone;
  if (api == "Element.getClientRects" || api == "Range.getClientRects") return F::kClientRects;
  if (api.starts_with("navigator.")) return F::kNavigator;
  if (api.starts_with("screen.")) return F::kScreen;
  if (api == "document.fonts.check") return F::kFonts;
  return F::kOther;
}

bool IsCanvasFingerprint(const CanvasDrawing& d) {
  return d.width >= kMinCanvasSide && d.height >= kMinCanvasSide && d.text_length > 0 &&
         (d.colors >= 2 || d.text_length >= kMinTextLength) && !d.interactive;
}

FingerprintAssessment AssessFingerprinting(std::span<const FingerprintCall> calls) {
  using F = FingerprintFamily;
  FingerprintAssessment a;
  // Merge by (api, key): counts are running totals, so the highest one is the total.
  std::map<std::pair<std::string, std::string>, FingerprintCall> merged;
  for (const FingerprintCall& c : calls) {
    auto [it, inserted] = merged.try_emplace({c.api, c.key}, c);
    if (inserted) continue;
    FingerprintCall& m = it->second;
    m.count = std::max(m.count, c.count);
    if (c.canvas && (!m.canvas || MoreTelling(*c.canvas, *m.canvas))) m.canvas = c.canvas;
  }
  std::optional<CanvasDrawing> best_canvas;
  std::string best_canvas_api;
  std::vector<std::string> properties;
  bool oscillator = false, rendered = false;
  std::string audio_use;
  int webgl_parameters = 0;
  std::vector<std::string> rtc;  // RTCPeerConnection methods used
  bool high_entropy_used[static_cast<size_t>(F::kOther) + 1] = {};
  int client_rects = 0;
  for (auto& [key, c] : merged) {
    const F family = FamilyOfApi(c.api);
    if (family >= F::kBattery && family <= F::kTimezone) high_entropy_used[static_cast<size_t>(family)] = true;
    switch (family) {
      case F::kCanvas:
        a.canvas_reads += c.count;
        if (c.canvas && (!best_canvas || MoreTelling(*c.canvas, *best_canvas))) {
          best_canvas = c.canvas;
          best_canvas_api = c.api;
        }
        break;
      case F::kCanvasFont:
        if (c.api.ends_with(".font")) a.canvas_fonts = std::max(a.canvas_fonts, c.count);
        else a.measure_text += c.count;
        break;
      case F::kWebGl:
        a.webgl_calls += c.count;
        if (c.api.ends_with(".getParameter")) ++webgl_parameters;
        if (c.key == "UNMASKED_RENDERER_WEBGL" || c.key == "UNMASKED_VENDOR_WEBGL") a.webgl_unmasked = true;
        break;
      case F::kAudio: {
        a.audio_calls += c.count;
        const std::string name = ApiName(c.api);
        if (name == "createOscillator") oscillator = true;
        if (name == "startRendering" || name == "createDynamicsCompressor" || name == "getFloatFrequencyData") {
          rendered = true;
          audio_use = c.api;
        }
        break;
      }
      case F::kNavigator:
        ++a.navigator_properties;
        properties.push_back(c.api);
        break;
      case F::kScreen:
        ++a.screen_properties;
        properties.push_back(c.api);
        break;
      case F::kFonts:
        a.fonts_checked = std::max(a.fonts_checked, c.count);
        break;
      case F::kWebRtc:
        rtc.push_back(ApiName(c.api));
        break;
      case F::kClientRects:
        client_rects += c.count;
        break;
      default:
        break;
    }
  }
  std::vector<std::string> high_entropy;  // in family order
  for (size_t f = static_cast<size_t>(F::kBattery); f <= static_cast<size_t>(F::kTimezone); ++f) {
    if (high_entropy_used[f]) high_entropy.emplace_back(FingerprintFamilyName(static_cast<F>(f)));
  }
  a.high_entropy_apis = static_cast<int>(high_entropy.size());
  auto used = [&](std::string_view name) { return std::find(rtc.begin(), rtc.end(), name) != rtc.end(); };
  const bool rtc_probe = used("createDataChannel") && used("createOffer") && used("onicecandidate") && !used("addTrack") && !used("addStream");
  const int property_count = a.navigator_properties + a.screen_properties;

  // Likely: each criterion met adds its evidence.
  std::vector<std::string> likely, possible;
  if (best_canvas) {
    std::string text = best_canvas_api + " read back a " + Canvas(*best_canvas);
    if (IsCanvasFingerprint(*best_canvas)) {
      likely.push_back(text + ": canvas fingerprinting (≥ 16×16, text in ≥ 2 colours or ≥ 10 characters)");
    } else {
      possible.push_back(text);
    }
  }
  if ((a.canvas_fonts >= kMinFonts && a.measure_text >= kMinMeasureText) || a.fonts_checked >= kMinFonts) {
    likely.push_back(a.fonts_checked >= kMinFonts
                         ? "checked " + std::to_string(a.fonts_checked) + " fonts with document.fonts.check: font enumeration"
                         : "set " + std::to_string(a.canvas_fonts) + " canvas fonts and measured text " +
                               std::to_string(a.measure_text) + " times: font enumeration");
  } else if (std::max(a.canvas_fonts, a.fonts_checked) >= kSomeFonts) {
    possible.push_back("tried " + std::to_string(std::max(a.canvas_fonts, a.fonts_checked)) + " fonts");
  }
  const std::string props = std::to_string(property_count) + " navigator/screen properties (" + NameList(properties) + ")";
  if (a.webgl_unmasked && property_count >= kManyProperties) {
    likely.push_back("read the unmasked WebGL renderer (the graphics card) and " + props);
  } else {
    if (a.webgl_unmasked) possible.push_back("read the unmasked WebGL renderer (the graphics card)");
    if (property_count >= kManyProperties) possible.push_back("read " + props);
  }
  if (oscillator && rendered) {
    likely.push_back("created an oscillator and used " + audio_use + ": audio fingerprinting");
  } else if (oscillator) {
    possible.push_back("created an audio oscillator");
  }
  if (!a.webgl_unmasked && webgl_parameters >= kManyWebGlParameters) {
    possible.push_back("read " + std::to_string(webgl_parameters) + " WebGL parameters");
  }
  if (rtc_probe) {
    likely.push_back("opened a WebRTC peer connection with a data channel and an offer, listening for ICE candidates, "
                     "without media: local IP address discovery");
  } else if (used("createOffer")) {
    possible.push_back("created a WebRTC offer (ICE candidates can reveal local IP addresses)");
  }
  const std::string apis = NameList(high_entropy);
  if (a.high_entropy_apis >= kManyHighEntropyApis && property_count >= kManyProperties) {
    likely.push_back("queried " + std::to_string(a.high_entropy_apis) + " high-entropy APIs (" + apis + ") and " + props);
  } else if (a.high_entropy_apis >= 2 || (a.high_entropy_apis == 1 && high_entropy[0] == "battery")) {
    possible.push_back("queried high-entropy APIs (" + apis + ")");
  }
  if (client_rects >= kManyClientRects) {
    possible.push_back("measured element boxes " + std::to_string(client_rects) + " times with getClientRects");
  }
  // The techniques used far enough to tell something about the browser.
  auto technique = [&](bool yes, std::string_view name) {
    if (yes) a.techniques.emplace_back(name);
  };
  technique(best_canvas.has_value(), "canvas");
  technique(std::max(a.canvas_fonts, a.fonts_checked) >= kSomeFonts || a.measure_text >= kMinMeasureText, "fonts");
  technique(a.webgl_unmasked || webgl_parameters >= kManyWebGlParameters, "webgl");
  technique(oscillator, "audio");
  technique(a.navigator_properties >= kManyProperties / 2, "navigator");
  technique(a.screen_properties >= 3, "screen");
  technique(used("createOffer") || used("createDataChannel"), "webrtc");
  for (const std::string& name : high_entropy) a.techniques.push_back(name);
  technique(client_rects >= kManyClientRects, "client-rects");
  a.verdict = !likely.empty() ? FingerprintVerdict::kLikely
            : !possible.empty() ? FingerprintVerdict::kPossible : FingerprintVerdict::kNone;
  a.evidence = std::move(likely);
  a.evidence.insert(a.evidence.end(), possible.begin(), possible.end());
  if (a.verdict == FingerprintVerdict::kNone && !merged.empty()) {
    a.evidence.push_back("used " + std::to_string(merged.size()) + " fingerprinting-related API" +
                         (merged.size() == 1 ? "" : "s") + ", too few to tell");
  }
  for (auto& [key, c] : merged) a.calls.push_back(std::move(c));
  return a;
}

}  // namespace trackscope
