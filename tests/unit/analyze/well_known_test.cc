// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "analyze/well_known.h"

#include <catch2/catch_test_macros.hpp>
#include <fstream>
#include <sstream>
#include <string>

namespace trackscope {
namespace {

TEST_CASE("gpc.json is checked against the GPC spec", "[signals][gpc]") {
  struct Case {
    int status;
    std::string_view body;
    GpcJsonStatus expected;
    std::optional<bool> gpc;
    std::string_view last_update;
    std::string_view reason;
  };
  using enum GpcJsonStatus;
  const Case kCases[] = {
      {200, R"({"gpc": true, "lastUpdate": "2024-01-15"})", kValid, true, "2024-01-15", ""},
      {200, R"({"gpc": false})", kValid, false, "", ""},
      {200, R"({"gpc": true, "version": 1, "lastUpdate": "2021-11-01T00:00:00Z", "extra": [1]})", kValid, true, "2021-11-01T00:00:00Z", ""},
      // An unparsable lastUpdate leaves the date unknown; the resource stays valid (spec).
      {200, R"({"gpc": true, "lastUpdate": "yesterday"})", kValid, true, "",
       "\"lastUpdate\" \"yesterday\" is not an ISO 8601 date: the date of the statement is unknown"},
      {200, R"({"gpc": "yes"})", kInvalid, std::nullopt, "", "\"gpc\" must be true or false, got a string"},
      {200, R"({"gpc": 1})", kInvalid, std::nullopt, "", "\"gpc\" must be true or false, got a number"},
      {200, R"({"lastUpdate": "2024-01-15"})", kInvalid, std::nullopt, "", "no \"gpc\" member"},
      {200, R"({"gpc": true, "lastUpdate": 20240115})", kInvalid, std::nullopt, "", "\"lastUpdate\" must be a string, got a number"},
      {200, R"([{"gpc": true}])", kInvalid, std::nullopt, "", "expected a JSON object, got an array"},
      {200, "<!doctype html><title>Not found</title>", kInvalid, std::nullopt, "", "not JSON"},
      {200, R"({"gpc": true,})", kInvalid, std::nullopt, "", "not JSON"},
      {404, "not found", kAbsent, std::nullopt, "", "the server answered HTTP 404"},
      {0, "", kAbsent, std::nullopt, "", "the fetch failed"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.status, c.body);
    const GpcJsonCheck r = CheckGpcJson(WellKnownResource{c.status, std::string(c.body)});
    CHECK(r.status == c.expected);
    CHECK(r.http_status == c.status);
    CHECK(r.gpc == c.gpc);
    CHECK(r.last_update == c.last_update);
    CHECK(r.reason == c.reason);
  }
  CHECK(CheckGpcJson(std::nullopt).status == kNotFetched);
  CHECK(GpcJsonStatusName(kNotFetched) == "not-fetched");
}

TEST_CASE("DNT policies are recognised by SHA-1 (Privacy Badger's table)", "[signals][dnt]") {
  CHECK(EffDntPolicyCount() >= 5);
  CHECK(EffDntPolicySource().find("webext-privacy-badger") != std::string_view::npos);
  CHECK(EffDntPolicyVersion("a18e8dba6848d3fc241b03b88291cb75a3cfec3b") == "DNT Policy v1.0");
  CHECK(EffDntPolicyVersion("0000000000000000000000000000000000000000").empty());

  const DntPolicyCheck other = CheckDntPolicy(WellKnownResource{200, "We honour DNT. Mostly.\n"});
  CHECK(other.status == DntPolicyStatus::kNotEff);
  CHECK(other.sha1.size() == 40);
  CHECK(other.version.empty());
  CHECK(other.reason.find("matches none of the") != std::string::npos);
  CHECK(CheckDntPolicy(WellKnownResource{404, ""}).status == DntPolicyStatus::kAbsent);
  CHECK(CheckDntPolicy(std::nullopt).status == DntPolicyStatus::kNotFetched);
}

TEST_CASE("The EFF DNT policy text and its published variants match; an edited one does not", "[signals][dnt]") {
  std::ifstream in(TRACKSCOPE_DNT_POLICY_TEXT, std::ios::binary);
  if (!in) SKIP("EFF DNT policy text not installed (" TRACKSCOPE_DNT_POLICY_TEXT ", Debian webext-privacy-badger)");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::string edited = text;
  edited.replace(edited.find("Do Not Track"), 12, "Do Not Trace");
  struct Case {
    std::string_view what;
    std::string body;
    DntPolicyStatus status;
    std::string_view version;
  };
  const Case kCases[] = {
      {"as published", text, DntPolicyStatus::kEff, "DNT Policy v1.0"},
      {"CRLF line endings", crlf, DntPolicyStatus::kEff, "DNT Policy v1.0 dos-line-endings"},
      {"no final newline", text.substr(0, text.size() - 1), DntPolicyStatus::kEff, "DNT Policy v1.0 no-eof-newline"},
      {"one word changed", edited, DntPolicyStatus::kNotEff, ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.what);
    const DntPolicyCheck r = CheckDntPolicy(WellKnownResource{200, c.body});
    CHECK(r.status == c.status);
    CHECK(r.version == c.version);
  }
}

TEST_CASE("Tk values carry their TPE meaning", "[signals][tk]") {
  CHECK(TkMeaning("N") == "not tracking");
  CHECK(TkMeaning("D") == "disregarding DNT");
  CHECK(TkMeaning("T") == "tracking");
  CHECK(TkMeaning("?") == "dynamic");
  CHECK(TkMeaning("X") == "unknown value");
}

}  // namespace
}  // namespace trackscope
