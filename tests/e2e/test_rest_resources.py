"""REST API building blocks end to end, with boto3 and the AWS CLI (v2, and v1 where installed): REST APIs,
resources, methods, method responses, integrations, integration responses and
models, as a user of AWS would drive them; errors as botocore and the CLI see
them; paging with boto3's paginators; the state surviving a restart; and a
renamed resource served at its new path after a new deployment."""
import json
import os
import shutil
import tempfile
import unittest

from harness import Emulator, EmulatorTestCase, http


class RestApis(EmulatorTestCase):
    def test_create_get_update_delete(self):
        api = self.apigw.create_rest_api(name="one", description="first", tags={"team": "a"})
        self.assertEqual(api["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertRegex(api["id"], r"^[a-z0-9]{10}$")
        self.assertRegex(api["rootResourceId"], r"^[a-z0-9]{10}$")
        self.assertEqual(api["endpointConfiguration"], {"types": ["EDGE"], "ipAddressType": "ipv4"})
        self.assertEqual(api["apiKeySource"], "HEADER")
        self.assertFalse(api["disableExecuteApiEndpoint"])
        self.assertEqual(api["tags"], {"team": "a"})
        got = self.apigw.get_rest_api(restApiId=api["id"])
        self.assertEqual(got["createdDate"], api["createdDate"])
        self.assertEqual(got["name"], "one")

        updated = self.apigw.update_rest_api(restApiId=api["id"], patchOperations=[
            {"op": "add", "path": "/binaryMediaTypes/image~1png"},
            {"op": "replace", "path": "/minimumCompressionSize", "value": "1024"},
            {"op": "remove", "path": "/description"}])
        self.assertEqual(updated["binaryMediaTypes"], ["image/png"])
        self.assertEqual(updated["minimumCompressionSize"], 1024)
        self.assertNotIn("description", updated)

        models = self.apigw.get_models(restApiId=api["id"])["items"]
        self.assertEqual([m["name"] for m in models], ["Empty", "Error"])

        self.assertEqual(self.apigw.delete_rest_api(restApiId=api["id"])["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.assertClientError("NotFoundException", self.apigw.get_rest_api, restApiId=api["id"], status=404,
                               message="Invalid API identifier specified 000000000000:" + api["id"])

    def test_validation_errors_reach_botocore(self):
        self.assertClientError("BadRequestException", self.apigw.create_rest_api, name="x", description="",
                               status=400, message="Description cannot be an empty string")
        self.assertClientError("BadRequestException", self.apigw.create_rest_api, name="x",
                               endpointConfiguration={"types": ["EDGE", "REGIONAL"]},
                               message="Cannot create an api with multiple Endpoint Types.")

    def test_custom_id_tag(self):
        api = self.apigw.create_rest_api(name="pinned", tags={"_custom_id_": "pinned-e2e"})
        self.assertEqual(api["id"], "pinned-e2e")
        self.assertClientError("ConflictException", self.apigw.create_rest_api, name="again",
                               tags={"_custom_id_": "pinned-e2e"}, status=409)
        # LocalStack's wording, which its users' tests match
        self.assertClientError("BadRequestException", self.apigw.create_rest_api, name="upper",
                               tags={"_custom_id_": "testId123"}, status=400,
                               message="The RestApiId 'testId123' cannot contain uppercase characters")

    def test_regions_are_separate(self):
        api = self.apigw.create_rest_api(name="west")
        eu = self.emu.client("apigateway", region="eu-west-1")
        self.assertClientError("NotFoundException", eu.get_rest_api, restApiId=api["id"])
        self.assertNotIn(api["id"], [a["id"] for a in eu.get_rest_apis()["items"]])

    def test_paginators_walk_every_page(self):
        api = self.apigw.create_rest_api(name="many")
        root = api["rootResourceId"]
        for i in range(40):
            self.apigw.create_resource(restApiId=api["id"], parentId=root, pathPart="r%02d" % i)
        first = self.apigw.get_resources(restApiId=api["id"])
        self.assertEqual(len(first["items"]), 25)
        self.assertIn("position", first)
        pages = self.apigw.get_paginator("get_resources").paginate(restApiId=api["id"])
        paths = [r["path"] for page in pages for r in page["items"]]
        self.assertEqual(len(paths), 41)
        self.assertEqual(len(set(paths)), 41)


class Resources(EmulatorTestCase):
    def setUp(self):
        api = self.apigw.create_rest_api(name="resources")
        self.api, self.root = api["id"], api["rootResourceId"]

    def test_tree_moves_and_deletes(self):
        a = self.apigw.create_resource(restApiId=self.api, parentId=self.root, pathPart="a")
        self.assertEqual(a["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertRegex(a["id"], r"^[a-z0-9]{6}$")
        b = self.apigw.create_resource(restApiId=self.api, parentId=self.root, pathPart="b")
        leaf = self.apigw.create_resource(restApiId=self.api, parentId=a["id"], pathPart="{id}")
        self.assertEqual(leaf["path"], "/a/{id}")
        moved = self.apigw.update_resource(restApiId=self.api, resourceId=a["id"], patchOperations=[
            {"op": "replace", "path": "/parentId", "value": b["id"]}])
        self.assertEqual(moved["path"], "/b/a")
        self.assertEqual(self.apigw.get_resource(restApiId=self.api, resourceId=leaf["id"])["path"], "/b/a/{id}")
        self.assertClientError("BadRequestException", self.apigw.update_resource, restApiId=self.api,
                               resourceId=b["id"], patchOperations=[
                                   {"op": "replace", "path": "/parentId", "value": leaf["id"]}],
                               message="Resources cannot be cyclical.")
        self.apigw.delete_resource(restApiId=self.api, resourceId=b["id"])
        self.assertEqual([r["path"] for r in self.apigw.get_resources(restApiId=self.api)["items"]], ["/"])

    def test_proxy_rules(self):
        proxy = self.apigw.create_resource(restApiId=self.api, parentId=self.root, pathPart="{proxy+}")
        self.assertClientError(
            "BadRequestException", self.apigw.create_resource, restApiId=self.api, parentId=proxy["id"],
            pathPart="child", message="Cannot create a child of a resource with a greedy path variable: {proxy+}")
        self.assertClientError(
            "BadRequestException", self.apigw.create_resource, restApiId=self.api, parentId=self.root,
            pathPart="{other}",
            message="A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed")

    def test_embed_methods(self):
        self.apigw.put_method(restApiId=self.api, resourceId=self.root, httpMethod="GET", authorizationType="NONE")
        plain = self.apigw.get_resource(restApiId=self.api, resourceId=self.root)
        self.assertEqual(plain["resourceMethods"], {"GET": {}})
        embedded = self.apigw.get_resource(restApiId=self.api, resourceId=self.root, embed=["methods"])
        self.assertEqual(embedded["resourceMethods"]["GET"]["authorizationType"], "NONE")
        listed = self.apigw.get_resources(restApiId=self.api, embed=["methods"])["items"]
        self.assertEqual(listed[0]["resourceMethods"]["GET"]["httpMethod"], "GET")


class Methods(EmulatorTestCase):
    def setUp(self):
        api = self.apigw.create_rest_api(name="methods")
        self.api, self.root = api["id"], api["rootResourceId"]
        self.ids = dict(restApiId=self.api, resourceId=self.root)

    def test_method_integration_and_responses(self):
        m = self.apigw.put_method(httpMethod="POST", authorizationType="NONE",
                                  requestParameters={"method.request.querystring.q": True},
                                  requestModels={"application/json": "Empty"}, **self.ids)
        self.assertEqual(m["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertFalse(m["apiKeyRequired"])
        self.assertClientError("ConflictException", self.apigw.put_method, httpMethod="POST",
                               authorizationType="NONE", status=409,
                               message="Method already exists for this resource", **self.ids)
        self.apigw.put_method_response(httpMethod="POST", statusCode="200",
                                       responseModels={"application/json": "Empty"}, **self.ids)
        integration = self.apigw.put_integration(
            httpMethod="POST", type="HTTP", integrationHttpMethod="GET", uri="http://example.com/{q}",
            requestParameters={"integration.request.path.q": "method.request.querystring.q"}, **self.ids)
        self.assertEqual(integration["connectionType"], "INTERNET")
        self.assertEqual(integration["timeoutInMillis"], 29000)
        self.assertEqual(integration["cacheNamespace"], self.root)
        self.assertEqual(integration["cacheKeyParameters"], [])
        self.apigw.put_integration_response(httpMethod="POST", statusCode="200", selectionPattern="",
                                            responseTemplates={"application/json": ""}, **self.ids)
        ir = self.apigw.get_integration_response(httpMethod="POST", statusCode="200", **self.ids)
        self.assertEqual(ir["responseTemplates"], {"application/json": None})

        method = self.apigw.get_method(httpMethod="POST", **self.ids)
        self.assertEqual(method["methodResponses"]["200"]["responseModels"], {"application/json": "Empty"})
        self.assertEqual(method["methodIntegration"]["integrationResponses"]["200"]["selectionPattern"], "")

        updated = self.apigw.update_method(httpMethod="POST", patchOperations=[
            {"op": "replace", "path": "/apiKeyRequired", "value": "true"},
            {"op": "remove", "path": "/requestModels/application~1json"}], **self.ids)
        self.assertTrue(updated["apiKeyRequired"])
        self.assertNotIn("requestModels", updated)
        mr = self.apigw.update_method_response(httpMethod="POST", statusCode="200", patchOperations=[
            {"op": "add", "path": "/responseParameters/method.response.header.X-Id", "value": "false"}], **self.ids)
        self.assertEqual(mr["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(mr["responseParameters"], {"method.response.header.X-Id": False})
        ui = self.apigw.update_integration(httpMethod="POST", patchOperations=[
            {"op": "replace", "path": "/timeoutInMillis", "value": "5000"}], **self.ids)
        self.assertEqual(ui["timeoutInMillis"], 5000)

        self.apigw.delete_integration_response(httpMethod="POST", statusCode="200", **self.ids)
        self.apigw.delete_integration(httpMethod="POST", **self.ids)
        self.assertClientError("NotFoundException", self.apigw.get_integration, httpMethod="POST",
                               message="Invalid Integration identifier specified", **self.ids)
        self.apigw.delete_method_response(httpMethod="POST", statusCode="200", **self.ids)
        self.apigw.delete_method(httpMethod="POST", **self.ids)
        self.assertClientError("NotFoundException", self.apigw.get_method, httpMethod="POST",
                               message="Invalid Method identifier specified", **self.ids)

    def test_validation_messages(self):
        self.assertClientError(
            "BadRequestException", self.apigw.put_method, httpMethod="WRONG", authorizationType="NONE",
            message="Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY",
            **self.ids)
        self.apigw.put_method(httpMethod="GET", authorizationType="NONE", **self.ids)
        self.assertClientError("BadRequestException", self.apigw.put_integration, httpMethod="GET", type="HTTP",
                               uri="http://example.com",
                               message="Enumeration value for HttpMethod must be non-empty", **self.ids)
        self.assertClientError("BadRequestException", self.apigw.put_integration, httpMethod="GET", type="MOCK",
                               timeoutInMillis=30000,
                               message="Timeout should be between 50 ms and 29000 ms", **self.ids)
        self.assertClientError("ValidationException", self.apigw.get_integration_response, httpMethod="GET",
                               statusCode="wrong", status=400, **self.ids)


class Models(EmulatorTestCase):
    def test_model_lifecycle_and_in_use(self):
        api = self.apigw.create_rest_api(name="models")
        schema = json.dumps({"type": "object", "properties": {"a": {"type": "number"}}})
        model = self.apigw.create_model(restApiId=api["id"], name="Calc", contentType="application/json",
                                        schema=schema, description="calc")
        self.assertEqual(model["schema"], schema)
        self.assertRegex(model["id"], r"^[a-z0-9]{6}$")
        self.apigw.put_method(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="POST",
                              authorizationType="NONE", requestModels={"application/json": "Calc"})
        self.assertClientError("ConflictException", self.apigw.delete_model, restApiId=api["id"], modelName="Calc",
                               message="Cannot delete model 'Calc', is referenced in method request: //POST")
        updated = self.apigw.update_model(restApiId=api["id"], modelName="Calc", patchOperations=[
            {"op": "replace", "path": "/description", "value": "new"}])
        self.assertEqual(updated["description"], "new")
        self.apigw.delete_method(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="POST")
        self.apigw.delete_model(restApiId=api["id"], modelName="Calc")
        self.assertClientError("NotFoundException", self.apigw.get_model, restApiId=api["id"], modelName="Calc",
                               message="Invalid model name specified: Calc")


class Cli(EmulatorTestCase):
    def test_cli_v2_shorthand_and_errors(self):
        api = self.emu.cli("apigateway", "create-rest-api", "--name", "cli", "--binary-media-types", "image/png")
        self.assertEqual(api["binaryMediaTypes"], ["image/png"])
        updated = self.emu.cli("apigateway", "update-rest-api", "--rest-api-id", api["id"], "--patch-operations",
                               "op=replace,path=/description,value=from the CLI")
        self.assertEqual(updated["description"], "from the CLI")
        # The CLI's older model has no rootResourceId: find the root as a CLI user would.
        root = self.emu.cli("apigateway", "get-resources", "--rest-api-id", api["id"])["items"][0]["id"]
        res = self.emu.cli("apigateway", "create-resource", "--rest-api-id", api["id"], "--parent-id", root,
                           "--path-part", "items")
        self.emu.cli("apigateway", "put-method", "--rest-api-id", api["id"], "--resource-id", res["id"],
                     "--http-method", "GET", "--authorization-type", "NONE", "--request-parameters",
                     "method.request.querystring.page=false")
        method = self.emu.cli("apigateway", "get-method", "--rest-api-id", api["id"], "--resource-id", res["id"],
                              "--http-method", "GET")
        self.assertEqual(method["requestParameters"], {"method.request.querystring.page": False})
        p = self.emu.cli("apigateway", "get-rest-api", "--rest-api-id", "nope", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("An error occurred (NotFoundException) when calling the GetRestApi operation: "
                      "Invalid API identifier specified 000000000000:nope", p.stderr)

    def test_cli_v1_and_v2_print_the_same_errors(self):
        # `aws` on PATH is the CLI v1 (pip) where it is installed; /usr/bin/aws is the v2.
        versions = (False, True) if shutil.which("aws") else (True,)
        api = self.apigw.create_rest_api(name="cli-both")
        self.apigw.put_method(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET",
                              authorizationType="NONE")
        self.apigw.put_integration(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET",
                                   type="MOCK")
        for v2 in versions:
            p = self.emu.cli("apigateway", "tag-resource", "--resource-arn",
                             "arn:aws:apigateway:us-east-1::/restapis/" + api["id"], "--tags", "aws:owner=me",
                             check=False, v2=v2)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn("An error occurred (BadRequestException) when calling the TagResource operation: "
                          "Invalid tag key. Tag keys cannot start with 'aws:' (case insensitive)", p.stderr)
            p = self.emu.cli("apigateway", "create-deployment", "--rest-api-id", api["id"], "--stage-name", "dev",
                             "--variables", "alias=$LATEST", check=False, v2=v2)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn("(BadRequestException) when calling the CreateDeployment operation: "
                          "Invalid stage variable value: $LATEST.  Please use values with alphanumeric characters",
                          p.stderr)


class StageVariablesAndTags(EmulatorTestCase):
    """AWS's rules for stage variables and tag keys, with the messages AWS answers."""

    def test_stage_variable_rules(self):
        api_id = self.new_rest_api(name="vars")["id"]
        root = self.apigw.get_resources(restApiId=api_id)["items"][0]["id"]
        self.apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
        self.apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")
        rule = (".  Please use values with alphanumeric characters and the symbols ' ', -', '.', '_', ':', '/', "
                "'?', '&', '=', and ','.")
        self.assertClientError("BadRequestException", self.apigw.create_deployment, restApiId=api_id,
                               stageName="dev", variables={"admin_pass": ""},
                               message="Invalid stage variable value: " + rule)
        self.assertClientError("NotFoundException", self.apigw.get_stage, restApiId=api_id, stageName="dev")
        self.apigw.create_deployment(restApiId=api_id, stageName="dev",
                                     variables={"url": "https://h.example/p?a=1&b=2", "fn": "arn:aws:lambda:x:1:f"})
        self.assertClientError(
            "BadRequestException", self.apigw.update_stage, restApiId=api_id, stageName="dev",
            patchOperations=[{"op": "replace", "path": "/variables/owner:application-name", "value": "foo"}],
            message="Invalid stage variable name: owner:application-name.  Please use names with only word characters.")
        self.assertEqual(self.apigw.get_stage(restApiId=api_id, stageName="dev")["variables"],
                         {"url": "https://h.example/p?a=1&b=2", "fn": "arn:aws:lambda:x:1:f"})

    def test_reserved_tag_keys_and_model_names(self):
        self.assertClientError("BadRequestException", self.apigw.create_rest_api, name="t", tags={"AWS:x": "1"},
                               message="Invalid tag key. Tag keys cannot start with 'aws:' (case insensitive)")
        api_id = self.new_rest_api(name="t")["id"]
        self.assertClientError("BadRequestException", self.apigw.create_model, restApiId=api_id, name="body_1",
                               contentType="application/json", schema="{}",
                               message="Model name must be alphanumeric: body_1")


class MappingDeclarations(EmulatorTestCase):
    """An integration maps only the method request parameters and method response
    headers its method declares, with AWS's messages (as CloudFormation, CDK and
    Serverless users report them from AWS)."""

    def test_request_and_response_mappings_need_declarations(self):
        api = self.apigw.create_rest_api(name="decl")
        api_id, root = api["id"], api["rootResourceId"]
        pet = self.apigw.create_resource(restApiId=api_id, parentId=root, pathPart="{petId}")["id"]
        ids = dict(restApiId=api_id, resourceId=pet, httpMethod="GET")
        self.apigw.put_method(authorizationType="NONE", **ids)
        prefix = "Invalid mapping expression specified: Validation Result: warnings : [], errors : ["
        self.assertClientError("BadRequestException", self.apigw.put_integration, type="HTTP",
                               integrationHttpMethod="GET", uri="http://example.com/pets/{id}",
                               requestParameters={"integration.request.path.id": "method.request.path.petId"},
                               message=prefix + "Invalid mapping expression parameter specified: "
                                                "method.request.path.petId]", **ids)
        self.apigw.update_method(patchOperations=[
            {"op": "add", "path": "/requestParameters/method.request.path.petId", "value": "true"}], **ids)
        self.apigw.put_integration(type="HTTP", integrationHttpMethod="GET", uri="http://example.com/pets/{id}",
                                   requestParameters={"integration.request.path.id": "method.request.path.petId"},
                                   **ids)
        self.assertClientError("BadRequestException", self.apigw.put_integration_response, statusCode="200",
                               responseParameters={"method.response.header.Access-Control-Allow-Origin": "'*'"},
                               message=prefix + "No method response exists for method.]", **ids)
        self.apigw.put_method_response(statusCode="200", responseParameters={"method.response.header.X-Id": False},
                                       **ids)
        self.assertClientError("BadRequestException", self.apigw.put_integration_response, statusCode="200",
                               responseParameters={"method.response.header.Access-Control-Allow-Origin": "'*'"},
                               message=prefix + "Invalid mapping expression parameter specified: "
                                                "method.response.header.Access-Control-Allow-Origin]", **ids)
        got = self.apigw.put_integration_response(statusCode="200",
                                                  responseParameters={"method.response.header.X-Id": "'1'"}, **ids)
        self.assertEqual(got["responseParameters"], {"method.response.header.X-Id": "'1'"})


class Persistence(unittest.TestCase):
    def test_resources_survive_a_restart(self):
        with tempfile.TemporaryDirectory() as d:
            state = os.path.join(d, "state.db")
            with Emulator(state=state) as emu:
                apigw = emu.client("apigateway")
                api = apigw.create_rest_api(name="durable")
                res = apigw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="kept")
                apigw.put_method(restApiId=api["id"], resourceId=res["id"], httpMethod="GET",
                                 authorizationType="NONE")
            with Emulator(state=state) as emu:
                apigw = emu.client("apigateway")
                self.assertEqual(apigw.get_rest_api(restApiId=api["id"])["name"], "durable")
                self.assertEqual(apigw.get_resource(restApiId=api["id"], resourceId=res["id"])["path"], "/kept")
                self.assertEqual(apigw.get_method(restApiId=api["id"], resourceId=res["id"],
                                                  httpMethod="GET")["authorizationType"], "NONE")


class Served(EmulatorTestCase):
    def test_renamed_resource_is_served_at_its_new_path_after_redeploying(self):
        api = self.apigw.create_rest_api(name="served")
        api_id = api["id"]
        res = self.apigw.create_resource(restApiId=api_id, parentId=api["rootResourceId"], pathPart="old")
        ids = dict(restApiId=api_id, resourceId=res["id"], httpMethod="GET")
        self.apigw.put_method(authorizationType="NONE", **ids)
        self.apigw.put_integration(type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'}, **ids)
        self.apigw.put_method_response(statusCode="200", **ids)
        self.apigw.put_integration_response(statusCode="200", responseTemplates={"application/json": '{"at":"x"}'},
                                            **ids)
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")
        status, _, body = http("GET", self.emu.url(api_id, "dev", "/old"))
        self.assertEqual((status, json.loads(body)), (200, {"at": "x"}))

        self.apigw.update_resource(restApiId=api_id, resourceId=res["id"], patchOperations=[
            {"op": "replace", "path": "/pathPart", "value": "new"}])
        # The stage keeps serving its deployment until a new one is made.
        self.assertEqual(http("GET", self.emu.url(api_id, "dev", "/old"))[0], 200)
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")
        self.assertEqual(http("GET", self.emu.url(api_id, "dev", "/new"))[0], 200)
        self.assertNotEqual(http("GET", self.emu.url(api_id, "dev", "/old"))[0], 200)


if __name__ == "__main__":
    unittest.main()
