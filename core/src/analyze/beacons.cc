// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Web beacons: stage stub, filled in by issue 5 (beacons, storage, fingerprinting).
#include "analyze/stages.h"

namespace trackscope {

void AnalyzeBeacons(const Capture&, const AnalyzeOptions&, const Policy&, Report&) {}
void AnalyzeStorage(const Capture&, const AnalyzeOptions&, const Policy&, Report&) {}
void AnalyzeFingerprinting(const Capture&, const AnalyzeOptions&, Report&) {}

}  // namespace trackscope
