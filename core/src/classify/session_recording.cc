// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/classify/session_recording.h"

#include "trackscope/url/host.h"

namespace trackscope {
namespace {

struct Recorder {
  std::string_view name;
  std::string_view host;         // the host or a parent domain of it; empty = any host
  std::string_view path_prefix;  // empty = any path
};

constexpr Recorder kRecorders[] = {
    {"Hotjar", "hotjar.com", ""},
    {"Hotjar", "hotjar.io", ""},
    {"Microsoft Clarity", "clarity.ms", ""},
    {"FullStory", "fullstory.com", ""},
    {"LogRocket", "logrocket.io", ""},
    {"LogRocket", "logrocket.com", ""},
    {"LogRocket", "lr-ingest.io", ""},
    {"LogRocket", "lr-ingest.com", ""},
    {"LogRocket", "lr-in.com", ""},
    {"LogRocket", "lr-in-prod.com", ""},
    {"Smartlook", "smartlook.com", ""},
    {"Smartlook", "smartlook.cloud", ""},
    {"Mouseflow", "mouseflow.com", ""},
    {"Lucky Orange", "luckyorange.com", ""},
    {"Lucky Orange", "luckyorange.net", ""},
    {"Inspectlet", "inspectlet.com", ""},
    {"Contentsquare", "contentsquare.net", ""},
    {"Contentsquare", "clicktale.net", ""},
    {"Quantum Metric", "quantummetric.com", ""},
    {"Crazy Egg", "crazyegg.com", ""},
    {"SessionCam", "sessioncam.com", ""},
    {"Decibel", "decibelinsight.net", ""},
    {"OpenReplay", "openreplay.com", ""},
    {"Yandex Metrica Webvisor", "yandex.ru", "/webvisor/"},
    {"Yandex Metrica Webvisor", "yandex.com", "/webvisor/"},
    {"PostHog session replay", "posthog.com", "/s/"},
    {"Matomo Heatmap & Session Recording", "", "/plugins/HeatmapSessionRecording/"},
};

}  // namespace

std::string_view SessionRecorderOf(std::string_view host, std::string_view path) {
  for (const Recorder& r : kRecorders) {
    if (!r.host.empty() && !DomainMatches(host, r.host)) continue;
    if (!r.path_prefix.empty() && !path.starts_with(r.path_prefix)) continue;
    return r.name;
  }
  return {};
}

}  // namespace trackscope
