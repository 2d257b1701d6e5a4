"""REST HTTP, HTTP_PROXY and MOCK integrations replayed as LocalStack's
AWS-validated tests recorded them (tests/aws/services/apigateway/ in
localstack/localstack: test_apigateway_http.py, test_apigateway_integrations.py,
test_apigateway_common.py, test_apigateway_basic.py and their .snapshot.json):
what the backend receives and what the client gets back, call by call.

The recordings used a Lambda function URL or httpbin as the backend; the
headers those add themselves (x-amzn-tls-*, x-forwarded-port/-proto of the
function URL) are left out of the comparisons. Where nothing was recorded, the
developer guide's "Amazon API Gateway important notes for REST APIs" decides.
"""
import http.client
import json
import unittest
from urllib.parse import parse_qs

from backend import Backend
from harness import EmulatorTestCase, host_port


def call(base_url, method, path, headers=(), body=None):
    """One request on a fresh connection, sending exactly `headers` (no Host,
    Accept-Encoding or Connection of http.client's own unless given). Returns
    (status, {lower-cased name: value}, body bytes)."""
    host, port = host_port(base_url)
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        names = {k.lower() for k, _ in headers}
        if "host" not in names:
            conn.putheader("Host", "%s:%d" % (host, port))
        for k, v in headers:
            conn.putheader(k, v)
        data = body.encode() if isinstance(body, str) else body
        if data is not None:
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


HELLO = json.dumps({"message": "hello world"})
# The headers of TestApiGatewayHeaderRemapping (HEADERS and REQUEST_PARAMETERS).
REMAP_HEADERS = ["Accept", "Accept-Charset", "Accept-Encoding", "Age", "Authorization", "Connection",
                 "Content-Encoding", "Content-Length", "Content-MD5", "Content-Type", "Date", "Expect", "Host",
                 "Max-Forwards", "Pragma", "Proxy-Authenticate", "Range", "Referer", "Server", "TE",
                 "Transfer-Encoding", "Trailer", "Upgrade", "User-Agent", "Via", "Warn", "WWW-Authenticate"]
REMAP_MAPPINGS = {
    "integration.request.header.Accept": "'text/html'",
    "integration.request.header.Accept-Charset": "'UTF-16'",
    "integration.request.header.Accept-Encoding": "'zstd'",
    "integration.request.header.Age": "'request_params_age'",
    "integration.request.header.Authorization": "'request_params_authorization'",
    "integration.request.header.Content-Encoding": "'compress'",
    "integration.request.header.Content-MD5": "'request_params_Content-MD5'",
    "integration.request.header.Content-Type": "'application/json'",
    "integration.request.header.Date": "'request_params_Date'",
    "integration.request.header.Expect": "'200-ok'",
    "integration.request.header.Host": "method.request.header.Host",
    "integration.request.header.Max-Forwards": "'2'",
    "integration.request.header.Pragma": "'no-cache'",
    "integration.request.header.Range": "'bytes=0-499'",
    "integration.request.header.Referer": "'https://example.com/page'",
    "integration.request.header.Server": "'https://example.com/page'",
    "integration.request.header.Trailer": "'user-agent'",
    "integration.request.header.Upgrade": "'HTTP/2.0'",
    "integration.request.header.User-Agent": "'Override-Agent'",
    "integration.request.header.Warn": "'110 anderson/1.3.37 \"Response is stale\"'",
    "integration.request.header.WWW-Authenticate": "'Basic YWxhZGRpbjpvcGVuc2VzYW1l'",
    "integration.request.header.Connection": "'keep-alive'",
    "integration.request.header.Proxy-Authenticate": "'Basic realm=\"Access to the internal site\"'",
    "integration.request.header.TE": "'gzip'",
    "integration.request.header.Via": "'othersite.net'",
}
# What the recorded client sent (a chunked Transfer-Encoding without a body
# left out: it is not a well-formed request).
REMAP_CLIENT = [("Accept", "application/json"), ("Accept-Charset", "UTF-8"), ("Accept-Encoding", "br"),
                ("Age", "request_Age"), ("Authorization", "Unauthorized"), ("Connection", "close"),
                ("Content-Encoding", "deflate"), ("Content-MD5", "request_Content-MD5"),
                ("Content-Type", "application/json"), ("Date", "request_Date"), ("Max-Forwards", "2"),
                ("Pragma", "cache"), ("Proxy-Authenticate", "Basic"), ("Range", "bytes=500-999"),
                ("Referer", "https://example.com/"), ("Server", "https://example.com/"), ("TE", "deflate"),
                ("Trailer", "Expires"), ("Upgrade", "HTTP/2.0"), ("User-Agent", "localStack/0.0"),
                ("Via", "p.example.net"), ("Warn", "299 localStack/0.0"),
                ("WWW-Authenticate", "Basic YWxhZGRpbjpvcGVuc2VzYW1l")]


