// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Report: the one output of the core, for one page. Plain structs; the JSON form (schema version
// 1, specified in core/src/report/REPORT.md) is written by ReportToJson().
//
// Layout of a report:
//
//   Report
//   ├── page            url, host, site (eTLD+1) of the top document
//   ├── summary         counts
//   ├── sites[]         one group per site (eTLD+1), first party first, then by request count
//   │   ├── hosts[]     hosts of that site seen on the page
//   │   ├── requests[]  url, host, type, status
//   │   └── cookies[]   name, domain, lifetime, flags, who set it
//   └── diagnostics[]   input that was skipped, with its JSON path
#ifndef TRACKSCOPE_REPORT_REPORT_H_
#define TRACKSCOPE_REPORT_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trackscope/base/result.h"
#include "trackscope/capture/capture.h"
#include "trackscope/url/registry.h"

namespace trackscope {

inline constexpr int kReportVersion = 1;

std::string_view PartyName(Party party);  // "first", "third"

struct ReportRequest {
  std::string url;   // canonical
  std::string host;  // canonical
  ResourceType type = ResourceType::kOther;
  int status = 0;
};

struct ReportCookie {
  std::string name;
  std::string value;
  std::string domain;  // without the leading '.'
  std::string path;
  bool host_only = false;
  Party party = Party::kFirst;
  bool session = true;
  std::optional<double> expires;        // Unix seconds
  std::optional<double> lifetime_days;  // expires - capture time, when both are known
  bool http_only = false;
  bool secure = false;
  SameSite same_site = SameSite::kUnspecified;
  bool partitioned = false;
  SetterKind set_by = SetterKind::kUnknown;
  std::string set_by_url;
};

struct SiteGroup {
  std::string site;  // registrable domain, or the host when it has none (IP, localhost)
  Party party = Party::kThird;
  std::vector<std::string> hosts;  // sorted
  std::vector<ReportRequest> requests;  // in capture order
  std::vector<ReportCookie> cookies;    // in capture order
};

struct ReportSummary {
  int requests = 0;             // network requests analysed (http, https, ws, wss)
  int non_network_requests = 0; // data:, blob:, extension URLs: counted, not grouped
  int sites = 0;
  int third_party_sites = 0;
  int cookies = 0;
  int third_party_cookies = 0;
};

struct Report {
  std::string page_url;
  std::string page_host;
  std::string page_site;
  std::string title;
  bool dnt_sent = false;
  bool gpc_sent = false;
  ReportSummary summary;
  std::vector<SiteGroup> sites;
  std::vector<Error> diagnostics;
};

// Serialises `report` as JSON (REPORT.md). `indent` < 0 gives the compact form. Invalid UTF-8 in
// observed strings is replaced with U+FFFD, never an error.
std::string ReportToJson(const Report& report, int indent = -1);

}  // namespace trackscope

#endif  // TRACKSCOPE_REPORT_REPORT_H_
