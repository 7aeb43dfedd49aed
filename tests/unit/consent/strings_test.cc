// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "consent/strings.h"

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
    // optOutSale Y / N is the record's opt-out; "-" (not applicable) says nothing.
    const std::optional<bool> opted_out = c.valid && c.value[2] != '-' ? std::optional<bool>(c.value[2] == 'Y') : std::nullopt;
    CHECK(s->opted_out == opted_out);
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
  // The tcfeuv2 section is a TC string (decoded as in euconsent-v2, fields prefixed), then US Privacy.
  REQUIRE(s->fields.size() == 2 + 15 + 4);
  CHECK(Fields(s->fields.begin(), s->fields.begin() + 3) ==
        Fields{{"sectionIds", "2,6"}, {"sections", "tcfeuv2, uspv1"}, {"tcfeuv2.version", "2"}});
  CHECK(Fields(s->fields.end() - 4, s->fields.end()) ==
        Fields{{"uspv1.version", "1"}, {"uspv1.notice", "yes"}, {"uspv1.optOutSale", "no"}, {"uspv1.lspa", "no"}});
  CHECK(s->summary ==
        "sections: tcfeuv2, uspv1; tcfeuv2: CMP 31, updated 2022-04-20T22:00:00Z; no consent to any purpose or vendor; uspv1: "
        "notice given: yes; opted out of sale: no; covered by the LSPA: no");
  CHECK(s->consent_given == false);
  CHECK(s->opted_out == false);
  CHECK_FALSE(s->gpc.has_value());
  CHECK_FALSE(DecodeConsentCookie("__gpp", "hello")->valid);
}

TEST_CASE("GPP US sections: opt-outs and the GPC subsection", "[consent]") {
  // Encoded with IAB's reference library (@iabgpp/cmpapi); wasm/test/gpp-conformance.test.mjs
  // checks every US section against it.
  std::optional<ConsentString> s = DecodeConsentCookie("__gpp", "DBABLA~CEQRAAAAAABA.YA");
  REQUIRE(s);
  REQUIRE(s->valid);
  CHECK(s->fields == Fields{{"sectionIds", "7"},
                            {"sections", "usnat"},
                            {"usnat.version", "2"},
                            {"usnat.sharingNotice", "not-applicable"},
                            {"usnat.saleOptOutNotice", "yes"},
                            {"usnat.sharingOptOutNotice", "not-applicable"},
                            {"usnat.targetedAdvertisingOptOutNotice", "yes"},
                            {"usnat.sensitiveDataProcessingOptOutNotice", "not-applicable"},
                            {"usnat.sensitiveDataLimitUseNotice", "not-applicable"},
                            {"usnat.saleOptOut", "opted-out"},
                            {"usnat.sharingOptOut", "not-applicable"},
                            {"usnat.targetedAdvertisingOptOut", "opted-out"},
                            {"usnat.gpc", "true"}});
  CHECK(s->summary == "sections: usnat; usnat: opted out of sale, targeted advertising; GPC flag set");
  CHECK(s->opted_out == true);
  CHECK(s->gpc == true);

  // OneTrust keeps its GPP string in OTGPPConsent. usmd: sale "did not opt out", GPC flag off.
  std::optional<ConsentString> md = DecodeConsentCookie("OTGPPConsent", "DBABEYA~BQCA.QA");
  REQUIRE(md);
  CHECK(md->kind == ConsentStringKind::kGpp);
  REQUIRE(md->valid);
  CHECK(md->summary == "sections: usmd; usmd: did not opt out of sale; GPC flag not set");
  CHECK(md->opted_out == false);
  CHECK(md->gpc == false);

  struct Bad {
    std::string_view gpp, summary;
  };
  const Bad kBad[] = {
      {"DBABLA", "not a GPP string: the header lists 1 section(s), the string has 0"},
      {"DBABLA~CEQRAAAAAABA~1YNN", "not a GPP string: the header lists 1 section(s), the string has 2"},
      {"DBABLA~CE", "not a GPP string: section usnat: truncated: 12 bits, the fields need 24"},
      {"DBABLA~AEQRAAAAAABA", "not a GPP string: section usnat: version 0"},
      {"DBABLA~C___", "not a GPP string: section usnat: field sharingNotice has the reserved value 3"},
      {"DBABLA~CEQ!AAAAAABA", "not a GPP string: section usnat: section character '!' is not base64url"},
      {"DBABLA~CEQRAAAAAABA.gA", "not a GPP string: section usnat: GPC segment is not subsection type 1 with a Gpc bit"},
      {"DBABTA~1YXN", "not a GPP string: section uspv1: not a US Privacy string (expected version 1 and three of Y, N or -, like \"1YNN\")"},
  };
  for (const Bad& b : kBad) {
    CAPTURE(b.gpp);
    std::optional<ConsentString> bad = DecodeConsentCookie("__gpp", b.gpp);
    REQUIRE(bad);
    CHECK_FALSE(bad->valid);
    CHECK(bad->summary == b.summary);
    CHECK(bad->fields.empty());
    CHECK_FALSE(bad->opted_out.has_value());
    CHECK_FALSE(bad->gpc.has_value());
  }
}

