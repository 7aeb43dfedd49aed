// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// uBlock Origin's list preprocessor: "!#if expr" / "!#else" / "!#endif" blocks, where expr uses
// tokens, '!', '&&', '||' and parentheses. trackscope evaluates them as uBlock Origin on
// Chromium does, so that both engines load the same filters from the same list:
//   true:  ext_ublock, env_chromium, cap_html_filtering, cap_user_stylesheet
//   false: everything else (env_firefox, env_safari, ext_abp, adguard, env_mv3, ...)
// "!#include" is not followed (the core does no I/O); the line counts as a comment.
#ifndef TRACKSCOPE_FILTER_PREPROCESSOR_H_
#define TRACKSCOPE_FILTER_PREPROCESSOR_H_

#include <string_view>
#include <vector>

namespace trackscope::filter {

class Preprocessor {
 public:
  // Consumes a directive line and returns true; returns false for any other line.
  bool Directive(std::string_view line);
  // Whether lines at this point are in effect.
  bool active() const { return stack_.empty() || stack_.back(); }

  static bool Evaluate(std::string_view expression);

 private:
  std::vector<bool> stack_;  // effective state of each open block (parents included)
  std::vector<bool> branch_;  // the condition's own value, for !#else
};

}  // namespace trackscope::filter

#endif  // TRACKSCOPE_FILTER_PREPROCESSOR_H_
