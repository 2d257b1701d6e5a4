// CompileRestStage: reads the deployment and stage documents once. Member
// names are the apigateway service model's (RestApi, Resource, Method,
// Integration, IntegrationResponse, GatewayResponse, Stage).
#include "data-plane/rest/compile_stage.h"

#include <algorithm>

#include "base/text.h"
#include "data-plane/rest/aws_service_uri.h"
#include "data-plane/rest/lambda/lambda_function_uri.h"

namespace apigw::dp {

namespace {

constexpr char kComponent[] = "data-plane";

class StageCompiler {
 public:
  // `canary`: compile the stage's canary deployment instead of its deployment.
  StageCompiler(const PublishedStage& published, Logger& log, bool canary = false)
      : published_(published), log_(log), canary_(canary) {}

  StatusOr<std::shared_ptr<CompiledStage>> Run();

 private:
  void Warn(const std::string& what) {
    log_.Warn(kComponent, published_.api_id + "/" + published_.stage_name + ": " + what);
  }
  std::optional<ValueSource> Source(std::string_view expr) {
    return ValueSource::Parse(expr, [this](std::string_view name) { return out_->StageVariable(name); });
  }
  // Velocity mapping templates by content type; `velocity` false keeps them as text.
  TemplateMap Templates(const JsonValue* map, bool velocity = true);
  std::vector<ParameterMapping> Mappings(const JsonValue* map, std::string_view prefix, bool request_side);
  std::vector<UriPiece> Uri(const std::string& uri);
  std::optional<CompiledIntegration> Integration(const JsonValue& doc, const std::string& where);
  CompiledMethod Method(const std::string& http_method, const JsonValue& doc, const std::string& where);
  void GatewayResponses(const JsonValue* list);

  void StageSettings(const JsonValue& stage);

