// The apigateway (REST APIs) service: what its handlers need, and the one call
// that registers every operation it implements.
#pragma once

#include <string>

#include "base/ids.h"
#include "base/log.h"
#include "control-plane/protocol/operation.h"
#include "deployment/published_stage.h"
#include "state/store.h"

namespace apigw::cp::apigateway {

struct ApigatewayDeps {
  state::Store& store;
  StageSink& sink;  // the data plane: told after a commit that changes what a stage serves
  IdSource& ids;
  Logger& log;
  // The account stages are published under when no request names one
  // (PublishAllStages at startup); requests use their CallContext's.
  std::string account_id = "000000000000";
};

// Registers every implemented apigateway operation. `deps` must outlive `table`.
void RegisterApigateway(OperationTable& table, ApigatewayDeps& deps);

// Publishes every stored stage of every REST API to deps.sink (at startup).
Status PublishAllStages(ApigatewayDeps& deps);

}  // namespace apigw::cp::apigateway
