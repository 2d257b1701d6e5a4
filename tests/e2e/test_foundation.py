"""The foundation end to end: the README walkthrough with boto3 and the AWS CLI v2,
the operator basics (health, ready line, --help, SIGTERM), durability across
SIGKILL, the single-writer lock, and garbage on both ports."""
import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import unittest

from backend import Backend
from harness import BINARY, Emulator, EmulatorTestCase, host_port, http, raw_exchange


class Walkthrough(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend = Backend()

    @classmethod
    def tearDownClass(cls):
        cls.backend.close()
        super().tearDownClass()

    def test_health(self):
        status, headers, body = http("GET", self.emu.control_url + "/_emulator/health")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["status"], "ok")

    def test_readme_walkthrough_with_cli_v2(self):
        emu = self.emu
        api = emu.cli("apigateway", "create-rest-api", "--name", "walkthrough")
        api_id = api["id"]
        self.assertRegex(api_id, r"^[a-z0-9]{10}$")
        root = [r for r in emu.cli("apigateway", "get-resources", "--rest-api-id", api_id)["items"]
                if r["path"] == "/"][0]["id"]
        pets = emu.cli("apigateway", "create-resource", "--rest-api-id", api_id, "--parent-id", root,
                       "--path-part", "pets")["id"]
        emu.cli("apigateway", "put-method", "--rest-api-id", api_id, "--resource-id", pets,
                "--http-method", "GET", "--authorization-type", "NONE")
        emu.cli("apigateway", "put-integration", "--rest-api-id", api_id, "--resource-id", pets,
                "--http-method", "GET", "--type", "MOCK",
                "--request-templates", json.dumps({"application/json": '{"statusCode": 200}'}))
        emu.cli("apigateway", "put-method-response", "--rest-api-id", api_id, "--resource-id", pets,
                "--http-method", "GET", "--status-code", "200")
        emu.cli("apigateway", "put-integration-response", "--rest-api-id", api_id, "--resource-id", pets,
                "--http-method", "GET", "--status-code", "200",
                "--response-templates", json.dumps({"application/json": '[{"id": 1, "type": "dog"}]'}))
        proxy = emu.cli("apigateway", "create-resource", "--rest-api-id", api_id, "--parent-id", root,
                        "--path-part", "{proxy+}")["id"]
        emu.cli("apigateway", "put-method", "--rest-api-id", api_id, "--resource-id", proxy,
                "--http-method", "ANY", "--authorization-type", "NONE",
                "--request-parameters", "method.request.path.proxy=true")
        emu.cli("apigateway", "put-integration", "--rest-api-id", api_id, "--resource-id", proxy,
                "--http-method", "ANY", "--type", "HTTP_PROXY", "--integration-http-method", "ANY",
                "--uri", self.backend.url + "/{proxy}",
                "--request-parameters", "integration.request.path.proxy=method.request.path.proxy")
        dep = emu.cli("apigateway", "create-deployment", "--rest-api-id", api_id, "--stage-name", "dev")
        self.assertIn("id", dep)

        status, headers, body = http("GET", emu.url(api_id, "dev", "pets"))
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(body), [{"id": 1, "type": "dog"}])
        self.assertIn("x-amzn-requestid", headers)
        self.assertIn("x-amz-apigw-id", headers)

        status, headers, body = http("POST", emu.url(api_id, "dev", "a/b?x=1"), body='{"k": 1}',
                                     headers={"Content-Type": "application/json", "X-Custom": "v"})
        self.assertEqual(status, 200, body)
        echoed = json.loads(body)
        self.assertEqual(echoed["method"], "POST")
        self.assertEqual(echoed["path"], "/a/b")
        self.assertEqual(echoed["query"], "x=1")
        self.assertEqual(echoed["headers"].get("x-custom"), "v")
        self.assertEqual(echoed["body"], '{"k": 1}')
        self.assertEqual(headers.get("x-backend"), "yes")

    def test_url_forms(self):
        a = self.apigw
        api_id = a.create_rest_api(name="forms")["id"]
        root = self.root_id(api_id)
        a.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
        a.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
        a.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
        a.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                   responseTemplates={"application/json": '{"form": "ok"}'})
        a.create_deployment(restApiId=api_id, stageName="v1")
        base = self.emu.data_url
        host, port = host_port(base)
        for url, extra in [(base + "/%s/v1/" % api_id, {}),
                           (base + "/v1/", {"Host": "%s.execute-api.localhost:%d" % (api_id, port)}),
                           (base + "/_aws/execute-api/%s/v1/" % api_id, {}),
                           (base + "/restapis/%s/v1/_user_request_/" % api_id, {})]:
            status, _, body = http("GET", url, headers=extra)
            self.assertEqual((status, json.loads(body)), (200, {"form": "ok"}), url)

    def test_unknown_path_and_method(self):
        a = self.apigw
        api_id = a.create_rest_api(name="unknowns")["id"]
        root = self.root_id(api_id)
        a.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
        a.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
        a.create_deployment(restApiId=api_id, stageName="s")
        for method, path in [("GET", "nope"), ("POST", "")]:
            status, headers, body = http(method, self.emu.url(api_id, "s", path))
            self.assertEqual(status, 403)
            self.assertEqual(json.loads(body), {"message": "Missing Authentication Token"})
            self.assertEqual(headers.get("x-amzn-errortype"), "MissingAuthenticationTokenException")
            self.assertIn("x-amzn-requestid", headers)

    def test_oversized_body_gets_413(self):
        a = self.apigw
        api_id = a.create_rest_api(name="big")["id"]
        root = self.root_id(api_id)
        a.put_method(restApiId=api_id, resourceId=root, httpMethod="POST", authorizationType="NONE")
        a.put_integration(restApiId=api_id, resourceId=root, httpMethod="POST", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
        a.create_deployment(restApiId=api_id, stageName="s")
        status, _, body = http("POST", self.emu.url(api_id, "s", ""), body=b"x" * (10 * 1024 * 1024 + 1),
                               headers={"Content-Type": "application/json"})
        self.assertEqual(status, 413)

    def test_garbage_on_both_ports(self):
        for url in (self.emu.control_url, self.emu.data_url):
            host, port = host_port(url)
            for payload in [b"\x00\xff\xfe garbage\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"G" * 100000,
                            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                            b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"]:
                try:
                    out = raw_exchange(host, port, payload, timeout=3)
                except OSError:
                    out = b""
                if out:
                    self.assertRegex(out[:12], rb"^HTTP/1\.[01] [45]\d\d")
            status, _, _ = http("GET", self.emu.control_url + "/_emulator/health")
            self.assertEqual(status, 200)

    def test_malformed_control_requests(self):
        host, port = host_port(self.emu.control_url)
        auth = "AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=x"
        status, headers, body = http("POST", self.emu.control_url + "/restapis", body="{not json",
                                     headers={"Authorization": auth, "Content-Type": "application/json"})
        self.assertEqual(status, 400)
        self.assertIn("x-amzn-errortype", headers)
        self.assertIn("message", json.loads(body))
        self.assertClientError("NotFoundException", self.apigw.get_rest_api, restApiId="doesnotexist", status=404)


class Operator(unittest.TestCase):
    def test_help_lists_every_flag_with_env_and_default(self):
        out = subprocess.run([BINARY, "--help"], capture_output=True, text=True, timeout=10)
        self.assertEqual(out.returncode, 0)
        for flag, env in [("--host", "APIGW_HOST"), ("--control-port", "APIGW_CONTROL_PORT"),
                          ("--data-port", "APIGW_DATA_PORT"), ("--state", "APIGW_STATE"),
                          ("--in-memory", "APIGW_IN_MEMORY"), ("--region", "APIGW_REGION"),
                          ("--account-id", "APIGW_ACCOUNT_ID"), ("--log-level", "APIGW_LOG_LEVEL")]:
            self.assertIn(flag, out.stdout)
            self.assertIn(env, out.stdout)

    def test_bad_flag_is_a_clear_error(self):
        out = subprocess.run([BINARY, "--control-port", "notaport"], capture_output=True, text=True, timeout=10)
        self.assertEqual(out.returncode, 2)
        self.assertIn("control-port", out.stderr)

    def test_sigterm_exits_zero_and_logs_requests(self):
        emu = Emulator().start()
        http("GET", emu.control_url + "/_emulator/health")
        http("GET", emu.data_url + "/nope/nope/x")
        self.assertTrue(emu.wait_for_log(r"GET /nope/nope/x 403"), emu.log_text())
        self.assertEqual(emu.stop(signal.SIGTERM), 0)
        self.assertRegex(emu.log_text(), r"ready.*http://127\.0\.0\.1:\d+.*http://127\.0\.0\.1:\d+")


class Durability(unittest.TestCase):
    def test_sigkill_after_acknowledged_writes_loses_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            state = os.path.join(tmp, "state.db")
            emu = Emulator(state=state).start()
            a = emu.client("apigateway")
            ids = [a.create_rest_api(name="durable-%d" % i)["id"] for i in range(30)]
            api = ids[0]
            root = [r for r in a.get_resources(restApiId=api)["items"] if r["path"] == "/"][0]["id"]
            res = a.create_resource(restApiId=api, parentId=root, pathPart="kept")["id"]
            a.put_method(restApiId=api, resourceId=res, httpMethod="GET", authorizationType="NONE")
            a.put_integration(restApiId=api, resourceId=res, httpMethod="GET", type="MOCK",
                              requestTemplates={"application/json": '{"statusCode": 200}'})
            a.put_method_response(restApiId=api, resourceId=res, httpMethod="GET", statusCode="200")
            a.put_integration_response(restApiId=api, resourceId=res, httpMethod="GET", statusCode="200",
                                       responseTemplates={"application/json": '{"after": "restart"}'})
            a.create_deployment(restApiId=api, stageName="prod")
            emu.stop(signal.SIGKILL)

            emu2 = Emulator(state=state).start()
            try:
                a2 = emu2.client("apigateway")
                found = {x["id"] for x in a2.get_rest_apis(limit=500)["items"]}
                self.assertTrue(set(ids) <= found, set(ids) - found)
                status, _, body = http("GET", emu2.url(api, "prod", "kept"))
                self.assertEqual((status, json.loads(body)), (200, {"after": "restart"}))
            finally:
                emu2.stop()

    def test_second_emulator_on_same_state_refuses(self):
        with tempfile.TemporaryDirectory() as tmp:
            state = os.path.join(tmp, "state.db")
            first = Emulator(state=state).start()
            try:
                p = subprocess.run([BINARY, "--state", state, "--control-port", "0", "--data-port", "0"],
                                   capture_output=True, text=True, timeout=10)
                self.assertNotEqual(p.returncode, 0)
                self.assertIn("in use", p.stdout + p.stderr)
            finally:
                first.stop()


if __name__ == "__main__":
    unittest.main()
