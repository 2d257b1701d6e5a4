"""The lambda control plane against answers recorded from real AWS.

Each test replays calls of LocalStack's AWS-validated Lambda tests
(tests/aws/services/lambda_/test_lambda_api.py and test_lambda.py, whose
.snapshot.json files hold AWS's answers) and checks the emulator answers with
the same members, defaults, status codes, error types and messages, and the
same RevisionId transitions. The name of the recorded test is given with each.
"""
import base64
import json
import re
import unittest

from botocore.config import Config
import boto3

from harness import CREDS, EmulatorTestCase
from test_lambda_support import zipped

ACCOUNT = "111111111111"
ROLE = "arn:aws:iam::%s:role/lambda-test-role" % ACCOUNT
ARN = "arn:aws:lambda:us-east-1:%s:function:" % ACCOUNT
ECHO = "import json\n\ndef handler(event, context):\n    print(json.dumps(event))\n    return event\n"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

# Members of a FunctionConfiguration as AWS answers CreateFunction for a zip
# function with Environment given (test_function_lifecycle create_response).
CREATED = {"Architectures", "CodeSha256", "CodeSize", "Description", "Environment", "EphemeralStorage", "FunctionArn",
           "FunctionName", "Handler", "LastModified", "LoggingConfig", "MemorySize", "PackageType", "RevisionId", "Role",
           "Runtime", "RuntimeVersionConfig", "SnapStart", "State", "StateReason", "StateReasonCode", "Timeout",
           "TracingConfig", "Version"}
ACTIVE = CREATED - {"StateReason", "StateReasonCode"} | {"LastUpdateStatus"}
UPDATING = ACTIVE | {"LastUpdateStatusReason", "LastUpdateStatusReasonCode"}
LISTED = ACTIVE - {"State", "LastUpdateStatus", "RuntimeVersionConfig"}
NAME_PATTERN = ("(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?"
                "(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?")


def keys(d):
    return set(d) - {"ResponseMetadata"}


class RecordedTestCase(EmulatorTestCase):
    emulator_args = ("--account-id", ACCOUNT)
    count = 0

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.emu.client("lambda")

    def name(self, prefix="fn"):
        RecordedTestCase.count += 1
        return "%s-%d" % (prefix, RecordedTestCase.count)

    def create(self, name, source=ECHO, **kw):
        """Like LocalStack's create_lambda_function fixture: Environment and Tags always given."""
        args = dict(FunctionName=name, Runtime="python3.12", Handler="handler.handler", Role=ROLE,
                    Code={"ZipFile": zipped({"handler.py": source})}, Timeout=30, Environment={"Variables": {}},
                    Tags={})
        args.update(kw)
        return self.lam.create_function(**args)

    def rev(self, name, qualifier=None):
        kw = {"Qualifier": qualifier} if qualifier else {}
        return self.lam.get_function_configuration(FunctionName=name, **kw)["RevisionId"]

    def error(self, fn, **kw):
        from botocore.exceptions import ClientError
        with self.assertRaises(ClientError) as cm:
            fn(**kw)
        return cm.exception.response


