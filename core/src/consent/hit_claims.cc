// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "consent/hit_claims.h"

#include <array>
#include <string>
#include <string_view>

#include "consent/decoders.h"

namespace trackscope {
namespace {

constexpr size_t kMaxValue = 200;
constexpr std::array<std::string_view, 4> kSignals = {"ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"};

// What is in force for one signal, and how it came to be (Consent Mode v2 `gcd` letters).
struct Letter {
  char letter;
  std::string_view in_force;  // "granted", "denied", "not set"
  std::string_view how;
};
constexpr Letter kLetters[] = {
    {'l', "not set", "not set"},
    {'p', "denied", "denied by default"},
    {'q', "denied", "denied by default and after update"},
    {'t', "granted", "granted by default"},
    {'r', "granted", "denied by default, granted after update"},
    {'m', "denied", "denied by update"},
    {'n', "granted", "granted by update"},
    {'u', "denied", "granted by default, denied after update"},
    {'v', "granted", "granted by default and after update"},
};

// consent_given from the signals in force: any granted -> true; some denied, none granted ->
// false; none set -> nullopt.
void Conclude(ConsentClaim& c) {
  bool granted = false, denied = false;
  for (const auto& [name, state] : c.fields) {
    granted |= state.rfind("granted", 0) == 0;
    denied |= state.rfind("denied", 0) == 0;
  }
  if (granted) c.consent_given = true;
  else if (denied) c.consent_given = false;
}

void Summarise(ConsentClaim& c) {
  for (const auto& [name, state] : c.fields) c.summary += (c.summary.empty() ? "" : ", ") + name + " " + state;
}

// gcs "G1" + ad_storage + analytics_storage: '1' granted, '0' denied, '-' not set.
void DecodeGcs(ConsentClaim& c) {
  const std::string& v = c.value;
  auto signal = [](char d) { return d == '0' || d == '1' || d == '-'; };
  if (v.size() != 4 || v[0] != 'G' || v[1] != '1' || !signal(v[2]) || !signal(v[3])) {
    c.summary = "not a Consent Mode status (expected G1 and two of 0, 1, -)";
    return;
  }
  for (size_t i = 0; i < 2; ++i) {
    if (v[2 + i] != '-') c.fields.emplace_back(std::string(kSignals[i]), v[2 + i] == '1' ? "granted" : "denied");
  }
  c.valid = true;
  Summarise(c);
  if (c.fields.empty()) c.summary = "no signal set";
  Conclude(c);
}

// gcd: the first four lower-case letters.
void DecodeGcd(ConsentClaim& c) {
  size_t n = 0;
  for (char ch : c.value) {
    if (ch < 'a' || ch > 'z' || n == kSignals.size()) continue;
    const Letter* found = nullptr;
    for (const Letter& l : kLetters) {
      if (l.letter == ch) found = &l;
    }
    if (!found) {
      c.fields.clear();
      c.summary = std::string("not a Consent Mode v2 string (letter '") + ch + "' has no meaning)";
      return;
    }
    const std::string state = found->in_force == found->how ? std::string(found->in_force)
                                                            : std::string(found->in_force) + " (" + std::string(found->how) + ")";
    c.fields.emplace_back(std::string(kSignals[n++]), state);
  }
  if (n < kSignals.size()) {
    c.fields.clear();
    c.summary = "not a Consent Mode v2 string (expected a letter for each of the four signals)";
    return;
  }
  c.valid = true;
  Summarise(c);
  Conclude(c);
}

// An IAB string through its cookie decoder; `beside`: a parameter said with it ("gdpr=1").
void DecodeIab(ConsentClaim& c, void (*decode)(std::string_view, ConsentString&), const std::string& beside) {
  ConsentString s;
  decode(c.value, s);
  c.valid = s.valid;
  c.summary = s.summary;
  if (!s.valid) return;
  c.fields = std::move(s.fields);
  c.consent_given = s.consent_given;
  if (!beside.empty()) c.summary = beside + "; " + c.summary;
}

const Param* Find(const std::vector<Param>& params, std::string_view name) {
  for (const Param& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace

std::vector<ConsentClaim> ConsentClaimsIn(const std::vector<Param>& params, bool google) {
  std::vector<ConsentClaim> out;
  for (const Param& p : params) {
    const bool known = (google && (p.name == "gcs" || p.name == "gcd")) || p.name == "gdpr_consent" ||
                       p.name == "us_privacy" || p.name == "gpp";
    if (!known || p.value.empty()) continue;
    bool seen = false;
    for (const ConsentClaim& c : out) seen |= c.param == p.name;
    if (seen) continue;
    ConsentClaim& c = out.emplace_back();
    c.param = p.name;
    c.value = p.value.substr(0, kMaxValue);
    if (p.name == "gcs") {
      DecodeGcs(c);
    } else if (p.name == "gcd") {
      DecodeGcd(c);
    } else if (p.name == "gdpr_consent") {
      const Param* gdpr = Find(params, "gdpr");
      DecodeIab(c, DecodeTcf, gdpr ? "gdpr=" + gdpr->value.substr(0, 8) : "");
    } else if (p.name == "us_privacy") {
      DecodeIab(c, DecodeUsPrivacy, "");
    } else {
      const Param* sid = Find(params, "gpp_sid");
      DecodeIab(c, DecodeGpp, sid ? "gpp_sid=" + sid->value.substr(0, 40) : "");
    }
  }
  return out;
}

}  // namespace trackscope
