// Helpers for the vtl tests: JSON test input as VTL values.
#pragma once

#include "base/json.h"
#include "vtl/value.h"

namespace apigw::vtl::test {

// Objects become maps, arrays lists (printed as Java lists), numbers Int or
// Double by their JSON form.
inline Value FromJson(const JsonValue& v) {
  if (v.IsNull()) return Value();
  if (v.IsBool()) return Value::Bool(v.GetBool());
  if (v.IsInt64()) return Value::Int(v.GetInt64());
  if (v.IsNumber()) return Value::Double(v.GetDouble());
  if (v.IsString()) return Value::String(std::string(v.GetString(), v.GetStringLength()));
  if (v.IsArray()) {
    List l;
    for (const auto& item : v.GetArray()) l.push_back(FromJson(item));
    return Value::NewList(std::move(l));
  }
  Map m;
  for (const auto& member : v.GetObject()) {
    m.Put(std::string(member.name.GetString(), member.name.GetStringLength()), FromJson(member.value));
  }
  return Value::NewMap(std::move(m));
}

}  // namespace apigw::vtl::test
