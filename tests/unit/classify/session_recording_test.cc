// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/classify/session_recording.h"

#include <catch2/catch_test_macros.hpp>

namespace trackscope {
namespace {

TEST_CASE("SessionRecorderOf: recorders by host and path", "[classify][session-recording]") {
  struct Case {
    std::string_view host, path, recorder;
  };
  const Case kCases[] = {
      {"static.hotjar.com", "/c/hotjar-3512345.js", "Hotjar"},
      {"in.hotjar.com", "/api/v2/client/sites/3512345/visit-data", "Hotjar"},
      {"vc.hotjar.io", "/sessions/3512345", "Hotjar"},
      {"www.clarity.ms", "/tag/abcdef", "Microsoft Clarity"},
      {"x.clarity.ms", "/collect", "Microsoft Clarity"},
      {"rs.fullstory.com", "/rec/bundle/v2", "FullStory"},
      {"r.lr-ingest.io", "/i", "LogRocket"},
      {"mc.yandex.ru", "/webvisor/12345", "Yandex Metrica Webvisor"},
      {"mc.yandex.ru", "/watch/12345", ""},  // Metrica without Webvisor: analytics, not a recorder
      {"us.i.posthog.com", "/s/", "PostHog session replay"},
      {"us.i.posthog.com", "/e/", ""},
      {"shop.example", "/plugins/HeatmapSessionRecording/configs.php", "Matomo Heatmap & Session Recording"},
      {"notclarity.ms", "/collect", ""},   // not a subdomain
      {"hotjar.com.evil.example", "/", ""},
      {"www.google-analytics.com", "/g/collect", ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.host, c.path);
    CHECK(SessionRecorderOf(c.host, c.path) == c.recorder);
  }
}

}  // namespace
}  // namespace trackscope
