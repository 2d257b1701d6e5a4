# apigw-emulator's Python runtime: imports the function's handler the way the
# Lambda Python runtime does ("module.function", folders as "pkg/module.fn"),
# then serves invocations from the Lambda Runtime API on one keep-alive
# connection until the emulator stops the process.
#
# Started as `python3 -S -c "import _apigw_lambda_runtime as r; r.main()"` with
# this folder on PYTHONPATH: as an imported module its byte code is cached, and
# -S skips site's .pth imports (tens of milliseconds with some installs); the
# site-packages folders are put on sys.path here instead. Costly modules
# (traceback, logging's users) are imported only when needed.
import json
import os
import socket
import sys
import time

API = os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
PREFIX = "/2018-06-01/runtime"
TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
HANDLER = os.environ.get("_HANDLER", "")
THIS_FILE = os.path.abspath(__file__)


def add_site_packages():
    """What `site` would add to sys.path (site-packages, user site, .pth path
    lines), without running the code .pth files may hold."""
    import site

    dirs = []
    try:
        dirs.extend(site.getsitepackages())
    except AttributeError:
        pass
    try:
        dirs.append(site.getusersitepackages())
    except AttributeError:
        pass
    for d in dirs:
        if not os.path.isdir(d) or d in sys.path:
            continue
        sys.path.append(d)
        try:
            names = sorted(n for n in os.listdir(d) if n.endswith(".pth"))
        except OSError:
            continue
        for name in names:
            try:
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    for line in f:
                        line = line.strip()
                        if not line or line.startswith(("#", "import ", "import\t")):
                            continue
                        path = os.path.abspath(os.path.join(d, line))
                        if os.path.isdir(path) and path not in sys.path:
                            sys.path.append(path)
            except OSError:
                pass


class RuntimeApi:
    """The Runtime API over one keep-alive connection (reopened if it drops).
    A few lines of HTTP/1.1 instead of http.client, whose import costs more
    than a whole invocation. An invocation's result and the /next after it
    are pipelined (one write, two answers read in order): a warm invocation
    then costs one wake-up of this process and of the emulator, not two."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.host, self.port = host, int(port)
        self.sock = None
        self.buf = b""

    def _read_until(self, marker):
        while marker not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the Runtime API closed the connection")
            self.buf += chunk
        head, _, self.buf = self.buf.partition(marker)
        return head

    def _read_exactly(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                raise ConnectionError("the Runtime API closed the connection")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def _request_bytes(self, method, path, body, headers):
        lines = ["%s %s%s HTTP/1.1" % (method, PREFIX, path), "Host: %s:%d" % (self.host, self.port),
                 "Content-Length: %d" % len(body)]
        lines.extend("%s: %s" % kv for kv in headers.items())
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body

    def _send(self, data):
        if self.sock is None:
            self.sock = socket.create_connection((self.host, self.port))
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.buf = b""
        self.sock.sendall(data)

    def _exchange(self, method, path, body, headers):
        self._send(self._request_bytes(method, path, body, headers))
        return self._answer()

    def _answer(self):
        head = self._read_until(b"\r\n\r\n").decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        fields = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        if fields.get("transfer-encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self._read_until(b"\r\n").split(b";")[0], 16)
                if size == 0:
                    self._read_until(b"\r\n")
                    break
                data += self._read_exactly(size)
                self._read_exactly(2)
        else:
            data = self._read_exactly(int(fields.get("content-length", "0")))
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, fields, data

    def close(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = None

    def call(self, method, path, body=b"", headers=None):
        for attempt in (0, 1):
            try:
                return self._exchange(method, path, body, headers or {})
            except (OSError, ValueError, IndexError):
                self.close()
                if attempt:
                    raise

    @staticmethod
    def _post_parts(doc, error_type):
        headers = {"Content-Type": "application/json"}
        if error_type:
            headers["Lambda-Runtime-Function-Error-Type"] = error_type
        return (doc if isinstance(doc, bytes) else doc.encode("utf-8")), headers

    def post(self, path, doc, error_type=None):
        body, headers = self._post_parts(doc, error_type)
        return self.call("POST", path, body, headers)

    def post_and_next(self, path, doc, error_type=None):
        """Posts a result and asks for the next invocation in one write;
        returns the answer to /next. When the connection drops, what was not
        answered yet is sent again once on a new one."""
        body, headers = self._post_parts(doc, error_type)
        post = self._request_bytes("POST", path, body, headers)
        nxt = self._request_bytes("GET", "/invocation/next", b"", {})
        posted = False
        for attempt in (0, 1):
            try:
                if self.sock is not None and not posted:
                    self._send(post + nxt)
                    self._answer()
                    posted = True
                    if self.sock is not None:  # else the answer closed the connection, /next unread
                        return self._answer()
                if not posted:
                    self._exchange("POST", path, body, headers)
                    posted = True
                return self._exchange("GET", "/invocation/next", b"", {})
            except (OSError, ValueError, IndexError):
                self.close()
                if attempt:
                    raise


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

    def log(self, msg):
        # The Lambda Python runtime's context.log: the text as it is, no newline added.
        sys.stdout.write(str(msg))

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


def setup_logging(logging):
    """The Lambda Python runtime's handler on the root logger, in its text
    format. As on AWS it is there before the function's own code configures
    logging, so a logging.basicConfig() in the function does nothing."""
    class RequestIdFilter(logging.Filter):
        def filter(self, record):
            record.aws_request_id = current_request_id
            return True

    handler = logging.StreamHandler(sys.stdout)
    handler.terminator = ""  # the format ends the line itself, as AWS's handler writes it
    formatter = logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"
    )
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)


class LoggingImportHook:
    """Installs the handler the moment anything imports `logging`: importing
    it up front would cost every cold start, and only code that logs needs it."""

    def find_spec(self, name, path=None, target=None):
        if name != "logging":
            return None
        sys.meta_path.remove(self)
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run_module = spec.loader.exec_module

        def exec_module(module):
            run_module(module)
            setup_logging(module)

        spec.loader.exec_module = exec_module  # the loader belongs to this spec alone
        return spec


def user_frames(tb):
    """The traceback without this bootstrap's own frames."""
    import traceback

    frames = traceback.extract_tb(tb)
    return [f for f in frames if os.path.abspath(f.filename) != THIS_FILE]