class FunctionShapesTest(RecordedTestCase):
    def test_lifecycle_members_and_states(self):
        # test_function_lifecycle
        fn = self.name()
        created = self.create(fn, MemorySize=256, Timeout=5)
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(keys(created), CREATED)
        self.assertEqual((created["State"], created["StateReason"], created["StateReasonCode"]),
                         ("Pending", "The function is being created.", "Creating"))
        self.assertEqual(created["Environment"], {"Variables": {}})
        self.assertEqual(created["SnapStart"], {"ApplyOn": "None", "OptimizationStatus": "Off"})
        self.assertEqual(created["LoggingConfig"], {"LogFormat": "Text", "LogGroup": "/aws/lambda/" + fn})
        self.assertEqual((created["PackageType"], created["Architectures"], created["EphemeralStorage"]),
                         ("Zip", ["x86_64"], {"Size": 512}))
        self.assertEqual(created["FunctionArn"], ARN + fn)
        got = self.lam.get_function(FunctionName=fn)
        self.assertEqual(keys(got), {"Code", "Configuration"})  # Tags={} leaves no Tags
        self.assertEqual(set(got["Code"]), {"Location", "RepositoryType"})
        self.assertEqual(keys(got["Configuration"]), ACTIVE)
        self.assertEqual((got["Configuration"]["State"], got["Configuration"]["LastUpdateStatus"]),
                         ("Active", "Successful"))
        updated = self.lam.update_function_configuration(
            FunctionName=fn, Runtime="python3.11", Description="Changed-Description", MemorySize=512, Timeout=10,
            Environment={"Variables": {"ENV_A": "a"}})
        self.assertEqual(keys(updated), UPDATING)
        self.assertEqual((updated["State"], updated["LastUpdateStatus"], updated["LastUpdateStatusReason"],
                          updated["LastUpdateStatusReasonCode"]),
                         ("Active", "InProgress", "The function is being created.", "Creating"))
        self.assertNotEqual(updated["RuntimeVersionConfig"], created["RuntimeVersionConfig"])
        code = self.lam.update_function_code(FunctionName=fn, ZipFile=zipped({"handler.py": "x = 1\n"}))
        self.assertEqual(keys(code), UPDATING)
        self.assertNotEqual(code["CodeSha256"], created["CodeSha256"])
        deleted = self.lam.delete_function(FunctionName=fn)
        self.assertEqual((deleted["StatusCode"], deleted["ResponseMetadata"]["HTTPStatusCode"]), (204, 204))
        err = self.error(self.lam.delete_function, FunctionName=fn)
        self.assertEqual(err["Error"], {"Code": "ResourceNotFoundException", "Message": "Function not found: " + ARN + fn})
        self.assertEqual((err["Type"], err["Message"]), ("User", "Function not found: " + ARN + fn))

    def test_list_functions_items(self):
        # test_list_functions: list items have no state members; ALL adds versions with $LATEST qualified.
        f1, f2 = self.name("list-fn-1"), self.name("list-fn-2")
        self.assertEqual(self.create(f1, Publish=True)["Version"], "1")
        self.create(f2)
        err = self.error(self.lam.list_functions, FunctionVersion="invalid")
        self.assertEqual(err["Error"]["Code"], "ValidationException")
        self.assertEqual(err["Error"]["Message"], "1 validation error detected: Value 'invalid' at 'functionVersion' "
                                                  "failed to satisfy constraint: Member must satisfy enum value set: [ALL]")
        pages = self.lam.get_paginator("list_functions")
        every = [f for f in pages.paginate(FunctionVersion="ALL", PaginationConfig={"PageSize": 1})
                 .build_full_result()["Functions"] if f["FunctionName"] in (f1, f2)]
        self.assertEqual(sorted(f["FunctionArn"] for f in every), [ARN + f1 + ":$LATEST", ARN + f1 + ":1", ARN + f2 + ":$LATEST"])
        for f in every:
            self.assertEqual(keys(f), LISTED)
        default = [f for f in pages.paginate(PaginationConfig={"PageSize": 1}).build_full_result()["Functions"]
                   if f["FunctionName"] in (f1, f2)]
        self.assertEqual(sorted(f["FunctionArn"] for f in default), [ARN + f1, ARN + f2])

    def test_revision_transitions(self):
        # test_function_revisions_basic, test_function_revisions_version_and_alias
        fn = self.name()
        rev1 = self.create(fn)["RevisionId"]
        rev2 = self.rev(fn)
        self.assertTrue(UUID.match(rev1) and UUID.match(rev2))
        self.assertNotEqual(rev1, rev2)  # Pending -> Active is a new revision
        err = self.error(self.lam.update_function_code, FunctionName=fn, ZipFile=zipped({"handler.py": ECHO}),
                         RevisionId="wrong")
        self.assertEqual((err["Error"]["Code"], err["ResponseMetadata"]["HTTPStatusCode"]), ("PreconditionFailedException", 412))
        self.assertEqual(err["Error"]["Message"], "The Revision Id provided does not match the latest Revision Id. "
                                                  "Call the GetFunction/GetAlias API to retrieve the latest Revision Id")
        rev3 = self.lam.update_function_code(FunctionName=fn, ZipFile=zipped({"handler.py": ECHO}),
                                             RevisionId=rev2)["RevisionId"]
        rev4 = self.rev(fn)
        self.assertEqual(len({rev2, rev3, rev4}), 3)
        rev5 = self.lam.update_function_configuration(FunctionName=fn, Runtime="python3.11",
                                                      RevisionId=rev4)["RevisionId"]
        self.assertEqual(len({rev4, rev5, self.rev(fn)}), 3)
        active = self.rev(fn)
        version = self.lam.publish_version(FunctionName=fn, RevisionId=active)
        self.assertEqual(self.rev(fn, version["Version"]), version["RevisionId"])
        latest = self.rev(fn)
        self.assertNotEqual(latest, active)  # publishing moves $LATEST's
        alias = self.lam.create_alias(FunctionName=fn, Name="revision_alias", FunctionVersion=version["Version"])
        self.assertEqual(self.rev(fn), latest)  # an alias moves nothing
        self.assertEqual(self.rev(fn, version["Version"]), version["RevisionId"])
        err = self.error(self.lam.update_alias, FunctionName=fn, Name="revision_alias", RevisionId="wrong")
        self.assertEqual(err["Error"]["Code"], "PreconditionFailedException")
        updated = self.lam.update_alias(FunctionName=fn, Name="revision_alias", Description="something changed",
                                        RevisionId=alias["RevisionId"])
        self.assertNotEqual(updated["RevisionId"], alias["RevisionId"])


