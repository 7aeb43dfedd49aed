// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Result<T>: the core API's way of reporting failure without exceptions.
//
// Every parser in the core returns a Result: either a value or an Error that names what is wrong
// and where (a JSON path such as `$.requests[3].url`, or `line 12`). Callers check `ok()` first.
//
//   Result<Capture> r = ParseCapture(text);
//   if (!r.ok()) { Print(r.error().path, r.error().message); return; }
//   const Capture& capture = r.value();
#ifndef TRACKSCOPE_BASE_RESULT_H_
#define TRACKSCOPE_BASE_RESULT_H_

#include <string>
#include <utility>
#include <variant>

namespace trackscope {

// What went wrong (`message`, a sentence without a trailing period) and where (`path`: a JSON
// path like `$.cookies[0].name`, `line 7`, or empty when the whole input is at fault).
struct Error {
  std::string path;
  std::string message;

  // "path: message", or just the message when there is no path.
  std::string ToString() const { return path.empty() ? message : path + ": " + message; }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}     // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  // Precondition: ok().
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  // Precondition: !ok().
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace trackscope

#endif  // TRACKSCOPE_BASE_RESULT_H_
