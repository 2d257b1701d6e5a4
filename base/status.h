// Status: the outcome of an operation, carrying an AWS error type and message
// from the place an error arises to the wire. No exceptions cross layers.
#pragma once

#include <string>
#include <utility>

namespace apigw {

class Status {
 public:
  Status() = default;  // OK

  // `type` is the AWS error type (e.g. "NotFoundException"), sent as
  // x-amzn-ErrorType; `http_status` is the status code AWS answers with.
  Status(int http_status, std::string type, std::string message)
      : http_status_(http_status), type_(std::move(type)), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status BadRequest(std::string msg) { return {400, "BadRequestException", std::move(msg)}; }
  static Status NotFound(std::string msg) { return {404, "NotFoundException", std::move(msg)}; }
  static Status Conflict(std::string msg) { return {409, "ConflictException", std::move(msg)}; }
  static Status LimitExceeded(std::string msg) { return {429, "LimitExceededException", std::move(msg)}; }
  static Status TooManyRequests(std::string msg) { return {429, "TooManyRequestsException", std::move(msg)}; }
  static Status Unauthorized(std::string msg) { return {401, "UnauthorizedException", std::move(msg)}; }
  static Status Internal(std::string msg) { return {500, "InternalFailure", std::move(msg)}; }
  static Status NotImplemented(std::string msg) { return {501, "NotImplemented", std::move(msg)}; }

  bool ok() const { return http_status_ == 0; }
  int http_status() const { return http_status_ == 0 ? 200 : http_status_; }
  const std::string& type() const { return type_; }
  const std::string& message() const { return message_; }
  std::string ToString() const { return ok() ? "OK" : type_ + ": " + message_; }

  // The error's Reason member where its shape has one (Lambda's
  // TooManyRequestsException: "ReservedFunctionConcurrentInvocationLimitExceeded"); "" when none.
  const std::string& reason() const { return reason_; }
  Status&& WithReason(std::string reason) && {
    reason_ = std::move(reason);
    return std::move(*this);
  }

 private:
  int http_status_ = 0;
  std::string type_;
  std::string message_;
  std::string reason_;
};

}  // namespace apigw
