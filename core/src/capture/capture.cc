// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Enum names of the Capture model.
#include "trackscope/capture/capture.h"

#include <array>
#include <string>

namespace trackscope {
namespace {

constexpr std::array<std::string_view, 13> kTypeNames = {
    "main_frame", "sub_frame", "script",    "image",      "stylesheet", "font",  "xmlhttprequest",
    "ping",       "media",     "websocket", "object",     "csp_report", "other",
};

struct Alias {
  std::string_view name;
  ResourceType type;
};
// CDP / Playwright / puppeteer / HAR (_resourceType) names that differ from webRequest's.
constexpr Alias kAliases[] = {
    {"document", ResourceType::kSubFrame}, {"xhr", ResourceType::kXhr},
    {"fetch", ResourceType::kXhr},         {"eventsource", ResourceType::kXhr},
    {"beacon", ResourceType::kPing},       {"manifest", ResourceType::kOther},
    {"texttrack", ResourceType::kOther},   {"imageset", ResourceType::kImage},
    {"preflight", ResourceType::kOther},   {"signedexchange", ResourceType::kOther},
    {"cspviolationreport", ResourceType::kCspReport},
    {"subdocument", ResourceType::kSubFrame},
};

}  // namespace

std::string_view ResourceTypeName(ResourceType type) { return kTypeNames[static_cast<size_t>(type)]; }

std::optional<ResourceType> ParseResourceType(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  for (size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == lower) return static_cast<ResourceType>(i);
  }
  for (const Alias& a : kAliases) {
    if (a.name == lower) return a.type;
  }
  return std::nullopt;
}

std::string_view SameSiteName(SameSite same_site) {
  constexpr std::array<std::string_view, 4> kNames = {"unspecified", "none", "lax", "strict"};
  return kNames[static_cast<size_t>(same_site)];
}

std::string_view SetterKindName(SetterKind kind) {
  constexpr std::array<std::string_view, 3> kNames = {"unknown", "http", "script"};
  return kNames[static_cast<size_t>(kind)];
}

std::string_view CookieSourceName(CookieSource source) {
  return source == CookieSource::kSent ? "sent" : "stored";
}

std::string_view ConsentStateName(ConsentState state) {
  constexpr std::array<std::string_view, 4> kNames = {"unknown", "none", "accepted", "rejected"};
  return kNames[static_cast<size_t>(state)];
}

std::string_view EventKindName(EventKind kind) {
  constexpr std::array<std::string_view, 6> kNames = {"cookie-write", "beacon", "storage-write",
                                                      "navigator-read", "fingerprint", "listener"};
  return kNames[static_cast<size_t>(kind)];
}

}  // namespace trackscope
