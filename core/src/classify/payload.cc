// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// ExplainPayload (classify/payload.h): the decoder's schema first, then names, then shapes.
#include "trackscope/classify/payload.h"

#include <algorithm>
#include <array>
#include <string>

#include "base/strings.h"

namespace trackscope {
namespace {

using enum FieldKind;
using enum PersonalKind;

bool IsHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); });
}

// The key a container gives the field, and whether it is a personal-data container:
// "udff[em]" -> "em", true; "cd[content_name]" -> "content_name", false;
// "context.user.email" -> "email", true (a `user` object); "ep.search_term" -> "search_term".
struct Key {
  std::string name;  // lower case
  bool personal_container = false;
};

Key KeyOf(std::string_view full) {
  Key k;
  if (full.ends_with(']')) {
    const size_t open = full.rfind('[');
    if (open != std::string_view::npos) {
      k.name = ToLowerAscii(full.substr(open + 1, full.size() - open - 2));
      const std::string container = ToLowerAscii(full.substr(0, full.find('[')));
      // Meta: ud (hashed), udff (hashed, from forms), aud (automatic advanced matching); Pinterest: pd.
      k.personal_container = container == "ud" || container == "udff" || container == "aud" || container == "pd" ||
                             container == "user_data" || container == "userdata";
      return k;
    }
  }
  const std::string lower = ToLowerAscii(full);
  k.name = std::string(LeafName(lower));
  for (std::string_view c : {"user_data.", "userdata.", "user.", "customer."}) {
    if (lower.starts_with(c) || lower.find(std::string(".") + std::string(c)) != std::string::npos) k.personal_container = true;
  }
  return k;
}

struct PersonalName {
  std::string_view name;
  PersonalKind kind;
  bool short_form;  // only inside a personal-data container
};

constexpr PersonalName kPersonalNames[] = {
    {"em", kEmail, true}, {"ph", kPhone, true}, {"fn", kFirstName, true}, {"ln", kLastName, true},
    {"ct", kCity, true}, {"st", kRegion, true}, {"zp", kPostalCode, true}, {"ge", kGender, true},
    {"db", kBirthDate, true}, {"country", kCountry, true}, {"external_id", kExternalId, true},
    {"hashed_maids", kExternalId, true}, {"zip", kPostalCode, true}, {"city", kCity, true}, {"state", kRegion, true},
    {"email", kEmail, false}, {"e_mail", kEmail, false}, {"email_address", kEmail, false}, {"emailaddress", kEmail, false},
    {"sha256_email_address", kEmail, false}, {"hashed_email", kEmail, false}, {"u_hem", kEmail, false},
    {"phone", kPhone, false}, {"phone_number", kPhone, false}, {"phonenumber", kPhone, false}, {"telephone", kPhone, false},
    {"mobile", kPhone, false}, {"sha256_phone_number", kPhone, false}, {"hashed_phone", kPhone, false}, {"u_hpn", kPhone, false},
    {"first_name", kFirstName, false}, {"firstname", kFirstName, false}, {"given_name", kFirstName, false},
    {"fname", kFirstName, false}, {"sha256_first_name", kFirstName, false},
    {"last_name", kLastName, false}, {"lastname", kLastName, false}, {"surname", kLastName, false},
    {"family_name", kLastName, false}, {"lname", kLastName, false}, {"sha256_last_name", kLastName, false},
    {"full_name", kFullName, false}, {"fullname", kFullName, false},
    {"street", kStreet, false}, {"street_address", kStreet, false}, {"address1", kStreet, false},
    {"address_line1", kStreet, false},
    {"zipcode", kPostalCode, false}, {"zip_code", kPostalCode, false}, {"postal_code", kPostalCode, false},
    {"postcode", kPostalCode, false},
    {"gender", kGender, false}, {"birthday", kBirthDate, false}, {"date_of_birth", kBirthDate, false},
    {"birthdate", kBirthDate, false}, {"dob", kBirthDate, false},
};

PersonalKind PersonalOf(const Key& key, std::string_view value) {
  // Google Ads enhanced conversions: em=tv.1~em.<sha256>~pn.<sha256> (e-mail first, then phone, ...).
  if (key.name == "em" && value.starts_with("tv.") && value.find("~em.") != std::string_view::npos) return kEmail;
  // Pinterest: pd={"em":"<sha256>"} (partner data as JSON in one parameter).
  if (key.name == "pd" && value.starts_with("{") && value.find("\"em\"") != std::string_view::npos) return kEmail;
  for (const PersonalName& p : kPersonalNames) {
    if (key.name == p.name && (!p.short_form || key.personal_container)) return p.kind;
  }
  return kNone;
}

struct NamedField {
  std::string_view name;
  FieldKind kind;
  std::string_view meaning;
};