TEST_CASE("TCF v2 TC strings: the core segment", "[consent]") {
  // Encoded with IAB Tech Lab's reference library (@iabtechlabtcf/core);
  // wasm/test/tcf-conformance.test.mjs checks random strings against it.
  std::optional<ConsentString> s = DecodeConsentCookie("euconsent-v2", "CQdaBhyQdaBhyAKACBENCWEoAOAAAEIAAAYgF5wAoAAgAEAvMAAAAAAA");
  REQUIRE(s);
  CHECK(s->kind == ConsentStringKind::kTcf);
  REQUIRE(s->valid);
  CHECK(s->fields == Fields{{"version", "2"},
                            {"cmpId", "10"},
                            {"cmpVersion", "2"},
                            {"created", "2026-01-02T03:04:05Z"},
                            {"lastUpdated", "2026-01-02T03:04:05Z"},
                            {"consentLanguage", "EN"},
                            {"vendorListVersion", "150"},
                            {"policyVersion", "4"},
                            {"isServiceSpecific", "true"},
                            {"publisherCountry", "DE"},
                            {"specialFeatureOptIns", "1"},
                            {"purposeConsents", "1,2,3"},
                            {"purposeLegitimateInterests", "2,7"},
                            {"vendorConsents", "3"},
                            {"vendorLegitimateInterests", "0"}});
  CHECK(s->summary ==
        "CMP 10, updated 2026-01-02T03:04:05Z; consent to purposes 1, 2, 3 and 3 vendor(s), special features 1; legitimate "
        "interest claimed for purposes 2, 7");
  CHECK(s->consent_given == true);
  CHECK_FALSE(s->opted_out.has_value());

  // "Reject all": no purpose, vendor or special feature; legitimate interest may stay claimed.
  std::optional<ConsentString> rejected = DecodeConsentCookie("eupubconsent-v2", "CQdaBhyQdaBhyAKACBENCWEgAAAAAEPAAAYgAAAAAAAA");
  REQUIRE(rejected);
  REQUIRE(rejected->valid);
  CHECK(rejected->summary ==
        "CMP 10, updated 2026-01-02T03:04:05Z; no consent to any purpose or vendor; legitimate interest claimed for purposes 2, 7, 8, 9, 10");
  CHECK(rejected->consent_given == false);

  struct Bad {
    std::string_view value, summary;
  };
  const Bad kBad[] = {
      {"CQdaBhyQdaBhyAKACBEN", "not a TCF v2 TC string: truncated: 120 bits, the core segment needs 213 and more"},
      {"BQdaBhyQdaBhyAKACBENCWEoAOAAAEIAAAYgF5wAoAAgAEAvMAAAAAAA", "not a TCF v2 TC string: version 1, not 2"},
      {"CQdaBhyQdaBhyAKACB_NCWEoAOAAAEIAAAYgF5wAoAAgAEAvMAAAAAAA", "not a TCF v2 TC string: the consent language is not two letters A-Z"},
      {"CQdaBhyQdaBhyAKACBENCWEoAOAAAEIAAAYgF5wAoAAgAEAvMA", "not a TCF v2 TC string: vendor legitimate interests truncated"},
      {"CQdaBhyQdaBhyAKACBENCWEoAOAAAEIAAAYgF5wAoAAgAE", "not a TCF v2 TC string: vendor consents truncated"},
      {"CQdaBhyQdaBhyAKACBENCWEoAOAAAEIAAAYgF5w!oAAgAEAvMAAAAAAA", "not a TCF v2 TC string: TC string character '!' is not base64url"},
  };
  for (const Bad& b : kBad) {
    CAPTURE(b.value);
    std::optional<ConsentString> bad = DecodeConsentCookie("euconsent-v2", b.value);
    REQUIRE(bad);
    CHECK_FALSE(bad->valid);
    CHECK(bad->summary == b.summary);
    CHECK(bad->fields.empty());
    CHECK_FALSE(bad->consent_given.has_value());
  }
}

