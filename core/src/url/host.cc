// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/url/host.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace trackscope {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiHexDigit(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int HexValue(char c) {
  if (IsAsciiDigit(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;
}

// WHATWG URL 3.5 "forbidden domain code point" (ASCII part).
bool IsForbiddenDomainChar(unsigned char c) {
  if (c <= 0x20 || c == 0x7F) return true;
  switch (c) {
    case '#': case '%': case '/': case ':': case '<': case '>': case '?': case '@':
    case '[': case '\\': case ']': case '^': case '|':
      return true;
    default:
      return false;
  }
}

// WHATWG URL 3.5 "IPv4 number parser". Returns nullopt on failure.
std::optional<uint64_t> ParseIpv4Number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int radix = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    radix = 16;
    s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0') {
    radix = 8;
    s.remove_prefix(1);
  }
  if (s.empty()) return 0;
  uint64_t value = 0;
  for (char c : s) {
    int digit;
    if (radix == 16) {
      if (!IsAsciiHexDigit(c)) return std::nullopt;
      digit = HexValue(c);
    } else {
      if (!IsAsciiDigit(c)) return std::nullopt;
      digit = c - '0';
      if (digit >= radix) return std::nullopt;
    }
    value = value * radix + digit;
    if (value > 0xFFFFFFFFull * 256) return std::nullopt;  // far out of range; stop growing
  }
  return value;
}

// Splits on '.', dropping one empty trailing part (WHATWG allows "1.2.3.4.").
std::vector<std::string_view> SplitDots(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    parts.push_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  return parts;
}

// WHATWG URL 3.5 "ends in a number checker".
bool EndsInANumber(std::string_view host) {
  std::vector<std::string_view> parts = SplitDots(host);
  std::string_view last = parts.back();
  if (last.empty()) return false;
  bool all_digits = true;
  for (char c : last) all_digits = all_digits && IsAsciiDigit(c);
  if (all_digits) return true;
  return ParseIpv4Number(last).has_value() && last.size() >= 2 && last[0] == '0' &&
         (last[1] == 'x' || last[1] == 'X');
}

Result<Host> ParseIpv4(std::string_view input) {
  std::vector<std::string_view> parts = SplitDots(input);
  if (parts.size() > 4) return Error{"", "IPv4 address has more than four parts"};
  std::vector<uint64_t> numbers;
  for (std::string_view part : parts) {
    std::optional<uint64_t> n = ParseIpv4Number(part);
    if (!n) return Error{"", "IPv4 address has an invalid part \"" + std::string(part) + "\""};
    numbers.push_back(*n);
  }
  for (size_t i = 0; i + 1 < numbers.size(); ++i) {
    if (numbers[i] > 255) return Error{"", "IPv4 address part out of range"};
  }
  uint64_t limit = 1ull << (8 * (5 - numbers.size()));
  if (numbers.back() >= limit) return Error{"", "IPv4 address out of range"};
  uint64_t ipv4 = numbers.back();
  for (size_t i = 0; i + 1 < numbers.size(); ++i) ipv4 += numbers[i] << (8 * (3 - i));
  std::string text;
  for (int shift = 24; shift >= 0; shift -= 8) {
    if (!text.empty()) text += '.';
    text += std::to_string((ipv4 >> shift) & 0xFF);
  }
  return Host{std::move(text), HostKind::kIpv4};
}

