"""REST request/response mapping replayed end to end as AWS recorded it in
LocalStack's AWS-validated snapshots (tests/aws/services/apigateway/ in
localstack/localstack):

- test_apigateway_s3.py, TestApiGatewayS3BinarySupport: payload conversions
  under binaryMediaTypes and contentHandling, request and response side,
  through an AWS path integration to S3 (moto_server plays S3). moto ignores
  S3's response-content-type override, so an object stored with Content-Type
  image/png stands for the recordings' "binary payload" (the recorded test
  asked S3 to answer image/png for the same object).
- test_apigateway_common.py: test_input_body_formatting (an echo backend for
  the recorded Lambda function URL that answers the body it got) and
  test_input_path_template_formatting.
- test_apigateway_kinesis.py: PutRecord and PutRecords through action URIs.

What AWS stored, or answered, is written next to each case; the payloads are
the recorded ones (a gzip blob that is not UTF-8, its base64, a UTF-8 text)."""
import base64
import gzip
import json
import time
import unittest

from harness import Emulator, http
from test_aws_service_integration import MotoServer, have_moto
from test_rest_mapping import FixedBackend

RAW = gzip.compress(b"compressed data, should be invalid UTF-8 string", mtime=1676569620)
ENC = base64.b64encode(RAW)
TEXT = b"this is a UTF8 text typed object"
# RAW read as UTF-8 text: each ill-formed sequence becomes U+FFFD (recorded:
# "get-obj-text-type-binary-raw", 99 bytes).
REPLACED = RAW.decode("utf-8", "replace").encode("utf-8")
B64 = base64.b64encode
KEYS = {"raw": RAW, "encoded": ENC, "text": TEXT}
ROLE = "arn:aws:iam::000000000000:role/apigw-s3"


def new_api(apigw, name):
    api = apigw.create_rest_api(name=name)
    return api["id"], api["rootResourceId"]


