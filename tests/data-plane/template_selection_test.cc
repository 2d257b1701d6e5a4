// Tests of data-plane/rest/template_selection: integration response selection
// by Java selectionPattern, request and response template choice.
#include <doctest/doctest.h>

#include "data-plane/rest/template_selection.h"

using namespace apigw;
using namespace apigw::dp;

namespace {

CompiledIntegration WithResponses(std::initializer_list<std::pair<const char*, const char*>> list) {
  CompiledIntegration in;
  for (auto& [status, pattern] : list) {
    CompiledIntegrationResponse r;
    r.status_code = status;
    r.status = std::atoi(status);
    r.selection_pattern = pattern;
    if (*pattern) r.pattern = vtl::JavaRegex::Compile(pattern).value();
    in.responses.push_back(std::move(r));
  }
  for (size_t i = 0; i < in.responses.size(); ++i)
    if (in.responses[i].selection_pattern.empty() && in.default_response < 0) in.default_response = int(i);
  return in;
}

const char* Selected(const CompiledIntegration& in, std::string_view value) {
  const CompiledIntegrationResponse* r = SelectIntegrationResponse(in, value);
  return r ? r->status_code.c_str() : "none";
}

TemplateMap Templates(std::initializer_list<const char*> types) {
  TemplateMap out;
  for (const char* t : types) out.emplace_back(t, CompiledTemplate::Compile(std::string("for ") + t));
  return out;
}

}  // namespace

TEST_CASE("selection: the pattern must match the whole status code (Matcher.matches)") {
  auto in = WithResponses({{"200", ""}, {"400", "4\\d{2}"}, {"500", "5.*"}, {"302", "3"}});
  CHECK(std::string(Selected(in, "200")) == "200");
  CHECK(std::string(Selected(in, "404")) == "400");
  CHECK(std::string(Selected(in, "503")) == "500");
  CHECK(std::string(Selected(in, "302")) == "200");  // "3" matches only part of "302"
  CHECK(std::string(Selected(in, "4040")) == "200");
}

TEST_CASE("selection: Java regex syntax, first match wins, no default") {
  auto java = WithResponses({{"201", "\\p{Digit}{2}1"}, {"202", "2\\d++"}, {"203", "20[0-9]"}});
  CHECK(std::string(Selected(java, "201")) == "201");
  CHECK(std::string(Selected(java, "202")) == "202");
  CHECK(std::string(Selected(java, "299")) == "202");
  CHECK(std::string(Selected(java, "500")) == "none");
  CHECK(java.default_response == -1);
}

TEST_CASE("request templates: exact, then media type; passthrough rules") {
  TemplateMap t = Templates({"application/json", "text/plain"});
  std::string ct = "text/plain";
  CHECK(ChooseRequestTemplate(t, PassthroughBehavior::kNever, &ct).chosen == &t[1].second);
  CHECK(ChooseRequestTemplate(t, PassthroughBehavior::kNever, nullptr).chosen == &t[0].second);
  std::string with_charset = "text/plain; charset=utf-8";
  CHECK(ChooseRequestTemplate(t, PassthroughBehavior::kNever, &with_charset).chosen == &t[1].second);
  std::string other = "application/xml";
  auto match = ChooseRequestTemplate(t, PassthroughBehavior::kWhenNoMatch, &other);
  CHECK(match.chosen == nullptr);
  CHECK_FALSE(match.unsupported);
  CHECK(ChooseRequestTemplate(t, PassthroughBehavior::kWhenNoTemplates, &other).unsupported);
  CHECK(ChooseRequestTemplate(t, PassthroughBehavior::kNever, &other).unsupported);
  CHECK_FALSE(ChooseRequestTemplate({}, PassthroughBehavior::kWhenNoTemplates, &other).unsupported);
  CHECK(ChooseRequestTemplate({}, PassthroughBehavior::kNever, nullptr).unsupported);
}

TEST_CASE("response templates: Accept, else application/json, else the first") {
  TemplateMap t = Templates({"text/html", "application/json", "text/plain"});
  std::string accept = "text/plain";
  CHECK(ChooseResponseTemplate(t, &accept)->first == "text/plain");
  CHECK(ChooseResponseTemplate(t, nullptr)->first == "application/json");
  std::string many = "text/plain, text/html";  // not split: no exact key
  CHECK(ChooseResponseTemplate(t, &many)->first == "application/json");
  TemplateMap no_json = Templates({"text/html", "text/plain"});
  CHECK(ChooseResponseTemplate(no_json, nullptr)->first == "text/html");
  CHECK(ChooseResponseTemplate({}, &accept) == nullptr);
}