def error_doc(exc, request_id):
    import traceback

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
    if doc.get("stackTrace") is not None:
        lines.append("Traceback (most recent call last):")
        lines.extend(line.rstrip("\n") for line in doc["stackTrace"])
    sys.stdout.write("\n".join(lines) + "\n")


class ResultEncoder(json.JSONEncoder):
    """The Lambda Python runtime's encoding of results: Decimal values (what
    boto3 reads from DynamoDB) are numbers; from python3.12 on, text beyond
    ASCII is written as UTF-8 instead of \\u escapes."""

    def default(self, o):
        import decimal

        if isinstance(o, decimal.Decimal):
            if o.is_finite() and o == o.to_integral_value():
                return int(o)
            return float(o)
        return super().default(o)


def utf8_results():
    env = os.environ.get("AWS_EXECUTION_ENV", "")
    prefix = "AWS_Lambda_python3."
    if not env.startswith(prefix):
        return False
    try:
        return int(env[len(prefix):]) >= 12
    except ValueError:
        return False


def to_json(result):
    return json.dumps(result, cls=ResultEncoder, ensure_ascii=not UTF8_RESULTS)


UTF8_RESULTS = utf8_results()


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
    # Output reaches the emulator's log line by line, and before the response.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(line_buffering=True)
        except AttributeError:
            pass
    if "hot-reload" in sys.argv[1:]:
        sys.dont_write_bytecode = True  # leave no __pycache__ in the user's own folder
    add_site_packages()
    if "logging" in sys.modules:
        setup_logging(sys.modules["logging"])
    else:
        sys.meta_path.insert(0, LoggingImportHook())
    api = RuntimeApi(API)
    if TASK_ROOT not in sys.path:
        sys.path.insert(0, TASK_ROOT)
    try:
        handler = load_handler(HANDLER)
    except Exception as e:
        doc = error_doc(e, "")
        log_error(doc)
        sys.stdout.flush()
        api.post("/init/error", json.dumps(doc), doc["errorType"])
        sys.exit(1)

    answer = None  # the answer to /next, when it came with the previous result
    while True:
        status, headers, body = answer or api.call("GET", "/invocation/next")
        answer = None
        if status != 200:
            raise SystemExit("Runtime API /next answered %d" % status)
        request_id = headers.get("lambda-runtime-aws-request-id", "")
        current_request_id = request_id
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        deadline_ms = int(headers.get("lambda-runtime-deadline-ms") or time.time() * 1000 + 3000)
        try:
            client_context = json.loads(headers.get("lambda-runtime-client-context") or "null")
            identity = json.loads(headers.get("lambda-runtime-cognito-identity") or "null")
        except ValueError:
            client_context = identity = None
        context = LambdaContext(
            request_id, deadline_ms, headers.get("lambda-runtime-invoked-function-arn"), client_context, identity,
            headers.get("lambda-runtime-aws-tenant-id"),
        )
        try:
            event = json.loads(body) if body else {}
        except ValueError as e:
            doc = {"errorMessage": "Unable to unmarshal input: {}".format(e), "errorType": "Runtime.UnmarshalError",
                   "requestId": request_id, "stackTrace": []}
            answer = api.post_and_next("/invocation/%s/error" % request_id, json.dumps(doc), doc["errorType"])
            continue
        try:
            result = handler(event, context)
        except Exception as e:
            doc = error_doc(e, request_id)
            log_error(doc)
            sys.stdout.flush()
            sys.stderr.flush()
            answer = api.post_and_next("/invocation/%s/error" % request_id, json.dumps(doc), doc["errorType"])
            continue
        try:
            text = to_json(result)
        except (TypeError, ValueError) as e:
            doc = {"errorMessage": "Unable to marshal response: {}".format(e), "errorType": "Runtime.MarshalError",
                   "requestId": request_id, "stackTrace": []}
            log_error(doc)
            answer = api.post_and_next("/invocation/%s/error" % request_id, json.dumps(doc), doc["errorType"])
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        answer = api.post_and_next("/invocation/%s/response" % request_id, text)


if __name__ == "__main__":
    main()
