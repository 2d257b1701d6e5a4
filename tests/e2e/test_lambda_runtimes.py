"""The shipped Node.js and Python bootstraps against the shapes AWS's own
runtimes produce: error documents and their log lines, handler and module
errors, result encoding, the environment and AWS_LAMBDA_EXEC_WRAPPER."""
import base64
import json
import os
import shutil
import tempfile
import unittest

from harness import EmulatorTestCase
from test_lambda_support import ROLE, create_node, create_python, zipped


class RuntimeShapesTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.emu.client("lambda")

    def invoke(self, name, payload=None, **kw):
        r = self.lam.invoke(FunctionName=name, Payload=json.dumps(payload or {}).encode(), **kw)
        body = r["Payload"].read()
        log = base64.b64decode(r["LogResult"]).decode() if "LogResult" in r else None
        return r, json.loads(body) if body else None, log

    def test_node_unhandled_rejection_is_a_runtime_error_named_by_the_reason(self):
        # AWS: every reason becomes Runtime.UnhandledPromiseRejection, with the
        # reason's toString() as the message ("Error: late" for an Error).
        create_node(self.lam, "node-rejects", source=(
            "exports.handler = async (e) => {\n"
            "  Promise.reject(e.text ? 'plain text' : new Error('late'));\n"
            "  await new Promise((r) => setTimeout(r, 100));\n"
            "  return 'not reached';\n"
            "};\n"))
        r, body, log = self.invoke("node-rejects", {}, LogType="Tail")
        self.assertEqual(r["FunctionError"], "Unhandled")
        self.assertEqual(body["errorType"], "Runtime.UnhandledPromiseRejection")
        self.assertEqual(body["errorMessage"], "Error: late")
        self.assertEqual(body["trace"][0], "Runtime.UnhandledPromiseRejection: Error: late")
        self.assertIn("\tERROR\tUnhandled Promise Rejection \t{", log)
        logged = json.loads(log.split("Unhandled Promise Rejection \t", 1)[1].split("\n", 1)[0])
        self.assertEqual(logged["errorType"], "Runtime.UnhandledPromiseRejection")
        self.assertEqual(logged["reason"], "Error: late")
        self.assertNotIn("name", logged)
        # The process ended; the next invocation runs in a new one.
        _, body, _ = self.invoke("node-rejects", {"text": True})
        self.assertEqual(body["errorType"], "Runtime.UnhandledPromiseRejection")
        self.assertEqual(body["errorMessage"], "plain text")

    def test_node_invoke_error_log_line_has_the_stack_as_aws_logs_it(self):
        create_node(self.lam, "node-throws", source=(
            "exports.handler = async () => { const e = new Error('boom'); e.code = 'E_X'; throw e; };\n"))
        _, body, log = self.invoke("node-throws", LogType="Tail")
        self.assertEqual(body["errorType"], "Error")
        self.assertEqual(body["trace"][0], "Error: boom")
        line = [l for l in log.split("\n") if "Invoke Error" in l][0]
        self.assertIn("\tERROR\tInvoke Error \t{", line)
        logged = json.loads(line.split("Invoke Error \t", 1)[1])
        self.assertEqual(logged["errorType"], "Error")
        self.assertEqual(logged["errorMessage"], "boom")
        self.assertEqual(logged["code"], "E_X")
        self.assertEqual(logged["stack"][0], "Error: boom")
        self.assertNotIn("trace", logged)

    def test_node_handler_not_found_names_the_whole_handler_setting(self):
        create_node(self.lam, "node-nested-missing", source="exports.other = 1;\n", file="src/lib/app.js",
                    handler="src/lib/app.handler")
        _, body, _ = self.invoke("node-nested-missing")
        self.assertEqual(body["errorType"], "Runtime.HandlerNotFound")
        self.assertEqual(body["errorMessage"], "src/lib/app.handler is undefined or not exported")
        create_node(self.lam, "node-not-a-function", source="exports.handler = 42;\n")
        _, body, _ = self.invoke("node-not-a-function")
        self.assertEqual(body["errorMessage"], "index.handler is not a function")

    def test_node_import_module_error_lists_the_require_stack_once(self):
        create_node(self.lam, "node-missing-dep", source="require('left-pad-nowhere');\nexports.handler = async () => 1;\n")
        _, body, _ = self.invoke("node-missing-dep")
        self.assertEqual(body["errorType"], "Runtime.ImportModuleError")
        message = body["errorMessage"]
        self.assertTrue(message.startswith("Error: Cannot find module 'left-pad-nowhere'\nRequire stack:\n- "), message)
        stack = message.split("Require stack:\n", 1)[1].split("\n")
        # The handler's file, then the runtime (AWS: /var/task/index.js, /var/runtime/index.mjs).
        self.assertEqual(len(stack), 2, stack)
        self.assertTrue(stack[0].endswith("/index.js"), stack)
        self.assertFalse(stack[1].endswith("/index.js"), stack)
        trace = body["trace"]
        self.assertEqual(trace[0], "Runtime.ImportModuleError: Error: Cannot find module 'left-pad-nowhere'")
        self.assertEqual(sum(1 for l in trace if l == "Require stack:"), 1, trace)

    def test_node_result_that_cannot_be_serialized(self):
        create_node(self.lam, "node-circular", source="exports.handler = async () => { const o = {}; o.self = o; return o; };\n")
        r, body, log = self.invoke("node-circular", LogType="Tail")
        self.assertEqual(r["FunctionError"], "Unhandled")
        self.assertEqual(body["errorType"], "Error")
        self.assertEqual(body["errorMessage"], "Unable to stringify response body")
        self.assertEqual(body["trace"][0], "Error: Unable to stringify response body")
        self.assertIn("Invoke Error \t{", log)

    def test_python_results_encode_decimals_and_utf8_as_the_runtime_does(self):
        create_python(self.lam, "py-decimal", source=(
            "from decimal import Decimal\n"
            "def handler(event, context):\n"
            "    return {'price': Decimal('19.99'), 'count': Decimal('3'), 'name': 'caf\\u00e9'}\n"))
        r = self.lam.invoke(FunctionName="py-decimal")
        raw = r["Payload"].read()
        self.assertNotIn("FunctionError", r)
        self.assertEqual(json.loads(raw), {"price": 19.99, "count": 3, "name": "caf\u00e9"})
        # python3.12 and later write text beyond ASCII as UTF-8, not as \\u escapes.
        self.assertIn("caf\u00e9".encode(), raw)

    def test_python_context_log_writes_to_the_function_log(self):
        create_python(self.lam, "py-context-log", source=(
            "def handler(event, context):\n"
            "    context.log('from context.log\\n')\n"
            "    return context.function_name\n"))
        r, body, log = self.invoke("py-context-log", LogType="Tail")
        self.assertNotIn("FunctionError", r, body)
        self.assertEqual(body, "py-context-log")
        self.assertIn("\nfrom context.log\n", log)

    def test_python_error_log_always_has_the_traceback_header(self):
        create_python(self.lam, "py-import-error", source="import not_installed_anywhere\n")
        _, body, log = self.invoke("py-import-error", LogType="Tail")
        self.assertEqual(body["errorType"], "Runtime.ImportModuleError")
        self.assertEqual(body["stackTrace"], [])
        self.assertIn("[ERROR] Runtime.ImportModuleError: Unable to import module 'app': "
                      "No module named 'not_installed_anywhere'\nTraceback (most recent call last):", log)

    def test_provided_runtimes_have_no_execution_env(self):
        bootstrap = (
            "#!/bin/sh\n"
            "API=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"\n"
            "while true; do\n"
            "  H=$(mktemp)\n"
            "  curl -sS -D \"$H\" -o /dev/null \"$API/invocation/next\"\n"
            "  ID=$(grep -i Lambda-Runtime-Aws-Request-Id \"$H\" | tr -d '[:space:]' | cut -d: -f2)\n"
            "  curl -sS -o /dev/null -X POST \"$API/invocation/$ID/response\" -d \"\\\"${AWS_EXECUTION_ENV:-unset}\\\"\"\n"
            "done\n")
        self.lam.create_function(FunctionName="provided-env", Runtime="provided.al2023", Role=ROLE, Handler="x",
                                 Code={"ZipFile": zipped({"bootstrap": bootstrap}, modes={"bootstrap": 0o755})})
        _, body, _ = self.invoke("provided-env")
        self.assertEqual(body, "unset")
        create_python(self.lam, "py-env", source="import os\ndef handler(e, c):\n    return os.environ['AWS_EXECUTION_ENV']\n")
        _, body, _ = self.invoke("py-env")
        self.assertEqual(body, "AWS_Lambda_python3.12")

    def test_exec_wrapper_runs_around_the_runtime(self):
        folder = tempfile.mkdtemp(prefix="wrapper-")
        self.addCleanup(shutil.rmtree, folder, True)
        with open(os.path.join(folder, "wrap.sh"), "w") as f:
            f.write("#!/bin/sh\nexport WRAPPED=yes\nexport FIRST_ARG=\"$1\"\nexec \"$@\"\n")
        os.chmod(os.path.join(folder, "wrap.sh"), 0o755)
        with open(os.path.join(folder, "app.py"), "w") as f:
            f.write("import os\n"
                    "def handler(e, c):\n"
                    "    return [os.environ.get('WRAPPED', ''), os.path.isabs(os.environ.get('FIRST_ARG', ''))]\n")
        with open(os.path.join(folder, "index.js"), "w") as f:
            f.write("exports.handler = async () => [process.env.WRAPPED || '', require('path').isAbsolute(process.env.FIRST_ARG || '')];\n")
        wrapper = {"Variables": {"AWS_LAMBDA_EXEC_WRAPPER": os.path.join(folder, "wrap.sh")}}
        code = {"S3Bucket": "hot-reload", "S3Key": folder}
        self.lam.create_function(FunctionName="py-wrapped", Runtime="python3.12", Role=ROLE, Handler="app.handler",
                                 Code=code, Environment=wrapper)
        self.lam.create_function(FunctionName="node-wrapped", Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
                                 Code=code, Environment=wrapper)
        for name in ("py-wrapped", "node-wrapped"):
            r, body, _ = self.invoke(name)
            self.assertNotIn("FunctionError", r, body)
            # The wrapper ran, and got the runtime's command line ("$1" an absolute program path).
            self.assertEqual(body, ["yes", True])
        # A wrapper that does not exist: AWS's bootstrap exits 127.
        self.lam.update_function_configuration(
            FunctionName="py-wrapped", Environment={"Variables": {"AWS_LAMBDA_EXEC_WRAPPER": "/idontexist.sh"}})
        r, body, _ = self.invoke("py-wrapped")
        self.assertEqual(r["FunctionError"], "Unhandled")
        self.assertEqual(body["errorType"], "Runtime.ExitError")
        self.assertTrue(body["errorMessage"].endswith("Error: Runtime exited with error: exit status 127"), body)


if __name__ == "__main__":
    unittest.main()
