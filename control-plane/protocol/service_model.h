// ServiceModel: one AWS service model (operations with their HTTP bindings,
// shapes with members, locations and constraints) parsed from the compact JSON
// in control-plane/models/, immutable after parsing and shared by all threads.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status_or.h"

namespace apigw::cp {

enum class ShapeType { kStructure, kList, kMap, kString, kInteger, kLong, kFloat, kDouble, kBoolean, kTimestamp, kBlob };
// Where a member travels on the wire. kHeaders is a map of headers sharing a prefix.
enum class Location { kBody, kUri, kQuery, kHeader, kHeaders, kStatusCode };
enum class TimestampFormat { kDefault, kUnix, kIso8601, kRfc822 };

const char* ShapeTypeName(ShapeType type);

struct Shape;

struct ShapeMember {
  std::string name;            // the member name: the key in the handlers' JSON
  const Shape* shape = nullptr;
  Location location = Location::kBody;
  std::string location_name;   // header, query or label name; for body members the JSON key
  std::string wire_name;       // location_name when given, else name
  bool required = false;
  bool idempotency_token = false;
  std::vector<std::string> enum_values;  // member-level enum (apigatewayv2); overrides the shape's
  TimestampFormat timestamp_format = TimestampFormat::kDefault;  // member-level override
};

struct Shape {
  std::string name;
  ShapeType type = ShapeType::kString;
  std::vector<ShapeMember> members;           // structure members, in model order
  const Shape* member = nullptr;         // list element
  const Shape* key = nullptr;            // map key
  const Shape* value = nullptr;          // map value
  std::vector<std::string> enum_values;
  bool lenient_enum = false;             // the service does not enforce the enum by validation
  std::optional<double> min, max;        // length (string, blob, list, map) or value (numbers)
  std::string pattern;                   // Java regular expression, full match
  TimestampFormat timestamp_format = TimestampFormat::kDefault;
  int payload = -1;                      // index of the payload member, or -1
  bool exception = false;
  bool fault = false;                    // a server-side error (5xx)
  int error_status = 0;                  // error.httpStatusCode
  bool streaming = false;
  bool eventstream = false;
  bool sensitive = false;                // validation messages leave its value out ("Value at '...'")

  const ShapeMember* FindMember(std::string_view member_name) const;
  const ShapeMember* PayloadMember() const { return payload < 0 ? nullptr : &members[size_t(payload)]; }
  // The compiled pattern, built on first use; nullptr without a pattern or
  // when std::regex cannot express it (then the pattern is not enforced).
  const std::regex* PatternRegex() const;

 private:
  friend class ServiceModel;
  struct LazyRegex {
    std::once_flag once;
    std::unique_ptr<std::regex> regex;
  };
  std::shared_ptr<LazyRegex> regex_;
};

// One segment of a request URI path template.
struct UriSegment {
  enum class Kind { kLiteral, kLabel, kGreedyLabel };
  Kind kind = Kind::kLiteral;
  std::string text;  // the literal, or the label's name
};

struct Operation {
  std::string name;
  std::string method;
  std::string request_uri;               // as in the model: "/restapis/{restapi_id}?mode=import"
  std::vector<UriSegment> path;          // the path split on '/'
  std::vector<std::pair<std::string, std::string>> query_literals;  // "?mode=import" -> {mode, import}
  int response_code = 200;
  const Shape* input = nullptr;          // nullptr when the operation has no input
  const Shape* output = nullptr;         // nullptr when it has no output
  std::vector<const Shape*> errors;
};

struct ServiceMetadata {
  std::string api_version;
  std::string endpoint_prefix;
  std::string signing_name;
  std::string protocol;
  std::string service_id;
};

class ServiceModel {
 public:
  // `service` names the model ("apigateway"); `json` is its compact model.
  static StatusOr<std::unique_ptr<ServiceModel>> Parse(std::string service, std::string_view json);

  const std::string& name() const { return name_; }
  const ServiceMetadata& metadata() const { return metadata_; }
  const std::vector<Operation>& operations() const { return operations_; }
  const Operation* FindOperation(std::string_view name) const;
  const Shape* FindShape(std::string_view name) const;
  // An error shape by its type name ("NotFoundException"), or nullptr.
  const Shape* FindError(std::string_view type) const;

 private:
  ServiceModel() = default;
  std::string name_;
  ServiceMetadata metadata_;
  std::vector<Operation> operations_;
  std::unordered_map<std::string, size_t> operation_index_;
  std::vector<std::unique_ptr<Shape>> shapes_;
  std::unordered_map<std::string, const Shape*> shape_index_;
};

// Splits a model requestUri into path segments and literal query parts.
void ParseRequestUri(std::string_view request_uri, std::vector<UriSegment>* path,
                     std::vector<std::pair<std::string, std::string>>* query_literals);

}  // namespace apigw::cp
