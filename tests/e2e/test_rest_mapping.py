"""REST API mapping end to end through boto3: request and response templates
taken from the AWS developer guide with their documented outputs (PetStore
JSON-to-JSON, the $input.params() loop, $util.parseJson, the /things/{id}
example, the status override example, the MOCK scope example), parameter
mappings, selectionPattern, passthrough behaviours, gateway responses with
$context.error, and binary payloads under binaryMediaTypes and
contentHandling."""
import base64
import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from backend import Backend
from harness import EmulatorTestCase, http

PETS = [{"id": 1, "type": "dog", "price": 249.99}, {"id": 2, "type": "cat", "price": 124.99},
        {"id": 3, "type": "fish", "price": 0.99}]
PET_ERROR = {"errors": [{"key": "GetPetRequest.petId", "message": "The value is out of range."}]}


class _Fixed(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.received.append((self.command, self.path, dict(self.headers), body))
        path = self.path.split("?")[0]
        if path == "/pets":
            status, ctype, out = 200, "application/json", json.dumps(PETS).encode()
        elif path == "/pets/-1":
            status, ctype, out = 200, "application/json", json.dumps(PET_ERROR).encode()
        elif path == "/base64":  # text: the base64 of the bytes it was sent
            status, ctype, out = 200, "text/plain", base64.b64encode(body)
        else:  # the bytes it was sent, typed as they came
            status, ctype, out = 200, self.headers.get("Content-Type", "application/octet-stream"), body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = do_PUT = _answer


class FixedBackend:
    """/pets and /pets/-1 answer the developer guide's payloads; /base64 the
    base64 of the request body as text; any other path echoes the raw body
    with the request's Content-Type. Keeps every request, bytes intact."""

    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Fixed)
        self.server.daemon_threads = True
        self.server.received = []
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def last(self):
        return self.server.received[-1]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class MappingTestCase(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.echo = Backend()
        cls.fixed = FixedBackend()

    @classmethod
    def tearDownClass(cls):
        cls.echo.close()
        cls.fixed.close()
        super().tearDownClass()

    def method(self, api_id, parent, path_part, http_method="GET", **integration):
        """A resource with one method and its integration; returns the resource id."""
        rid = self.apigw.create_resource(restApiId=api_id, parentId=parent, pathPart=path_part)["id"]
        # The method request parameters the integration maps from are declared
        # on the method, as AWS requires ("Invalid mapping expression parameter
        # specified: method.request.path.petId" otherwise).
        declared = {source: source.startswith("method.request.path.")
                    for source in (integration.get("requestParameters") or {}).values()
                    if source.startswith("method.request.")}
        self.apigw.put_method(restApiId=api_id, resourceId=rid, httpMethod=http_method, authorizationType="NONE",
                              requestParameters=declared)
        integration.setdefault("integrationHttpMethod", http_method)
        self.apigw.put_integration(restApiId=api_id, resourceId=rid, httpMethod=http_method, **integration)
        return rid

    def response(self, api_id, rid, http_method="GET", status="200", **kw):
        self.apigw.put_method_response(restApiId=api_id, resourceId=rid, httpMethod=http_method, statusCode=status)
        self.apigw.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod=http_method,
                                            statusCode=status, **kw)

    def new_api(self, **kw):
        api = self.apigw.create_rest_api(name="mapping", **kw)
        return api["id"], api["rootResourceId"]

    def deploy(self, api_id):
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")

    def call(self, api_id, path, method="GET", body=None, headers=None):
        return http(method, self.emu.url(api_id, "dev", path), body=body, headers=headers or {})


