// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "policy/cmp/js_literal.h"

#include <cctype>
#include <string>

#include "base/strings.h"

namespace trackscope::cmp {
namespace {

using Json = nlohmann::json;

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  std::optional<Json> Value(int depth = 0) {
    Space();
    if (p_ >= s_.size() || depth > 32) return std::nullopt;
    const char c = s_[p_];
    if (c == '[') return Array(depth);
    if (c == '{') return Object(depth);
    if (c == '"' || c == '\'') {
      std::optional<std::string> text = String();
      if (!text) return std::nullopt;
      return Json(std::move(*text));
    }
    if (c == '!' && p_ + 1 < s_.size() && (s_[p_ + 1] == '0' || s_[p_ + 1] == '1')) {
      p_ += 2;
      return Json(s_[p_ - 1] == '0');
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return Number();
    const std::string word = Name();
    if (word == "true") return Json(true);
    if (word == "false") return Json(false);
    if (word == "null" || word == "undefined") return Json(nullptr);
    return std::nullopt;
  }

 private:
  void Space() {
    while (p_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[p_]))) ++p_;
  }
  bool Take(char c) {
    Space();
    if (p_ < s_.size() && s_[p_] == c) return ++p_, true;
    return false;
  }
  std::string Name() {
    std::string out;
    while (p_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '_' || s_[p_] == '$')) out += s_[p_++];
    return out;
  }

  std::optional<Json> Number() {
    const size_t start = p_;
    if (s_[p_] == '-') ++p_;
    while (p_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[p_])) || s_[p_] == '.' || s_[p_] == 'e' || s_[p_] == 'E' ||
                              ((s_[p_] == '+' || s_[p_] == '-') && (s_[p_ - 1] == 'e' || s_[p_ - 1] == 'E')))) {
      ++p_;
    }
    Json n = Json::parse(s_.substr(start, p_ - start), nullptr, false);
    if (n.is_discarded() || !n.is_number()) return std::nullopt;
    return n;
  }

  std::optional<Json> Array(int depth) {
    Json out = Json::array();
    ++p_;
    while (true) {
      if (Take(']')) return out;
      std::optional<Json> item = Value(depth + 1);
      if (!item) return std::nullopt;
      out.push_back(std::move(*item));
      if (Take(',')) continue;
      if (Take(']')) return out;
      return std::nullopt;
    }
  }

  std::optional<Json> Object(int depth) {
    Json out = Json::object();
    ++p_;
    while (true) {
      if (Take('}')) return out;
      Space();
      std::string key;
      if (p_ < s_.size() && (s_[p_] == '"' || s_[p_] == '\'')) {
        std::optional<std::string> quoted = String();
        if (!quoted) return std::nullopt;
        key = std::move(*quoted);
      } else {
        key = Name();
      }
      if (key.empty() || !Take(':')) return std::nullopt;
      std::optional<Json> value = Value(depth + 1);
      if (!value) return std::nullopt;
      out[key] = std::move(*value);
      if (Take(',')) continue;
      if (Take('}')) return out;
      return std::nullopt;
    }
  }

  std::optional<std::string> String() {
    const char quote = s_[p_++];
    std::string out;
    while (p_ < s_.size() && s_[p_] != quote) {
      char c = s_[p_++];
      if (c == '\n') return std::nullopt;
      if (c != '\\' || p_ >= s_.size()) {
        out += c;
        continue;
      }
      c = s_[p_++];
      switch (c) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'u': {
          unsigned code = 0;
          for (int i = 0; i < 4; ++i) {
            if (p_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[p_]))) return std::nullopt;
            const char h = s_[p_++];
            code = code * 16 + static_cast<unsigned>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
          }
          AppendUtf8(out, code);
          break;
        }
        default: out += c;  // \' \" \\ \/ and any other escaped character as itself
      }
    }
    if (p_ >= s_.size()) return std::nullopt;
    ++p_;
    return out;
  }

  std::string_view s_;
  size_t p_ = 0;
};

}  // namespace

std::optional<nlohmann::json> ParseJsLiteral(std::string_view text) { return Reader(text).Value(); }

std::optional<nlohmann::json> FindJsLiteral(std::string_view text, std::string_view key, nlohmann::json::value_t type) {
  for (size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    // A whole name: not the tail of a longer one ("cookieTableNecessaryCount" for "cookieTableNecessary").
    size_t end = at + key.size();
    if (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) continue;
    if (end < text.size() && (text[end] == '"' || text[end] == '\'')) ++end;
    while (end < text.size() && std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    if (end >= text.size() || (text[end] != '=' && text[end] != ':')) continue;
    if (text[end] == '=' && end + 1 < text.size() && text[end + 1] == '=') continue;  // a comparison
    std::optional<nlohmann::json> value = ParseJsLiteral(text.substr(end + 1));
    if (value && value->type() == type) return value;
  }
  return std::nullopt;
}

}  // namespace trackscope::cmp