class RecordedTestCase(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend = Backend()

    @classmethod
    def tearDownClass(cls):
        cls.backend.close()
        super().tearDownClass()

    def api_with_integration(self, uri, integration_type, path_part="test", req_parameters=None,
                             resource_method="POST", integration_method="POST"):
        """What the recordings' create_rest_api_with_integration fixture builds:
        one resource, one method, its integration, a 200 whose template is
        $input.json('$'), deployed to stage "test"."""
        a = self.apigw
        api = a.create_rest_api(name="recorded", endpointConfiguration={"types": ["REGIONAL"]})
        api_id, root = api["id"], api["rootResourceId"]
        rid = a.create_resource(restApiId=api_id, parentId=root, pathPart=path_part)["id"]
        req_parameters = req_parameters or {}
        a.put_method(restApiId=api_id, resourceId=rid, httpMethod=resource_method, authorizationType="NONE",
                     requestParameters=dict.fromkeys(req_parameters.values(), True))
        a.put_integration(restApiId=api_id, resourceId=rid, httpMethod=resource_method,
                          integrationHttpMethod=integration_method, type=integration_type, uri=uri,
                          requestParameters=req_parameters)
        a.put_method_response(restApiId=api_id, resourceId=rid, httpMethod=resource_method, statusCode="200")
        a.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod=resource_method, statusCode="200",
                                   responseTemplates={"application/json": "$input.json('$')"})
        a.create_deployment(restApiId=api_id, stageName="test")
        return api_id

    def path(self, api_id, stage, rest=""):
        return "/%s/%s/%s" % (api_id, stage, rest.lstrip("/"))

    def call(self, method, path, headers=(), body=None):
        return call(self.emu.data_url, method, path, headers, body)


