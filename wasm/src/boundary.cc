// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "boundary.h"

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "trackscope/analyze/analyze.h"
#include "trackscope/analyze/compare.h"
#include "trackscope/capture/har.h"
#include "trackscope/policy/consent_manager.h"
#include "trackscope/policy/policy.h"
#include "trackscope/url/registry.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope::wasm {
namespace {

// Policies loaded with LoadPolicyEnvelope, by handle: parsed (and merged with a declaration) once,
// used by every analysis that names the handle, until released.
std::unordered_map<uint32_t, std::unique_ptr<Policy>>& LoadedPolicies() {
  static auto* loaded = new std::unordered_map<uint32_t, std::unique_ptr<Policy>>();
  return *loaded;
}

// Reads `options_json` ("" or {"policy": ..., "policyHandle": n, "includeValues": b}) into
// `options`; a custom policy is kept in `custom`.
std::optional<Error> ReadOptions(const std::string& options_json, AnalyzeOptions& options, std::optional<Policy>& custom) {
  if (options_json.empty()) return std::nullopt;
  nlohmann::json o = nlohmann::json::parse(options_json, nullptr, false);
  if (!o.is_object()) return Error{"options", "expected an object"};
  if (auto h = o.find("policyHandle"); h != o.end() && !h->is_null()) {
    auto it = h->is_number_unsigned() ? LoadedPolicies().find(h->get<uint32_t>()) : LoadedPolicies().end();
    if (it == LoadedPolicies().end()) return Error{"options.policy", "not a loaded policy (was it disposed?)"};
    options.policy = it->second.get();
  }
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

namespace {

// Runs `body`; an exception (allocation failure: the core does not throw by design) becomes the
// error envelope.
template <typename Body>
std::string Guarded(Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return ErrorEnvelope({"", std::string("internal error: ") + e.what()});
  } catch (...) {
    return ErrorEnvelope({"", "internal error"});
  }
}

// The options of one call: the filter engine and what `options_json` says; a custom policy lives
// here for the call.
struct CallOptions {
  AnalyzeOptions analyze;
  std::optional<Policy> custom;
  CallOptions(const filter::Engine* filters) { analyze.filters = filters; }
  CallOptions(const CallOptions&) = delete;
};

// A comparison's JSON "{...}" as the envelope "{"ok":true,...}", or the error envelope.
std::string OkEnvelope(const Result<std::string>& out) {
  if (!out.ok()) return ErrorEnvelope(out.error());
  return "{\"ok\":true," + out.value().substr(1);
}

// {"cmp": ..., "unmeasured": {"reject": ..., "accept": ...}} of CompareConsentEnvelope.
std::optional<Error> ReadConsentNotes(const std::string& notes_json, ConsentPhases& notes) {
  if (notes_json.empty()) return std::nullopt;
  nlohmann::json n = nlohmann::json::parse(notes_json, nullptr, false);
  if (!n.is_object()) return Error{"notes", "expected an object"};
  if (auto cmp = n.find("cmp"); cmp != n.end() && cmp->is_string()) notes.cmp = cmp->get<std::string>();
  if (auto u = n.find("unmeasured"); u != n.end() && u->is_object()) {
    for (ConsentPhase phase : {kConsentReject, kConsentAccept}) {
      auto reason = u->find(std::string(ConsentPhaseName(phase)));
      if (reason != u->end() && reason->is_string()) notes.unmeasured[phase] = reason->get<std::string>();
    }
  }
  return std::nullopt;
}

}  // namespace

std::string AnalyzeEnvelope(const std::string& capture_json, const filter::Engine* filters,
                            const std::string& options_json) {
  return Guarded([&] {
    Result<Capture> capture = ParseCapture(capture_json);
    if (!capture.ok()) return ErrorEnvelope(capture.error());
    return AnalyzeCaptureEnvelope(capture.value(), filters, options_json);
  });
}

std::string AnalyzeCaptureEnvelope(const Capture& capture, const filter::Engine* filters, const std::string& options_json) {
  std::string out = "{\"ok\":true,\"report\":";
  std::string error = AnalyzeCaptureTo(capture, filters, options_json, [&](std::string_view piece) { out += piece; });
  if (!error.empty()) return error;
  out += '}';
  return out;
}

std::string AnalyzeCaptureTo(const Capture& capture, const filter::Engine* filters, const std::string& options_json,
                             const std::function<void(std::string_view)>& write) {
  return Guarded([&] {
    CallOptions options(filters);
    if (std::optional<Error> e = ReadOptions(options_json, options.analyze, options.custom)) return ErrorEnvelope(*e);
    Result<Report> report = Analyze(capture, options.analyze);
    if (!report.ok()) return ErrorEnvelope(report.error());
    WriteReportJson(report.value(), write);
    return std::string();
  });
}

std::string CompareSignalsEnvelope(const std::string& capture_off_json, const std::string& capture_on_json,
                                   const std::string& signal, const filter::Engine* filters, const std::string& options_json) {
  return Guarded([&] {
    std::optional<Signal> which = ParseSignal(signal);
    if (!which) return ErrorEnvelope({"signal", "expected \"gpc\" or \"dnt\", got \"" + signal + "\""});
    CallOptions options(filters);
    if (std::optional<Error> e = ReadOptions(options_json, options.analyze, options.custom)) return ErrorEnvelope(*e);
    return OkEnvelope(CompareSignalsJson(capture_off_json, capture_on_json, *which, options.analyze));
  });
}

std::string CompareConsentEnvelope(const std::string& none_json, const std::string& reject_json, const std::string& accept_json,
                                   const std::string& notes_json, const filter::Engine* filters, const std::string& options_json) {
  return Guarded([&] {
    ConsentPhases notes;
    if (std::optional<Error> e = ReadConsentNotes(notes_json, notes)) return ErrorEnvelope(*e);
    CallOptions options(filters);
    if (std::optional<Error> e = ReadOptions(options_json, options.analyze, options.custom)) return ErrorEnvelope(*e);
    return OkEnvelope(CompareConsentJson(none_json, reject_json, accept_json, notes, options.analyze));
  });
}

static std::string PolicyInfoJson(const Policy& p) {
  nlohmann::json categories = nlohmann::json::array();
  for (const PolicyCategory& c : p.categories()) {
    categories.push_back({{"id", c.id}, {"label", c.label}, {"description", c.description}});
  }
  nlohmann::json roles = nlohmann::json::object();
  for (const Policy::Role& r : p.Roles()) roles[std::string(r.role)] = p.categories()[r.category].id;
  nlohmann::json j{{"id", p.id()}, {"name", p.name()}, {"description", p.description()}, {"bundled", p.bundled()},
                   {"categories", std::move(categories)}, {"roles", std::move(roles)},
                   {"signals", {{"dnt", SignalStanceName(p.dnt())}, {"gpc", SignalStanceName(p.gpc())}}},
                   {"declared", p.declaration().has_value()}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A bundled policy by id, or a policy document parsed into `parsed`.
static Result<const Policy*> ResolvePolicy(const std::string& policy, std::optional<Policy>& parsed) {
  if (policy.find('{') == std::string::npos) {
    if (const Policy* bundled = FindBundledPolicy(policy)) return bundled;
    std::string ids;
    for (const BundledPolicy& b : BundledPolicies()) ids += (ids.empty() ? "" : ", ") + std::string(b.id);
    return Error{"policy", "no bundled policy \"" + policy + "\" (bundled: " + ids + ")"};
  }
  Result<Policy> p = Policy::Parse(policy);
  if (!p.ok()) return p.error();
  parsed = std::move(p).value();
  return &*parsed;
}

std::string LoadPolicyEnvelope(const std::string& policy, const std::string& declaration_json) {
  return Guarded([&] {
    std::optional<Policy> parsed;
    Result<const Policy*> resolved = ResolvePolicy(policy, parsed);
    if (!resolved.ok()) return ErrorEnvelope(resolved.error());
    const Policy* base = resolved.value();
    std::unique_ptr<Policy> loaded;
    if (!declaration_json.empty()) {
      Result<Policy> merged = base->WithDeclaration(declaration_json);
      if (!merged.ok()) return ErrorEnvelope({"declaration: " + merged.error().path, merged.error().message});
      loaded = std::make_unique<Policy>(std::move(merged).value());
    } else {
      loaded = std::make_unique<Policy>(parsed ? std::move(*parsed) : *base);
    }
    static uint32_t next = 0;
    const uint32_t handle = ++next;
    std::string info = PolicyInfoJson(*loaded);
    LoadedPolicies().emplace(handle, std::move(loaded));
    return "{\"ok\":true,\"handle\":" + std::to_string(handle) + ",\"policy\":" + info + "}";
  });
}

void ReleasePolicy(uint32_t handle) { LoadedPolicies().erase(handle); }

std::string BundledPolicyDocument(const std::string& id) {
  for (const BundledPolicy& b : BundledPolicies()) {
    if (b.id == id) return std::string(b.json);
  }
  return {};
}

std::string BundledPoliciesJson() {
  nlohmann::json list = nlohmann::json::array();
  for (const BundledPolicy& b : BundledPolicies()) {
    const Policy* p = FindBundledPolicy(b.id);
    if (p) list.push_back({{"id", p->id()}, {"name", p->name()}, {"description", p->description()}});
  }
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string SiteOfHost(const std::string& host) { return std::string(SiteOf(host)); }

std::string CmpDocumentName(const std::string& url) {
  const std::optional<Cmp> cmp = CmpDocumentOf(url);
  return cmp ? std::string(CmpName(*cmp)) : std::string();
}

std::string CmpDocumentToFetchUrl(const std::string& url) { return CmpDocumentToFetch(url).value_or(""); }

std::string CmpDeclarationEnvelope(const std::string& documents_json, const std::string& page_url, const std::string& policy) {
  return Guarded([&] {
    std::optional<Policy> parsed;
    Result<const Policy*> resolved = ResolvePolicy(policy, parsed);
    if (!resolved.ok()) return ErrorEnvelope(resolved.error());
    const nlohmann::json docs = nlohmann::json::parse(documents_json, nullptr, false);
    if (!docs.is_array()) return ErrorEnvelope({"documents", "expected an array of {url, body}"});
    std::vector<CmpDocument> documents;
    for (size_t i = 0; i < docs.size(); ++i) {
      const nlohmann::json& d = docs[i];
      if (!d.is_object() || !d.contains("url") || !d["url"].is_string() || !d.contains("body") || !d["body"].is_string()) {
        return ErrorEnvelope({"documents[" + std::to_string(i) + "]", "expected {url, body} with strings"});
      }
      documents.push_back({d["url"].get<std::string>(), d["body"].get<std::string>()});
    }
    Result<CmpDeclaration> read = ReadCmpDeclaration(documents, page_url, *resolved.value());
    if (!read.ok()) return ErrorEnvelope(read.error());
    const CmpDeclaration& c = read.value();
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const Error& n : c.notes) notes.push_back({{"path", n.path}, {"message", n.message}});
    nlohmann::ordered_json out{{"ok", true}, {"cmp", CmpName(c.cmp)}, {"urls", c.urls}, {"entries", c.entries}, {"notes", std::move(notes)},
                               {"declaration", nlohmann::ordered_json::parse(resolved.value()->DeclarationDocument(c.declaration, -1))["declaration"]}};
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
}

std::string VersionJson() {
  nlohmann::json j{{"version", Version()},
                    {"publicSuffixList", GetPublicSuffixListInfo().source},
                    {"vendors", GetVendorDataInfo().source}};
  return j.dump();
}

}  // namespace trackscope::wasm
