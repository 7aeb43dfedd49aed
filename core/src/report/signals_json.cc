// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "report/sections.h"

namespace trackscope {

void WriteSignalSections(const Report&, ReportJson&) {}

}  // namespace trackscope
