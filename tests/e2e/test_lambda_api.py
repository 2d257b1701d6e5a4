"""The lambda control plane against the real binary: function lifecycle, versions,
aliases, permissions and tags, with AWS's shapes and error messages (as recorded
against AWS in LocalStack's tests/aws/services/lambda_/*.snapshot.json)."""
import base64
import hashlib
import json
import os
import shutil
import tempfile
import urllib.request
import unittest

from harness import EmulatorTestCase
from test_lambda_support import ROLE, create_node, create_python, zipped

ARN = "arn:aws:lambda:us-east-1:000000000000:function:"


class FunctionLifecycleTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.emu.client("lambda")

    def test_create_get_update_delete(self):
        created = create_python(self.lam, "life", MemorySize=256, Timeout=5, Description="d",
                                Environment={"Variables": {"ALPHA": "1"}}, Tags={"team": "x"})
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(created["State"], "Pending")
        self.assertEqual(created["StateReasonCode"], "Creating")
        self.assertNotIn("LastUpdateStatus", created)
        self.assertEqual(created["FunctionArn"], ARN + "life")
        self.assertEqual(created["Version"], "$LATEST")
        self.assertEqual(created["PackageType"], "Zip")
        self.assertEqual(created["Architectures"], ["x86_64"])
        self.assertEqual(created["EphemeralStorage"], {"Size": 512})
        self.assertEqual(created["TracingConfig"], {"Mode": "PassThrough"})
        self.assertEqual(created["SnapStart"], {"ApplyOn": "None", "OptimizationStatus": "Off"})
        self.assertEqual(created["LoggingConfig"], {"LogFormat": "Text", "LogGroup": "/aws/lambda/life"})
        self.assertEqual(created["Environment"], {"Variables": {"ALPHA": "1"}})
        self.assertRegex(created["LastModified"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$")
        self.assertEqual(len(created["CodeSha256"]), 44)
        self.assertRegex(created["RuntimeVersionConfig"]["RuntimeVersionArn"],
                         r"^arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$")

        got = self.lam.get_function(FunctionName="life")
        self.assertEqual(got["Configuration"]["State"], "Active")
        self.assertEqual(got["Configuration"]["LastUpdateStatus"], "Successful")
        self.assertEqual(got["Configuration"]["MemorySize"], 256)
        self.assertEqual(got["Code"]["RepositoryType"], "S3")
        self.assertEqual(got["Tags"], {"team": "x"})
        by_arn = self.lam.get_function_configuration(FunctionName=ARN + "life")
        self.assertEqual(by_arn["FunctionName"], "life")

        updated = self.lam.update_function_configuration(FunctionName="life", Timeout=10, Description="new",
                                                         Environment={"Variables": {"BETA": "2"}})
        self.assertEqual(updated["LastUpdateStatus"], "InProgress")
        self.assertEqual(updated["Timeout"], 10)
        self.assertEqual(updated["Environment"], {"Variables": {"BETA": "2"}})
        self.assertNotEqual(updated["RevisionId"], got["Configuration"]["RevisionId"])

        code = self.lam.update_function_code(FunctionName="life", ZipFile=zipped({"app.py": "def handler(e, c): return 2\n"}))
        self.assertNotEqual(code["CodeSha256"], created["CodeSha256"])
        self.assertEqual(code["LastUpdateStatus"], "InProgress")

        deleted = self.lam.delete_function(FunctionName="life")
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assertClientError("ResourceNotFoundException", self.lam.get_function, FunctionName="life", status=404,
                               message="Function not found: " + ARN + "life")
        self.assertClientError("ResourceNotFoundException", self.lam.delete_function, FunctionName="life", status=404)

    def test_code_location_downloads_the_package(self):
        # Recorded against AWS (LocalStack's test_lambda_code_location_zipfile): a GET of
        # Code.Location answers the uploaded zip, for each version of the code.
        first = zipped({"app.py": "def handler(e, c):\n    return 1\n"})
        self.lam.create_function(FunctionName="located", Runtime="python3.12", Role=ROLE, Handler="app.handler",
                                 Code={"ZipFile": first})
        got = self.lam.get_function(FunctionName="located")
        self.assertEqual(urllib.request.urlopen(got["Code"]["Location"]).read(), first)
        self.assertEqual(got["Configuration"]["CodeSha256"],
                         base64.b64encode(hashlib.sha256(first).digest()).decode())
        self.lam.publish_version(FunctionName="located")
        second = zipped({"app.py": "def handler(e, c):\n    return 2\n"})
        self.lam.update_function_code(FunctionName="located", ZipFile=second)
        latest = self.lam.get_function(FunctionName="located")["Code"]["Location"]
        self.assertEqual(urllib.request.urlopen(latest).read(), second)
        v1 = self.lam.get_function(FunctionName="located", Qualifier="1")["Code"]["Location"]
        self.assertEqual(urllib.request.urlopen(v1).read(), first)
        # A hot-reloaded folder is named by a file:// URI (LocalStack's convention, used by the AWS Toolkit).
        folder = tempfile.mkdtemp(prefix="located-")
        self.addCleanup(shutil.rmtree, folder, True)
        self.lam.create_function(FunctionName="located-hot", Runtime="python3.12", Role=ROLE, Handler="app.handler",
                                 Code={"S3Bucket": "hot-reload", "S3Key": folder})
        self.assertEqual(self.lam.get_function(FunctionName="located-hot")["Code"]["Location"], "file://" + folder)

    def test_create_errors(self):
        create_python(self.lam, "dup")
        self.assertClientError("ResourceConflictException", create_python, self.lam, "dup", status=409,
                               message="Function already exist: dup")
        err = self.assertClientError("InvalidParameterValueException", self.lam.create_function, FunctionName="rt",
                                     Runtime="non-existent-runtime", Role=ROLE, Handler="a.b",
                                     Code={"ZipFile": zipped({"a.py": ""})}, status=400)
        self.assertTrue(err["Error"]["Message"].startswith(
            "Value non-existent-runtime at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: ["))
        self.assertClientError(
            "InvalidParameterValueException", self.lam.create_function, FunctionName="old", Runtime="python3.7",
            Role=ROLE, Handler="a.b", Code={"ZipFile": zipped({"a.py": ""})},
            message="The runtime parameter of python3.7 is no longer supported for creating or updating AWS Lambda "
                    "functions. We recommend you use a supported runtime while creating or updating functions.")
        self.assertClientError(
            "InvalidParameterValueException", self.lam.create_function, FunctionName="badzip", Runtime="python3.12",
            Role=ROLE, Handler="a.b", Code={"ZipFile": b"this is not a zip"},
            message="Could not unzip uploaded file. Please check your file, then try to upload again.")
        slip = zipped({"../../escaped.py": "x = 1\n"})
        self.assertClientError("InvalidParameterValueException", self.lam.create_function, FunctionName="slip",
                               Runtime="python3.12", Role=ROLE, Handler="a.b", Code={"ZipFile": slip})
        self.assertClientError(
            "InvalidParameterValueException", create_python, self.lam, "reserved",
            Environment={"Variables": {"AWS_REGION": "x"}},
            message="Lambda was unable to configure your environment variables because the environment variables "
                    "you have provided contains reserved keys that are currently not supported for modification. "
                    "Reserved keys used in this request: AWS_REGION")
        self.assertClientError("InvalidParameterValueException", create_python, self.lam, "a" * 65)
        # Variable names of one letter (or with '-') break the model's pattern; the variables are sensitive,
        # so AWS leaves their value out of the message ("Value at ...").
        self.assertClientError(
            "ValidationException", create_python, self.lam, "onechar", Environment={"Variables": {"A": "1"}},
            status=400,
            message="1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: "
                    "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: "
                    "[a-zA-Z]([a-zA-Z0-9_])+]")
        # A malformed role is refused by model validation (AWS: ValidationException; the type is the protocol
        # layer's business, so only the refusal is checked here).
        with self.assertRaises(Exception):
            self.lam.create_function(FunctionName="role", Runtime="python3.12", Role="r1", Handler="a.b",
                                     Code={"ZipFile": zipped({"a.py": ""})})
        self.assertClientError("InvalidParameterValueException", self.lam.create_function, FunctionName="nocode",
                               Runtime="python3.12", Role=ROLE, Handler="a.b", Code={"S3Bucket": "no-such-bucket", "S3Key": "k"})
        # None of the failed creations left a function behind.
        names = [f["FunctionName"] for f in self.lam.list_functions()["Functions"]]
        for bad in ("rt", "old", "badzip", "slip", "reserved", "onechar", "role", "nocode"):
            self.assertNotIn(bad, names)

    def test_lookup_errors(self):
        create_python(self.lam, "look")
        self.assertClientError("ResourceNotFoundException", self.lam.get_function, FunctionName="look", Qualifier="1221",
                               message="Function not found: " + ARN + "look:1221")
        self.assertClientError("InvalidParameterValueException", self.lam.get_function, FunctionName=ARN + "look:$LATEST",
                               Qualifier="1",
                               message="The derived qualifier from the function name does not match the specified qualifier.")
        self.assertClientError("ResourceNotFoundException", self.lam.get_function,
                               FunctionName="arn:aws:lambda:eu-west-1:000000000000:function:look",
                               message="Functions from 'eu-west-1' are not reachable in this region ('us-east-1')")
        self.assertClientError("ValidationException", self.lam.get_function, FunctionName="bad name!")
        self.assertClientError("InvalidParameterValueException", self.lam.delete_function, FunctionName="look",
                               Qualifier="$LATEST",
                               message="$LATEST version cannot be deleted without deleting the function.")
        # Deleting a version that does not exist succeeds, as on AWS.
        self.lam.delete_function(FunctionName="look", Qualifier="1233")

    def test_list_functions_pages(self):
        for i in range(3):
            create_python(self.lam, "page-%d" % i)
        seen, marker = [], None
        while True:
            kw = {"MaxItems": 2}
            if marker:
                kw["Marker"] = marker
            page = self.lam.list_functions(**kw)
            self.assertLessEqual(len(page["Functions"]), 2)
            for f in page["Functions"]:
                self.assertNotIn("State", f)
                self.assertNotIn("RuntimeVersionConfig", f)
            seen += [f["FunctionName"] for f in page["Functions"]]
            marker = page.get("NextMarker")
            if not marker:
                break
        for i in range(3):
            self.assertIn("page-%d" % i, seen)
        self.assertEqual(len(seen), len(set(seen)))


class VersionsAndAliasesTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.emu.client("lambda")

    def test_versions(self):
        create_python(self.lam, "ver", Description="first")
        v1 = self.lam.publish_version(FunctionName="ver", Description="v1")
        self.assertEqual(v1["Version"], "1")
        self.assertEqual(v1["FunctionArn"], ARN + "ver:1")
        self.assertEqual(v1["Description"], "v1")
        # Nothing changed: the same version comes back.
        again = self.lam.publish_version(FunctionName="ver")
        self.assertEqual(again["Version"], "1")
        self.lam.update_function_configuration(FunctionName="ver", Description="second")
        v2 = self.lam.publish_version(FunctionName="ver")
        self.assertEqual(v2["Version"], "2")
        self.assertEqual(v2["Description"], "second")
        versions = self.lam.list_versions_by_function(FunctionName="ver")["Versions"]
        self.assertEqual([v["Version"] for v in versions], ["$LATEST", "1", "2"])
        self.assertEqual(versions[0]["FunctionArn"], ARN + "ver:$LATEST")
        self.assertEqual(self.lam.get_function(FunctionName="ver", Qualifier="1")["Configuration"]["Description"], "v1")
        self.assertClientError("InvalidParameterValueException", self.lam.publish_version, FunctionName="ver",
                               CodeSha256="abc")
        self.assertClientError("PreconditionFailedException", self.lam.publish_version, FunctionName="ver",
                               RevisionId="wrong", status=412)
        self.lam.delete_function(FunctionName="ver", Qualifier="1")
        versions = self.lam.list_versions_by_function(FunctionName="ver")["Versions"]
        self.assertEqual([v["Version"] for v in versions], ["$LATEST", "2"])

    def test_aliases(self):
        create_python(self.lam, "al")
        self.lam.publish_version(FunctionName="al")
        self.lam.update_function_configuration(FunctionName="al", Description="x")
        self.lam.publish_version(FunctionName="al")
        alias = self.lam.create_alias(FunctionName="al", Name="prod", FunctionVersion="1",
                                      RoutingConfig={"AdditionalVersionWeights": {"2": 0.2}})
        self.assertEqual(alias["AliasArn"], ARN + "al:prod")
        self.assertEqual(alias["RoutingConfig"], {"AdditionalVersionWeights": {"2": 0.2}})
        self.assertEqual(self.lam.get_alias(FunctionName="al", Name="prod")["FunctionVersion"], "1")
        cfg = self.lam.get_function(FunctionName="al", Qualifier="prod")["Configuration"]
        self.assertEqual(cfg["FunctionArn"], ARN + "al:prod")
        self.assertEqual(cfg["Version"], "1")
        self.assertClientError("ResourceConflictException", self.lam.create_alias, FunctionName="al", Name="prod",
                               FunctionVersion="1", message="Alias already exists: " + ARN + "al:prod")
        self.assertClientError("ResourceNotFoundException", self.lam.create_alias, FunctionName="al", Name="x",
                               FunctionVersion="10", message="Function not found: " + ARN + "al:10")
        self.assertClientError("InvalidParameterValueException", self.lam.create_alias, FunctionName="al", Name="y",
                               FunctionVersion="1", RoutingConfig={"AdditionalVersionWeights": {"1": 0.5}},
                               message="Invalid function version 1. Function version 1 is already included in "
                                       "routing configuration.")
        self.assertClientError("ResourceNotFoundException", self.lam.get_alias, FunctionName="al", Name="nope",
                               message="Cannot find alias arn: " + ARN + "al:nope")
        self.assertClientError("ResourceNotFoundException", self.lam.update_alias, FunctionName="al", Name="nope",
                               message="Alias not found: " + ARN + "al:nope")
        updated = self.lam.update_alias(FunctionName="al", Name="prod", FunctionVersion="2", RoutingConfig={})
        self.assertEqual(updated["FunctionVersion"], "2")
        self.assertNotIn("RoutingConfig", updated)
        self.assertEqual([a["Name"] for a in self.lam.list_aliases(FunctionName="al")["Aliases"]], ["prod"])
        self.assertEqual(self.lam.list_aliases(FunctionName="al", FunctionVersion="1")["Aliases"], [])
        self.assertClientError("InvalidParameterValueException", self.lam.delete_function, FunctionName="al",
                               Qualifier="prod", message="Deletion of aliases is not currently supported.")
        self.assertClientError("ResourceConflictException", self.lam.delete_function, FunctionName="al", Qualifier="2")
        self.lam.delete_alias(FunctionName="al", Name="prod")
        self.lam.delete_alias(FunctionName="al", Name="prod")  # idempotent, as on AWS
        self.assertEqual(self.lam.list_aliases(FunctionName="al")["Aliases"], [])


class PermissionsAndTagsTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.emu.client("lambda")

    def test_permissions(self):
        create_python(self.lam, "perm")
        rev = self.lam.get_function(FunctionName="perm")["Configuration"]["RevisionId"]
        added = self.lam.add_permission(FunctionName="perm", StatementId="apigw", Action="lambda:InvokeFunction",
                                        Principal="apigateway.amazonaws.com",
                                        SourceArn="arn:aws:execute-api:us-east-1:000000000000:abc/*/GET/x")
        self.assertEqual(json.loads(added["Statement"]), {
            "Sid": "apigw", "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"},
            "Action": "lambda:InvokeFunction", "Resource": ARN + "perm",
            "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:execute-api:us-east-1:000000000000:abc/*/GET/x"}}})
        self.lam.add_permission(FunctionName="perm", StatementId="acct", Action="lambda:InvokeFunction",
                                Principal="111122223333")
        policy = self.lam.get_policy(FunctionName="perm")
        doc = json.loads(policy["Policy"])
        self.assertEqual(doc["Version"], "2012-10-17")
        self.assertEqual(doc["Id"], "default")
        self.assertEqual([s["Sid"] for s in doc["Statement"]], ["apigw", "acct"])
        self.assertEqual(doc["Statement"][1]["Principal"], {"AWS": "arn:aws:iam::111122223333:root"})
        # The policy has a RevisionId of its own, which AddPermission checks (recorded:
        # test_lambda_permission_fn_versioning); the function's stays.
        now = self.lam.get_function(FunctionName="perm")["Configuration"]["RevisionId"]
        self.assertEqual(now, rev)
        self.assertNotEqual(policy["RevisionId"], now)
        self.assertClientError("PreconditionFailedException", self.lam.add_permission, FunctionName="perm",
                               StatementId="r", Action="lambda:InvokeFunction", Principal="*", RevisionId=now,
                               status=412)
        self.lam.add_permission(FunctionName="perm", StatementId="r", Action="lambda:InvokeFunction", Principal="*",
                                RevisionId=policy["RevisionId"])
        self.lam.remove_permission(FunctionName="perm", StatementId="r")
        self.assertClientError("ResourceConflictException", self.lam.add_permission, FunctionName="perm",
                               StatementId="apigw", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com",
                               message="The statement id (apigw) provided already exists. Please provide a new "
                                       "statement id, or remove the existing statement.")
        self.assertClientError("InvalidParameterValueException", self.lam.add_permission, FunctionName="perm",
                               StatementId="bad", Action="lambda:InvokeFunction", Principal="nobody",
                               message="The provided principal was invalid. Please check the principal and try again.")
        self.assertClientError("InvalidParameterValueException", self.lam.add_permission, FunctionName="perm",
                               StatementId="l", Action="lambda:InvokeFunction", Principal="*", Qualifier="$LATEST",
                               message="We currently do not support adding policies for $LATEST.")
        self.assertClientError("ResourceNotFoundException", self.lam.remove_permission, FunctionName="perm",
                               StatementId="nope", message="Statement nope is not found in resource policy.")
        self.lam.remove_permission(FunctionName="perm", StatementId="apigw")
        self.lam.remove_permission(FunctionName="perm", StatementId="acct")
        self.assertClientError("ResourceNotFoundException", self.lam.get_policy, FunctionName="perm",
                               message="The resource you requested does not exist.")
        self.assertClientError("ResourceNotFoundException", self.lam.add_permission, FunctionName="ghost",
                               StatementId="s", Action="lambda:InvokeFunction", Principal="*",
                               message="Function not found: " + ARN + "ghost")

    def test_tags(self):
        create_python(self.lam, "tagged")
        arn = ARN + "tagged"
        self.lam.tag_resource(Resource=arn, Tags={"A": "a", "B": "b"})
        self.lam.tag_resource(Resource=arn, Tags={"B": "b2", "C": "c"})
        self.assertEqual(self.lam.list_tags(Resource=arn)["Tags"], {"A": "a", "B": "b2", "C": "c"})
        self.lam.untag_resource(Resource=arn, TagKeys=["A", "missing"])
        self.assertEqual(self.lam.list_tags(Resource=arn)["Tags"], {"B": "b2", "C": "c"})
        self.assertClientError("InvalidParameterValueException", self.lam.tag_resource, Resource=arn + ":1",
                               Tags={"x": "y"}, message="Tags on function aliases and versions are not supported. "
                                                        "Please specify a function ARN.")
        self.assertClientError("ResourceNotFoundException", self.lam.list_tags, Resource=ARN + "ghost",
                               message="Function not found: " + ARN + "ghost")

    def test_concurrency_and_account_settings(self):
        create_python(self.lam, "conc")
        self.assertEqual(self.lam.put_function_concurrency(FunctionName="conc", ReservedConcurrentExecutions=5)
                         ["ReservedConcurrentExecutions"], 5)
        self.assertEqual(self.lam.get_function_concurrency(FunctionName="conc")["ReservedConcurrentExecutions"], 5)
        self.assertEqual(self.lam.get_function(FunctionName="conc")["Concurrency"], {"ReservedConcurrentExecutions": 5})
        settings = self.lam.get_account_settings()
        self.assertEqual(settings["AccountLimit"]["UnreservedConcurrentExecutions"], 995)
        self.lam.delete_function_concurrency(FunctionName="conc")
        self.assertNotIn("ReservedConcurrentExecutions", self.lam.get_function_concurrency(FunctionName="conc"))