@unittest.skipUnless(have_moto(), "moto is not installed (pip install 'moto[server]')")
class S3BinarySupport(unittest.TestCase):
    """The recorded setup_s3_apigateway fixture: ANY /{object_path+} -> S3
    path/{bucket}/{object_path}, Content-Type mapped to the object's, the
    method's response-content-type header to S3's query parameter, ETag back."""

    @classmethod
    def setUpClass(cls):
        cls.moto = MotoServer()
        cls.emu = Emulator("--aws-endpoint", "s3=" + cls.moto.url).start()
        cls.apigw = cls.emu.client("apigateway")
        cls.s3 = cls.moto.client("s3")

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()
        cls.moto.stop()

    def setup_api(self, request_handling=None, response_handling=None, request_templates=None):
        bucket = "bucket-%d" % time.time_ns()
        self.s3.create_bucket(Bucket=bucket)
        api_id, root = new_api(self.apigw, "s3-binary")
        rid = self.apigw.create_resource(restApiId=api_id, parentId=root, pathPart="{object_path+}")["id"]
        self.apigw.put_method(restApiId=api_id, resourceId=rid, httpMethod="ANY", authorizationType="NONE",
                              requestParameters={"method.request.path.object_path": True,
                                                 "method.request.header.Content-Type": False,
                                                 "method.request.header.response-content-type": False})
        self.apigw.put_method_response(restApiId=api_id, resourceId=rid, httpMethod="ANY", statusCode="200",
                                       responseParameters={"method.response.header.ETag": False})
        kw = {"contentHandling": request_handling} if request_handling else {}
        if request_templates:
            kw["requestTemplates"] = request_templates
        self.apigw.put_integration(
            restApiId=api_id, resourceId=rid, httpMethod="ANY", integrationHttpMethod="ANY", type="AWS",
            uri="arn:aws:apigateway:us-east-1:s3:path/%s/{object_path}" % bucket, credentials=ROLE,
            requestParameters={
                "integration.request.path.object_path": "method.request.path.object_path",
                "integration.request.header.Content-Type": "method.request.header.Content-Type",
                "integration.request.querystring.response-content-type":
                    "method.request.header.response-content-type"}, **kw)
        kw = {"contentHandling": response_handling} if response_handling else {}
        self.apigw.put_integration_response(
            restApiId=api_id, resourceId=rid, httpMethod="ANY", statusCode="200",
            responseParameters={"method.response.header.ETag": "integration.response.header.ETag"}, **kw)
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")
        self.api_id, self.bucket = api_id, bucket
        return api_id

    def add_image_png_and_deploy(self):
        self.apigw.update_rest_api(restApiId=self.api_id,
                                   patchOperations=[{"op": "add", "path": "/binaryMediaTypes/image~1png"}])
        self.apigw.create_deployment(restApiId=self.api_id, stageName="test2")

    def put(self, stage, key, body, content_type, expected_status=200):
        status, _, answer = http("PUT", self.emu.url(self.api_id, stage, key), body=body,
                                 headers={"Content-Type": content_type})
        self.assertEqual(status, expected_status, (key, content_type, answer))
        if status == 200:
            self.assertEqual(answer, b"")  # S3's empty PutObject answer, as recorded
        return answer

    def stored(self, key):
        obj = self.s3.get_object(Bucket=self.bucket, Key=key)
        return obj["Body"].read(), obj["ContentType"]

    def check_request(self, request_handling, no_media, png_types, text_types):
        """Each dict: object name -> what S3 stored, or an int status the call answered."""
        self.setup_api(request_handling)
        for stage, content_type, expected in (("dev", "image/png", no_media), ("test2", "image/png", png_types),
                                              ("test2", "text/plain", text_types)):
            if expected is png_types:  # stage test2 is deployed with image/png binary
                self.add_image_png_and_deploy()
            for name, want in expected.items():
                key = "%s-%s-%s" % (name, stage, content_type.replace("/", "-"))
                if isinstance(want, int):
                    answer = self.put(stage, key, KEYS[name], content_type, want)
                    self.assertEqual(json.loads(answer), {"message": "Internal server error"})
                    continue
                self.put(stage, key, KEYS[name], content_type)
                self.assertEqual(self.stored(key), (want, content_type), (request_handling, stage, key))

    def test_request_without_content_handling(self):
        # test_apigw_s3_binary_support_request[None]
        self.check_request(None, {"raw": REPLACED, "encoded": ENC, "text": TEXT},
                           {"raw": RAW, "encoded": ENC, "text": TEXT},
                           {"raw": REPLACED, "encoded": ENC, "text": TEXT})

    def test_request_convert_to_text(self):
        # test_apigw_s3_binary_support_request[CONVERT_TO_TEXT]
        self.check_request("CONVERT_TO_TEXT", {"raw": REPLACED, "encoded": ENC, "text": TEXT},
                           {"raw": ENC, "encoded": B64(ENC), "text": B64(TEXT)},
                           {"raw": REPLACED, "encoded": ENC, "text": TEXT})

    def test_request_convert_to_binary(self):
        # test_apigw_s3_binary_support_request_convert_to_binary: text that is
        # not base64 cannot be decoded, 500.
        self.check_request("CONVERT_TO_BINARY", {"encoded": RAW, "raw": 500, "text": 500},
                           {"raw": RAW, "encoded": ENC, "text": TEXT},
                           {"raw": 500, "text": 500, "encoded": RAW})

    def test_request_convert_to_binary_with_a_request_template(self):
        # test_apigw_s3_binary_support_request_convert_to_binary_with_request_template:
        # image/png matches no template and is decoded; application/json
        # matches one, and a template cannot take the binary payload: 500.
        self.setup_api("CONVERT_TO_BINARY", request_templates={"application/json": json.dumps({"data": "$input.body"})})
        self.put("dev", "binary-encoded", ENC, "image/png")
        self.assertEqual(self.stored("binary-encoded"), (RAW, "image/png"))
        self.put("dev", "binary-encoded", ENC, "application/json", 500)

    def check_response(self, response_handling, no_media, by_case):
        """by_case: (object, payload kind, accept kind) -> the body the client
        gets, or 500. A "binary" payload is an object S3 answers as image/png."""
        self.setup_api(response_handling=response_handling)
        for name, body in KEYS.items():
            self.s3.put_object(Bucket=self.bucket, Key=name, Body=body)
            self.s3.put_object(Bucket=self.bucket, Key=name + "-png", Body=body, ContentType="image/png")

        def get(stage, key, accept):
            return http("GET", self.emu.url(self.api_id, stage, key),
                        headers={"Accept": accept, "response-content-type": "binary/octet-stream"})

        for name, want in no_media.items():
            for accept in ("text/plain", "image/png"):
                status, headers, body = get("dev", name, accept)
                if want == 500:
                    self.assertEqual(status, 500, (name, accept, body))
                    continue
                self.assertEqual((status, body), (200, want), (response_handling, name, accept))
                self.assertTrue(headers.get("etag"))
        self.add_image_png_and_deploy()
        for (name, payload, accept), want in by_case.items():
            key = name + ("-png" if payload == "binary" else "")
            status, headers, body = get("test2", key, "image/png" if accept == "binary" else "text/plain")
            label = (response_handling, name, payload, accept)
            if want == 500:
                self.assertEqual(status, 500, label)
                self.assertEqual(json.loads(body), {"message": "Internal server error"}, label)
            else:
                self.assertEqual((status, body), (200, want), label)
                self.assertTrue(headers.get("etag"), label)

    def test_response_without_content_handling(self):
        # test_apigw_s3_binary_support_response_no_content_handling
        self.check_response(None, {"text": TEXT, "raw": REPLACED, "encoded": ENC}, {
            ("encoded", "text", "binary"): RAW, ("raw", "text", "binary"): 500, ("text", "text", "binary"): 500,
            ("encoded", "binary", "binary"): ENC, ("raw", "binary", "binary"): RAW,
            ("text", "binary", "binary"): TEXT,
            ("encoded", "text", "text"): ENC, ("raw", "text", "text"): REPLACED, ("text", "text", "text"): TEXT,
            ("encoded", "binary", "text"): B64(ENC), ("raw", "binary", "text"): ENC,
            ("text", "binary", "text"): B64(TEXT)})

    def test_response_convert_to_text(self):
        # test_apigw_s3_binary_support_response_convert_to_text
        self.check_response("CONVERT_TO_TEXT", {"text": TEXT, "raw": REPLACED, "encoded": ENC}, {
            ("encoded", "text", "binary"): ENC, ("raw", "text", "binary"): REPLACED,
            ("text", "text", "binary"): TEXT,
            ("encoded", "binary", "binary"): B64(ENC), ("raw", "binary", "binary"): ENC,
            ("text", "binary", "binary"): B64(TEXT),
            ("encoded", "text", "text"): ENC, ("raw", "text", "text"): REPLACED, ("text", "text", "text"): TEXT,
            ("encoded", "binary", "text"): B64(ENC), ("raw", "binary", "text"): ENC,
            ("text", "binary", "text"): B64(TEXT)})

    def test_response_convert_to_binary(self):
        # test_apigw_s3_binary_support_response_convert_to_binary: a text
        # payload is base64-decoded (500 when it is not base64), a binary one
        # passes as it is.
        self.check_response("CONVERT_TO_BINARY", {"encoded": RAW, "raw": 500, "text": 500}, {
            ("encoded", "text", "binary"): RAW, ("raw", "text", "binary"): 500, ("text", "text", "binary"): 500,
            ("encoded", "binary", "binary"): ENC, ("raw", "binary", "binary"): RAW,
            ("text", "binary", "binary"): TEXT,
            ("encoded", "binary", "text"): ENC, ("raw", "binary", "text"): RAW,
            ("text", "binary", "text"): TEXT})