// Parameter names (lower case) whose meaning is the same with every vendor that uses them.
constexpr NamedField kNamedFields[] = {
    {"dl", kPageUrl, "page URL"}, {"url", kPageUrl, "page URL"}, {"page_url", kPageUrl, "page URL"},
    {"pageurl", kPageUrl, "page URL"}, {"page_location", kPageUrl, "page URL"}, {"location", kPageUrl, "page URL"},
    {"href", kPageUrl, "page URL"}, {"document_location", kPageUrl, "page URL"}, {"tw_document_href", kPageUrl, "page URL"},
    {"~oref", kPageUrl, "page URL"}, {"page_path", kPageUrl, "page path"}, {"utmp", kPageUrl, "page path"},
    {"dp", kPageUrl, "page path"}, {"pathname", kPageUrl, "page path"},
    {"dr", kReferrer, "referrer"}, {"rl", kReferrer, "referrer"}, {"ref", kReferrer, "referrer"},
    {"referrer", kReferrer, "referrer"}, {"referer", kReferrer, "referrer"}, {"page_referrer", kReferrer, "referrer"},
    {"document_referrer", kReferrer, "referrer"}, {"utmr", kReferrer, "referrer"},
    {"dt", kTitle, "page title"}, {"title", kTitle, "page title"}, {"page_title", kTitle, "page title"},
    {"tiba", kTitle, "page title"}, {"utmdt", kTitle, "page title"}, {"document_title", kTitle, "page title"},
    {"search_term", kSearchTerm, "search term"}, {"search_string", kSearchTerm, "search term"},
    {"searchterm", kSearchTerm, "search term"}, {"search_query", kSearchTerm, "search term"},
    {"search", kSearchTerm, "search term"}, {"query", kSearchTerm, "search term"}, {"q", kSearchTerm, "search term"},
    {"keyword", kSearchTerm, "search term"}, {"e_ss", kSearchTerm, "search term"}, {"keywords", kSearchTerm, "search term"},
    {"content_name", kProduct, "product or content name"}, {"content_ids", kProduct, "product ids"},
    {"content_id", kProduct, "product id"}, {"content_category", kProduct, "product or content category"},
    {"item_name", kProduct, "product name"}, {"item_id", kProduct, "product id"},
    {"item_category", kProduct, "product category"}, {"item_brand", kProduct, "product brand"},
    {"product", kProduct, "product"}, {"product_name", kProduct, "product name"}, {"product_id", kProduct, "product id"},
    {"product_category", kProduct, "product category"}, {"sku", kProduct, "product id"}, {"contents", kProduct, "products"},
    {"items", kProduct, "products"}, {"e_iids", kProduct, "product ids"}, {"e_desc", kProduct, "product"},
    {"ev", kEvent, "event"}, {"en", kEvent, "event"}, {"event", kEvent, "event"}, {"event_name", kEvent, "event"},
    {"gcs", kConsent, "Google Consent Mode state"}, {"gcd", kConsent, "Google Consent Mode v2 state"},
    {"gdpr", kConsent, "GDPR applies"}, {"gdpr_consent", kConsent, "IAB TCF consent string"},
    {"us_privacy", kConsent, "IAB US Privacy string"}, {"gpp", kConsent, "IAB GPP string"},
    {"gpp_sid", kConsent, "IAB GPP sections"}, {"npa", kConsent, "non-personalised ads"},
    {"dma", kConsent, "EU Digital Markets Act applies"}, {"dma_cps", kConsent, "DMA consent purposes"},
};

