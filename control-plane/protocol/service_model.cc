// ServiceModel: parsing the compact model JSON and resolving shape references.
#include "control-plane/protocol/service_model.h"

#include "base/json.h"
#include "base/text.h"

namespace apigw::cp {

const char* ShapeTypeName(ShapeType type) {
  switch (type) {
    case ShapeType::kStructure: return "structure";
    case ShapeType::kList: return "list";
    case ShapeType::kMap: return "map";
    case ShapeType::kString: return "string";
    case ShapeType::kInteger: return "integer";
    case ShapeType::kLong: return "long";
    case ShapeType::kFloat: return "float";
    case ShapeType::kDouble: return "double";
    case ShapeType::kBoolean: return "boolean";
    case ShapeType::kTimestamp: return "timestamp";
    case ShapeType::kBlob: return "blob";
  }
  return "?";
}

const ShapeMember* Shape::FindMember(std::string_view member_name) const {
  for (const ShapeMember& m : members)
    if (m.name == member_name) return &m;
  return nullptr;
}

const std::regex* Shape::PatternRegex() const {
  if (pattern.empty() || !regex_) return nullptr;
  std::call_once(regex_->once, [this] {
    try {
      regex_->regex = std::make_unique<std::regex>(pattern, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error&) {
      // A Java construct std::regex lacks: the pattern is not enforced.
    }
  });
  return regex_->regex.get();
}

void ParseRequestUri(std::string_view request_uri, std::vector<UriSegment>* path,
                     std::vector<std::pair<std::string, std::string>>* query_literals) {
  std::string_view p = request_uri;
  size_t q = p.find('?');
  if (q != std::string_view::npos) {
    for (const std::string& part : Split(p.substr(q + 1), '&')) {
      if (part.empty()) continue;
      size_t eq = part.find('=');
      if (eq == std::string::npos)
        query_literals->emplace_back(part, "");
      else
        query_literals->emplace_back(part.substr(0, eq), part.substr(eq + 1));
    }
    p = p.substr(0, q);
  }
  if (!p.empty() && p.front() == '/') p.remove_prefix(1);
  if (p.empty()) return;  // "/" has no segments
  for (const std::string& seg : Split(p, '/')) {
    UriSegment s;
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      std::string label = seg.substr(1, seg.size() - 2);
      if (!label.empty() && label.back() == '+') {
        label.pop_back();
        s.kind = UriSegment::Kind::kGreedyLabel;
      } else {
        s.kind = UriSegment::Kind::kLabel;
      }
      s.text = std::move(label);
    } else {
      s.text = seg;
    }
    path->push_back(std::move(s));
  }
}

namespace {

std::optional<ShapeType> ParseShapeType(std::string_view t) {
  if (t == "structure") return ShapeType::kStructure;
  if (t == "list") return ShapeType::kList;
  if (t == "map") return ShapeType::kMap;
  if (t == "string") return ShapeType::kString;
  if (t == "integer") return ShapeType::kInteger;
  if (t == "long") return ShapeType::kLong;
  if (t == "float") return ShapeType::kFloat;
  if (t == "double") return ShapeType::kDouble;
  if (t == "boolean") return ShapeType::kBoolean;
  if (t == "timestamp") return ShapeType::kTimestamp;
  if (t == "blob") return ShapeType::kBlob;
  return std::nullopt;
}

TimestampFormat ParseTimestampFormat(const std::optional<std::string>& f) {
  if (!f) return TimestampFormat::kDefault;
  if (*f == "unixTimestamp") return TimestampFormat::kUnix;
  if (*f == "iso8601") return TimestampFormat::kIso8601;
  if (*f == "rfc822") return TimestampFormat::kRfc822;
  return TimestampFormat::kDefault;
}

Location ParseLocation(const std::optional<std::string>& l) {
  if (!l) return Location::kBody;
  if (*l == "uri") return Location::kUri;
  if (*l == "querystring") return Location::kQuery;
  if (*l == "header") return Location::kHeader;
  if (*l == "headers") return Location::kHeaders;
  if (*l == "statusCode") return Location::kStatusCode;
  return Location::kBody;
}

std::vector<std::string> StringArray(const JsonValue& object, std::string_view name) {
  std::vector<std::string> out;
  const JsonValue* v = Member(object, name);
  if (!v || !v->IsArray()) return out;
  for (const JsonValue& e : v->GetArray())
    if (e.IsString()) out.emplace_back(e.GetString(), e.GetStringLength());
  return out;
}

}  // namespace

StatusOr<std::unique_ptr<ServiceModel>> ServiceModel::Parse(std::string service, std::string_view json) {
  StatusOr<JsonDoc> parsed = ParseJson(json);
  if (!parsed.ok()) return Status::Internal("service model " + service + ": " + parsed.status().message());
  const JsonDoc& doc = *parsed;
  auto bad = [&service](const std::string& what) {
    return Status::Internal("service model " + service + ": " + what);
  };
  const JsonValue* shapes = Member(doc, "shapes");
  const JsonValue* operations = Member(doc, "operations");
  if (!shapes || !shapes->IsObject() || !operations || !operations->IsObject())
    return bad("missing shapes or operations");

  std::unique_ptr<ServiceModel> model(new ServiceModel());
  model->name_ = std::move(service);
  if (const JsonValue* md = Member(doc, "metadata")) {
    model->metadata_.api_version = GetString(*md, "apiVersion").value_or("");
    model->metadata_.endpoint_prefix = GetString(*md, "endpointPrefix").value_or("");
    model->metadata_.signing_name = GetString(*md, "signingName").value_or(model->metadata_.endpoint_prefix);
    model->metadata_.protocol = GetString(*md, "protocol").value_or("");
    model->metadata_.service_id = GetString(*md, "serviceId").value_or("");
  }

  // First pass: create every shape so references can resolve in any order.
  model->shapes_.reserve(shapes->MemberCount());
  for (const auto& entry : shapes->GetObject()) {
    auto shape = std::make_unique<Shape>();
    shape->name.assign(entry.name.GetString(), entry.name.GetStringLength());
    model->shape_index_[shape->name] = shape.get();
    model->shapes_.push_back(std::move(shape));
  }
  auto ref = [&model](const JsonValue& holder, std::string_view key) -> const Shape* {
    const JsonValue* r = Member(holder, key);
    if (!r) return nullptr;
    std::optional<std::string> name = r->IsString() ? std::optional<std::string>(r->GetString()) : GetString(*r, "shape");
    return name ? model->FindShape(*name) : nullptr;
  };

  size_t i = 0;
  for (const auto& entry : shapes->GetObject()) {
    Shape& shape = *model->shapes_[i++];
    const JsonValue& spec = entry.value;
    std::optional<ShapeType> type = ParseShapeType(GetString(spec, "type").value_or(""));
    if (!type) return bad("shape " + shape.name + " has an unknown type");
    shape.type = *type;
    shape.enum_values = StringArray(spec, "enum");
    shape.lenient_enum = GetBool(spec, "x-lenientEnum").value_or(false);
    shape.min = GetDouble(spec, "min");
    shape.max = GetDouble(spec, "max");
    shape.pattern = GetString(spec, "pattern").value_or("");
    if (!shape.pattern.empty()) shape.regex_ = std::make_shared<Shape::LazyRegex>();
    shape.timestamp_format = ParseTimestampFormat(GetString(spec, "timestampFormat"));
    shape.exception = GetBool(spec, "exception").value_or(false);
    shape.fault = GetBool(spec, "fault").value_or(false);
    if (const JsonValue* err = Member(spec, "error")) shape.error_status = int(GetInt(*err, "httpStatusCode").value_or(0));
    shape.streaming = GetBool(spec, "streaming").value_or(false);
    shape.eventstream = GetBool(spec, "eventstream").value_or(false);
    shape.sensitive = GetBool(spec, "sensitive").value_or(false);
    if (shape.type == ShapeType::kList) {
      shape.member = ref(spec, "member");
      if (!shape.member) return bad("list " + shape.name + " has no member shape");
    } else if (shape.type == ShapeType::kMap) {
      shape.key = ref(spec, "key");
      shape.value = ref(spec, "value");
      if (!shape.key || !shape.value) return bad("map " + shape.name + " lacks key or value");
    }
    if (const JsonValue* members = Member(spec, "members"); members && members->IsObject()) {
      std::vector<std::string> required = StringArray(spec, "required");
      for (const auto& m : members->GetObject()) {
        ShapeMember member;
        member.name.assign(m.name.GetString(), m.name.GetStringLength());
        member.shape = ref(m.value, "shape");
        if (!member.shape) return bad("member " + shape.name + "." + member.name + " has an unknown shape");
        member.location = ParseLocation(GetString(m.value, "location"));
        member.location_name = GetString(m.value, "locationName").value_or("");
        member.wire_name = member.location_name.empty() ? member.name : member.location_name;
        member.idempotency_token = GetBool(m.value, "idempotencyToken").value_or(false);
        member.enum_values = StringArray(m.value, "enum");
        member.timestamp_format = ParseTimestampFormat(GetString(m.value, "timestampFormat"));
        for (const std::string& r : required)
          if (r == member.name) member.required = true;
        shape.members.push_back(std::move(member));
      }
      if (std::optional<std::string> payload = GetString(spec, "payload")) {
        for (size_t k = 0; k < shape.members.size(); ++k)
          if (shape.members[k].name == *payload) shape.payload = int(k);
        if (shape.payload < 0) return bad("payload of " + shape.name + " is not a member");
      }
    }
  }

  model->operations_.reserve(operations->MemberCount());
  for (const auto& entry : operations->GetObject()) {
    Operation op;
    op.name.assign(entry.name.GetString(), entry.name.GetStringLength());
    const JsonValue* http = Member(entry.value, "http");
    if (!http) return bad("operation " + op.name + " has no http binding");
    op.method = GetString(*http, "method").value_or("");
    op.request_uri = GetString(*http, "requestUri").value_or("");
    op.response_code = int(GetInt(*http, "responseCode").value_or(200));
    if (op.method.empty() || op.request_uri.empty() || op.request_uri.front() != '/')
      return bad("operation " + op.name + " has a bad http binding");
    ParseRequestUri(op.request_uri, &op.path, &op.query_literals);
    op.input = ref(entry.value, "input");
    op.output = ref(entry.value, "output");
    for (const std::string& e : StringArray(entry.value, "errors"))
      if (const Shape* s = model->FindShape(e)) op.errors.push_back(s);
    model->operation_index_[op.name] = model->operations_.size();
    model->operations_.push_back(std::move(op));
  }
  return model;
}

const Operation* ServiceModel::FindOperation(std::string_view name) const {
  auto it = operation_index_.find(std::string(name));
  return it == operation_index_.end() ? nullptr : &operations_[it->second];
}

const Shape* ServiceModel::FindShape(std::string_view name) const {
  auto it = shape_index_.find(std::string(name));
  return it == shape_index_.end() ? nullptr : it->second;
}

const Shape* ServiceModel::FindError(std::string_view type) const {
  const Shape* s = FindShape(type);
  return s && s->exception ? s : nullptr;
}

}  // namespace apigw::cp
