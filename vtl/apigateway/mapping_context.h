// The variables of an API Gateway mapping template, built in one call from
// what the data plane knows about a request or an integration's response:
// $input, $util, $context, $stageVariables; and, after the render, the
// overrides the template set in $context.requestOverride/responseOverride.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vtl/template.h"

namespace apigw::vtl {

using Params = std::vector<std::pair<std::string, std::string>>;

struct MappingInput {
  std::string body;          // $input.body (an empty body reads as "{}")
  Params path_parameters;    // $input.params().path
  Params query_parameters;   // $input.params().querystring
  Params headers;            // $input.params().header
  Params stage_variables;    // $stageVariables
  // $context: a map the data plane fills (apiId, requestId, identity, ...).
  // requestOverride {header, path, querystring} and responseOverride {header}
  // override maps are added when absent, so templates can #set into them.
  Value context = Value::NewMap();
  std::string payload_name = "request body";  // names the payload in JSON errors
};

// Fills `ctx` for a render: the variables above and API Gateway's handling of
// null references (NullReferences::kEmptyString).
void PrepareContext(MappingInput input, Context* ctx);

// What a rendered template set in $context.requestOverride / responseOverride.
// A list value gives one entry per element (multi-value headers).
struct Overrides {
  std::optional<int> status;  // responseOverride.status
  Params request_headers, request_path, request_querystring;
  Params response_headers;
};
Overrides ReadOverrides(const Context& ctx);

// A map of strings, in order; a repeated name keeps its last value.
Value ParamsToMap(const Params& params);

// A map of `entries` (put in this order) iterating as Java's HashMap does: by
// the bucket of the key's String.hashCode() in the smallest table that holds
// them at load factor 0.75, then in insertion order within a bucket. API
// Gateway's $context maps are HashMaps (recorded on AWS: $context.keySet()
// gives resourceId, resourcePath, httpMethod, ... in that order).
// `unprintable`: the map prints as "" (Value::NewUnprintableMap);
// `keys_set_once`: a render may set each key once (an override map).
Value JavaHashMap(std::vector<std::pair<std::string, Value>> entries, bool unprintable = false,
                  bool keys_set_once = false);

// An empty override map ($context.requestOverride.header and the like): it
// prints as nothing and a render may set each of its keys once, since
// "Overrides are final. An override may only be applied to each parameter
// once. If you try to override the same parameter multiple times, API Gateway
// returns a 5XX response" (developer guide, "Override your API's request and
// response parameters and status codes").
Value NewOverrideMap();

}  // namespace apigw::vtl
