// The `visit` object of Capture and Report JSON (CAPTURE.md, "visit"): one writer for both.
#ifndef TRACKSCOPE_CAPTURE_VISIT_JSON_H_
#define TRACKSCOPE_CAPTURE_VISIT_JSON_H_

#include <nlohmann/json.hpp>

#include "trackscope/capture/capture.h"

namespace trackscope {

// {"pointerMoves": 20, "scrolls": 3, "dwellMs": 3012, "automationHidden": true, "userAgent": "..."}
nlohmann::ordered_json VisitJson(const VisitorSimulation& visit);

}  // namespace trackscope

#endif  // TRACKSCOPE_CAPTURE_VISIT_JSON_H_
