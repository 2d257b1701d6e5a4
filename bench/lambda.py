"""The Lambda benchmark: the emulator's local Lambda runner against
serverless-offline serving the same trivial Node handler, in one run.

  (a) requests/s and latency (wrk --latency: p50, p99) of a REST API GET method
      with an AWS_PROXY integration to the handler, under load (-c64 by
      default) and over one connection; serverless-offline serves the same
      handler from an `http` event (REST, payload 1.0) in its fastest mode,
      --useInProcess; the runs alternate
  (b) CPU time per request (utime+stime of the server and its function
      processes over a wrk run, divided by the requests): steadier than
      requests/s on a loaded machine
  (c) warm Invoke latency (p50, p99) over sequential invocations through the
      Lambda Invoke API, by a raw keep-alive HTTP client (serverless-offline
      offers the same API on its lambda port)
  (d) cold start: CreateFunction -> the first Invoke's answer for a new Node
      and a new Python function, and the Init Duration the emulator logs

The handler: exports.handler = async () => ({statusCode: 200, body: "ok"}).
serverless-offline (npm: serverless@3, serverless-offline@13, the last major
that runs on serverless 3) is installed under bench/out/lambda-sls, which git
ignores. Prints a table and writes bench/out/lambda.json.

Targets (issue 4): requests/s at least 2x serverless-offline --useInProcess and
a lower p99; a cold start (first invocation of a new function) under 100 ms for
Node and Python.
"""
import argparse
import base64
import io
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
READY_RE = re.compile(r"ready.*?(http://[^\s,]+).*?(http://[^\s,]+)")
ROLE = "arn:aws:iam::000000000000:role/lambda-role"
NODE_HANDLER = 'exports.handler = async () => ({statusCode: 200, body: "ok"});\n'
PY_HANDLER = 'def handler(event, context):\n    return {"statusCode": 200, "body": "ok"}\n'
SLS_YML = """service: sls-bench
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs20.x
  region: us-east-1
  stage: dev
plugins:
  - serverless-offline
functions:
  hello:
    handler: handler.handler
    events:
      - http:
          path: hello
          method: get
"""
SLS_FUNCTION = "sls-bench-dev-hello"
AUTH = ("AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, "
        "SignedHeaders=host, Signature=0")


# ---- processes ----------------------------------------------------------------

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def cpu_seconds(pids):
    """utime+stime of live processes, in seconds."""
    total = 0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def descendants(pid):
    """pid and every live process below it."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


class Server:
    """A server process whose output goes to a file (never through a pipe we must drain), in a
    scratch folder; its last 64 KB are kept in bench/out/lambda-<name>.log when it stops."""

    def __init__(self, name, cmd, cwd=None, env=None):
        self.name = name
        self.scratch = tempfile.mkdtemp(prefix="apigw-lambda-bench-log-")
        self.log_path = os.path.join(self.scratch, "output.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=dict(os.environ, **(env or {})), stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def size(self):
        return os.path.getsize(self.log_path)

    def text(self, since=0):
        with open(self.log_path, "rb") as f:
            f.seek(since)
            return f.read().decode("utf-8", "replace")

    def tail(self, n=3000):
        return self.text(max(0, self.size() - n))

    def wait_for(self, pattern, timeout, since=0):
        """The first match of `pattern` in the output after byte `since`."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            m = re.search(pattern, self.text(since))
            if m:
                return m
            if self.proc.poll() is not None:
                raise RuntimeError("%s exited %s:\n%s" % (self.name, self.proc.returncode, self.tail()))
            time.sleep(0.02)
        raise RuntimeError("%s: no %r within %ds:\n%s" % (self.name, pattern, timeout, self.tail()))

    def cpu(self):
        return cpu_seconds(descendants(self.proc.pid))

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()
        with open(os.path.join(OUT, "lambda-%s.log" % self.name), "w") as f:
            f.write(self.tail(65536))
        shutil.rmtree(self.scratch, ignore_errors=True)


# ---- a raw keep-alive HTTP/1.1 client -----------------------------------------

