// Tests of lambda/process_env.h: the environment of a function process.
#include <doctest/doctest.h>

#include <map>

#include "lambda/process_env.h"

namespace apigw::lambda {

namespace {

std::map<std::string, std::string> AsMap(const std::vector<std::string>& env) {
  std::map<std::string, std::string> m;
  for (const std::string& e : env) {
    size_t eq = e.find('=');
    REQUIRE(eq != std::string::npos);
    CHECK(m.count(e.substr(0, eq)) == 0);  // each name once
    m[e.substr(0, eq)] = e.substr(eq + 1);
  }
  return m;
}

VersionSpec Spec(std::string runtime) {
  VersionSpec s;
  s.region = "eu-central-1";
  s.account_id = "000000000000";
  s.name = "fn";
  s.version = "$LATEST";
  s.runtime = std::move(runtime);
  s.handler = "index.handler";
  s.memory_mb = 256;
  s.log_group = "/aws/lambda/fn";
  return s;
}

ProcessEnvInputs Inputs() {
  ProcessEnvInputs in;
  in.runtime_api = "127.0.0.1:41000";
  in.task_root = "/cache/code/abc";
  in.runtime_dir = "/cache/runtimes/x/nodejs";
  in.log_stream = "2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef";
  in.endpoint_url = "http://127.0.0.1:4566";
  in.host_path = "/usr/local/bin:/usr/bin:/bin";
  return in;
}

}  // namespace

TEST_CASE("the standard Lambda variables are set as AWS sets them") {
  auto env = AsMap(BuildProcessEnv(Spec("nodejs20.x"), Inputs()));
  CHECK(env["AWS_LAMBDA_FUNCTION_NAME"] == "fn");
  CHECK(env["AWS_LAMBDA_FUNCTION_VERSION"] == "$LATEST");
  CHECK(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "256");
  CHECK(env["AWS_REGION"] == "eu-central-1");
  CHECK(env["AWS_DEFAULT_REGION"] == "eu-central-1");
  CHECK(env["_HANDLER"] == "index.handler");
  CHECK(env["LAMBDA_TASK_ROOT"] == "/cache/code/abc");
  CHECK(env["LAMBDA_RUNTIME_DIR"] == "/cache/runtimes/x/nodejs");
  CHECK(env["AWS_LAMBDA_RUNTIME_API"] == "127.0.0.1:41000");
  CHECK(env["AWS_LAMBDA_LOG_GROUP_NAME"] == "/aws/lambda/fn");
  CHECK(env["AWS_LAMBDA_LOG_STREAM_NAME"] == "2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef");
  CHECK(env["AWS_EXECUTION_ENV"] == "AWS_Lambda_nodejs20.x");
  CHECK(env["AWS_LAMBDA_INITIALIZATION_TYPE"] == "on-demand");
  CHECK(env["TZ"] == ":UTC");
  CHECK(env["LANG"] == "en_US.UTF-8");
  CHECK(env["PATH"] == "/usr/local/bin:/usr/bin:/bin");
  CHECK(env["AWS_ENDPOINT_URL"] == "http://127.0.0.1:4566");
  CHECK(!env["AWS_ACCESS_KEY_ID"].empty());
  CHECK(!env["AWS_SECRET_ACCESS_KEY"].empty());
  CHECK(!env["AWS_SESSION_TOKEN"].empty());
  CHECK(env.count("NODE_PATH") == 1);
  CHECK(env.count("PYTHONPATH") == 0);
  // Nothing of the emulator's own environment leaks in.
  CHECK(env.count("HOME") == 0);
  CHECK(env.count("NODE_EXTRA_CA_CERTS") == 0);
}

TEST_CASE("python functions get PYTHONPATH, not NODE_PATH") {
  auto env = AsMap(BuildProcessEnv(Spec("python3.12"), Inputs()));
  CHECK(env["PYTHONPATH"] == "/cache/runtimes/x/nodejs");
  CHECK(env.count("NODE_PATH") == 0);
  CHECK(env["AWS_EXECUTION_ENV"] == "AWS_Lambda_python3.12");
}

TEST_CASE("OS-only runtimes get no AWS_EXECUTION_ENV, as the Lambda documentation says") {
  auto env = AsMap(BuildProcessEnv(Spec("provided.al2023"), Inputs()));
  CHECK(env.count("AWS_EXECUTION_ENV") == 0);
  CHECK(env["AWS_LAMBDA_FUNCTION_NAME"] == "fn");
  // As recorded from AWS (LocalStack test_introspection_invoke[provided.al2023]).
  CHECK(env.count("PWD") == 0);
  CHECK(env.count("SHLVL") == 0);
  CHECK(env["LD_LIBRARY_PATH"] == "/cache/code/abc:/cache/code/abc/lib");
  CHECK(env["AWS_XRAY_DAEMON_ADDRESS"] == "127.0.0.1:2000");
}

TEST_CASE("every runtime gets the X-Ray daemon's address and LD_LIBRARY_PATH, as recorded from AWS") {
  auto env = AsMap(BuildProcessEnv(Spec("python3.12"), Inputs()));
  CHECK(env["AWS_XRAY_DAEMON_ADDRESS"] == "127.0.0.1:2000");
  CHECK(env["_AWS_XRAY_DAEMON_ADDRESS"] == "127.0.0.1");
  CHECK(env["_AWS_XRAY_DAEMON_PORT"] == "2000");
  CHECK(env["LD_LIBRARY_PATH"] == "/cache/code/abc:/cache/code/abc/lib");
  CHECK(env["PWD"] == "/cache/code/abc");
  CHECK(env["SHLVL"] == "0");
}

TEST_CASE("the function's variables come last and override the non-reserved ones") {
  VersionSpec spec = Spec("nodejs20.x");
  spec.environment = {{"TABLE", "users"}, {"PATH", "/opt/bin"}, {"AWS_REGION", "mars-1"}, {"EMPTY", ""}};
  auto env = AsMap(BuildProcessEnv(spec, Inputs()));
  CHECK(env["TABLE"] == "users");
  CHECK(env["PATH"] == "/opt/bin");
  CHECK(env["AWS_REGION"] == "eu-central-1");  // reserved: kept
  CHECK(env["EMPTY"] == "");
}

TEST_CASE("reserved keys are refused with AWS's message") {
  CHECK(CheckReservedKeys({"TABLE", "PATH", "NODE_OPTIONS"}).ok());
  Status st = CheckReservedKeys({"TABLE", "AWS_REGION", "_HANDLER"});
  REQUIRE_FALSE(st.ok());
  CHECK(st.type() == "InvalidParameterValueException");
  CHECK(st.message() ==
        "Lambda was unable to configure your environment variables because the environment variables you have "
        "provided contains reserved keys that are currently not supported for modification. Reserved keys used "
        "in this request: AWS_REGION, _HANDLER");
}

TEST_CASE("log stream names follow AWS's pattern") {
  CHECK(LogStreamName(1704067200000, "$LATEST", "0123456789abcdef0123456789abcdef") ==
        "2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef");
  CHECK(LogStreamName(1719792000000, "3", "ff") == "2024/07/01/[3]ff");
}

}  // namespace apigw::lambda