class HttpIntegrations(RecordedTestCase):
    """test_apigateway_http.py"""

    CLIENT = [("Content-Type", "application/json"), ("accept", "application/xml"),
              ("user-Agent", "test/integration"), ("Accept-Encoding", "gzip, deflate"),
              ("Connection", "keep-alive")]

    def test_with_lambda_http(self):
        api_id = self.api_with_integration(self.backend.url + "/", "HTTP")
        status, headers, body = self.call("POST", self.path(api_id, "test", "/test"), self.CLIENT, HELLO)
        self.assertEqual(status, 200, body)
        seen = json.loads(body)  # the backend's echo, through $input.json('$')
        self.assertEqual(seen["method"], "POST")
        self.assertEqual(seen["path"], "/")
        self.assertEqual(json.loads(seen["body"]), {"message": "hello world"})
        self.assertEqual(set(seen["headers"]), {"accept", "content-length", "content-type", "host", "user-agent",
                                                "x-amzn-apigateway-api-id", "x-amzn-trace-id"})
        self.assertEqual(seen["headers"]["accept"], "application/json")
        self.assertEqual(seen["headers"]["content-length"], "26")
        self.assertEqual(seen["headers"]["content-type"], "application/json")
        self.assertEqual(seen["headers"]["user-agent"], "AmazonAPIGateway_" + api_id)
        self.assertEqual(seen["headers"]["x-amzn-apigateway-api-id"], api_id)
        self.assertEqual(seen["headers"]["host"], self.backend.url[len("http://"):])
        # The client's answer: no header of the backend's, a trace id of its own.
        self.assertEqual(set(headers), {"connection", "content-length", "content-type", "date", "x-amz-apigw-id",
                                        "x-amzn-requestid", "x-amzn-trace-id"})
        self.assertEqual(headers["connection"], "keep-alive")
        self.assertEqual(headers["content-type"], "application/json")
        self.assertRegex(headers["x-amzn-trace-id"], r"^Root=1-[0-9a-f]{8}-[0-9a-f]{24}")
        self.assertRegex(headers["x-amz-apigw-id"], r"^[A-Za-z0-9]{15}=$")

    def test_with_lambda_http_proxy(self):
        api_id = self.api_with_integration(self.backend.url + "/with-headers", "HTTP_PROXY")
        status, headers, body = self.call("POST", self.path(api_id, "test", "/test"), self.CLIENT, HELLO)
        self.assertEqual(status, 200, body)
        seen = json.loads(body)
        self.assertEqual((seen["method"], seen["path"]), ("POST", "/with-headers"))
        self.assertEqual(json.loads(seen["body"]), {"message": "hello world"})
        self.assertEqual(set(seen["headers"]), {"accept", "accept-encoding", "content-length", "content-type",
                                                "host", "user-agent", "x-amzn-apigateway-api-id", "x-amzn-trace-id",
                                                "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto"})
        self.assertEqual(seen["headers"]["accept"], "application/xml")
        self.assertEqual(seen["headers"]["accept-encoding"], "gzip, deflate")
        self.assertEqual(seen["headers"]["user-agent"], "test/integration")
        self.assertEqual(seen["headers"]["host"], self.backend.url[len("http://"):])
        self.assertEqual(seen["headers"]["x-forwarded-for"], "127.0.0.1")
        # The backend's own headers come back renamed; x-amzn-RequestId is the gateway's.
        self.assertEqual(headers["connection"], "keep-alive")
        self.assertEqual(headers["x-amzn-remapped-connection"], "keep-alive")
        self.assertEqual(headers["x-amzn-remapped-content-length"], headers["content-length"])
        self.assertIn("x-amzn-remapped-date", headers)
        self.assertEqual(headers["x-amzn-remapped-x-amzn-requestid"], "backend-request-id")
        self.assertNotEqual(headers["x-amzn-requestid"], "backend-request-id")
        self.assertTrue(headers["x-amzn-remapped-server"].startswith("BaseHTTP/"))
        self.assertNotIn("server", headers)
        self.assertEqual(headers["content-type"], "application/json")
        self.assertIn("x-amz-apigw-id", headers)
        # Developer guide, important notes for REST APIs (http_proxy responses).
        for name in ("authorization", "user-agent", "www-authenticate"):
            self.assertNotIn(name, headers)
            self.assertIn("x-amzn-remapped-" + name, headers)
        for name in ("via", "upgrade", "trailer"):
            self.assertNotIn(name, headers)
        self.assertEqual((headers["age"], headers["warn"]), ("7", "199 backend"))

    def test_client_trace_header_is_kept_whole(self):
        # Recorded (test_apigateway_common.py test_invocation_trace_id): a full
        # trace header comes back whole, a Root alone gets a Parent of its own.
        api_id = self.api_with_integration(self.backend.url + "/", "HTTP")
        full = "Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1"
        status, headers, body = self.call("POST", self.path(api_id, "test", "/test"),
                                          [("X-Amzn-Trace-Id", full)], HELLO)
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(body)["headers"]["x-amzn-trace-id"], full)
        self.assertEqual(headers["x-amzn-trace-id"], full)
        root = full.split(";")[0]
        _, headers, _ = self.call("POST", self.path(api_id, "test", "/test"), [("X-Amzn-Trace-Id", root)], HELLO)
        parts = headers["x-amzn-trace-id"].split(";")
        self.assertEqual(parts[0], root)
        self.assertRegex(parts[1], r"^Parent=[0-9a-f]{16}$")
        self.assertNotEqual(parts[1], "Parent=7fa8c0f79203be72")

    def test_status_code_passthrough(self):
        # The recorded non-proxy answer to a backend 400 is the default 200.
        for integration_type, expected in (("HTTP", (200, 200)), ("HTTP_PROXY", (200, 400))):
            api_id = self.api_with_integration(self.backend.url + "/{map}", integration_type, path_part="{map+}",
                                               req_parameters={"integration.request.path.map":
                                                               "method.request.path.map"})
            got = []
            for code in (200, 400):
                status, _, body = self.call("POST", self.path(api_id, "test", "/status/%d" % code))
                self.assertEqual(json.loads(body)["path"], "/status/%d" % code)
                got.append(status)
            self.assertEqual(tuple(got), expected, integration_type)

    def test_integration_method(self):
        # An ANY method integrated with POST: the recording called POST three times.
        for integration_type in ("HTTP", "HTTP_PROXY"):
            api_id = self.api_with_integration(self.backend.url + "/", integration_type, resource_method="ANY",
                                               integration_method="POST")
            client = [("Content-Type", "application/json"), ("Accept", "application/json"),
                      ("user-Agent", "test/integration"), ("Accept-Encoding", "gzip, deflate")]
            status, _, body = self.call("POST", self.path(api_id, "test", "/test"), client, HELLO)
            self.assertEqual(status, 200, body)
            seen = json.loads(body)
            self.assertEqual(seen["method"], "POST")
            trimmed = {k: v for k, v in seen["headers"].items() if not k.startswith(("x-amzn", "x-forwarded-"))}
            if integration_type == "HTTP":
                self.assertEqual(set(trimmed), {"accept", "content-length", "content-type", "host", "user-agent"})
                self.assertEqual(trimmed["user-agent"], "AmazonAPIGateway_" + api_id)
            else:
                self.assertEqual(set(trimmed), {"accept", "accept-encoding", "content-length", "content-type",
                                                "host", "user-agent"})
                self.assertEqual(trimmed["user-agent"], "test/integration")

    def test_http_proxy_request_data_mappings(self):
        api_id = self.api_with_integration(
            self.backend.url + "/?testVar={pathVar}&testQs={qsVar}", "HTTP_PROXY", path_part="{pathVariable}",
            req_parameters={
                "integration.request.header.headerVar": "method.request.header.foobar",
                "integration.request.path.qsVar": "method.request.querystring.testVar",
                "integration.request.path.pathVar": "method.request.path.pathVariable",
                "integration.request.querystring.queryString": "method.request.querystring.testQueryString",
                "integration.request.querystring.testQs": "method.request.querystring.testQueryString",
                "integration.request.querystring.testEmptyQs": "method.request.header.emptyheader",
            })
        client = [("Content-Type", "application/json"), ("Accept", "application/json"), ("foobar", "mapped-value"),
                  ("user-Agent", "test/integration"), ("headerVar", "request-value")]
        status, _, body = self.call("POST", self.path(api_id, "test", "/foobar?testQueryString=foo&testVar=bar"),
                                    client, HELLO)
        self.assertEqual(status, 200, body)
        seen = json.loads(body)
        # Recorded args (httpbin joins repeated values with ","): the URI's own
        # values first, then the client's, then the mapped ones.
        self.assertEqual(parse_qs(seen["query"]), {"testVar": ["foobar", "bar"], "testQs": ["bar", "foo"],
                                                   "testQueryString": ["foo"], "queryString": ["foo"]})
        self.assertEqual(seen["headers"]["headervar"], "mapped-value")
        self.assertEqual(seen["headers"]["foobar"], "mapped-value")
        self.assertEqual(json.loads(seen["body"]), {"message": "hello world"})


