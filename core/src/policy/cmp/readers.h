// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The readers of each CMP's declaration document (policy/consent_manager.h): body in, entries out,
// in the CMP's own terms. consent_manager.cc turns entries into a Declaration.
#ifndef TRACKSCOPE_POLICY_CMP_READERS_H_
#define TRACKSCOPE_POLICY_CMP_READERS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trackscope/base/result.h"
#include "trackscope/classify/purpose.h"

namespace trackscope::cmp {

enum class EntryType : uint8_t { kCookie, kPixel, kStorage };

struct Entry {
  std::string name;                  // as the CMP writes it (placeholders are normalised later)
  std::string pattern;               // a regular expression for the name, when the CMP gives one
  std::vector<std::string> domains;  // where it lives: the cookie's domain or the provider's; may be empty
  Purpose purpose = Purpose::kUnclassified;
  std::optional<double> lifetime_days;  // ParseLifetime's conventions; nullopt = not stated
  EntryType type = EntryType::kCookie;
  bool any_domain = false;  // the CMP names no domain: declared on any (not the page's site)
  std::string service;      // the service it belongs to ("Google Analytics"), when a domain-less CMP names one
  std::string where;  // the entry in the document: "cookieTableStatistics[3]", "$.DomainData.Groups[2].Hosts[0].Cookies[1]"
};

// Each reader appends the document's entries to `out` and returns an error when the body is not
// that CMP's declaration at all (then nothing was appended).
std::optional<Error> ReadCookiebot(std::string_view body, std::vector<Entry>& out);
std::optional<Error> ReadOneTrust(std::string_view body, std::vector<Entry>& out);
std::optional<Error> ReadComplianz(std::string_view body, std::vector<Entry>& out);

// Usercentrics splits its declaration over two documents (usercentrics.cc): every document is
// added, then Finish gives the cookies with the categories of their services.
class UsercentricsReader {
 public:
  std::optional<Error> Add(std::string_view body);
  void Finish(std::vector<Entry>& out);

 private:
  struct Pending {
    std::string template_id;
    Entry entry;
  };
  std::map<std::string, Purpose> purposes_;  // templateId -> its category's purpose
  std::vector<Pending> pending_;
};

// CookieYes: the script's store (cookies by category) and the audit table (their lifetimes), joined
// by cookie name (cookieyes.cc).
class CookieYesReader {
 public:
  std::optional<Error> Add(std::string_view body);
  void Finish(std::vector<Entry>& out);

 private:
  std::map<std::string, double> durations_;  // cookieID -> days
  std::vector<Entry> pending_;
};

// "1"/"true"/true-like strings (CMP JSON writes booleans as strings too).
bool TruthyText(std::string_view text);

}  // namespace trackscope::cmp

#endif  // TRACKSCOPE_POLICY_CMP_READERS_H_