class VersionsTest(RecordedTestCase):
    def test_publish_on_create_and_idempotent_publish(self):
        # test_publish_version_on_create
        fn = self.name()
        created = self.create(fn, Publish=True)
        self.assertEqual((created["Version"], created["FunctionArn"], created["State"]), ("1", ARN + fn, "Pending"))
        v1 = self.lam.get_function(FunctionName=fn, Qualifier="1")["Configuration"]
        self.assertEqual((v1["FunctionArn"], v1["State"], v1["LastUpdateStatus"]), (ARN + fn + ":1", "Active", "Successful"))
        latest = self.rev(fn)
        self.assertEqual(len({created["RevisionId"], latest, v1["RevisionId"]}), 3)
        again = self.lam.publish_version(FunctionName=fn, Description="Repeated version description :)")
        self.assertEqual((again["Version"], again["RevisionId"], again["Description"]), ("1", v1["RevisionId"], ""))
        versions = self.lam.list_versions_by_function(FunctionName=fn)["Versions"]
        self.assertEqual([(v["Version"], v["RevisionId"]) for v in versions], [("$LATEST", latest), ("1", v1["RevisionId"])])
        self.assertEqual(versions[0]["FunctionArn"], ARN + fn + ":$LATEST")
        # Tags and policies change $LATEST's RevisionId but are no part of a version.
        self.lam.tag_resource(Resource=ARN + fn, Tags={"a": "b"})
        self.lam.add_permission(FunctionName=fn, StatementId="s", Action="lambda:InvokeFunction", Principal="*")
        self.assertEqual(self.lam.publish_version(FunctionName=fn)["Version"], "1")

    def test_version_lifecycle(self):
        # test_version_lifecycle
        fn = self.name()
        self.create(fn, Description="No version :(")
        self.lam.update_function_configuration(FunctionName=fn, Description="First version :)")
        first = self.lam.publish_version(FunctionName=fn, Description="First version description :)")
        self.assertEqual(first["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual((first["Version"], first["State"], first["LastUpdateStatus"], first["Description"]),
                         ("1", "Active", "Successful", "First version description :)"))
        self.assertEqual(keys(first), ACTIVE)
        self.lam.update_function_configuration(FunctionName=fn, Description="Second version :))")
        self.assertEqual(self.lam.get_function(FunctionName=fn, Qualifier="1")["Configuration"]["Description"],
                         "First version description :)")
        second = self.lam.publish_version(FunctionName=fn)
        third = self.lam.publish_version(FunctionName=fn, Description="Third version description :)))")
        self.assertEqual((second["Version"], second["Description"]), ("2", "Second version :))"))
        self.assertEqual((third["Version"], third["RevisionId"], third["Description"]),
                         ("2", second["RevisionId"], "Second version :))"))
        self.lam.delete_function(FunctionName=fn + ":1")
        versions = self.lam.list_versions_by_function(FunctionName=fn)["Versions"]
        self.assertEqual([v["Version"] for v in versions], ["$LATEST", "2"])
        for v in versions:
            self.assertEqual(keys(v), LISTED)

    def test_publish_with_code_update_and_wrong_sha(self):
        # test_publish_with_update, test_publish_with_wrong_sha256
        fn = self.name()
        self.create(fn)
        err = self.error(self.lam.publish_version, FunctionName=fn, CodeSha256="somenonexistentsha256")
        sha = self.lam.get_function_configuration(FunctionName=fn)["CodeSha256"]
        self.assertEqual(err["Error"], {"Code": "InvalidParameterValueException", "Message":
                                        "CodeSHA256 (somenonexistentsha256) is different from current CodeSHA256 in "
                                        "$LATEST (%s). Please try again with the CodeSHA256 in $LATEST." % sha})
        r = self.lam.update_function_code(FunctionName=fn, ZipFile=zipped({"handler.py": "y = 2\n"}), Publish=True)
        self.assertEqual((r["Version"], r["FunctionArn"], r["State"], r["StateReasonCode"]),
                         ("1", ARN + fn + ":1", "Pending", "Creating"))
        self.assertNotIn("LastUpdateStatus", r)
        self.assertEqual(self.rev(fn, "1"), r["RevisionId"])


class AliasesTest(RecordedTestCase):
    def test_alias_lifecycle_and_routing_errors(self):
        # test_alias_lifecycle, test_notfound_and_invalid_routingconfigs, test_non_existent_alias_*
        fn = self.name("alias-fn")
        lam = boto3.client("lambda", endpoint_url=self.emu.control_url, region_name="us-east-1",
                           config=Config(parameter_validation=False, retries={"max_attempts": 1}), **CREDS)
        self.create(fn, Publish=True, Environment={"Variables": {"testenv": "staging"}})
        lam.update_function_configuration(FunctionName=fn, Environment={"Variables": {"testenv": "prod"}})
        self.assertEqual(lam.publish_version(FunctionName=fn)["Version"], "2")
        alias = lam.create_alias(FunctionName=fn, Name="aliasname1_1", FunctionVersion="1", Description="custom-alias",
                                 RoutingConfig={"AdditionalVersionWeights": {"2": 0.2}})
        self.assertEqual(alias["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(keys(alias), {"AliasArn", "Name", "FunctionVersion", "Description", "RoutingConfig", "RevisionId"})
        self.assertEqual(alias["AliasArn"], ARN + fn + ":aliasname1_1")
        by_arn = lam.get_function(FunctionName=alias["AliasArn"])["Configuration"]
        self.assertEqual((by_arn["FunctionArn"], by_arn["Version"]), (ARN + fn + ":aliasname1_1", "1"))
        cases = [
            ({"1": 0.8, "2": 0.2}, "1", "InvalidParameterValueException",
             "Number of items in AdditionalVersionWeights cannot be greater than 1"),
            ({"2": 2}, "1", "ValidationException",
             "1 validation error detected: Value '{2=2.0}' at 'routingConfig.additionalVersionWeights' failed to "
             "satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to "
             "1.0, Member must have value greater than or equal to 0.0, Member must not be null]"),
            ({"1": 0.5}, "1", "InvalidParameterValueException",
             "Invalid function version 1. Function version 1 is already included in routing configuration."),
            ({"2": 0.5}, "10", "ResourceNotFoundException", "Function not found: " + ARN + fn + ":10"),
            ({"10": 0.5}, "1", "ResourceNotFoundException", "Function not found: " + ARN + fn + ":10"),
            ({"1": 0.5}, "$LATEST", "InvalidParameterValueException",
             "$LATEST is not supported for an alias pointing to more than 1 version"),
        ]
        for weights, version, code, message in cases:
            err = self.error(lam.create_alias, FunctionName=fn, Name="custom", FunctionVersion=version,
                             RoutingConfig={"AdditionalVersionWeights": weights})
            self.assertEqual(err["Error"], {"Code": code, "Message": message}, weights)
        err = self.error(lam.create_alias, FunctionName=fn + "-unknown", Name="custom", FunctionVersion="1")
        self.assertEqual(err["Error"]["Message"], "Function not found: " + ARN + fn + "-unknown:1")
        empty = lam.create_alias(FunctionName=fn, Name="custom-empty-routingconfig", FunctionVersion="1",
                                 RoutingConfig={"AdditionalVersionWeights": {}})
        self.assertNotIn("RoutingConfig", empty)
        err = self.error(lam.create_alias, FunctionName=fn, Name="aliasname1_1", FunctionVersion="1")
        self.assertEqual(err["Error"], {"Code": "ResourceConflictException",
                                        "Message": "Alias already exists: " + ARN + fn + ":aliasname1_1"})
        err = self.error(lam.get_alias, FunctionName=fn, Name="non-existent")
        self.assertEqual(err["Error"]["Message"], "Cannot find alias arn: " + ARN + fn + ":non-existent")
        err = self.error(lam.update_alias, FunctionName=fn, Name="non-existent")
        self.assertEqual(err["Error"]["Message"], "Alias not found: " + ARN + fn + ":non-existent")
        self.assertEqual(lam.delete_alias(FunctionName=fn, Name="non-existent")["ResponseMetadata"]["HTTPStatusCode"], 204)
        err = self.error(lam.create_alias, FunctionName=fn, Name="2024", FunctionVersion="1")
        self.assertEqual(err["Error"]["Code"], "ValidationException")
        self.assertEqual(lam.create_alias(FunctionName=fn, Name="2024-01-02", FunctionVersion="1")["Name"], "2024-01-02")


class PermissionsTest(RecordedTestCase):
    def test_policies_and_their_revisions(self):
        # test_add_lambda_permission_aws, test_remove_multi_permissions, test_lambda_permission_fn_versioning
        fn = self.name("lambda_func")
        self.create(fn)
        added = self.lam.add_permission(FunctionName=fn, Action="lambda:InvokeFunction", StatementId="s3",
                                        Principal="s3.amazonaws.com", SourceArn="arn:aws:s3:::test-bucket")
        self.assertEqual(added["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(json.loads(added["Statement"]), {
            "Sid": "s3", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
            "Action": "lambda:InvokeFunction", "Resource": ARN + fn,
            "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::test-bucket"}}})
        policy = self.lam.get_policy(FunctionName=fn)
        self.assertEqual(json.loads(policy["Policy"]), {"Version": "2012-10-17", "Id": "default",
                                                        "Statement": [json.loads(added["Statement"])]})
        version = self.lam.publish_version(FunctionName=fn)["Version"]
        self.assertEqual(self.lam.get_policy(FunctionName=fn)["RevisionId"], policy["RevisionId"])
        err = self.error(self.lam.get_policy, FunctionName=fn, Qualifier=version)
        self.assertEqual(err["Error"]["Message"], "The resource you requested does not exist.")
        self.lam.add_permission(FunctionName=fn + ":" + version, Qualifier=version, Action="lambda:InvokeFunction",
                                StatementId="s3", Principal="s3.amazonaws.com")
        self.assertNotEqual(self.lam.get_policy(FunctionName=fn, Qualifier=version)["RevisionId"], self.rev(fn, version))
        alias = self.lam.create_alias(FunctionName=fn, Name="permission-alias", FunctionVersion=version)
        err = self.error(self.lam.add_permission, FunctionName=fn, Qualifier="permission-alias", RevisionId="wrong",
                         Action="lambda:InvokeFunction", StatementId="s3", Principal="s3.amazonaws.com")
        self.assertEqual(err["Error"], {"Code": "PreconditionFailedException", "Message":
                                        "The Revision Id provided does not match the latest Revision Id. Call the "
                                        "GetPolicy API to retrieve the latest Revision Id"})
        self.lam.add_permission(FunctionName=fn + ":permission-alias", Qualifier="permission-alias",
                                RevisionId=alias["RevisionId"], Action="lambda:InvokeFunction", StatementId="s3",
                                Principal="s3.amazonaws.com")
        self.assertEqual(json.loads(self.lam.get_policy(FunctionName=fn, Qualifier="permission-alias")["Policy"])
                         ["Statement"][0]["Resource"], ARN + fn + ":permission-alias")
        self.lam.add_permission(FunctionName=fn, RevisionId=policy["RevisionId"], Action="lambda:InvokeFunction",
                                StatementId="s3_2", Principal="s3.amazonaws.com")
        after = self.lam.get_policy(FunctionName=fn)
        self.assertNotEqual(after["RevisionId"], policy["RevisionId"])
        err = self.error(self.lam.remove_permission, FunctionName=fn, StatementId="non-existent")
        self.assertEqual(err["Error"]["Message"], "Statement non-existent is not found in resource policy.")
        self.lam.remove_permission(FunctionName=fn, StatementId="s3_2")
        self.lam.remove_permission(FunctionName=fn, StatementId="s3",
                                   RevisionId=self.lam.get_policy(FunctionName=fn)["RevisionId"])
        err = self.error(self.lam.get_policy, FunctionName=fn)
        self.assertEqual(err["Error"]["Message"], "The resource you requested does not exist.")

    def test_principals_and_conditions(self):
        # test_add_lambda_permission_fields
        fn = self.name("lambda_func")
        self.create(fn)

        def statement(**kw):
            return json.loads(self.lam.add_permission(FunctionName=fn, **kw)["Statement"])
        s = statement(Action="lambda:InvokeFunction", StatementId="wilcard", Principal="*", SourceAccount=ACCOUNT)
        self.assertEqual((s["Principal"], s["Condition"]), ("*", {"StringEquals": {"AWS:SourceAccount": ACCOUNT}}))
        s = statement(Action="lambda:InvokeFunction", StatementId="account-id", Principal=ACCOUNT)
        self.assertEqual(s["Principal"], {"AWS": "arn:aws:iam::%s:root" % ACCOUNT})
        self.assertNotIn("Condition", s)
        s = statement(StatementId="urlPermission", Action="lambda:InvokeFunctionUrl", Principal="*",
                      SourceArn="arn:aws:s3:::test-bucket", SourceAccount=ACCOUNT, PrincipalOrgID="o-1234567890",
                      FunctionUrlAuthType="NONE")
        self.assertEqual(s["Condition"], {
            "StringEquals": {"AWS:SourceAccount": ACCOUNT, "lambda:FunctionUrlAuthType": "NONE",
                             "aws:PrincipalOrgID": "o-1234567890"},
            "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::test-bucket"}})
        s = statement(StatementId="alexaSkill", Action="lambda:InvokeFunction", Principal="*",
                      EventSourceToken="amzn1.ask.skill.xxxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
        self.assertEqual(s["Condition"], {"StringEquals": {
            "lambda:EventSourceToken": "amzn1.ask.skill.xxxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"}})

    def test_permission_exceptions(self):
        # test_permission_exceptions
        fn = self.name("lambda_func")
        self.create(fn)
        base = dict(Action="lambda:InvokeFunction", StatementId="s3", Principal="s3.amazonaws.com")
        cases = [
            (dict(FunctionName=fn, StatementId="example.com"), "ValidationException",
             "1 validation error detected: Value 'example.com' at 'statementId' failed to satisfy constraint: Member "
             "must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)"),
            (dict(FunctionName=fn + ":alias-not-42", Qualifier="42"), "InvalidParameterValueException",
             "The derived qualifier from the function name does not match the specified qualifier."),
            (dict(FunctionName=fn + ":$LATEST", Qualifier="$LATEST"), "InvalidParameterValueException",
             "We currently do not support adding policies for $LATEST."),
            (dict(FunctionName=fn, Principal="invalid.nonaws.com"), "InvalidParameterValueException",
             "The provided principal was invalid. Please check the principal and try again."),
            (dict(FunctionName="doesnotexist"), "ResourceNotFoundException", "Function not found: " + ARN + "doesnotexist"),
            (dict(FunctionName=fn + ":alias-doesnotexist"), "ResourceNotFoundException",
             "Cannot find alias arn: " + ARN + fn + ":alias-doesnotexist"),
            (dict(FunctionName=fn, Qualifier="42"), "ResourceNotFoundException", "Function not found: " + ARN + fn + ":42"),
            (dict(FunctionName=fn, Qualifier="valid-with-$-but-doesnotexist"), "ResourceNotFoundException",
             "Function not found: " + ARN + fn + ":valid-with-$-but-doesnotexist"),
        ]
        for kw, code, message in cases:
            err = self.error(self.lam.add_permission, **dict(base, **kw))
            self.assertEqual(err["Error"], {"Code": code, "Message": message}, kw)
        err = self.error(self.lam.remove_permission, FunctionName=fn, StatementId="s3")
        self.assertEqual(err["Error"]["Message"], "No policy is associated with the given resource.")
        self.lam.add_permission(FunctionName=fn, **base)
        err = self.error(self.lam.add_permission, FunctionName=fn, **base)
        self.assertEqual((err["Error"]["Code"], err["ResponseMetadata"]["HTTPStatusCode"]), ("ResourceConflictException", 409))
        self.assertEqual(err["Error"]["Message"], "The statement id (s3) provided already exists. Please provide a new "
                                                  "statement id, or remove the existing statement.")
        err = self.error(self.lam.remove_permission, FunctionName="doesnotexist", StatementId="s3")
        self.assertEqual(err["Error"]["Message"], "No policy found for: " + ARN + "doesnotexist")
        err = self.error(self.lam.remove_permission, FunctionName=fn, StatementId="s3", Qualifier="alias-doesnotexist")
        self.assertEqual(err["Error"]["Message"], "Cannot find alias arn: " + ARN + fn + ":alias-doesnotexist")
        for qualifier in (None, "77"):
            kw = {"Qualifier": qualifier} if qualifier else {}
            err = self.error(self.lam.get_policy, FunctionName="doesnotexist" if not qualifier else fn, **kw)
            self.assertEqual(err["Error"]["Message"], "The resource you requested does not exist.")


class TagsTest(RecordedTestCase):
    def test_tag_lifecycle_and_revisions(self):
        # TestLambdaTags::test_tag_lifecycle, TestLambdaTag::test_create_tag_on_fn_create
        fn = self.name("fn-tag")
        self.create(fn, Tags={"key_a": "value_a"})
        arn = ARN + fn
        self.assertEqual(self.lam.get_function(FunctionName=fn)["Tags"], {"key_a": "value_a"})
        revs = [self.rev(fn)]
        r = self.lam.tag_resource(Resource=arn, Tags={"key_b": "value_b", "key_c": "value_c", "key_d": "value_d"})
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 204)
        revs.append(self.rev(fn))
        self.lam.tag_resource(Resource=arn, Tags={"key_b": "value_b", "key_c": "value_x"})
        revs.append(self.rev(fn))
        self.assertEqual(self.lam.list_tags(Resource=arn)["Tags"],
                         {"key_a": "value_a", "key_b": "value_b", "key_c": "value_x", "key_d": "value_d"})
        self.lam.untag_resource(Resource=arn, TagKeys=["key_c", "key_d"])
        revs.append(self.rev(fn))
        self.lam.untag_resource(Resource=arn, TagKeys=["key_a", "key_b"])
        revs.append(self.rev(fn))
        self.assertEqual(len(set(revs)), 5)  # every change is a new revision
        self.assertEqual(self.lam.list_tags(Resource=arn)["Tags"], {})
        self.assertNotIn("Tags", self.lam.get_function(FunctionName=fn))
        self.lam.delete_function(FunctionName=fn)
        err = self.error(self.lam.list_tags, Resource=arn)
        self.assertEqual(err["Error"], {"Code": "ResourceNotFoundException", "Message": "Function not found: " + arn})

    def test_tag_exceptions_and_limits(self):
        # TestLambdaTags::test_tag_exceptions, test_tag_limits, test_tag_versions
        fn = self.name("fn-tag")
        self.create(fn)
        arn = ARN + fn
        err = self.error(self.lam.tag_resource, Resource=ARN + "doesnotexist", Tags={"key_a": "value_a"})
        self.assertEqual(err["Error"]["Message"], "Function not found: " + ARN + "doesnotexist")
        for qualified in (arn + ":v1", arn + ":$LATEST", arn + ":" + self.lam.publish_version(FunctionName=fn)["Version"]):
            err = self.error(self.lam.tag_resource, Resource=qualified, Tags={"key_a": "value_a"})
            self.assertEqual(err["Error"], {"Code": "InvalidParameterValueException", "Message":
                                            "Tags on function aliases and versions are not supported. Please specify "
                                            "a function ARN."})
        self.assertEqual(self.lam.list_tags(Resource=arn)["Tags"], {})
        self.lam.untag_resource(Resource=arn, TagKeys=["somekey"])
        err = self.error(self.lam.untag_resource, Resource=arn, TagKeys=[])
        self.assertEqual(err["Error"], {"Code": "ValidationException", "Message":
                                        "1 validation error detected: Value null at 'tagKeys' failed to satisfy "
                                        "constraint: Member must not be null"})
        err = self.error(self.lam.tag_resource, Resource=arn, Tags={})
        self.assertEqual(err["Error"], {"Code": "InvalidParameterValueException",
                                        "Message": "An error occurred and the request cannot be processed."})
        too_many = {"%d_key" % k: "%d_value" % k for k in range(51)}
        err = self.error(self.lam.tag_resource, Resource=arn, Tags=too_many)
        self.assertEqual(err["Error"]["Message"], "Number of tags exceeds resource tag limit.")
        self.lam.tag_resource(Resource=arn, Tags={"%d_key" % k: "%d_value" % k for k in range(50)})
        err = self.error(self.lam.tag_resource, Resource=arn, Tags={"a_key": "a_value"})
        self.assertEqual(err["Error"]["Message"], "Number of tags exceeds resource tag limit.")
        err = self.error(self.create, name=self.name("fn-tag"), Tags=too_many)
        self.assertEqual(err["Error"], {"Code": "InvalidParameterValueException",
                                        "Message": "Number of tags exceeds resource tag limit."})


