// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Matching observed items against a declaration.
#include "trackscope/policy/declaration.h"

#include <cctype>

#include "base/strings.h"
#include "trackscope/url/host.h"

namespace trackscope {

std::string_view ConsentModelName(ConsentModel model) { return model == ConsentModel::kOptIn ? "opt-in" : "opt-out"; }

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // Iterative wildcard match with one backtrack point (the last '*').
  size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p, ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

const DeclaredCookie* Declaration::FindCookie(std::string_view name, std::string_view domain) const {
  for (const DeclaredCookie& c : cookies) {
    if (GlobMatch(c.name, name) && (c.domain.empty() || DomainMatches(domain, c.domain))) return &c;
  }
  return nullptr;
}

const DeclaredVendor* Declaration::FindVendor(std::string_view host, std::string_view vendor) const {
  for (const DeclaredVendor& v : vendors) {
    if (!vendor.empty() && v.name == vendor) return &v;
    for (const std::string& d : v.domains) {
      if (DomainMatches(host, d)) return &v;
    }
  }
  return nullptr;
}

const DeclaredBeacon* Declaration::FindBeacon(std::string_view host, std::string_view path) const {
  for (const DeclaredBeacon& b : beacons) {
    if (DomainMatches(host, b.host) && path.substr(0, b.path_prefix.size()) == b.path_prefix) return &b;
  }
  return nullptr;
}

namespace {

constexpr double kLongestLifetimeDays = 1e7;

// Lifetime units as declarations name them, singular and plural, by language.
struct Unit {
  std::string_view word;
  double days;
};
constexpr Unit kUnits[] = {
    {"second", 1.0 / 86400}, {"seconds", 1.0 / 86400}, {"sekunde", 1.0 / 86400}, {"sekunden", 1.0 / 86400},
    {"seconde", 1.0 / 86400}, {"secondes", 1.0 / 86400}, {"segundo", 1.0 / 86400}, {"segundos", 1.0 / 86400},
    {"secondo", 1.0 / 86400}, {"secondi", 1.0 / 86400}, {"seconden", 1.0 / 86400},
    {"minute", 1.0 / 1440}, {"minutes", 1.0 / 1440}, {"minuten", 1.0 / 1440}, {"minuto", 1.0 / 1440},
    {"minutos", 1.0 / 1440}, {"minuti", 1.0 / 1440}, {"minuut", 1.0 / 1440},
    {"hour", 1.0 / 24}, {"hours", 1.0 / 24}, {"stunde", 1.0 / 24}, {"stunden", 1.0 / 24}, {"heure", 1.0 / 24},
    {"heures", 1.0 / 24}, {"hora", 1.0 / 24}, {"horas", 1.0 / 24}, {"ora", 1.0 / 24}, {"ore", 1.0 / 24},
    {"uur", 1.0 / 24}, {"uren", 1.0 / 24},
    {"day", 1}, {"days", 1}, {"tag", 1}, {"tage", 1}, {"tagen", 1}, {"jour", 1}, {"jours", 1}, {"dia", 1},
    {"dias", 1}, {"giorno", 1}, {"giorni", 1}, {"dag", 1}, {"dagen", 1},
    {"week", 7}, {"weeks", 7}, {"woche", 7}, {"wochen", 7}, {"semaine", 7}, {"semaines", 7}, {"semana", 7},
    {"semanas", 7}, {"settimana", 7}, {"settimane", 7}, {"weken", 7},
    {"month", 30.44}, {"months", 30.44}, {"monat", 30.44}, {"monate", 30.44}, {"monaten", 30.44}, {"mois", 30.44},
    {"mes", 30.44}, {"meses", 30.44}, {"mese", 30.44}, {"mesi", 30.44}, {"maand", 30.44}, {"maanden", 30.44},
    {"year", 365.25}, {"years", 365.25}, {"jahr", 365.25}, {"jahre", 365.25}, {"jahren", 365.25}, {"an", 365.25},
    {"ans", 365.25}, {"annee", 365.25}, {"annees", 365.25}, {"ano", 365.25}, {"anos", 365.25}, {"anno", 365.25},
    {"anni", 365.25}, {"jaar", 365.25}, {"jaren", 365.25},
};
constexpr std::string_view kSession[] = {"session", "sitzung", "sesion", "sessione", "sessie"};
constexpr std::string_view kPersistent[] = {"persistent", "dauerhaft", "persistant", "persistente", "permanent", "permanente"};

// Lower case with the accents of the units above folded ("année" -> "annee", "días" -> "dias").
std::string FoldUnit(std::string_view word) {
  std::string out;
  for (size_t i = 0; i < word.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c == 0xC3 && i + 1 < word.size()) {
      const unsigned char d = static_cast<unsigned char>(word[++i]) | 0x20;
      out += d == 0xA9 || d == 0xA8 ? 'e' : d == 0xAD ? 'i' : d == 0xB3 ? 'o' : d == 0xA1 ? 'a' : '?';
    } else {
      out += static_cast<char>(std::tolower(c));
    }
  }
  return out;
}

}  // namespace

std::optional<double> ParseLifetime(std::string_view text) {
  text = Trim(text);
  const std::string folded = FoldUnit(text);
  for (std::string_view w : kSession) {
    if (folded == w) return 0.0;
  }
  for (std::string_view w : kPersistent) {
    if (folded == w) return kPersistentLifetime;
  }
  // "<number> <unit>", the number with '.' or ',' as decimal mark (one at most).
  double value = 0, scale = 0;  // scale: 0 before the decimal mark, then 0.1, 0.01, ...
  size_t digits = 0;
  for (; digits < folded.size(); ++digits) {
    const char c = folded[digits];
    if (c == '.' || c == ',') {
      if (scale != 0) return std::nullopt;
      scale = 1;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      if (scale == 0) {
        value = value * 10 + (c - '0');
      } else {
        scale /= 10;
        value += (c - '0') * scale;
      }
    } else {
      break;
    }
  }
  if (digits == 0 || (digits == 1 && scale != 0)) return std::nullopt;
  const std::string_view unit = Trim(std::string_view(folded).substr(digits));
  for (const Unit& u : kUnits) {
    // Beyond any expiry a browser can store (~27,000 years): persistent, its length no number
    // that could be written back.
    if (u.word == unit) return value * u.days <= kLongestLifetimeDays ? value * u.days : kPersistentLifetime;
  }
  return std::nullopt;
}

bool OutlivesDeclared(std::optional<double> observed_days, double declared_days) {
  if (!observed_days) return false;                 // a session cookie outlives nothing
  if (declared_days == 0) return true;               // persistent, declared as a session cookie
  if (declared_days == kPersistentLifetime) return false;
  return *observed_days > declared_days * 1.1 + 1;
}

}  // namespace trackscope