class HeaderRemapping(RecordedTestCase):
    """test_apigateway_integrations.py, TestApiGatewayHeaderRemapping, HTTP and HTTP_PROXY."""

    def build(self, integration_type):
        a = self.apigw
        api = a.create_rest_api(name="remap", endpointConfiguration={"types": ["REGIONAL"]})
        api_id, root = api["id"], api["rootResourceId"]
        uri = self.backend.url + "/with-headers"  # answers Connection: keep-alive, as httpbin did
        specials = {"content-length": "integration.request.header.Content-Length",
                    "transfer-encoding": "integration.request.header.Transfer-Encoding"}
        for part in ["no-param", "full"] + list(specials):
            rid = a.create_resource(restApiId=api_id, parentId=root, pathPart=part)["id"]
            a.put_method(restApiId=api_id, resourceId=rid, httpMethod="GET", authorizationType="NONE",
                         requestParameters={"method.request.header.%s" % h: False for h in REMAP_HEADERS})
            a.put_method_response(restApiId=api_id, resourceId=rid, httpMethod="GET", statusCode="200",
                                  responseParameters={"method.response.header.%s" % h: True for h in REMAP_HEADERS})
            kw = {}
            if part == "full":
                kw["requestParameters"] = REMAP_MAPPINGS
                kw["requestTemplates"] = {"application/json": "{" + ",".join(
                    '"%s": "$input.params(\'%s\')"' % (h, h) for h in REMAP_HEADERS) + "}"}
            elif part in specials:
                kw["requestParameters"] = {specials[part]: "'0'" if part == "content-length" else "'deflate'"}
            a.put_integration(restApiId=api_id, resourceId=rid, httpMethod="GET", type=integration_type,
                              integrationHttpMethod="POST", uri=uri, **kw)
            response_kw = {}
            if part == "full":
                response_kw["responseParameters"] = {"method.response.header.%s" % h: "'response_param_%s'" % h
                                                     for h in REMAP_HEADERS}
            a.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="GET", statusCode="200",
                                       **response_kw)
        a.create_deployment(restApiId=api_id, stageName="test")
        return api_id

    def get(self, api_id, part):
        return self.call("GET", self.path(api_id, "test", part), REMAP_CLIENT)

    def backend_headers(self):
        return {k.lower(): v for k, v in self.backend.requests[-1]["headers"].items()}

    def check_refused_mappings(self, api_id):
        for part in ("content-length", "transfer-encoding"):
            status, headers, body = self.get(api_id, part)
            self.assertEqual((status, json.loads(body)), (500, {"message": "Internal server error"}), part)
            self.assertEqual(headers["x-amzn-errortype"], "InternalServerErrorException")
            self.assertEqual(headers["connection"], "close")  # the client asked to close

    def test_http(self):
        api_id = self.build("HTTP")
        status, headers, _ = self.get(api_id, "no-param")
        self.assertEqual(status, 200)
        seen = self.backend_headers()
        self.assertEqual(set(seen), {"accept", "content-length", "host", "user-agent", "x-amzn-apigateway-api-id",
                                     "x-amzn-trace-id"})
        self.assertEqual((seen["accept"], seen["content-length"]), ("application/json", "0"))
        self.assertEqual(set(headers), {"connection", "content-length", "content-type", "date", "x-amzn-trace-id",
                                        "x-amz-apigw-id", "x-amzn-requestid"})

        status, headers, body = self.get(api_id, "full")
        self.assertEqual(status, 200)
        seen = self.backend_headers()
        expected = {"accept": "text/html", "accept-charset": "UTF-16", "accept-encoding": "zstd",
                    "age": "request_params_age", "authorization": "request_params_authorization",
                    "content-encoding": "compress", "content-md5": "request_params_Content-MD5",
                    "content-type": "application/json", "date": "request_params_Date",
                    "host": "%s:%d" % host_port(self.emu.data_url),  # method.request.header.Host
                    "max-forwards": "2", "pragma": "no-cache", "range": "bytes=0-499",
                    "referer": "https://example.com/page", "server": "https://example.com/page",
                    "trailer": "user-agent", "upgrade": "HTTP/2.0", "user-agent": "Override-Agent",
                    "warn": '110 anderson/1.3.37 "Response is stale"',
                    "www-authenticate": "Basic YWxhZGRpbjpvcGVuc2VzYW1l"}
        self.assertEqual({k: v for k, v in seen.items()
                          if k not in ("content-length", "x-amzn-apigateway-api-id", "x-amzn-trace-id")}, expected)
        # The request template saw the client's headers, minus those dropped on arrival.
        template_saw = json.loads(self.backend.requests[-1]["body"])
        self.assertEqual({h for h, v in template_saw.items() if v == ""},
                         {"Connection", "Content-Length", "Content-MD5", "Expect", "Max-Forwards",
                          "Proxy-Authenticate", "Server", "TE", "Transfer-Encoding", "Trailer", "Upgrade",
                          "WWW-Authenticate"})
        self.assertEqual(template_saw["Via"], "p.example.net")
        self.assertEqual(template_saw["Authorization"], "Unauthorized")
        # Response parameters: kept, renamed, or (Transfer-Encoding) dropped.
        kept = {"Accept", "Accept-Charset", "Accept-Encoding", "Age", "Content-Encoding", "Content-Type", "Pragma",
                "Range", "Referer", "TE", "Via", "Warn"}
        for h in kept:
            self.assertEqual(headers[h.lower()], "response_param_" + h)
        renamed = {"Authorization", "Connection", "Content-Length", "Content-MD5", "Date", "Expect", "Host",
                   "Max-Forwards", "Proxy-Authenticate", "Server", "Trailer", "Upgrade", "User-Agent",
                   "WWW-Authenticate"}
        for h in renamed:
            self.assertEqual(headers["x-amzn-remapped-" + h.lower()], "response_param_" + h)
        self.assertNotIn("transfer-encoding", headers)
        self.assertNotIn("x-amzn-remapped-transfer-encoding", headers)
        self.assertEqual(headers["connection"], "close")
        self.assertEqual(int(headers["content-length"]), len(body))
        self.check_refused_mappings(api_id)

    def test_http_proxy(self):
        api_id = self.build("HTTP_PROXY")
        status, headers, _ = self.get(api_id, "no-param")
        self.assertEqual(status, 200)
        seen = self.backend_headers()
        expected = {"accept": "application/json", "accept-charset": "UTF-8", "accept-encoding": "br",
                    "age": "request_Age", "authorization": "Unauthorized", "content-length": "0",
                    "content-type": "application/json", "date": "request_Date",
                    "host": self.backend.url[len("http://"):], "pragma": "cache", "range": "bytes=500-999",
                    "referer": "https://example.com/", "user-agent": "localStack/0.0", "warn": "299 localStack/0.0"}
        self.assertEqual({k: v for k, v in seen.items() if not k.startswith(("x-amzn", "x-forwarded-"))}, expected)
        self.assertEqual(seen["x-amzn-apigateway-api-id"], api_id)
        self.assertEqual(headers["x-amzn-remapped-connection"], "keep-alive")
        self.assertEqual(headers["connection"], "close")
        self.assertIn("x-amzn-remapped-date", headers)
        self.assertIn("x-amzn-remapped-server", headers)

        status, headers, _ = self.get(api_id, "full")
        self.assertEqual(status, 200)
        seen = self.backend_headers()
        expected = {"accept": "text/html", "accept-charset": "UTF-16", "accept-encoding": "zstd",
                    "age": "request_params_age", "authorization": "request_params_authorization",
                    "content-encoding": "compress", "content-length": "0",
                    "content-md5": "request_params_Content-MD5", "content-type": "application/json",
                    "date": "request_params_Date", "host": "%s:%d" % host_port(self.emu.data_url),
                    "max-forwards": "2", "pragma": "no-cache", "range": "bytes=0-499",
                    "referer": "https://example.com/page", "server": "https://example.com/page",
                    "trailer": "user-agent", "upgrade": "HTTP/2.0", "user-agent": "Override-Agent",
                    "warn": '110 anderson/1.3.37 "Response is stale"',
                    "www-authenticate": "Basic YWxhZGRpbjpvcGVuc2VzYW1l"}
        self.assertEqual({k: v for k, v in seen.items() if not k.startswith(("x-amzn", "x-forwarded-"))}, expected)
        self.check_refused_mappings(api_id)


