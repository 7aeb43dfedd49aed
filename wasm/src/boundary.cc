// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "boundary.h"

#include <exception>
#include <optional>
#include <nlohmann/json.hpp>

#include "trackscope/analyze/analyze.h"
#include "trackscope/analyze/compare.h"
#include "trackscope/capture/har.h"
#include "trackscope/policy/policy.h"
#include "trackscope/url/registry.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope::wasm {
namespace {

// Reads `options_json` ("" or {"policy": ...}) into `options`; a custom policy is kept in `custom`.
std::optional<Error> ReadOptions(const std::string& options_json, AnalyzeOptions& options, std::optional<Policy>& custom) {
  if (options_json.empty()) return std::nullopt;
  nlohmann::json o = nlohmann::json::parse(options_json, nullptr, false);
  if (!o.is_object()) return Error{"options", "expected an object"};
  if (auto p = o.find("policy"); p != o.end() && !p->is_null()) {
    if (p->is_string()) {
      options.policy = FindBundledPolicy(p->get<std::string>());
      if (!options.policy) return Error{"options.policy", "no bundled policy \"" + p->get<std::string>() + "\""};
    } else {
      Result<Policy> parsed = Policy::Parse(p->dump());
      if (!parsed.ok()) return Error{"options.policy" + parsed.error().path.substr(1), parsed.error().message};
      custom = std::move(parsed).value();
      options.policy = &*custom;
    }
  }
  if (auto v = o.find("includeValues"); v != o.end() && !v->is_null()) {
    if (!v->is_boolean()) return Error{"options.includeValues", "expected true or false"};
    options.include_values = v->get<bool>();
  }
  return std::nullopt;
}

}  // namespace

std::string ErrorEnvelope(const Error& error) {
  nlohmann::json j{{"ok", false}, {"error", {{"path", error.path}, {"message", error.message}}}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string AnalyzeEnvelope(const std::string& capture_json, const filter::Engine* filters,
                            const std::string& options_json) {
  try {
    Result<Capture> capture = ParseCapture(capture_json);
    if (!capture.ok()) return ErrorEnvelope(capture.error());
    return AnalyzeCaptureEnvelope(capture.value(), filters, options_json);
  } catch (const std::exception& e) {
    return ErrorEnvelope({"", std::string("internal error: ") + e.what()});
  } catch (...) {
    return ErrorEnvelope({"", "internal error"});
  }
}

std::string AnalyzeCaptureEnvelope(const Capture& capture, const filter::Engine* filters, const std::string& options_json) {
  try {
    AnalyzeOptions options;
    options.filters = filters;
    std::optional<Policy> custom;
    if (std::optional<Error> e = ReadOptions(options_json, options, custom)) return ErrorEnvelope(*e);
    Result<Report> report = Analyze(capture, options);
    if (!report.ok()) return ErrorEnvelope(report.error());
    std::string out = "{\"ok\":true,\"report\":";
    AppendReportJson(report.value(), out);
    out += '}';
    return out;
  } catch (const std::exception& e) {
    // The core does not throw by design; allocation failure is what can still land here.
    return ErrorEnvelope({"", std::string("internal error: ") + e.what()});
  } catch (...) {
    return ErrorEnvelope({"", "internal error"});
  }
}

std::string AnalyzeCaptureTo(const Capture& capture, const filter::Engine* filters, const std::string& options_json,
                             const std::function<void(std::string_view)>& write) {
  try {
    AnalyzeOptions options;
    options.filters = filters;
    std::optional<Policy> custom;
    if (std::optional<Error> e = ReadOptions(options_json, options, custom)) return ErrorEnvelope(*e);
    Result<Report> report = Analyze(capture, options);
    if (!report.ok()) return ErrorEnvelope(report.error());
    WriteReportJson(report.value(), write);
    return {};
  } catch (const std::exception& e) {
    return ErrorEnvelope({"", std::string("internal error: ") + e.what()});
  } catch (...) {
    return ErrorEnvelope({"", "internal error"});
  }
}

std::string CompareSignalsEnvelope(const std::string& capture_off_json, const std::string& capture_on_json,
                                   const std::string& signal, const filter::Engine* filters, const std::string& options_json) {
  try {
    std::optional<Signal> which = ParseSignal(signal);
    if (!which) return ErrorEnvelope({"signal", "expected \"gpc\" or \"dnt\", got \"" + signal + "\""});
    AnalyzeOptions options;
    options.filters = filters;
    std::optional<Policy> custom;
    if (std::optional<Error> e = ReadOptions(options_json, options, custom)) return ErrorEnvelope(*e);
    Result<std::string> out = CompareSignalsJson(capture_off_json, capture_on_json, *which, options);
    if (!out.ok()) return ErrorEnvelope(out.error());
    return "{\"ok\":true," + out.value().substr(1);
  } catch (const std::exception& e) {
    return ErrorEnvelope({"", std::string("internal error: ") + e.what()});
  } catch (...) {
    return ErrorEnvelope({"", "internal error"});
  }
}

std::string ValidatePolicy(const std::string& policy_json) {
  Result<Policy> p = Policy::Parse(policy_json);
  if (!p.ok()) return ErrorEnvelope(p.error());
  nlohmann::json categories = nlohmann::json::array();
  for (const PolicyCategory& c : p.value().categories()) categories.push_back({{"id", c.id}, {"label", c.label}});
  nlohmann::json j{{"ok", true}, {"policy", {{"id", p.value().id()}, {"name", p.value().name()}, {"categories", categories}}}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string BundledPoliciesJson() {
  nlohmann::json list = nlohmann::json::array();
  for (const BundledPolicy& b : BundledPolicies()) {
    const Policy* p = FindBundledPolicy(b.id);
    if (p) list.push_back({{"id", p->id()}, {"name", p->name()}, {"description", p->description()}});
  }
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string VersionJson() {
  nlohmann::json j{{"version", Version()},
                    {"publicSuffixList", GetPublicSuffixListInfo().source},
                    {"vendors", GetVendorDataInfo().source}};
  return j.dump();
}

}  // namespace trackscope::wasm
