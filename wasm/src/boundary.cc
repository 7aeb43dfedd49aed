// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "boundary.h"

#include <exception>
#include <nlohmann/json.hpp>

#include "trackscope/analyze/analyze.h"
#include "trackscope/url/registry.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope::wasm {
namespace {

std::string ErrorEnvelope(const Error& error) {
  nlohmann::json j{{"ok", false}, {"error", {{"path", error.path}, {"message", error.message}}}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string AnalyzeEnvelope(const std::string& capture_json, const filter::Engine* filters) {
  try {
    AnalyzeOptions options;
    options.filters = filters;
    Result<std::string> report = AnalyzeJson(capture_json, options);
    if (!report.ok()) return ErrorEnvelope(report.error());
    return "{\"ok\":true,\"report\":" + report.value() + "}";
  } catch (const std::exception& e) {
    // The core does not throw by design; allocation failure is what can still land here.
    return ErrorEnvelope({"", std::string("internal error: ") + e.what()});
  } catch (...) {
    return ErrorEnvelope({"", "internal error"});
  }
}

std::string VersionJson() {
  nlohmann::json j{{"version", Version()},
                    {"publicSuffixList", GetPublicSuffixListInfo().source},
                    {"vendors", GetVendorDataInfo().source}};
  return j.dump();
}

}  // namespace trackscope::wasm
