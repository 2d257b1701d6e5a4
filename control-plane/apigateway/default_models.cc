// The default models; their schema texts are AWS's, byte for byte (as AWS
// exports them, e.g. in the terraformer dumps of real APIs).
#include "control-plane/apigateway/default_models.h"

#include "base/json.h"
#include "control-plane/apigateway/rest_records.h"

namespace apigw::cp::apigateway {

namespace {

constexpr std::string_view kEmptySchema =
    "{\n"
    "  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n"
    "  \"title\" : \"Empty Schema\",\n"
    "  \"type\" : \"object\"\n"
    "}";

constexpr std::string_view kErrorSchema =
    "{\n"
    "  \"$schema\" : \"http://json-schema.org/draft-04/schema#\",\n"
    "  \"title\" : \"Error Schema\",\n"
    "  \"type\" : \"object\",\n"
    "  \"properties\" : {\n"
    "    \"message\" : { \"type\" : \"string\" }\n"
    "  }\n"
    "}";

void AddModel(state::WriteBatch& batch, std::string_view api_id, IdSource& ids, std::string_view name,
              std::string_view description, std::string_view schema) {
  JsonDoc model(rapidjson::kObjectType);
  JsonAlloc& a = model.GetAllocator();
  SetString(model, "id", ids.LowerAlnum(kModelIdLength), a);
  SetString(model, "name", name, a);
  SetString(model, "description", description, a);
  SetString(model, "schema", schema, a);
  SetString(model, "contentType", "application/json", a);
  PutDoc(batch, kind::kModel, api_id, name, model);
}

}  // namespace

void AddDefaultModels(state::WriteBatch& batch, std::string_view api_id, IdSource& ids) {
  AddModel(batch, api_id, ids, "Empty", "This is a default empty schema model", kEmptySchema);
  AddModel(batch, api_id, ids, "Error", "This is a default error schema model", kErrorSchema);
}

}  // namespace apigw::cp::apigateway
