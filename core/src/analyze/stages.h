// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The stages of Analyze() after requests and cookies are grouped and classified. Each stage reads
// the capture and the report built so far and adds its own part of the report.
//
//   stage                     file                  adds
//   AnalyzeStorage            analyze/storage.cc    Report::storage (localStorage/sessionStorage), classified
//   ShareFirstPartyValues     analyze/sharing.cc    cookies' and storage items' shared_with, evidence, purpose
//   (categories of cookies and storage items are assigned here, once purposes are final)
//   AnalyzeBeacons            analyze/beacons.cc    Report::beacons (web beacons, carried ids)
//   BuildItems                analyze/items.cc      Report::items, Report::trackers (ids, who is behind each)
//   AnalyzeFingerprinting     analyze/fingerprint.cc Report::fingerprinting (per script)
//   AnalyzePrivacySignals     analyze/signals.cc    Report::privacy (DNT/GPC sent, read, declared)
//   FindDeclarationIssues     analyze/declarations.cc Report::findings (declared vs observed)
//   FindDataTaken             analyze/data_findings.cc Report::findings (key-logging, personal and sensitive data)
//   JudgeSignals              analyze/signals.cc    PrivacySignals' single-load verdicts
#ifndef TRACKSCOPE_ANALYZE_STAGES_H_
#define TRACKSCOPE_ANALYZE_STAGES_H_

#include <string>
#include <vector>

#include "trackscope/analyze/analyze.h"

namespace trackscope {

void AnalyzeBeacons(const Capture& capture, const AnalyzeOptions& options, const Policy& policy, Report& report);
// Returns the items' last values in full, in report.storage order (the report may hold them redacted).
std::vector<std::string> AnalyzeStorage(const Capture& capture, const AnalyzeOptions& options, Report& report);
void ShareFirstPartyValues(const Capture& capture, const std::vector<std::string>& storage_values, Report& report);
// Report::items and Report::trackers, once every item's verdict is final.
void BuildItems(Report& report);
void AnalyzeFingerprinting(const Capture& capture, const AnalyzeOptions& options, Report& report);
void AnalyzePrivacySignals(const Capture& capture, const AnalyzeOptions& options, const Policy& policy, Report& report);
void FindDeclarationIssues(const Capture& capture, const AnalyzeOptions& options, const Policy& policy, Report& report);
void FindDataTaken(const Capture& capture, Report& report);
// PrivacySignals' single-load verdicts, from the findings (analyze/signals.cc).
void JudgeSignals(Report& report);

}  // namespace trackscope

#endif  // TRACKSCOPE_ANALYZE_STAGES_H_
