// Builtins: the Java methods and bean properties templates use on strings,
// lists, maps, numbers and booleans, with Java's results and exceptions (an
// exception fails the render, as Velocity's MethodInvocationException does).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status_or.h"
#include "vtl/value.h"

namespace apigw::vtl {

using Args = std::vector<Value>;
// A Java method's outcome: no such method (nullopt), a value, or a throw.
using CallOutcome = std::optional<StatusOr<Value>>;

// What a void Java method returns to a template: Velocity renders it as "".
inline Value VoidResult() { return Value::String(""); }
// A Java exception thrown by `method` of `java_class`, as Velocity reports it.
Status JavaException(std::string_view method, std::string_view java_class,
                     std::string_view exception);

// Whether `v` can be passed to a Java `int` parameter (an Integer).
bool IsJavaInt(const Value& v);

// Told of every value a method stores into a list or map, so that the render
// can release the reference cycles Java's garbage collector would ($l.add($l)).
class CycleGuard {
 public:
  virtual ~CycleGuard() = default;
  virtual void Inserted(const Value& container, const Value& item) = 0;
  // Told before a key of a map is set; false (the set must fail the render)
  // when the map's keys may be set once per render (Value::keys_set_once())
  // and this render set `key` already.
  virtual bool SettingKey(const Value& map, std::string_view key) { return true; }
};

// The failure of a second set of a key Value::keys_set_once() guards.
Status KeySetTwice(std::string_view key);

// Dispatches `self.name(args)` on a built-in type; strings longer than
// `max_bytes` are refused (an error) instead of built.
CallOutcome CallBuiltin(const Value& self, std::string_view name, const Args& args,
                        size_t max_bytes, CycleGuard* guard);
CallOutcome CallStringMethod(std::string_view s, std::string_view name, const Args& args,
                             size_t max_bytes);
CallOutcome CallListMethod(const Value& self, std::string_view name, const Args& args,
                           CycleGuard* guard);
CallOutcome CallMapMethod(const Value& self, std::string_view name, const Args& args,
                          CycleGuard* guard);
CallOutcome CallNumberMethod(const Value& self, std::string_view name, const Args& args);

// `$x.name` on a built-in type, as Velocity's uberspector resolves it: a map's
// key, isEmpty() as `empty`; null when nothing matches.
Value GetBuiltinProperty(const Value& self, std::string_view name);

}  // namespace apigw::vtl
