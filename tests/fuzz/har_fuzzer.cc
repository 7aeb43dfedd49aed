// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// A HAR file: import it whole and again in chunks (the first byte picks the chunk size) — both
// must give the same pages, or the same error; write each capture and read it back (must
// succeed), analyse, and compare the report with itself for both signals.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trackscope/analyze/compare.h"
#include "trackscope/capture/har.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trackscope;
  if (size == 0) return 0;
  const size_t chunk = 1 + data[0] % 64;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  Result<HarImport> whole = ImportHar(text);
  HarReader reader;
  for (size_t i = 0; i < text.size(); i += chunk) {
    if (!reader.Feed(text.substr(i, chunk))) break;
  }
  Result<HarImport> chunked = reader.Finish();
  if (whole.ok() != chunked.ok()) __builtin_trap();
  if (!whole.ok()) {
    if (whole.error().path != chunked.error().path || whole.error().message != chunked.error().message) __builtin_trap();
    return 0;
  }
  if (whole.value().pages.size() != chunked.value().pages.size()) __builtin_trap();
  for (size_t p = 0; p < whole.value().pages.size(); ++p) {
    const Capture& capture = whole.value().pages[p].capture;
    const std::string json = CaptureToJson(capture);
    if (json != CaptureToJson(chunked.value().pages[p].capture)) __builtin_trap();
    // What CaptureToJson writes, ParseCapture must read.
    if (!ParseCapture(json).ok()) __builtin_trap();
    Result<Report> report = Analyze(capture);
    if (!report.ok()) continue;
    (void)ReportToJson(report.value());
    for (Signal s : {Signal::kGpc, Signal::kDnt}) (void)SignalComparisonToJson(CompareSignals(report.value(), report.value(), s));
  }
  return 0;
}