class Conn:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.sock = socket.create_connection((host, port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def close(self):
        self.sock.close()

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed by %s:%d" % (self.host, self.port))
        self.buf += chunk

    def exchange(self, raw):
        """Sends one request (bytes) and returns (status, headers, body)."""
        self.sock.sendall(raw)
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                while b"\r\n" not in self.buf:
                    self._fill()
                size_line, self.buf = self.buf.split(b"\r\n", 1)
                size = int(size_line.split(b";")[0], 16)
                while len(self.buf) < size + 2:
                    self._fill()
                body += self.buf[:size]
                self.buf = self.buf[size + 2:]
                if size == 0:
                    break
        else:
            n = int(headers.get("content-length", "0"))
            while len(self.buf) < n:
                self._fill()
            body, self.buf = self.buf[:n], self.buf[n:]
        return status, headers, body


def request_bytes(method, host, port, path, body=b"", headers=()):
    head = "%s %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Length: %d\r\n" % (method, path, host, port, len(body))
    for h in headers:
        head += h + "\r\n"
    return head.encode("latin1") + b"\r\n" + body


def call(url, method, path, body=b"", headers=(), expect=(200,)):
    host, port = host_port(url)
    c = Conn(host, port)
    try:
        status, _, out = c.exchange(request_bytes(method, host, port, path, body, headers))
    finally:
        c.close()
    if status not in expect:
        raise RuntimeError("%s %s%s answered %d: %s" % (method, url, path, status, out[:300]))
    return out


def host_port(url):
    m = re.match(r"http://([^:/]+):(\d+)", url)
    return m.group(1), int(m.group(2))


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    i = min(len(sorted_values) - 1, max(0, int(round(q * len(sorted_values) + 0.5)) - 1))
    return sorted_values[i]


# ---- wrk ------------------------------------------------------------------------

def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url, seconds, connections, threads=2):
    threads = min(threads, connections)
    cmd = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency", url]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    r = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
         "requests": int(re.search(r"(\d+) requests in", out).group(1))}
    for name, q in (("p50_ms", "50"), ("p99_ms", "99")):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s|m)\s*$" % q, out, re.M)
        r[name] = to_ms(m.group(1), m.group(2)) if m else None
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    r["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    r["socket_errors"] = errors.group(1).strip() if errors else ""
    return r


def measured_wrk(server, url, seconds, connections):
    before = server.cpu()
    r = wrk(url, seconds, connections)
    r["cpu_us_per_request"] = (server.cpu() - before) * 1e6 / max(1, r["requests"])
    return r


# ---- setting up both sides ------------------------------------------------------

def zipped(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o644 | 0o100000) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    return buf.getvalue()


def create_function_body(name, runtime):
    if runtime.startswith("python"):
        code, handler = zipped({"app.py": PY_HANDLER}), "app.handler"
    else:
        code, handler = zipped({"index.js": NODE_HANDLER}), "index.handler"
    return json.dumps({"FunctionName": name, "Runtime": runtime, "Role": ROLE, "Handler": handler,
                       "Code": {"ZipFile": base64.b64encode(code).decode()}}).encode()


def start_emulator(binary, lambda_dir, log_level):
    emu = Server("emulator", [binary, "--in-memory", "--host", "127.0.0.1", "--control-port", "0",
                              "--data-port", "0", "--lambda-dir", lambda_dir, "--log-level", log_level])
    m = emu.wait_for(READY_RE.pattern, 20)
    emu.control_url, emu.data_url = m.group(1), m.group(2)
    return emu


def setup_emulator_api(emu):
    """The function bench-node and a REST API whose GET /hello is an AWS_PROXY integration to it."""
    import boto3
    from botocore.config import Config
    kw = dict(endpoint_url=emu.control_url, region_name="us-east-1", aws_access_key_id="test",
              aws_secret_access_key="test", config=Config(retries={"max_attempts": 1}))
    call(emu.control_url, "POST", "/2015-03-31/functions", create_function_body("bench-node", "nodejs20.x"),
         ["Authorization: " + AUTH, "Content-Type: application/json"], expect=(201,))
    a = boto3.client("apigateway", **kw)
    api = a.create_rest_api(name="lambda-bench")
    rid = a.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="hello")["id"]
    a.put_method(restApiId=api["id"], resourceId=rid, httpMethod="GET", authorizationType="NONE")
    a.put_integration(restApiId=api["id"], resourceId=rid, httpMethod="GET", type="AWS_PROXY",
                      integrationHttpMethod="POST",
                      uri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                          "arn:aws:lambda:us-east-1:000000000000:function:bench-node/invocations")
    a.create_deployment(restApiId=api["id"], stageName="bench")
    return "%s/%s/bench/hello" % (emu.data_url, api["id"])


