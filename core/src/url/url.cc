// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/url/url.h"

#include <string>

namespace trackscope {
namespace {

bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

struct SchemeEntry {
  std::string_view name;
  Scheme scheme;
  int default_port;
};
constexpr SchemeEntry kSchemes[] = {
    {"http", Scheme::kHttp, 80},       {"https", Scheme::kHttps, 443},
    {"ws", Scheme::kWs, 80},           {"wss", Scheme::kWss, 443},
    {"data", Scheme::kData, -1},       {"blob", Scheme::kBlob, -1},
    {"file", Scheme::kFile, -1},       {"about", Scheme::kAbout, -1},
    {"chrome-extension", Scheme::kExtension, -1},
    {"moz-extension", Scheme::kExtension, -1},
    {"safari-web-extension", Scheme::kExtension, -1},
};

// WHATWG "special" schemes: authority required, '\' acts as '/'.
bool IsSpecial(Scheme s) { return s <= Scheme::kWss || s == Scheme::kFile; }

// WHATWG URL 4.4 basic URL parser, step 1-3: strip C0 controls and spaces at both ends, remove
// ASCII tab and newline everywhere.
std::string Preprocess(std::string_view input) {
  size_t b = 0, e = input.size();
  while (b < e && static_cast<unsigned char>(input[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(input[e - 1]) <= 0x20) --e;
  std::string out;
  out.reserve(e - b);
  for (size_t i = b; i < e; ++i) {
    char c = input[i];
    if (c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

}  // namespace

Result<Url> Url::Parse(std::string_view raw) {
  const std::string in = Preprocess(raw);
  if (in.empty()) return Error{"", "empty URL"};
  if (!IsAsciiAlpha(in[0])) return Error{"", "URL does not start with a scheme"};
  size_t colon = 0;
  while (colon < in.size() && (IsAsciiAlpha(in[colon]) || IsAsciiDigit(in[colon]) ||
                               in[colon] == '+' || in[colon] == '-' || in[colon] == '.')) {
    ++colon;
  }
  if (colon >= in.size() || in[colon] != ':') return Error{"", "URL has no scheme (expected \"scheme:\")"};

  Url url;
  std::string scheme_name = in.substr(0, colon);
  for (char& c : scheme_name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  int default_port = -1;
  for (const SchemeEntry& e : kSchemes) {
    if (e.name == scheme_name) {
      url.scheme_ = e.scheme;
      default_port = e.default_port;
    }
  }
  const bool special = IsSpecial(url.scheme_);
  std::string& spec = url.spec_;
  spec = scheme_name;
  spec += ':';
  url.scheme_end_ = static_cast<uint32_t>(scheme_name.size());

  size_t p = colon + 1;
  auto is_slash = [&](char c) { return c == '/' || (special && c == '\\'); };
  bool has_authority = false;
  if (special) {
    // Browsers serialise "scheme://"; tolerate any run of slashes like the WHATWG parser does,
    // except for file:, whose authority (usually empty) sits between "//" and the next slash.
    if (url.scheme_ == Scheme::kFile) {
      for (int i = 0; i < 2 && p < in.size() && is_slash(in[p]); ++i) ++p;
    } else {
      while (p < in.size() && is_slash(in[p])) ++p;
    }
    has_authority = true;
  } else if (url.scheme_ != Scheme::kBlob && in.compare(p, 2, "//") == 0) {
    p += 2;
    has_authority = true;
  }

  if (has_authority) {
    spec += "//";
    size_t end = p;
    while (end < in.size() && !is_slash(in[end]) && in[end] != '?' && in[end] != '#') ++end;
    std::string_view authority = std::string_view(in).substr(p, end - p);
    size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
      spec.append(authority.substr(0, at + 1));  // userinfo kept as given
      authority.remove_prefix(at + 1);
    }
    std::string_view host_part = authority, port_part;
    bool has_port = false;
    if (!authority.empty() && authority.front() == '[') {
      size_t close = authority.find(']');
      if (close == std::string_view::npos) return Error{"", "IPv6 host without closing ']'"};
      host_part = authority.substr(0, close + 1);
      std::string_view rest = authority.substr(close + 1);
      if (!rest.empty()) {
        if (rest.front() != ':') return Error{"", "unexpected characters after IPv6 host"};
        has_port = true;
        port_part = rest.substr(1);
      }
    } else if (size_t c = authority.rfind(':'); c != std::string_view::npos) {
      host_part = authority.substr(0, c);
      port_part = authority.substr(c + 1);
      has_port = true;
    }
    if (host_part.empty()) {
      if (url.scheme_ != Scheme::kFile) return Error{"", "URL has an empty host"};
    } else {
      Result<Host> host = CanonicalizeHost(host_part);
      if (!host.ok()) return Error{"", "invalid host: " + host.error().message};
      url.host_begin_ = static_cast<uint32_t>(spec.size());
      spec += host.value().text;
      url.host_end_ = static_cast<uint32_t>(spec.size());
      url.host_kind_ = host.value().kind;
    }
    url.port_ = default_port;
    if (has_port && !port_part.empty()) {
      if (port_part.size() > 5) return Error{"", "port out of range"};
      int port = 0;
      for (char c : port_part) {
        if (!IsAsciiDigit(c)) return Error{"", "port is not a number"};
        port = port * 10 + (c - '0');
      }
      if (port > 65535) return Error{"", "port out of range"};
      url.port_ = port;
      if (port != default_port) {
        spec += ':';
        spec += std::to_string(port);
      }
    }
    p = end;
  }

  // Path, query, fragment.
  size_t path_end = p;
  while (path_end < in.size() && in[path_end] != '?' && in[path_end] != '#') ++path_end;
  url.path_begin_ = static_cast<uint32_t>(spec.size());
  if (special && p == path_end && url.scheme_ != Scheme::kFile) {
    spec += '/';
  } else {
    for (size_t i = p; i < path_end; ++i) spec += (special && in[i] == '\\') ? '/' : in[i];
  }
  url.path_end_ = static_cast<uint32_t>(spec.size());
  url.query_begin_ = url.query_end_ = url.path_end_;
  p = path_end;
  if (p < in.size() && in[p] == '?') {
    size_t q_end = in.find('#', p);
    if (q_end == std::string::npos) q_end = in.size();
    spec += '?';
    url.query_begin_ = static_cast<uint32_t>(spec.size());
    spec.append(in, p + 1, q_end - p - 1);
    url.query_end_ = static_cast<uint32_t>(spec.size());
    p = q_end;
  }
  url.fragment_begin_ = url.fragment_end_ = static_cast<uint32_t>(spec.size());
  if (p < in.size() && in[p] == '#') {
    spec += '#';
    url.fragment_begin_ = static_cast<uint32_t>(spec.size());
    spec.append(in, p + 1, std::string::npos);
    url.fragment_end_ = static_cast<uint32_t>(spec.size());
  }

  if (url.scheme_ == Scheme::kBlob) {
    // The blob's origin is its inner URL's origin ("blob:https://a.example/uuid").
    Result<Url> inner = Url::Parse(url.path());
    if (inner.ok() && inner.value().IsNetwork()) {
      url.blob_inner_ = true;
      url.inner_host_ = std::string(inner.value().host());
      url.host_kind_ = inner.value().host_kind();
      url.port_ = inner.value().port();
    }
  }
  return url;
}

}  // namespace trackscope
