// BinaryMediaTypes: a REST API's binaryMediaTypes list, parsed once per
// deployment, and the rule deciding whether a Content-Type or Accept value
// names a binary type (developer guide, "Binary media types for REST APIs").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace apigw::dp {

class BinaryMediaTypes {
 public:
  BinaryMediaTypes() = default;
  explicit BinaryMediaTypes(std::vector<std::string> types);

  bool empty() const { return types_.empty(); }
  const std::vector<std::string>& types() const { return types_; }

  // Whether `header` (a Content-Type or Accept value; nullptr when absent)
  // names a binary type. Only its first media type counts, without
  // parameters: "image/webp,image/*" is image/webp (developer guide: "API
  // Gateway honors only the first Accept media type"). Recorded on AWS
  // (test_apigateway_lambda.py, binary media types): "type/*" covers every
  // subtype of type; "*/*" covers everything ("*/* includes all content
  // types"); "*/subtype" covers nothing; an Accept of "*/*" or "image/*"
  // matches only a list entry that covers it as a pattern.
  bool Matches(const std::string* header) const;

 private:
  struct Entry {
    std::string type;     // lower-cased
    std::string subtype;  // lower-cased; "*" for any
  };
  std::vector<std::string> types_;  // as the API lists them
  std::vector<Entry> entries_;
  bool everything_ = false;         // "*/*" is listed
};

// The first media type of a header value, without parameters and trimmed:
// "text/html; q=0.9, */*" -> "text/html".
std::string_view FirstMediaType(std::string_view header);

}  // namespace apigw::dp