// WHATWG URL 3.5 "IPv6 parser", on the text between the brackets.
Result<Host> ParseIpv6(std::string_view in) {
  std::array<uint16_t, 8> address{};
  int piece_index = 0;
  int compress = -1;
  size_t p = 0;
  const Error invalid{"", "invalid IPv6 address"};
  auto at = [&](size_t i) -> char { return i < in.size() ? in[i] : '\0'; };
  if (at(p) == ':') {
    if (at(p + 1) != ':') return invalid;
    p += 2;
    compress = ++piece_index;
  }
  while (p < in.size()) {
    if (piece_index == 8) return invalid;
    if (at(p) == ':') {
      if (compress != -1) return invalid;
      ++p;
      compress = ++piece_index;
      continue;
    }
    uint32_t value = 0;
    int length = 0;
    while (length < 4 && IsAsciiHexDigit(at(p))) {
      value = value * 16 + HexValue(at(p));
      ++p;
      ++length;
    }
    if (at(p) == '.') {
      if (length == 0) return invalid;
      p -= length;
      if (piece_index > 6) return invalid;
      int numbers_seen = 0;
      while (p < in.size()) {
        int ipv4_piece = -1;
        if (numbers_seen > 0) {
          if (at(p) == '.' && numbers_seen < 4) {
            ++p;
          } else {
            return invalid;
          }
        }
        if (!IsAsciiDigit(at(p))) return invalid;
        while (IsAsciiDigit(at(p))) {
          int number = at(p) - '0';
          if (ipv4_piece == -1) {
            ipv4_piece = number;
          } else if (ipv4_piece == 0) {
            return invalid;
          } else {
            ipv4_piece = ipv4_piece * 10 + number;
          }
          if (ipv4_piece > 255) return invalid;
          ++p;
        }
        address[piece_index] = static_cast<uint16_t>(address[piece_index] * 0x100 + ipv4_piece);
        ++numbers_seen;
        if (numbers_seen == 2 || numbers_seen == 4) ++piece_index;
      }
      if (numbers_seen != 4) return invalid;
      break;
    }
    if (at(p) == ':') {
      ++p;
      if (p >= in.size()) return invalid;
    } else if (p < in.size()) {
      return invalid;
    }
    address[piece_index] = static_cast<uint16_t>(value);
    ++piece_index;
  }
  if (compress != -1) {
    int swaps = piece_index - compress;
    piece_index = 7;
    while (piece_index != 0 && swaps > 0) {
      std::swap(address[piece_index], address[compress + swaps - 1]);
      --piece_index;
      --swaps;
    }
  } else if (piece_index != 8) {
    return invalid;
  }
  // RFC 5952 section 4: compress the first longest run of two or more zero pieces.
  int best_start = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (address[i] != 0) { ++i; continue; }
    int j = i;
    while (j < 8 && address[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) { best_start = i; best_len = j - i; }
    i = j;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text = "[";
  for (int i = 0; i < 8; ++i) {
    if (i == best_start) {
      text += (i == 0) ? "::" : ":";
      i += best_len - 1;
      continue;
    }
    char buf[4];
    int n = 0;
    uint16_t v = address[i];
    do { buf[n++] = kHex[v & 0xF]; v >>= 4; } while (v != 0);
    while (n > 0) text += buf[--n];
    if (i != 7) text += ':';
  }
  text += ']';
  return Host{std::move(text), HostKind::kIpv6};
}

}  // namespace

Result<Host> CanonicalizeHost(std::string_view input) {
  if (input.empty()) return Error{"", "empty host"};
  if (input.front() == '[') {
    if (input.back() != ']') return Error{"", "IPv6 address without closing ']'"};
    return ParseIpv6(input.substr(1, input.size() - 2));
  }
  std::string text;
  text.reserve(input.size());
  for (char ch : input) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      return Error{"", "host is not ASCII; browsers report internationalised hosts in punycode (xn--)"};
    }
    if (IsForbiddenDomainChar(c)) {
      std::string shown = c == ' '                 ? std::string("a space")
                          : c < 0x20 || c == 0x7F ? std::string("a control character")
                                                  : std::string("'") + ch + "'";
      return Error{"", "host contains " + shown};
    }
    text += (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : ch;
  }
  // Trailing dots name the same host ("example.com." is example.com); dropping them all first
  // keeps canonicalisation idempotent ("1.2.." and "1.2." are both the IPv4 address 1.0.0.2).
  while (!text.empty() && text.back() == '.') text.pop_back();
  if (text.empty()) return Error{"", "empty host"};
  if (EndsInANumber(text)) return ParseIpv4(text);
  if (text.size() > 253) return Error{"", "host is longer than 253 characters"};
  return Host{std::move(text), HostKind::kDomain};
}

bool DomainMatches(std::string_view host, std::string_view domain) {
  if (host.size() == domain.size()) return host == domain;
  return host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
         host[host.size() - domain.size() - 1] == '.';
}

bool IsIpLiteral(std::string_view host) {
  if (host.empty()) return false;
  if (host.front() == '[') return true;
  size_t dot = host.rfind('.');
  std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  for (char c : last) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

}  // namespace trackscope
