"""REST API Lambda integrations end to end: real Node.js and Python functions
(created with boto3 and with the AWS CLI v2) behind AWS_PROXY and AWS (custom)
integrations, called over plain HTTP.

The expected values are AWS's: the proxy event and response formats of the
developer guide ("Set up Lambda proxy integrations in API Gateway", input and
output formats), responses recorded against AWS in LocalStack's
test_apigateway_lambda.snapshot.json (event members, slashes and encodings,
response validation, selection patterns, the non-POST integration method) and
test_apigateway_integrations.snapshot.json (headers that never reach the
event), the AWS Knowledge Center on Lambda integration errors ("Lambda
invocation failed with status: 403 ... Execution failed due to configuration
error ... Method completed with status: 500") and the gateway timeouts."""
import base64
import http.client
import json
import os
import re
import shutil
import tempfile
import time
import unittest
import urllib.parse

from harness import EmulatorTestCase
from test_lambda_support import ROLE, create_node, create_python, zipped

ACCOUNT = "000000000000"
REGION = "us-east-1"

# The proxy event, as the function received it, is the response body.
PY_EVENT_ECHO = (
    "import json\n"
    "def handler(event, context):\n"
    "    return {'statusCode': 200, 'headers': {'Content-Type': 'application/json'},\n"
    "            'body': json.dumps(event)}\n"
)

# Answers with the proxy response document the client sent as its body
# (LocalStack's LAMBDA_RESPONSE_FROM_BODY); with no body json.loads fails.
PY_RESPOND_WITH_BODY = (
    "import base64, json\n"
    "def handler(event, context):\n"
    "    body = event['body']\n"
    "    if event.get('isBase64Encoded'):\n"
    "        body = base64.b64decode(body)\n"
    "    return json.loads(body)\n"
)

# For AWS (custom) integrations: the event the request template produced.
PY_RAW_ECHO = "def handler(event, context):\n    return event\n"

PY_FAILS = "def handler(event, context):\n    raise ValueError('boom: the handler failed')\n"

PY_CRASHES = (
    "import os\n"
    "def handler(event, context):\n"
    "    if (event.get('queryStringParameters') or {}).get('die'):\n"
    "        os._exit(3)\n"
    "    return {'statusCode': 200, 'body': str(os.getpid())}\n"
)

PY_SLEEPS = "import time\ndef handler(event, context):\n    time.sleep(5)\n    return {'statusCode': 200}\n"

# LocalStack's lambda_select_pattern, in Node.js: the path parameter picks an
# answer or an error whose errorMessage the selection patterns read.
NODE_SELECT = (
    "exports.handler = async (event) => {\n"
    "  switch (String(event.statusCode)) {\n"
    "    case '400': throw new Error('Error: Raising four hundred from within the Lambda function');\n"
    "    case '500': throw new Error('Error: Raising five hundred from within the Lambda function');\n"
    "    case '418': throw new Error('teapot');\n"
    "    default: return 'Pass';\n"
    "  }\n"
    "};\n"
)

NODE_SLOW = (
    "exports.handler = async () => {\n"
    "  await new Promise((r) => setTimeout(r, 3000));\n"
    "  return { statusCode: 200, body: 'late' };\n"
    "};\n"
)

# Created with the AWS CLI: a proxy response with multiValueHeaders, a status
# and a base64 body, from Node.js.
NODE_PROXY = (
    "exports.handler = async (event) => ({\n"
    "  statusCode: 201,\n"
    "  headers: { 'X-Runtime': 'node', 'Content-Type': 'text/plain' },\n"
    "  multiValueHeaders: { 'X-Multi': ['one', 'two'] },\n"
    "  body: Buffer.from('node saw ' + event.httpMethod + ' ' + event.path + ' '\n"
    "                    + JSON.stringify(event.multiValueQueryStringParameters)).toString('base64'),\n"
    "  isBase64Encoded: true,\n"
    "});\n"
)

INTERNAL_ERROR = {"message": "Internal server error"}
REQUEST_TIME_RE = re.compile(r"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$")


def function_arn(name):
    return "arn:aws:lambda:%s:%s:function:%s" % (REGION, ACCOUNT, name)


def invocation_uri(name):
    return "arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations" % (REGION, function_arn(name))


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # http.client.HTTPMessage: get_all() for repeated headers
        self.body = body

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        """Every value of a header, joined as HTTP allows (RFC 9110 5.3)."""
        values = self.headers.get_all(name)
        return None if values is None else ", ".join(values)


