// RegisterLambda: every implemented family of the lambda service.
#include "control-plane/lambda/handlers.h"

namespace apigw::cp::lambda {

void RegisterLambda(OperationTable& table, LambdaDeps& deps) {
  RegisterFunctions(table, deps);
  RegisterInvoke(table, deps);
  RegisterVersions(table, deps);
  RegisterAliases(table, deps);
  RegisterPermissions(table, deps);
  RegisterTags(table, deps);
  RegisterConcurrency(table, deps);
}

}  // namespace apigw::cp::lambda
