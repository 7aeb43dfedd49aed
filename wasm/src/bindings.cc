// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Embind declarations only; the logic lives in boundary.cc and filter_box.cc.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <cstdint>
#include <string>

#include "boundary.h"
#include "filter_box.h"
#include "har_box.h"

namespace {

using trackscope::wasm::FilterEngineBox;
using trackscope::wasm::HarImportBox;

uintptr_t HarScratch(HarImportBox& box, size_t size) { return reinterpret_cast<uintptr_t>(box.Scratch(size)); }
// `write` is a JS function receiving the report's text piece by piece.
std::string HarAnalyze(HarImportBox& box, size_t page, const std::string& options_json, emscripten::val write) {
  return box.Analyze(page, options_json, nullptr, [&](std::string_view piece) { write(std::string(piece)); });
}
std::string HarAnalyzeWithFilters(HarImportBox& box, size_t page, const std::string& options_json, const FilterEngineBox& filters,
                                  emscripten::val write) {
  return box.Analyze(page, options_json, filters.engine(), [&](std::string_view piece) { write(std::string(piece)); });
}

// Typed-array views into the WASM heap: valid until the heap grows; JS copies them at once.
emscripten::val PrepareLoadView(FilterEngineBox& box, size_t size) {
  return emscripten::val(emscripten::typed_memory_view(size, box.PrepareLoad(size)));
}
emscripten::val SerializedView(const FilterEngineBox& box) {
  return emscripten::val(emscripten::typed_memory_view(box.SerializedSize(), box.SerializedData()));
}

uintptr_t UrlScratch(FilterEngineBox& box, size_t size) { return reinterpret_cast<uintptr_t>(box.UrlScratch(size)); }
uintptr_t FrameScratch(FilterEngineBox& box, size_t size) { return reinterpret_cast<uintptr_t>(box.FrameScratch(size)); }
uintptr_t Address(FilterEngineBox& box) { return reinterpret_cast<uintptr_t>(&box); }
int MatchStrings(FilterEngineBox& box, const std::string& url, const std::string& frame, int type) {
  return box.Match(url, frame, type);
}

std::string Analyze(const std::string& capture_json, const std::string& options_json) {
  return trackscope::wasm::AnalyzeEnvelope(capture_json, nullptr, options_json);
}
std::string AnalyzeWithFilters(const std::string& capture_json, const std::string& options_json, const FilterEngineBox& box) {
  return trackscope::wasm::AnalyzeEnvelope(capture_json, box.engine(), options_json);
}
std::string CompareSignals(const std::string& off, const std::string& on, const std::string& signal, const std::string& options_json) {
  return trackscope::wasm::CompareSignalsEnvelope(off, on, signal, nullptr, options_json);
}
std::string CompareSignalsWithFilters(const std::string& off, const std::string& on, const std::string& signal,
                                      const std::string& options_json, const FilterEngineBox& box) {
  return trackscope::wasm::CompareSignalsEnvelope(off, on, signal, box.engine(), options_json);
}

std::string CompareConsent(const std::string& none, const std::string& reject, const std::string& accept,
                           const std::string& notes_json, const std::string& options_json) {
  return trackscope::wasm::CompareConsentEnvelope(none, reject, accept, notes_json, nullptr, options_json);
}
std::string CompareConsentWithFilters(const std::string& none, const std::string& reject, const std::string& accept,
                                      const std::string& notes_json, const std::string& options_json, const FilterEngineBox& box) {
  return trackscope::wasm::CompareConsentEnvelope(none, reject, accept, notes_json, box.engine(), options_json);
}

}  // namespace

// The per-request hot path, called directly as a wasm export (no embind marshalling): the strings
// are already in the box's scratch buffers.
extern "C" EMSCRIPTEN_KEEPALIVE int trackscope_filter_match(uintptr_t box, uint32_t url_length, uint32_t frame_length,
                                                            int type) {
  return reinterpret_cast<FilterEngineBox*>(box)->MatchScratch(url_length, frame_length, type);
}

EMSCRIPTEN_BINDINGS(trackscope) {
  emscripten::function("analyze", &Analyze);
  emscripten::function("analyzeWithFilters", &AnalyzeWithFilters);
  emscripten::function("compareSignals", &CompareSignals);
  emscripten::function("compareSignalsWithFilters", &CompareSignalsWithFilters);
  emscripten::function("compareConsent", &CompareConsent);
  emscripten::function("compareConsentWithFilters", &CompareConsentWithFilters);
  emscripten::function("loadPolicy", &trackscope::wasm::LoadPolicyEnvelope);
  emscripten::function("releasePolicy", &trackscope::wasm::ReleasePolicy);
  emscripten::function("bundledPolicyDocument", &trackscope::wasm::BundledPolicyDocument);
  emscripten::function("version", &trackscope::wasm::VersionJson);
  emscripten::function("siteOf", &trackscope::wasm::SiteOfHost);
  emscripten::function("cmpDocumentOf", &trackscope::wasm::CmpDocumentName);
  emscripten::function("cmpDocumentToFetch", &trackscope::wasm::CmpDocumentToFetchUrl);
  emscripten::function("cmpDeclaration", &trackscope::wasm::CmpDeclarationEnvelope);
  emscripten::function("bundledPolicies", &trackscope::wasm::BundledPoliciesJson);
  emscripten::class_<FilterEngineBox>("FilterEngineBox")
      .constructor<>()
      .function("addList", &FilterEngineBox::AddList)
      .function("build", &FilterEngineBox::Build)
      .function("prepareLoad", &PrepareLoadView)
      .function("finishLoad", &FilterEngineBox::FinishLoad)
      .function("match", &MatchStrings)
      .function("urlScratch", &UrlScratch)
      .function("frameScratch", &FrameScratch)
      .function("address", &Address)
      .function("lastMatchJson", &FilterEngineBox::LastMatchJson)
      .function("serializedView", &SerializedView);
  emscripten::class_<HarImportBox>("HarImportBox")
      .constructor<>()
      .function("scratch", &HarScratch)
      .function("feed", &HarImportBox::Feed)
      .function("finish", &HarImportBox::Finish)
      .function("analyze", &HarAnalyze)
      .function("analyzeWithFilters", &HarAnalyzeWithFilters)
      .function("captureJson", &HarImportBox::CaptureJson)
      .function("release", &HarImportBox::Release);
}