  const PublishedStage& published_;
  Logger& log_;
  const bool canary_;
  std::shared_ptr<CompiledStage> out_;
};

// A string-valued member map ("variables", "stageVariableOverrides") applied
// over `vars`: existing names are replaced, new ones added.
void ApplyVariables(const JsonValue* map, std::vector<std::pair<std::string, std::string>>& vars) {
  if (map == nullptr || !map->IsObject()) return;
  for (auto it = map->MemberBegin(); it != map->MemberEnd(); ++it) {
    if (!it->value.IsString()) continue;
    std::string name(it->name.GetString(), it->name.GetStringLength());
    std::string value(it->value.GetString(), it->value.GetStringLength());
    auto same = std::find_if(vars.begin(), vars.end(), [&](const auto& v) { return v.first == name; });
    if (same != vars.end()) {
      same->second = std::move(value);
    } else {
      vars.emplace_back(std::move(name), std::move(value));
    }
  }
}

std::string StringOr(const JsonValue& doc, std::string_view name, std::string fallback = {}) {
  std::optional<std::string> s = GetString(doc, name);
  return s ? *s : fallback;
}

// contentHandling: CONVERT_TO_BINARY, CONVERT_TO_TEXT, or absent (passthrough).
ContentHandling ContentHandlingOf(const JsonValue& doc) {
  std::string value = StringOr(doc, "contentHandling");
  if (value == "CONVERT_TO_BINARY") return ContentHandling::kConvertToBinary;
  if (value == "CONVERT_TO_TEXT") return ContentHandling::kConvertToText;
  return ContentHandling::kPassthrough;
}

// The URI as written, placeholders and all, for parsing its fixed parts.
std::string UriText(const std::vector<UriPiece>& pieces) {
  std::string out;
  for (const UriPiece& p : pieces) out += p.is_placeholder ? "{" + p.text + "}" : p.text;
  return out;
}

TemplateMap StageCompiler::Templates(const JsonValue* map, bool velocity) {
  TemplateMap out;
  if (map == nullptr || !map->IsObject()) return out;
  for (auto it = map->MemberBegin(); it != map->MemberEnd(); ++it) {
    std::string content_type(it->name.GetString(), it->name.GetStringLength());
    std::string source = it->value.IsString() ? std::string(it->value.GetString(), it->value.GetStringLength()) : "";
    if (!velocity) {
      out.emplace_back(std::move(content_type), CompiledTemplate::Text(std::move(source)));
      continue;
    }
    CompiledTemplate compiled = CompiledTemplate::Compile(std::move(source));
    if (!compiled.parse_error().ok())
      Warn("template for " + content_type + " does not parse: " + compiled.parse_error().message());
    out.emplace_back(std::move(content_type), std::move(compiled));
  }
  return out;
}

std::vector<ParameterMapping> StageCompiler::Mappings(const JsonValue* map, std::string_view prefix,
                                                      bool request_side) {
  std::vector<ParameterMapping> out;
  if (map == nullptr || !map->IsObject()) return out;
  for (auto it = map->MemberBegin(); it != map->MemberEnd(); ++it) {
    std::string_view key(it->name.GetString(), it->name.GetStringLength());
    if (!it->value.IsString()) continue;
    std::string_view expr(it->value.GetString(), it->value.GetStringLength());
    if (key.substr(0, prefix.size()) != prefix) {
      Warn("ignoring mapping " + std::string(key));
      continue;
    }
    std::string_view rest = key.substr(prefix.size());
    ParameterMapping m;
    if (StartsWith(rest, "header.")) {
      m.target = ParameterMapping::Target::kHeader;
      rest.remove_prefix(7);
    } else if (request_side && StartsWith(rest, "querystring.")) {
      m.target = ParameterMapping::Target::kQueryString;
      rest.remove_prefix(12);
    } else if (request_side && StartsWith(rest, "path.")) {
      m.target = ParameterMapping::Target::kPath;
      rest.remove_prefix(5);
    } else {
      Warn("ignoring mapping " + std::string(key));
      continue;
    }
    std::optional<ValueSource> source = Source(expr);
    if (!source || rest.empty() || (request_side && source->reads_response()) ||
        (!request_side && source->reads_request())) {
      Warn("ignoring mapping " + std::string(key) + " = " + std::string(expr));
      continue;
    }
    m.name = std::string(rest);
    m.source = std::move(*source);
    out.push_back(std::move(m));
  }
  return out;
}

// Splits "http://h/${stageVariables.p}/{id}?q={q}" into literal and {name}
// pieces, substituting stage variables now (AWS renders them per stage; a
// variable the stage lacks becomes empty, which then fails as an invalid
// endpoint address at request time).
std::vector<UriPiece> StageCompiler::Uri(const std::string& uri) {
  std::vector<UriPiece> out;
  std::string literal;
  size_t i = 0;
  while (i < uri.size()) {
    if (uri.compare(i, 16, "${stageVariables") == 0 && i + 16 < uri.size() && uri[i + 16] == '.') {
      size_t close = uri.find('}', i);
      if (close != std::string::npos) {
        std::string name = uri.substr(i + 17, close - i - 17);
        if (const std::string* value = out_->StageVariable(name)) literal += *value;
        i = close + 1;
        continue;
      }
    }
    if (uri[i] == '{') {
      size_t close = uri.find('}', i);
      if (close != std::string::npos && close > i + 1) {
        if (!literal.empty()) out.push_back({false, std::move(literal)});
        literal.clear();
        out.push_back({true, uri.substr(i + 1, close - i - 1)});
        i = close + 1;
        continue;
      }
    }
    literal.push_back(uri[i++]);
  }
  if (!literal.empty()) out.push_back({false, std::move(literal)});
  return out;
}

std::optional<CompiledIntegration> StageCompiler::Integration(const JsonValue& doc, const std::string& where) {
  if (!doc.IsObject()) return std::nullopt;
  CompiledIntegration in;
  in.type_name = StringOr(doc, "type", "MOCK");
  if (in.type_name == "MOCK") in.type = IntegrationType::kMock;
  else if (in.type_name == "HTTP") in.type = IntegrationType::kHttp;
  else if (in.type_name == "HTTP_PROXY") in.type = IntegrationType::kHttpProxy;
  else if (in.type_name == "AWS") in.type = IntegrationType::kAws;
  else if (in.type_name == "AWS_PROXY") in.type = IntegrationType::kAwsProxy;
  else {
    Warn(where + ": unknown integration type " + in.type_name);
    return std::nullopt;
  }
  in.http_method = StringOr(doc, "httpMethod");
  in.uri = Uri(StringOr(doc, "uri"));
  in.uri_has_placeholders =
      std::any_of(in.uri.begin(), in.uri.end(), [](const UriPiece& p) { return p.is_placeholder; });
  if (in.type == IntegrationType::kAws || in.type == IntegrationType::kAwsProxy) {
    if (std::optional<AwsServiceUri> aws = ParseAwsServiceUri(UriText(in.uri))) {
      in.aws_service = aws->service;
      if (std::optional<LambdaFunctionUri> fn = ParseLambdaFunctionUri(UriText(in.uri))) {
        in.lambda_function = std::move(fn->function);
        in.lambda_region = std::move(fn->region);
      }
    } else {
      Warn(where + ": integration URI " + UriText(in.uri) + " is not an AWS service URI");
    }
  }
  in.content_handling = ContentHandlingOf(doc);
  in.request_parameters = Mappings(Member(doc, "requestParameters"), "integration.request.", true);
  in.request_templates = Templates(Member(doc, "requestTemplates"));
  std::string passthrough = StringOr(doc, "passthroughBehavior", "WHEN_NO_MATCH");
  if (passthrough == "WHEN_NO_TEMPLATES") in.passthrough = PassthroughBehavior::kWhenNoTemplates;
  else if (passthrough == "NEVER") in.passthrough = PassthroughBehavior::kNever;
  // timeoutInMillis: "between 50 and 29,000 milliseconds" (Integration, API reference).
  if (std::optional<int64_t> t = GetInt(doc, "timeoutInMillis")) in.timeout_ms = int(std::clamp<int64_t>(*t, 50, 29000));
  if (const JsonValue* tls = Member(doc, "tlsConfig")) {
    if (tls->IsObject()) in.insecure_skip_verification = GetBool(*tls, "insecureSkipVerification").value_or(false);
  }
  if (const JsonValue* responses = Member(doc, "integrationResponses"); responses && responses->IsObject()) {
    for (auto it = responses->MemberBegin(); it != responses->MemberEnd(); ++it) {
      const JsonValue& r = it->value;
      if (!r.IsObject()) continue;
      CompiledIntegrationResponse out;
      out.status_code = StringOr(r, "statusCode", std::string(it->name.GetString(), it->name.GetStringLength()));
      out.status = std::atoi(out.status_code.c_str());
      if (out.status < 100 || out.status > 599) {
        Warn(where + ": integration response status " + out.status_code + " is not a status code");
        out.status = 500;
      }
      out.selection_pattern = StringOr(r, "selectionPattern");
      if (!out.selection_pattern.empty()) {
        // A Java regular expression (java.util.regex), compiled once.
        StatusOr<std::shared_ptr<const vtl::JavaRegex>> pattern = vtl::JavaRegex::Compile(out.selection_pattern);
        if (pattern.ok()) {
          out.pattern = std::move(pattern).value();
        } else {
          Warn(where + ": selectionPattern " + out.selection_pattern + " does not compile (" +
               pattern.status().message() + "); it never matches");
        }
      }
      out.response_parameters = Mappings(Member(r, "responseParameters"), "method.response.", false);
      out.response_templates = Templates(Member(r, "responseTemplates"));
      out.content_handling = ContentHandlingOf(r);
      in.responses.push_back(std::move(out));
    }
    for (size_t i = 0; i < in.responses.size(); ++i) {
      if (in.responses[i].selection_pattern.empty()) {
        in.default_response = int(i);
        break;
      }
    }
  }
  return in;
}

CompiledMethod StageCompiler::Method(const std::string& http_method, const JsonValue& doc, const std::string& where) {
  CompiledMethod m;
  m.http_method = http_method;  // the resourceMethods key is authoritative
  m.authorization_type = StringOr(doc, "authorizationType", "NONE");
  m.authorizer_id = StringOr(doc, "authorizerId");
  m.api_key_required = GetBool(doc, "apiKeyRequired").value_or(false);
  m.request_validator_id = StringOr(doc, "requestValidatorId");
  if (const JsonValue* params = Member(doc, "requestParameters"); params && params->IsObject()) {
    for (auto it = params->MemberBegin(); it != params->MemberEnd(); ++it)
      m.request_parameters[std::string(it->name.GetString(), it->name.GetStringLength())] =
          it->value.IsBool() && it->value.GetBool();
  }
  if (const JsonValue* integration = Member(doc, "methodIntegration"))
    m.integration = Integration(*integration, where + " " + m.http_method);
  return m;
}

void StageCompiler::GatewayResponses(const JsonValue* list) {
  if (list == nullptr) return;
  auto add = [&](const JsonValue& doc) {
    if (!doc.IsObject()) return;
    std::optional<GatewayResponseType> type = ParseGatewayResponseType(StringOr(doc, "responseType"));
    if (!type) return;
    // GetGatewayResponses lists AWS's untouched defaults too (defaultResponse:
    // true); those are rendered by the built-in table, byte for byte as AWS does.
    if (GetBool(doc, "defaultResponse").value_or(false)) return;
    CompiledGatewayResponse out;
    if (std::optional<std::string> s = GetString(doc, "statusCode"); s && !s->empty()) {
      int status = std::atoi(s->c_str());
      if (status >= 100 && status <= 599) out.status = status;
    }
    if (const JsonValue* params = Member(doc, "responseParameters"); params && params->IsObject()) {
      for (auto it = params->MemberBegin(); it != params->MemberEnd(); ++it) {
        std::string_view key(it->name.GetString(), it->name.GetStringLength());
        if (!StartsWith(key, "gatewayresponse.header.") || !it->value.IsString()) continue;
        std::optional<ValueSource> source = Source(it->value.GetString());
        if (!source || source->reads_response()) continue;
        out.headers.emplace_back(std::string(key.substr(23)), std::move(*source));
      }
    }
    out.templates = Templates(Member(doc, "responseTemplates"), /*velocity=*/false);
    out_->gateway_responses[static_cast<int>(*type)] = std::move(out);
  };
  if (list->IsArray()) {
    for (const JsonValue& doc : list->GetArray()) add(doc);
  } else if (list->IsObject()) {  // also accept {"TYPE": GatewayResponse}
    for (auto it = list->MemberBegin(); it != list->MemberEnd(); ++it) add(it->value);
  }
}

// The stage's own settings: its deployment id and variables, and for the
// canary the canary's deployment id and the variables it overrides.
void StageCompiler::StageSettings(const JsonValue& stage) {
  out_->deployment_id = StringOr(stage, "deploymentId");
  ApplyVariables(Member(stage, "variables"), out_->stage_variables);
  const JsonValue* canary = Member(stage, "canarySettings");
  if (canary == nullptr || !canary->IsObject() || !published_.canary_deployment) return;
  out_->is_canary = canary_;
  if (canary_) {
    out_->deployment_id = StringOr(*canary, "deploymentId");
    ApplyVariables(Member(*canary, "stageVariableOverrides"), out_->stage_variables);
  } else if (const JsonValue* percent = Member(*canary, "percentTraffic"); percent && percent->IsNumber()) {
    out_->canary_percent = percent->GetDouble();
  }
}

StatusOr<std::shared_ptr<CompiledStage>> StageCompiler::Run() {
  const std::shared_ptr<const JsonDoc>& doc = canary_ ? published_.canary_deployment : published_.deployment;
  if (!doc || !doc->IsObject())
    return Status::BadRequest("deployment document missing for " + published_.api_id + "/" + published_.stage_name);
  const JsonValue& dep = *doc;
  out_ = std::make_shared<CompiledStage>();
  out_->api_id = published_.api_id;
  out_->stage_name = published_.stage_name;
  out_->region = published_.region;
  out_->account_id = published_.account_id;

  if (published_.stage && published_.stage->IsObject()) StageSettings(*published_.stage);
  if (const JsonValue* d = Member(dep, "deployment"); d && d->IsObject() && out_->deployment_id.empty())
    out_->deployment_id = StringOr(*d, "id");
  if (const JsonValue* api = Member(dep, "restApi"); api && api->IsObject()) {
    out_->api_name = StringOr(*api, "name");
    out_->execute_api_endpoint_disabled = GetBool(*api, "disableExecuteApiEndpoint").value_or(false);
    if (const JsonValue* types = Member(*api, "binaryMediaTypes"); types && types->IsArray()) {
      std::vector<std::string> list;
      for (const JsonValue& t : types->GetArray())
        if (t.IsString()) list.emplace_back(t.GetString(), t.GetStringLength());
      out_->binary_media_types = BinaryMediaTypes(std::move(list));
    }
  }

  const JsonValue* resources = Member(dep, "resources");
  if (resources != nullptr && !resources->IsArray())
    return Status::BadRequest("deployment resources must be a list");
  if (resources != nullptr) {
    for (const JsonValue& r : resources->GetArray()) {
      if (!r.IsObject()) continue;
      CompiledResource res;
      res.id = StringOr(r, "id");
      res.path = StringOr(r, "path", "/");
      uint16_t bits = 0;
      if (const JsonValue* methods = Member(r, "resourceMethods"); methods && methods->IsObject()) {
        for (auto it = methods->MemberBegin(); it != methods->MemberEnd(); ++it) {
          std::string name(it->name.GetString(), it->name.GetStringLength());
          if (!it->value.IsObject()) continue;
          uint16_t bit = RouteTree::MethodBit(name);
          if (bit == 0) {
            Warn("ignoring method " + name + " on " + res.path);
            continue;
          }
          bits |= bit;
          res.methods.push_back(Method(name, it->value, res.path));
        }
      }
      out_->routes.Add(res.path, int(out_->resources.size()), bits);
      out_->resources.push_back(std::move(res));
    }
  }
  GatewayResponses(Member(dep, "gatewayResponses"));
  out_->authorizers = CompileAuthorizers(
      Member(dep, "authorizers"), [this](std::string_view name) { return out_->StageVariable(name); },
      [this](const std::string& what) { Warn(what); });
  return std::move(out_);
}

}  // namespace

StatusOr<std::shared_ptr<const CompiledStage>> CompileRestStage(const PublishedStage& published, Logger& log) {
  StatusOr<std::shared_ptr<CompiledStage>> main = StageCompiler(published, log).Run();
  if (!main.ok()) return main.status();
  if ((*main)->is_canary) {
    StatusOr<std::shared_ptr<CompiledStage>> canary = StageCompiler(published, log, /*canary=*/true).Run();
    if (!canary.ok()) return canary.status();
    (*main)->canary = std::move(canary).value();
  }
  return std::shared_ptr<const CompiledStage>(std::move(main).value());
}

const CompiledMethod* CompiledResource::FindMethod(std::string_view http_method) const {
  const CompiledMethod* any = nullptr;
  for (const CompiledMethod& m : methods) {
    if (m.http_method == http_method) return &m;
    if (m.http_method == "ANY") any = &m;
  }
  return any;
}

const CompiledAuthorizer* CompiledStage::FindAuthorizer(std::string_view id) const {
  for (const CompiledAuthorizer& a : authorizers)
    if (a.id == id) return &a;
  return nullptr;
}

const std::string* CompiledStage::StageVariable(std::string_view name) const {
  for (const auto& [k, v] : stage_variables) {
    if (k == name) return &v;
  }
  return nullptr;
}

}  // namespace apigw::dp
