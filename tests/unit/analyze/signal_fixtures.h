// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Small hand-made captures for the privacy-signal, comparison and declaration tests.
#ifndef TRACKSCOPE_TESTS_UNIT_ANALYZE_SIGNAL_FIXTURES_H_
#define TRACKSCOPE_TESTS_UNIT_ANALYZE_SIGNAL_FIXTURES_H_

#include <catch2/catch_test_macros.hpp>
#include <initializer_list>
#include <string>

#include "trackscope/analyze/analyze.h"

namespace trackscope::testing {

// Cookies whose purpose the classifier knows from its catalog.
enum class Fixture { kSession, kTheme, kGa, kIde, kFacebook };

inline CapturedCookie MakeCookie(Fixture f) {
  CapturedCookie c;
  c.expires = 1900000000;
  switch (f) {
    case Fixture::kSession: c.name = "PHPSESSID", c.domain = "news.example", c.expires.reset(); break;  // necessary
    case Fixture::kTheme: c.name = "ui_theme", c.domain = "news.example"; break;                       // functional
    case Fixture::kGa: c.name = "_ga", c.value = "GA1.1.123.456", c.domain = ".news.example"; break;    // analytics
    case Fixture::kIde: c.name = "IDE", c.value = "AHWqTUk", c.domain = ".doubleclick.net"; break;      // advertising
    case Fixture::kFacebook: c.name = "_fbp", c.value = "fb.1.1700000000.123", c.domain = ".news.example"; break;  // advertising
  }
  return c;
}

// A page load of https://news.example/ with `cookies`; `gpc`/`dnt`: the signals sent.
inline Capture NewsPage(std::initializer_list<Fixture> cookies, bool gpc = false, bool dnt = false) {
  Capture c;
  c.page_url = "https://news.example/";
  c.captured_at = 1795928400.0;
  c.gpc_sent = gpc;
  c.dnt_sent = dnt;
  CapturedRequest& doc = c.requests.emplace_back();
  doc.url = "https://news.example/";
  doc.type = ResourceType::kMainFrame;
  doc.status = 200;
  for (Fixture f : cookies) c.cookies.push_back(MakeCookie(f));
  return c;
}

inline Report AnalyzeOk(const Capture& capture, const Policy* policy = nullptr) {
  AnalyzeOptions options;
  options.policy = policy;
  Result<Report> r = Analyze(capture, options);
  REQUIRE(r.ok());
  return std::move(r).value();
}

inline Policy ParsePolicyOk(std::string_view json) {
  Result<Policy> p = Policy::Parse(json);
  if (!p.ok()) FAIL(p.error().ToString());
  return std::move(p).value();
}

}  // namespace trackscope::testing

#endif  // TRACKSCOPE_TESTS_UNIT_ANALYZE_SIGNAL_FIXTURES_H_
