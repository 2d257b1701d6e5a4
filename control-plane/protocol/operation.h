// The contract between the rest-json protocol layer and the operation handlers.
//
// The protocol layer matches a request to an operation of an AWS service model
// (method + URI template), parses every input member from its location (URI
// label, query string, header, JSON body or raw payload) into one JSON object
// keyed by the model's *member names*, validates it against the input shape,
// and calls the handler. The handler answers with a JSON object keyed by the
// output shape's member names, which the layer serializes back to the wire
// (status code, headers, body) as the model says.
//
// Value conventions inside those JSON objects:
//   string/enum -> string; integer/long -> integer; float/double -> number;
//   boolean -> bool; timestamp -> number of epoch seconds (may be fractional);
//   blob -> string holding the raw bytes (base64 only on the wire);
//   list -> array; map -> object; structure -> object.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json.h"
#include "base/status_or.h"
#include "net/http_message.h"

namespace apigw::cp {

class ServiceModel;

struct CallContext {
  std::string service;     // service model name: "apigateway", "apigatewayv2", "lambda"
  std::string operation;   // "CreateRestApi"
  std::string region;      // from the SigV4 credential scope, else the default
  std::string account_id;
  std::string request_id;  // also sent as x-amzn-RequestId
  int64_t now_ms = 0;      // wall clock at arrival, epoch milliseconds
  const net::HttpRequest* http = nullptr;  // the raw request, for the rare handler that needs it
  const ServiceModel* model = nullptr;     // the service's model: ModelError(ctx, type, message) uses it
};

using OperationResult = StatusOr<JsonDoc>;
using OperationDone = std::function<void(OperationResult)>;
using SyncHandler = std::function<OperationResult(const CallContext&, const JsonValue& input)>;
// For operations that wait on something (Lambda Invoke): call `done` once, from any thread.
using AsyncHandler = std::function<void(const CallContext&, JsonDoc input, OperationDone done)>;

// Operation name -> handler, per service. Operations of a model without a
// handler answer 501 NotImplemented naming the operation.
// GET {prefix}{rest}: bytes the emulator serves itself outside any service
// model (Lambda's Code.Location, a pre-signed S3 URL on AWS).
using FileHandler = std::function<StatusOr<std::string>(std::string_view rest)>;
struct FileRoute {
  std::string prefix;
  std::string content_type;
  FileHandler handler;
};

class OperationTable {
 public:
  void AddFile(std::string prefix, std::string content_type, FileHandler handler) {
    files_.push_back({std::move(prefix), std::move(content_type), std::move(handler)});
  }
  const FileRoute* FindFile(std::string_view path) const {
    for (const FileRoute& f : files_)
      if (path.size() > f.prefix.size() && path.compare(0, f.prefix.size(), f.prefix) == 0) return &f;
    return nullptr;
  }
  void Add(const std::string& service, const std::string& operation, SyncHandler handler) {
    sync_[{service, operation}] = std::move(handler);
  }
  void AddAsync(const std::string& service, const std::string& operation, AsyncHandler handler) {
    async_[{service, operation}] = std::move(handler);
  }
  const SyncHandler* FindSync(const std::string& service, const std::string& operation) const {
    auto it = sync_.find({service, operation});
    return it == sync_.end() ? nullptr : &it->second;
  }
  const AsyncHandler* FindAsync(const std::string& service, const std::string& operation) const {
    auto it = async_.find({service, operation});
    return it == async_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::pair<std::string, std::string>, SyncHandler> sync_;
  std::map<std::pair<std::string, std::string>, AsyncHandler> async_;
  std::vector<FileRoute> files_;
};

}  // namespace apigw::cp