class DeveloperGuideTemplates(MappingTestCase):
    def test_petstore_json_to_json(self):
        api, root = self.new_api()
        rid = self.method(api, root, "pets", type="HTTP", uri=self.fixed.url + "/pets")
        template = ("#set($inputRoot = $input.path('$'))\n[\n#foreach($elem in $inputRoot)\n  {\n"
                    "    \"description\" : \"Item $elem.id is a $elem.type.\",\n"
                    "    \"askingPrice\" : $elem.price\n  }#if($foreach.hasNext),#end\n#end\n]")
        self.response(api, rid, responseTemplates={"application/json": template})
        self.deploy(api)
        status, headers, body = self.call(api, "/pets")
        self.assertEqual(status, 200, body)
        self.assertEqual(headers["content-type"], "application/json")
        self.assertEqual(json.loads(body), [{"description": "Item 1 is a dog.", "askingPrice": 249.99},
                                            {"description": "Item 2 is a cat.", "askingPrice": 124.99},
                                            {"description": "Item 3 is a fish.", "askingPrice": 0.99}])

    def test_photo_album_example(self):
        # "Example data models and mapping templates": the photo album's data transformation.
        photos = {"photos": {"page": 1, "pages": "1234", "perpage": 100, "total": "123398", "photo": [
            {"id": "12345678901", "owner": "23456789@A12", "photographer_first_name": "Saanvi",
             "photographer_last_name": "Sarkar", "secret": "abc123d456", "server": "1234", "farm": 1,
             "title": "Sample photo 1", "ispublic": True, "isfriend": False, "isfamily": False},
            {"id": "23456789012", "owner": "34567890@B23", "photographer_first_name": "Richard",
             "photographer_last_name": "Roe", "secret": "bcd234e567", "server": "2345", "farm": 2,
             "title": "Sample photo 2", "ispublic": True, "isfriend": False, "isfamily": False}]}}
        template = ("#set($inputRoot = $input.path('$'))\n{\n  \"photos\": [\n"
                    "#foreach($elem in $inputRoot.photos.photo)\n    {\n      \"id\": \"$elem.id\",\n"
                    "      \"photographedBy\": \"$elem.photographer_first_name $elem.photographer_last_name\",\n"
                    "      \"title\": \"$elem.title\",\n      \"ispublic\": $elem.ispublic,\n"
                    "      \"isfriend\": $elem.isfriend,\n      \"isfamily\": $elem.isfamily\n"
                    "    }#if($foreach.hasNext),#end\n\t\t\n#end\n  ]\n}")
        api, root = self.new_api()
        rid = self.method(api, root, "photos", "POST", type="HTTP", uri=self.echo.url + "/photos",
                          requestTemplates={"application/json": template})
        self.response(api, rid, "POST")
        self.deploy(api)
        status, _, body = self.call(api, "/photos", "POST", json.dumps(photos), {"Content-Type": "application/json"})
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(json.loads(body)["body"]), {"photos": [
            {"id": "12345678901", "photographedBy": "Saanvi Sarkar", "title": "Sample photo 1", "ispublic": True,
             "isfriend": False, "isfamily": False},
            {"id": "23456789012", "photographedBy": "Richard Roe", "title": "Sample photo 2", "ispublic": True,
             "isfriend": False, "isfamily": False}]})

    def test_input_params_loop_passes_every_parameter(self):
        api, root = self.new_api()
        parent = self.apigw.create_resource(restApiId=api, parentId=root, pathPart="params")["id"]
        template = ("#set($allParams = $input.params())\n{\n  \"params\" : {\n"
                    "    #foreach($type in $allParams.keySet())\n    #set($params = $allParams.get($type))\n"
                    "    \"$type\" : {\n      #foreach($paramName in $params.keySet())\n"
                    "      \"$paramName\" : \"$util.escapeJavaScript($params.get($paramName))\"\n"
                    "      #if($foreach.hasNext),#end\n      #end\n    }\n    #if($foreach.hasNext),#end\n"
                    "    #end\n  }\n}\n")
        rid = self.method(api, parent, "{name}", "POST", type="HTTP", uri=self.echo.url + "/params",
                          requestTemplates={"application/json": template})
        self.response(api, rid, "POST")
        self.deploy(api)
        status, _, body = self.call(api, "/params/rex?kind=dog&x=1", "POST", "{}",
                                    {"Content-Type": "application/json", "X-Custom": 'say "hi"'})
        self.assertEqual(status, 200, body)
        rendered = json.loads(json.loads(body)["body"])["params"]
        self.assertEqual(list(rendered), ["path", "querystring", "header"])
        self.assertEqual(rendered["path"], {"name": "rex"})
        self.assertEqual(rendered["querystring"], {"kind": "dog", "x": "1"})
        self.assertEqual(rendered["header"]["X-Custom"], 'say "hi"')
        self.assertEqual(rendered["header"]["Content-Type"], "application/json")

    def test_things_example(self):
        api, root = self.new_api()
        things = self.apigw.create_resource(restApiId=api, parentId=root, pathPart="things")["id"]
        template = ('{\n    "id" : "$input.params(\'id\')",\n    "count" : "$input.path(\'$.things\').size()",\n'
                    '    "things" : $util.escapeJavaScript($input.json(\'$.things\'))\n}')
        rid = self.method(api, things, "{id}", "POST", type="HTTP", uri=self.echo.url + "/things",
                          requestTemplates={"application/json": template})
        self.response(api, rid, "POST")
        self.deploy(api)
        status, _, body = self.call(api, "/things/abc", "POST", json.dumps({"things": {"1": {}, "2": {}, "3": {}}}),
                                    {"Content-Type": "application/json"})
        self.assertEqual(status, 200, body)
        # The guide shows the things unescaped, but escapeJavaScript escapes the
        # quotes $input.json wrote (Java's StringEscapeUtils, as on AWS).
        self.assertEqual(json.loads(body)["body"], '{\n    "id" : "abc",\n    "count" : "3",\n'
                                                   '    "things" : {\\"1\\":{},\\"2\\":{},\\"3\\":{}}\n}')

    def test_parse_json_example(self):
        api, root = self.new_api()
        template = ("#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))\n{\n"
                    "   \"errorMessageObjKey2ArrVal\" : $errorMessageObj.key2.arr[0]\n}\n")
        rid = self.method(api, root, "parse", "POST", type="HTTP", uri=self.echo.url + "/parse",
                          requestTemplates={"application/json": template})
        self.response(api, rid, "POST")
        self.deploy(api)
        payload = {"errorMessage": json.dumps({"key1": "var1", "key2": {"arr": [1, 2, 3]}})}
        status, _, body = self.call(api, "/parse", "POST", json.dumps(payload), {"Content-Type": "application/json"})
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(json.loads(body)["body"]), {"errorMessageObjKey2ArrVal": 1})

    def test_context_variables_example(self):
        api, root = self.new_api()
        template = ('{"stage" : "$context.stage", "request_id" : "$context.requestId", "api_id" : "$context.apiId",'
                    ' "resource_path" : "$context.resourcePath", "http_method" : "$context.httpMethod",'
                    ' "source_ip" : "$context.identity.sourceIp", "user-agent" : "$context.identity.userAgent",'
                    ' "api_key" : "$context.identity.apiKey"}')
        rid = self.method(api, root, "ctx", "POST", type="HTTP", uri=self.echo.url + "/ctx",
                          requestTemplates={"application/json": template})
        self.response(api, rid, "POST")
        self.deploy(api)
        status, headers, body = self.call(api, "/ctx", "POST", "{}", {"Content-Type": "application/json",
                                                                       "User-Agent": "e2e/1"})
        rendered = json.loads(json.loads(body)["body"])
        self.assertEqual(rendered, {"stage": "dev", "request_id": headers["x-amzn-requestid"], "api_id": api,
                                    "resource_path": "/ctx", "http_method": "POST", "source_ip": "127.0.0.1",
                                    "user-agent": "e2e/1", "api_key": ""})

    def test_status_override_example(self):
        # "Override your API's request and response parameters and status codes", example 1.
        api, root = self.new_api()
        pets = self.apigw.create_resource(restApiId=api, parentId=root, pathPart="pets")["id"]
        rid = self.method(api, pets, "{petId}", type="HTTP", uri=self.fixed.url + "/pets/{petId}",
                          requestParameters={"integration.request.path.petId": "method.request.path.petId"})
        template = ("#set($inputRoot = $input.path('$'))\n$input.json(\"$\")\n"
                    "#if($inputRoot.toString().contains(\"error\"))\n#set($context.responseOverride.status = 400)\n"
                    "#end")
        self.response(api, rid, responseTemplates={"application/json": template})
        self.deploy(api)
        status, _, body = self.call(api, "/pets/-1")
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body), PET_ERROR)
        status, _, body = self.call(api, "/pets")  # no such method: the gateway's 403
        self.assertEqual(status, 403)

    def test_request_and_response_overrides(self):
        api, root = self.new_api()
        template = ('#set($context.requestOverride.header.X-Joined = "$input.params(\'a\')-$input.params(\'b\')")\n'
                    '#set($context.requestOverride.querystring.q = "over")\n'
                    '#set($context.requestOverride.path.leaf = "from-template")\n{}')
        rid = self.method(api, root, "over", "POST", type="HTTP", uri=self.echo.url + "/over/{leaf}",
                          requestTemplates={"application/json": template})
        self.response(api, rid, "POST", responseTemplates={"application/json": (
            '#set($context.responseOverride.header.X-Out = "$input.path(\'$.method\')")'
            '#set($context.responseOverride.status = 201)ok')})
        self.deploy(api)
        status, headers, body = self.call(api, "/over?a=1&b=2", "POST", "{}", {"Content-Type": "application/json"})
        self.assertEqual((status, body), (201, b"ok"))
        self.assertEqual(headers["x-out"], "POST")
        seen = self.echo.requests[-1]
        self.assertEqual(seen["path"], "/over/from-template?q=over")
        self.assertEqual(seen["headers"]["X-Joined"], "1-2")


