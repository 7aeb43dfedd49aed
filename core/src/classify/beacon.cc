// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Beacon parameters, carried identifiers, cookie-value sharing, redaction (classify/beacon.h).
// The pixel decoders are in pixel_decoders.cc.
#include <algorithm>
#include <array>
#include <cstring>

#include "base/strings.h"
#include "trackscope/classify/beacon.h"
#include "trackscope/classify/cookie_value.h"

namespace trackscope {
namespace {

bool IsHex(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
int HexValue(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  return out;
}

// "a=1&b=2" (or ';'-separated) -> params. A part without '=' is a name with an empty value.
void ParseForm(std::string_view text, char separator, ParamSource source, std::vector<Param>& out, size_t limit) {
  size_t begin = 0;
  while (begin <= text.size() && out.size() < limit) {
    size_t end = text.find(separator, begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(begin, end - begin);
    if (!part.empty()) {
      const size_t eq = part.find('=');
      std::string_view name = part.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
      out.push_back({PercentDecode(name, true), PercentDecode(value, true), source});
    }
    begin = end + 1;
  }
}

// The leaves of a JSON document as (dotted path, text) params. Tolerant of nothing: any syntax
// error makes Parse() return false and the caller treats the body as opaque text.
class JsonLeaves {
 public:
  JsonLeaves(std::string_view text, std::vector<Param>& out, size_t limit) : s_(text), out_(out), limit_(limit) {}

  bool Parse() {
    std::string path;
    if (!Value(path, 0)) return false;
    SkipSpace();
    return i_ == s_.size();
  }

 private:
  void SkipSpace() {
    while (i_ < s_.size() && IsSpace(s_[i_])) ++i_;
  }
  bool Eat(char c) {
    SkipSpace();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  void Leaf(const std::string& path, std::string value) {
    if (out_.size() < limit_) out_.push_back({path, std::move(value), ParamSource::kBody});
  }
  bool String(std::string& out) {
    if (!Eat('"')) return false;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          if (i_ + 4 > s_.size()) return false;
          uint32_t cp = 0;
          for (int k = 0; k < 4; ++k) {
            if (!IsHex(s_[i_ + k])) return false;
            cp = cp * 16 + static_cast<uint32_t>(HexValue(s_[i_ + k]));
          }
          i_ += 4;
          AppendUtf8(out, cp >= 0xD800 && cp < 0xE000 ? 0xFFFD : cp);  // lone or paired surrogates: U+FFFD
          break;
        }
        default: out += e;  // \" \\ \/
      }
    }
    return false;
  }
  bool Value(const std::string& path, int depth) {
    if (depth > 32) return false;
    SkipSpace();
    if (i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '{') {
      ++i_;
      if (Eat('}')) return true;
      do {
        std::string key;
        if (!String(key) || !Eat(':')) return false;
        if (!Value(path.empty() ? key : path + "." + key, depth + 1)) return false;
      } while (Eat(','));
      return Eat('}');
    }
    if (c == '[') {
      ++i_;
      if (Eat(']')) return true;
      do {
        if (!Value(path, depth + 1)) return false;
      } while (Eat(','));
      return Eat(']');
    }
    if (c == '"') {
      std::string v;
      if (!String(v)) return false;
      Leaf(path, std::move(v));
      return true;
    }
    const size_t begin = i_;
    while (i_ < s_.size() && !IsSpace(s_[i_]) && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']') ++i_;
    if (i_ == begin) return false;
    std::string_view token = s_.substr(begin, i_ - begin);
    const bool number = token.find_first_not_of("0123456789+-.eE") == std::string_view::npos;
    if (!number && token != "true" && token != "false" && token != "null") return false;
    Leaf(path, std::string(token));
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  std::vector<Param>& out_;
  size_t limit_;
};

// A form line: "name=value&..." with no spaces (GA4 batches one hit per line).
bool LooksLikeForm(std::string_view line) {
  const size_t eq = line.find('=');
  return eq != std::string_view::npos && eq > 0 && line.find(' ') == std::string_view::npos;
}

// multipart/form-data (RFC 7578), recognised by its first line: "--" and the boundary. Each
// part's `name` and value become a parameter; file parts give their file name as the value.
// Returns false when the body is not multipart.
bool ParseMultipart(std::string_view body, std::vector<Param>& out, size_t limit) {
  if (body.substr(0, 2) != "--") return false;
  const size_t eol = body.find('\n');
  if (eol == std::string_view::npos) return false;
  std::string_view boundary = Trim(body.substr(0, eol), "\r");
  if (boundary.size() < 3 || boundary.size() > 200 || boundary.find_first_of(" \t") != std::string_view::npos) return false;
  size_t pos = eol + 1;
  bool any = false;
  while (pos < body.size() && out.size() < limit) {
    size_t next = body.find(boundary, pos);
    if (next == std::string_view::npos) next = body.size();
    std::string_view part = body.substr(pos, next - pos);
    // Headers, a blank line, the value (its line break before the next boundary is not part of it).
    size_t split = part.find("\r\n\r\n");
    size_t skip = 4;
    if (split == std::string_view::npos) {
      split = part.find("\n\n");
      skip = 2;
    }
    if (split == std::string_view::npos) break;
    std::string_view headers = part.substr(0, split);
    std::string_view value = part.substr(split + skip);
    if (value.ends_with("\r\n")) {
      value.remove_suffix(2);
    } else if (value.ends_with("\n")) {
      value.remove_suffix(1);
    }
    auto attribute = [&](std::string_view key) -> std::optional<std::string_view> {
      for (size_t at = headers.find(key); at != std::string_view::npos; at = headers.find(key, at + 1)) {
        if (at > 0 && headers[at - 1] != ' ' && headers[at - 1] != ';') continue;
        const size_t start = at + key.size();
        const size_t end = headers.find('"', start);
        if (end == std::string_view::npos) return std::nullopt;
        return headers.substr(start, end - start);
      }
      return std::nullopt;
    };
    if (std::optional<std::string_view> name = attribute("name=\"")) {
      std::optional<std::string_view> file = attribute("filename=\"");
      out.push_back({std::string(*name), file ? std::string(*file) : std::string(value), ParamSource::kBody});
      any = true;
    }
    if (next >= body.size() || body.substr(next + boundary.size(), 2) == "--") break;
    pos = next + boundary.size();
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return any;
}

void ParseBody(std::string_view body, std::vector<Param>& out, size_t limit) {
  std::string_view trimmed = Trim(body, " \t\r\n");
  if (trimmed.empty()) return;
  const size_t before = out.size();
  if (ParseMultipart(trimmed, out, limit)) return;
  out.resize(before);
  if (trimmed.front() == '{' || trimmed.front() == '[') {
    if (JsonLeaves(trimmed, out, limit).Parse()) return;
    out.resize(before);
  } else {
    bool form = true;
    for (size_t b = 0; b <= trimmed.size() && form;) {
      size_t e = trimmed.find('\n', b);
      if (e == std::string_view::npos) e = trimmed.size();
      std::string_view line = Trim(trimmed.substr(b, e - b), " \t\r\n");
      form = line.empty() || LooksLikeForm(line);
      b = e + 1;
    }
    if (form) {
      for (size_t b = 0; b <= trimmed.size();) {
        size_t e = trimmed.find('\n', b);
        if (e == std::string_view::npos) e = trimmed.size();
        ParseForm(Trim(trimmed.substr(b, e - b), " \t\r\n"), '&', ParamSource::kBody, out, limit);
        b = e + 1;
      }
      return;
    }
  }
  if (out.size() < limit) out.push_back({"", std::string(body), ParamSource::kBody});
}

// Identifier-like parameter names (lower case) and what they mean.
struct NameRule {
  std::string_view name;
  std::string_view meaning;
};
constexpr NameRule kIdentifierNames[] = {
    {"uid", "user id"}, {"user_id", "user id"}, {"userid", "user id"}, {"uuid", "unique id"},
    {"guid", "unique id"}, {"id", "an id"}, {"cid", "client id"}, {"client_id", "client id"},
    {"clientid", "client id"}, {"vid", "visitor id"}, {"visitor_id", "visitor id"}, {"visitorid", "visitor id"},
    {"anonymous_id", "anonymous id"}, {"anonymousid", "anonymous id"}, {"anon_id", "anonymous id"},
    {"device_id", "device id"}, {"deviceid", "device id"}, {"did", "device id"}, {"muid", "machine id"},
    {"sid", "session id"}, {"session_id", "session id"}, {"sessionid", "session id"},
    {"fbp", "Meta browser id (_fbp cookie)"}, {"_fbp", "Meta browser id (_fbp cookie)"},
    {"fbc", "Meta click id (_fbc cookie)"}, {"_fbc", "Meta click id (_fbc cookie)"},
    {"_ga", "Google Analytics client id"}, {"_gid", "Google Analytics id (_gid cookie)"},
    {"gclid", "Google Ads click id"}, {"dclid", "Google Display click id"}, {"fbclid", "Meta click id"},
    {"msclkid", "Microsoft Ads click id"}, {"ttclid", "TikTok click id"}, {"twclid", "X click id"},
    {"li_fat_id", "LinkedIn click id"}, {"ttp", "TikTok browser id (_ttp cookie)"},
    {"_ttp", "TikTok browser id (_ttp cookie)"}, {"external_id", "the site's own user id"},
    {"email", "e-mail address"}, {"idfa", "mobile advertising id"}, {"gaid", "mobile advertising id"},
    {"adid", "advertising id"},
};

// Parameters that describe the page or the hit, not the visitor: never reported as identifiers
// even when their values look random (URLs, titles, cache busters, screen sizes).
constexpr std::string_view kContextNames[] = {
    "dl", "dr", "dt", "dp", "dh", "url", "uri", "href", "ref", "referrer", "referer", "page", "page_url",
    "title", "location", "ua", "user_agent", "sr", "vp", "sd", "ul", "de", "ev", "en", "event", "t", "v",
    "cb", "rnd", "random", "z", "_z", "r", "ts", "timestamp", "time", "tz", "lang", "language",
};

bool IsContextName(std::string_view lower_leaf) {
  return std::find(std::begin(kContextNames), std::end(kContextNames), lower_leaf) != std::end(kContextNames);
}

bool LooksLikeUrl(std::string_view v) { return v.find("://") != std::string_view::npos || v.starts_with("/"); }

// A shared run that can be an identifier: digits and letters, or both cases of letters, or ≥ 12
// digits (GA's "1234567890.1795928400") that are not one timestamp. Words, dates and Unix times
// shared by chance do not count.
bool IdentifierLikeRun(std::string_view run) {
  size_t digits = 0, lower = 0, upper = 0;
  for (char c : run) {
    digits += c >= '0' && c <= '9';
    lower += c >= 'a' && c <= 'z';
    upper += c >= 'A' && c <= 'Z';
  }
  if (lower + upper == 0) return digits >= 12 && AnalyzeValue(run).shape != ValueShape::kTimestamp;
  return digits > 0 || (lower > 0 && upper > 0);
}

uint64_t GramKey(const char* p) {
  uint64_t k = 0;
  std::memcpy(&k, p, sizeof k);
  return k;
}

constexpr size_t kMaxIndexedChars = 512;   // of each cookie value
constexpr size_t kMaxLookupChars = 4096;   // of each looked-up value
constexpr size_t kMaxCandidates = 64;      // cookie comparisons per lookup

}  // namespace

std::string_view ParamSourceName(ParamSource source) {
  static constexpr std::array<std::string_view, 3> kNames = {"query", "path", "body"};
  return kNames[static_cast<size_t>(source)];
}

std::string PercentDecode(std::string_view s, bool form) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && IsHex(s[i + 1]) && IsHex(s[i + 2])) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += form && s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::string_view LeafName(std::string_view name) {
  const size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

std::vector<Param> ParseParams(std::string_view path, std::string_view query, std::string_view body, size_t limit) {
  std::vector<Param> params;
  ParseForm(query, '&', ParamSource::kQuery, params, limit);
  // Path parameters: "/activity;src=1;type=x" and "/ddm/activity/src=1;type=x".
  if (const size_t semi = path.find(';'); semi != std::string_view::npos) {
    std::string_view before = path.substr(0, semi);
    std::string_view last = before.substr(before.rfind('/') + 1);
    if (last.find('=') != std::string_view::npos) ParseForm(last, ';', ParamSource::kPath, params, limit);
    ParseForm(path.substr(semi + 1), ';', ParamSource::kPath, params, limit);
  }
  ParseBody(body, params, limit);
  return params;
}

std::string_view IdentifierNameMeaning(std::string_view name) {
  const std::string lower = Lower(LeafName(name));
  for (const NameRule& r : kIdentifierNames) {
    if (r.name == lower) return r.meaning;
  }
  return {};
}

std::string RedactValue(std::string_view value) {
  size_t chars = 0;
  for (char c : value) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return "•••• (" + std::to_string(chars) + (chars == 1 ? " char)" : " chars)");
}

CookieValueIndex::CookieValueIndex(std::span<const PageCookie> cookies) : cookies_(cookies) {
  decoded_.reserve(cookies.size());
  for (size_t i = 0; i < cookies.size(); ++i) {
    std::string_view v = cookies[i].value;
    decoded_.push_back(v.find('%') == std::string_view::npos ? std::string(v) : PercentDecode(v, false));
    const std::string& d = decoded_.back();
    const size_t n = std::min(d.size(), kMaxIndexedChars);
    for (size_t j = 0; j + kMinShared <= n; ++j) grams_.emplace_back(GramKey(d.data() + j), static_cast<uint32_t>(i));
  }
  std::sort(grams_.begin(), grams_.end());
  grams_.erase(std::unique(grams_.begin(), grams_.end()), grams_.end());
}

std::optional<CookieShare> CookieValueIndex::Find(std::string_view value) const {
  value = value.substr(0, kMaxLookupChars);
  if (value.size() < kMinShared || grams_.empty()) return std::nullopt;
  std::optional<CookieShare> best;
  size_t candidates = 0;
  for (size_t j = 0; j + kMinShared <= value.size() && candidates < kMaxCandidates; ++j) {
    const uint64_t key = GramKey(value.data() + j);
    auto it = std::lower_bound(grams_.begin(), grams_.end(), std::pair<uint64_t, uint32_t>{key, 0});
    for (; it != grams_.end() && it->first == key && candidates < kMaxCandidates; ++it, ++candidates) {
      const std::string& cookie = decoded_[it->second];
      const size_t pos = cookie.find(value.substr(j, kMinShared));
      if (pos == std::string::npos) continue;
      size_t left = 0, right = kMinShared;
      while (left < j && left < pos && value[j - left - 1] == cookie[pos - left - 1]) ++left;
      while (j + right < value.size() && pos + right < cookie.size() && value[j + right] == cookie[pos + right]) ++right;
      const size_t shared = left + right;
      if ((!best || shared > best->shared) && IdentifierLikeRun(value.substr(j - left, shared))) {
        best = CookieShare{it->second, shared};
      }
    }
  }
  return best;
}

std::vector<CarriedIdentifier> FindIdentifiers(const std::vector<Param>& params, const PixelDecode* decode,
                                               const CookieValueIndex* cookies) {
  std::vector<CarriedIdentifier> out;
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    if (p.value.empty() || LooksLikeUrl(p.value)) continue;
    const DecodedParam* known = nullptr;
    if (decode) {
      for (const DecodedParam& d : decode->params) {
        if (d.index == i) known = &d;
      }
    }
    if (known && known->role != ParamRole::kVisitor) continue;  // account, event, data, context
    const std::string lower_leaf = Lower(LeafName(p.name));
    if (!known && IsContextName(lower_leaf)) continue;

    CarriedIdentifier id;
    id.param = p.name;
    id.source = p.source;
    const ValueInfo info = AnalyzeValue(p.value.size() <= 1024 ? std::string_view(p.value) : std::string_view());
    id.bits = info.identifier_bits;
    const std::string_view name_meaning = IdentifierNameMeaning(p.name);
    id.named = !name_meaning.empty() && p.value.size() >= 4 && info.shape != ValueShape::kFlag;
    if (cookies) id.cookie = cookies->Find(p.value);
    const bool visitor = known && known->role == ParamRole::kVisitor;
    if (!visitor && !id.named && id.bits < 64 && !id.cookie) continue;
    if (visitor) {
      id.meaning = std::string(known->meaning);
    } else if (id.named) {
      id.meaning = std::string(name_meaning);
    } else if (id.bits >= 64) {
      id.meaning = "random-looking value (" + std::to_string(id.bits) + " bits)";
    } else {
      id.meaning = "a cookie value of the page";
    }
    id.value = p.value;
    out.push_back(std::move(id));
  }
  return out;
}

}  // namespace trackscope
