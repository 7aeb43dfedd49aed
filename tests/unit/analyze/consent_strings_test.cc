// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "analyze/consent_strings.h"

#include <catch2/catch_test_macros.hpp>
#include <string>

namespace trackscope {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("US Privacy strings decode", "[consent]") {
  struct Case {
    std::string_view cookie, value;
    bool valid;
    Fields fields;
    std::string_view summary;
  };
  const Case kCases[] = {
      {"usprivacy", "1YNN", true, {{"version", "1"}, {"notice", "yes"}, {"optOutSale", "no"}, {"lspa", "no"}},
       "notice given: yes; opted out of sale: no; covered by the LSPA: no"},
      {"us_privacy", "1YYY", true, {{"version", "1"}, {"notice", "yes"}, {"optOutSale", "yes"}, {"lspa", "yes"}},
       "notice given: yes; opted out of sale: yes; covered by the LSPA: yes"},
      {"usprivacy", "1---", true, {{"version", "1"}, {"notice", "not-applicable"}, {"optOutSale", "not-applicable"}, {"lspa", "not-applicable"}},
       "CCPA does not apply"},
      {"usprivacy", "2YNN", false, {}, "not a US Privacy string (expected version 1 and three of Y, N or -, like \"1YNN\")"},
      {"usprivacy", "1YN", false, {}, "not a US Privacy string (expected version 1 and three of Y, N or -, like \"1YNN\")"},
      {"usprivacy", "1YXN", false, {}, "not a US Privacy string (expected version 1 and three of Y, N or -, like \"1YNN\")"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.cookie, c.value);
    std::optional<ConsentString> s = DecodeConsentCookie(c.cookie, c.value);
    REQUIRE(s);
    CHECK(s->kind == ConsentStringKind::kUsPrivacy);
    CHECK(s->valid == c.valid);
    CHECK(s->fields == c.fields);
    CHECK(s->summary == c.summary);
  }
}

TEST_CASE("GPP header section ids (Fibonacci ranges)", "[consent]") {
  struct Case {
    std::string_view gpp;
    std::vector<int> ids;
    std::string_view error;
  };
  const Case kCases[] = {
      {"DBABMA~CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA", {2}, ""},  // TCF EU v2 only
      {"DBACNY~CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA~1YNN", {2, 6}, ""},  // + US Privacy
      {"DBABT~1YNN", {6}, ""},
      {"DBABjw~BVVqAAEABCA~1YNN", {5, 6}, ""},  // GPP spec header example 3: one range entry 5..6
      {"DBACONg", {2, 7, 8, 9}, ""},            // 2, then the range 7..9
      {"", {}, "empty header"},
      {"DBA!", {}, "header character '!' is not base64url"},
      {"BBABMA", {}, "header type is not 3"},
      {"DBAB", {}, "section id list is truncated"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.gpp);
    Result<std::vector<int>> r = GppSectionIds(c.gpp);
    if (c.error.empty()) {
      REQUIRE(r.ok());
      CHECK(r.value() == c.ids);
    } else {
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().message == c.error);
    }
  }
  std::optional<ConsentString> s = DecodeConsentCookie("__gpp", "DBACNY~CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA~1YNN");
  REQUIRE(s);
  CHECK(s->kind == ConsentStringKind::kGpp);
  CHECK(s->valid);
  CHECK(s->fields == Fields{{"sectionIds", "2,6"}, {"sections", "tcfeuv2, uspv1"}});
  CHECK(s->summary == "sections: tcfeuv2, uspv1");
  CHECK_FALSE(DecodeConsentCookie("__gpp", "hello")->valid);
}

TEST_CASE("OneTrust cookies decode into groups", "[consent]") {
  std::optional<ConsentString> s = DecodeConsentCookie(
      "OptanonConsent",
      "isGpcEnabled=1&datestamp=Wed+May+01+2024&version=202401.1.0&interactionCount=1&groups=C0001%3A1%2CC0002%3A0%2CC0004%3A0&AwaitingReconsent=false");
  REQUIRE(s);
  CHECK(s->kind == ConsentStringKind::kOneTrust);
  CHECK(s->valid);
  CHECK(s->fields == Fields{{"isGpcEnabled", "1"}, {"datestamp", "Wed May 01 2024"}, {"interactionCount", "1"},
                            {"C0001", "on"}, {"C0002", "off"}, {"C0004", "off"}});
  CHECK(s->summary == "on: C0001 (strictly necessary); off: C0002 (performance), C0004 (targeting)");

  std::optional<ConsentString> bad = DecodeConsentCookie("OptanonConsent", "groups=C0001%3Ayes");
  REQUIRE(bad);
  CHECK_FALSE(bad->valid);
  CHECK(bad->summary == "group \"C0001:yes\" is not ID:1 or ID:0");
  CHECK_FALSE(DecodeConsentCookie("OptanonConsent", "version=1")->valid);

  std::optional<ConsentString> closed = DecodeConsentCookie("OptanonAlertBoxClosed", "2024-05-01T10:00:00.000Z");
  REQUIRE(closed);
  CHECK(closed->valid);
  CHECK(closed->summary == "consent banner closed at 2024-05-01T10:00:00.000Z");
  CHECK_FALSE(DecodeConsentCookie("OptanonAlertBoxClosed", "soon")->valid);

  CHECK_FALSE(DecodeConsentCookie("_ga", "GA1.1.1.1"));
  CHECK_FALSE(DecodeConsentCookie("optanonconsent", "groups=C0001:1"));  // OneTrust's names are case-sensitive
}

}  // namespace
}  // namespace trackscope
