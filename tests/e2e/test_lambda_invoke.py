"""Invoke against the real binary: Node.js, Python and a shell `provided` bootstrap
run as local processes; results, errors, timeouts, crashes, invocation types,
log tails, qualifiers, concurrency and hot reload."""
import base64
import json
import os
import shutil
import tempfile
import threading
import time
import unittest

from harness import EmulatorTestCase
from test_lambda_support import ROLE, create_node, create_python, zipped

SHELL_BOOTSTRAP = r"""#!/bin/sh
API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
while true; do
  HEADERS=$(mktemp)
  EVENT=$(curl -sS -D "$HEADERS" "$API/invocation/next")
  ID=$(grep -i Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
  rm -f "$HEADERS"
  echo "shell got $EVENT"
  curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" -d "{\"shell\":$EVENT}"
done
"""


class InvokeTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.emu.client("lambda")

    def invoke(self, name, payload=None, **kw):
        args = dict(FunctionName=name, **kw)
        if payload is not None:
            args["Payload"] = json.dumps(payload).encode()
        r = self.lam.invoke(**args)
        body = r["Payload"].read()
        return r, (json.loads(body) if body else None)

    def test_python_and_node_echo(self):
        create_python(self.lam, "py-echo")
        create_node(self.lam, "node-echo")
        for name in ("py-echo", "node-echo"):
            r, body = self.invoke(name, {"hello": name})
            self.assertEqual(r["StatusCode"], 200)
            self.assertNotIn("FunctionError", r)
            self.assertEqual(r["ExecutedVersion"], "$LATEST")
            self.assertEqual(body["event"], {"hello": name})
            self.assertEqual(body["version"], "$LATEST")
            self.assertEqual(body["arn"], "arn:aws:lambda:us-east-1:000000000000:function:" + name)
            # The request id the function sees is the one the caller got back.
            self.assertEqual(body.get("request_id", body.get("requestId")), r["ResponseMetadata"]["RequestId"])
            # Warm: the second invocation runs in the same process.
            _, again = self.invoke(name, {})
            self.assertEqual(again["pid"], body["pid"])

    def test_node_es_module_and_callback_handlers(self):
        self.lam.create_function(FunctionName="esm", Runtime="nodejs22.x", Role=ROLE, Handler="app.handler",
                                 Code={"ZipFile": zipped({"app.mjs": "export const handler = async (e) => ({ esm: e.n + 1 });\n"})})
        self.lam.create_function(FunctionName="esm-pkg", Runtime="nodejs20.x", Role=ROLE, Handler="src/app.main",
                                 Code={"ZipFile": zipped({"package.json": '{"type": "module"}',
                                                          "src/app.js": "export async function main() { return 'pkg'; }\n"})})
        create_node(self.lam, "callback", source="exports.handler = (e, ctx, cb) => { setTimeout(() => cb(null, {cb: true}), 5); };\n")
        _, body = self.invoke("esm", {"n": 1})
        self.assertEqual(body, {"esm": 2})
        _, body = self.invoke("esm-pkg", {})
        self.assertEqual(body, "pkg")
        _, body = self.invoke("callback", {})
        self.assertEqual(body, {"cb": True})

    def test_node_callback_waits_for_the_event_loop_unless_told_not_to(self):
        waiting = ("exports.handler = (e, ctx, cb) => {\n"
                   "  ctx.callbackWaitsForEmptyEventLoop = e.wait;\n"
                   "  setTimeout(() => {}, 1500);\n"
                   "  cb(null, 'done');\n"
                   "};\n")
        create_node(self.lam, "waits", source=waiting)
        self.invoke("waits", {"wait": False})  # warm
        start = time.time()
        _, body = self.invoke("waits", {"wait": True})
        waited = time.time() - start
        self.assertEqual(body, "done")
        self.assertGreater(waited, 1.4)
        time.sleep(1.6)  # let the last timer run out
        start = time.time()
        _, body = self.invoke("waits", {"wait": False})
        self.assertEqual(body, "done")
        self.assertLess(time.time() - start, 1.0)

    def test_node_init_errors(self):
        create_node(self.lam, "syntax", source="exports.handler = async () => { return 1 +; };\n")
        create_node(self.lam, "throws-at-load", source="throw new RangeError('bad config');\n")
        r, body = self.invoke("syntax", {})
        self.assertEqual(r["FunctionError"], "Unhandled")
        self.assertEqual(body["errorType"], "Runtime.UserCodeSyntaxError")
        self.assertTrue(body["errorMessage"].startswith("SyntaxError: "))
        r, body = self.invoke("throws-at-load", {})
        self.assertEqual(body["errorType"], "RangeError")
        self.assertEqual(body["errorMessage"], "bad config")
        # Each invocation retries the init, as on AWS.
        r, body = self.invoke("throws-at-load", {})
        self.assertEqual(body["errorType"], "RangeError")

    def test_sdk_calls_from_a_function_reach_the_emulator(self):
        # AWS_ENDPOINT_URL and dummy credentials point the function's SDK at the emulator.
        create_python(self.lam, "sdk", Timeout=30, source=(
            "def handler(e, c):\n"
            "    try:\n"
            "        import boto3\n"
            "    except ImportError:\n"
            "        return 'no boto3'\n"
            "    names = [f['FunctionName'] for f in boto3.client('lambda').list_functions()['Functions']]\n"
            "    return 'sdk' in names\n"))
        r, body = self.invoke("sdk", {})
        self.assertNotIn("FunctionError", r, body)
        if body == "no boto3":
            self.skipTest("the host's python3 has no boto3")
        self.assertIs(body, True)

    def test_provided_shell_bootstrap(self):
        self.lam.create_function(FunctionName="shell", Runtime="provided.al2023", Role=ROLE, Handler="x.y",
                                 Code={"ZipFile": zipped({"bootstrap": SHELL_BOOTSTRAP}, modes={"bootstrap": 0o755})})
        r, body = self.invoke("shell", {"n": 7}, LogType="Tail")
        self.assertEqual(body, {"shell": {"n": 7}})
        tail = base64.b64decode(r["LogResult"]).decode()
        self.assertIn("START RequestId: ", tail)
        self.assertIn('shell got {"n": 7}', tail)
        self.assertIn("END RequestId: ", tail)
        self.assertIn("REPORT RequestId: ", tail)
        # A package without an executable bootstrap.
        self.lam.create_function(FunctionName="shell-noexec", Runtime="provided.al2", Role=ROLE, Handler="x.y",
                                 Code={"ZipFile": zipped({"bootstrap": SHELL_BOOTSTRAP}, modes={"bootstrap": 0o644})})
        r, body = self.invoke("shell-noexec", {})
        self.assertEqual(r["FunctionError"], "Unhandled")
        self.assertEqual(body["errorType"], "Runtime.InvalidEntrypoint")
        self.assertIn("permission denied", body["errorMessage"])

    def test_python_logging_goes_through_the_lambda_handler(self):
        # As recorded against AWS (LocalStack's lambda_request_id.py in
        # test_lambda.snapshot.json): the runtime's handler is on the root
        # logger before the module runs, so basicConfig() adds nothing and a
        # record prints once, as "[LEVEL]\tdate\trequest id\tmessage"; the
        # root logger keeps Python's WARNING level.
        src = ("import logging\n"
               "logging.basicConfig(level=logging.INFO)\n"
               "LOGGER = logging.getLogger(__name__)\n"
               "LOGGER.setLevel(logging.INFO)\n"
               "def handler(event, context):\n"
               "    LOGGER.info('RequestId log message')\n"
               "    logging.getLogger().info('root info is below WARNING')\n"
               "    return context.aws_request_id\n")
        create_python(self.lam, "py-logging", src)
        r, body = self.invoke("py-logging", LogType="Tail")
        lines = base64.b64decode(r["LogResult"]).decode().splitlines()
        self.assertEqual(lines[0], "START RequestId: %s Version: $LATEST" % body)
        self.assertRegex(lines[1], r"^\[INFO\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t%s\tRequestId log message$" % body)
        self.assertEqual(lines[2], "END RequestId: %s" % body)
        self.assertTrue(lines[3].startswith("REPORT RequestId: %s\t" % body), lines)
        self.assertEqual(len(lines), 4, lines)

    def test_handler_errors(self):
        create_python(self.lam, "py-err", source="def handler(e, c):\n    raise KeyError('missing')\n")
        create_node(self.lam, "node-err", source="exports.handler = async () => { throw new Error('nope'); };\n")
        create_python(self.lam, "py-import", source="import not_installed_anywhere\n")
        create_node(self.lam, "node-nohandler", source="exports.other = 1;\n")
        r, body = self.invoke("py-err", {})
        self.assertEqual(r["StatusCode"], 200)
        self.assertEqual(r["FunctionError"], "Unhandled")
        self.assertEqual(body["errorType"], "KeyError")
        self.assertEqual(body["errorMessage"], "'missing'")
        self.assertEqual(body["requestId"], r["ResponseMetadata"]["RequestId"])
        self.assertTrue(any("raise KeyError" in line for line in body["stackTrace"]))
        r, body = self.invoke("node-err", {})
        self.assertEqual(r["FunctionError"], "Unhandled")
        self.assertEqual(body["errorType"], "Error")
        self.assertEqual(body["errorMessage"], "nope")
        self.assertIsInstance(body["trace"], list)
        r, body = self.invoke("py-import", {})
        self.assertEqual(r["FunctionError"], "Unhandled")
        self.assertEqual(body["errorType"], "Runtime.ImportModuleError")
        self.assertEqual(body["errorMessage"], "Unable to import module 'app': No module named 'not_installed_anywhere'")
        r, body = self.invoke("node-nohandler", {})
        self.assertEqual(body["errorType"], "Runtime.HandlerNotFound")
        self.assertEqual(body["errorMessage"], "index.handler is undefined or not exported")

    def test_timeout_and_crash(self):
        create_python(self.lam, "sleepy", Timeout=1,
                      source="import time, os\ndef handler(e, c):\n    time.sleep(e.get('s', 0))\n    return os.getpid()\n")
        create_python(self.lam, "crashy",
                      source="import os\ndef handler(e, c):\n    if e.get('die'):\n        os._exit(2)\n    return os.getpid()\n")
        _, pid = self.invoke("sleepy", {})
        start = time.time()
        r, body = self.invoke("sleepy", {"s": 10})
        self.assertLess(time.time() - start, 5)
        self.assertEqual(r["FunctionError"], "Unhandled")
        rid = r["ResponseMetadata"]["RequestId"]
        self.assertEqual(body, {"errorType": "Sandbox.Timedout",
                                "errorMessage": "RequestId: %s Error: Task timed out after 1.00 seconds" % rid})
        r, new_pid = self.invoke("sleepy", {})
        self.assertNotIn("FunctionError", r)
        self.assertNotEqual(new_pid, pid)  # the timed-out process was replaced

        _, pid = self.invoke("crashy", {})
        r, body = self.invoke("crashy", {"die": True})
        rid = r["ResponseMetadata"]["RequestId"]
        self.assertEqual(body, {"errorType": "Runtime.ExitError",
                                "errorMessage": "RequestId: %s Error: Runtime exited with error: exit status 2" % rid})
        _, new_pid = self.invoke("crashy", {})
        self.assertNotEqual(new_pid, pid)

    def test_invocation_types_and_bad_requests(self):
        marker = tempfile.mktemp(prefix="apigw-event-")
        self.addCleanup(lambda: os.path.exists(marker) and os.remove(marker))
        create_python(self.lam, "types",
                      source="def handler(e, c):\n    open(e['path'], 'w').write('ran')\n    return None\n")
        r, body = self.invoke("types", {"path": marker}, InvocationType="DryRun")
        self.assertEqual(r["StatusCode"], 204)
        self.assertFalse(os.path.exists(marker))
        r, body = self.invoke("types", {"path": marker}, InvocationType="Event")
        self.assertEqual(r["StatusCode"], 202)
        self.assertIsNone(body)
        for _ in range(100):
            if os.path.exists(marker):
                break
            time.sleep(0.05)
        self.assertTrue(os.path.exists(marker), "the Event invocation never ran")
        r, body = self.invoke("types", {"path": marker})
        self.assertIsNone(body)  # the payload is "null"
        self.assertClientError("ResourceNotFoundException", self.lam.invoke, FunctionName="ghost",
                               message="Function not found: arn:aws:lambda:us-east-1:000000000000:function:ghost:$LATEST")
        self.assertClientError("InvalidRequestContentException", self.lam.invoke, FunctionName="types",
                               Payload=b"{not json", status=400)
        self.assertClientError("ResourceNotFoundException", self.lam.invoke,
                               FunctionName="arn:aws:lambda:eu-west-1:000000000000:function:types",
                               message="Functions from 'eu-west-1' are not reachable in this region ('us-east-1')")

    def test_versions_and_aliases_run_their_own_code(self):
        create_python(self.lam, "ver-run", source="def handler(e, c):\n    return ['one', c.function_version]\n")
        self.lam.publish_version(FunctionName="ver-run")
        self.lam.update_function_code(FunctionName="ver-run",
                                      ZipFile=zipped({"app.py": "def handler(e, c):\n    return ['two', c.function_version]\n"}))
        self.lam.create_alias(FunctionName="ver-run", Name="stable", FunctionVersion="1")
        r, body = self.invoke("ver-run", {})
        self.assertEqual(body, ["two", "$LATEST"])
        r, body = self.invoke("ver-run", {}, Qualifier="1")
        self.assertEqual((body, r["ExecutedVersion"]), (["one", "1"], "1"))
        r, body = self.invoke("ver-run:stable", {})
        self.assertEqual((body, r["ExecutedVersion"]), (["one", "1"], "1"))
        self.assertClientError("ResourceNotFoundException", self.lam.invoke, FunctionName="ver-run", Qualifier="9")

    def test_configuration_update_takes_effect(self):
        create_node(self.lam, "cfg", source="exports.handler = async () => process.env.GREETING || 'none';\n")
        _, body = self.invoke("cfg", {})
        self.assertEqual(body, "none")
        self.lam.update_function_configuration(FunctionName="cfg", Environment={"Variables": {"GREETING": "hi"}})
        _, body = self.invoke("cfg", {})
        self.assertEqual(body, "hi")

    def test_reserved_concurrency_zero_throttles(self):
        # Recorded from AWS (LocalStack's test_lambda.py, "exc_no_cap_requestresponse"): 429
        # TooManyRequestsException "Rate Exceeded." with its Reason; an event is still accepted.
        create_python(self.lam, "throttled")
        self.lam.put_function_concurrency(FunctionName="throttled", ReservedConcurrentExecutions=0)
        with self.assertRaises(self.lam.exceptions.TooManyRequestsException) as caught:
            self.lam.invoke(FunctionName="throttled", Payload=b"{}")
        err = caught.exception.response
        self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], 429)
        self.assertEqual(err["Error"]["Message"], "Rate Exceeded.")
        self.assertEqual(err["Reason"], "ReservedFunctionConcurrentInvocationLimitExceeded")
        self.assertEqual(err["Type"], "User")
        self.assertEqual(self.lam.invoke(FunctionName="throttled", InvocationType="Event")["StatusCode"], 202)
        self.lam.delete_function_concurrency(FunctionName="throttled")
        r, body = self.invoke("throttled", {"n": 1})
        self.assertEqual(body["event"], {"n": 1})

    def test_concurrent_invocations_use_more_processes(self):
        create_python(self.lam, "parallel",
                      source="import os, time\ndef handler(e, c):\n    time.sleep(0.7)\n    return os.getpid()\n",
                      Timeout=10)
        self.invoke("parallel", {})  # warm one up
        results, errors = [], []

        def call():
            try:
                results.append(self.invoke("parallel", {})[1])
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=call) for _ in range(3)]
        start = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        self.assertEqual(errors, [])
        self.assertEqual(len(set(results)), 3)  # three processes at once
        self.assertLess(time.time() - start, 3 * 0.7 + 5)  # serial would be 2.1 s more; generous under load

    def test_hot_reload_folder(self):
        folder = tempfile.mkdtemp(prefix="apigw-hot-")
        self.addCleanup(shutil.rmtree, folder, True)
        with open(os.path.join(folder, "index.js"), "w") as f:
            f.write("exports.handler = async () => 'v1';\n")
        created = self.lam.create_function(FunctionName="hot", Runtime="nodejs20.x", Role=ROLE,
                                           Handler="index.handler",
                                           Code={"S3Bucket": "hot-reload", "S3Key": folder})
        self.assertEqual(created["CodeSha256"], "hot-reloading-hash-not-available")
        self.assertEqual(self.invoke("hot", {})[1], "v1")
        with open(os.path.join(folder, "index.js"), "w") as f:
            f.write("exports.handler = async () => 'v2';\n")
        body = None
        for _ in range(50):
            body = self.invoke("hot", {})[1]
            if body == "v2":
                break
            time.sleep(0.05)
        self.assertEqual(body, "v2")
        self.assertClientError("InvalidParameterValueException", self.lam.create_function, FunctionName="hot-missing",
                               Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
                               Code={"S3Bucket": "hot-reload", "S3Key": "/no/such/folder"})


if __name__ == "__main__":
    unittest.main()
