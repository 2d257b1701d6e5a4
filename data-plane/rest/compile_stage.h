// CompileRestStage: turns a PublishedStage's JSON documents (AWS's GetRestApi,
// GetResource?embed=methods, GetGatewayResponse and GetStage shapes) into an
// immutable CompiledStage, once per publish.
#pragma once

#include <memory>

#include "base/log.h"
#include "base/status_or.h"
#include "data-plane/rest/compiled_stage.h"
#include "deployment/published_stage.h"

namespace apigw::dp {

// Fails only when the documents are unusable (no deployment, resources not a
// list). Parts AWS would reject at request time (a template that does not
// parse, a bad selectionPattern) are kept and fail the requests that use them;
// each is logged once here.
StatusOr<std::shared_ptr<const CompiledStage>> CompileRestStage(const PublishedStage& published, Logger& log);

}  // namespace apigw::dp
