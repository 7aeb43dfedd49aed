// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// JSON writers for the report's later sections, each next to the stage that fills it; called by
// ReportToJson (report_json.cc). nlohmann::json stays inside the (de)serialisation units.
#ifndef TRACKSCOPE_REPORT_SECTIONS_H_
#define TRACKSCOPE_REPORT_SECTIONS_H_

#include <nlohmann/json.hpp>

#include "trackscope/report/report.h"

namespace trackscope {

using ReportJson = nlohmann::ordered_json;

// Each adds its keys to the top-level report object `doc`.
void WriteBeaconSections(const Report& report, ReportJson& doc);  // "beacons", "storage", "fingerprinting"
void WriteSignalSections(const Report& report, ReportJson& doc);  // "privacy", "findings"

}  // namespace trackscope

#endif  // TRACKSCOPE_REPORT_SECTIONS_H_