def install_serverless_offline(sls_dir):
    os.makedirs(sls_dir, exist_ok=True)
    with open(os.path.join(sls_dir, "handler.js"), "w") as f:
        f.write(NODE_HANDLER)
    with open(os.path.join(sls_dir, "serverless.yml"), "w") as f:
        f.write(SLS_YML)
    if not os.path.exists(os.path.join(sls_dir, "package.json")):
        with open(os.path.join(sls_dir, "package.json"), "w") as f:
            f.write('{"name": "sls-bench", "private": true}\n')
    if not (os.path.exists(os.path.join(sls_dir, "node_modules", "serverless-offline", "package.json")) and
            os.path.exists(os.path.join(sls_dir, "node_modules", "serverless", "bin", "serverless.js"))):
        print("installing serverless@3 and serverless-offline@13 into %s (npm)" % sls_dir, flush=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                        "serverless@3", "serverless-offline@13"], cwd=sls_dir, check=True,
                       stdout=sys.stderr)
    versions = {}
    for pkg in ("serverless", "serverless-offline"):
        with open(os.path.join(sls_dir, "node_modules", pkg, "package.json")) as f:
            versions[pkg] = json.load(f)["version"]
    return versions


def start_serverless_offline(sls_dir, mode):
    http_port, lambda_port = free_port(), free_port()
    cmd = ["node", os.path.join(sls_dir, "node_modules", "serverless", "bin", "serverless.js"), "offline", "start",
           "--host", "127.0.0.1", "--httpPort", str(http_port), "--lambdaPort", str(lambda_port), "--noTimeout"]
    if mode:
        cmd.append(mode)
    env = {"SLS_TELEMETRY_DISABLED": "1", "SLS_NOTIFICATIONS_MODE": "off", "SLS_DEPRECATION_DISABLE": "*",
           "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"}
    sls = Server("serverless-offline", cmd, cwd=sls_dir, env=env)
    sls.wait_for(r"Server ready", 120)
    sls.http_url = "http://127.0.0.1:%d" % http_port
    sls.lambda_url = "http://127.0.0.1:%d" % lambda_port
    return sls, sls.http_url + "/dev/hello"


# ---- measurements ---------------------------------------------------------------

def invoke_latencies(url, function, n, warmup, headers):
    """Sequential invocations on one keep-alive connection: sorted latencies in ms."""
    host, port = host_port(url)
    raw = request_bytes("POST", host, port, "/2015-03-31/functions/%s/invocations" % function, b"{}",
                        ["Content-Type: application/json"] + list(headers))
    c = Conn(host, port)
    try:
        times = []
        for i in range(warmup + n):
            t0 = time.perf_counter_ns()
            status, _, body = c.exchange(raw)
            dt = (time.perf_counter_ns() - t0) / 1e6
            if status != 200 or b"ok" not in body:
                raise RuntimeError("Invoke of %s answered %d: %s" % (function, status, body[:300]))
            if i >= warmup:
                times.append(dt)
    finally:
        c.close()
    return sorted(times)


def cold_starts(emu, runtime, samples, tag):
    """CreateFunction -> the first Invoke's answer for new functions, and the logged Init Duration."""
    host, port = host_port(emu.control_url)
    out = []
    for i in range(samples):
        name = "cold-%s-%s-%d" % (tag, runtime.replace(".", ""), i)
        body = create_function_body(name, runtime)
        mark = emu.size()
        c = Conn(host, port)
        try:
            t0 = time.perf_counter_ns()
            status, _, text = c.exchange(request_bytes("POST", host, port, "/2015-03-31/functions", body,
                                                       ["Authorization: " + AUTH, "Content-Type: application/json"]))
            t1 = time.perf_counter_ns()
            if status != 201:
                raise RuntimeError("CreateFunction answered %d: %s" % (status, text[:300]))
            status, _, text = c.exchange(request_bytes(
                "POST", host, port, "/2015-03-31/functions/%s/invocations" % name, b"{}",
                ["Authorization: " + AUTH, "Content-Type: application/json"]))
            t2 = time.perf_counter_ns()
            if status != 200 or b"ok" not in text:
                raise RuntimeError("first Invoke of %s answered %d: %s" % (name, status, text[:300]))
        finally:
            c.close()
        m = emu.wait_for(r"\[lambda:%s\][^\n]*REPORT RequestId:[^\n]*Init Duration: ([\d.]+) ms" % re.escape(name), 5,
                         since=mark)
        out.append({"create_ms": (t1 - t0) / 1e6, "first_invoke_ms": (t2 - t1) / 1e6,
                    "create_to_answer_ms": (t2 - t0) / 1e6, "init_duration_ms": float(m.group(1))})
        time.sleep(0.2)  # let the new process settle before the next sample
    return out


