// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// A HAR file: convert, write the capture and read it back (must succeed), analyse, and compare the
// report with itself for both signals.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trackscope/analyze/compare.h"
#include "trackscope/capture/har.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trackscope;
  Result<Capture> capture = CaptureFromHar(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!capture.ok()) return 0;
  // What CaptureToJson writes, ParseCapture must read.
  if (!ParseCapture(CaptureToJson(capture.value())).ok()) __builtin_trap();
  Result<Report> report = Analyze(capture.value());
  if (!report.ok()) return 0;
  (void)ReportToJson(report.value());
  for (Signal s : {Signal::kGpc, Signal::kDnt}) (void)SignalComparisonToJson(CompareSignals(report.value(), report.value(), s));
  return 0;
}
