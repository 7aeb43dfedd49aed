// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The payload decoders (classify/payload.h, classify/sensitive.h): the input split into host,
// path, query and body goes through ParseParams, DecodePixel, ExplainPayload and FindSensitive.
// No crash, and nothing invented: every explained field points at a parameter, personal data is
// only said of parameters said to carry it, a hash only of hex digits, and a sensitive term only
// where the normalised text holds it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.h"
#include "trackscope/classify/payload.h"
#include "trackscope/classify/sensitive.h"

namespace {

using namespace trackscope;

void CheckSensitive(std::string_view text) {
  const std::optional<SensitiveMatch> m = FindSensitive(text);
  if (!m) return;
  if (m->term.empty()) std::abort();
  if (m->category == SensitiveCategory::kPreciseLocation) return;  // the coordinates as written
  const std::string normalised = " " + NormaliseForLexicon(text) + " ";
  if (normalised.find(" " + m->term + " ") == std::string::npos) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // Fields separated by '\x01': host, path, query, body.
  const auto fields = fuzz::SplitFields<4>(input);
  const std::vector<Param> params = ParseParams(fields[1], fields[2], fields[3], 64);
  for (std::string_view host : {fields[0], std::string_view("www.facebook.com"), std::string_view("analytics.tiktok.com")}) {
    const std::optional<PixelDecode> decode = DecodePixel(host, fields[1], params);
    const std::vector<PayloadField> explained = ExplainPayload(params, decode ? &*decode : nullptr);
    if (explained.size() != params.size()) std::abort();
    for (size_t i = 0; i < explained.size(); ++i) {
      const PayloadField& f = explained[i];
      if (f.index != i) std::abort();
      if ((f.personal != PersonalKind::kNone) != (f.kind == FieldKind::kPersonalData)) std::abort();
      if (f.hash != HashKind::kNone && f.personal == PersonalKind::kNone) std::abort();
      if (f.hash != HashShapeOf(params[i].value) && f.personal != PersonalKind::kNone) std::abort();
      (void)FieldKindName(f.kind);
      (void)PersonalKindName(f.personal);
    }
  }
  for (const Param& p : params) {
    const HashKind hash = HashShapeOf(p.value);
    if (hash != HashKind::kNone && p.value.size() < 32) std::abort();
    CheckSensitive(p.value);
  }
  CheckSensitive(fields[2]);
  return 0;
}
