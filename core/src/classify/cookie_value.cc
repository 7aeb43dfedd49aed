// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/classify/cookie_value.h"

#include <array>
#include <cmath>
#include <string>

namespace trackscope {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Percent-decoding of the few escapes cookie values use, so "%7B%22a%22..." reads as JSON.
std::string Unescape(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '%' && i + 2 < v.size() && IsHex(v[i + 1]) && IsHex(v[i + 2])) {
      auto hex = [](char c) { return IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10; };
      out += static_cast<char>(hex(v[i + 1]) * 16 + hex(v[i + 2]));
      i += 2;
    } else {
      out += v[i];
    }
  }
  return out;
}

// Any run of 10 (seconds) or 13 (milliseconds) digits between 2000-01-01 and 2040-01-01.
bool HasTimestamp(std::string_view v) {
  for (size_t i = 0; i < v.size();) {
    if (!IsDigit(v[i])) {
      ++i;
      continue;
    }
    size_t s = i;
    while (i < v.size() && IsDigit(v[i])) ++i;
    const size_t n = i - s;
    if (n != 10 && n != 13) continue;
    double t = std::stod(std::string(v.substr(s, 10)));
    if (t >= 946684800 && t < 2208988800) return true;
  }
  return false;
}

bool IsUuid(std::string_view v) {
  if (v.size() != 36) return false;
  for (size_t i = 0; i < 36; ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? v[i] != '-' : !IsHex(v[i])) return false;
  }
  return true;
}

// Shannon entropy per character, for telling "aaaaaaaa" from random letters.
double EntropyPerChar(std::string_view v) {
  std::array<int, 256> counts{};
  for (unsigned char c : v) ++counts[c];
  double h = 0;
  for (int c : counts) {
    if (c == 0) continue;
    double p = static_cast<double>(c) / static_cast<double>(v.size());
    h -= p * std::log2(p);
  }
  return h;
}

}  // namespace

std::string_view ValueShapeName(ValueShape s) {
  static constexpr std::array<std::string_view, 11> kNames = {"empty",  "flag",     "number",     "timestamp",
                                                              "uuid",   "hex",      "base64",     "ga_client",
                                                              "structured", "word", "other"};
  return kNames[static_cast<size_t>(s)];
}

ValueInfo AnalyzeValue(std::string_view raw) {
  ValueInfo info;
  std::string decoded = Unescape(raw);
  std::string_view v = decoded;
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  if (v.empty()) return info;
  info.has_timestamp = HasTimestamp(v);
  std::string lower(v);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  if (lower == "true" || lower == "false" || lower == "yes" || lower == "no" || lower == "0" || lower == "1" ||
      lower == "on" || lower == "off" || lower == "null" || lower == "undefined") {
    info.shape = ValueShape::kFlag;
    return info;
  }
  size_t digits = 0, hex = 0, alpha = 0, upper = 0, b64 = 0, separators = 0;
  for (char c : v) {
    digits += IsDigit(c);
    hex += IsHex(c);
    alpha += IsAlpha(c);
    upper += c >= 'A' && c <= 'Z';
    b64 += IsDigit(c) || IsAlpha(c) || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
    separators += c == '.' || c == '|' || c == ':' || c == '&' || c == ',' || c == ';';
  }
  const size_t n = v.size();
  if (v.starts_with("GA1.") || v.starts_with("GS1.") || v.starts_with("fb.") || v.starts_with("_fb.")) {
    info.shape = ValueShape::kGaClient;
    // Client ids are random 31-bit numbers plus a timestamp, or a random fbp number.
    info.identifier_bits = 62;
    return info;
  }
  if (v.front() == '{' || v.front() == '[' || (separators >= 2 && v.find('=') != std::string_view::npos)) {
    info.shape = ValueShape::kStructured;
  } else if (IsUuid(v)) {
    info.shape = ValueShape::kUuid;
    info.identifier_bits = 122;
    return info;
  } else if (digits == n) {
    info.shape = (n == 10 || n == 13) && info.has_timestamp ? ValueShape::kTimestamp : ValueShape::kNumber;
    if (info.shape == ValueShape::kNumber && n >= 12) info.identifier_bits = static_cast<int>(3.32 * static_cast<double>(n));
    return info;
  } else if (hex == n && n >= 16 && digits > 0 && alpha > 0) {
    info.shape = ValueShape::kHex;
    info.identifier_bits = static_cast<int>(4 * n);
    return info;
  } else if (b64 == n && n >= 16 && digits > 0 && alpha > 0) {
    info.shape = ValueShape::kBase64;
  } else if (alpha == n && n <= 12) {
    info.shape = ValueShape::kWord;
    return info;
  } else {
    info.shape = ValueShape::kOther;
  }
  // Random-looking: many distinct characters, mixed classes. Estimate bits from the alphabet.
  const double entropy = EntropyPerChar(v);
  if (n >= 16 && entropy >= 3.0 && digits > 0 && alpha > 0) {
    const double alphabet_bits = upper > 0 ? 6.0 : 5.0;
    info.identifier_bits = static_cast<int>(std::min(entropy, alphabet_bits) * static_cast<double>(n - separators));
  }
  return info;
}

}  // namespace trackscope
