// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Privacy signals and declarations: stage stub, filled in by issue 5 (DNT/GPC, declarations).
#include "analyze/stages.h"

namespace trackscope {

void AnalyzePrivacySignals(const Capture&, const AnalyzeOptions&, const Policy&, Report&) {}
void FindDeclarationIssues(const Capture&, const AnalyzeOptions&, const Policy&, Report&) {}

}  // namespace trackscope
