// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Whole-analysis benchmark on a huge synthetic capture: parse Capture JSON, Analyze (filters,
// cookies, beacons, storage, fingerprinting, signals), serialise the report. Phases are timed
// separately; medians of --runs runs. Prints one JSON line.
//
//   trackscope_analyze_bench [--requests 10000] [--cookies 5000] [--runs 5] [--lists A,B | --no-lists]
//
// The capture is a worst case of a real page, deterministic (fixed seed): 300 third-party hosts
// (some with real tracker names so that vendors and pixel decoders apply), images and tiny pixels
// with identifiers, sendBeacon/keepalive with JSON bodies carrying cookie values, scripts, XHR;
// cookies with identifier, GA-style and preference values; storage writes, fingerprint events,
// cookie writes. The filter lists default to the Debian EasyList/EasyPrivacy the build uses
// (TRACKSCOPE_FILTER_LISTS); when absent the analysis runs without filter verdicts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "trackscope/analyze/analyze.h"
#include "trackscope/filter/engine.h"

namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class Generator {
 public:
  std::string Hex(size_t n) {
    static const char kDigits[] = "0123456789abcdef";
    std::string s(n, '0');
    for (char& c : s) c = kDigits[rng_() % 16];
    return s;
  }
  uint64_t Next(uint64_t n) { return rng_() % n; }

  std::string Capture(int requests, int cookies) {
    const char* kTrackers[] = {"www.facebook.com", "www.google-analytics.com", "googleads.g.doubleclick.net",
                               "analytics.tiktok.com", "px.ads.linkedin.com", "t.co", "bat.bing.com",
                               "www.googletagmanager.com", "connect.facebook.net", "static.hotjar.com"};
    std::vector<std::string> hosts;
    for (const char* t : kTrackers) hosts.emplace_back(t);
    for (int i = 0; hosts.size() < 300; ++i) hosts.push_back("px" + std::to_string(i) + ".tracker" + std::to_string(i % 120) + ".example");

    Json doc{{"version", 1},
             {"page", {{"url", "https://shop.example/"}, {"title", "Shop"}, {"capturedAt", "2026-11-29T05:00:00Z"}}},
             {"signals", {{"dnt", true}, {"gpc", false}}}};
    Json cookie_list = Json::array();
    std::vector<std::string> values;
    for (int i = 0; i < cookies; ++i) {
      const bool first = i % 5 == 0;
      std::string value = i % 3 == 0   ? "GA1.1." + std::to_string(1000000000 + Next(999999999)) + ".1795928400"
                          : i % 3 == 1 ? Hex(32)
                                       : std::string(i % 2 ? "en" : "true");
      values.push_back(value);
      Json c{{"name", (first ? "_fp_" : "uid_") + std::to_string(i)},
             {"value", value},
             {"domain", first ? ".shop.example" : "." + hosts[Next(hosts.size())]},
             {"path", "/"},
             {"secure", true},
             {"sameSite", "no_restriction"}};
      if (i % 4) c["expires"] = 1795928400 + 86400 * (1 + Next(400));
      cookie_list.push_back(std::move(c));
    }
    Json request_list = Json::array(), events = Json::array();
    for (int i = 0; i < requests; ++i) {
      const std::string& host = i % 7 == 0 ? std::string("shop.example") : hosts[Next(hosts.size())];
      const std::string& cookie = values[Next(values.size())];
      Json r{{"status", 200}, {"timeMs", i * 0.5}};
      switch (i % 10) {
        case 0: case 1: case 2: {  // images: tracking pixels and real images
          const bool pixel = i % 2 == 0;
          r["url"] = "https://" + host + (host == "www.facebook.com" ? "/tr" : "/i/px.gif") + "?id=" + std::to_string(i) +
                     "&ev=PageView&uid=" + Hex(16) + "&fbp=fb.1.1795928400123." + std::to_string(Next(1000000000));
          r["type"] = "image";
          r["image"] = pixel ? Json{{"width", 1}, {"height", 1}} : Json{{"width", 300}, {"height", 250}};
          r["bodySize"] = pixel ? 43 : 24000;
          break;
        }
        case 3: {  // sendBeacon with a JSON body carrying a cookie value
          const std::string url = "https://" + host + "/collect";
          const std::string body = R"({"cid":")" + cookie + R"(","page":"https://shop.example/p/)" + std::to_string(i) + R"(","ev":"view"})";
          r["url"] = url;
          r["type"] = "ping";
          r["method"] = "POST";
          r["requestBody"] = body;
          events.push_back({{"kind", "beacon"}, {"api", "navigator.sendBeacon"}, {"url", url}, {"value", body},
                            {"scriptUrl", "https://" + host + "/t.js"}});
          break;
        }
        case 4:  // GA-style hits
          r["url"] = "https://" + host + "/g/collect?v=2&tid=G-ABC123&cid=" + std::to_string(Next(2000000000)) +
                     ".1795928400&en=page_view&dl=https%3A%2F%2Fshop.example%2F";
          r["type"] = "xmlhttprequest";
          break;
        case 5: case 6:
          r["url"] = "https://" + host + "/js/app." + Hex(8) + ".js";
          r["type"] = "script";
          break;
        case 7:
          r["url"] = "https://" + host + "/api/items?page=" + std::to_string(i);
          r["type"] = "xmlhttprequest";
          break;
        case 8:
          r["url"] = "https://" + host + "/css/site.css";
          r["type"] = "stylesheet";
          break;
        default:
          r["url"] = "https://" + host + "/fonts/a.woff2";
          r["type"] = "font";
      }
      r["responseHeaders"] = {{"content-type", "text/plain"}};
      request_list.push_back(std::move(r));
    }
    // Script events: storage writes, fingerprinting, cookie writes.
    for (int i = 0; i < requests / 10; ++i) {
      const std::string script = "https://" + hosts[Next(40)] + "/fp.js";
      events.push_back({{"kind", "storage-write"}, {"api", i % 2 ? "localStorage.setItem" : "sessionStorage.setItem"},
                        {"key", "k" + std::to_string(i % 500)}, {"value", i % 3 ? Hex(32) : "dark"}, {"scriptUrl", script}});
      events.push_back({{"kind", "fingerprint"}, {"api", "navigator.hardwareConcurrency"}, {"scriptUrl", script}, {"count", 1 + i % 5}});
      events.push_back({{"kind", "fingerprint"}, {"api", "HTMLCanvasElement.toDataURL"}, {"scriptUrl", script},
                        {"canvas", {{"width", 240}, {"height", 60}, {"textLength", 29}, {"colors", 3}, {"shapes", 1}}}});
      events.push_back({{"kind", "cookie-write"}, {"api", "document.cookie"}, {"value", "uid_" + std::to_string(i) + "=" + Hex(16)},
                        {"scriptUrl", script}});
    }
    doc["requests"] = std::move(request_list);
    doc["cookies"] = std::move(cookie_list);
    doc["events"] = std::move(events);
    return doc.dump();
  }

 private:
  std::mt19937_64 rng_{20261129};
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int requests = 10000, cookies = 5000, runs = 5;
  std::string lists_arg = TRACKSCOPE_BENCH_LISTS;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--requests" && i + 1 < argc) requests = std::stoi(argv[++i]);
    else if (a == "--cookies" && i + 1 < argc) cookies = std::stoi(argv[++i]);
    else if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::stoi(argv[++i]));
    else if (a == "--lists" && i + 1 < argc) lists_arg = argv[++i];
    else if (a == "--no-lists") lists_arg.clear();
    else {
      std::fprintf(stderr, "usage: %s [--requests N] [--cookies N] [--runs N] [--lists A,B | --no-lists]\n", argv[0]);
      return 2;
    }
  }

  // Filter engine: built once, outside the timed phases (the front ends load a prebuilt one).
  std::vector<std::string> texts, names;
  for (std::string rest = lists_arg; !rest.empty();) {
    const size_t comma = rest.find_first_of(",;");
    const std::string path = rest.substr(0, comma);
    rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    std::string text = ReadFile(path);
    if (text.empty()) {
      std::fprintf(stderr, "note: %s not found; analysing without it\n", path.c_str());
      continue;
    }
    texts.push_back(std::move(text));
    names.push_back(path.substr(path.find_last_of('/') + 1));
  }
  std::vector<trackscope::filter::ListSource> sources;
  for (size_t i = 0; i < texts.size(); ++i) sources.push_back({names[i], texts[i]});
  std::optional<trackscope::filter::BuildOutput> built;
  if (!sources.empty()) built.emplace(trackscope::filter::Engine::Build(sources));

  Generator gen;
  const auto g0 = Clock::now();
  const std::string capture_json = gen.Capture(requests, cookies);
  const double generate_ms = Ms(g0, Clock::now());

  trackscope::AnalyzeOptions options;
  if (built) options.filters = &built->engine;
  std::vector<double> parse, analyze, serialise, total;
  trackscope::ReportSummary summary;
  size_t report_bytes = 0;
  for (int run = 0; run < runs; ++run) {
    const auto t0 = Clock::now();
    trackscope::Result<trackscope::Capture> capture = trackscope::ParseCapture(capture_json);
    const auto t1 = Clock::now();
    if (!capture.ok()) {
      std::fprintf(stderr, "capture rejected: %s: %s\n", capture.error().path.c_str(), capture.error().message.c_str());
      return 1;
    }
    trackscope::Result<trackscope::Report> report = trackscope::Analyze(capture.value(), options);
    const auto t2 = Clock::now();
    if (!report.ok()) {
      std::fprintf(stderr, "analysis failed: %s\n", report.error().message.c_str());
      return 1;
    }
    const std::string json = trackscope::ReportToJson(report.value());
    const auto t3 = Clock::now();
    parse.push_back(Ms(t0, t1));
    analyze.push_back(Ms(t1, t2));
    serialise.push_back(Ms(t2, t3));
    total.push_back(Ms(t0, t3));
    summary = report.value().summary;
    report_bytes = json.size();
  }
  Json out{{"bench", "analyze"},
           {"requests", requests},
           {"cookies", cookies},
           {"captureBytes", capture_json.size()},
           {"reportBytes", report_bytes},
           {"filterLists", names},
           {"runs", runs},
           {"generateMs", generate_ms},
           {"medianMs", {{"parse", Median(parse)}, {"analyze", Median(analyze)}, {"serialise", Median(serialise)},
                         {"total", Median(total)}}},
           {"maxTotalMs", *std::max_element(total.begin(), total.end())},
           {"report", {{"beacons", summary.beacons},
                       {"beaconsWithIdentifiers", summary.beacons_with_identifiers},
                       {"beaconsSharingCookies", summary.beacons_sharing_cookies},
                       {"storageItems", summary.storage_items},
                       {"fingerprintingScripts", summary.fingerprinting_scripts},
                       {"blockedRequests", summary.blocked_requests}}},
           {"targetMs", 2000},
           {"withinTarget", Median(total) < 2000}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