def call(url, method="GET", body=None, headers=(), timeout=30):
    """An HTTP call that keeps the header names' case and repeated headers
    (urllib capitalizes names), and sends the path exactly as given."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        target = parts.path + ("?" + parts.query if parts.query else "")
        names = {name.lower() for name, _ in headers}
        conn.putrequest(method, target, skip_host="host" in names, skip_accept_encoding=True)
        for name, value in headers:
            conn.putheader(name, value)
        data = body.encode() if isinstance(body, str) else body
        if data is not None:
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data)
        r = conn.getresponse()
        return Response(r.status, r.msg, r.read())
    finally:
        conn.close()


class LambdaIntegrationTestCase(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.emu.client("lambda")
        create_python(cls.lam, "event-echo", source=PY_EVENT_ECHO)
        create_python(cls.lam, "respond", source=PY_RESPOND_WITH_BODY)
        create_python(cls.lam, "raw-echo", source=PY_RAW_ECHO)
        create_python(cls.lam, "fails", source=PY_FAILS)
        create_python(cls.lam, "crashes", source=PY_CRASHES)
        create_python(cls.lam, "sleeps", source=PY_SLEEPS, Timeout=1)
        create_node(cls.lam, "select", source=NODE_SELECT)
        create_node(cls.lam, "slow", source=NODE_SLOW, Timeout=10)

    def new_api(self, **kw):
        api = self.apigw.create_rest_api(name="lambda-integrations", **kw)
        return api["id"], api["rootResourceId"]

    def resource(self, api, parent, part):
        return self.apigw.create_resource(restApiId=api, parentId=parent, pathPart=part)["id"]

    def proxy_method(self, api, rid, function, http_method="ANY", **integration):
        self.apigw.put_method(restApiId=api, resourceId=rid, httpMethod=http_method, authorizationType="NONE",
                              requestParameters=integration.pop("method_parameters", {}))
        integration.setdefault("integrationHttpMethod", "POST")
        self.apigw.put_integration(restApiId=api, resourceId=rid, httpMethod=http_method, type="AWS_PROXY",
                                   uri=invocation_uri(function), **integration)

    def custom_method(self, api, rid, function, http_method="POST", **integration):
        self.apigw.put_method(restApiId=api, resourceId=rid, httpMethod=http_method, authorizationType="NONE")
        self.apigw.put_integration(restApiId=api, resourceId=rid, httpMethod=http_method, type="AWS",
                                   integrationHttpMethod="POST", uri=invocation_uri(function), **integration)

    def response(self, api, rid, http_method, status, **kw):
        self.apigw.put_method_response(restApiId=api, resourceId=rid, httpMethod=http_method, statusCode=status)
        self.apigw.put_integration_response(restApiId=api, resourceId=rid, httpMethod=http_method,
                                            statusCode=status, **kw)

    def deploy(self, api, stage="dev", **kw):
        return self.apigw.create_deployment(restApiId=api, stageName=stage, **kw)["id"]

    def url(self, api, path, stage="dev"):
        return "%s/%s/%s%s" % (self.emu.data_url, api, stage, path)


class ProxyEvent(LambdaIntegrationTestCase):
    """The proxy event (payload format 1.0) as a Python function receives it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        api = cls.apigw.create_rest_api(name="proxy-event", binaryMediaTypes=["application/octet-stream"])
        cls.api, root = api["id"], api["rootResourceId"]
        cls.proxy_id = cls.apigw.create_resource(restApiId=cls.api, parentId=root, pathPart="{proxy+}")["id"]
        cls.hard_id = cls.apigw.create_resource(restApiId=cls.api, parentId=root, pathPart="hardcoded")["id"]
        for rid in (cls.proxy_id, cls.hard_id):
            cls.apigw.put_method(restApiId=cls.api, resourceId=rid, httpMethod="ANY", authorizationType="NONE")
            cls.apigw.put_integration(restApiId=cls.api, resourceId=rid, httpMethod="ANY", type="AWS_PROXY",
                                      integrationHttpMethod="POST", uri=invocation_uri("event-echo"))
        cls.deployment = cls.apigw.create_deployment(restApiId=cls.api, stageName="dev",
                                                     variables={"color": "blue", "size": "L"})["id"]

    def event(self, path, method="GET", body=None, headers=(), expect=200):
        r = call(self.url(self.api, path), method, body, headers)
        self.assertEqual(r.status, expect, r.body)
        return r, r.json()

    def test_get_with_headers_query_and_greedy_path(self):
        r, e = self.event("/proxy-value/user/test%2Balias@gmail.com/plus/test+alias@gmail.com"
                          "?multi=a&multi=b&plus=test+alias&email=test%2Balias%40x.com&url=https://a.b/&empty=",
                          headers=[("tEsT-HEADeR", "aValUE"), ("authorization", "random-value"),
                                   ("user-agent", "e2e-client/1.0"), ("X-Repeated", "one"), ("X-Repeated", "two"),
                                   ("Connection", "keep-alive"), ("TE", "deflate"), ("Expect", "100-continue")])
        self.assertEqual(r.headers["Content-Type"], "application/json")
        self.assertEqual(e["resource"], "/{proxy+}")
        self.assertEqual(e["httpMethod"], "GET")
        # The path and the greedy parameter stay percent-encoded, as recorded.
        self.assertEqual(e["path"], "/proxy-value/user/test%2Balias@gmail.com/plus/test+alias@gmail.com")
        self.assertEqual(e["pathParameters"],
                         {"proxy": "proxy-value/user/test%2Balias@gmail.com/plus/test+alias@gmail.com"})
        # Query strings are decoded, "+" included; the single map keeps the last value.
        self.assertEqual(e["queryStringParameters"], {"multi": "b", "plus": "test alias", "email": "test+alias@x.com",
                                                      "url": "https://a.b/", "empty": ""})
        self.assertEqual(e["multiValueQueryStringParameters"],
                         {"multi": ["a", "b"], "plus": ["test alias"], "email": ["test+alias@x.com"],
                          "url": ["https://a.b/"], "empty": [""]})
        self.assertEqual(e["stageVariables"], {"color": "blue", "size": "L"})
        self.assertIsNone(e["body"])
        self.assertIs(e["isBase64Encoded"], False)

        headers, multi = e["headers"], e["multiValueHeaders"]
        # A client's header keeps its case; Authorization and User-Agent are
        # canonicalized on the way (recorded: "authorization" -> "Authorization").
        self.assertEqual(headers["tEsT-HEADeR"], "aValUE")
        self.assertEqual(headers["Authorization"], "random-value")
        self.assertEqual(headers["User-Agent"], "e2e-client/1.0")
        self.assertNotIn("authorization", headers)
        self.assertEqual(headers["X-Repeated"], "two")
        self.assertEqual(multi["X-Repeated"], ["one", "two"])
        self.assertEqual(multi["tEsT-HEADeR"], ["aValUE"])
        host, port = self.emu.data_url[len("http://"):].split(":")
        self.assertEqual(headers["Host"], "%s:%s" % (host, port))
        self.assertEqual(headers["X-Forwarded-For"], "127.0.0.1")
        self.assertEqual(headers["X-Forwarded-Port"], port)
        self.assertEqual(headers["X-Forwarded-Proto"], "http")
        self.assertRegex(headers["X-Amzn-Trace-Id"], r"^Root=1-[0-9a-f]{8}-[0-9a-f]{24}")
        # Hop-by-hop and framing headers never reach the event (recorded:
        # test_apigateway_header_remapping_aws[AWS_PROXY]).
        names = {k.lower() for k in headers}
        for dropped in ("connection", "te", "expect", "content-length"):
            self.assertNotIn(dropped, names)
        self.assertEqual(set(headers), set(multi))

        c = e["requestContext"]
        self.assertEqual(c["resourcePath"], "/{proxy+}")
        self.assertEqual(c["resourceId"], self.proxy_id)
        self.assertEqual(c["httpMethod"], "GET")
        self.assertEqual(c["path"], "/dev/proxy-value/user/test%2Balias@gmail.com/plus/test+alias@gmail.com")
        self.assertEqual(c["stage"], "dev")
        self.assertEqual(c["apiId"], self.api)
        self.assertEqual(c["accountId"], ACCOUNT)
        self.assertEqual(c["deploymentId"], self.deployment)
        self.assertEqual(c["protocol"], "HTTP/1.1")
        self.assertEqual(c["requestId"], r.headers["x-amzn-RequestId"])
        self.assertRegex(c["requestTime"], REQUEST_TIME_RE)
        self.assertLess(abs(c["requestTimeEpoch"] / 1000.0 - time.time()), 60)
        self.assertTrue(c["extendedRequestId"])
        self.assertEqual(c["identity"]["sourceIp"], "127.0.0.1")
        self.assertEqual(c["identity"]["userAgent"], "e2e-client/1.0")
        for absent in ("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "accessKey",
                       "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "user",
                       "principalOrgId"):
            self.assertIn(absent, c["identity"])
            self.assertIsNone(c["identity"][absent], absent)
        self.assertNotIn("authorizer", c)

    def test_slashes_as_recorded(self):
        _, e = self.event("/proxy-value/")
        self.assertEqual((e["path"], e["pathParameters"], e["requestContext"]["path"]),
                         ("/proxy-value/", {"proxy": "proxy-value"}, "/dev/proxy-value/"))
        _, e = self.event("/proxy-value//double-slash")
        self.assertEqual((e["path"], e["pathParameters"]), ("/proxy-value//double-slash",
                                                            {"proxy": "proxy-value//double-slash"}))
        _, e = self.event("//proxy-value")
        self.assertEqual((e["path"], e["pathParameters"], e["requestContext"]["path"]),
                         ("/proxy-value", {"proxy": "proxy-value"}, "/dev//proxy-value"))
        _, e = self.event("/hardcoded")
        self.assertEqual((e["resource"], e["path"], e["pathParameters"]), ("/hardcoded", "/hardcoded", None))
        self.assertEqual(e["requestContext"]["resourceId"], self.hard_id)
        self.assertIsNone(e["queryStringParameters"])
        self.assertIsNone(e["multiValueQueryStringParameters"])

    # Recorded ("invocation-hardcoded"): "//hardcoded" is routed to /hardcoded,
    # not to the {proxy+} sibling (stages/route_match.cc folds leading slashes).
    def test_leading_slashes_route_to_the_exact_resource(self):
        _, e = self.event("//hardcoded")
        self.assertEqual((e["resource"], e["path"], e["pathParameters"]), ("/hardcoded", "/hardcoded", None))
        self.assertEqual(e["requestContext"]["path"], "/dev//hardcoded")

    def test_post_bodies_text_and_binary(self):
        payload = json.dumps({"message": "hello world"})
        _, e = self.event("/hardcoded", "POST", payload, [("Content-Type", "application/json;charset=utf-8")])
        self.assertEqual(e["httpMethod"], "POST")
        self.assertEqual(e["body"], payload)
        self.assertIs(e["isBase64Encoded"], False)
        self.assertEqual(e["headers"]["Content-Type"], "application/json;charset=utf-8")
        self.assertNotIn("Content-Length", e["headers"])
        # A Content-Type among the API's binaryMediaTypes: the body arrives base64-encoded.
        raw = bytes(range(256))
        _, e = self.event("/hardcoded", "PUT", raw, [("Content-Type", "application/octet-stream")])
        self.assertIs(e["isBase64Encoded"], True)
        self.assertEqual(base64.b64decode(e["body"]), raw)
        # Text under another type stays text.
        _, e = self.event("/hardcoded", "PATCH", "plain words", [("Content-Type", "text/plain")])
        self.assertEqual((e["body"], e["isBase64Encoded"]), ("plain words", False))

    def test_host_style_domain(self):
        host, port = self.emu.data_url[len("http://"):].split(":")
        r = call("http://%s:%s/dev/hardcoded" % (host, port),
                 headers=[("Host", "%s.execute-api.localhost:%s" % (self.api, port))])
        self.assertEqual(r.status, 200, r.body)
        c = r.json()["requestContext"]
        self.assertEqual(c["domainName"], "%s.execute-api.localhost" % self.api)
        self.assertEqual(c["domainPrefix"], self.api)
        self.assertEqual(c["path"], "/dev/hardcoded")