const NamedField* NamedFieldOf(std::string_view name) {
  for (const NamedField& f : kNamedFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// GA4 and UA product parameters: pr1, pr2, ... ("idSKU~nmName~caCategory").
bool IsProductSlot(std::string_view name) {
  return name.size() > 2 && name.starts_with("pr") &&
         std::all_of(name.begin() + 2, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view PersonalMeaning(PersonalKind kind, HashKind hash) {
  if (hash == HashKind::kNone) return PersonalKindLabel(kind);
  switch (kind) {
    case kEmail: return "hashed e-mail address";
    case kPhone: return "hashed phone number";
    case kFirstName: return "hashed first name";
    case kLastName: return "hashed last name";
    case kCity: return "hashed city";
    case kPostalCode: return "hashed postal code";
    case kRegion: return "hashed state or region";
    case kCountry: return "hashed country";
    case kGender: return "hashed gender";
    case kBirthDate: return "hashed birth date";
    case kExternalId: return "hashed user id";
    default: return "hashed personal data";
  }
}

FieldKind FromDecoderMeaning(std::string_view meaning) {
  if (meaning == "page URL" || meaning == "page path") return kPageUrl;
  if (meaning == "referrer") return kReferrer;
  if (meaning == "page title") return kTitle;
  return kTechnical;
}

}  // namespace

std::string_view FieldKindName(FieldKind kind) {
  constexpr std::array<std::string_view, 13> kNames = {"other", "account", "event", "identifier", "page-url",
                                                        "referrer", "title", "search-term", "product", "custom-data",
                                                        "personal-data", "consent", "technical"};
  return kNames[static_cast<size_t>(kind)];
}

std::string_view PersonalKindName(PersonalKind kind) {
  constexpr std::array<std::string_view, 14> kNames = {"", "email", "phone", "first-name", "last-name", "full-name",
                                                        "street", "city", "postal-code", "region", "country", "gender",
                                                        "birth-date", "external-id"};
  return kNames[static_cast<size_t>(kind)];
}

std::string_view PersonalKindLabel(PersonalKind kind) {
  constexpr std::array<std::string_view, 14> kLabels = {"", "e-mail address", "phone number", "first name", "last name",
                                                         "full name", "street address", "city", "postal code",
                                                         "state or region", "country", "gender", "birth date", "user id"};
  return kLabels[static_cast<size_t>(kind)];
}

std::string_view HashKindName(HashKind kind) {
  constexpr std::array<std::string_view, 4> kNames = {"none", "md5", "sha1", "sha256"};
  return kNames[static_cast<size_t>(kind)];
}

HashKind HashShapeOf(std::string_view value) {
  if (const size_t em = value.find("\"em\":\""); value.starts_with("{") && em != std::string_view::npos) {
    value = value.substr(em + 6);
    value = value.substr(0, value.find('"'));
  }
  if (const size_t em = value.find("~em."); value.starts_with("tv.") && em != std::string_view::npos) {
    value = value.substr(em + 4);
    value = value.substr(0, value.find('~'));
  }
  if (!IsHex(value)) return HashKind::kNone;
  // Snap's u_hem and u_hpn: a short tag before the SHA-256 ("FFF" + 64 digits).
  if (value.size() > 64 && value.size() <= 68) return HashKind::kSha256;
  switch (value.size()) {
    case 32: return HashKind::kMd5;
    case 40: return HashKind::kSha1;
    case 64: return HashKind::kSha256;
    default: return HashKind::kNone;
  }
}

bool LooksLikeEmail(std::string_view v) {
  if (v.size() < 6 || v.size() > 254) return false;
  const size_t at = v.find('@');
  if (at == 0 || at == std::string_view::npos || v.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view domain = v.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3) return false;
  for (char c : v) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '-' || c == '+' || c == '@' || c == '%';
    if (!ok) return false;
  }
  const std::string tld = ToLowerAscii(domain.substr(dot + 1));
  for (char c : tld) {
    if (c < 'a' || c > 'z') return false;
  }
  // logo@2x.png: a file name, not an address.
  for (std::string_view ext : {"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "js", "css", "ico"}) {
    if (tld == ext) return false;
  }
  return true;
}

std::vector<PayloadField> ExplainPayload(const std::vector<Param>& params, const PixelDecode* decode) {
  std::vector<PayloadField> out(params.size());
  std::vector<const DecodedParam*> decoded(params.size(), nullptr);
  if (decode) {
    for (const DecodedParam& d : decode->params) {
      if (d.index < params.size()) decoded[d.index] = &d;
    }
  }
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    PayloadField& f = out[i];
    f.index = i;
    const Key key = KeyOf(p.name);
    // Personal data by name, whatever schema the field belongs to (cd[email] too).
    if (const PersonalKind personal = PersonalOf(key, p.value); personal != kNone) {
      f.kind = kPersonalData;
      f.personal = personal;
      f.hash = HashShapeOf(p.value);
      f.meaning = PersonalMeaning(personal, f.hash);
      continue;
    }
    const NamedField* named = NamedFieldOf(key.name);
    if (const DecodedParam* d = decoded[i]) {
      f.meaning = d->meaning;
      switch (d->role) {
        case ParamRole::kAccount: f.kind = kAccount; break;
        case ParamRole::kEvent: f.kind = kEvent; break;
        case ParamRole::kVisitor: f.kind = kIdentifier; break;
        case ParamRole::kData:
          f.kind = named && (named->kind == kSearchTerm || named->kind == kProduct) ? named->kind : kCustomData;
          if (named && f.kind != kCustomData) f.meaning = named->meaning;
          break;
        case ParamRole::kNone: f.kind = FromDecoderMeaning(d->meaning); break;
      }
      continue;
    }
    if (named) {
      f.kind = named->kind;
      f.meaning = named->meaning;
    } else if (IsProductSlot(key.name)) {
      f.kind = kProduct;
      f.meaning = "product";
    } else if (const std::string_view id = IdentifierNameMeaning(p.name); !id.empty()) {
      f.kind = kIdentifier;
      f.meaning = id;
    } else if (LooksLikeEmail(p.value)) {
      f.kind = kPersonalData;
      f.personal = kEmail;
      f.meaning = "e-mail address (by its shape)";
    } else if (p.name.starts_with("ep.") || p.name.starts_with("epn.") || p.name.starts_with("up.") ||
               p.name.starts_with("cd[") || p.name.starts_with("properties.") || p.name.starts_with("custom_data.")) {
      f.kind = kCustomData;
      f.meaning = "custom data";
    }
  }
  return out;
}

}  // namespace trackscope