class ParametersAndSelection(RecordedTestCase):
    """test_apigateway_common.py test_integration_request_parameters_mapping;
    test_apigateway_integrations.py test_http_integration_status_code_selection."""

    def test_request_parameters_mapping(self):
        a = self.apigw
        api = a.create_rest_api(name="params")
        api_id, root = api["id"], api["rootResourceId"]
        a.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="none",
                     requestParameters={"method.request.header.customHeader": False})
        a.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
        a.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", integrationHttpMethod="POST",
                          type="HTTP", uri=self.backend.url + "/post",
                          requestParameters={"integration.request.header.testHeader":
                                             "method.request.header.customHeader",
                                             "integration.request.header.contextHeader": "context.resourceId"})
        a.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                   selectionPattern="2\\d{2}", responseTemplates={})
        deployment = a.create_deployment(restApiId=api_id)["id"]
        a.create_stage(restApiId=api_id, stageName="dev", deploymentId=deployment)
        status, _, body = self.call("GET", self.path(api_id, "dev", "/"), [("customHeader", "test")])
        self.assertEqual(status, 200, body)
        seen = json.loads(body)["headers"]
        self.assertEqual((seen["contextheader"], seen["testheader"]), (root, "test"))

    def test_status_code_selection(self):
        a = self.apigw
        api = a.create_rest_api(name="selection")
        api_id, root = api["id"], api["rootResourceId"]
        rid = a.create_resource(restApiId=api_id, parentId=root, pathPart="{status}")["id"]
        a.put_method(restApiId=api_id, resourceId=rid, httpMethod="GET", authorizationType="none",
                     requestParameters={"method.request.path.status": True})
        a.put_integration(restApiId=api_id, resourceId=rid, httpMethod="GET", type="HTTP",
                          uri=self.backend.url + "/status/{status}", integrationHttpMethod="GET",
                          requestParameters={"integration.request.path.status": "method.request.path.status"})
        for code, pattern in (("200", None), ("400", r"4\d{2}")):
            a.put_method_response(restApiId=api_id, resourceId=rid, httpMethod="GET", statusCode=code)
            kw = {"selectionPattern": pattern} if pattern else {}
            a.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="GET", statusCode=code, **kw)
        a.create_deployment(restApiId=api_id, stageName="test")
        for requested, expected in ((404, 400), (201, 200)):
            status, _, _ = self.call("GET", self.path(api_id, "test", "/%d" % requested),
                                     [("User-Agent", "python-requests/testing")])
            self.assertEqual(status, expected, requested)


