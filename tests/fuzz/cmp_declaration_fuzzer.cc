// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Consent managers' declarations (policy/consent_manager.h) and the JavaScript-literal reader
// under them: the input is two documents (split at '\x01'), the first byte of each choosing the
// CMP URL it is read as. No crash, and what is read writes out as a declaration file that reads
// back with the same entries (Policy::DeclarationDocument -> Policy::WithDeclaration).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.h"
#include "policy/cmp/js_literal.h"
#include "trackscope/policy/consent_manager.h"

namespace {

constexpr std::string_view kUrls[] = {
    "https://consent.cookiebot.com/5f0c2a8e/cc.js",
    "https://cdn.cookielaw.org/consent/7d3e/a1b2/en.json",
    "https://api.usercentrics.eu/settings/Bk8s/latest/en.json",
    "https://aggregator.service.usercentrics.eu/aggregate/en?templates=S1@1.0.0",
    "https://cdn-cookieyes.com/client_data/3f9a/script.js",
    "https://cdn-cookieyes.com/client_data/3f9a/audit-table/Zq4R.json",
    "https://www.shop.example/wp-json/complianz/v1/documents/",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trackscope;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)cmp::ParseJsLiteral(input);
  (void)cmp::FindJsLiteral(input, "_categories", nlohmann::json::value_t::array);
  const auto fields = fuzz::SplitFields<2>(input);
  std::vector<CmpDocument> docs;
  for (std::string_view f : fields) {
    if (f.empty()) continue;
    const size_t which = static_cast<unsigned char>(f[0]) % std::size(kUrls);
    docs.push_back({std::string(kUrls[which]), std::string(f.substr(1))});
  }
  const Policy& policy = *FindBundledPolicy("consent-manager");
  const Result<CmpDeclaration> read = ReadCmpDeclaration(docs, "https://www.shop.example/", policy);
  if (!read.ok()) return 0;
  const Declaration& d = read.value().declaration;
  const Result<Policy> back = policy.WithDeclaration(policy.DeclarationDocument(d, -1));
  if (!back.ok()) std::abort();  // what the core writes, it must read
  const Declaration& again = *back.value().declaration();
  if (again.cookies.size() != d.cookies.size() || again.vendors.size() != d.vendors.size() ||
      again.beacons.size() != d.beacons.size()) {
    std::abort();
  }
  return 0;
}
