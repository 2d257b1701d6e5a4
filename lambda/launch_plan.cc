// PlanLaunch: one branch per runtime kind.
#include "lambda/launch_plan.h"

#include <sys/stat.h>
#include <unistd.h>

#include <vector>

#include "lambda/process_env.h"
#include "lambda/runtime_kind.h"

namespace apigw::lambda {

namespace {

Status Entrypoint(std::string detail) { return Status(500, "Runtime.InvalidEntrypoint", std::move(detail)); }

// What the managed runtimes' own bootstrap does with AWS_LAMBDA_EXEC_WRAPPER:
// the wrapper runs with the runtime's command line as its arguments; a
// missing wrapper ends the process with 127 and one that cannot run with 126
// ("Runtime exited with error: exit status 127", as on AWS).
constexpr char kWrapperScript[] =
    "w=\"$AWS_LAMBDA_EXEC_WRAPPER\"\n"
    "if [ ! -f \"$w\" ]; then echo \"$w: does not exist\" >&2; exit 127; fi\n"
    "if [ ! -x \"$w\" ]; then echo \"$w: is not an executable\" >&2; exit 126; fi\n"
    "exec \"$w\" \"$@\"\n";

void WrapWith(Command& cmd) {
  std::vector<std::string> argv = {"sh", "-c", kWrapperScript, "bootstrap", cmd.executable};
  for (size_t i = 1; i < cmd.argv.size(); i++) argv.push_back(cmd.argv[i]);
  cmd.executable = "/bin/sh";
  cmd.argv = std::move(argv);
}

}  // namespace

StatusOr<Command> PlanLaunch(const VersionSpec& spec, const std::string& task_root, const LaunchSetup& setup,
                             const std::string& runtime_api, const std::string& log_stream) {
  Command cmd;
  cmd.cwd = task_root;
  std::string runtime_dir;
  switch (KindOf(spec.runtime)) {
    case RuntimeKind::kNode:
      if (setup.node.get().empty()) return Entrypoint("node was not found on the PATH of apigw-emulator");
      runtime_dir = setup.runtimes_dir + "/nodejs";
      cmd.executable = setup.node.get();
      cmd.argv = {"node", runtime_dir + "/bootstrap.cjs"};
      break;
    case RuntimeKind::kPython:
      if (setup.python.get().empty()) return Entrypoint("python3 was not found on the PATH of apigw-emulator");
      runtime_dir = setup.runtimes_dir + "/python";
      cmd.executable = setup.python.get();
      // Imported from runtime_dir (argv[1]) so its byte code is cached; -S: see
      // the runtime's header. Hot-reloaded folders are the user's sources: the
      // runtime then writes no __pycache__ into them.
      cmd.argv = {"python3", "-S", "-c",
                  "import sys; sys.path.insert(0, sys.argv[1]); import _apigw_lambda_runtime as r; r.main()",
                  runtime_dir};
      if (!spec.hot_reload_dir.empty()) cmd.argv.push_back("hot-reload");
      break;
    case RuntimeKind::kProvided: {
      runtime_dir = task_root;
      std::string bootstrap = task_root + "/bootstrap";
      struct stat st;
      if (stat(bootstrap.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return Entrypoint("Couldn't find valid bootstrap(s): [" + bootstrap + "]");
      cmd.executable = bootstrap;
      cmd.argv = {bootstrap};
      break;
    }
    case RuntimeKind::kUnsupported:
      return Entrypoint("the runtime " + spec.runtime + " cannot run in apigw-emulator");
  }
  ProcessEnvInputs in;
  in.runtime_api = runtime_api;
  in.task_root = task_root;
  in.runtime_dir = runtime_dir;
  in.log_stream = log_stream;
  in.endpoint_url = setup.endpoint_url;
  in.host_path = setup.host_path;
  cmd.env = BuildProcessEnv(spec, in);
  // Managed runtimes only: a provided* bootstrap is the function's own.
  bool wrapped = false;
  for (const auto& [key, value] : spec.environment)
    if (key == "AWS_LAMBDA_EXEC_WRAPPER") wrapped = !value.empty();
  if (wrapped && KindOf(spec.runtime) != RuntimeKind::kProvided) WrapWith(cmd);
  return cmd;
}

}  // namespace apigw::lambda