class InputFormatting(unittest.TestCase):
    """test_input_body_formatting and test_input_path_template_formatting."""

    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator().start()
        cls.apigw = cls.emu.client("apigateway")
        cls.echo = FixedBackend()  # answers the body it got

    @classmethod
    def tearDownClass(cls):
        cls.echo.close()
        cls.emu.stop()

    def route(self, api_id, root, path, response_template, request_template=None):
        rid = self.apigw.create_resource(restApiId=api_id, parentId=root, pathPart=path)["id"]
        self.apigw.put_method(restApiId=api_id, resourceId=rid, httpMethod="POST", authorizationType="NONE")
        self.apigw.put_method_response(restApiId=api_id, resourceId=rid, httpMethod="POST", statusCode="200")
        kw = {"requestTemplates": {"application/json": request_template}} if request_template else {}
        self.apigw.put_integration(restApiId=api_id, resourceId=rid, httpMethod="POST", type="HTTP",
                                   integrationHttpMethod="POST", uri=self.echo.url + "/echo", **kw)
        self.apigw.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="POST", statusCode="200",
                                            selectionPattern="",
                                            responseTemplates={"application/json": response_template})

    def test_input_body_formatting(self):
        api_id, root = new_api(self.apigw, "body-formatting")
        raw_body = "#set($result = $input.body)$result"
        body_in_str = "Action=SendMessage&MessageBody=$input.body"
        attribute = "#set($result = $input.body.testAccess)$result"
        url_encode = ("EncodedBody=$util.urlEncode($input.body)"
                      "&EncodedBodyAccess=$util.urlEncode($input.body.testAccess)")
        routes = {"raw-body": (raw_body, raw_body), "str-body-input": (body_in_str, raw_body),
                  "str-body-output": (raw_body, body_in_str), "str-body-all": (body_in_str, body_in_str),
                  "body-attr-access": (attribute, raw_body), "url-encode": (url_encode, raw_body)}
        for path, (request_template, response_template) in routes.items():
            self.route(api_id, root, path, response_template, request_template)
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")
        sq = "Action=SendMessage&MessageBody="
        recorded = {
            "raw-body": (b"{}", b'{"some": "value"}', b"some raw data"),
            "str-body-input": (b"%s{}" % sq.encode(), b'%s{"some": "value"}' % sq.encode(),
                               b"%ssome raw data" % sq.encode()),
            "str-body-output": (b"%s{}" % sq.encode(), b'%s{"some": "value"}' % sq.encode(),
                                b"%ssome raw data" % sq.encode()),
            "str-body-all": (b"%s%s{}" % (sq.encode(), sq.encode()),
                             b'%s%s{"some": "value"}' % (sq.encode(), sq.encode()),
                             b"%s%ssome raw data" % (sq.encode(), sq.encode())),
            "body-attr-access": (b"{}", b"{}", b"{}"),
            "url-encode": (b"EncodedBody=%7B%7D&EncodedBodyAccess=",
                           b"EncodedBody=%7B%22some%22%3A+%22value%22%7D&EncodedBodyAccess=",
                           b"EncodedBody=some+raw+data&EncodedBodyAccess="),
        }
        headers = {"Content-Type": "application/json"}
        for path, (empty, as_json, as_text) in recorded.items():
            url = self.emu.url(api_id, "dev", path)
            self.assertEqual(http("POST", url, headers=headers)[2], empty, path)
            self.assertEqual(http("POST", url, json.dumps({"some": "value"}), headers)[2], as_json, path)
            self.assertEqual(http("POST", url, b"some raw data", headers)[2], as_text, path)

    def test_input_path_template_formatting(self):
        api_id, root = new_api(self.apigw, "path-formatting")
        checks = ('{"body": $result, "nested": $result.nested, "isNull": #if( $result == $null )"true"#else"false"#end, '
                  '"isEmptyString": #if( $result == "" )"true"#else"false"#end}')
        templates = {
            "path": '#set($result = $input.path("$.json"))$result',
            "nested": '#set($result = $input.path("$.json"))$result.nested',
            "list": '#set($result = $input.path("$.json"))$result[0]',
            "to-string": '#set($result = $input.path("$.json"))$result.toString()',
            "invalid-path": '#set($result = $input.path("$.nonExisting"))' + checks,
            "nested-list": '#set($result = $input.path("$.json.listValue"))' + checks,
        }
        for path, template in templates.items():
            self.route(api_id, root, path, template)
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")
        # The recorded client posted {"json": ...} through requests' json=.
        cases = [
            ("path", {"foo": "bar"}, "{foo=bar}"),
            ("path", [{"foo": "bar"}], '[{"foo":"bar"}]'),
            ("nested", {"nested": {"foo": "bar"}}, "{foo=bar}"),
            ("nested", {"nested": [{"foo": "bar"}]}, '[{"foo":"bar"}]'),
            ("list", [{"foo": "bar"}], "{foo=bar}"),
            ("list", [[{"foo": "bar"}]], '[{"foo":"bar"}]'),
            ("path", {"foo": [{"nested": "bar"}]}, '{foo=[{"nested":"bar"}]}'),
            ("path", {"bigger": "dict", "to": "test", "with": "separators"}, "{bigger=dict, to=test, with=separators}"),
            ("to-string", {"foo": "bar"}, "{foo=bar}"),
            ("to-string", {"list": [{"foo": "bar"}]}, '{list=[{"foo":"bar"}]}'),
            ("invalid-path", None, '{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}'),
            ("nested-list", {"listValue": []}, '{"body": [], "nested": , "isNull": "false", "isEmptyString": "false"}'),
            ("nested-list", {"listValue": None}, '{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}'),
        ]
        for path, payload, want in cases:
            body = None if payload is None else json.dumps({"json": payload})
            headers = {} if payload is None else {"Content-Type": "application/json"}
            status, _, answer = http("POST", self.emu.url(api_id, "dev", path), body, headers)
            self.assertEqual((status, answer.decode()), (200, want), (path, payload))


