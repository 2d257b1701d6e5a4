// The runtime lists as AWS applies them (recorded: test_lambda_api.py::
// test_create_lambda_exceptions and test_create_deprecated_function_runtime_*).
#include "lambda/runtime_kind.h"

#include "base/text.h"

namespace apigw::lambda {

namespace {

// In the order AWS prints them in its enum error.
constexpr std::string_view kCreatable[] = {
    "nodejs20.x", "python3.14", "provided.al2023", "python3.12", "python3.13", "nodejs24.x", "nodejs22.x",
    "java25",     "python3.10", "python3.11",      "java21",     "ruby3.3",    "ruby3.4",    "ruby3.2",
    "python3.8",  "python3.9",  "java17",          "nodejs16.x", "dotnet10",   "dotnet8",    "java11",
    "dotnet6",    "nodejs18.x", "provided.al2",    "java8.al2"};

// Newer than the recorded list; accepted.
constexpr std::string_view kNewer[] = {"ruby4.0"};

// In the service model's Runtime enum but refused for new functions.
constexpr std::string_view kDeprecated[] = {
    "nodejs",     "nodejs4.3",     "nodejs6.10",    "nodejs8.10",    "nodejs10.x",    "nodejs12.x",
    "nodejs14.x", "java8",         "python2.7",     "python3.6",     "python3.7",     "dotnetcore1.0",
    "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "nodejs4.3-edge", "go1.x",     "ruby2.5",
    "ruby2.7",    "provided"};

Status InvalidParameter(std::string message) {
  return Status(400, "InvalidParameterValueException", std::move(message));
}

std::string InvalidRuntimeMessage(std::string_view runtime) {
  std::string list;
  for (std::string_view r : kCreatable) {
    if (!list.empty()) list += ", ";
    list.append(r);
  }
  return "Value " + std::string(runtime) +
         " at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [" + list +
         "] or be a valid ARN";
}

}  // namespace

Status CheckRuntime(std::string_view runtime) {
  for (std::string_view r : kCreatable)
    if (r == runtime) return Status::Ok();
  for (std::string_view r : kNewer)
    if (r == runtime) return Status::Ok();
  for (std::string_view r : kDeprecated) {
    if (r == runtime) {
      return InvalidParameter("The runtime parameter of " + std::string(runtime) +
                              " is no longer supported for creating or updating AWS Lambda functions. We "
                              "recommend you use a supported runtime while creating or updating functions.");
    }
  }
  return InvalidParameter(InvalidRuntimeMessage(runtime));
}

RuntimeKind KindOf(std::string_view runtime) {
  if (StartsWith(runtime, "nodejs")) return RuntimeKind::kNode;
  if (StartsWith(runtime, "python3")) return RuntimeKind::kPython;
  if (StartsWith(runtime, "provided")) return RuntimeKind::kProvided;
  return RuntimeKind::kUnsupported;
}

std::string PythonInterpreterName(std::string_view runtime) {
  if (!StartsWith(runtime, "python3")) return "";
  return std::string(runtime);
}

}  // namespace apigw::lambda
