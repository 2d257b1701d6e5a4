"""Helpers for the Lambda end-to-end tests (zips built in memory, handler sources), and a test of them."""
import io
import zipfile

ROLE = "arn:aws:iam::000000000000:role/lambda-role"


def zipped(files, modes=None):
    """A zip of {name: text}; `modes` gives Unix modes by name (e.g. 0o755 for a bootstrap)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = ((modes or {}).get(name, 0o644) | 0o100000) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    return buf.getvalue()


PY_ECHO = (
    "import os\n"
    "def handler(event, context):\n"
    "    print('echo', event)\n"
    "    return {'event': event, 'version': context.function_version, 'arn': context.invoked_function_arn,\n"
    "            'pid': os.getpid(), 'request_id': context.aws_request_id}\n"
)

NODE_ECHO = (
    "exports.handler = async (event, context) => {\n"
    "  console.log('echo', JSON.stringify(event));\n"
    "  return { event, version: context.functionVersion, arn: context.invokedFunctionArn, pid: process.pid,\n"
    "           requestId: context.awsRequestId };\n"
    "};\n"
)


def create_python(client, name, source=PY_ECHO, handler="app.handler", **kw):
    return client.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler=handler,
                                  Code={"ZipFile": zipped({"app.py": source})}, **kw)


def create_node(client, name, source=NODE_ECHO, file="index.js", handler="index.handler", **kw):
    return client.create_function(FunctionName=name, Runtime="nodejs20.x", Role=ROLE, Handler=handler,
                                  Code={"ZipFile": zipped({file: source})}, **kw)


class ZippedTest(__import__("unittest").TestCase):
    """The helper itself: names, contents and Unix modes survive the round trip."""

    def test_round_trip(self):
        data = zipped({"bootstrap": "#!/bin/sh\n", "a/b.txt": "x"}, modes={"bootstrap": 0o755})
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.assertEqual(z.read("a/b.txt"), b"x")
            self.assertEqual((z.getinfo("bootstrap").external_attr >> 16) & 0o777, 0o755)
            self.assertEqual((z.getinfo("a/b.txt").external_attr >> 16) & 0o777, 0o644)