@unittest.skipUnless(have_moto(), "moto is not installed (pip install 'moto[server]')")
class KinesisActions(unittest.TestCase):
    """test_apigateway_to_kinesis[PutRecord] and [PutRecords], with the recorded templates."""

    PUT_RECORDS = """{
    "StreamName": "%s",
    "Records": [
        #set( $numRecords = $input.path('$.records').size() )
        #if($numRecords > 0)
            #set( $maxIndex = $numRecords - 1 )
            #foreach( $idx in [0..$maxIndex] )
                #set( $elem = $input.path("$.records[${idx}]") )
                #set( $elemJsonB64 = $util.base64Encode($elem.data) )
                {
                    "Data": "$elemJsonB64",
                    "PartitionKey": #if( $foo.bar.stuff != '')"$elem.partitionKey"#else"$elemJsonB64.length()"#end
                }#if($foreach.hasNext),#end
            #end
        #end
    ]
}"""
    PUT_RECORD = """
{
    "StreamName": "%s",
    "Data": "$util.base64Encode($input.body)",
    "PartitionKey": "test"
}"""

    @classmethod
    def setUpClass(cls):
        cls.moto = MotoServer()
        cls.emu = Emulator("--aws-endpoint", cls.moto.url).start()
        cls.apigw = cls.emu.client("apigateway")
        cls.kinesis = cls.moto.client("kinesis")

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()
        cls.moto.stop()

    def call_action(self, action, template, payload):
        stream = "stream-%d" % time.time_ns()
        self.kinesis.create_stream(StreamName=stream, ShardCount=1)
        shard = self.kinesis.describe_stream(StreamName=stream)["StreamDescription"]["Shards"][0]["ShardId"]
        iterator = self.kinesis.get_shard_iterator(StreamName=stream, ShardId=shard,
                                                   ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        api_id, root = new_api(self.apigw, "kinesis")
        rid = self.apigw.create_resource(restApiId=api_id, parentId=root, pathPart="test")["id"]
        self.apigw.put_method(restApiId=api_id, resourceId=rid, httpMethod="POST", authorizationType="NONE")
        self.apigw.put_method_response(restApiId=api_id, resourceId=rid, httpMethod="POST", statusCode="200")
        self.apigw.put_integration(restApiId=api_id, resourceId=rid, httpMethod="POST", type="AWS",
                                   integrationHttpMethod="POST", credentials=ROLE,
                                   uri="arn:aws:apigateway:us-east-1:kinesis:action/" + action,
                                   requestTemplates={"application/json": template % stream})
        self.apigw.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="POST", statusCode="200")
        self.apigw.create_deployment(restApiId=api_id, stageName="dev")
        status, _, body = http("POST", self.emu.url(api_id, "dev", "test"), json.dumps(payload),
                               {"Content-Type": "application/json"})
        self.assertEqual(status, 200, body)
        records = self.kinesis.get_records(ShardIterator=iterator)["Records"]
        return json.loads(body), shard, [(r["Data"], r["PartitionKey"]) for r in records]

    def test_put_record(self):
        answer, shard, records = self.call_action("PutRecord", self.PUT_RECORD, {"kinesis": "snapshot"})
        self.assertEqual(answer["ShardId"], shard)
        self.assertIn("SequenceNumber", answer)
        self.assertEqual(records, [(b'{"kinesis": "snapshot"}', "test")])

    def test_put_records(self):
        payload = {"records": [{"data": '{"foo": "bar1"}'}, {"data": '{"foo": "bar2"}'},
                               {"data": '{"foo": "bar3"}'}]}
        answer, shard, records = self.call_action("PutRecords", self.PUT_RECORDS, payload)
        self.assertEqual(answer["FailedRecordCount"], 0)
        self.assertEqual([r["ShardId"] for r in answer["Records"]], [shard] * 3)
        # Recorded PartitionKey "20": the length of the base64 data, since
        # `$foo.bar.stuff != ''` is false for an undefined reference.
        self.assertEqual(records, [(b'{"foo": "bar1"}', "20"), (b'{"foo": "bar2"}', "20"),
                                   (b'{"foo": "bar3"}', "20")])


if __name__ == "__main__":
    unittest.main()
