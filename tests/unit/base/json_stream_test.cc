// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "base/json_stream.h"

#include <catch2/catch_test_macros.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace trackscope {
namespace {

struct Delivered {
  std::string path, text;
  size_t line = 0;
};

// Routes like the HAR reader: descend into $ and $.log and $.log.entries, deliver the rest.
JsonStream::Route HarRoute(std::span<const JsonPathStep> path, char first) {
  if (path.empty()) return JsonStream::Route::kDescend;
  if (path.size() == 1 && path[0].key == "log") return JsonStream::Route::kDescend;
  if (path.size() == 2 && path[0].key == "log" && path[1].key == "entries" && first == '[') return JsonStream::Route::kDescend;
  if (path.size() == 1) return JsonStream::Route::kSkip;
  return JsonStream::Route::kDeliver;
}

struct Run {
  std::vector<Delivered> pieces;
  std::optional<Error> error;
  std::vector<Error> repairs;
};

// Feeds `text` in chunks of `chunk` bytes (0 = all at once).
Run Stream(std::string_view text, size_t chunk = 0, JsonStream::StringLimit limit = nullptr) {
  Run run;
  JsonStream s(HarRoute, [&](std::span<const JsonPathStep> path, std::string_view piece, size_t line) {
    run.pieces.push_back({FormatJsonPath(path), std::string(piece), line});
  }, std::move(limit));
  bool ok = true;
  if (chunk == 0) {
    ok = s.Feed(text);
  } else {
    for (size_t i = 0; i < text.size() && ok; i += chunk) ok = s.Feed(text.substr(i, chunk));
  }
  if (ok) s.Finish();
  run.error = s.error();
  run.repairs = s.repairs();
  return run;
}

const std::string kHar = R"({"log": {"version": "1.2", "creator": {"name": "x"},
  "pages": [{"id": "page_1", "title": "https://shop.example/"}],
  "entries": [
    {"request": {"url": "https://shop.example/", "headers": [{"name": "a\"b", "value": "\u00e9\ud83d\ude00"}]}, "time": -1.5e+2},
    {"request": {"url": "https://cdn.example/x.js"}, "_initiator": "https://shop.example/", "n": [true, false, null, 0, []]}
  ]}, "trailing": {"ignored": [1, 2, {"deep": "yes"}]}})";

TEST_CASE("JsonStream: delivers routed values whole, whatever the chunk size", "[json_stream]") {
  const Run whole = Stream(kHar);
  REQUIRE_FALSE(whole.error);
  REQUIRE(whole.pieces.size() == 5);
  CHECK(whole.pieces[0].path == "$.log.version");
  CHECK(whole.pieces[0].text == "\"1.2\"");
  CHECK(whole.pieces[1].path == "$.log.creator");
  CHECK(whole.pieces[2].path == "$.log.pages");
  CHECK(whole.pieces[3].path == "$.log.entries[0]");
  CHECK(whole.pieces[3].line == 4);
  CHECK(whole.pieces[4].path == "$.log.entries[1]");
  // Each piece is the value as written: it parses to what the whole document holds there.
  const nlohmann::json doc = nlohmann::json::parse(kHar);
  CHECK(nlohmann::json::parse(whole.pieces[3].text) == doc["log"]["entries"][0]);
  CHECK(nlohmann::json::parse(whole.pieces[4].text) == doc["log"]["entries"][1]);
  CHECK(nlohmann::json::parse(whole.pieces[2].text) == doc["log"]["pages"]);
  for (size_t chunk : {1, 2, 3, 7, 64}) {
    CAPTURE(chunk);
    const Run run = Stream(kHar, chunk);
    REQUIRE_FALSE(run.error);
    REQUIRE(run.pieces.size() == whole.pieces.size());
    for (size_t i = 0; i < run.pieces.size(); ++i) {
      CHECK(run.pieces[i].path == whole.pieces[i].path);
      CHECK(run.pieces[i].text == whole.pieces[i].text);
      CHECK(run.pieces[i].line == whole.pieces[i].line);
    }
  }
}

