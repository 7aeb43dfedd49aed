// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// HAR import: a HAR 1.2 file (Chrome/Edge DevTools, Firefox, Safari, Playwright recordHar,
// puppeteer-har, chrome-har / browsertime, WebPageTest, Charles, Fiddler, mitmproxy, ...) turned
// into one Capture per page, so that the core analyses recorded sessions like live ones.
//
// Read by the HAR 1.2 spec (http://www.softwareishard.com/blog/har-12-spec/): fields whose name
// starts with '_' are the producer's own and are ignored unless understood, whatever their type
// (`_initiator` is an object in DevTools and a URL string in chrome-har); unknown fields are
// ignored; a standard field of the wrong type is reported as a warning with its JSON path and read
// as absent — the rest of its entry and of the file is kept. Only malformed JSON, a missing
// `log` / `log.entries`, or a file where no page can be told, reject the file.
//
// The file is streamed (base/json_stream.h): entries are read one at a time and kept in a compact
// form, so memory follows what the captures hold, not the size of the JSON.
//
//   HAR                                            Capture (one per page of log.pages, in order;
//                                                  one for the whole file when it has no pages)
//   entries[] with pageref = the page's id         requests[] (entries without a known pageref go to
//                                                  the page that started last before them)
//   the page's document: the entry whose URL is    page.url (and its redirect chain: main_frame)
//     the page title (DevTools, chrome-har), else
//     the first navigation (Sec-Fetch-Dest:
//     document, else _resourceType document, else
//     an HTML response), followed through redirects
//   pages[].title when it is not a URL            page.title
//   latest entry end (startedDateTime + time)      page.capturedAt
//   request url, method, headers, postData         url, method, requestHeaders, requestBody (text;
//                                                  else params form-encoded; cut at 64 KiB)
//   response status, headers, content.size         status, responseHeaders, bodySize
//   _resourceType, else guessed from mimeType      type (CORS preflights are left out, and the
//                                                  service worker's copy of a request it answered)
//   _initiator (object: url or first stack frame;  initiator
//     string: the URL)
//   response Set-Cookie headers (else              cookies[], replayed in time order through
//     response.cookies), not from cached entries   ParseSetCookie + ResolveCookie at each entry's time;
//     (_fromCache) nor blocked ones                a cookie the producer marks blocked
//     (_blockedCookies / _blockedResponseCookies)  (`name`, `cookie.name` or `cookieLine`) is left out
//   request Cookie headers (else request.cookies)  cookies[] with observed = sent, for cookies the
//                                                  replay did not store: seen sent, facts unknown
//   a request header DNT: 1 / Sec-GPC: 1           signals.dnt / signals.gpc
//   the page origin's /.well-known/gpc.json,       wellKnown, after redirects (not listed as requests)
//     /.well-known/dnt-policy.txt entries
//
// What a HAR cannot hold (script events, cookies written by scripts, image sizes) stays empty.
//
//   HarReader reader;
//   while (read(chunk)) if (!reader.Feed(chunk)) break;     // bytes in any chunking
//   Result<HarImport> har = reader.Finish();
//   if (!har.ok()) show(har.error());                        // "$.log.entries[12]": "line 310, ..."
//   for (const Capture& page : har.value().pages) Analyze(page);
#ifndef TRACKSCOPE_CAPTURE_HAR_H_
#define TRACKSCOPE_CAPTURE_HAR_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trackscope/base/result.h"
#include "trackscope/capture/capture.h"

namespace trackscope {

// One page of a HAR file, as imported.
struct HarPage {
  std::string id;          // log.pages[].id; empty for the implicit page of a file without pages
  std::string title;       // log.pages[].title as written
  size_t entries = 0;      // entries assigned to it (before preflights and well-known files are set apart)
  Capture capture;         // what the core analyses; its warnings hold the page's entry warnings
};

struct HarImport {
  std::string creator;             // "WebInspector 537.36": log.creator name and version
  std::vector<HarPage> pages;      // in log.pages order
  std::vector<Error> warnings;     // file-wide: malformed pages, skipped entries, repaired text
  size_t entries = 0;              // entries read
};

// Limits of one import; exceeding one is an error that names it.
struct HarLimits {
  size_t max_entries = 2'000'000;
  size_t max_pages = 100'000;
};

class HarReader {
 public:
  explicit HarReader(HarLimits limits = {});
  ~HarReader();
  HarReader(const HarReader&) = delete;
  HarReader& operator=(const HarReader&) = delete;

  // The next bytes of the file. Returns false once the file is known to be unreadable; Finish()
  // then returns the error.
  bool Feed(std::string_view bytes);
  // Ends the input. Fails on malformed JSON (path, line and column), a missing log / log.entries,
  // a limit reached, or when no page can be told (no document entry and no URL title).
  Result<HarImport> Finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The whole file at once.
Result<HarImport> ImportHar(std::string_view har_json);

// The first page of a HAR file as a Capture; file-wide warnings are added to its warnings.
Result<Capture> CaptureFromHar(std::string_view har_json);

}  // namespace trackscope

#endif  // TRACKSCOPE_CAPTURE_HAR_H_
