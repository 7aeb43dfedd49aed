// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "base/strings.h"
#include "filter/preprocessor.h"

#include <array>
#include <cctype>

namespace trackscope::filter {
namespace {

constexpr std::array<std::string_view, 4> kTrueTokens = {"ext_ublock", "env_chromium", "cap_html_filtering",
                                                         "cap_user_stylesheet"};

// expr := and ('||' and)* ; and := unary ('&&' unary)* ; unary := '!' unary | '(' expr ')' | token
class ExpressionParser {
 public:
  explicit ExpressionParser(std::string_view s) : s_(s) {}
  bool Parse() { return Or(0); }

 private:
  void Skip() { while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t')) ++p_; }
  bool Eat(std::string_view t) {
    Skip();
    if (s_.substr(p_, t.size()) != t) return false;
    p_ += t.size();
    return true;
  }
  bool Or(int depth) {
    bool v = And(depth);
    while (Eat("||")) v = And(depth) || v;
    return v;
  }
  bool And(int depth) {
    bool v = Unary(depth);
    while (Eat("&&")) v = Unary(depth) && v;
    return v;
  }
  bool Unary(int depth) {
    if (depth > 32) return false;
    if (Eat("!")) return !Unary(depth + 1);
    if (Eat("(")) {
      bool v = Or(depth + 1);
      Eat(")");
      return v;
    }
    Skip();
    size_t b = p_;
    while (p_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '_')) ++p_;
    std::string_view token = s_.substr(b, p_ - b);
    if (token.empty() && p_ < s_.size()) ++p_;  // skip a stray character
    for (std::string_view t : kTrueTokens) {
      if (t == token) return true;
    }
    return token == "true";
  }

  std::string_view s_;
  size_t p_ = 0;
};

}  // namespace

bool Preprocessor::Evaluate(std::string_view expression) { return ExpressionParser(expression).Parse(); }

bool Preprocessor::Directive(std::string_view raw) {
  std::string_view line = Trim(raw, " \t\r");
  if (!line.starts_with("!#")) return false;
  if (line.starts_with("!#if ") || line.starts_with("!#if\t")) {
    bool cond = Evaluate(line.substr(4));
    branch_.push_back(cond);
    stack_.push_back(active() && cond);
    return true;
  }
  if (line == "!#else" || line.starts_with("!#else ")) {
    if (!stack_.empty()) {
      stack_.pop_back();
      bool parent = active();
      branch_.back() = !branch_.back();
      stack_.push_back(parent && branch_.back());
    }
    return true;
  }
  if (line == "!#endif" || line.starts_with("!#endif ")) {
    if (!stack_.empty()) {
      stack_.pop_back();
      branch_.pop_back();
    }
    return true;
  }
  return line.starts_with("!#include");  // other "!#..." lines are plain comments
}

}  // namespace trackscope::filter