class RoutingAndMock(RecordedTestCase):
    """test_apigateway_common.py TestApigatewayRouting; test_apigateway_integrations.py
    test_integration_mock_with_path_param; test_apigateway_basic.py test_mock_integration_response."""

    def mock(self, api_id, rid, method, answer):
        a = self.apigw
        a.put_method(restApiId=api_id, resourceId=rid, httpMethod=method, authorizationType="NONE")
        a.put_method_response(restApiId=api_id, resourceId=rid, httpMethod=method, statusCode="200")
        a.put_integration(restApiId=api_id, resourceId=rid, httpMethod=method, type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
        a.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod=method, statusCode="200",
                                   selectionPattern="", responseTemplates={"application/json": json.dumps(answer)})

    def message(self, method, path):
        status, _, body = self.call(method, path)
        self.assertEqual(status, 200, (method, path, body))
        return json.loads(body)["message"]

    def test_proxy_routing_with_hardcoded_resource_sibling(self):
        a = self.apigw
        api = a.create_rest_api(name="siblings")
        api_id, root = api["id"], api["rootResourceId"]
        test = a.create_resource(restApiId=api_id, parentId=root, pathPart="test")["id"]
        self.mock(api_id, test, "POST", {"statusCode": 200, "message": "POST request"})
        any_ = a.create_resource(restApiId=api_id, parentId=test, pathPart="any")["id"]
        self.mock(api_id, any_, "ANY", {"statusCode": 200, "message": "ANY request"})
        proxy = a.create_resource(restApiId=api_id, parentId=root, pathPart="{proxy+}")["id"]
        self.mock(api_id, proxy, "OPTIONS", {"statusCode": 200, "message": "OPTIONS request"})
        a.create_deployment(restApiId=api_id, stageName="dev")
        for method, path, expected in (("OPTIONS", "/test", "OPTIONS"), ("POST", "/test", "POST"),
                                       ("OPTIONS", "/test/any", "ANY"), ("GET", "/test/any", "ANY")):
            self.assertEqual(self.message(method, self.path(api_id, "dev", path)), expected + " request")

    def test_routing_with_hardcoded_resource_sibling_order_and_not_found(self):
        a = self.apigw
        api = a.create_rest_api(name="order")
        api_id, root = api["id"], api["rootResourceId"]
        part1 = a.create_resource(restApiId=api_id, parentId=root, pathPart="part1")["id"]
        self.mock(api_id, part1, "GET", {"statusCode": 200, "message": "part1"})
        param = a.create_resource(restApiId=api_id, parentId=root, pathPart="{param+}")["id"]
        self.mock(api_id, param, "GET", {"statusCode": 200, "message": "proxy"})
        hard = a.create_resource(restApiId=api_id, parentId=part1, pathPart="hardcoded-value")["id"]
        self.mock(api_id, hard, "GET", {"statusCode": 200, "message": "hardcoded-value"})
        existing = a.create_resource(restApiId=api_id, parentId=part1, pathPart="existing")["id"]
        self.mock(api_id, existing, "GET", {"statusCode": 200, "message": "exists"})
        a.create_deployment(restApiId=api_id, stageName="dev")
        for path, expected in (("/part1", "part1"), ("/part1/hardcoded-value", "hardcoded-value"),
                               ("/part1/random-value", "proxy"), ("/part1/existing", "exists")):
            self.assertEqual(self.message("GET", self.path(api_id, "dev", path)), expected)
        # Recorded (test_routing_not_found): a method the resource lacks.
        status, headers, body = self.call("POST", self.path(api_id, "dev", "/part1/existing"))
        self.assertEqual((status, json.loads(body)), (403, {"message": "Missing Authentication Token"}))
        self.assertEqual(headers["x-amzn-errortype"], "MissingAuthenticationTokenException")

    def test_mock_with_path_param_and_a_template_that_is_not_json(self):
        a = self.apigw
        api = a.create_rest_api(name="mock-path")
        api_id, root = api["id"], api["rootResourceId"]
        rid = a.create_resource(restApiId=api_id, parentId=root, pathPart="{testPath}")["id"]
        a.put_method(restApiId=api_id, resourceId=rid, httpMethod="GET", authorizationType="none",
                     requestParameters={"method.request.path.testPath": True})
        a.put_method_response(restApiId=api_id, resourceId=rid, httpMethod="GET", statusCode="200")
        a.put_integration(restApiId=api_id, resourceId=rid, httpMethod="GET", integrationHttpMethod="POST",
                          type="MOCK", requestTemplates={"application/json": "{statusCode: 200}"},
                          requestParameters={"integration.request.path.integrationPath":
                                             "method.request.path.testPath"})
        a.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="GET", statusCode="200",
                                   selectionPattern="2\\d{2}", responseTemplates={})
        a.create_deployment(restApiId=api_id, stageName="dev")
        status, headers, body = self.call("GET", self.path(api_id, "dev", "/test-path"))
        self.assertEqual((status, body), (200, b""))
        self.assertEqual(headers["content-type"], "application/json")
        self.assertNotIn("x-amzn-trace-id", headers)  # recorded: MOCK answers carry none

    def test_mock_integration_response_path_and_host_style(self):
        host, port = host_port(self.emu.data_url)
        for method in ("GET", "POST"):
            for passthrough in ("WHEN_NO_MATCH", "NEVER", "WHEN_NO_TEMPLATES"):
                a = self.apigw
                api = a.create_rest_api(name="mock-api")
                api_id, root = api["id"], api["rootResourceId"]
                rid = a.create_resource(restApiId=api_id, parentId=root, pathPart="{id}")["id"]
                a.put_method(restApiId=api_id, resourceId=rid, httpMethod=method, authorizationType="NONE")
                a.put_integration(restApiId=api_id, resourceId=rid, httpMethod=method, type="MOCK",
                                  integrationHttpMethod=method, passthroughBehavior=passthrough,
                                  requestTemplates={"application/json": '{"statusCode":200}'})
                a.put_method_response(restApiId=api_id, resourceId=rid, httpMethod=method, statusCode="200",
                                      responseModels={"application/json": "Empty"})
                a.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod=method, statusCode="200",
                                           responseTemplates={"application/json":
                                                              '{"statusCode": 200, "id": $input.params().path.id}'})
                a.create_deployment(restApiId=api_id, stageName="test")
                ctype = [("Content-Type", "application/json")]
                for path, headers in ((self.path(api_id, "test", "/42"), ctype),
                                      ("/test/42", ctype + [("Host", "%s.execute-api.localhost:%d" % (api_id, port))])):
                    status, _, body = self.call(method, path, headers)
                    self.assertEqual((status, json.loads(body)), (200, {"statusCode": 200, "id": 42}),
                                     (method, passthrough, path))


if __name__ == "__main__":
    unittest.main()