class CliTest(EmulatorTestCase):
    def test_cli_create_and_invoke(self):
        folder = os.path.join(self.emu_tmp(), "cli")
        os.makedirs(folder)
        with open(os.path.join(folder, "code.zip"), "wb") as f:
            f.write(zipped({"index.js": "exports.handler = async (e) => ({ got: e.x * 2 });\n"}))
        out = self.emu.cli("lambda", "create-function", "--function-name", "cli-fn", "--runtime", "nodejs20.x",
                           "--role", ROLE, "--handler", "index.handler",
                           "--zip-file", "fileb://" + os.path.join(folder, "code.zip"))
        self.assertEqual(out["FunctionName"], "cli-fn")
        result_file = os.path.join(folder, "out.json")
        res = self.emu.cli("lambda", "invoke", "--function-name", "cli-fn", "--cli-binary-format",
                           "raw-in-base64-out", "--payload", '{"x": 21}', result_file)
        self.assertEqual(res["StatusCode"], 200)
        self.assertEqual(res["ExecutedVersion"], "$LATEST")
        with open(result_file) as f:
            self.assertEqual(json.load(f), {"got": 42})
        p = self.emu.cli("lambda", "get-function", "--function-name", "nope", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("ResourceNotFoundException", p.stderr)

    def emu_tmp(self):
        import tempfile
        d = tempfile.mkdtemp(prefix="apigw-lambda-cli-")
        self.addCleanup(lambda: __import__("shutil").rmtree(d, ignore_errors=True))
        return d


if __name__ == "__main__":
    unittest.main()