def fmt_ms(v):
    return "-" if v is None else ("%.2f" % v if v < 10 else "%.1f" % v)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--sls-dir", default=os.path.join(OUT, "lambda-sls"))
    ap.add_argument("--sls-mode", default="--useInProcess", help="serverless-offline's mode flag ('' for its default)")
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=5, help="alternating wrk runs per server; medians count")
    ap.add_argument("--invokes", type=int, default=2000)
    ap.add_argument("--cold-samples", type=int, default=5)
    ap.add_argument("--log-level", default="info", help="the emulator's --log-level (info: a REPORT line per call)")
    ap.add_argument("--skip-sls", action="store_true", help="measure the emulator alone")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    results = {"machine": {"cores": os.cpu_count(), "loadavg_before": os.getloadavg()}, "args": vars(args)}

    versions = {} if args.skip_sls else install_serverless_offline(args.sls_dir)
    results["serverless_versions"] = versions
    node_version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    results["node"] = node_version

    lambda_dir = tempfile.mkdtemp(prefix="apigw-lambda-bench-")
    emu = sls = None
    try:
        emu = start_emulator(args.binary, lambda_dir, args.log_level)
        emu_url = setup_emulator_api(emu)
        servers = [("emulator", emu, emu_url)]
        if not args.skip_sls:
            sls, sls_url = start_serverless_offline(args.sls_dir, args.sls_mode)
            servers.append(("serverless-offline", sls, sls_url))
        for name, server, url in servers:  # each answers "ok" before anything is measured
            body = call(url, "GET", url[url.index("/", 8):])
            if body != b"ok":
                raise RuntimeError("%s answered %r" % (name, body[:200]))
            wrk(url, 2, args.connections)  # warm-up: the processes a load needs are started
            wrk(url, 1, 1)

        # (a, b) wrk, alternating: under load, then over one connection.
        for label, conns in (("load", args.connections), ("one", 1)):
            runs_by_server = {}
            for _ in range(args.rounds):
                for name, server, url in servers:
                    r = measured_wrk(server, url, args.seconds, conns)
                    print("  %-18s -c%-3d %8.0f req/s  p50 %6s ms  p99 %6s ms  %5.0f us CPU/req%s" % (
                        name, conns, r["rps"], fmt_ms(r["p50_ms"]), fmt_ms(r["p99_ms"]), r["cpu_us_per_request"],
                        "  non-2xx %d" % r["non2xx"] if r["non2xx"] else ""), flush=True)
                    if r["non2xx"] or r["socket_errors"]:
                        print("    errors: non-2xx %d, socket %s" % (r["non2xx"], r["socket_errors"]), flush=True)
                    runs_by_server.setdefault(name, []).append(r)
            results["wrk_" + label] = {name: {"median": {k: statistics.median(r[k] for r in runs) for k in
                                                         ("rps", "p50_ms", "p99_ms", "cpu_us_per_request")},
                                              "best_rps": max(r["rps"] for r in runs), "runs": runs}
                                       for name, runs in runs_by_server.items()}
        results["emulator_function_processes"] = len(descendants(emu.proc.pid)) - 1

        # (c) the Invoke API, sequential, alternating halves.
        inv = {"emulator": [], "serverless-offline": []}
        for _ in range(2):
            inv["emulator"] += invoke_latencies(emu.control_url, "bench-node", args.invokes // 2, 100,
                                                ["Authorization: " + AUTH])
            if sls:
                inv["serverless-offline"] += invoke_latencies(sls.lambda_url, SLS_FUNCTION, args.invokes // 2, 100,
                                                              [])
        results["invoke"] = {}
        for name, times in inv.items():
            if times:
                times.sort()
                results["invoke"][name] = {"n": len(times), "p50_ms": percentile(times, 0.5),
                                           "p99_ms": percentile(times, 0.99), "mean_ms": statistics.mean(times)}
                print("  Invoke %-18s p50 %s ms  p99 %s ms (%d sequential)" % (
                    name, fmt_ms(results["invoke"][name]["p50_ms"]), fmt_ms(results["invoke"][name]["p99_ms"]),
                    len(times)), flush=True)
        if sls:
            sls.stop()
            sls = None

        # (d) cold starts, alternating Node and Python.
        cold = {"nodejs20.x": [], "python3.12": []}
        for i in range(args.cold_samples):
            for runtime in cold:
                cold[runtime] += cold_starts(emu, runtime, 1, str(i))
        results["cold"] = {}
        for runtime, samples in cold.items():
            agg = {"samples": samples}
            for key in ("create_ms", "first_invoke_ms", "create_to_answer_ms", "init_duration_ms"):
                values = [s[key] for s in samples]
                agg[key] = {"median": statistics.median(values), "max": max(values), "min": min(values)}
            results["cold"][runtime] = agg
            print("  cold %-11s CreateFunction -> answer: median %s ms (max %s); first Invoke alone %s ms; "
                  "Init Duration %s ms" % (runtime, fmt_ms(agg["create_to_answer_ms"]["median"]),
                                           fmt_ms(agg["create_to_answer_ms"]["max"]),
                                           fmt_ms(agg["first_invoke_ms"]["median"]),
                                           fmt_ms(agg["init_duration_ms"]["median"])), flush=True)
    finally:
        if sls:
            sls.stop()
        if emu:
            emu.stop()
        shutil.rmtree(lambda_dir, ignore_errors=True)
    results["machine"]["loadavg_after"] = os.getloadavg()

    # ---- the table ----
    print()
    print("Lambda benchmark (%d cores, load average %.1f before, %.1f after; node %s; serverless %s, "
          "serverless-offline %s %s)" % (os.cpu_count(), results["machine"]["loadavg_before"][0],
                                         results["machine"]["loadavg_after"][0], node_version,
                                         versions.get("serverless", "-"), versions.get("serverless-offline", "-"),
                                         args.sls_mode))
    print("emulator: --log-level %s, %d function processes under load; python3.12 runs on the machine's python3" %
          (args.log_level, results["emulator_function_processes"]))
    print("%-44s %14s %20s %8s" % ("(wrk: medians of %d alternating %d s runs)" % (args.rounds, args.seconds),
                                   "emulator", "serverless-offline", "ratio"))
    targets = {}
    for label, conns in (("load", args.connections), ("one", 1)):
        e = results["wrk_" + label]["emulator"]["median"]
        s = results["wrk_" + label].get("serverless-offline", {}).get("median")
        rows = [("req/s", "rps", "%.0f", lambda a, b: a / b),
                ("p50 ms", "p50_ms", "%.2f", lambda a, b: b / a),
                ("p99 ms", "p99_ms", "%.2f", lambda a, b: b / a),
                ("CPU us per request", "cpu_us_per_request", "%.0f", lambda a, b: b / a)]
        for title, key, f, ratio in rows:
            ev = e[key]
            sv = s[key] if s else None
            print("%-44s %14s %20s %8s" % ("AWS_PROXY GET, wrk -c%d, %s" % (conns, title), f % ev,
                                           f % sv if sv is not None else "-",
                                           "%.2fx" % ratio(ev, sv) if sv else "-"))
        if s and label == "load":
            results["rps_ratio"] = e["rps"] / s["rps"]
            targets["req/s >= 2x serverless-offline"] = e["rps"] >= 2 * s["rps"]
            targets["p99 under load below serverless-offline's"] = e["p99_ms"] < s["p99_ms"]
    ie, isl = results["invoke"].get("emulator"), results["invoke"].get("serverless-offline")
    for title, key in (("Invoke API, sequential, p50 ms", "p50_ms"), ("Invoke API, sequential, p99 ms", "p99_ms")):
        print("%-44s %14.2f %20s %8s" % (title, ie[key], "%.2f" % isl[key] if isl else "-",
                                         "%.2fx" % (isl[key] / ie[key]) if isl else "-"))
    for runtime, agg in results["cold"].items():
        print("%-44s %14s" % ("cold %s: CreateFunction -> answer ms" % runtime,
                              "%s (max %s)" % (fmt_ms(agg["create_to_answer_ms"]["median"]),
                                               fmt_ms(agg["create_to_answer_ms"]["max"]))))
        print("%-44s %14s" % ("cold %s: first Invoke ms" % runtime,
                              "%s (max %s)" % (fmt_ms(agg["first_invoke_ms"]["median"]),
                                               fmt_ms(agg["first_invoke_ms"]["max"]))))
        print("%-44s %14s" % ("cold %s: Init Duration ms" % runtime, fmt_ms(agg["init_duration_ms"]["median"])))
        targets["cold start %s < 100 ms (median first Invoke)" % runtime] = agg["first_invoke_ms"]["median"] < 100
    print("ratios: requests/s emulator/serverless-offline %s; p50/p99/CPU: serverless-offline/emulator" %
          ("%.2fx" % results["rps_ratio"] if "rps_ratio" in results else "-"))
    results["targets"] = targets
    for name, met in targets.items():
        print("target %-50s %s" % (name + ":", "met" if met else "NOT met"))
    ok = all(targets.values())
    with open(os.path.join(OUT, "lambda.json"), "w") as f:
        json.dump(results, f, indent=2)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
