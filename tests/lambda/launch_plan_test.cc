// Tests of lambda/launch_plan.h: the command line of a function process.
#include <doctest/doctest.h>

#include <future>

#include "lambda/launch_plan.h"

namespace apigw::lambda {

namespace {

std::shared_future<std::string> Ready(std::string path) {
  std::promise<std::string> p;
  p.set_value(std::move(path));
  return p.get_future().share();
}

LaunchSetup Setup() {
  LaunchSetup s;
  s.node = Ready("/usr/bin/node");
  s.python = Ready("/usr/bin/python3");
  s.runtimes_dir = "/cache/runtimes/x";
  return s;
}

VersionSpec Spec(std::string runtime) {
  VersionSpec s;
  s.region = "us-east-1";
  s.name = "fn";
  s.version = "$LATEST";
  s.runtime = std::move(runtime);
  s.handler = "index.handler";
  s.memory_mb = 128;
  return s;
}

}  // namespace

TEST_CASE("node runs the shipped bootstrap") {
  auto cmd = PlanLaunch(Spec("nodejs20.x"), "/task", Setup(), "127.0.0.1:1", "stream");
  REQUIRE(cmd.ok());
  CHECK(cmd->executable == "/usr/bin/node");
  CHECK(cmd->argv.back() == "/cache/runtimes/x/nodejs/bootstrap.cjs");
  CHECK(cmd->cwd == "/task");
}

TEST_CASE("AWS_LAMBDA_EXEC_WRAPPER runs the wrapper with the runtime's command line") {
  VersionSpec spec = Spec("nodejs20.x");
  spec.environment = {{"AWS_LAMBDA_EXEC_WRAPPER", "/task/wrap.sh"}};
  auto cmd = PlanLaunch(spec, "/task", Setup(), "127.0.0.1:1", "stream");
  REQUIRE(cmd.ok());
  CHECK(cmd->executable == "/bin/sh");
  REQUIRE(cmd->argv.size() == 6);
  CHECK(cmd->argv[1] == "-c");
  CHECK(cmd->argv[2].find("exit 127") != std::string::npos);
  CHECK(cmd->argv[4] == "/usr/bin/node");  // "$1" of the wrapper: a path it can exec
  CHECK(cmd->argv[5] == "/cache/runtimes/x/nodejs/bootstrap.cjs");

  VersionSpec py = Spec("python3.12");
  py.environment = {{"AWS_LAMBDA_EXEC_WRAPPER", "/task/wrap.sh"}};
  auto pcmd = PlanLaunch(py, "/task", Setup(), "127.0.0.1:1", "stream");
  REQUIRE(pcmd.ok());
  CHECK(pcmd->executable == "/bin/sh");
  CHECK(pcmd->argv[4] == "/usr/bin/python3");
}

TEST_CASE("an empty wrapper variable changes nothing") {
  VersionSpec spec = Spec("python3.12");
  spec.environment = {{"AWS_LAMBDA_EXEC_WRAPPER", ""}};
  auto cmd = PlanLaunch(spec, "/task", Setup(), "127.0.0.1:1", "stream");
  REQUIRE(cmd.ok());
  CHECK(cmd->executable == "/usr/bin/python3");
}

}  // namespace apigw::lambda