class MockIntegrations(MappingTestCase):
    def test_mock_scope_example(self):
        # "Set up mock integrations in API Gateway": the scope query parameter decides.
        api, root = self.new_api()
        rid = self.method(api, root, "mock", type="MOCK", requestTemplates={"application/json": (
            '{\n  #if( $input.params(\'scope\') == "internal" )\n    "statusCode": 200\n  #else\n'
            '    "statusCode": 500\n  #end\n}')})
        self.response(api, rid, responseTemplates={"application/json": (
            '{\n    "statusCode": 200,\n    "message": "Go ahead without me."\n}')})
        self.response(api, rid, status="500", selectionPattern="5\\d{2}", responseTemplates={"application/json": (
            '{\n    "statusCode": 500,\n    "message": "The invoked method is not supported on the API resource."\n}')})
        self.deploy(api)
        status, headers, body = self.call(api, "/mock?scope=internal")
        self.assertEqual((status, json.loads(body)), (200, {"statusCode": 200, "message": "Go ahead without me."}))
        self.assertNotIn("x-amzn-trace-id", headers)
        status, _, body = self.call(api, "/mock?scope=public")
        self.assertEqual(status, 500)
        self.assertEqual(json.loads(body)["message"], "The invoked method is not supported on the API resource.")


class ParameterMappingsAndSelection(MappingTestCase):
    def test_response_parameters_from_header_body_and_literal(self):
        api, root = self.new_api()
        rid = self.method(api, root, "echo", "POST", type="HTTP", uri=self.echo.url + "/echo",
                          requestParameters={"integration.request.header.X-Test": "method.request.querystring.t"})
        self.apigw.put_method_response(restApiId=api, resourceId=rid, httpMethod="POST", statusCode="200",
                                       responseParameters={"method.response.header.X-From-Header": False,
                                                           "method.response.header.X-From-Body": False,
                                                           "method.response.header.X-Deep": False,
                                                           "method.response.header.X-Literal": False})
        self.apigw.put_integration_response(
            restApiId=api, resourceId=rid, httpMethod="POST", statusCode="200",
            responseParameters={"method.response.header.X-From-Header": "integration.response.header.X-Backend",
                                "method.response.header.X-From-Body": "integration.response.body.method",
                                "method.response.header.X-Deep": "integration.response.body.headers.x-test",
                                "method.response.header.X-Literal": "'fixed value'"})
        self.deploy(api)
        status, headers, _ = self.call(api, "/echo?t=tee", "POST", "{}", {"Content-Type": "application/json"})
        self.assertEqual(status, 200)
        self.assertEqual(headers["x-from-header"], "yes")
        self.assertEqual(headers["x-from-body"], "POST")
        self.assertEqual(headers["x-deep"], "tee")
        self.assertEqual(headers["x-literal"], "fixed value")
        self.assertNotIn("x-backend", headers)  # only mapped headers reach the client

    def test_selection_pattern_on_the_status_code(self):
        api, root = self.new_api()
        parent = self.apigw.create_resource(restApiId=api, parentId=root, pathPart="status")["id"]
        rid = self.method(api, parent, "{code}", type="HTTP", uri=self.echo.url + "/status/{code}",
                          requestParameters={"integration.request.path.code": "method.request.path.code"})
        self.response(api, rid)
        self.response(api, rid, status="400", selectionPattern="4\\d{2}",
                      responseTemplates={"application/json": '{"failed": $input.json(\'$.path\')}'})
        self.deploy(api)
        status, _, body = self.call(api, "/status/404")
        self.assertEqual((status, json.loads(body)), (400, {"failed": "/status/404"}))
        status, _, _ = self.call(api, "/status/500")  # no pattern matches: the default response (recorded)
        self.assertEqual(status, 200)
        status, _, _ = self.call(api, "/status/201")
        self.assertEqual(status, 200)

    def test_request_templates_by_content_type_and_passthrough(self):
        api, root = self.new_api()
        results = {}
        for behavior in ("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"):
            rid = self.method(api, root, behavior.lower().replace("_", "-"), "POST", type="HTTP",
                              uri=self.echo.url + "/pt", passthroughBehavior=behavior,
                              requestTemplates={"application/json": '{"templated": true}'})
            self.response(api, rid, "POST")
        self.deploy(api)
        for behavior in ("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"):
            path = "/" + behavior.lower().replace("_", "-")
            templated = self.call(api, path, "POST", '{"raw": 1}', {"Content-Type": "application/json; charset=utf-8"})
            other = self.call(api, path, "POST", "<raw/>", {"Content-Type": "application/xml"})
            results[behavior] = (templated[0], json.loads(json.loads(templated[2])["body"]), other[0])
            if other[0] == 200:
                self.assertEqual(json.loads(other[2])["body"], "<raw/>")
            else:
                self.assertEqual(json.loads(other[2]), {"message": "Unsupported Media Type"})
        self.assertEqual(results, {"WHEN_NO_MATCH": (200, {"templated": True}, 200),
                                   "WHEN_NO_TEMPLATES": (200, {"templated": True}, 415),
                                   "NEVER": (200, {"templated": True}, 415)})


