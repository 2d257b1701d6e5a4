# apigw-emulator's Python runtime: imports the function's handler the way the
# Lambda Python runtime does ("module.function", folders as "pkg/module.fn"),
# then serves invocations from the Lambda Runtime API on one keep-alive
# connection until the emulator stops the process.
import http.client
import json
import logging
import os
import sys
import time
import traceback

API = os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
PREFIX = "/2018-06-01/runtime"
TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
HANDLER = os.environ.get("_HANDLER", "")
THIS_FILE = os.path.abspath(__file__)

# Output reaches the emulator's log line by line, and before the response.
for stream in (sys.stdout, sys.stderr):
    try:
        stream.reconfigure(line_buffering=True)
    except AttributeError:
        pass


class RuntimeApi:
    """The Runtime API over one keep-alive connection (reopened if it drops)."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.host, self.port = host, int(port)
        self.conn = None

    def call(self, method, path, body=None, headers=None):
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port)
            try:
                self.conn.request(method, PREFIX + path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                return response.status, response.headers, response.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise

    def post(self, path, doc, error_type=None):
        headers = {"Content-Type": "application/json"}
        if error_type:
            headers["Lambda-Runtime-Function-Error-Type"] = error_type
        body = doc if isinstance(doc, bytes) else doc.encode("utf-8")
        return self.call("POST", path, body, headers)


class FaultError(Exception):
    """An error of the runtime itself (import, handler name), with Lambda's type."""

    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type, self.message, self.trace = error_type, message, trace


class CognitoIdentity:
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")


class Client:
    __slots__ = ("installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name")


class ClientContext:
    __slots__ = ("custom", "env", "client")


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_arn, client_context, identity, tenant_id):
        self.aws_request_id = request_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_arn
        self.tenant_id = tenant_id
        self._deadline_ms = deadline_ms
        self.client_context = None
        if client_context:
            self.client_context = ClientContext()
            self.client_context.custom = client_context.get("custom")
            self.client_context.env = client_context.get("env")
            self.client_context.client = None
            if client_context.get("client"):
                c = client_context["client"]
                self.client_context.client = Client()
                self.client_context.client.installation_id = c.get("installation_id")
                self.client_context.client.app_title = c.get("app_title")
                self.client_context.client.app_version_name = c.get("app_version_name")
                self.client_context.client.app_version_code = c.get("app_version_code")
                self.client_context.client.app_package_name = c.get("app_package_name")
        self.identity = CognitoIdentity()
        self.identity.cognito_identity_id = (identity or {}).get("cognitoIdentityId")
        self.identity.cognito_identity_pool_id = (identity or {}).get("cognitoIdentityPoolId")

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - time.time() * 1000), 0)

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id={},log_group_name={},log_stream_name={},function_name={},"
            "memory_limit_in_mb={},function_version={},invoked_function_arn={},client_context={},identity={}])".format(
                self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
                self.memory_limit_in_mb, self.function_version, self.invoked_function_arn, self.client_context,
                self.identity,
            )
        )


current_request_id = ""


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = current_request_id
        return True


def setup_logging():
    # The Lambda Python runtime's log format for the logging module.
    handler = logging.StreamHandler(sys.stdout)
    formatter = logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"
    )
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)


def user_frames(tb):
    """The traceback without this bootstrap's own frames."""
    frames = traceback.extract_tb(tb)
    return [f for f in frames if os.path.abspath(f.filename) != THIS_FILE]


def error_doc(exc, request_id):
    if isinstance(exc, FaultError):
        doc = {"errorMessage": exc.message, "errorType": exc.error_type, "requestId": request_id,
               "stackTrace": exc.trace or []}
    else:
        doc = {"errorMessage": str(exc), "errorType": type(exc).__name__, "requestId": request_id,
               "stackTrace": traceback.format_list(user_frames(exc.__traceback__))}
    return doc


def log_error(doc):
    # As the Lambda runtime logs an unhandled error: "[ERROR] Type: message" and the traceback.
    lines = ["[ERROR] {}: {}".format(doc["errorType"], doc["errorMessage"])]
    if doc.get("stackTrace"):
        lines.append("Traceback (most recent call last):")
        lines.extend(line.rstrip("\n") for line in doc["stackTrace"])
    sys.stdout.write("\n".join(lines) + "\n")


def load_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultError("Runtime.MalformedHandlerName", "Bad handler '{}': {}".format(handler, e))
    if not modname or not fname:
        raise FaultError("Runtime.MalformedHandlerName", "Bad handler '{}'".format(handler))
    import importlib

    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultError(
                "Runtime.BuiltInModuleConflict",
                "Cannot use built-in module {} as a handler module".format(modname),
            )
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultError("Runtime.ImportModuleError", "Unable to import module '{}': {}".format(modname, e))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultError("Runtime.UserCodeSyntaxError", "Syntax error in module '{}': {}".format(modname, e), trace)
    fn = getattr(module, fname, None)
    if fn is None:
        # Reported at the first invocation, as the Lambda runtime does.
        fault = FaultError("Runtime.HandlerNotFound", "Handler '{}' missing on module '{}'".format(fname, modname))

        def missing(event, context):
            raise fault

        return missing
    return fn


def main():
    global current_request_id
    api = RuntimeApi(API)
    if TASK_ROOT not in sys.path:
        sys.path.insert(0, TASK_ROOT)
    setup_logging()
    try:
        handler = load_handler(HANDLER)
    except Exception as e:
        doc = error_doc(e, "")
        if not isinstance(e, FaultError):
            doc["stackTrace"] = traceback.format_list(user_frames(e.__traceback__))
        log_error(doc)
        sys.stdout.flush()
        api.post("/init/error", json.dumps(doc), doc["errorType"])
        sys.exit(1)

    while True:
        status, headers, body = api.call("GET", "/invocation/next")
        if status != 200:
            raise SystemExit("Runtime API /next answered %d" % status)
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id", "")
        current_request_id = request_id
        trace_id = headers.get("Lambda-Runtime-Trace-Id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms") or time.time() * 1000 + 3000)
        try:
            client_context = json.loads(headers.get("Lambda-Runtime-Client-Context") or "null")
            identity = json.loads(headers.get("Lambda-Runtime-Cognito-Identity") or "null")
        except ValueError:
            client_context = identity = None
        context = LambdaContext(
            request_id, deadline_ms, headers.get("Lambda-Runtime-Invoked-Function-Arn"), client_context, identity,
            headers.get("Lambda-Runtime-Aws-Tenant-Id"),
        )
        try:
            event = json.loads(body) if body else {}
        except ValueError as e:
            doc = {"errorMessage": "Unable to unmarshal input: {}".format(e), "errorType": "Runtime.UnmarshalError",
                   "requestId": request_id, "stackTrace": []}
            api.post("/invocation/%s/error" % request_id, json.dumps(doc), doc["errorType"])
            continue
        try:
            result = handler(event, context)
        except Exception as e:
            doc = error_doc(e, request_id)
            log_error(doc)
            sys.stdout.flush()
            sys.stderr.flush()
            api.post("/invocation/%s/error" % request_id, json.dumps(doc), doc["errorType"])
            continue
        try:
            text = json.dumps(result)
        except (TypeError, ValueError) as e:
            doc = {"errorMessage": "Unable to marshal response: {}".format(e), "errorType": "Runtime.MarshalError",
                   "requestId": request_id, "stackTrace": []}
            log_error(doc)
            api.post("/invocation/%s/error" % request_id, json.dumps(doc), doc["errorType"])
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        api.post("/invocation/%s/response" % request_id, text)


if __name__ == "__main__":
    main()
