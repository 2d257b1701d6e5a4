// net_hello: an HttpServer answering 200 "ok" inline to every request, to
// compare the net library with nginx under wrk (see bench/README.md).
// Usage: net_hello [port] [threads]
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "base/log.h"
#include "net/http_server.h"
#include "net/io_pool.h"

int main(int argc, char** argv) {
  using namespace apigw;
  const int port = argc > 1 ? std::atoi(argv[1]) : 0;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;

  // Block the stop signals before any thread starts, then wait for one.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  Logger log(LogLevel::kWarn);
  net::IoPool pool(threads);
  pool.Start();
  net::HttpServerOptions options;
  options.name = "hello";
  options.port = static_cast<uint16_t>(port);
  net::HttpServer server(
      pool, options,
      [](net::HttpRequest&&, std::shared_ptr<net::ResponseWriter> writer) {
        net::HttpResponse response;
        response.headers.Add("Content-Type", "text/plain");
        response.body = "ok";
        writer->Send(std::move(response));
      },
      log);
  auto bound = server.Listen();
  if (!bound.ok()) {
    std::fprintf(stderr, "%s\n", bound.status().ToString().c_str());
    return 1;
  }
  std::printf("listening on 127.0.0.1:%u with %d threads\n", *bound, threads);
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop, &sig);
  server.Stop();
  pool.Stop();
  return 0;
}