TEST_CASE("Cookiebot's CookieConsent record", "[consent]") {
  // As Cookiebot writes it: a percent-encoded object literal.
  std::optional<ConsentString> s = DecodeConsentCookie(
      "CookieConsent",
      "{stamp:%27LeFx1BvsOPTyAWKrX6Kp0jOYe%2BqnR1LQ8Hd0EPxTtnuHYVlXl8B9yA==%27%2Cnecessary:true%2Cpreferences:true%2C"
      "statistics:false%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:1%2Cutc:1714557600000%2Cregion:%27de%27}");
  REQUIRE(s);
  CHECK(s->kind == ConsentStringKind::kCookiebot);
  REQUIRE(s->valid);
  CHECK(s->fields == Fields{{"necessary", "true"}, {"preferences", "true"}, {"statistics", "false"}, {"marketing", "false"},
                            {"method", "explicit"}, {"given", "2024-05-01T10:00:00Z"}, {"region", "de"}});
  CHECK(s->summary == "accepted: necessary, preferences; declined: statistics, marketing (explicit, 2024-05-01T10:00:00Z, region de)");
  CHECK(s->consent_given == true);  // preferences

  std::optional<ConsentString> declined =
      DecodeConsentCookie("CookieConsent", "{stamp:'a,b',necessary:true,preferences:false,statistics:false,marketing:false,method:'explicit'}");
  REQUIRE(declined);
  REQUIRE(declined->valid);
  CHECK(declined->consent_given == false);
  CHECK(declined->summary == "accepted: necessary; declined: preferences, statistics, marketing (explicit)");

  std::optional<ConsentString> outside = DecodeConsentCookie("CookieConsent", "-1");
  REQUIRE(outside);
  CHECK(outside->valid);
  CHECK_FALSE(outside->consent_given.has_value());
  CHECK(outside->summary == "no consent asked: the visitor's region needs none (-1)");

  struct Bad {
    std::string_view value, summary;
  };
  const Bad kBad[] = {
      {"true", "not a Cookiebot consent record (expected {necessary:true,preferences:…,statistics:…,marketing:…})"},
      {"{necessary:true,preferences:true}", "not a Cookiebot consent record: statistics is not true or false"},
      {"{stamp:'abc,necessary:true}", "not a Cookiebot consent record: the value of stamp has no closing quote"},
      {"{necessary:true,oops}", "not a Cookiebot consent record: \"oops\" is not key:value"},
  };
  for (const Bad& b : kBad) {
    CAPTURE(b.value);
    std::optional<ConsentString> bad = DecodeConsentCookie("CookieConsent", b.value);
    REQUIRE(bad);
    CHECK_FALSE(bad->valid);
    CHECK(bad->summary == b.summary);
    CHECK(bad->fields.empty());
    CHECK_FALSE(bad->consent_given.has_value());
  }
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
  CHECK(s->gpc == true);
  CHECK_FALSE(s->opted_out.has_value());
  CHECK(s->consent_given == false);  // only C0001 (strictly necessary) on
  CHECK(DecodeConsentCookie("OptanonConsent", "groups=C0001%3A1%2CC0002%3A1")->consent_given == true);

  std::optional<ConsentString> bad = DecodeConsentCookie("OptanonConsent", "groups=C0001%3Ayes");
  REQUIRE(bad);
  CHECK_FALSE(bad->valid);
  CHECK(bad->summary == "group \"C0001:yes\" is not ID:1 or ID:0");
  CHECK_FALSE(DecodeConsentCookie("OptanonConsent", "version=1")->valid);
  // Without groups it is not a consent record: nothing it holds is reported (found by the fuzzer).
  std::optional<ConsentString> no_groups = DecodeConsentCookie("OptanonConsent", "isGpcEnabled=1&grou;ps=C0001%3A1");
  REQUIRE(no_groups);
  CHECK_FALSE(no_groups->valid);
  CHECK(no_groups->fields.empty());
  CHECK_FALSE(no_groups->gpc.has_value());

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