TEST_CASE("JsonStream: a scalar where a container was expected is delivered", "[json_stream]") {
  const Run run = Stream(R"({"log": {"entries": "none"}})");
  REQUIRE_FALSE(run.error);
  REQUIRE(run.pieces.size() == 1);
  CHECK(run.pieces[0].path == "$.log.entries");
  CHECK(run.pieces[0].text == "\"none\"");
  const Run number = Stream(R"({"log": 12.5e3})");
  REQUIRE(number.pieces.size() == 1);
  CHECK(number.pieces[0].text == "12.5e3");
  const Run top = Stream("-0.5");
  REQUIRE_FALSE(top.error);
  REQUIRE(top.pieces.size() == 1);
  CHECK(top.pieces[0].text == "-0.5");
}

TEST_CASE("JsonStream: malformed documents fail with path, line and column", "[json_stream]") {
  struct Case {
    std::string text, path, message;
  };
  const Case kCases[] = {
      {R"({"log": {"entries": [1, 2,]}})", "$.log.entries[2]", "line 1, column 27: unexpected ']' where a value should start"},
      {"{\"log\": {\"entries\": [\n  {\"a\": 1 \"b\": 2}]}}", "$.log.entries[0]", "line 2, column 11: expected ',' or '}' in an object"},
      {R"({"log": {"entries": [01]}})", "$.log.entries[0]", "line 1, column 23: a number may not have leading zeros"},
      {R"({"log": {"entries": [tru]}})", "$.log.entries[0]", "line 1, column 25: invalid literal (expected true)"},
      {R"({"log": {"entries": ["a\qb"]}})", "$.log.entries[0]", "line 1, column 25: invalid escape \\q in a string"},
      {R"({"log": {"entries": ["\u12G4"]}})", "$.log.entries[0]", "line 1, column 27: invalid \\u escape in a string (expected 4 hex digits)"},
      {R"({"log": {"entries": []}} x)", "$", "line 1, column 26: unexpected data after the end of the document"},
      {R"({"log": {"entries": [)", "$.log.entries", "line 1, column 22: the document ends before its last value is complete"},
      {R"({"log": "abc)", "$.log", "line 1, column 13: the document ends inside a string"},
      {"", "$", "line 1, column 1: empty document"},
      {R"({log: 1})", "$", "line 1, column 2: expected a member name in double quotes or '}'"},
      {R"({"log" 1})", "$.log", "line 1, column 8: expected ':' after the member name"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    for (size_t chunk : {0, 1, 5}) {
      CAPTURE(chunk);
      const Run run = Stream(c.text, chunk);
      REQUIRE(run.error);
      CHECK(run.error->path == c.path);
      CHECK(run.error->message == c.message);
    }
  }
}

TEST_CASE("JsonStream: nesting deeper than the limit is an error naming the limit", "[json_stream]") {
  std::string deep = R"({"log": {"entries": [)";
  for (int i = 0; i < 300; ++i) deep += "[";
  const Run run = Stream(deep);
  REQUIRE(run.error);
  CHECK(run.error->message.find("nesting deeper than 256 levels") != std::string::npos);
}

TEST_CASE("JsonStream: broken UTF-8 and lone surrogates are repaired per string, losslessly", "[json_stream]") {
  struct Case {
    std::string value;     // as written inside the quotes
    std::string repaired;  // the string it delivers
  };
  const Case kCases[] = {
      {"caf\xE9", "caf\\xE9"},                      // Latin-1 byte
      {"caf\xC3\xA9", "caf\xC3\xA9"},               // well-formed: untouched
      {"a\xC3", "a\\xC3"},                          // sequence cut by the closing quote
      {"\xC3(x", "\\xC3(x"},                        // lead byte without continuation
      {"\xC0\x80", "\\xC0\\x80"},                   // overlong encoding
      {"\xED\xA0\x80!", "\\xED\\xA0\\x80!"},        // UTF-8-encoded surrogate
      {"\xF4\x90\x80\x80", "\\xF4\\x90\\x80\\x80"},  // beyond U+10FFFF
      {"\\ud800", "\\ud800"},                       // lone high surrogate at the end
      {"\\ud800x", "\\ud800x"},                     // followed by a character
      {"\\udc00", "\\udc00"},                       // lone low surrogate
      {"\\ud800\\n", "\\ud800\n"},                  // followed by another escape
      {"\\ud800\\u0041", "\\ud800A"},               // followed by a non-surrogate \u escape
      {"\\ud800\\ud83d\\ude00", "\\ud800\xF0\x9F\x98\x80"},  // lone, then a valid pair
      {"\\ud83d\\ude00", "\xF0\x9F\x98\x80"},       // a valid pair: untouched
      {"tab\there", "tab\there"},                   // raw control character: escaped
  };
  for (const Case& c : kCases) {
    CAPTURE(c.value);
    const std::string doc = "{\"log\": {\"entries\": [{\"v\": \"" + c.value + "\"}, {\"w\": 1}]}}";
    for (size_t chunk : {0, 1, 2, 3}) {
      CAPTURE(chunk);
      const Run run = Stream(doc, chunk);
      REQUIRE_FALSE(run.error);
      REQUIRE(run.pieces.size() == 2);
      const nlohmann::json j = nlohmann::json::parse(run.pieces[0].text, nullptr, false);
      REQUIRE_FALSE(j.is_discarded());
      CHECK(j["v"].get<std::string>() == c.repaired);
      const bool changed = c.value != c.repaired && c.value.find("\\ud83d\\ude00") != 0 && c.value != "caf\xC3\xA9";
      if (c.repaired != c.value && changed) {
        REQUIRE(run.repairs.size() == 1);
        CHECK(run.repairs[0].path == "$.log.entries[0].v");
      }
      CHECK(nlohmann::json::parse(run.pieces[1].text) == nlohmann::json{{"w", 1}});
    }
  }
  // Two names that differ only in their broken bytes stay two names.
  const Run two = Stream("{\"log\": {\"entries\": [{\"n\": \"a\xE9\"}, {\"n\": \"a\xE8\"}]}}");
  REQUIRE(two.pieces.size() == 2);
  CHECK(nlohmann::json::parse(two.pieces[0].text)["n"] != nlohmann::json::parse(two.pieces[1].text)["n"]);
  CHECK(two.repairs.size() == 2);
}

TEST_CASE("JsonStream: a broken member name is repaired in the path too", "[json_stream]") {
  const Run run = Stream("{\"log\": {\"entries\": [{\"k\xE9y\": \"\xFF\"}]}}");
  REQUIRE_FALSE(run.error);
  REQUIRE(run.repairs.size() == 2);
  CHECK(run.repairs[0].path == "$.log.entries[0][\"k\\\\xE9y\"]");
  CHECK(run.repairs[1].path == "$.log.entries[0][\"k\\\\xE9y\"]");
  const nlohmann::json j = nlohmann::json::parse(run.pieces[0].text);
  CHECK(j.contains("k\\xE9y"));
}

TEST_CASE("JsonStream: long strings are cut where the consumer says, at a character boundary", "[json_stream]") {
  const std::string body(10000, 'a');
  const std::string doc = R"({"log": {"entries": [{"text": ")" + body + "\xC3\xA9" + body + R"(", "after": 1}]}})";
  for (size_t chunk : {0, 1, 333}) {
    CAPTURE(chunk);
    size_t asked = 0;
    const Run run = Stream(doc, chunk, [&](std::span<const JsonPathStep> path) {
      ++asked;
      CHECK(FormatJsonPath(path) == "$.log.entries[0].text");
      return size_t{5000};
    });
    REQUIRE_FALSE(run.error);
    REQUIRE(run.pieces.size() == 1);
    const nlohmann::json j = nlohmann::json::parse(run.pieces[0].text);
    CHECK(j["text"].get<std::string>() == std::string(5000, 'a'));
    CHECK(j["after"] == 1);
    CHECK(asked == 1);
  }
  // Without a limit the string is kept whole.
  const Run whole = Stream(doc);
  CHECK(nlohmann::json::parse(whole.pieces[0].text)["text"].get<std::string>().size() == 20002);
}

TEST_CASE("JsonStream: skipped values are validated but not delivered", "[json_stream]") {
  const Run run = Stream(R"({"other": [1, {"x": "y"}], "log": {"entries": [{}]}})");
  REQUIRE_FALSE(run.error);
  REQUIRE(run.pieces.size() == 1);
  CHECK(run.pieces[0].path == "$.log.entries[0]");
  const Run bad = Stream(R"({"other": [1, {"x" "y"}], "log": {"entries": [{}]}})");
  REQUIRE(bad.error);
  CHECK(bad.error->path == "$.other[1].x");
}

}  // namespace
}  // namespace trackscope
