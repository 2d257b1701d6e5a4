// Binary media type matching.
#include "data-plane/rest/binary_media_types.h"

#include "base/text.h"

namespace apigw::dp {

namespace {

// Splits "type/subtype" (lower-cased); false unless both parts are non-empty.
bool SplitMediaType(std::string_view media, std::string& type, std::string& subtype) {
  size_t slash = media.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= media.size()) return false;
  type = ToLower(Trim(media.substr(0, slash)));
  subtype = ToLower(Trim(media.substr(slash + 1)));
  return !type.empty() && !subtype.empty() && subtype.find('/') == std::string::npos;
}

}  // namespace

std::string_view FirstMediaType(std::string_view header) {
  header = header.substr(0, header.find(','));
  header = header.substr(0, header.find(';'));
  return Trim(header);
}

BinaryMediaTypes::BinaryMediaTypes(std::vector<std::string> types) : types_(std::move(types)) {
  for (const std::string& t : types_) {
    Entry e;
    if (!SplitMediaType(FirstMediaType(t), e.type, e.subtype)) continue;
    if (e.type == "*") {
      everything_ = everything_ || e.subtype == "*";
      continue;  // "*/subtype" covers nothing (recorded)
    }
    entries_.push_back(std::move(e));
  }
}

bool BinaryMediaTypes::Matches(const std::string* header) const {
  if (header == nullptr || (entries_.empty() && !everything_)) return false;
  std::string type, subtype;
  if (!SplitMediaType(FirstMediaType(*header), type, subtype)) return false;
  if (everything_) return true;
  for (const Entry& e : entries_) {
    if (e.type == type && (e.subtype == "*" || e.subtype == subtype)) return true;
  }
  return false;
}

}  // namespace apigw::dp
