"""Gateway responses, authorizers and request validators end to end: a
customized MISSING_AUTHENTICATION_TOKEN response (status, a header mapping, a
template) answers an unknown path once deployed, and only then; DEFAULT_4XX
stands in for the types nobody customized; the CLI v2 lists every type with
AWS's defaults; authorizers and request validators through boto3 and the CLI,
with AWS's errors; all of it surviving a restart."""
import json
import os
import tempfile
import unittest

from harness import Emulator, EmulatorTestCase, http

TEMPLATE = ('{"msg":$context.error.messageString,"type":"$context.error.responseType",'
            '"stage":"$context.stage"}')
LAMBDA_URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
              "arn:aws:lambda:us-east-1:000000000000:function:auth/invocations")


class GatewayResponses(EmulatorTestCase):
    def deployable_api(self, name):
        """A REST API whose GET / answers 200 from a MOCK integration."""
        api = self.apigw.create_rest_api(name=name)
        api_id, root = api["id"], api["rootResourceId"]
        self.apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
        self.apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
        self.apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                                   requestTemplates={"application/json": '{"statusCode": 200}'})
        self.apigw.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                            responseTemplates={"application/json": '{"ok": true}'})
        return api_id

    def test_customized_missing_authentication_token_answers_unknown_paths(self):
        api_id = self.deployable_api("gw-token")
        put = self.apigw.put_gateway_response(
            restApiId=api_id, responseType="MISSING_AUTHENTICATION_TOKEN", statusCode="404",
            responseParameters={"gatewayresponse.header.x-custom": "'yes'",
                                "gatewayresponse.header.x-accept": "method.request.header.Accept"},
            responseTemplates={"application/json": TEMPLATE})
        self.assertEqual(put["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertFalse(put["defaultResponse"])
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")

        status, headers, body = http("GET", self.emu.url(api_id, "dev", "/no/such/path"),
                                     headers={"Accept": "application/json"})
        self.assertEqual(status, 404, body)
        self.assertEqual(headers.get("x-custom"), "yes")
        self.assertEqual(headers.get("x-accept"), "application/json")
        self.assertEqual(headers.get("x-amzn-errortype"), "MissingAuthenticationTokenException")
        self.assertEqual(json.loads(body), {"msg": "Missing Authentication Token",
                                            "type": "MISSING_AUTHENTICATION_TOKEN", "stage": "dev"})
        # The API's own method still answers.
        status, _, body = http("GET", self.emu.url(api_id, "dev", "/"))
        self.assertEqual((status, json.loads(body)), (200, {"ok": True}))

        # Deleted, the customization keeps answering until the next deployment.
        self.apigw.delete_gateway_response(restApiId=api_id, responseType="MISSING_AUTHENTICATION_TOKEN")
        self.assertEqual(http("GET", self.emu.url(api_id, "dev", "/nope"))[0], 404)
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")
        status, headers, body = http("GET", self.emu.url(api_id, "dev", "/nope"))
        self.assertEqual(status, 403)
        self.assertNotIn("x-custom", headers)
        self.assertEqual(json.loads(body), {"message": "Missing Authentication Token"})

    def test_default_4xx_stands_in_for_untouched_types(self):
        api_id = self.deployable_api("gw-4xx")
        self.apigw.put_gateway_response(
            restApiId=api_id, responseType="DEFAULT_4XX",
            responseParameters={"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
            responseTemplates={"application/json": '{"error":"$context.error.responseType"}'})
        shown = self.apigw.get_gateway_response(restApiId=api_id, responseType="MISSING_AUTHENTICATION_TOKEN")
        self.assertTrue(shown["defaultResponse"])
        self.assertEqual(shown["statusCode"], "403")
        self.assertEqual(shown["responseParameters"], {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"})
        self.apigw.create_deployment(restApiId=api_id, stageName="v1")
        status, headers, body = http("POST", self.emu.url(api_id, "v1", "/missing"))
        self.assertEqual(status, 403)
        self.assertEqual(headers.get("access-control-allow-origin"), "*")
        self.assertEqual(json.loads(body), {"error": "MISSING_AUTHENTICATION_TOKEN"})

    def test_templates_substitute_variables_and_are_not_velocity(self):
        # "a non-VTL mapping template supporting only simple variable substitutions"
        # (developer guide, "Gateway responses for REST APIs in API Gateway").
        api_id = self.deployable_api("gw-subst")
        self.apigw.put_gateway_response(
            restApiId=api_id, responseType="MISSING_AUTHENTICATION_TOKEN",
            responseTemplates={"application/json": (
                '{"message":$context.error.messageString,"stage":"$context.stage","env":"$stageVariables.env",'
                '"missing":"$context.authorizer.message","vtl":"#if(true)yes#end #set($a = 1)$input.params(\'q\')"}')})
        self.apigw.create_deployment(restApiId=api_id, stageName="dev", variables={"env": "test"})
        status, _, body = http("GET", self.emu.url(api_id, "dev", "/missing?q=1"))
        self.assertEqual(status, 403)
        self.assertEqual(json.loads(body), {"message": "Missing Authentication Token", "stage": "dev", "env": "test",
                                            "missing": "", "vtl": "#if(true)yes#end #set($a = 1)$input.params('q')"})

    def test_cli_lists_every_type_with_aws_defaults(self):
        api_id = self.apigw.create_rest_api(name="gw-cli")["id"]
        self.emu.cli("apigateway", "put-gateway-response", "--rest-api-id", api_id, "--response-type", "THROTTLED",
                     "--status-code", "503", "--response-templates", json.dumps({"application/json": "{}"}))
        items = self.emu.cli("apigateway", "get-gateway-responses", "--rest-api-id", api_id)["items"]
        by_type = {i["responseType"]: i for i in items}
        self.assertEqual(len(items), 21)
        self.assertEqual(by_type["THROTTLED"], {"defaultResponse": False, "responseParameters": {},
                                                "responseTemplates": {"application/json": "{}"},
                                                "responseType": "THROTTLED", "statusCode": "503"})
        self.assertEqual(by_type["INTEGRATION_TIMEOUT"]["statusCode"], "504")
        self.assertEqual(by_type["ACCESS_DENIED"]["responseTemplates"],
                         {"application/json": '{"message":$context.error.messageString}'})
        self.assertNotIn("statusCode", by_type["DEFAULT_5XX"])
        updated = self.emu.cli("apigateway", "update-gateway-response", "--rest-api-id", api_id, "--response-type",
                               "THROTTLED", "--patch-operations", "op=replace,path=/statusCode,value=429")
        self.assertEqual(updated["statusCode"], "429")
        p = self.emu.cli("apigateway", "delete-gateway-response", "--rest-api-id", api_id, "--response-type",
                         "DEFAULT_4XX", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("NotFoundException", p.stderr)
        self.assertIn("Gateway response type not defined on api", p.stderr)
        self.assertClientError("NotFoundException", self.apigw.update_gateway_response, restApiId=api_id,
                               responseType="DEFAULT_5XX", status=404, message="Invalid parameter name specified",
                               patchOperations=[{"op": "replace", "path": "/responseParameters/x", "value": "'y'"}])


class AuthorizersAndValidators(EmulatorTestCase):
    def test_authorizer_lifecycle(self):
        api = self.apigw.create_rest_api(name="auth")
        api_id, root = api["id"], api["rootResourceId"]
        auth = self.apigw.create_authorizer(restApiId=api_id, name="token", type="TOKEN", authorizerUri=LAMBDA_URI)
        self.assertEqual(auth["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertRegex(auth["id"], r"^[a-z0-9]{6}$")
        self.assertEqual(auth["authType"], "custom")
        self.assertEqual(auth["identitySource"], "method.request.header.Authorization")
        self.assertNotIn("authorizerResultTtlInSeconds", auth)
        self.apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="CUSTOM",
                              authorizerId=auth["id"])
        self.assertClientError("ConflictException", self.apigw.delete_authorizer, restApiId=api_id,
                               authorizerId=auth["id"], status=409,
                               message="Cannot delete authorizer 'token', is referenced in method: GET//")
        updated = self.apigw.update_authorizer(restApiId=api_id, authorizerId=auth["id"], patchOperations=[
            {"op": "replace", "path": "/authorizerResultTtlInSeconds", "value": "0"}])
        self.assertEqual(updated["authorizerResultTtlInSeconds"], 0)
        listed = self.emu.cli("apigateway", "get-authorizers", "--rest-api-id", api_id)["items"]
        self.assertEqual([a["id"] for a in listed], [auth["id"]])
        self.assertClientError("BadRequestException", self.apigw.create_authorizer, restApiId=api_id, name="bad",
                               type="TOKEN", authorizerUri=LAMBDA_URI, identitySource="method.request.querystring.t",
                               message="Invalid token source expression: method.request.querystring.t. The source "
                                       "must be a method request header, matching "
                                       "'method.request.header.[a-zA-Z0-9._-]+'.")
        self.assertClientError("ConflictException", self.apigw.create_authorizer, restApiId="nosuchapi0",
                               name="x", type="TOKEN", authorizerUri=LAMBDA_URI)

    def test_request_validator_lifecycle(self):
        api_id = self.apigw.create_rest_api(name="validators")["id"]
        v = self.apigw.create_request_validator(restApiId=api_id, name="body-only", validateRequestBody=True)
        self.assertEqual(v["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual((v["validateRequestBody"], v["validateRequestParameters"]), (True, False))
        v2 = self.emu.cli("apigateway", "update-request-validator", "--rest-api-id", api_id,
                          "--request-validator-id", v["id"], "--patch-operations",
                          "op=replace,path=/validateRequestParameters,value=true")
        self.assertTrue(v2["validateRequestParameters"])
        self.assertClientError("BadRequestException", self.apigw.update_request_validator, restApiId=api_id,
                               requestValidatorId=v["id"], message="Request Validator name cannot be blank",
                               patchOperations=[{"op": "replace", "path": "/name", "value": ""}])
        self.assertEqual(self.apigw.delete_request_validator(restApiId=api_id, requestValidatorId=v["id"])
                         ["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.assertClientError("NotFoundException", self.apigw.get_request_validator, restApiId=api_id,
                               requestValidatorId=v["id"], message="Invalid Request Validator identifier specified")
        self.assertClientError("BadRequestException", self.apigw.create_request_validator, restApiId="nosuchapi0",
                               name="x", status=400, message="Invalid REST API identifier specified")


class Restart(unittest.TestCase):
    def test_everything_survives_a_restart(self):
        with tempfile.TemporaryDirectory() as d:
            state = os.path.join(d, "state.db")
            with Emulator(state=state) as emu:
                apigw = emu.client("apigateway")
                api_id = apigw.create_rest_api(name="persist")["id"]
                apigw.put_gateway_response(restApiId=api_id, responseType="QUOTA_EXCEEDED", statusCode="430")
                auth = apigw.create_authorizer(restApiId=api_id, name="a", type="REQUEST", authorizerUri=LAMBDA_URI)
                validator = apigw.create_request_validator(restApiId=api_id, name="v")
            with Emulator(state=state) as emu:
                apigw = emu.client("apigateway")
                self.assertEqual(apigw.get_gateway_response(restApiId=api_id, responseType="QUOTA_EXCEEDED")
                                 ["statusCode"], "430")
                self.assertEqual(apigw.get_authorizer(restApiId=api_id, authorizerId=auth["id"])["type"], "REQUEST")
                self.assertEqual(apigw.get_request_validator(restApiId=api_id, requestValidatorId=validator["id"])
                                 ["name"], "v")


if __name__ == "__main__":
    unittest.main()