class ProxyParameterMappingsIgnored(LambdaIntegrationTestCase):
    def test_request_parameters_do_not_change_the_event(self):
        # Recorded (test_lambda_aws_proxy_integration_request_data_mapping):
        # an AWS_PROXY integration's requestParameters are not applied.
        api, root = self.new_api()
        rid = self.resource(api, root, "{pathVariable}")
        self.proxy_method(api, rid, "event-echo",
                          method_parameters={"method.request.header.foobar": True,
                                             "method.request.querystring.testQueryString": True},
                          requestParameters={
                              "integration.request.header.headerVar": "method.request.header.foobar",
                              "integration.request.querystring.testQs": "method.request.querystring.testQueryString"})
        self.deploy(api)
        r = call(self.url(api, "/foobar?testQueryString=foo"), "POST", '{"message": "hello world"}',
                 [("Content-Type", "application/json"), ("foobar", "mapped-value"), ("headerVar", "request-value")])
        self.assertEqual(r.status, 200, r.body)
        e = r.json()
        self.assertEqual(e["headers"]["headerVar"], "request-value")
        self.assertEqual(e["headers"]["foobar"], "mapped-value")
        self.assertEqual(e["queryStringParameters"], {"testQueryString": "foo"})
        self.assertEqual(e["pathParameters"], {"pathVariable": "foobar"})
        self.assertIsNone(e["stageVariables"])


