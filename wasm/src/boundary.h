// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The WASM boundary: string in, JSON envelope out, nothing thrown across. Kept separate from the
// EMSCRIPTEN_BINDINGS so that it builds and is tested natively too.
//
//   AnalyzeEnvelope("{...capture...}")
//     -> {"ok":true,"report":{...}}
//     -> {"ok":false,"error":{"path":"$.requests[3].url","message":"required field is missing"}}
#ifndef TRACKSCOPE_WASM_BOUNDARY_H_
#define TRACKSCOPE_WASM_BOUNDARY_H_

#include <string>

#include "trackscope/filter/engine.h"

namespace trackscope::wasm {

// `filters` may be null: the report then carries no filter verdicts. `options_json`: "" or
// {"policy": "<bundled id>" | {policy document}}; a bad option is an error with path
// "options.policy..." .
std::string AnalyzeEnvelope(const std::string& capture_json, const filter::Engine* filters = nullptr,
                            const std::string& options_json = "");

// {"ok":true,"policy":{"id","name","categories":[...]}} or {"ok":false,"error":{...}}.
std::string ValidatePolicy(const std::string& policy_json);

// [{"id","name","description"}] of the bundled policies.
std::string BundledPoliciesJson();

// {"version":"0.1.0","publicSuffixList":"publicsuffix 20230209.2326-1"}
std::string VersionJson();

}  // namespace trackscope::wasm

#endif  // TRACKSCOPE_WASM_BOUNDARY_H_
