// Sandbox: forwarding to the pool, and the output path (log + capture).
#include "lambda/sandbox.h"

#include "lambda/function_pool.h"

namespace apigw::lambda {

Sandbox::Sandbox(std::weak_ptr<FunctionPool> pool, std::shared_ptr<const VersionSpec> spec_in, uint64_t gen,
                 Logger& log, std::string log_component)
    : spec(std::move(spec_in)),
      generation(gen),
      pool_(std::move(pool)),
      log_(log),
      log_component_(std::move(log_component)) {
  capture_ = init_log;
}

void Sandbox::OnStarted(int started_pid) { pid.store(started_pid); }

void Sandbox::OnStartFailed(std::string reason) {
  if (auto pool = pool_.lock()) pool->OnStartFailed(shared_from_this(), std::move(reason));
}

void Sandbox::OnLine(std::string_view line) {
  log_.Info(log_component_, line);
  std::lock_guard<std::mutex> lock(capture_mu_);
  if (capture_) capture_->AppendLine(line);
}

void Sandbox::OnExit(int wait_status) {
  if (auto pool = pool_.lock()) pool->OnExit(shared_from_this(), wait_status);
}

void Sandbox::OnNext(std::shared_ptr<net::ResponseWriter> writer) {
  if (auto pool = pool_.lock()) return pool->OnNext(shared_from_this(), std::move(writer));
  writer->Send(RuntimeGone());
}

void Sandbox::OnResult(bool is_error, std::string request_id, net::HttpRequest request,
                       std::shared_ptr<net::ResponseWriter> writer) {
  if (auto pool = pool_.lock())
    return pool->OnResult(shared_from_this(), is_error, std::move(request_id), std::move(request), std::move(writer));
  writer->Send(RuntimeGone());
}

void Sandbox::OnInitError(net::HttpRequest request, std::shared_ptr<net::ResponseWriter> writer) {
  if (auto pool = pool_.lock()) return pool->OnInitError(shared_from_this(), std::move(request), std::move(writer));
  writer->Send(RuntimeGone());
}

void Sandbox::SetCapture(std::shared_ptr<LogTail> tail) {
  std::lock_guard<std::mutex> lock(capture_mu_);
  capture_ = std::move(tail);
}

void Sandbox::WriteLine(LogLevel level, const std::string& line) {
  if (log_.Enabled(level)) log_.Log(level, log_component_, line);
  std::lock_guard<std::mutex> lock(capture_mu_);
  if (capture_) capture_->AppendLine(line);
}

}  // namespace apigw::lambda
