// Timestamp formatting and parsing with civil-date arithmetic (no time zone
// database, no locale).
#include "control-plane/protocol/timestamps.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "base/text.h"

namespace apigw::cp {

namespace {

constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + int64_t(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = int64_t(yoe) + era * 400 + (*m <= 2);
}

struct Parts {
  int64_t year;
  unsigned month, day, hour, minute, second;
  int millis;
  int64_t days;  // since the epoch
};

Parts ToParts(double epoch_seconds) {
  double whole = std::floor(epoch_seconds);
  int millis = int(std::lround((epoch_seconds - whole) * 1000));
  int64_t secs = int64_t(whole);
  if (millis == 1000) {
    ++secs;
    millis = 0;
  }
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  int64_t rem = secs - days * 86400;
  Parts p;
  CivilFromDays(days, &p.year, &p.month, &p.day);
  p.hour = unsigned(rem / 3600);
  p.minute = unsigned(rem % 3600 / 60);
  p.second = unsigned(rem % 60);
  p.millis = millis;
  p.days = days;
  return p;
}

// Reads exactly `n` digits at `*pos`.
bool Digits(std::string_view s, size_t* pos, size_t n, int64_t* out) {
  if (*pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool ValidDate(int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t s) {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60;
}

std::optional<double> ParseIso8601(std::string_view s) {
  size_t pos = 0;
  int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!Digits(s, &pos, 4, &y) || pos >= s.size() || s[pos++] != '-' || !Digits(s, &pos, 2, &mo) ||
      pos >= s.size() || s[pos++] != '-' || !Digits(s, &pos, 2, &d))
    return std::nullopt;
  double fraction = 0;
  int64_t offset = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
    ++pos;
    if (!Digits(s, &pos, 2, &h) || pos >= s.size() || s[pos++] != ':' || !Digits(s, &pos, 2, &mi))
      return std::nullopt;
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!Digits(s, &pos, 2, &sec)) return std::nullopt;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        double scale = 0.1;
        size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          fraction += (s[pos] - '0') * scale;
          scale /= 10;
          ++pos;
        }
        if (pos == start) return std::nullopt;
      }
    }
    if (pos < s.size()) {
      char z = s[pos];
      if (z == 'Z' || z == 'z') {
        ++pos;
      } else if (z == '+' || z == '-') {
        ++pos;
        int64_t oh, om = 0;
        if (!Digits(s, &pos, 2, &oh)) return std::nullopt;
        if (pos < s.size() && s[pos] == ':') ++pos;
        if (pos < s.size() && !Digits(s, &pos, 2, &om)) return std::nullopt;
        offset = (z == '+' ? 1 : -1) * (oh * 3600 + om * 60);
      } else {
        return std::nullopt;
      }
    }
  }
  if (pos != s.size() || !ValidDate(mo, d, h, mi, sec)) return std::nullopt;
  int64_t secs = DaysFromCivil(y, unsigned(mo), unsigned(d)) * 86400 + h * 3600 + mi * 60 + sec - offset;
  return double(secs) + fraction;
}

// "Thu, 01 Jan 2026 00:00:00 GMT"
std::optional<double> ParseHttpDate(std::string_view s) {
  size_t comma = s.find(", ");
  if (comma == std::string_view::npos) return std::nullopt;
  size_t pos = comma + 2;
  int64_t d, y, h, mi, sec;
  if (!Digits(s, &pos, 2, &d) || pos >= s.size() || s[pos++] != ' ') return std::nullopt;
  if (pos + 3 > s.size()) return std::nullopt;
  std::string_view mon = s.substr(pos, 3);
  int64_t mo = 0;
  for (int i = 0; i < 12; ++i)
    if (mon == kMonths[i]) mo = i + 1;
  pos += 3;
  if (mo == 0 || pos >= s.size() || s[pos++] != ' ' || !Digits(s, &pos, 4, &y) || pos >= s.size() ||
      s[pos++] != ' ' || !Digits(s, &pos, 2, &h) || pos >= s.size() || s[pos++] != ':' ||
      !Digits(s, &pos, 2, &mi) || pos >= s.size() || s[pos++] != ':' || !Digits(s, &pos, 2, &sec))
    return std::nullopt;
  std::string_view rest = s.substr(pos);
  if (rest != " GMT" && rest != " UTC" && !rest.empty()) return std::nullopt;
  if (!ValidDate(mo, d, h, mi, sec)) return std::nullopt;
  return double(DaysFromCivil(y, unsigned(mo), unsigned(d)) * 86400 + h * 3600 + mi * 60 + sec);
}

std::optional<double> ParseEpoch(std::string_view s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  std::string copy(s);
  char* end = nullptr;
  double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(v)) return std::nullopt;
  for (char c : copy)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return std::nullopt;
  return v;
}

}  // namespace

std::string FormatIso8601(double epoch_seconds) {
  Parts p = ToParts(epoch_seconds);
  char buf[64];
  if (p.millis)
    snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02u.%03dZ", (long long)p.year, p.month, p.day,
             p.hour, p.minute, p.second, p.millis);
  else
    snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ", (long long)p.year, p.month, p.day, p.hour,
             p.minute, p.second);
  return buf;
}

std::string FormatHttpDate(double epoch_seconds) {
  Parts p = ToParts(epoch_seconds);
  int64_t weekday = ((p.days % 7) + 7) % 7;
  char buf[64];
  snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02u:%02u:%02u GMT", kDays[weekday], p.day, kMonths[p.month - 1],
           (long long)p.year, p.hour, p.minute, p.second);
  return buf;
}

std::optional<double> ParseTimestamp(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty()) return std::nullopt;
  if (auto v = ParseEpoch(s)) return v;
  if (auto v = ParseIso8601(s)) return v;
  return ParseHttpDate(s);
}

}  // namespace apigw::cp
