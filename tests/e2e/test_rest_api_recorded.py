"""apigateway control-plane calls reproduced from responses recorded against AWS
(LocalStack's AWS-validated snapshots test_apigateway_api, test_apigateway_common):
the same boto3 calls, and the status, shape and error wording AWS answered.
Documentation parts and versions, VPC links, stage cache flushes; client
certificates and the account reset as the AWS docs and AWS-run Terraform tests show them."""
import json

from botocore.config import Config

from harness import EmulatorTestCase


class DocumentationParts(EmulatorTestCase):
    def test_lifecycle(self):
        api_id = self.new_rest_api(description="this is my api")["id"]
        created = self.apigw.create_documentation_part(
            restApiId=api_id, location={"type": "API"}, properties='{ "description": "Sample API description" }')
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 201)
        part_id = created["id"]
        self.assertRegex(part_id, r"^[a-z0-9]{6}$")
        self.assertEqual(created["location"], {"type": "API"})
        self.assertEqual(json.loads(created["properties"]), {"description": "Sample API description"})
        # properties stay the string that was sent
        self.assertEqual(created["properties"], '{ "description": "Sample API description" }')

        got = self.apigw.get_documentation_part(restApiId=api_id, documentationPartId=part_id)
        self.assertEqual({k: got[k] for k in ("id", "location", "properties")},
                         {k: created[k] for k in ("id", "location", "properties")})
        listed = self.apigw.get_documentation_parts(restApiId=api_id)["items"]
        self.assertEqual([p["id"] for p in listed], [part_id])

        updated = self.apigw.update_documentation_part(restApiId=api_id, documentationPartId=part_id, patchOperations=[
            {"op": "replace", "path": "/properties", "value": '{ "description": "Updated Sample API description" }'}])
        self.assertEqual(updated["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(json.loads(updated["properties"]), {"description": "Updated Sample API description"})
        got = self.apigw.get_documentation_part(restApiId=api_id, documentationPartId=part_id)
        self.assertEqual(got["properties"], updated["properties"])

        deleted = self.apigw.delete_documentation_part(restApiId=api_id, documentationPartId=part_id)
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.assertClientError("NotFoundException", self.apigw.delete_documentation_part, restApiId=api_id,
                               documentationPartId=part_id, status=404,
                               message="Invalid Documentation part identifier specified")

    def test_missing_api_and_part(self):
        api_id = self.new_rest_api()["id"]
        part_id = self.apigw.create_documentation_part(restApiId=api_id, location={"type": "API"},
                                                       properties='{"a": 1}')["id"]
        missing_api = "Invalid API identifier specified 000000000000:api_id"
        self.assertClientError("NotFoundException", self.apigw.create_documentation_part, restApiId="api_id",
                               location={"type": "API"}, properties="{}", status=404, message=missing_api)
        self.assertClientError("NotFoundException", self.apigw.get_documentation_parts, restApiId="api_id",
                               message=missing_api)
        self.assertClientError("NotFoundException", self.apigw.delete_documentation_part, restApiId="api_id",
                               documentationPartId=part_id, message=missing_api)
        # Get and Update name the part, not the API
        wrong_part = "Invalid Documentation part identifier specified"
        self.assertClientError("NotFoundException", self.apigw.get_documentation_part, restApiId="api_id",
                               documentationPartId=part_id, message=wrong_part)
        self.assertClientError("NotFoundException", self.apigw.get_documentation_part, restApiId=api_id,
                               documentationPartId="documentation_part_id", message=wrong_part)
        self.assertClientError("NotFoundException", self.apigw.update_documentation_part, restApiId="api_id",
                               documentationPartId=part_id,
                               patchOperations=[{"op": "replace", "path": "/properties", "value": "{}"}],
                               message=wrong_part)

    def test_validation(self):
        api_id = self.new_rest_api()["id"]
        unvalidated = self.emu.client("apigateway")
        unvalidated.meta.config.parameter_validation = False
        err = self.assertClientError("ValidationException", unvalidated.create_documentation_part, restApiId=api_id,
                                     location={"type": "INVALID"}, properties="{}", status=400)
        self.assertEqual(err["Error"]["Message"],
                         "1 validation error detected: Value 'INVALID' at 'createDocumentationPartInput.location.type'"
                         " failed to satisfy constraint: Member must satisfy enum value set: [RESPONSE_BODY, RESPONSE,"
                         " METHOD, MODEL, AUTHORIZER, RESPONSE_HEADER, RESOURCE, PATH_PARAMETER, REQUEST_BODY,"
                         " QUERY_PARAMETER, API, REQUEST_HEADER]")
        part_id = self.apigw.create_documentation_part(restApiId=api_id, location={"type": "API"},
                                                       properties='{"a": 1}')["id"]
        self.assertClientError("BadRequestException", self.apigw.update_documentation_part, restApiId=api_id,
                               documentationPartId=part_id,
                               patchOperations=[{"op": "add", "path": "/properties", "value": "{}"}], status=400,
                               message="Invalid patch path  '/properties' specified for op 'add'. "
                                       "Please choose supported operations")
        self.assertClientError("BadRequestException", self.apigw.update_documentation_part, restApiId=api_id,
                               documentationPartId=part_id,
                               patchOperations=[{"op": "replace", "path": "/invalidPath", "value": "{}"}],
                               message="Invalid patch path  '/invalidPath' specified for op 'replace'. "
                                       "Must be one of: [/properties]")
        # developer guide: a second part at a location is a conflict
        self.assertClientError("ConflictException", self.apigw.create_documentation_part, restApiId=api_id,
                               location={"type": "API"}, properties='{"b": 2}', status=409,
                               message="Documentation part already exists for the specified location: type 'API'.")

    def test_location_defaults_and_filters(self):
        api_id = self.new_rest_api()["id"]
        method = self.apigw.create_documentation_part(restApiId=api_id, location={"type": "METHOD", "method": "GET"},
                                                      properties='{"description": "m"}')
        self.assertEqual(method["location"], {"type": "METHOD", "path": "/", "method": "GET"})
        response = self.apigw.create_documentation_part(
            restApiId=api_id, location={"type": "RESPONSE", "path": "/pets", "statusCode": "200"},
            properties='{"description": "r"}')
        self.assertEqual(response["location"], {"type": "RESPONSE", "path": "/pets", "method": "*", "statusCode": "200"})
        model = self.apigw.create_documentation_part(restApiId=api_id, location={"type": "MODEL", "name": "Pet"},
                                                     properties='{"title": "Pet"}')
        self.assertEqual(model["location"], {"type": "MODEL", "name": "Pet"})
        # an omitted field is its default: the same location again
        self.assertClientError("ConflictException", self.apigw.create_documentation_part, restApiId=api_id,
                               location={"type": "METHOD", "path": "/", "method": "GET"}, properties="{}")
        self.assertEqual([p["id"] for p in self.apigw.get_documentation_parts(restApiId=api_id, type="MODEL")["items"]],
                         [model["id"]])
        self.assertEqual([p["id"] for p in self.apigw.get_documentation_parts(restApiId=api_id, path="/pets")["items"]],
                         [response["id"]])
        page = self.apigw.get_documentation_parts(restApiId=api_id, limit=2)
        self.assertEqual(len(page["items"]), 2)
        rest = self.apigw.get_documentation_parts(restApiId=api_id, limit=2, position=page["position"])
        self.assertEqual([p["id"] for p in rest["items"]], [model["id"]])

    def test_import(self):
        api_id = self.new_rest_api()["id"]
        definition = {
            "openapi": "3.0.0", "info": {"title": "doc", "version": "1"}, "paths": {},
            "x-amazon-apigateway-documentation": {"version": "1.0.3", "documentationParts": [
                {"location": {"type": "API"}, "properties": {"description": "API description"}},
                {"location": {"type": "METHOD", "method": "GET"}, "properties": {"description": "Method description."}},
                {"location": {"type": "MODEL", "name": "Empty"}, "properties": {"title": "Empty Schema"}},
                {"location": {"type": "RESPONSE", "method": "GET", "statusCode": "200"},
                 "properties": {"description": "200 response"}}]}}
        imported = self.apigw.import_documentation_parts(restApiId=api_id, mode="overwrite",
                                                         body=json.dumps(definition))
        self.assertEqual(imported["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(len(imported["ids"]), 4)
        parts = self.apigw.get_documentation_parts(restApiId=api_id)["items"]
        self.assertEqual([p["id"] for p in parts], imported["ids"])
        self.assertEqual(parts[1]["location"], {"type": "METHOD", "path": "/", "method": "GET"})
        self.assertEqual(parts[3]["location"], {"type": "RESPONSE", "path": "/", "method": "GET", "statusCode": "200"})
        self.assertIsInstance(parts[0]["properties"], str)
        self.assertEqual(json.loads(parts[0]["properties"]), {"description": "API description"})

        # merge (the default) keeps the part at an imported location, with its id
        definition["x-amazon-apigateway-documentation"]["documentationParts"] = [
            {"location": {"type": "API"}, "properties": {"description": "new"}}]
        merged = self.apigw.import_documentation_parts(restApiId=api_id, body=json.dumps(definition))
        self.assertEqual(merged["ids"], [imported["ids"][0]])
        parts = self.apigw.get_documentation_parts(restApiId=api_id)["items"]
        self.assertEqual(len(parts), 4)
        self.assertEqual(json.loads(parts[0]["properties"]), {"description": "new"})
        # overwrite replaces them all
        self.apigw.import_documentation_parts(restApiId=api_id, mode="overwrite", body=json.dumps(definition))
        self.assertEqual(len(self.apigw.get_documentation_parts(restApiId=api_id)["items"]), 1)

        for bad in ('test:\n    value:\n        - "value ... \\"escaped\\": $var"\n', "{'key:value}"):
            self.assertClientError("BadRequestException", self.apigw.import_documentation_parts, restApiId=api_id,
                                   mode="overwrite", body=bad, status=400,
                                   message="Unable to build importer with provided input.")


class DocumentationVersions(EmulatorTestCase):
    def test_versions_and_stage(self):
        api_id = self.new_rest_api()["id"]
        root = self.root_id(api_id)
        self.apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
        self.apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")
        deployment_id = self.apigw.create_deployment(restApiId=api_id)["id"]
        self.apigw.create_documentation_part(restApiId=api_id, location={"type": "API"},
                                             properties=json.dumps({"foo": "bar"}))
        created = self.apigw.create_documentation_version(restApiId=api_id, documentationVersion="v123")
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(created["version"], "v123")
        self.assertIn("createdDate", created)
        self.assertNotIn("description", created)
        updated = self.apigw.update_documentation_version(restApiId=api_id, documentationVersion="v123",
                                                          patchOperations=[{"op": "replace", "path": "/description",
                                                                            "value": "doc version new"}])
        self.assertEqual(updated["description"], "doc version new")
        got = self.apigw.get_documentation_version(restApiId=api_id, documentationVersion="v123")
        self.assertEqual((got["version"], got["description"]), ("v123", "doc version new"))
        self.assertEqual([v["version"] for v in self.apigw.get_documentation_versions(restApiId=api_id)["items"]],
                         ["v123"])

        stage = self.apigw.create_stage(restApiId=api_id, stageName="s1", deploymentId=deployment_id,
                                        description="my stage", documentationVersion="v123")
        self.assertEqual(stage["documentationVersion"], "v123")
        self.apigw.create_documentation_version(restApiId=api_id, documentationVersion="v2", stageName="s1")
        self.assertEqual(self.apigw.get_stage(restApiId=api_id, stageName="s1")["documentationVersion"], "v2")

        self.assertClientError("ConflictException", self.apigw.create_documentation_version, restApiId=api_id,
                               documentationVersion="v123", status=409)
        deleted = self.apigw.delete_documentation_version(restApiId=api_id, documentationVersion="v123")
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 202)
        for fn in (self.apigw.get_documentation_version, self.apigw.delete_documentation_version):
            self.assertClientError("NotFoundException", fn, restApiId=api_id, documentationVersion="v123", status=404,
                                   message="Invalid Documentation version specified")
        self.assertClientError("NotFoundException", self.apigw.get_documentation_versions, restApiId="nope",
                               message="Invalid API identifier specified 000000000000:nope")


class VpcLinks(EmulatorTestCase):
    NLB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/my-load-balancer/50dc6c495c0c9188"

    def test_lifecycle(self):
        created = self.apigw.create_vpc_link(name="link-1", targetArns=[self.NLB])
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 202)
        link_id = created["id"]
        body = {k: v for k, v in created.items() if k != "ResponseMetadata"}
        self.assertEqual(body, {"id": link_id, "name": "link-1", "status": "PENDING", "targetArns": [self.NLB]})

        got = self.apigw.get_vpc_link(vpcLinkId=link_id)
        self.assertEqual({k: v for k, v in got.items() if k != "ResponseMetadata"},
                         {"id": link_id, "name": "link-1", "status": "AVAILABLE", "targetArns": [self.NLB],
                          "statusMessage": "Your vpc link is ready for use", "tags": {}})
        items = [i for i in self.apigw.get_vpc_links()["items"] if i["id"] == link_id]
        self.assertEqual(items, [{"id": link_id, "name": "link-1", "status": "AVAILABLE", "targetArns": [self.NLB],
                                  "statusMessage": "Your vpc link is ready for use"}])
        updated = self.apigw.update_vpc_link(vpcLinkId=link_id, patchOperations=[
            {"op": "replace", "path": "/name", "value": "link-1-updated"}])
        self.assertEqual((updated["name"], updated["status"], updated["tags"]), ("link-1-updated", "AVAILABLE", {}))

        arn = "arn:aws:apigateway:us-east-1::/vpclinks/" + link_id
        self.apigw.tag_resource(resourceArn=arn, tags={"team": "a"})
        self.assertEqual(self.apigw.get_tags(resourceArn=arn)["tags"], {"team": "a"})
        self.assertEqual(self.apigw.get_vpc_link(vpcLinkId=link_id)["tags"], {"team": "a"})

        deleted = self.apigw.delete_vpc_link(vpcLinkId=link_id)
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.assertClientError("NotFoundException", self.apigw.get_vpc_link, vpcLinkId=link_id,
                               message="Invalid Vpc Link identifier specified")

    def test_errors(self):
        self.assertClientError("BadRequestException", self.apigw.create_vpc_link, name="link",
                               targetArns=["invalid-arn"], status=400,
                               message="Invalid ARN. ARN is not well formed invalid-arn")
        self.assertClientError("BadRequestException", self.apigw.create_vpc_link, name="", targetArns=[],
                               status=400, message="Name cannot be empty")
        missing = "Invalid Vpc Link identifier specified"
        self.assertClientError("NotFoundException", self.apigw.get_vpc_link, vpcLinkId="invalid-id", status=404,
                               message=missing)
        self.assertClientError("NotFoundException", self.apigw.delete_vpc_link, vpcLinkId="invalid-id",
                               message=missing)
        self.assertClientError("NotFoundException", self.apigw.update_vpc_link, vpcLinkId="invalid-id",
                               patchOperations=[{"op": "replace", "path": "/name", "value": "new-name"}],
                               message=missing)


class StageCaches(EmulatorTestCase):
    def test_flush(self):
        api_id = self.new_rest_api()["id"]
        root = self.root_id(api_id)
        self.apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
        self.apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")
        for fn in (self.apigw.flush_stage_cache, self.apigw.flush_stage_authorizers_cache):
            self.assertEqual(fn(restApiId=api_id, stageName="dev")["ResponseMetadata"]["HTTPStatusCode"], 202)
            self.assertClientError("NotFoundException", fn, restApiId=api_id, stageName="nope", status=404,
                                   message="Invalid Stage identifier specified")


class ClientCertificates(EmulatorTestCase):
    """As the CLI reference's example shows them: a 6-character id, a PEM
    certificate and an expiration 365 days after creation."""

    def test_lifecycle(self):
        cert = self.apigw.generate_client_certificate(description="My Client Certificate", tags={"k": "v"})
        self.assertEqual(cert["ResponseMetadata"]["HTTPStatusCode"], 201)
        cert_id = cert["clientCertificateId"]
        self.assertRegex(cert_id, r"^[a-z0-9]{6}$")
        self.assertTrue(cert["pemEncodedCertificate"].startswith("-----BEGIN CERTIFICATE-----"))
        self.assertEqual((cert["expirationDate"] - cert["createdDate"]).total_seconds(), 365 * 24 * 3600)
        got = self.apigw.get_client_certificate(clientCertificateId=cert_id)
        self.assertEqual((got["description"], got["tags"]), ("My Client Certificate", {"k": "v"}))
        self.assertIn(cert_id, [c["clientCertificateId"] for c in self.apigw.get_client_certificates()["items"]])
        updated = self.apigw.update_client_certificate(clientCertificateId=cert_id, patchOperations=[
            {"op": "replace", "path": "/description", "value": "renamed"}])
        self.assertEqual(updated["description"], "renamed")
        self.assertEqual(self.apigw.delete_client_certificate(clientCertificateId=cert_id)
                         ["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.assertClientError("NotFoundException", self.apigw.get_client_certificate, clientCertificateId=cert_id,
                               status=404)


class Account(EmulatorTestCase):
    def test_empty_role_resets(self):
        """Terraform's aws_api_gateway_account tests (run against AWS) reset the
        role with an empty value and then find no cloudwatchRoleArn."""
        role = "arn:aws:iam::000000000000:role/apigw-logs"
        set_ = self.apigw.update_account(patchOperations=[
            {"op": "replace", "path": "/cloudwatchRoleArn", "value": role}])
        self.assertEqual(set_["cloudwatchRoleArn"], role)
        reset = self.apigw.update_account(patchOperations=[
            {"op": "replace", "path": "/cloudwatchRoleArn", "value": ""}])
        self.assertNotIn("cloudwatchRoleArn", reset)
        self.assertNotIn("cloudwatchRoleArn", self.apigw.get_account())


class MethodSettingsAsTerraformSendsThem(EmulatorTestCase):
    def test_unset_limits_and_escaped_keys(self):
        """aws_api_gateway_method_settings sends -1 for throttling limits left
        unset, and its AWS-run acceptance tests read -1 back; AWS keys method
        settings by the path as written ("~1some~1api~1endpoint/POST", as
        get-stage shows it)."""
        api_id = self.new_rest_api()["id"]
        root = self.root_id(api_id)
        self.apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
        self.apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")
        prefix = "/~1some~1api~1endpoint/POST/"
        stage = self.apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
            {"op": "replace", "path": prefix + "logging/loglevel", "value": "INFO"},
            {"op": "replace", "path": prefix + "throttling/burstLimit", "value": "-1"},
            {"op": "replace", "path": prefix + "throttling/rateLimit", "value": "-1.000000"}])
        settings = stage["methodSettings"]["~1some~1api~1endpoint/POST"]
        self.assertEqual((settings["loggingLevel"], settings["throttlingBurstLimit"], settings["throttlingRateLimit"]),
                         ("INFO", -1, -1.0))
        # Terraform's delete: remove the whole entry
        stage = self.apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
            {"op": "remove", "path": "/~1some~1api~1endpoint/POST"}])
        self.assertEqual(stage.get("methodSettings", {}), {})
