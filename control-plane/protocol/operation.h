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
#include <utility>

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
class OperationTable {
 public:
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
};

}  // namespace apigw::cp
