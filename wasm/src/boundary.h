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

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "trackscope/capture/capture.h"
#include "trackscope/filter/engine.h"

namespace trackscope::wasm {

// `filters` may be null: the report then carries no filter verdicts. `options_json`: "" or
// {"policy": "<bundled id>" | {policy document}, "policyHandle": n (LoadPolicyEnvelope),
// "includeValues": bool}; a bad option is an error with path "options.policy..." /
// "options.includeValues".
std::string AnalyzeEnvelope(const std::string& capture_json, const filter::Engine* filters = nullptr,
                            const std::string& options_json = "");

// The same for a Capture already in memory.
std::string AnalyzeCaptureEnvelope(const Capture& capture, const filter::Engine* filters, const std::string& options_json);
// The report JSON (not in an envelope) handed to `write` in pieces; returns "" when it was
// written, else the error envelope.
std::string AnalyzeCaptureTo(const Capture& capture, const filter::Engine* filters, const std::string& options_json,
                             const std::function<void(std::string_view)>& write);

// {"ok":false,"error":{"path","message"}}
std::string ErrorEnvelope(const Error& error);

// The DNT/GPC comparison (trackscope/analyze/compare.h) of two captures of one page, without and
// with the signal. `signal`: "gpc" or "dnt"; `options_json` as for AnalyzeEnvelope.
//   -> {"ok":true,"comparison":{...},"off":{report},"on":{report}}
//   -> {"ok":false,"error":{"path":"on: $.page.url","message":"required field is missing"}}
std::string CompareSignalsEnvelope(const std::string& capture_off_json, const std::string& capture_on_json,
                                   const std::string& signal, const filter::Engine* filters = nullptr,
                                   const std::string& options_json = "");

// The consent phases (trackscope/analyze/compare.h, CompareConsent) of a page: the capture before
// any answer, and those after "reject all" / "accept all" ("" when absent). `notes_json`: "" or
// {"cmp": "OneTrust", "unmeasured": {"reject": "no consent banner recognised"}}.
//   -> {"ok":true,"comparison":{...},"none":{report},"reject":{report}|null,"accept":...}
std::string CompareConsentEnvelope(const std::string& none_json, const std::string& reject_json, const std::string& accept_json,
                                   const std::string& notes_json, const filter::Engine* filters = nullptr,
                                   const std::string& options_json = "");

// Loads a policy once for many analyses: `policy` a bundled id or a policy document, with a site's
// declaration merged in when `declaration_json` is not empty (Policy::WithDeclaration).
//   -> {"ok":true,"handle":1,"policy":{"id","name","description","bundled","categories":[{"id",
//       "label","description"}],"roles":{"advertising":"marketing",...},"signals":{"dnt","gpc"},
//       "declared":true}}
//   -> {"ok":false,"error":{"path":"declaration: $.categories.ads","message":"no category ..."}}
// The handle stays valid until ReleasePolicy(handle).
std::string LoadPolicyEnvelope(const std::string& policy, const std::string& declaration_json);
void ReleasePolicy(uint32_t handle);
// The document of a bundled policy (as compiled in), or "" for an unknown id.
std::string BundledPolicyDocument(const std::string& id);

// [{"id","name","description"}] of the bundled policies.
std::string BundledPoliciesJson();

// {"version":"0.1.0","publicSuffixList":"publicsuffix 20230209.2326-1"}
std::string VersionJson();

// The site (registrable domain, url/registry.h SiteOf) of a host: "www.shop.example.co.uk" ->
// "shop.example.co.uk"; the host itself when it has none (an IP address, "localhost").
std::string SiteOfHost(const std::string& host);

// Which consent manager's cookie declaration `url` serves (policy/consent_manager.h
// CmpDocumentOf): "Cookiebot", "OneTrust", "Usercentrics", "CookieYes", "Complianz", or "" for none.
std::string CmpDocumentName(const std::string& url);

// The declaration to fetch for a page that loaded `url` (CmpDocumentToFetch): Complianz's REST
// document for its banner script, or "" for none.
std::string CmpDocumentToFetchUrl(const std::string& url);

// The declaration a consent manager publishes, converted into `policy`'s categories (a bundled id or
// a policy document): `documents_json` [{url, body}], `page_url` the audited page.
//   -> {"ok":true,"cmp":"Cookiebot","urls":[...],"entries":23,"notes":[{path,message}],
//       "declaration":{"source":..., "consent":"opt-in","categories":{...}}}   (a policy file's declaration)
//   -> {"ok":false,"error":{"path":"cmp","message":"https://…/cc.js: no Cookiebot cookie table …"}}
std::string CmpDeclarationEnvelope(const std::string& documents_json, const std::string& page_url, const std::string& policy);

}  // namespace trackscope::wasm

#endif  // TRACKSCOPE_WASM_BOUNDARY_H_
