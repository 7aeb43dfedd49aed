// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Consent cookies: the cookie-name dispatch, US Privacy, OneTrust and Cookiebot (GPP and TCF in
// gpp.cc and tcf.cc).
#include "consent/strings.h"

#include <cstdlib>
#include <optional>
#include <string>

#include "consent/decoders.h"
#include "base/strings.h"
#include "base/time_util.h"
#include "trackscope/classify/beacon.h"

namespace trackscope {
namespace {

// Cookie values are often form-encoded ('+' for a space).
std::string PercentDecode(std::string_view s) { return trackscope::PercentDecode(s, /*form=*/true); }

// --- OneTrust ---
std::string_view OneTrustGroupName(std::string_view id) {
  // OneTrust's default category ids.
  if (id == "C0001") return "strictly necessary";
  if (id == "C0002") return "performance";
  if (id == "C0003") return "functional";
  if (id == "C0004") return "targeting";
  if (id == "C0005") return "social media";
  return {};
}

void DecodeOptanonConsent(std::string_view v, ConsentString& out) {
  std::string groups;
  bool have_groups = false;
  for (size_t start = 0; start <= v.size();) {
    size_t end = v.find('&', start);
    if (end == std::string_view::npos) end = v.size();
    std::string_view pair = v.substr(start, end - start);
    const size_t eq = pair.find('=');
    const std::string key = PercentDecode(pair.substr(0, eq));
    const std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
    if (key == "groups") {
      groups = value;
      have_groups = true;
    } else if (key == "isGpcEnabled" || key == "interactionCount" || key == "datestamp") {
      out.fields.emplace_back(key, value);
      if (key == "isGpcEnabled" && (value == "0" || value == "1")) out.gpc = value == "1";
    }
    start = end + 1;
  }
  if (!have_groups) {
    out.summary = "no \"groups\" field: not an OneTrust consent cookie";
    return;
  }
  std::string on, off;
  bool any_beyond_necessary = false;  // a group other than C0001 (strictly necessary) on
  for (size_t start = 0; start < groups.size();) {
    size_t end = groups.find(',', start);
    if (end == std::string::npos) end = groups.size();
    const std::string item = groups.substr(start, end - start);
    const size_t colon = item.find(':');
    if (colon == std::string::npos || (item.substr(colon + 1) != "1" && item.substr(colon + 1) != "0")) {
      out.summary = "group \"" + item + "\" is not ID:1 or ID:0";
      return;
    }
    const std::string id = item.substr(0, colon);
    const bool enabled = item[colon + 1] == '1';
    any_beyond_necessary = any_beyond_necessary || (enabled && id != "C0001");
    out.fields.emplace_back(id, enabled ? "on" : "off");
    std::string_view name = OneTrustGroupName(id);
    std::string& list = enabled ? on : off;
    list += (list.empty() ? "" : ", ") + id + (name.empty() ? "" : " (" + std::string(name) + ")");
    start = end + 1;
  }
  out.valid = true;
  out.consent_given = any_beyond_necessary;
  out.summary = "on: " + (on.empty() ? std::string("none") : on) + "; off: " + (off.empty() ? std::string("none") : off);
}

void DecodeOptanonAlertBoxClosed(std::string_view v, ConsentString& out) {
  const std::string text = PercentDecode(v);
  if (!ParseIso8601(text)) {
    out.summary = "not a time: the banner's closing time is unknown";
    return;
  }
  out.valid = true;
  out.fields = {{"closedAt", text}};
  out.summary = "consent banner closed at " + text;
}

// --- Cookiebot ---
// CookieConsent holds a JavaScript-like object, percent-encoded:
//   {stamp:'c2Vz…',necessary:true,preferences:false,statistics:false,marketing:false,
//    method:'explicit',ver:1,utc:1714557600000,region:'de'}
// or "-1" where no consent is asked for (the visitor's region needs none).
void DecodeCookiebot(std::string_view raw, ConsentString& out) {
  const std::string text = PercentDecode(raw);
  if (text == "-1") {
    out.valid = true;
    out.summary = "no consent asked: the visitor's region needs none (-1)";
    return;
  }
  std::string_view body = Trim(text);
  if (body.size() < 2 || body.front() != '{' || body.back() != '}') {
    out.summary = "not a Cookiebot consent record (expected {necessary:true,preferences:…,statistics:…,marketing:…})";
    return;
  }
  body = body.substr(1, body.size() - 2);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (size_t start = 0; start < body.size();) {
    // Values are true/false, numbers or '…' strings (which may hold commas).
    const size_t colon = body.find(':', start);
    if (colon == std::string_view::npos) {
      out.summary = "not a Cookiebot consent record: \"" + std::string(body.substr(start, 40)) + "\" is not key:value";
      return;
    }
    const std::string key(Trim(body.substr(start, colon - start)));
    size_t end;
    std::string value;
    if (colon + 1 < body.size() && body[colon + 1] == '\'') {
      const size_t close = body.find('\'', colon + 2);
      if (close == std::string_view::npos) {
        out.summary = "not a Cookiebot consent record: the value of " + key + " has no closing quote";
        return;
      }
      value = std::string(body.substr(colon + 2, close - colon - 2));
      end = body.find(',', close);
    } else {
      end = body.find(',', colon);
      value = std::string(Trim(body.substr(colon + 1, end == std::string_view::npos ? std::string_view::npos : end - colon - 1)));
    }
    pairs.emplace_back(key, value);
    start = end == std::string_view::npos ? body.size() : end + 1;
  }
  auto find = [&](std::string_view key) -> const std::string* {
    for (const auto& [k, v] : pairs) {
      if (k == key) return &v;
    }
    return nullptr;
  };
  static constexpr std::string_view kCategories[] = {"necessary", "preferences", "statistics", "marketing"};
  std::string accepted, declined;
  bool any = false;
  for (std::string_view category : kCategories) {
    const std::string* v = find(category);
    if (!v || (*v != "true" && *v != "false")) {
      out.summary = "not a Cookiebot consent record: " + std::string(category) + " is not true or false";
      return;
    }
    out.fields.emplace_back(std::string(category), *v);
    std::string& list = *v == "true" ? accepted : declined;
    list += (list.empty() ? "" : ", ") + std::string(category);
    any = any || (*v == "true" && category != "necessary");
  }
  std::string details;
  if (const std::string* method = find("method")) {
    out.fields.emplace_back("method", *method);
    details = *method;
  }
  if (const std::string* utc = find("utc")) {
    char* end = nullptr;
    const double ms = std::strtod(utc->c_str(), &end);
    if (end && *end == '\0' && !utc->empty() && ms > 0) {
      const std::string at = FormatIso8601(ms / 1000);
      out.fields.emplace_back("given", at);
      details += (details.empty() ? "" : ", ") + at;
    }
  }
  if (const std::string* region = find("region")) {
    out.fields.emplace_back("region", *region);
    details += (details.empty() ? "" : ", ") + std::string("region ") + *region;
  }
  out.valid = true;
  out.consent_given = any;
  out.summary = "accepted: " + (accepted.empty() ? std::string("none") : accepted) + "; declined: " +
                (declined.empty() ? std::string("none") : declined) + (details.empty() ? "" : " (" + details + ")");
}

}  // namespace

// --- US Privacy string (IAB CCPA Compliance Framework, "US Privacy String" v1) ---
//   char 0 version "1"; then Y / N / - for: explicit notice given, opted out of sale, LSPA covered.
void DecodeUsPrivacy(std::string_view v, ConsentString& out) {
  auto flag = [](char c) -> std::string_view { return c == 'Y' || c == 'y' ? "yes" : c == 'N' || c == 'n' ? "no" : "not-applicable"; };
  auto ok = [](char c) { return c == 'Y' || c == 'N' || c == 'y' || c == 'n' || c == '-'; };
  if (v.size() != 4 || v[0] != '1' || !ok(v[1]) || !ok(v[2]) || !ok(v[3])) {
    out.summary = "not a US Privacy string (expected version 1 and three of Y, N or -, like \"1YNN\")";
    return;
  }
  out.valid = true;
  out.fields = {{"version", "1"}, {"notice", std::string(flag(v[1]))}, {"optOutSale", std::string(flag(v[2]))},
                {"lspa", std::string(flag(v[3]))}};
  if (v.substr(1) == "---") {
    out.summary = "CCPA does not apply";
    return;
  }
  if (v[2] != '-') out.opted_out = v[2] == 'Y' || v[2] == 'y';
  out.summary = std::string("notice given: ") + std::string(flag(v[1])) + "; opted out of sale: " + std::string(flag(v[2])) +
                "; covered by the LSPA: " + std::string(flag(v[3]));
}

std::optional<ConsentString> DecodeConsentCookie(std::string_view name, std::string_view value) {
  ConsentString out;
  out.cookie = std::string(name);
  out.value = std::string(value);
  const std::string lower = ToLowerAscii(name);
  if (lower == "usprivacy" || lower == "us_privacy") {
    out.kind = ConsentStringKind::kUsPrivacy;
    DecodeUsPrivacy(value, out);
  } else if (lower == "__gpp" || name == "OTGPPConsent") {
    out.kind = ConsentStringKind::kGpp;
    DecodeGpp(PercentDecode(value), out);
  } else if (name == "euconsent-v2" || name == "eupubconsent-v2") {
    out.kind = ConsentStringKind::kTcf;
    DecodeTcf(value, out);
  } else if (name == "CookieConsent") {
    out.kind = ConsentStringKind::kCookiebot;
    DecodeCookiebot(value, out);
  } else if (name == "OptanonConsent") {
    out.kind = ConsentStringKind::kOneTrust;
    DecodeOptanonConsent(value, out);
  } else if (name == "OptanonAlertBoxClosed") {
    out.kind = ConsentStringKind::kOneTrustAlertClosed;
    DecodeOptanonAlertBoxClosed(value, out);
  } else {
    return std::nullopt;
  }
  // A record that does not decode claims nothing, whatever its decoder filled in before failing.
  if (!out.valid) {
    out.fields.clear();
    out.opted_out.reset();
    out.gpc.reset();
    out.consent_given.reset();
  }
  return out;
}

}  // namespace trackscope
