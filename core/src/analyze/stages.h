// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The stages of Analyze() after requests and cookies are grouped and classified. Each stage reads
// the capture and the report built so far and adds its own part of the report.
//
//   stage                     file                  adds
//   AnalyzeBeacons            analyze/beacons.cc    Report::beacons (web beacons, carried ids)
//   AnalyzeStorage            analyze/storage.cc    Report::storage (localStorage/sessionStorage)
//   AnalyzeFingerprinting     analyze/fingerprint.cc Report::fingerprinting (per script)
//   AnalyzePrivacySignals     analyze/signals.cc    Report::privacy (DNT/GPC sent, read, declared)
//   FindDeclarationIssues     analyze/declarations.cc Report::findings (declared vs observed)
#ifndef TRACKSCOPE_ANALYZE_STAGES_H_
#define TRACKSCOPE_ANALYZE_STAGES_H_

#include "trackscope/analyze/analyze.h"

namespace trackscope {

void AnalyzeBeacons(const Capture& capture, const AnalyzeOptions& options, const Policy& policy, Report& report);
void AnalyzeStorage(const Capture& capture, const AnalyzeOptions& options, const Policy& policy, Report& report);
void AnalyzeFingerprinting(const Capture& capture, const AnalyzeOptions& options, Report& report);
void AnalyzePrivacySignals(const Capture& capture, const AnalyzeOptions& options, const Policy& policy, Report& report);
void FindDeclarationIssues(const Capture& capture, const AnalyzeOptions& options, const Policy& policy, Report& report);

}  // namespace trackscope

#endif  // TRACKSCOPE_ANALYZE_STAGES_H_
