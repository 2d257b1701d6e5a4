"""AWS service integrations (type AWS) end to end: moto_server plays DynamoDB
and SQS on a free loopback port; the tables and queues are made with boto3
against moto, the REST APIs with boto3 against the emulator (started with
--aws-endpoint, or APIGW_AWS_ENDPOINTS); calling the API must land the item or
the message in moto. Templates and expected answers follow the recordings
against AWS in LocalStack's test_apigateway_dynamodb / test_apigateway_sqs
snapshots."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import unittest
import urllib.request

import boto3
from botocore.config import Config

from harness import CREDS, Emulator, http

REGION = "us-east-1"
ACCOUNT = "000000000000"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoServer:
    """moto_server on a free loopback port, for as long as the test class runs."""

    def __init__(self):
        exe = shutil.which("moto_server")
        cmd = [exe] if exe else [sys.executable, "-m", "moto.server"]
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.proc = subprocess.Popen(cmd + ["-H", "127.0.0.1", "-p", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1).read()
                return
            except Exception:
                if self.proc.poll() is not None or time.time() > deadline:
                    self.stop()
                    raise RuntimeError("moto_server did not start on %s" % self.url)
                time.sleep(0.1)

    def client(self, service):
        return boto3.client(service, endpoint_url=self.url, region_name=REGION,
                            config=Config(retries={"max_attempts": 1}), **CREDS)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def have_moto():
    try:
        import moto  # noqa: F401
        return True
    except ImportError:
        return False


def post(url, payload=None, headers=None):
    h = {"Content-Type": "application/json"}
    h.update(headers or {})
    body = json.dumps(payload) if payload is not None else None
    return http("POST", url, body=body, headers=h)


@unittest.skipUnless(have_moto(), "moto is not installed (pip install 'moto[server]')")
class AwsServiceIntegrations(unittest.TestCase):
    endpoint_env = False  # a subclass passes the endpoints through APIGW_AWS_ENDPOINTS

    @classmethod
    def setUpClass(cls):
        cls.moto = MotoServer()
        endpoints = "dynamodb=%s,sqs=%s" % (cls.moto.url, cls.moto.url)
        if cls.endpoint_env:
            cls.emu = Emulator(env={"APIGW_AWS_ENDPOINTS": endpoints}).start()
        else:
            cls.emu = Emulator("--aws-endpoint", "dynamodb=" + cls.moto.url,
                               "--aws-endpoint", "sqs=" + cls.moto.url).start()
        cls.apigw = cls.emu.client("apigateway")
        cls.ddb = cls.moto.client("dynamodb")
        cls.sqs = cls.moto.client("sqs")

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()
        cls.moto.stop()

    def api_with(self, path_part, uri, **integration):
        api = self.apigw.create_rest_api(name="aws-" + path_part)
        api_id = api["id"]
        rid = self.apigw.create_resource(restApiId=api_id, parentId=api["rootResourceId"], pathPart=path_part)["id"]
        self.apigw.put_method(restApiId=api_id, resourceId=rid, httpMethod="POST", authorizationType="NONE")
        self.apigw.put_integration(restApiId=api_id, resourceId=rid, httpMethod="POST", type="AWS",
                                   integrationHttpMethod="POST", uri=uri, **integration)
        return api_id, rid

    def deploy(self, api_id):
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")

    def new_table(self, name):
        self.ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                              KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                              AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
        for item_id in ("test", "test2", "test 3"):
            self.ddb.put_item(TableName=name, Item={"id": {"S": item_id}})

    # DynamoDB ---------------------------------------------------------------
    def test_dynamodb_put_query_scan(self):
        table = "pets-" + str(time.time_ns())
        self.new_table(table)
        templates = {
            "PutItem": {"TableName": table, "Item": {"id": {"S": "$input.params('id')"}}},
            "Query": {"TableName": table, "KeyConditionExpression": "id = :id",
                      "ExpressionAttributeValues": {":id": {"S": "$input.params('id')"}}},
            "Scan": {"TableName": table},
        }
        urls = {}
        for action, template in templates.items():
            api_id, rid = self.api_with("test", "arn:aws:apigateway:%s:dynamodb:action/%s" % (REGION, action),
                                        requestTemplates={"application/json": json.dumps(template)})
            self.apigw.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="POST",
                                                statusCode="200")
            self.deploy(api_id)
            urls[action] = self.emu.url(api_id, "dev", "/test")

        status, headers, body = post(urls["PutItem"] + "?id=test-new")
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(body), {})  # recorded: {} with application/json
        self.assertEqual(headers["content-type"], "application/json")
        self.assertIn("x-amzn-trace-id", headers)
        items = sorted(i["id"]["S"] for i in self.ddb.scan(TableName=table)["Items"])
        self.assertEqual(items, ["test", "test 3", "test-new", "test2"])

        status, _, body = post(urls["Query"] + "?id=test2")
        self.assertEqual((status, json.loads(body)), (200, {"Count": 1, "Items": [{"id": {"S": "test2"}}],
                                                            "ScannedCount": 1}))
        status, _, body = post(urls["Query"] + "?id=test-invalid")
        self.assertEqual(json.loads(body), {"Count": 0, "Items": [], "ScannedCount": 0})

        status, _, body = post(urls["Scan"])
        scanned = json.loads(body)
        self.assertEqual(scanned["Count"], 4)
        self.assertEqual(sorted(i["id"]["S"] for i in scanned["Items"]), items)

    def test_dynamodb_error_selects_an_integration_response(self):
        api_id, rid = self.api_with("missing", "arn:aws:apigateway:%s:dynamodb:action/GetItem" % REGION,
                                    requestTemplates={"application/json": json.dumps(
                                        {"TableName": "no-such-table", "Key": {"id": {"S": "x"}}})})
        self.apigw.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="POST", statusCode="200")
        self.apigw.put_method_response(restApiId=api_id, resourceId=rid, httpMethod="POST", statusCode="404")
        self.apigw.put_integration_response(
            restApiId=api_id, resourceId=rid, httpMethod="POST", statusCode="404", selectionPattern="4\\d{2}",
            responseTemplates={"application/json": '{"error": "$input.path(\'$.__type\').split(\'#\')[1]"}'})
        self.deploy(api_id)
        status, _, body = post(self.emu.url(api_id, "dev", "/missing"), {})
        self.assertEqual(status, 404, body)
        self.assertEqual(json.loads(body), {"error": "ResourceNotFoundException"})

    # SQS ------------------------------------------------------------------------
    def new_queue(self):
        name = "queue-%d" % time.time_ns()
        return name, self.sqs.create_queue(QueueName=name)["QueueUrl"]

    def receive(self, queue_url, expected):
        messages, deadline = [], time.time() + 10
        while len(messages) < expected and time.time() < deadline:
            got = self.sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10,
                                           MessageAttributeNames=["All"]).get("Messages", [])
            messages += got
        return messages

    def test_sqs_path_style_form_template(self):
        name, queue_url = self.new_queue()
        api_id, rid = self.api_with(
            "sqs", "arn:aws:apigateway:%s:sqs:path/%s/%s" % (REGION, ACCOUNT, name),
            requestParameters={"integration.request.header.Content-Type": "'application/x-www-form-urlencoded'"},
            requestTemplates={"application/json": "Action=SendMessage&MessageBody=$input.body"},
            passthroughBehavior="NEVER")
        self.apigw.put_method_response(restApiId=api_id, resourceId=rid, httpMethod="POST", statusCode="200")
        self.apigw.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="POST", statusCode="200",
                                            responseTemplates={"application/json": '{"message": "great success!"}'})
        self.deploy(api_id)
        url = self.emu.url(api_id, "dev", "/sqs")
        for payload in ({"foo": "bar"}, None):
            status, _, body = post(url, payload)
            self.assertEqual((status, json.loads(body)), (200, {"message": "great success!"}))
        messages = self.receive(queue_url, 2)
        # Recorded: the bodies {"foo": "bar"} and {} (an empty body reads as "{}").
        self.assertEqual(sorted(m["MD5OfBody"] for m in messages),
                         sorted(["94232c5b8fc9272f6f73a1e36eb68fcf", "99914b932bd37a50b983c5e7c90ae93b"]))
        # NEVER: a content type without a template is refused before SQS.
        status, _, _ = http("POST", url, body="x", headers={"Content-Type": "text/plain"})
        self.assertEqual(status, 415)

    def test_sqs_message_attributes_from_a_header(self):
        name, queue_url = self.new_queue()
        api_id, rid = self.api_with(
            "attrs", "arn:aws:apigateway:%s:sqs:path/%s/%s" % (REGION, ACCOUNT, name),
            requestParameters={"integration.request.header.Content-Type": "'application/x-www-form-urlencoded'"},
            requestTemplates={"application/json": "Action=SendMessage&MessageBody=$input.body&"
                                                  "MessageAttribute.1.Name=user-agent&"
                                                  "MessageAttribute.1.Value.DataType=String&"
                                                  "MessageAttribute.1.Value.StringValue=$input.params('HeaderFoo')"},
            passthroughBehavior="NEVER")
        self.apigw.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="POST", statusCode="200")
        self.deploy(api_id)
        status, _, _ = post(self.emu.url(api_id, "dev", "/attrs"), {"foo": "bar"}, {"HeaderFoo": "BAR-Header"})
        self.assertEqual(status, 200)
        [message] = self.receive(queue_url, 1)
        self.assertEqual(json.loads(message["Body"]), {"foo": "bar"})
        self.assertEqual(message["MessageAttributes"],
                         {"user-agent": {"DataType": "String", "StringValue": "BAR-Header"}})

    def test_sqs_json_protocol_path_and_action(self):
        name, queue_url = self.new_queue()
        template = '{"QueueUrl": "%s", "MessageBody": "$util.escapeJavaScript($input.body)"}' % queue_url
        api_id, rid = self.api_with(
            "json", "arn:aws:apigateway:%s:sqs:path/%s/%s" % (REGION, ACCOUNT, name),
            requestParameters={"integration.request.header.Content-Type": "'application/x-amz-json-1.0'",
                               "integration.request.header.X-Amz-Target": "'AmazonSQS.SendMessage'"},
            requestTemplates={"application/json": template}, passthroughBehavior="NEVER")
        self.apigw.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="POST", statusCode="200")
        action_api, action_rid = self.api_with("action", "arn:aws:apigateway:%s:sqs:action/SendMessage" % REGION,
                                               requestTemplates={"application/json": template})
        self.apigw.put_integration_response(restApiId=action_api, resourceId=action_rid, httpMethod="POST",
                                            statusCode="200")
        self.deploy(api_id)
        self.deploy(action_api)
        status, _, body = post(self.emu.url(api_id, "dev", "/json"), {"via": "path"})
        self.assertEqual(status, 200, body)
        self.assertIn("MessageId", json.loads(body))  # the JSON protocol answers JSON
        status, _, body = post(self.emu.url(action_api, "dev", "/action"), {"via": "action"})
        self.assertEqual(status, 200, body)
        self.assertIn("MessageId", json.loads(body))
        bodies = sorted(json.loads(m["Body"])["via"] for m in self.receive(queue_url, 2))
        self.assertEqual(bodies, ["action", "path"])


class AwsServiceEndpointsFromEnvironment(AwsServiceIntegrations):
    """The same integrations with the endpoints in APIGW_AWS_ENDPOINTS."""
    endpoint_env = True

    # One test is enough to show the variable is read.
    test_dynamodb_error_selects_an_integration_response = None
    test_sqs_message_attributes_from_a_header = None
    test_sqs_json_protocol_path_and_action = None
    test_sqs_path_style_form_template = None


class NoEndpoint(unittest.TestCase):
    def test_without_an_endpoint_the_call_is_a_500_and_one_warning(self):
        with Emulator() as emu:
            apigw = emu.client("apigateway")
            api = apigw.create_rest_api(name="no-endpoint")
            rid = apigw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="t")["id"]
            apigw.put_method(restApiId=api["id"], resourceId=rid, httpMethod="POST", authorizationType="NONE")
            apigw.put_integration(restApiId=api["id"], resourceId=rid, httpMethod="POST", type="AWS",
                                  integrationHttpMethod="POST",
                                  uri="arn:aws:apigateway:%s:dynamodb:action/PutItem" % REGION)
            apigw.put_integration_response(restApiId=api["id"], resourceId=rid, httpMethod="POST",
                                           statusCode="200")
            apigw.create_deployment(restApiId=api["id"], stageName="dev")
            status, headers, body = post(emu.url(api["id"], "dev", "/t"), {})
            self.assertEqual(status, 500)
            self.assertEqual(body, b'{"message": "Internal server error"}')
            self.assertEqual(headers["x-amzn-errortype"], "InternalServerErrorException")
            self.assertTrue(emu.wait_for_log("--aws-endpoint dynamodb="))
            warnings = [line for line in emu.log_text().splitlines() if "WARN" in line]
            self.assertEqual(len(warnings), 1, warnings)
            self.assertIn("--aws-endpoint dynamodb=http://HOST:PORT", warnings[0])


if __name__ == "__main__":
    unittest.main()