class ErrorsTest(RecordedTestCase):
    def test_names_qualifiers_and_regions(self):
        # test_ops_with_arn_qualifier_mismatch, test_ops_on_nonexisting_*, test_get_function_wrong_region,
        # test_delete_on_nonexisting_version, test_function_name_and_qualifier_validation, test_function_arns
        some = ARN + "some-function"
        for op in (self.lam.get_function, self.lam.get_function_configuration, self.lam.delete_function):
            err = self.error(op, FunctionName=some + ":1", Qualifier="$LATEST")
            self.assertEqual(err["Error"]["Message"],
                             "The derived qualifier from the function name does not match the specified qualifier.")
        err = self.error(self.lam.get_function, FunctionName=some + ":$LATEST", Qualifier="$LATEST")
        self.assertEqual(err["Error"]["Message"], "Function not found: " + some + ":$LATEST")
        err = self.error(self.lam.delete_function, FunctionName=some + ":$LATEST", Qualifier="$LATEST")
        self.assertEqual(err["Error"], {"Code": "InvalidParameterValueException",
                                        "Message": "$LATEST version cannot be deleted without deleting the function."})
        err = self.error(self.lam.delete_function, FunctionName="my-function", Qualifier="a" * 65)
        self.assertEqual(err["Error"]["Message"], "Deletion of aliases is not currently supported.")
        err = self.error(self.lam.delete_function, FunctionName=ARN + "my-function", Qualifier="$latest")
        self.assertEqual(err["Error"]["Message"], "Function not found: " + ARN + "my-function")
        err = self.error(self.lam.get_function, FunctionName=ARN + "my-function", Qualifier="$latest")
        self.assertEqual(err["Error"]["Message"], "Function not found: " + ARN + "my-function:$latest")
        fn = self.name("i-exist")
        self.create(fn)
        err = self.error(self.lam.get_function_configuration, FunctionName=fn, Qualifier="1221")
        self.assertEqual(err["Error"]["Message"], "Function not found: " + ARN + fn + ":1221")
        for op in (self.lam.get_function, self.lam.get_function_concurrency, self.lam.delete_function, self.lam.invoke):
            err = self.error(op, FunctionName="arn:aws:lambda:eu-central-1:%s:function:%s" % (ACCOUNT, fn))
            self.assertEqual(err["Error"], {"Code": "ResourceNotFoundException", "Message":
                                            "Functions from 'eu-central-1' are not reachable in this region ('us-east-1')"})
        self.lam.delete_function(FunctionName=fn, Qualifier="1233")  # a version that is not there: fine
        self.lam.delete_function(FunctionName=fn)
        err = self.error(self.lam.delete_function, FunctionName=fn, Qualifier="1233")
        self.assertEqual(err["Error"]["Message"], "Function not found: " + ARN + fn)
        err = self.error(self.lam.get_function, FunctionName="my-function!")
        self.assertEqual(err["Error"]["Code"], "ValidationException")
        err = self.error(self.lam.get_function, FunctionName="my-function", Qualifier="a" * 129)
        self.assertEqual(err["Error"]["Message"], "1 validation error detected: Value '%s' at 'qualifier' failed to "
                                                  "satisfy constraint: Member must have length less than or equal to "
                                                  "128" % ("a" * 129))

    def test_create_exceptions(self):
        # test_create_lambda_exceptions, test_update_lambda_exceptions, test_function_arns,
        # test_large_environment_variables_fails, test_lambda_code_location_s3_errors
        fn = self.name("invalid-function")
        base = dict(Handler="index.handler", Code={"ZipFile": zipped({"index.py": ECHO})}, PackageType="Zip")
        err = self.error(self.lam.create_function, FunctionName=fn, Role="r1", Runtime="python3.12", **base)
        self.assertEqual(err["Error"], {"Code": "ValidationException", "Message":
                                        "1 validation error detected: Value 'r1' at 'role' failed to satisfy "
                                        "constraint: Member must satisfy regular expression pattern: "
                                        "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"})
        err = self.error(self.lam.create_function, FunctionName=fn, Role=ROLE, Runtime="python3.12",
                         Architectures=["X86_64"], **base)
        self.assertEqual(err["Error"]["Message"],
                         "1 validation error detected: Value '[X86_64]' at 'architectures' failed to satisfy "
                         "constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, "
                         "arm64], Member must not be null]")
        err = self.error(self.lam.create_function, FunctionName=fn, Role=ROLE, Runtime="python3.12",
                         Architectures=["x86_64", "arm64"], **base)
        self.assertEqual(err["Error"]["Message"],
                         "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to satisfy "
                         "constraint: Member must have length less than or equal to 1")
        err = self.error(self.lam.create_function, FunctionName=fn, Role=ROLE, Runtime="PYTHON3.9", **base)
        self.assertEqual(err["Error"]["Code"], "InvalidParameterValueException")
        self.assertTrue(err["Error"]["Message"].startswith("Value PYTHON3.9 at 'runtime' failed to satisfy constraint: "
                                                           "Member must satisfy enum value set: ["))
        self.assertTrue(err["Error"]["Message"].endswith("] or be a valid ARN"))
        err = self.error(self.lam.create_function, FunctionName=fn, Role=ROLE, Runtime="python3.9",
                         **dict(base, Code={"ZipFile": b"this is not a zipfile, just a random string"}))
        self.assertEqual(err["Error"]["Message"],
                         "Could not unzip uploaded file. Please check your file, then try to upload again.")
        err = self.error(self.lam.create_function, FunctionName="invalid:function:name", Role=ROLE,
                         Runtime="python3.12", **base)
        self.assertEqual(err["Error"]["Message"], "1 validation error detected: Value 'invalid:function:name' at "
                                                  "'functionName' failed to satisfy constraint: Member must satisfy "
                                                  "regular expression pattern: " + NAME_PATTERN)
        err = self.error(self.lam.create_function, FunctionName="a" * 65, Role=ROLE, Runtime="python3.12", **base)
        self.assertEqual(err["Error"], {"Code": "InvalidParameterValueException", "Message":
                                        "1 validation error detected: Value '%s' at 'functionName' failed to satisfy "
                                        "constraint: Member must have length less than or equal to 64" % ("a" * 65)})
        err = self.error(self.lam.create_function, FunctionName="arn:aws:lambda:ap-southeast-1:%s:function:x" % ACCOUNT,
                         Role=ROLE, Runtime="python3.12", **base)
        self.assertEqual(err["Error"]["Message"],
                         "Functions from 'ap-southeast-1' are not reachable in this region ('us-east-1')")
        err = self.error(self.lam.create_function, FunctionName="arn:aws:lambda:us-east-1:123456789012:function:x",
                         Role=ROLE, Runtime="python3.12", **base)
        self.assertEqual((err["Error"]["Code"], err["ResponseMetadata"]["HTTPStatusCode"]), ("AccessDeniedException", 403))
        err = self.error(self.lam.create_function, FunctionName=fn, Role=ROLE, Runtime="python3.12",
                         **dict(base, Code={"S3Bucket": "some-random-non-existent-bucket", "S3Key": "code.zip"}))
        self.assertEqual(err["Error"]["Message"], "Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error "
                                                  "Message: The specified bucket does not exist")
        err = self.error(self.create, name=fn, Environment={"Variables": {"LARGE_VAR": "x" * (4096 - 6 - 9)}})
        self.assertEqual(err["Error"]["Code"], "InvalidParameterValueException")
        self.assertTrue(err["Error"]["Message"].startswith(
            "Lambda was unable to configure your environment variables because the environment variables you have "
            "provided exceeded the 4KB limit. String measured: {\"LARGE_VAR\":\"xxx"))
        self.create(self.name("near-limit"), Environment={"Variables": {"LARGE_VAR": "x" * (4096 - 7 - 9)}})
        for rt in ("python3.7", "nodejs12.x", "go1.x"):
            err = self.error(self.create, name=fn, Runtime=rt)
            self.assertEqual(err["Error"]["Message"],
                             "The runtime parameter of %s is no longer supported for creating or updating AWS Lambda "
                             "functions. We recommend you use a supported runtime while creating or updating "
                             "functions." % rt)
        self.assertClientError("ResourceNotFoundException", self.lam.get_function, FunctionName=fn)
        created = self.lam.create_function(FunctionName=fn, Role=ROLE, Runtime="python3.12", **base)
        self.assertEqual((created["Timeout"], created["MemorySize"], created["Description"]), (3, 128, ""))
        self.assertNotIn("Environment", created)
        err = self.error(self.lam.update_function_configuration, FunctionName=fn, Role="r1")
        self.assertEqual(err["Error"]["Code"], "ValidationException")
        err = self.error(self.lam.update_function_configuration, FunctionName=fn, Runtime="non-existent-runtime")
        self.assertTrue(err["Error"]["Message"].startswith("Value non-existent-runtime at 'runtime' failed"))

    def test_logging_and_snapstart_updates(self):
        # TestLoggingConfig::*, TestLambdaSnapStart::test_snapstart_update_function_configuration
        fn = self.name()
        created = self.create(fn, LoggingConfig={"LogFormat": "JSON"})
        self.assertEqual(created["LoggingConfig"], {"ApplicationLogLevel": "INFO", "LogFormat": "JSON",
                                                    "LogGroup": "/aws/lambda/" + fn, "SystemLogLevel": "INFO"})
        r = self.lam.update_function_configuration(FunctionName=fn, LoggingConfig={"LogFormat": "Text"})
        self.assertEqual(r["LoggingConfig"], {"LogFormat": "Text", "LogGroup": "/aws/lambda/" + fn})
        r = self.lam.update_function_configuration(FunctionName=fn, LoggingConfig={"LogGroup": "cool_lambda"})
        self.assertEqual(r["LoggingConfig"], {"LogFormat": "Text", "LogGroup": "cool_lambda"})
        r = self.lam.update_function_configuration(FunctionName=fn, LoggingConfig={"LogFormat": "JSON",
                                                                                   "ApplicationLogLevel": "DEBUG"})
        self.assertEqual(r["LoggingConfig"], {"ApplicationLogLevel": "DEBUG", "LogFormat": "JSON",
                                              "LogGroup": "cool_lambda", "SystemLogLevel": "INFO"})
        r = self.lam.update_function_configuration(FunctionName=fn, SnapStart={"ApplyOn": "PublishedVersions"})
        self.assertEqual(r["SnapStart"], {"ApplyOn": "PublishedVersions", "OptimizationStatus": "Off"})

    def test_concurrency_errors(self):
        # TestLambdaReservedConcurrency::test_function_concurrency_exceptions, test_function_concurrency
        err = self.error(self.lam.put_function_concurrency, FunctionName="doesnotexist", ReservedConcurrentExecutions=1)
        self.assertEqual(err["Error"]["Message"], "Function not found: " + ARN + "doesnotexist:$LATEST")
        fn = self.name()
        self.create(fn)
        err = self.error(self.lam.put_function_concurrency, FunctionName=ARN + fn + ":$LATEST",
                         ReservedConcurrentExecutions=0)
        self.assertEqual(err["Error"]["Message"], "This operation is permitted on Lambda functions only. Aliases and "
                                                  "versions do not support this operation. Please specify either a "
                                                  "function name or an unqualified function ARN.")
        self.assertEqual(self.lam.put_function_concurrency(FunctionName=fn, ReservedConcurrentExecutions=0)
                         ["ReservedConcurrentExecutions"], 0)
        self.assertEqual(keys(self.lam.delete_function_concurrency(FunctionName=fn)), set())
        self.assertEqual(keys(self.lam.get_function_concurrency(FunctionName=fn)), set())


