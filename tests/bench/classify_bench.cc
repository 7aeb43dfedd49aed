// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Cookie classification throughput, native: ClassifyCookie on a realistic mix of cookies.
//   trackscope_classify_bench [--csv FILE] [--rounds N]
// Without --csv (or when the file is absent) it uses a synthetic mix of catalog names, unknown
// names, identifier and preference values. Prints one JSON line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "trackscope/classify/cookie_classifier.h"

namespace {

struct Row {
  std::string name, value, domain;
  bool third, session;
  double days;
};

// Minimal CSV reader for the labelled files' columns (quoted fields, no embedded newlines).
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  out.push_back(field);
  return out;
}

std::vector<Row> FromCsv(const std::string& path) {
  std::ifstream in(path);
  std::vector<Row> rows;
  std::string line;
  if (!std::getline(in, line)) return rows;
  std::vector<std::string> header = SplitCsv(line);
  auto col = [&](const char* name) { return std::find(header.begin(), header.end(), name) - header.begin(); };
  const auto n = col("name"), v = col("value"), d = col("domain"), e = col("expiry_s"), s = col("session"), f = col("first_party_domain");
  while (std::getline(in, line)) {
    std::vector<std::string> c = SplitCsv(line);
    if (c.size() < header.size()) continue;
    std::string domain = c[d];
    if (!domain.empty() && domain[0] == '.') domain.erase(0, 1);
    rows.push_back({c[n], c[v], domain, c[f].find(domain) == std::string::npos, c[s] == "1",
                    c[e].empty() ? 0 : std::stod(c[e]) / 86400});
  }
  return rows;
}

std::vector<Row> Synthetic() {
  const char* names[] = {"_ga", "_gid", "_fbp", "IDE", "PHPSESSID", "lang", "OptanonConsent", "_hjSessionUser_1",
                         "cart_token", "zq_unknown", "ab_bucket", "uid", "__cf_bm", "currency"};
  std::vector<Row> rows;
  for (int i = 0; i < 1000; ++i) {
    rows.push_back({names[i % 14], i % 3 ? "9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e" : "en", i % 4 ? "shop.example" : "ads.adnet.example",
                    i % 4 == 0, i % 5 == 0, 365});
  }
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  std::string csv;
  int rounds = 20;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--csv" && i + 1 < argc) csv = argv[++i];
    else if (a == "--rounds" && i + 1 < argc) rounds = std::stoi(argv[++i]);
  }
  std::vector<Row> rows = csv.empty() ? std::vector<Row>() : FromCsv(csv);
  const bool synthetic = rows.empty();
  if (synthetic) rows = Synthetic();
  size_t checksum = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const Row& row : rows) {
      trackscope::CookieFacts f;
      f.name = row.name;
      f.value = row.value;
      f.domain = row.domain;
      f.party = row.third ? trackscope::Party::kThird : trackscope::Party::kFirst;
      f.session = row.session;
      if (!row.session) f.lifetime_days = row.days;
      checksum += static_cast<size_t>(trackscope::ClassifyCookie(f).purpose);
    }
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("{\"engine\":\"trackscope-native\",\"cookies\":%zu,\"rounds\":%d,\"source\":\"%s\",\"cookies_per_second\":%.0f,\"us_per_cookie\":%.2f,\"checksum\":%zu}\n",
              rows.size(), rounds, synthetic ? "synthetic" : "csv", rows.size() * rounds / s, s * 1e6 / (rows.size() * rounds), checksum);
  return 0;
}
