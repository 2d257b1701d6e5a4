"""REST API Lambda authorizers end to end: TOKEN (Node.js) and REQUEST (Python)
authorizer functions in front of AWS_PROXY and AWS integrations.

Expected behaviour, from AWS: the developer guide ("Use API Gateway Lambda
authorizers", "Input to an API Gateway Lambda authorizer", "Output from an API
Gateway Lambda authorizer": $context.authorizer values are stringified, a
context may not hold objects or arrays), the API reference (Authorizer:
identityValidationExpression, authorizerResultTtlInSeconds, 0 turns caching
off), and the AWS Knowledge Center on 401 ("a token or identity sources that
are missing, null, or not validated") and 403 (explicit and implicit deny
messages) errors. Invocations are counted through a file each authorizer
function appends to, so caching is observed from outside."""
import json
import os
import shutil
import tempfile
import time
import unittest

from harness import EmulatorTestCase
from test_lambda_support import create_node, create_python
from test_rest_lambda_integrations import (ACCOUNT, PY_EVENT_ECHO, PY_RAW_ECHO, REGION, call, invocation_uri)

# The token picks the answer; every call appends its event to $CALLS.
NODE_TOKEN_AUTHORIZER = r"""
const fs = require('fs');
exports.handler = async (event) => {
  fs.appendFileSync(process.env.CALLS, JSON.stringify(event) + '\n');
  const token = event.authorizationToken;
  const [api, stage] = event.methodArn.split(':')[5].split('/');
  const answer = (statements, context) => ({
    principalId: 'user-' + token,
    policyDocument: { Version: '2012-10-17', Statement: statements },
    context: context || { tenant: 'acme', level: 3, admin: true, token },
  });
  const allow = (resource, action) => ({ Action: action || 'execute-api:Invoke', Effect: 'Allow', Resource: resource });
  switch (token.split('-')[0]) {
    case 'allow':  // any GET of this stage, in any region and account
      return answer([allow(`arn:aws:execute-api:*:*:${api}/${stage}/GET/*`)]);
    case 'pets':   // GET /pets/ and one character, any stage
      return answer([allow([`arn:aws:execute-api:us-east-1:*:${api}/*/GET/pets/?`])]);
    case 'mixed':  // everything, but an explicit Deny wins
      return answer([allow('*', 'execute-api:*'),
                     { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: `arn:aws:execute-api:*:*:${api}/*/*/proxy/secret*` }]);
    case 'deny':
      return answer([{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: event.methodArn }]);
    case 'unauthorized':
      throw new Error('Unauthorized');
    case 'nopolicy':
      return { principalId: 'user-' + token, context: { a: 'b' } };
    case 'nested':
      return answer([allow(event.methodArn)], { nested: { not: 'allowed' } });
    default:
      throw new Error('no such token: ' + token);
  }
};
"""

# Allows when the X-Key header is "good"; the context echoes what the event
# carried. Every call appends the event to $CALLS.
PY_REQUEST_AUTHORIZER = r"""
import json, os
def handler(event, context):
    with open(os.environ['CALLS'], 'a') as f:
        f.write(json.dumps(event) + '\n')
    headers = event['headers'] or {}
    query = event['queryStringParameters'] or {}
    effect = 'Allow' if headers.get('X-Key') == 'good' else 'Deny'
    return {
        'principalId': 'req-' + query['user'],
        'policyDocument': {'Version': '2012-10-17', 'Statement': [
            {'Action': 'execute-api:Invoke', 'Effect': effect, 'Resource': event['methodArn']}]},
        'context': {'env': event['stageVariables']['env'], 'user': query['user'], 'count': 1},
    }
"""

UNAUTHORIZED = {"message": "Unauthorized"}
EXPLICIT_DENY = {"Message": "User is not authorized to access this resource with an explicit deny"}
IMPLICIT_DENY = {"Message": "User is not authorized to access this resource"}
CONFIGURATION_ERROR = {"message": None}


