// Decode errors: the wording of each framework. Coral (apigateway) names the
// Java class of the JSON value it could not convert, as recorded from AWS:
// "class java.lang.Boolean can not be converted to an String". Lambda's Jackson
// parser names types and tokens. The rest is plain.
#include "control-plane/protocol/decode_errors.h"

namespace apigw::cp {

namespace {

enum class JsonKind { kNull, kBool, kInt, kFloat, kString, kArray, kObject };

JsonKind KindOf(const JsonValue& v) {
  if (v.IsNull()) return JsonKind::kNull;
  if (v.IsBool()) return JsonKind::kBool;
  if (v.IsInt64() || v.IsUint64()) return JsonKind::kInt;
  if (v.IsNumber()) return JsonKind::kFloat;
  if (v.IsString()) return JsonKind::kString;
  if (v.IsArray()) return JsonKind::kArray;
  return JsonKind::kObject;
}

// The Java class Coral's JSON reader holds for a JSON value.
const char* CoralClass(JsonKind kind) {
  switch (kind) {
    case JsonKind::kBool: return "java.lang.Boolean";
    case JsonKind::kInt:
    case JsonKind::kFloat: return "com.amazon.coral.value.json.numbers.TruncatingBigNumber";
    case JsonKind::kString: return "java.lang.String";
    case JsonKind::kArray: return "java.util.ArrayList";
    case JsonKind::kObject: return "java.util.HashMap";
    case JsonKind::kNull: return "null";
  }
  return "?";
}

// The target Coral names: "... can not be converted to an String".
const char* CoralTarget(ShapeType type) {
  switch (type) {
    case ShapeType::kString: return "String";
    case ShapeType::kInteger: return "Integer";
    case ShapeType::kLong: return "Long";
    case ShapeType::kFloat: return "Float";
    case ShapeType::kDouble: return "Double";
    case ShapeType::kBoolean: return "Boolean";
    case ShapeType::kTimestamp: return "Date";
    case ShapeType::kBlob: return "ByteBuffer";
    case ShapeType::kList: return "List";
    case ShapeType::kMap: return "Map";
    case ShapeType::kStructure: return "Structure";
  }
  return "?";
}

std::string JacksonType(const Shape& shape) {
  switch (shape.type) {
    case ShapeType::kString: return "java.lang.String";
    case ShapeType::kInteger: return "java.lang.Integer";
    case ShapeType::kLong: return "java.lang.Long";
    case ShapeType::kFloat: return "java.lang.Float";
    case ShapeType::kDouble: return "java.lang.Double";
    case ShapeType::kBoolean: return "java.lang.Boolean";
    case ShapeType::kTimestamp: return "java.util.Date";
    case ShapeType::kBlob: return "java.nio.ByteBuffer";
    case ShapeType::kList: return "java.util.ArrayList";
    case ShapeType::kMap: return "java.util.HashMap";
    case ShapeType::kStructure: return shape.name;
  }
  return "?";
}

const char* KindName(JsonKind kind) {
  switch (kind) {
    case JsonKind::kNull: return "null";
    case JsonKind::kBool: return "boolean";
    case JsonKind::kInt:
    case JsonKind::kFloat: return "number";
    case JsonKind::kString: return "string";
    case JsonKind::kArray: return "array";
    case JsonKind::kObject: return "object";
  }
  return "?";
}

// The JSON value a shape travels as in a body.
const char* JsonTypeFor(ShapeType type) {
  switch (type) {
    case ShapeType::kStructure:
    case ShapeType::kMap: return "object";
    case ShapeType::kList: return "array";
    case ShapeType::kBoolean: return "boolean";
    case ShapeType::kInteger:
    case ShapeType::kLong:
    case ShapeType::kFloat:
    case ShapeType::kDouble: return "number";
    case ShapeType::kTimestamp: return "number or date string";
    case ShapeType::kString:
    case ShapeType::kBlob: return "string";
  }
  return "?";
}

const char* JacksonToken(JsonKind kind, const JsonValue& v) {
  switch (kind) {
    case JsonKind::kBool: return v.GetBool() ? "Boolean value (token `JsonToken.VALUE_TRUE`)"
                                             : "Boolean value (token `JsonToken.VALUE_FALSE`)";
    case JsonKind::kInt: return "Integer value (token `JsonToken.VALUE_NUMBER_INT`)";
    case JsonKind::kFloat: return "Floating-point value (token `JsonToken.VALUE_NUMBER_FLOAT`)";
    case JsonKind::kString: return "String value (token `JsonToken.VALUE_STRING`)";
    case JsonKind::kArray: return "Array value (token `JsonToken.START_ARRAY`)";
    case JsonKind::kObject: return "Object value (token `JsonToken.START_OBJECT`)";
    case JsonKind::kNull: return "Null value (token `JsonToken.VALUE_NULL`)";
  }
  return "?";
}

std::string LowerFirst(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = char(s[0] - 'A' + 'a');
  return s;
}

}  // namespace

Status MalformedBodyError(const ServiceDialect& dialect, std::string_view detail) {
  switch (dialect.decode_errors) {
    case ServiceDialect::DecodeErrors::kCoral:
      return Status(400, "SerializationException", "Unable to parse the request body as JSON: " + std::string(detail));
    case ServiceDialect::DecodeErrors::kJackson:
      return Status(400, "InvalidRequestContentException", "Could not parse request body into json: " + std::string(detail));
    case ServiceDialect::DecodeErrors::kPlain:
      break;
  }
  return Status::BadRequest("Invalid request body: " + std::string(detail));
}

Status WrongJsonTypeError(const ServiceDialect& dialect, const Shape& shape, const JsonValue& in) {
  JsonKind kind = KindOf(in);
  switch (dialect.decode_errors) {
    case ServiceDialect::DecodeErrors::kCoral:
      return Status(400, "SerializationException",
                    std::string("class ") + CoralClass(kind) + " can not be converted to an " + CoralTarget(shape.type));
    case ServiceDialect::DecodeErrors::kJackson:
      return Status(400, "InvalidRequestContentException",
                    "Could not parse request body into json: Cannot deserialize value of type `" + JacksonType(shape) +
                        "` from " + JacksonToken(kind, in));
    case ServiceDialect::DecodeErrors::kPlain:
      break;
  }
  return Status::BadRequest(std::string("Invalid request body: expected a JSON ") + JsonTypeFor(shape.type) + ", got " +
                            KindName(kind));
}

Status BadTextValueError(const ServiceDialect& dialect, const Shape& shape, std::string_view text,
                         const ShapeMember& member) {
  if (dialect.decode_errors == ServiceDialect::DecodeErrors::kCoral)
    return Status(400, "SerializationException",
                  std::string("class java.lang.String can not be converted to an ") + CoralTarget(shape.type));
  return Status(400, dialect.validation_error,
                "1 validation error detected: Value '" + std::string(text) + "' at '" + LowerFirst(member.name) +
                    "' failed to satisfy constraint: Member must be a valid " + ShapeTypeName(shape.type));
}

}  // namespace apigw::cp
