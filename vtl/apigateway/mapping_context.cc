// Building a mapping template's Context and reading its overrides back.
#include "vtl/apigateway/mapping_context.h"

#include <algorithm>
#include <charconv>

#include "vtl/apigateway/input_variable.h"
#include "vtl/apigateway/util_variable.h"
#include "vtl/java_text.h"

namespace apigw::vtl {
namespace {

Value& EnsureMap(Map& parent, const char* key) {
  Value* v = parent.Find(key);
  if (!v || v->kind() != Value::Kind::kMap) {
    parent.Put(key, NewOverrideMap());
    v = parent.Find(key);
  }
  return *v;
}

const Map* MapAt(const Map& parent, const char* key) {
  const Value* v = parent.Find(key);
  return v && v->kind() == Value::Kind::kMap ? &v->map() : nullptr;
}

void AppendEntries(const Map* m, Params* out) {
  if (!m) return;
  for (const auto& [name, value] : m->entries()) {
    if (value.kind() == Value::Kind::kList) {
      for (const Value& item : value.list()) out->emplace_back(name, item.ToString());
    } else if (!value.is_null()) {
      out->emplace_back(name, value.ToString());
    }
  }
}

}  // namespace

Value ParamsToMap(const Params& params) {
  Map m;
  for (const auto& [name, value] : params) m.Put(name, Value::String(value));
  return Value::NewMap(std::move(m));
}

Value NewOverrideMap() { return Value::NewUnprintableMap({}, /*keys_set_once=*/true); }

Value JavaHashMap(std::vector<std::pair<std::string, Value>> entries, bool unprintable, bool keys_set_once) {
  size_t capacity = 16;
  while (entries.size() > capacity / 4 * 3) capacity *= 2;
  // Each key's bucket, computed once; a stable sort keeps insertion order within one.
  std::vector<std::pair<uint32_t, size_t>> order;
  order.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    uint32_t h = static_cast<uint32_t>(JavaHashCode(entries[i].first));
    order.emplace_back((h ^ (h >> 16)) & (capacity - 1), i);
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Map m;
  for (const auto& [bucket, i] : order) m.Put(std::move(entries[i].first), std::move(entries[i].second));
  return unprintable || keys_set_once ? Value::NewUnprintableMap(std::move(m), keys_set_once)
                                      : Value::NewMap(std::move(m));
}

void PrepareContext(MappingInput input, Context* ctx) {
  Map params;
  params.Put("path", ParamsToMap(input.path_parameters));
  params.Put("querystring", ParamsToMap(input.query_parameters));
  params.Put("header", ParamsToMap(input.headers));
  std::weak_ptr<CycleBreaker> breaker = ctx->cycle_breaker();
  ctx->Set("input", Value::FromObject(std::make_shared<InputVariable>(
                        std::move(input.body), Value::NewMap(std::move(params)),
                        std::move(input.payload_name), breaker)));
  ctx->Set("util", Value::FromObject(std::make_shared<UtilVariable>(breaker)));
  ctx->Set("stageVariables", ParamsToMap(input.stage_variables));

  Value context = input.context.kind() == Value::Kind::kMap ? input.context : Value::NewMap();
  Map& c = context.map();
  Value& request = EnsureMap(c, "requestOverride");
  EnsureMap(request.map(), "header");
  EnsureMap(request.map(), "path");
  EnsureMap(request.map(), "querystring");
  Value& response = EnsureMap(c, "responseOverride");
  EnsureMap(response.map(), "header");
  ctx->Set("context", context);
  ctx->null_references = NullReferences::kEmptyString;
}

Overrides ReadOverrides(const Context& ctx) {
  Overrides o;
  const Value* context = ctx.Find("context");
  if (!context || context->kind() != Value::Kind::kMap) return o;
  if (const Map* request = MapAt(context->map(), "requestOverride")) {
    AppendEntries(MapAt(*request, "header"), &o.request_headers);
    AppendEntries(MapAt(*request, "path"), &o.request_path);
    AppendEntries(MapAt(*request, "querystring"), &o.request_querystring);
  }
  if (const Map* response = MapAt(context->map(), "responseOverride")) {
    AppendEntries(MapAt(*response, "header"), &o.response_headers);
    if (const Value* status = response->Find("status")) {
      if (status->kind() == Value::Kind::kInt) {
        o.status = static_cast<int>(status->as_int());
      } else if (status->kind() == Value::Kind::kString) {
        int v = 0;
        std::string_view s = status->as_string();
        auto r = std::from_chars(s.data(), s.data() + s.size(), v);
        if (r.ec == std::errc() && r.ptr == s.data() + s.size()) o.status = v;
      }
    }
  }
  return o;
}

}  // namespace apigw::vtl
