// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// HAR import: a HAR 1.2 file (Chrome DevTools "Save all as HAR", Playwright's recordHar, ...)
// converted into a Capture, so that the core analyses recorded sessions like live ones.
//
//   HAR                                           Capture
//   log.pages[0].title                            page.title (unless it is the URL, as Chrome writes)
//   the first document entry, after redirects     page.url (its entries are main_frame)
//   latest entry end (startedDateTime + time)     page.capturedAt
//   entries[] of the first page (pageref)         requests[]: url, method, headers, postData.text,
//                                                 status, response headers, content.size,
//                                                 _resourceType (else guessed from mimeType),
//                                                 _initiator url, time since the page started
//   response Set-Cookie headers                   cookies[], replayed in order through
//     (response.cookies when there are none)      ParseSetCookie + ResolveCookie at the entry's time
//   a request header DNT: 1 / Sec-GPC: 1          signals.dnt / signals.gpc
//   the page origin's /.well-known/gpc.json,      wellKnown (and not listed as requests)
//     /.well-known/dnt-policy.txt entries
//
// What a HAR cannot hold (script events, cookies written by scripts, image sizes) stays empty.
#ifndef TRACKSCOPE_CAPTURE_HAR_H_
#define TRACKSCOPE_CAPTURE_HAR_H_

#include <string_view>

#include "trackscope/base/result.h"
#include "trackscope/capture/capture.h"

namespace trackscope {

// Fails on malformed JSON, a missing log / log.entries, or a field of the wrong type, naming the
// JSON path ("$.log.entries[12].request.url") and the reason. Set-Cookie lines a browser would
// reject become warnings (Capture::warnings) with their path.
Result<Capture> CaptureFromHar(std::string_view har_json);

}  // namespace trackscope

#endif  // TRACKSCOPE_CAPTURE_HAR_H_