class InvokeTest(RecordedTestCase):
    def test_invocation_types_and_tail(self):
        # test_lambda.py: test_invocation_type_*, test_invocation_with_logs, test_invoke_exceptions,
        # test_invocation_type_no_return_payload
        fn = self.name("echo-func")
        self.create(fn, Runtime="python3.10")
        r = self.lam.invoke(FunctionName=ARN + fn, Payload=b"{}", LogType="Tail")
        self.assertEqual((r["StatusCode"], r["ExecutedVersion"], json.loads(r["Payload"].read())), (200, "$LATEST", {}))
        self.assertEqual(keys(r), {"StatusCode", "ExecutedVersion", "LogResult", "Payload"})
        lines = base64.b64decode(r["LogResult"]).decode().splitlines()
        request_id = r["ResponseMetadata"]["RequestId"]
        self.assertEqual(lines[0], "START RequestId: %s Version: $LATEST" % request_id)
        self.assertIn("{}", lines)
        self.assertIn("END RequestId: %s" % request_id, lines)
        self.assertTrue(lines[-1].startswith("REPORT RequestId: %s\tDuration: " % request_id), lines[-1])
        for kind, status in (("Event", 202), ("DryRun", 204)):
            r = self.lam.invoke(FunctionName=fn, Payload=b"{}", InvocationType=kind)
            self.assertEqual((r["StatusCode"], r["ResponseMetadata"]["HTTPStatusCode"], r["Payload"].read()),
                             (status, status, b""))
            self.assertEqual(keys(r), {"StatusCode", "Payload"})
        none = self.name("none")
        self.create(none, source="def handler(event, context):\n    return\n")
        self.assertEqual(self.lam.invoke(FunctionName=none, Payload=b"{}")["Payload"].read(), b"null")
        err = self.error(self.lam.invoke, FunctionName="doesnotexist")
        self.assertEqual(err["Error"], {"Code": "ResourceNotFoundException",
                                        "Message": "Function not found: " + ARN + "doesnotexist:$LATEST"})
        err = self.error(self.lam.invoke, FunctionName=fn, Qualifier="$latest")
        self.assertEqual(err["Error"]["Message"], "Function not found: " + ARN + fn + ":$latest")

    def test_qualifier_and_errors(self):
        # test_invocation_with_qualifier, TestLambdaErrors::test_lambda_handler_error,
        # test_lambda_invoke_payload_encoding_error
        fn = self.name("test_lambda")
        created = self.create(fn, Publish=True,
                              source="def handler(event, context):\n    return context.invoked_function_arn\n")
        r = self.lam.invoke(FunctionName=fn, Qualifier=created["Version"], Payload=b"{}")
        self.assertEqual((r["ExecutedVersion"], json.loads(r["Payload"].read())), ("1", ARN + fn + ":1"))
        failing = self.name("handler-error")
        self.create(failing, source="def handler(event, context):\n    raise Exception(\"Handler fails\")\n")
        r = self.lam.invoke(FunctionName=failing)
        self.assertEqual((r["StatusCode"], r["FunctionError"]), (200, "Unhandled"))
        payload = json.loads(r["Payload"].read())
        self.assertEqual((payload["errorMessage"], payload["errorType"], payload["requestId"]),
                         ("Handler fails", "Exception", r["ResponseMetadata"]["RequestId"]))
        err = self.error(self.lam.invoke, FunctionName=fn, Payload=b"n\x87r\x9e\xe9\xb5\xd7I\xee\x9bmt")
        self.assertEqual(err["Error"], {"Code": "InvalidRequestContentException", "Message":
                                        "Could not parse request body into json: Could not parse payload into json: "
                                        "Invalid UTF-8 start byte 0x87\n at [Source: REDACTED "
                                        "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 3]"})


if __name__ == "__main__":
    unittest.main()
