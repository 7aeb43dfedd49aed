// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Session-recording products — scripts that record what the visitor does on the page (pointer
// moves, clicks, scrolls, typed text, the page's changes) and send it to be replayed — recognised
// by the hosts and paths of their scripts and collectors:
//
//   request                                          recorder
//   https://static.hotjar.com/c/hotjar-123.js?sv=6   Hotjar
//   https://x.clarity.ms/collect                     Microsoft Clarity
//   https://rs.fullstory.com/rec/bundle/v2?...       FullStory
//   https://mc.yandex.ru/webvisor/12345?...          Yandex Metrica Webvisor (path /webvisor/ only:
//                                                    the rest of Metrica is not a recorder)
//   https://us.i.posthog.com/s/?...                  PostHog session replay (/s/ only)
//   https://shop.example/plugins/HeatmapSessionRecording/configs.php
//                                                    Matomo Heatmap & Session Recording (any host)
//   https://www.google-analytics.com/g/collect       none
//
// Host rules match the host and its subdomains. The table is ours, written from the vendors'
// public documentation of the hosts to allow in a content security policy.
#ifndef TRACKSCOPE_CLASSIFY_SESSION_RECORDING_H_
#define TRACKSCOPE_CLASSIFY_SESSION_RECORDING_H_

#include <string_view>

namespace trackscope {

// The recorder `host` + `path` belongs to (a static name, e.g. "Hotjar"), or empty.
std::string_view SessionRecorderOf(std::string_view host, std::string_view path);

}  // namespace trackscope

#endif  // TRACKSCOPE_CLASSIFY_SESSION_RECORDING_H_
