// main: parses the flags, opens the state, wires the control plane and the data
// plane onto one IoPool, prints the ready line and waits for SIGINT/SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "base/clock.h"
#include "base/ids.h"
#include "base/log.h"
#include "control-plane/apigateway/apigateway_service.h"
#include "control-plane/control_plane.h"
#include "control-plane/lambda/lambda_runtime_service.h"
#include "control-plane/protocol/service_models.h"
#include "data-plane/data_plane.h"
#include "emulator/flags.h"
#include "net/http_client.h"
#include "net/http_server.h"
#include "net/io_pool.h"
#include "state/store.h"

namespace apigw::emulator {
namespace {

// Lambda's CreateFunction carries a zip of up to 50 MB, base64 in JSON.
constexpr size_t kControlMaxBody = 80 * 1024 * 1024;

std::string Url(const std::string& host, uint16_t port) {
  bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

int Run(const Options& opts, const sigset_t& stop_signals) {
  Logger log(opts.log_level);
  SystemClock clock;
  RandomIdSource ids;

  state::StoreOptions store_options;
  store_options.path = opts.state_path;
  store_options.in_memory = opts.in_memory;
  auto store = state::Store::Open(store_options, log);
  if (!store.ok()) {
    log.Error("main", store.status().message());
    return 1;
  }

  net::IoPool pool(opts.threads);
  pool.Start();
  net::HttpClient client(pool, {}, log);
  dp::DataPlaneOptions data_options;
  data_options.aws_endpoints = opts.aws_endpoints;
  dp::DataPlane data_plane(pool, client, log, clock, ids, data_options);

  auto models = cp::ServiceModels::Embedded();
  cp::OperationTable operations;
  cp::apigateway::ApigatewayDeps apigateway{**store, data_plane.sink(), ids, log};
  apigateway.account_id = opts.account_id;  // stages published at startup carry it
  cp::apigateway::RegisterApigateway(operations, apigateway);
  if (Status st = cp::apigateway::PublishAllStages(apigateway); !st.ok())
    log.Warn("main", "some stages could not be published: " + st.message());

  cp::lambda::LambdaRuntimeOptions lambda_options;
  lambda_options.cache_dir = !opts.lambda_dir.empty() ? opts.lambda_dir
                             : opts.in_memory         ? std::string()
                             : (std::filesystem::path(opts.state_path).parent_path() / "lambda").string();
  lambda_options.max_processes_per_function = opts.lambda_concurrency;
  lambda_options.account_id = opts.account_id;
  auto lambda = cp::lambda::LambdaRuntimeService::Start(pool, **store, log, clock, ids, operations, lambda_options);
  if (!lambda.ok()) {
    log.Error("main", "Lambda cannot start: " + lambda.status().message());
    return 1;
  }

  data_plane.set_lambda_invoker(&(*lambda)->invoker());

  cp::ControlPlaneOptions control_options;
  control_options.default_region = opts.region;
  control_options.account_id = opts.account_id;
  cp::ControlPlane control_plane(*models, operations, log, clock, ids, control_options);

  net::HttpServerOptions control_server_options;
  control_server_options.name = "control";
  control_server_options.host = opts.host;
  control_server_options.port = uint16_t(opts.control_port);
  control_server_options.max_body_bytes = kControlMaxBody;
  net::HttpServer control_server(pool, control_server_options, control_plane.handler(), log);

  net::HttpServerOptions data_server_options;
  data_server_options.name = "data";
  data_server_options.host = opts.host;
  data_server_options.port = uint16_t(opts.data_port);
  data_plane.ConfigureServer(data_server_options);
  net::HttpServer data_server(pool, data_server_options, data_plane.handler(), log);

  // Both planes accept only once functions know the control plane's URL
  // (below): either can start a function process.
  auto control_port = control_server.Bind();
  if (!control_port.ok()) {
    log.Error("main", "control plane cannot listen on " + opts.host + ":" + std::to_string(opts.control_port) +
                          ": " + control_port.status().message());
    return 1;
  }
  auto data_port = data_server.Bind();
  if (!data_port.ok()) {
    log.Error("main", "data plane cannot listen on " + opts.host + ":" + std::to_string(opts.data_port) + ": " +
                          data_port.status().message());
    return 1;
  }
  // Functions reach the emulator's own APIs (AWS_ENDPOINT_URL) on a loopback address.
  (*lambda)->set_endpoint_url(Url(opts.host == "0.0.0.0" || opts.host == "::" ? "127.0.0.1" : opts.host, *control_port));
  control_server.Serve();
  data_server.Serve();
  std::printf("apigw-emulator ready: control plane %s, data plane %s, state %s\n",
              Url(opts.host, *control_port).c_str(), Url(opts.host, *data_port).c_str(),
              opts.in_memory ? "in memory" : opts.state_path.c_str());
  std::fflush(stdout);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  log.Info("main", std::string("stopping on ") + (signal_number == SIGINT ? "SIGINT" : "SIGTERM"));
  control_server.Stop();
  data_server.Stop();
  (*lambda)->Shutdown();  // kills every function process
  pool.Stop();
  // Every acknowledged write is already committed; closing the store checkpoints the WAL.
  return 0;
}

}  // namespace
}  // namespace apigw::emulator

int main(int argc, char** argv) {
  // Block the stop signals in every thread (threads inherit the mask) so that
  // only sigwait in main receives them; a write to a vanished peer must not kill us.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto parsed = apigw::emulator::ParseFlags(argc, argv, [](const char* name) { return std::getenv(name); });
  if (!parsed.ok()) {
    std::fprintf(stderr, "apigw-emulator: %s\nRun with --help for the flags.\n", parsed.status().message().c_str());
    return 2;
  }
  if (parsed->help) {
    std::fputs(apigw::emulator::HelpText().c_str(), stdout);
    return 0;
  }
  if (parsed->version) {
    std::printf("%s\n", apigw::emulator::VersionText().c_str());
    return 0;
  }
  return apigw::emulator::Run(*parsed, stop_signals);
}
