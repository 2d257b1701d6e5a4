"""Deployments and stages end to end: a stage serves the deployment it points at,
whatever changes meanwhile, until a new deployment is made; stage settings
(variables) apply at once; deleting a stage stops it; stages survive a
restart; AWS's errors through boto3; tags, stages and the account through the
AWS CLI v2."""
import json
import os
import tempfile
import unittest

from harness import Emulator, EmulatorTestCase, http


def mock_api(apigw, body_template, name="deploy-stages"):
    """A REST API whose GET / is a MOCK answering `body_template` (a VTL template)."""
    api_id = apigw.create_rest_api(name=name)["id"]
    root = [r for r in apigw.get_resources(restApiId=api_id)["items"] if r["path"] == "/"][0]["id"]
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    apigw.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                   responseTemplates={"application/json": body_template})
    return api_id, root


def set_template(apigw, api_id, root, body_template):
    apigw.update_integration_response(
        restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
        patchOperations=[{"op": "replace", "path": "/responseTemplates/application~1json", "value": body_template}])


class DeployStages(EmulatorTestCase):
    def get(self, api_id, stage):
        status, _, body = http("GET", self.emu.url(api_id, stage, ""))
        return status, body

    def test_a_stage_serves_its_deployment_until_redeployed(self):
        api_id, root = mock_api(self.apigw, '{"version": 1}')
        first = self.apigw.create_deployment(restApiId=api_id, stageName="dev")["id"]
        self.apigw.create_stage(restApiId=api_id, stageName="pinned", deploymentId=first)
        self.assertEqual(self.get(api_id, "dev"), (200, b'{"version": 1}'))

        set_template(self.apigw, api_id, root, '{"version": 2}')
        # Changed, not deployed: both stages still answer as deployed.
        self.assertEqual(self.get(api_id, "dev"), (200, b'{"version": 1}'))
        # A stage update republishes the stage, still on its deployment.
        self.apigw.update_stage(restApiId=api_id, stageName="dev",
                                patchOperations=[{"op": "replace", "path": "/description", "value": "x"}])
        self.assertEqual(self.get(api_id, "dev"), (200, b'{"version": 1}'))

        second = self.apigw.create_deployment(restApiId=api_id, stageName="dev")["id"]
        self.assertEqual(self.get(api_id, "dev"), (200, b'{"version": 2}'))
        self.assertEqual(self.get(api_id, "pinned"), (200, b'{"version": 1}'))

        # Moving a stage to another deployment takes effect at once.
        self.apigw.update_stage(restApiId=api_id, stageName="pinned",
                                patchOperations=[{"op": "replace", "path": "/deploymentId", "value": second}])
        self.assertEqual(self.get(api_id, "pinned"), (200, b'{"version": 2}'))
        stages = {s["stageName"]: s["deploymentId"] for s in self.apigw.get_stages(restApiId=api_id)["item"]}
        self.assertEqual(stages, {"dev": second, "pinned": second})
        # The first deployment is now unused and can go.
        self.apigw.delete_deployment(restApiId=api_id, deploymentId=first)
        self.assertEqual([d["id"] for d in self.apigw.get_deployments(restApiId=api_id)["items"]], [second])

    def test_stage_variables_apply_without_a_new_deployment(self):
        api_id, _ = mock_api(self.apigw, '{"name": "$stageVariables.name"}')
        self.apigw.create_deployment(restApiId=api_id, stageName="dev", variables={"name": "one"})
        self.assertEqual(self.get(api_id, "dev"), (200, b'{"name": "one"}'))
        self.apigw.update_stage(restApiId=api_id, stageName="dev",
                                patchOperations=[{"op": "replace", "path": "/variables/name", "value": "two"}])
        self.assertEqual(self.get(api_id, "dev"), (200, b'{"name": "two"}'))

    def test_deleting_a_stage_stops_serving_it(self):
        api_id, _ = mock_api(self.apigw, '{"ok": true}')
        deployment = self.apigw.create_deployment(restApiId=api_id, stageName="gone")["id"]
        self.assertEqual(self.get(api_id, "gone")[0], 200)
        self.assertClientError("BadRequestException", self.apigw.delete_deployment, restApiId=api_id,
                               deploymentId=deployment, status=400,
                               message="Active stages pointing to this deployment must be moved or deleted")
        self.apigw.delete_stage(restApiId=api_id, stageName="gone")
        self.assertNotEqual(self.get(api_id, "gone")[0], 200)
        self.assertClientError("NotFoundException", self.apigw.get_stage, restApiId=api_id, stageName="gone",
                               status=404, message="Invalid Stage identifier specified")
        self.apigw.delete_deployment(restApiId=api_id, deploymentId=deployment)

    def test_deleting_the_api_stops_its_stages(self):
        api_id, _ = mock_api(self.apigw, '{"ok": true}')
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")
        self.assertEqual(self.get(api_id, "dev")[0], 200)
        self.apigw.delete_rest_api(restApiId=api_id)
        self.assertNotEqual(self.get(api_id, "dev")[0], 200)

    def test_errors_as_aws_words_them(self):
        empty = self.apigw.create_rest_api(name="empty")["id"]
        self.assertClientError("BadRequestException", self.apigw.create_deployment, restApiId=empty,
                               stageName="dev", status=400, message="The REST API doesn't contain any methods")
        api_id, _ = mock_api(self.apigw, "{}")
        deployment = self.apigw.create_deployment(restApiId=api_id)["id"]
        self.assertClientError("BadRequestException", self.apigw.create_deployment, restApiId=api_id,
                               canarySettings={"percentTraffic": 50},
                               message="Invalid deployment content specified.Non null and non empty stageName "
                                       "must be provided for canary deployment. Provided value is null")
        self.assertClientError("BadRequestException", self.apigw.create_stage, restApiId=api_id, stageName="s",
                               deploymentId="nope", message="Deployment id does not exist")
        self.apigw.create_stage(restApiId=api_id, stageName="s1", deploymentId=deployment)
        self.assertClientError("ConflictException", self.apigw.create_stage, restApiId=api_id, stageName="s1",
                               deploymentId=deployment, status=409)
        self.assertClientError("BadRequestException", self.apigw.update_stage, restApiId=api_id, stageName="s1",
                               patchOperations=[{"op": "remove", "path": "/*/*"}],
                               message="Cannot remove method setting */* because there is no method setting "
                                       "for this method ")
        err = self.assertClientError("BadRequestException", self.apigw.update_stage, restApiId=api_id,
                                     stageName="s1",
                                     patchOperations=[{"op": "replace", "path": "/tags/tag1", "value": "v"}])
        self.assertTrue(err["Error"]["Message"].startswith("Invalid method setting path: /tags/tag1. Must be one "
                                                           "of: [/deploymentId, /description,"))
        self.assertClientError("NotFoundException", self.apigw.get_deployment, restApiId=api_id,
                               deploymentId="zzzzzz", message="Invalid Deployment identifier specified")

    def test_method_settings_and_canary_through_boto3(self):
        api_id, _ = mock_api(self.apigw, "{}")
        self.apigw.create_deployment(restApiId=api_id, stageName="s1")
        stage = self.apigw.update_stage(restApiId=api_id, stageName="s1", patchOperations=[
            {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "123"},
            {"op": "replace", "path": "/~1pets/GET/caching/enabled", "value": "true"}])
        self.assertEqual(stage["methodSettings"]["*/*"]["throttlingBurstLimit"], 123)
        self.assertEqual(stage["methodSettings"]["*/*"]["throttlingRateLimit"], 10000.0)
        self.assertEqual(stage["methodSettings"]["~1pets/GET"]["throttlingBurstLimit"], 123)
        self.assertTrue(stage["methodSettings"]["~1pets/GET"]["cachingEnabled"])

        canary = self.apigw.create_deployment(restApiId=api_id, stageName="s1",
                                              canarySettings={"percentTraffic": 25})["id"]
        got = self.apigw.get_stage(restApiId=api_id, stageName="s1")
        self.assertEqual(got["canarySettings"],
                         {"percentTraffic": 25.0, "deploymentId": canary, "useStageCache": False})
        promoted = self.apigw.update_stage(restApiId=api_id, stageName="s1", patchOperations=[
            {"op": "copy", "from": "/canarySettings/deploymentId", "path": "/deploymentId"},
            {"op": "remove", "path": "/canarySettings"}])
        self.assertEqual(promoted["deploymentId"], canary)
        self.assertNotIn("canarySettings", promoted)

    def test_a_canary_serves_its_share_of_the_traffic(self):
        # LocalStack's test_invoking_canary_deployment, recorded against AWS
        # (test_apigateway_canary.snapshot.json): the canary deployment answers
        # with the stage's variables overridden by stageVariableOverrides and
        # $context.isCanaryRequest true; the stage's own deployment with false.
        def template(message):
            return json.dumps({"statusCode": 200, "message": message, "variable": "$stageVariables.testVar",
                               "nonExistingDefault": "$stageVariables.noStageVar",
                               "nonOverridden": "$stageVariables.defaultVar",
                               "isCanary": "$context.isCanaryRequest", "deployment": "$context.deploymentId"})
        api_id, root = mock_api(self.apigw, template("default deployment"), name="canary")
        first = self.apigw.create_deployment(restApiId=api_id, stageName="dev",
                                             variables={"testVar": "default", "defaultVar": "default"})["id"]
        # Without a canary, $context.isCanaryRequest is not there at all.
        status, body = self.get(api_id, "dev")
        self.assertEqual((status, json.loads(body)["isCanary"]), (200, ""))
        set_template(self.apigw, api_id, root, template("canary deployment"))
        second = self.apigw.create_deployment(restApiId=api_id, stageName="dev", canarySettings={
            "percentTraffic": 0, "stageVariableOverrides": {"testVar": "canary", "noStageVar": "canary"}})["id"]
        status, body = self.get(api_id, "dev")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), {"statusCode": 200, "message": "default deployment", "variable": "default",
                                            "nonExistingDefault": "", "nonOverridden": "default",
                                            "isCanary": "false", "deployment": first})
        self.apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
            {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "100.0"}])
        status, body = self.get(api_id, "dev")
        self.assertEqual(json.loads(body), {"statusCode": 200, "message": "canary deployment", "variable": "canary",
                                            "nonExistingDefault": "canary", "nonOverridden": "default",
                                            "isCanary": "true", "deployment": second})
        # 50%: both answer, about half each.
        self.apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
            {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "50"}])
        canaries = sum(json.loads(self.get(api_id, "dev")[1])["isCanary"] == "true" for _ in range(200))
        self.assertTrue(60 < canaries < 140, canaries)
        # Promoting the canary and removing it: the new deployment for all.
        self.apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
            {"op": "copy", "from": "/canarySettings/deploymentId", "path": "/deploymentId"},
            {"op": "remove", "path": "/canarySettings"}])
        body = json.loads(self.get(api_id, "dev")[1])
        self.assertEqual((body["message"], body["variable"], body["isCanary"]), ("canary deployment", "default", ""))

    def test_apisummary_and_update_deployment(self):
        api_id, _ = mock_api(self.apigw, "{}")
        deployment = self.apigw.create_deployment(restApiId=api_id, description="first")
        self.assertEqual(deployment["description"], "first")
        summary = self.apigw.get_deployment(restApiId=api_id, deploymentId=deployment["id"], embed=["apisummary"])
        self.assertEqual(summary["apiSummary"], {"/": {"GET": {"authorizationType": "NONE", "apiKeyRequired": False}}})
        updated = self.apigw.update_deployment(restApiId=api_id, deploymentId=deployment["id"], patchOperations=[
            {"op": "replace", "path": "/description", "value": "new-description"}])
        self.assertEqual(updated["description"], "new-description")

    def test_tags_stages_and_account_with_cli_v2(self):
        emu = self.emu
        api_id, _ = mock_api(self.apigw, "{}")
        emu.cli("apigateway", "create-deployment", "--rest-api-id", api_id, "--stage-name", "dev")
        arn = "arn:aws:apigateway:us-east-1::/restapis/%s/stages/dev" % api_id
        emu.cli("apigateway", "tag-resource", "--resource-arn", arn, "--tags", "team=core,env=dev")
        self.assertEqual(emu.cli("apigateway", "get-tags", "--resource-arn", arn)["tags"],
                         {"team": "core", "env": "dev"})
        emu.cli("apigateway", "untag-resource", "--resource-arn", arn, "--tag-keys", "env")
        self.assertEqual(emu.cli("apigateway", "get-tags", "--resource-arn", arn)["tags"], {"team": "core"})
        api_arn = "arn:aws:apigateway:us-east-1::/restapis/%s" % api_id
        emu.cli("apigateway", "tag-resource", "--resource-arn", api_arn, "--tags", "owner=me")
        self.assertEqual(self.apigw.get_rest_api(restApiId=api_id)["tags"], {"owner": "me"})

        stages = emu.cli("apigateway", "get-stages", "--rest-api-id", api_id)
        self.assertEqual([s["stageName"] for s in stages["item"]], ["dev"])
        stage = emu.cli("apigateway", "update-stage", "--rest-api-id", api_id, "--stage-name", "dev",
                        "--patch-operations", "op=replace,path=/*/*/logging/loglevel,value=INFO")
        self.assertEqual(stage["methodSettings"]["*/*"]["loggingLevel"], "INFO")
        failed = emu.cli("apigateway", "get-stage", "--rest-api-id", api_id, "--stage-name", "nope", check=False)
        self.assertNotEqual(failed.returncode, 0)
        self.assertIn("NotFoundException", failed.stderr)

        account = emu.cli("apigateway", "get-account")
        self.assertEqual(account["throttleSettings"], {"burstLimit": 5000, "rateLimit": 10000.0})
        self.assertEqual(account["features"], ["UsagePlans"])


class StagesSurviveRestart(unittest.TestCase):
    def test_stages_are_served_after_a_restart(self):
        with tempfile.TemporaryDirectory() as tmp:
            state = os.path.join(tmp, "state.db")
            with Emulator(state=state) as emu:
                apigw = emu.client("apigateway")
                api_id, root = mock_api(apigw, '{"version": 1}')
                apigw.create_deployment(restApiId=api_id, stageName="dev")
                set_template(apigw, api_id, root, '{"version": 2}')  # changed, not deployed
            with Emulator(state=state) as emu:
                status, _, body = http("GET", emu.url(api_id, "dev", ""))
                self.assertEqual((status, body), (200, b'{"version": 1}'))
                stage = emu.client("apigateway").get_stage(restApiId=api_id, stageName="dev")
                self.assertEqual(stage["stageName"], "dev")


if __name__ == "__main__":
    unittest.main()
