// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "base/json_util.h"

namespace trackscope {
namespace {

// Accepts everything and records the first syntax error (without throwing).
class SyntaxErrorFinder : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::string message = "cannot parse";
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
    message = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." -> drop the tag.
    if (size_t tag = message.find("] "); message.rfind("[json.exception", 0) == 0 && tag != std::string::npos) {
      message = message.substr(tag + 2);
    }
    return false;
  }
};

}  // namespace

const char* JsonTypeName(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::binary: return "binary data";
    case nlohmann::json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

std::string JsonSyntaxError(std::string_view text) {
  SyntaxErrorFinder finder;
  nlohmann::json::sax_parse(text.begin(), text.end(), &finder, nlohmann::json::input_format_t::json, true);
  return finder.message;
}

std::optional<Error> CheckKnownKeys(const nlohmann::json& obj, const std::string& path,
                                    std::initializer_list<std::string_view> known) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (std::string_view k : known) ok = ok || it.key() == k;
    if (!ok) return Error{path + "." + it.key(), "unknown field"};
  }
  return std::nullopt;
}

std::string StringMember(const nlohmann::json& obj, std::string_view key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace trackscope
