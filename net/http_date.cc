// IMF-fixdate formatting without locale or strftime.
#include "net/http_date.h"

#include <ctime>

namespace apigw::net {

namespace {

constexpr char kDays[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr char kMonths[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void Two(char* out, int v) {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
}

// Writes exactly 29 characters.
void Format(int64_t epoch_seconds, char* out) {
  time_t t = static_cast<time_t>(epoch_seconds);
  struct tm tm;
  gmtime_r(&t, &tm);
  const char* day = kDays[tm.tm_wday];
  const char* month = kMonths[tm.tm_mon];
  int year = tm.tm_year + 1900;
  out[0] = day[0], out[1] = day[1], out[2] = day[2], out[3] = ',', out[4] = ' ';
  Two(out + 5, tm.tm_mday);
  out[7] = ' ', out[8] = month[0], out[9] = month[1], out[10] = month[2], out[11] = ' ';
  Two(out + 12, year / 100 % 100);
  Two(out + 14, year % 100);
  out[16] = ' ';
  Two(out + 17, tm.tm_hour);
  out[19] = ':';
  Two(out + 20, tm.tm_min);
  out[22] = ':';
  Two(out + 23, tm.tm_sec);
  out[25] = ' ', out[26] = 'G', out[27] = 'M', out[28] = 'T';
}

}  // namespace

std::string FormatHttpDate(int64_t epoch_seconds) {
  char buf[29];
  Format(epoch_seconds, buf);
  return std::string(buf, sizeof buf);
}

std::string_view HttpDateCache::Now() {
  int64_t now = static_cast<int64_t>(::time(nullptr));
  if (now != second_) {
    Format(now, text_);
    second_ = now;
  }
  return std::string_view(text_, sizeof text_);
}

}  // namespace apigw::net
