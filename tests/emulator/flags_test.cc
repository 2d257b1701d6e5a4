// Tests of emulator/flags: defaults, environment, flags over environment,
// both spellings, and a clear one-line error for every bad input.
#include <doctest/doctest.h>

#include <initializer_list>
#include <map>

#include "emulator/flags.h"

using namespace apigw;
using namespace apigw::emulator;

namespace {

using Env = std::map<std::string, std::string>;

StatusOr<Options> Parse(std::initializer_list<const char*> args, const Env& env = {}) {
  std::vector<const char*> argv = {"apigw-emulator"};
  argv.insert(argv.end(), args.begin(), args.end());
  return ParseFlags(static_cast<int>(argv.size()), argv.data(), [&env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
}

std::string ErrorOf(std::initializer_list<const char*> args, const Env& env = {}) {
  auto options = Parse(args, env);
  return options.ok() ? "OK" : options.status().message();
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("flags: defaults") {
  auto options = Parse({});
  REQUIRE(options.ok());
  CHECK(options->host == "127.0.0.1");
  CHECK(options->control_port == 4566);
  CHECK(options->data_port == 4567);
  CHECK(options->state_path == ".apigw-emulator/state.db");
  CHECK(!options->in_memory);
  CHECK(options->region == "us-east-1");
  CHECK(options->account_id == "000000000000");
  CHECK(options->log_level == LogLevel::kInfo);
  CHECK(options->threads == DefaultThreadCount());
  CHECK(options->threads >= 2);
  CHECK(!options->help);
  CHECK(!options->version);
}

TEST_CASE("flags: both spellings of every flag") {
  auto options = Parse({"--host", "0.0.0.0", "--control-port=0", "--data-port", "8080", "--state=x/y.db", "--in-memory",
                        "--region", "eu-west-1", "--account-id=123456789012", "--log-level", "DEBUG", "--threads=7"});
  REQUIRE_MESSAGE(options.ok(), options.status().ToString());
  CHECK(options->host == "0.0.0.0");
  CHECK(options->control_port == 0);
  CHECK(options->data_port == 8080);
  CHECK(options->state_path == "x/y.db");
  CHECK(options->in_memory);
  CHECK(options->region == "eu-west-1");
  CHECK(options->account_id == "123456789012");
  CHECK(options->log_level == LogLevel::kDebug);
  CHECK(options->threads == 7);

  CHECK(Parse({"--in-memory=false"})->in_memory == false);
  CHECK(Parse({"--in-memory=1"})->in_memory == true);
  CHECK(Parse({"--help"})->help);
  CHECK(Parse({"-h"})->help);
  CHECK(Parse({"--version"})->version);
  CHECK(Parse({"--state", "a=b.db"})->state_path == "a=b.db");  // only the flag's own '=' splits
  CHECK(Parse({"--data-port", "1", "--data-port", "2"})->data_port == 2);  // the last one wins
}

TEST_CASE("flags: environment variables, and flags over them") {
  const Env env = {{"APIGW_HOST", "10.0.0.1"},        {"APIGW_CONTROL_PORT", "5000"},  {"APIGW_DATA_PORT", "5001"},
                   {"APIGW_STATE", "/tmp/s.db"},      {"APIGW_IN_MEMORY", "1"},        {"APIGW_REGION", "ap-south-1"},
                   {"APIGW_ACCOUNT_ID", "111122223333"}, {"APIGW_LOG_LEVEL", "warn"}, {"APIGW_THREADS", "3"}};
  auto options = Parse({}, env);
  REQUIRE_MESSAGE(options.ok(), options.status().ToString());
  CHECK(options->host == "10.0.0.1");
  CHECK(options->control_port == 5000);
  CHECK(options->data_port == 5001);
  CHECK(options->state_path == "/tmp/s.db");
  CHECK(options->in_memory);
  CHECK(options->region == "ap-south-1");
  CHECK(options->account_id == "111122223333");
  CHECK(options->log_level == LogLevel::kWarn);
  CHECK(options->threads == 3);

  options = Parse({"--control-port", "6000", "--in-memory=0", "--log-level=error"}, env);
  REQUIRE(options.ok());
  CHECK(options->control_port == 6000);
  CHECK(!options->in_memory);
  CHECK(options->log_level == LogLevel::kError);
  CHECK(options->data_port == 5001);  // untouched by flags

  // An empty variable counts as unset; a bad one is an error even if a flag overrides it.
  CHECK(Parse({}, {{"APIGW_DATA_PORT", ""}})->data_port == 4567);
  CHECK(ErrorOf({"--data-port", "1"}, {{"APIGW_DATA_PORT", "x"}}) ==
        "APIGW_DATA_PORT: 'x' is not a port number (0-65535)");
  CHECK(ErrorOf({}, {{"APIGW_IN_MEMORY", "maybe"}}) == "APIGW_IN_MEMORY: 'maybe' is not a boolean (true, false, 1, 0)");
}

TEST_CASE("flags: bad values give one clear line") {
  CHECK(ErrorOf({"--control-port", "abc"}) == "--control-port: 'abc' is not a port number (0-65535)");
  CHECK(ErrorOf({"--control-port=65536"}) == "--control-port: '65536' is not a port number (0-65535)");
  CHECK(ErrorOf({"--data-port=-1"}) == "--data-port: '-1' is not a port number (0-65535)");
  CHECK(ErrorOf({"--data-port", "-1"}) == "--data-port: '-1' is not a port number (0-65535)");
  CHECK(ErrorOf({"--data-port=80x"}) == "--data-port: '80x' is not a port number (0-65535)");
  CHECK(ErrorOf({"--data-port="}) == "--data-port: '' is not a port number (0-65535)");
  CHECK(ErrorOf({"--data-port=99999999999999999999"}) ==
        "--data-port: '99999999999999999999' is not a port number (0-65535)");
  CHECK(ErrorOf({"--data-port=+80"}) == "--data-port: '+80' is not a port number (0-65535)");
  CHECK(ErrorOf({"--log-level", "loud"}) == "--log-level: 'loud' is not a log level (debug, info, warn, error, off)");
  CHECK(ErrorOf({"--threads=0"}) == "--threads: '0' is not a thread count (1-256)");
  CHECK(ErrorOf({"--account-id=123"}) == "--account-id: '123' is not an account id (12 digits)");
  CHECK(ErrorOf({"--account-id=12345678901a"}) == "--account-id: '12345678901a' is not an account id (12 digits)");
  CHECK(ErrorOf({"--region=US East"}) == "--region: 'US East' is not a region name (like us-east-1)");
  CHECK(ErrorOf({"--host="}) == "--host: '' is empty");
  CHECK(ErrorOf({"--state="}) == "--state: '' is empty");
  CHECK(ErrorOf({"--in-memory=perhaps"}) == "--in-memory: 'perhaps' is not a boolean (true, false, 1, 0)");

  CHECK(ErrorOf({"--bogus"}) == "unknown flag --bogus (see --help)");
  CHECK(ErrorOf({"--bogus=1"}) == "unknown flag --bogus (see --help)");
  CHECK(ErrorOf({"--hos", "x"}) == "unknown flag --hos (see --help)");
  CHECK(ErrorOf({"-x"}) == "unknown flag -x (see --help)");
  CHECK(ErrorOf({"serve"}) == "unexpected argument 'serve' (see --help)");
  CHECK(ErrorOf({"-"}) == "unexpected argument '-' (see --help)");
  CHECK(ErrorOf({""}) == "unexpected argument '' (see --help)");
  CHECK(ErrorOf({"--host"}) == "--host needs a value: --host ADDR");
  CHECK(ErrorOf({"--host", "--data-port", "1"}) == "--host needs a value: --host ADDR");
  CHECK(ErrorOf({"--threads"}) == "--threads needs a value: --threads N");

  for (const char* bad : {"--control-port=x", "--bogus", "--host"}) {
    std::string message = ErrorOf({bad});
    CHECK(message.find('\n') == std::string::npos);
    CHECK(Parse({bad}).status().type() == "BadRequestException");
  }
}

TEST_CASE("flags: --help lists every flag with its variable and default") {
  const std::string help = HelpText();
  for (const char* part : {"--host ADDR", "APIGW_HOST", "default 127.0.0.1", "--control-port N", "APIGW_CONTROL_PORT",
                           "default 4566", "--data-port N", "APIGW_DATA_PORT", "default 4567", "--state FILE",
                           "APIGW_STATE", "default .apigw-emulator/state.db", "--in-memory", "APIGW_IN_MEMORY",
                           "--region REGION", "APIGW_REGION", "default us-east-1", "--account-id ID",
                           "APIGW_ACCOUNT_ID", "default 000000000000", "--log-level LEVEL", "APIGW_LOG_LEVEL",
                           "default info", "--threads N", "APIGW_THREADS", "the number of cores, at least 2",
                           "-h, --help", "--version"}) {
    CAPTURE(part);
    CHECK(Contains(help, part));
  }
  CHECK(help.back() == '\n');
  CHECK(Contains(VersionText(), "apigw-emulator "));
}
