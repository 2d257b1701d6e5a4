// Integration URI rendering.
#include "data-plane/rest/integration_uri.h"

#include "base/url.h"

namespace apigw::dp {

namespace {

void AppendSegment(std::string& out, std::string_view segment) {
  if (segment == ".") {
    out += "%2E";
  } else if (segment == "..") {
    out += "%2E%2E";
  } else {
    out += PercentEncode(segment);
  }
}

}  // namespace

std::string EncodePathValue(std::string_view value, bool keep_slashes) {
  std::string out;
  out.reserve(value.size() + 8);
  if (!keep_slashes) {
    AppendSegment(out, value);
    return out;
  }
  size_t start = 0;
  while (true) {
    size_t slash = value.find('/', start);
    AppendSegment(out, value.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    out.push_back('/');
    start = slash + 1;
  }
  return out;
}

std::string RenderIntegrationUri(const std::vector<UriPiece>& pieces, const std::vector<PathValue>& values) {
  std::string out;
  for (const UriPiece& piece : pieces) {
    if (!piece.is_placeholder) {
      out += piece.text;
      continue;
    }
    const PathValue* found = nullptr;
    for (const PathValue& v : values) {
      if (v.name == piece.text) found = &v;
    }
    if (found) {
      out += EncodePathValue(found->value, found->keep_slashes);
    } else {
      out += '{';
      out += piece.text;
      out += '}';
    }
  }
  return out;
}

}  // namespace apigw::dp