class AuthorizerTestCase(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.emu.client("lambda")
        cls.tmp = tempfile.mkdtemp(prefix="apigw-authorizer-e2e-")
        cls.calls_file = os.path.join(cls.tmp, "calls")
        open(cls.calls_file, "w").close()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    def events(self):
        """Every event an authorizer function received, in order."""
        with open(self.calls_file) as f:
            return [json.loads(line) for line in f.read().splitlines() if line]

    def calls(self):
        """The tokens of the TOKEN authorizer's invocations."""
        return [e.get("authorizationToken") for e in self.events()]

    @classmethod
    def method(cls, api, rid, http_method, authorizer_id, integration):
        """A CUSTOM-authorized method on an AWS_PROXY integration, or an AWS
        one whose request template reads $context.authorizer."""
        cls.apigw.put_method(restApiId=api, resourceId=rid, httpMethod=http_method, authorizationType="CUSTOM",
                             authorizerId=authorizer_id)
        kind, function = integration
        if kind == "AWS_PROXY":
            cls.apigw.put_integration(restApiId=api, resourceId=rid, httpMethod=http_method, type="AWS_PROXY",
                                       integrationHttpMethod="POST", uri=invocation_uri(function))
        else:
            template = ('{"principalId": "$context.authorizer.principalId", "tenant": "$context.authorizer.tenant",'
                        ' "level": "$context.authorizer.level", "admin": "$context.authorizer.admin",'
                        ' "missing": "$context.authorizer.missing"}')
            cls.apigw.put_integration(restApiId=api, resourceId=rid, httpMethod=http_method, type="AWS",
                                       integrationHttpMethod="POST", uri=invocation_uri(function),
                                       requestTemplates={"application/json": template})
            cls.apigw.put_method_response(restApiId=api, resourceId=rid, httpMethod=http_method, statusCode="200")
            cls.apigw.put_integration_response(restApiId=api, resourceId=rid, httpMethod=http_method,
                                                statusCode="200")

    @classmethod
    def resource(cls, api, parent, part):
        return cls.apigw.create_resource(restApiId=api, parentId=parent, pathPart=part)["id"]

    def assertAnswer(self, response, status, body, error_type=None):
        self.assertEqual((response.status, response.json()), (status, body), response.body)
        if error_type:
            self.assertEqual(response.headers["x-amzn-ErrorType"], error_type)


class TokenAuthorizer(AuthorizerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        create_node(cls.lam, "token-auth", source=NODE_TOKEN_AUTHORIZER,
                    Environment={"Variables": {"CALLS": cls.calls_file}})
        create_python(cls.lam, "event-echo", source=PY_EVENT_ECHO)
        create_python(cls.lam, "raw-echo", source=PY_RAW_ECHO)
        api = cls.apigw.create_rest_api(name="token-authorizers")
        cls.api, root = api["id"], api["rootResourceId"]

        def authorizer(name, ttl, function="token-auth"):
            return cls.apigw.create_authorizer(
                restApiId=cls.api, name=name, type="TOKEN", authorizerUri=invocation_uri(function),
                identitySource="method.request.header.Authorization",
                identityValidationExpression="^[a-z]+(-[a-z0-9]+)?$", authorizerResultTtlInSeconds=ttl)["id"]

        cached, uncached, short = authorizer("cached", 300), authorizer("uncached", 0), authorizer("short", 1)
        missing = authorizer("missing-function", 0, "no-such-authorizer")
        proxy = cls.resource(cls.api, cls.resource(cls.api, root, "proxy"), "{proxy+}")
        cls.method(cls.api, proxy, "ANY", cached, ("AWS_PROXY", "event-echo"))
        pets = cls.resource(cls.api, cls.resource(cls.api, root, "pets"), "{id}")
        cls.method(cls.api, pets, "GET", cached, ("AWS_PROXY", "event-echo"))
        cls.method(cls.api, cls.resource(cls.api, root, "mapped"), "GET", cached, ("AWS", "raw-echo"))
        cls.method(cls.api, cls.resource(cls.api, root, "uncached"), "GET", uncached, ("AWS_PROXY", "event-echo"))
        cls.method(cls.api, cls.resource(cls.api, root, "short"), "GET", short, ("AWS_PROXY", "event-echo"))
        cls.method(cls.api, cls.resource(cls.api, root, "missing"), "GET", missing, ("AWS_PROXY", "event-echo"))
        cls.apigw.create_deployment(restApiId=cls.api, stageName="dev")

    def get(self, path, token=None, method="GET"):
        headers = [] if token is None else [("Authorization", token)]
        return call("%s/%s/dev%s" % (self.emu.data_url, self.api, path), method, headers=headers)

    def test_missing_empty_or_invalid_token_is_401_without_a_call(self):
        before = len(self.calls())
        for token in (None, "", "Bearer abc", "UPPER", "allow-x y"):
            self.assertAnswer(self.get("/proxy/a", token), 401, UNAUTHORIZED, "UnauthorizedException")
        self.assertEqual(len(self.calls()), before)

    def test_unauthorized_thrown_is_401(self):
        self.assertAnswer(self.get("/proxy/a", "unauthorized"), 401, UNAUTHORIZED, "UnauthorizedException")
        self.assertIn("unauthorized", self.calls())

    def test_explicit_deny_is_403(self):
        self.assertAnswer(self.get("/proxy/a", "deny"), 403, EXPLICIT_DENY, "AccessDeniedException")
        # A Deny matching the method wins over an Allow of everything.
        self.assertAnswer(self.get("/proxy/secret/x", "mixed-1"), 403, EXPLICIT_DENY, "AccessDeniedException")
        self.assertEqual(self.get("/proxy/public", "mixed-1").status, 200)

    def test_allow_with_wildcards_and_the_cached_policy_per_method(self):
        r = self.get("/proxy/a/b", "allow-w1")
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json()["path"], "/proxy/a/b")
        # The cached policy is evaluated again for another method ARN: POST is not covered.
        self.assertAnswer(self.get("/proxy/a", "allow-w1", "POST"), 403, IMPLICIT_DENY, "AccessDeniedException")
        self.assertEqual(self.calls().count("allow-w1"), 1)
        # "?" is one character: /pets/7 but not /pets/77.
        self.assertEqual(self.get("/pets/7", "pets-w2").status, 200)
        self.assertAnswer(self.get("/pets/77", "pets-w2"), 403, IMPLICIT_DENY)
        self.assertEqual(self.calls().count("pets-w2"), 1)

    def test_context_in_mapping_template(self):
        r = self.get("/mapped", "allow-ctx")
        self.assertEqual(r.status, 200, r.body)
        # Every value stringified; an unknown key is empty.
        self.assertEqual(r.json(), {"principalId": "user-allow-ctx", "tenant": "acme", "level": "3", "admin": "true",
                                    "missing": ""})

    def test_context_in_proxy_event(self):
        r = self.get("/proxy/evt", "allow-evt")
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual([e for e in self.events() if e.get("authorizationToken") == "allow-evt"],
                         [{"type": "TOKEN", "authorizationToken": "allow-evt",
                           "methodArn": "arn:aws:execute-api:%s:%s:%s/dev/GET/proxy/evt" % (REGION, ACCOUNT, self.api)}])
        authorizer = dict(r.json()["requestContext"]["authorizer"])
        latency = authorizer.pop("integrationLatency")
        self.assertIsInstance(latency, int)
        self.assertGreaterEqual(latency, 0)
        self.assertEqual(authorizer, {"principalId": "user-allow-evt", "tenant": "acme", "level": "3", "admin": "true",
                                      "token": "allow-evt"})

    def test_cache_by_ttl(self):
        # authorizerResultTtlInSeconds 300: one call for the same token.
        for _ in range(3):
            self.assertEqual(self.get("/proxy/c", "allow-cache").status, 200)
        self.assertEqual(self.calls().count("allow-cache"), 1)
        self.assertEqual(self.get("/proxy/c", "allow-other").status, 200)
        self.assertEqual(self.calls().count("allow-other"), 1)
        # FlushStageAuthorizersCache forgets the stage's cached results.
        self.apigw.flush_stage_authorizers_cache(restApiId=self.api, stageName="dev")
        self.assertEqual(self.get("/proxy/c", "allow-cache").status, 200)
        self.assertEqual(self.calls().count("allow-cache"), 2)
        self.assertEqual(self.get("/proxy/c", "allow-cache").status, 200)
        self.assertEqual(self.calls().count("allow-cache"), 2)
        # 0: no caching at all.
        for _ in range(3):
            self.assertEqual(self.get("/uncached", "allow-nocache").status, 200)
        self.assertEqual(self.calls().count("allow-nocache"), 3)
        # 1 s: cached, then called again once it expired.
        self.assertEqual(self.get("/short", "allow-short").status, 200)
        self.assertEqual(self.get("/short", "allow-short").status, 200)
        self.assertEqual(self.calls().count("allow-short"), 1)
        time.sleep(1.2)
        self.assertEqual(self.get("/short", "allow-short").status, 200)
        self.assertEqual(self.calls().count("allow-short"), 2)

    def test_broken_authorizers_are_500(self):
        for token in ("nopolicy", "nested-1", "boom"):
            self.assertAnswer(self.get("/proxy/x", token), 500, CONFIGURATION_ERROR, "AuthorizerConfigurationException")
            self.assertIn(token, self.calls())
        self.assertAnswer(self.get("/missing", "allow-m"), 500, CONFIGURATION_ERROR,
                          "AuthorizerConfigurationException")


class RequestAuthorizer(AuthorizerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        create_python(cls.lam, "request-auth", source=PY_REQUEST_AUTHORIZER,
                      Environment={"Variables": {"CALLS": cls.calls_file}})
        create_python(cls.lam, "event-echo", source=PY_EVENT_ECHO)
        api = cls.apigw.create_rest_api(name="request-authorizers")
        cls.api, root = api["id"], api["rootResourceId"]
        auth = cls.apigw.create_authorizer(
            restApiId=cls.api, name="request", type="REQUEST", authorizerUri=invocation_uri("request-auth"),
            identitySource="method.request.header.X-Key, method.request.querystring.user, stageVariables.env",
            authorizerResultTtlInSeconds=300)["id"]
        cls.items = cls.resource(cls.api, cls.resource(cls.api, root, "items"), "{id}")
        cls.method(cls.api, cls.items, "GET", auth, ("AWS_PROXY", "event-echo"))
        cls.apigw.create_deployment(restApiId=cls.api, stageName="test", variables={"env": "testing"})
        cls.apigw.create_deployment(restApiId=cls.api, stageName="bare")

    def get(self, path, key=None, stage="test"):
        headers = [] if key is None else [("X-Key", key)]
        return call("%s/%s/%s%s" % (self.emu.data_url, self.api, stage, path), headers=headers)

    def ann_events(self):
        return [e for e in self.events() if (e["queryStringParameters"] or {}).get("user") == "ann"]

    def test_missing_identity_source_is_401_without_a_call(self):
        before = len(self.calls())
        self.assertAnswer(self.get("/items/1?user=bob"), 401, UNAUTHORIZED, "UnauthorizedException")
        self.assertAnswer(self.get("/items/1", "good"), 401, UNAUTHORIZED)
        self.assertAnswer(self.get("/items/1?user=", "good"), 401, UNAUTHORIZED)
        self.assertAnswer(self.get("/items/1?user=bob", ""), 401, UNAUTHORIZED)
        # The stage variable is an identity source too: a stage without it answers 401.
        self.assertAnswer(self.get("/items/1?user=bob", "good", stage="bare"), 401, UNAUTHORIZED)
        self.assertEqual(len(self.calls()), before)

    def test_event_context_and_cache_by_every_source(self):
        r = self.get("/items/9?user=ann&x=1", "good")
        self.assertEqual(r.status, 200, r.body)
        events = self.ann_events()
        self.assertEqual(len(events), 1)
        e = events[0]
        self.assertEqual(e["type"], "REQUEST")
        self.assertEqual(e["methodArn"], "arn:aws:execute-api:%s:%s:%s/test/GET/items/9" % (REGION, ACCOUNT, self.api))
        self.assertEqual((e["resource"], e["path"], e["httpMethod"]), ("/items/{id}", "/items/9", "GET"))
        self.assertEqual(e["headers"]["X-Key"], "good")
        self.assertEqual(e["multiValueHeaders"]["X-Key"], ["good"])
        self.assertEqual(e["headers"]["X-Forwarded-For"], "127.0.0.1")
        # The trace header of the developer guide's REQUEST event, the same
        # trace the integration then sees.
        self.assertRegex(e["headers"]["X-Amzn-Trace-Id"], r"^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$")
        self.assertEqual(e["queryStringParameters"], {"user": "ann", "x": "1"})
        self.assertEqual(e["multiValueQueryStringParameters"], {"user": ["ann"], "x": ["1"]})
        self.assertEqual(e["pathParameters"], {"id": "9"})
        self.assertEqual(e["stageVariables"], {"env": "testing"})
        self.assertEqual(e["requestContext"]["resourcePath"], "/items/{id}")
        self.assertEqual(e["requestContext"]["resourceId"], self.items)
        self.assertEqual(e["requestContext"]["stage"], "test")
        self.assertEqual(e["requestContext"]["requestId"], r.headers["x-amzn-RequestId"])
        self.assertNotIn("body", e)

        authorizer = r.json()["requestContext"]["authorizer"]
        self.assertEqual({k: authorizer[k] for k in ("principalId", "env", "user", "count")},
                         {"principalId": "req-ann", "env": "testing", "user": "ann", "count": "1"})

        # Same sources (another path parameter and query string too): cached.
        self.assertEqual(self.get("/items/9?user=ann", "good").status, 200)
        self.assertEqual(len(self.ann_events()), 1)
        # One source differs: a new call, and this one denies.
        self.assertAnswer(self.get("/items/9?user=ann", "bad"), 403, EXPLICIT_DENY, "AccessDeniedException")
        self.assertEqual(len(self.ann_events()), 2)


class CustomizedGatewayResponses(AuthorizerTestCase):
    def test_unauthorized_and_access_denied_responses(self):
        create_node(self.lam, "token-auth-gr", source=NODE_TOKEN_AUTHORIZER,
                    Environment={"Variables": {"CALLS": self.calls_file}})
        create_python(self.lam, "event-echo-gr", source=PY_EVENT_ECHO)
        api = self.apigw.create_rest_api(name="gateway-responses")
        api_id, root = api["id"], api["rootResourceId"]
        auth = self.apigw.create_authorizer(restApiId=api_id, name="t", type="TOKEN",
                                            authorizerUri=invocation_uri("token-auth-gr"),
                                            identitySource="method.request.header.Authorization",
                                            authorizerResultTtlInSeconds=0)["id"]
        self.method(api_id, self.resource(api_id, root, "thing"), "GET", auth, ("AWS_PROXY", "event-echo-gr"))
        self.apigw.put_gateway_response(
            restApiId=api_id, responseType="UNAUTHORIZED", statusCode="401",
            responseParameters={"gatewayresponse.header.WWW-Authenticate": "'Bearer realm=\"e2e\"'"},
            responseTemplates={"application/json": '{"error": "$context.error.responseType", '
                                                   '"detail": $context.error.messageString}'})
        self.apigw.put_gateway_response(
            restApiId=api_id, responseType="ACCESS_DENIED", statusCode="404",
            responseTemplates={"application/json": '{"denied": $context.error.messageString, '
                                                   '"tenant": "$context.authorizer.tenant"}'})
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")
        url = "%s/%s/dev/thing" % (self.emu.data_url, api_id)

        for headers in ([], [("Authorization", "unauthorized")]):
            r = call(url, headers=headers)
            self.assertAnswer(r, 401, {"error": "UNAUTHORIZED", "detail": "Unauthorized"}, "UnauthorizedException")
            self.assertEqual(r.headers["WWW-Authenticate"], 'Bearer realm="e2e"')
        r = call(url, headers=[("Authorization", "deny")])
        # The denying authorizer's context reaches the template (the usual way
        # to give a 403 the authorizer's own message).
        self.assertAnswer(r, 404, {"denied": "User is not authorized to access this resource with an explicit deny",
                                   "tenant": "acme"}, "AccessDeniedException")
        # AUTHORIZER_CONFIGURATION_ERROR is not customized: AWS's default.
        self.assertAnswer(call(url, headers=[("Authorization", "nopolicy")]), 500, CONFIGURATION_ERROR)
        self.assertEqual(call(url, headers=[("Authorization", "allow-gr")]).status, 200)


if __name__ == "__main__":
    unittest.main()
