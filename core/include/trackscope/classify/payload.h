// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// What each parameter of a tracking request is: the page's address, the referrer, the title, an
// event, a product, a search term, custom data, personal data (plain or hashed), an identifier,
// a consent signal — from the pixel decoder's schema (classify/beacon.h) where it knows the
// endpoint, else from the parameter's name, else from the value's shape. Pure functions.
//
//   request parameter (Meta Pixel)                      kind            personal      hash
//   dl=https://shop.example/hiv-test                    page-url
//   cd[content_name]=In-home HIV test                   product
//   ud[em]=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b...   personal-data   email         sha256
//   udff[ph]=15551234567                                personal-data   phone         none
//   fbp=fb.1.1795928400.987654321                       identifier
//   ev=PageView                                         event
//   (GA4) ep.search_term=pregnancy                      search-term
//   (GA4) pr1=idSKU1~nmFertility Test~caHealth          product
//   (any) contact=jane@example.com                      personal-data   email         none (by shape)
//
// Short personal keys (em, ph, fn, ln, ct, st, zp, ge, db) count only inside a personal-data
// container — ud[..], udff[..], aud[..] (Meta), pd[..] (Pinterest), user_data / user objects —
// or as Snap's u_hem / u_hpn; long forms (email, phone_number, first_name, ...) count anywhere.
#ifndef TRACKSCOPE_CLASSIFY_PAYLOAD_H_
#define TRACKSCOPE_CLASSIFY_PAYLOAD_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "trackscope/classify/beacon.h"

namespace trackscope {

enum class FieldKind : uint8_t {
  kOther,         // nothing known of it
  kAccount,       // the site owner's pixel / property / advertiser id
  kEvent,         // event name or hit type
  kIdentifier,    // identifies the visitor, the browser or a click
  kPageUrl,       // the page's address (or path)
  kReferrer,      // the previous page's address
  kTitle,         // the page's title
  kSearchTerm,    // what the visitor searched for
  kProduct,       // a product, its id, name or category
  kCustomData,    // event data, custom dimensions, user properties
  kPersonalData,  // e-mail, phone, name, address parts, birth date, gender (plain or hashed)
  kConsent,       // a consent signal (gcs, gdpr_consent, us_privacy, npa, ...)
  kTechnical,     // versions, screen sizes, timings, cache busters
};
// "other", "account", "event", "identifier", "page-url", "referrer", "title", "search-term",
// "product", "custom-data", "personal-data", "consent", "technical"
std::string_view FieldKindName(FieldKind kind);

enum class PersonalKind : uint8_t {
  kNone, kEmail, kPhone, kFirstName, kLastName, kFullName, kStreet, kCity, kPostalCode, kRegion, kCountry,
  kGender, kBirthDate, kExternalId,
};
// "", "email", "phone", "first-name", "last-name", "full-name", "street", "city", "postal-code",
// "region", "country", "gender", "birth-date", "external-id"
std::string_view PersonalKindName(PersonalKind kind);
// "", "e-mail address", "phone number", "first name", ... (for sentences)
std::string_view PersonalKindLabel(PersonalKind kind);

enum class HashKind : uint8_t { kNone, kMd5, kSha1, kSha256 };
std::string_view HashKindName(HashKind kind);  // "none", "md5", "sha1", "sha256"

// The digest a value looks like: 32, 40 or 64 hexadecimal digits (either case), 65 to 68 (Snap's
// "FFF" + SHA-256), or Google's "tv.1~em.<digest>" form. kNone otherwise.
HashKind HashShapeOf(std::string_view value);

// Whether `value` is shaped like an e-mail address: local@domain.tld, no spaces, ≤ 254 bytes.
bool LooksLikeEmail(std::string_view value);

struct PayloadField {
  size_t index = 0;  // into the params given to ExplainPayload
  FieldKind kind = FieldKind::kOther;
  std::string_view meaning;  // "page URL", "hashed e-mail address", ...; static, may be empty
  PersonalKind personal = PersonalKind::kNone;
  HashKind hash = HashKind::kNone;  // personal data: the digest its value is shaped like
};

// One entry per parameter, in params order. `decode` may be null.
std::vector<PayloadField> ExplainPayload(const std::vector<Param>& params, const PixelDecode* decode);

}  // namespace trackscope

#endif  // TRACKSCOPE_CLASSIFY_PAYLOAD_H_
