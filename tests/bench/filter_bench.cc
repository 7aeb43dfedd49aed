// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Native filter-engine benchmark: the same phases and JSON keys as tests/bench/filters/bench.mjs.
//   trackscope_filter_bench --lists A,B --requests FILE [--decisions FILE] [--stats]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <malloc.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "trackscope/filter/engine.h"

namespace {

using trackscope::filter::Engine;
using Clock = std::chrono::steady_clock;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string item; std::getline(ss, item, sep);) out.push_back(item);
  return out;
}

// Bytes the allocator has handed out and not taken back (glibc), so that memory freed after the
// build is not counted; comparable with the JS engines' heapUsed + external.
size_t HeapInUse() {
  struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

// puppeteer type -> webRequest type (the reference benchmark's mapping).
std::string MapType(const std::string& cpt) {
  if (cpt == "document") return "sub_frame";
  if (cpt == "xhr" || cpt == "fetch") return "xmlhttprequest";
  if (cpt == "eventsource" || cpt == "manifest" || cpt == "texttrack") return "other";
  return cpt;
}

bool IsNetwork(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0 || url.rfind("ws://", 0) == 0 ||
         url.rfind("wss://", 0) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string lists_arg, requests_path, decisions_path, save_path;
  bool stats = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--lists" && i + 1 < argc) lists_arg = argv[++i];
    else if (a == "--requests" && i + 1 < argc) requests_path = argv[++i];
    else if (a == "--decisions" && i + 1 < argc) decisions_path = argv[++i];
    else if (a == "--stats") stats = true;
    else if (a == "--save-engine" && i + 1 < argc) save_path = argv[++i];
  }
  if (lists_arg.empty() || requests_path.empty()) {
    std::fprintf(stderr, "usage: %s --lists A,B --requests FILE [--decisions FILE] [--stats]\n", argv[0]);
    return 2;
  }
  std::vector<std::string> names = Split(lists_arg, ','), texts;
  for (const std::string& n : names) texts.push_back(ReadFile(n));
  std::vector<trackscope::filter::ListSource> sources;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string base = names[i].substr(names[i].find_last_of('/') + 1);
    names[i] = base;
    sources.push_back({names[i], texts[i]});
  }
  struct Req {
    std::string url, frame;
    trackscope::filter::RequestType type;
  };
  std::vector<Req> requests;
  {
    std::ifstream in(requests_path);
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) continue;
      std::string url = j.value("url", ""), frame = j.value("frameUrl", "");
      if (!IsNetwork(url) || !IsNetwork(frame)) continue;
      requests.push_back({url, frame, trackscope::filter::RequestTypeFromName(MapType(j.value("cpt", "other")))});
    }
  }
  const size_t heap_before = HeapInUse();
  auto t0 = Clock::now();
  trackscope::filter::BuildOutput built = Engine::Build(sources);
  auto t1 = Clock::now();
  std::vector<uint8_t> bytes(built.engine.bytes().begin(), built.engine.bytes().end());
  if (!save_path.empty()) std::ofstream(save_path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  auto t2 = Clock::now();
  auto loaded = Engine::Load(bytes);
  auto t3 = Clock::now();
  if (!loaded.ok()) {
    std::fprintf(stderr, "load failed: %s\n", loaded.error().message.c_str());
    return 1;
  }
  if (stats) {
    for (size_t i = 0; i < built.stats.size(); ++i) {
      const auto& s = built.stats[i];
      std::fprintf(stderr, "%s: %u lines, %u network, %u cosmetic, %u comments, %u unsupported, %u badfiltered, %u modifiers, %u preprocessed out\n",
                   names[i].c_str(), s.lines, s.network, s.cosmetic, s.comments, s.unsupported, s.badfiltered, s.modifiers, s.preprocessed_out);
    }
    for (const auto& d : built.diagnostics) std::fprintf(stderr, "  %s:%u: %s\n", names[d.list].c_str(), d.line, d.reason.c_str());
  }
  { auto discard = std::move(built.engine); }  // keep only the loaded engine
  const size_t serialized_size = bytes.size();
  std::vector<uint8_t>().swap(bytes);
  const Engine& engine = loaded.value();
  const size_t heap_after = HeapInUse();
  std::vector<double> times;
  times.reserve(requests.size());
  size_t blocked = 0;
  std::ofstream decisions;
  if (!decisions_path.empty()) decisions.open(decisions_path);
  auto m0 = Clock::now();
  for (size_t i = 0; i < requests.size(); ++i) {
    const Req& r = requests[i];
    auto a = Clock::now();
    trackscope::filter::MatchResult m = engine.Match({r.url, r.frame, r.type});
    auto b = Clock::now();
    times.push_back(std::chrono::duration<double, std::micro>(b - a).count());
    if (m.decision == trackscope::filter::Decision::kBlock) ++blocked;
    if (decisions.is_open()) {
      nlohmann::json d{{"i", i},
                       {"decision", m.decision == trackscope::filter::Decision::kBlock       ? "block"
                                    : m.decision == trackscope::filter::Decision::kException ? "exception"
                                                                                             : "none"},
                       {"filter", m.filter.valid() ? engine.Describe(m.filter).text : ""},
                       {"exception", m.exception.valid() ? engine.Describe(m.exception).text : ""}};
      decisions << d.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  }
  auto m1 = Clock::now();
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  auto pct = [&](double p) { return sorted.empty() ? 0.0 : sorted[std::min(sorted.size() - 1, static_cast<size_t>(p * sorted.size()))]; };
  double total_s = std::chrono::duration<double>(m1 - m0).count();
  nlohmann::json out{{"engine", "trackscope-native"},
                     {"build_ms", std::chrono::duration<double, std::milli>(t1 - t0).count()},
                     {"memory_mb", (static_cast<double>(heap_after) - static_cast<double>(heap_before)) / 1e6},
                     {"serialized_bytes", serialized_size},
                     {"load_ms", std::chrono::duration<double, std::milli>(t3 - t2).count()},
                     {"median_us", pct(0.5)},
                     {"p99_us", pct(0.99)},
                     {"throughput_rps", requests.size() / total_s},
                     {"blocked", blocked},
                     {"requests", requests.size()}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