class GatewayResponses(MappingTestCase):
    def test_customized_responses_for_errors_the_gateway_makes(self):
        api, root = self.new_api()
        rid = self.method(api, root, "never", "POST", type="MOCK", passthroughBehavior="NEVER",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
        self.response(api, rid, "POST")
        down = self.method(api, root, "down", type="HTTP", uri="http://127.0.0.1:1/nothing")
        self.response(api, down)
        self.apigw.put_gateway_response(
            restApiId=api, responseType="MISSING_AUTHENTICATION_TOKEN", statusCode="404",
            responseParameters={"gatewayresponse.header.X-Err": "'custom'",
                                "gatewayresponse.header.X-Agent": "method.request.header.User-Agent"},
            responseTemplates={"application/json": ('{"msg": $context.error.messageString, '
                                                    '"type": "$context.error.responseType", '
                                                    '"raw": "$context.error.message"}')})
        self.apigw.put_gateway_response(restApiId=api, responseType="DEFAULT_4XX",
                                        responseTemplates={"application/json": '{"4xx": "$context.error.responseType"}'})
        self.apigw.put_gateway_response(restApiId=api, responseType="DEFAULT_5XX", statusCode="503",
                                        responseParameters={"gatewayresponse.header.Retry-After": "'1'"})
        self.deploy(api)

        status, headers, body = self.call(api, "/nowhere", headers={"User-Agent": "e2e-agent"})
        self.assertEqual(status, 404)
        self.assertEqual(json.loads(body), {"msg": "Missing Authentication Token",
                                            "type": "MISSING_AUTHENTICATION_TOKEN",
                                            "raw": "Missing Authentication Token"})
        self.assertEqual(headers["x-err"], "custom")
        self.assertEqual(headers["x-agent"], "e2e-agent")
        self.assertEqual(headers["x-amzn-errortype"], "MissingAuthenticationTokenException")

        status, headers, body = self.call(api, "/never", "POST", "x", {"Content-Type": "text/plain"})
        self.assertEqual((status, json.loads(body)), (415, {"4xx": "UNSUPPORTED_MEDIA_TYPE"}))

        status, headers, body = self.call(api, "/down")
        self.assertEqual(status, 503)
        self.assertEqual(headers["retry-after"], "1")
        # A customized type renders its template; put without one, it holds AWS's
        # default {"message":$context.error.messageString} (no space, unlike the
        # uncustomized integration error's {"message": "Internal server error"}).
        self.assertEqual(body, b'{"message":"Internal server error"}')


class RecordedTemplates(MappingTestCase):
    """Answers recorded on AWS in LocalStack's snapshot tests
    (test_apigateway_integrations, test_apigateway_sqs), replayed here."""

    def test_request_and_response_templates_share_the_context(self):
        # test_integration_mock_with_request_overrides_in_response_template
        api, root = self.new_api()
        rid = self.method(api, root, "{testPath}", type="MOCK", requestTemplates={"application/json": (
            "#set($body = $util.base64Decode($input.params('testPath')))\n"
            "#set($context.requestOverride.path.body = $body)\n{\n  \"statusCode\": 200\n}\n")})
        self.response(api, rid, selectionPattern="2\\d{2}", responseTemplates={"application/json": (
            "\n#set($body = $util.parseJson($context.requestOverride.path.body))\n#set($inputBody = $body.message)\n"
            "#if($inputBody == \"path1\")\n{\n   \"response\": \"path was path one\"\n}\n"
            "#elseif($inputBody == \"path2\")\n{\n   \"response\": \"path was path two\"\n}\n"
            "#else\n{\n  \"response\": \"this is the else clause\"\n}\n#end\n")})
        self.deploy(api)
        for message, answer in [("path1", "path was path one"), ("path2", "path was path two"),
                                ("whatever", "this is the else clause")]:
            path = base64.b64encode(json.dumps({"message": message}).encode()).decode()
            status, _, body = self.call(api, "/" + path)
            self.assertEqual((status, json.loads(body)), (200, {"response": answer}))

    def test_response_override_set_by_the_request_template(self):
        # test_integration_mock_with_response_override_in_request_template[True] and [False]
        request_template = ('\n#set($context.responseOverride.status = 444)\n'
                            '#set($context.responseOverride.header.foo = "bar")\n'
                            '#set($context.responseOverride.custom = "is also passed around")\n'
                            '{\n  "statusCode": 200\n}\n')
        api, root = self.new_api()
        with_template = self.method(api, root, "with", type="MOCK", requestTemplates={"application/json": request_template})
        self.response(api, with_template, selectionPattern="2\\d{2}", responseTemplates={"application/json": (
            '\n#set($statusOverride = $context.responseOverride.status)\n'
            '#set($fooHeader = $context.responseOverride.header.foo)\n'
            '#set($custom = $context.responseOverride.custom)\n'
            '{\n    "statusOverride": "$statusOverride",\n    "fooHeader": "$fooHeader",\n    "custom": "$custom"\n}\n')})
        without = self.method(api, root, "without", type="MOCK", requestTemplates={"application/json": request_template})
        self.response(api, without, selectionPattern="2\\d{2}", responseTemplates={})
        self.deploy(api)
        status, headers, body = self.call(api, "/with")
        self.assertEqual((status, headers["foo"]), (444, "bar"))
        self.assertEqual(json.loads(body), {"custom": "is also passed around", "fooHeader": "bar",
                                            "statusOverride": "444"})
        status, headers, body = self.call(api, "/without")
        self.assertEqual((status, headers["foo"], body), (444, "bar", b""))

    def test_request_override_maps_take_index_and_put(self):
        # test_integration_mock_with_vtl_map_assignation
        api, root = self.new_api()
        rid = self.method(api, root, "map", type="MOCK", requestTemplates={"application/json": (
            '\n#set($paramName = "foo")\n#set($context.requestOverride.querystring[$paramName] = "bar")\n'
            '#set($paramPutName = "putfoo")\n$context.requestOverride.querystring.put($paramPutName, "putBar")\n'
            '#set($context["requestOverride"].querystring["nestedfoo"] = "nestedFoo")\n{\n  "statusCode": 200\n}\n')})
        self.response(api, rid, selectionPattern="2\\d{2}", responseTemplates={"application/json": (
            '\n#set($value = $context.requestOverride.querystring["foo"])\n'
            '#set($value2 = $context.requestOverride.querystring["putfoo"])\n'
            '#set($value3 = $context.requestOverride.querystring["nestedfoo"])\n'
            '{\n    "value": "$value",\n    "value2": "$value2",\n    "value3": "$value3"\n}\n')})
        self.deploy(api)
        status, _, body = self.call(api, "/map")
        self.assertEqual((status, json.loads(body)), (200, {"value": "bar", "value2": "putBar", "value3": "nestedFoo"}))

    def test_context_keys_and_nested_maps(self):
        # test_sqs_amz_json_protocol: the template's JSON, sent to an echo backend here.
        api, root = self.new_api()
        template = ('{"context": {#foreach( $key in $context.keySet() )"$key": "$context.get($key)"'
                    '#if($foreach.hasNext),#end#end},"identity": {#foreach( $key in $context.identity.keySet() )'
                    '"$key": "$context.identity.get($key)"#if($foreach.hasNext),#end#end},"requestOverride": '
                    '{#foreach( $key in $context.requestOverride.keySet() )"$key": "$context.requestOverride.get($key)"'
                    '#if($foreach.hasNext),#end#end},"responseOverride": {#foreach( $key in '
                    '$context.responseOverride.keySet() )"$key": "$context.responseOverride.get($key)"'
                    '#if($foreach.hasNext),#end#end},"authorizer_keys": {#foreach( $key in $context.authorizer.keySet() )'
                    '"$key": "$util.escapeJavaScript($context.authorizer.get($key))"#if($foreach.hasNext),#end#end}}')
        rid = self.method(api, root, "sqs", "POST", type="HTTP", uri=self.echo.url + "/sqs",
                          requestTemplates={"application/json": template}, passthroughBehavior="NEVER")
        self.response(api, rid, "POST")
        self.deploy(api)
        status, headers, body = self.call(api, "/sqs", "POST", None, {"User-Agent": "python/requests/tests"})
        self.assertEqual(status, 200, body)
        sent = json.loads(json.loads(body)["body"])
        self.assertEqual(list(sent["context"]), [
            "resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime", "path", "accountId",
            "protocol", "requestOverride", "stage", "domainPrefix", "requestTimeEpoch", "requestId", "identity",
            "domainName", "deploymentId", "responseOverride", "apiId"])
        context = sent["context"]
        self.assertEqual((context["resourcePath"], context["httpMethod"], context["path"], context["protocol"],
                          context["stage"], context["apiId"]), ("/sqs", "POST", "/dev/sqs", "HTTP/1.1", "dev", api))
        self.assertEqual((context["identity"], context["requestOverride"], context["responseOverride"]), ("", "", ""))
        self.assertEqual(context["requestId"], headers["x-amzn-requestid"])
        self.assertEqual(sent["identity"], {
            "cognitoIdentityPoolId": "", "accountId": "", "cognitoIdentityId": "", "caller": "",
            "sourceIp": "127.0.0.1", "principalOrgId": "", "accessKey": "", "cognitoAuthenticationType": "",
            "cognitoAuthenticationProvider": "", "userArn": "", "userAgent": "python/requests/tests", "user": ""})
        self.assertEqual(list(sent["identity"])[4:6], ["sourceIp", "principalOrgId"])
        self.assertEqual(sent["requestOverride"], {"path": "", "header": "", "querystring": ""})
        self.assertEqual(sent["responseOverride"], {"header": ""})
        self.assertEqual(sent["authorizer_keys"], {})


class BinaryPayloads(MappingTestCase):
    GZIP = base64.b64decode("H4sIABRs7mMC/0vOzy0oSi0uTk1RSEksSdRRKM7IL81JUUhKVcjMK0vMyUxRCA1x07VQKC4pysxLBwC4ORBXLwAAAA==")

    def test_binary_media_types_and_content_handling(self):
        api, root = self.new_api(binaryMediaTypes=["image/png"])
        raw = self.method(api, root, "raw", "PUT", type="HTTP", uri=self.fixed.url + "/raw")
        self.response(api, raw, "PUT")
        as_text = self.method(api, root, "text", "PUT", type="HTTP", uri=self.fixed.url + "/text",
                              contentHandling="CONVERT_TO_TEXT")
        self.response(api, as_text, "PUT")
        decoded = self.method(api, root, "decoded", "PUT", type="HTTP", uri=self.fixed.url + "/base64")
        self.response(api, decoded, "PUT", contentHandling="CONVERT_TO_BINARY")
        self.deploy(api)

        # Binary in and out: the bytes pass as they are when Accept is binary...
        status, _, body = self.call(api, "/raw", "PUT", self.GZIP, {"Content-Type": "image/png", "Accept": "image/png"})
        self.assertEqual((status, body), (200, self.GZIP))
        self.assertEqual(self.fixed.last[3], self.GZIP)
        # ...and come back base64-encoded for a text Accept.
        status, _, body = self.call(api, "/raw", "PUT", self.GZIP, {"Content-Type": "image/png",
                                                                     "Accept": "application/json"})
        self.assertEqual(base64.b64decode(body), self.GZIP)
        # Not a binary type: read as UTF-8, invalid bytes replaced (recorded on AWS: 67 bytes become 99).
        status, _, _ = self.call(api, "/raw", "PUT", self.GZIP, {"Content-Type": "text/plain"})
        self.assertEqual(len(self.fixed.last[3]), 99)
        self.assertEqual(self.fixed.last[3], self.GZIP.decode("utf-8", "replace").encode())
        # CONVERT_TO_TEXT: the integration gets base64.
        self.call(api, "/text", "PUT", self.GZIP, {"Content-Type": "image/png"})
        self.assertEqual(self.fixed.last[3], base64.b64encode(self.GZIP))
        # The response's CONVERT_TO_BINARY decodes a base64 answer.
        status, _, body = self.call(api, "/decoded", "PUT", self.GZIP, {"Content-Type": "image/png"})
        self.assertEqual((status, body), (200, self.GZIP))


if __name__ == "__main__":
    unittest.main()
