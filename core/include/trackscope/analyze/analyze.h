// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The core's entry point: Capture in, Report out. Pure: no I/O, no clock, no global state.
//
//   Result<Capture> capture = ParseCapture(json_text);
//   if (!capture.ok()) return capture.error();
//   Result<Report> report = Analyze(capture.value());
//   if (report.ok()) std::string json = ReportToJson(report.value());
//
// Analyze fails only when the page URL itself is unusable (not an absolute http(s) URL with a
// host); individual requests or cookies that cannot be analysed are skipped with a diagnostic.
#ifndef TRACKSCOPE_ANALYZE_ANALYZE_H_
#define TRACKSCOPE_ANALYZE_ANALYZE_H_

#include <string_view>

#include "trackscope/base/result.h"
#include "trackscope/capture/capture.h"
#include "trackscope/filter/engine.h"
#include "trackscope/policy/policy.h"
#include "trackscope/report/report.h"

namespace trackscope {

struct AnalyzeOptions {
  // When set, every network request is matched against the filter lists and its verdict, with
  // the deciding rule, is reported. The engine must outlive the call.
  const filter::Engine* filters = nullptr;
  // The policy whose categories the report uses; null = the bundled default policy.
  const Policy* policy = nullptr;
  // Values of identifiers that beacons carry and of identifier-like storage items are reported as
  // "•••• (32 chars)" unless this is set (a report is often shared; the ids are the visitor's).
  bool include_values = false;
};

Result<Report> Analyze(const Capture& capture, const AnalyzeOptions& options = {});

// Parse + Analyze + serialise, for bindings: returns the report JSON or the first error.
Result<std::string> AnalyzeJson(std::string_view capture_json, const AnalyzeOptions& options = {});

// "0.1.0" — the library version, also written into every report.
std::string_view Version();

}  // namespace trackscope

#endif  // TRACKSCOPE_ANALYZE_ANALYZE_H_