class StageVariableFunction(LambdaIntegrationTestCase):
    def test_stage_variable_names_the_function(self):
        # Developer guide, "Use stage variables for a REST API": a Lambda
        # integration URI may name its function with ${stageVariables.name}.
        api, root = self.new_api()
        rid = self.resource(api, root, "{proxy+}")
        self.apigw.put_method(restApiId=api, resourceId=rid, httpMethod="ANY", authorizationType="NONE")
        self.apigw.put_integration(restApiId=api, resourceId=rid, httpMethod="ANY", type="AWS_PROXY",
                                   integrationHttpMethod="POST",
                                   uri=invocation_uri("${stageVariables.fn}"))
        self.deploy(api, "echo", variables={"fn": "event-echo"})
        self.deploy(api, "crash", variables={"fn": "crashes"})
        r = call(self.url(api, "/x", "echo"))
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json()["stageVariables"], {"fn": "event-echo"})
        r = call(self.url(api, "/x", "crash"))
        self.assertEqual(r.status, 200, r.body)
        self.assertTrue(r.body.isdigit(), r.body)


class ProxyResponse(LambdaIntegrationTestCase):
    """What the function returns becomes the HTTP response (or a 502)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        api = cls.apigw.create_rest_api(name="proxy-response")
        cls.api, root = api["id"], api["rootResourceId"]
        rid = cls.apigw.create_resource(restApiId=cls.api, parentId=root, pathPart="{proxy+}")["id"]
        cls.apigw.put_method(restApiId=cls.api, resourceId=rid, httpMethod="ANY", authorizationType="NONE")
        cls.apigw.put_integration(restApiId=cls.api, resourceId=rid, httpMethod="ANY", type="AWS_PROXY",
                                  integrationHttpMethod="POST", uri=invocation_uri("respond"))
        cls.apigw.create_deployment(restApiId=cls.api, stageName="dev")

    def respond(self, document, expect, stage="dev", accept=None):
        headers = [("Content-Type", "application/json")]
        if accept:
            headers.append(("Accept", accept))
        r = call(self.url(self.api, "/test", stage), "POST", json.dumps(document), headers)
        self.assertEqual(r.status, expect, (document, r.body))
        return r

    def test_valid_documents(self):
        r = self.respond({"statusCode": 200}, 200)
        self.assertEqual(r.body, b"")
        self.assertEqual(r.headers["Content-Type"], "application/json")
        # Recorded: a proxied Lambda response carries X-Amzn-Trace-Id.
        self.assertRegex(r.headers["X-Amzn-Trace-Id"], r"^Root=1-[0-9a-f]{8}-[0-9a-f]{24}")
        r = self.respond({"statusCode": 200, "headers": {"test-header": "value", "header-bool": True}}, 200)
        self.assertEqual((r.header("test-header"), r.header("header-bool")), ("value", "true"))
        r = self.respond({"statusCode": 200, "headers": None}, 200)
        self.assertEqual(r.body, b"")
        r = self.respond({"statusCode": "201"}, 201)
        r = self.respond({"headers": {"test-header": "value"}}, 200)
        self.assertEqual(r.header("test-header"), "value")
        r = self.respond({"statusCode": 404, "body": "not here", "headers": {"Content-Type": "text/plain"}}, 404)
        self.assertEqual((r.body, r.headers["Content-Type"]), (b"not here", "text/plain"))
        r = self.respond({"statusCode": 200, "multiValueHeaders": {"test-multi": ["value1", "value2"]}}, 200)
        self.assertEqual(r.header("test-multi"), "value1, value2")
        r = self.respond({"statusCode": 200, "multiValueHeaders": {"test-multi": ["value-multi"]},
                          "headers": {"test-multi": "value-solo"}}, 200)
        self.assertEqual(r.header("test-multi"), "value-multi, value-solo")
        r = self.respond({"statusCode": 200, "multiValueHeaders": {"tesT-Multi": ["value-multi"]},
                          "headers": {"test-multi": "value-solo"}}, 200)
        self.assertIn("tesT-Multi", r.headers.keys())
        self.assertEqual(r.header("test-multi"), "value-multi, value-solo")
        # isBase64Encoded without binaryMediaTypes: the text goes out as it is.
        encoded = base64.b64encode(b"test-data").decode()
        r = self.respond({"statusCode": 200, "body": encoded, "isBase64Encoded": True}, 200, accept="image/png")
        self.assertEqual(r.body, encoded.encode())

    def test_malformed_documents_are_502(self):
        for document in ({"statusCode": 200, "wrongValue": "value"},
                         {"statusCode": "test"},
                         {"statusCode": 200, "multiValueHeaders": {"test-multi-invalid": "value1"}},
                         {"statusCode": 200, "body": {"an": "object"}},
                         "justAString", [1, 2]):
            r = self.respond(document, 502)
            self.assertEqual(r.json(), INTERNAL_ERROR, document)
            self.assertEqual(r.headers["Content-Type"], "application/json")
        # No body at all: json.loads(None) raises in the function: a function error, also 502.
        r = call(self.url(self.api, "/test"), "POST")
        self.assertEqual((r.status, r.json()), (502, INTERNAL_ERROR))

    def test_binary_response_follows_accept(self):
        # Recorded (test_aws_proxy_binary_response): with binaryMediaTypes, the
        # body is decoded when the first Accept type is one of them; the
        # function's Content-Type does not matter.
        self.apigw.update_rest_api(restApiId=self.api, patchOperations=[
            {"op": "add", "path": "/binaryMediaTypes/image~1png"},
            {"op": "add", "path": "/binaryMediaTypes/application~1*"}])
        self.apigw.create_deployment(restApiId=self.api, stageName="bin")
        png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/wIAAgkBAyMAlYwAAAAASUVORK5CYII=")
        document = {"statusCode": 200, "body": base64.b64encode(png).decode(), "isBase64Encoded": True,
                    "headers": {"Content-Type": "image/png"}}
        self.assertEqual(self.respond(document, 200, "bin", accept="image/png").body, png)
        self.assertEqual(self.respond(document, 200, "bin", accept="image/png,image/*,*/*;q=0.8").body, png)
        self.assertEqual(self.respond(document, 200, "bin", accept="application/whatever").body, png)
        for accept in ("image/jpg", "*/*", "image/webp,image/png", None):
            self.assertEqual(self.respond(document, 200, "bin", accept=accept).body, document["body"].encode(), accept)
        # Not base64 at all: 500.
        bad = dict(document, body="èé+à)(")
        r = self.respond(bad, 500, "bin", accept="image/png")
        self.assertEqual(r.json(), INTERNAL_ERROR)


class ProxyFailures(LambdaIntegrationTestCase):
    def api_for(self, function, **integration):
        api, root = self.new_api()
        rid = self.resource(api, root, "{proxy+}")
        self.proxy_method(api, rid, function, **integration)
        self.deploy(api)
        return api

    def test_function_error_is_502(self):
        api = self.api_for("fails")
        r = call(self.url(api, "/x"))
        self.assertEqual((r.status, r.json()), (502, INTERNAL_ERROR))
        self.assertEqual(r.headers["Content-Type"], "application/json")
        self.assertTrue(r.headers["x-amzn-RequestId"])

    def test_function_timeout_is_502(self):
        # The function's own 1 s timeout is a function error that comes back
        # in time: 502, not the gateway's 504.
        api = self.api_for("sleeps")
        start = time.time()
        r = call(self.url(api, "/x"))
        self.assertEqual((r.status, r.json()), (502, INTERNAL_ERROR))
        self.assertLess(time.time() - start, 4.5)

    def test_crashing_handler_is_502_and_the_next_call_works(self):
        api = self.api_for("crashes")
        r = call(self.url(api, "/x?die=1"))
        self.assertEqual((r.status, r.json()), (502, INTERNAL_ERROR))
        r = call(self.url(api, "/x"))
        self.assertEqual(r.status, 200, r.body)
        self.assertTrue(r.body.isdigit())

    def test_gateway_timeout_is_504(self):
        api = self.api_for("slow", timeoutInMillis=500)
        start = time.time()
        r = call(self.url(api, "/x"))
        self.assertEqual((r.status, r.json()), (504, {"message": "Endpoint request timed out"}))
        self.assertLess(time.time() - start, 2.5)

    def test_non_post_integration_method_is_500(self):
        # Recorded: test_lambda_aws_proxy_integration_non_post_method.
        api = self.api_for("event-echo", integrationHttpMethod="GET")
        r = call(self.url(api, "/test-path"))
        self.assertEqual((r.status, r.json()), (500, INTERNAL_ERROR))

    def test_missing_function_is_500(self):
        # Lambda refuses the call (404): "Execution failed due to configuration
        # error", the method completes with 500 (AWS Knowledge Center).
        api = self.api_for("does-not-exist")
        r = call(self.url(api, "/x"))
        self.assertEqual((r.status, r.json()), (500, INTERNAL_ERROR))
        self.assertEqual(r.headers["x-amzn-ErrorType"], "InternalServerErrorException")


class CliCreatedNodeFunction(LambdaIntegrationTestCase):
    def test_cli_function_behind_a_proxy_tree(self):
        # The function is created with the AWS CLI v2 from a zip file.
        folder = tempfile.mkdtemp(prefix="apigw-lambda-e2e-")
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        path = os.path.join(folder, "code.zip")
        with open(path, "wb") as f:
            f.write(zipped({"index.js": NODE_PROXY}))
        out = self.emu.cli("lambda", "create-function", "--function-name", "cli-node-proxy", "--runtime", "nodejs20.x",
                           "--role", ROLE, "--handler", "index.handler", "--zip-file", "fileb://" + path)
        self.assertEqual(out["FunctionArn"], function_arn("cli-node-proxy"))

        # / and /{proxy+} on the CLI's function, /pets/{id} on the event echo,
        # /pets on an AWS integration: exact > {param} > {proxy+}.
        api, root = self.new_api(binaryMediaTypes=["text/plain"])
        self.proxy_method(api, root, "cli-node-proxy")
        greedy = self.resource(api, root, "{proxy+}")
        self.proxy_method(api, greedy, "cli-node-proxy")
        pets = self.resource(api, root, "pets")
        self.custom_method(api, pets, "raw-echo", "GET",
                           requestTemplates={"application/json": '{"route": "$context.resourcePath"}'})
        self.response(api, pets, "GET", "200")
        pet = self.resource(api, pets, "{id}")
        self.proxy_method(api, pet, "event-echo", "GET")
        self.deploy(api)

        r = call(self.url(api, "/a/b/c?x=1&x=2"), "DELETE", headers=[("Accept", "text/plain")])
        self.assertEqual(r.status, 201, r.body)
        self.assertEqual(r.body, b'node saw DELETE /a/b/c {"x":["1","2"]}')
        self.assertEqual(r.header("X-Runtime"), "node")
        self.assertEqual(r.header("X-Multi"), "one, two")
        self.assertEqual(r.headers["Content-Type"], "text/plain")
        r = call(self.url(api, "/"), "GET", headers=[("Accept", "text/plain")])
        self.assertEqual((r.status, r.body), (201, b"node saw GET / null"))
        # Accept not binary: the function's base64 text as it is.
        r = call(self.url(api, "/"), "GET", headers=[("Accept", "application/json")])
        self.assertEqual(base64.b64decode(r.body), b"node saw GET / null")

        r = call(self.url(api, "/pets/7"))
        self.assertEqual(r.status, 200, r.body)
        e = r.json()
        self.assertEqual((e["resource"], e["pathParameters"]), ("/pets/{id}", {"id": "7"}))
        r = call(self.url(api, "/pets"))
        self.assertEqual((r.status, r.json()), (200, {"route": "/pets"}))


class CustomIntegration(LambdaIntegrationTestCase):
    def test_request_and_response_templates(self):
        # Developer guide, "Set up Lambda custom integrations": a GET with a
        # query string mapped into the event (recorded:
        # test_lambda_aws_integration_with_request_template).
        api, root = self.new_api()
        rid = self.resource(api, root, "test")
        self.custom_method(api, rid, "raw-echo", "GET",
                           requestTemplates={"application/json": '{"param1": "$input.params(\'param1\')"}'})
        self.response(api, rid, "GET", "200", selectionPattern="")
        self.deploy(api)
        r = call(self.url(api, "/test?param1=foobar&Signature=1"))
        self.assertEqual((r.status, r.json()), (200, {"param1": "foobar"}))
        self.assertEqual(r.headers["Content-Type"], "application/json")

    def test_passthrough_body_and_response_override(self):
        # Recorded (test_lambda_aws_integration and
        # test_lambda_aws_integration_response_with_mapping_templates): the body
        # passes through without a template; a response template may override
        # the status.
        api, root = self.new_api()
        rid = self.resource(api, root, "test")
        self.custom_method(api, rid, "raw-echo")
        self.apigw.put_method_response(restApiId=api, resourceId=rid, httpMethod="POST", statusCode="400")
        template = ("#set($inputRoot = $input.path('$'))\n$input.json(\"$\")\n"
                    "#if($inputRoot.toString().contains(\"customerror\"))\n"
                    "    #set($context.responseOverride.status = 400)\n#else\n"
                    "    #set($context.responseOverride.status = 202)\n#end")
        self.response(api, rid, "POST", "200", selectionPattern="", responseTemplates={"application/json": template})
        self.deploy(api)
        r = call(self.url(api, "/test"), "POST", '{"message": "hello world"}')
        self.assertEqual((r.status, r.json()), (202, {"message": "hello world"}))
        r = call(self.url(api, "/test"), "POST", '{"body": "customerror"}', [("Content-Type", "application/json")])
        self.assertEqual((r.status, r.json()), (400, {"body": "customerror"}))

    def test_selection_patterns_on_error_message(self):
        # Recorded (test_lambda_selection_patterns): errorMessage picks the
        # response; a pattern "200" is never chosen for a normal answer.
        api, root = self.new_api()
        rid = self.resource(api, root, "{statusCode}")
        self.custom_method(api, rid, "select", "GET",
                           requestTemplates={"application/json": '{"statusCode": "$input.params(\'statusCode\')"}'})
        self.response(api, rid, "GET", "200", selectionPattern="")
        self.response(api, rid, "GET", "405", selectionPattern=".*four hundred.*",
                      responseTemplates={"application/json": '{"error": "$input.path(\'$.errorMessage\')"}'})
        self.response(api, rid, "GET", "502", selectionPattern=".+")
        self.response(api, rid, "GET", "504", selectionPattern="200")
        self.deploy(api)
        # ".+" would match any text: a normal answer is not matched against the patterns.
        r = call(self.url(api, "/200"))
        self.assertEqual((r.status, r.json()), (200, "Pass"))
        r = call(self.url(api, "/400"))
        self.assertEqual((r.status, r.json()),
                         (405, {"error": "Error: Raising four hundred from within the Lambda function"}))
        r = call(self.url(api, "/500"))
        self.assertEqual(r.status, 502)
        body = r.json()
        self.assertEqual((body["errorType"], body["errorMessage"]),
                         ("Error", "Error: Raising five hundred from within the Lambda function"))

    def test_python_error_document_and_default_response(self):
        api, root = self.new_api()
        rid = self.resource(api, root, "test")
        self.custom_method(api, rid, "fails")
        self.response(api, rid, "POST", "200")
        self.apigw.put_method_response(restApiId=api, resourceId=rid, httpMethod="POST", statusCode="422")
        self.apigw.put_integration_response(restApiId=api, resourceId=rid, httpMethod="POST", statusCode="422",
                                            selectionPattern="boom: .*",
                                            responseTemplates={"application/json": "$input.path('$.errorType')"})
        other = self.resource(api, root, "other")
        self.custom_method(api, other, "fails")
        self.response(api, other, "POST", "200")
        self.response(api, other, "POST", "400", selectionPattern="nomatch.*")
        self.deploy(api)
        r = call(self.url(api, "/test"), "POST", "{}")
        self.assertEqual((r.status, r.body), (422, b"ValueError"))
        # No pattern matches: the default response, with the error document as its body.
        r = call(self.url(api, "/other"), "POST", "{}")
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual((r.json()["errorType"], r.json()["errorMessage"]), ("ValueError", "boom: the handler failed"))
        self.assertIsNone(r.headers["X-Amz-Function-Error"])

    def test_function_timeout_and_gateway_timeout(self):
        api, root = self.new_api()
        sleeps = self.resource(api, root, "sleeps")
        self.custom_method(api, sleeps, "sleeps")
        self.response(api, sleeps, "POST", "200")
        self.apigw.put_method_response(restApiId=api, resourceId=sleeps, httpMethod="POST", statusCode="504")
        self.apigw.put_integration_response(restApiId=api, resourceId=sleeps, httpMethod="POST", statusCode="504",
                                            selectionPattern=".*Task timed out.*")
        slow = self.resource(api, root, "slow")
        self.custom_method(api, slow, "slow", timeoutInMillis=400)
        self.response(api, slow, "POST", "200")
        self.deploy(api)
        r = call(self.url(api, "/sleeps"), "POST", "{}")
        self.assertEqual(r.status, 504, r.body)
        self.assertEqual(r.json()["errorType"], "Sandbox.Timedout")
        r = call(self.url(api, "/slow"), "POST", "{}")
        self.assertEqual((r.status, r.json()), (504, {"message": "Endpoint request timed out"}))

    def test_missing_function_and_bad_event(self):
        api, root = self.new_api()
        missing = self.resource(api, root, "missing")
        self.custom_method(api, missing, "does-not-exist")
        self.response(api, missing, "POST", "200")
        text = self.resource(api, root, "text")
        self.custom_method(api, text, "raw-echo", passthroughBehavior="WHEN_NO_MATCH")
        self.response(api, text, "POST", "200")
        self.deploy(api)
        r = call(self.url(api, "/missing"), "POST", "{}")
        self.assertEqual((r.status, r.json()), (500, INTERNAL_ERROR))
        self.assertEqual(r.headers["x-amzn-ErrorType"], "InternalServerErrorException")
        # Lambda refuses an event that is not JSON (InvalidRequestContentException): 500.
        r = call(self.url(api, "/text"), "POST", "not json", [("Content-Type", "text/plain")])
        self.assertEqual((r.status, r.json()), (500, INTERNAL_ERROR))


if __name__ == "__main__":
    unittest.main()
