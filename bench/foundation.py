"""The foundation benchmark: the emulator against nginx and moto_server on the
same machine, in one run. Prints a table and writes bench/out/foundation.json.

  (a) MOCK method vs nginx answering a static 200
  (b) HTTP_PROXY method vs nginx reverse-proxying to the same backend
  (c) control-plane calls/s (GetRestApi, raw HTTP via wrk) vs moto_server
  (d) exec -> healthy /_emulator/health time, and idle memory (RSS)

Besides requests/s, each data-plane run reports the server's CPU time per
request (utime+stime from /proc over the run, divided by the requests wrk
counted: steadier than requests/s on a shared machine; nginx's figures are
its master and workers, and for the proxy they include the backend, which
the same workers serve) and, when `perf` can count syscall tracepoints, the
system calls per request of the server in a separate short run.
"""
import argparse
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
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
from harness import Emulator  # noqa: E402


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def wait_http(url, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return True
        except urllib.error.HTTPError:
            return True
        except Exception:
            time.sleep(0.02)
    raise RuntimeError("no answer from " + url)


def process_tree(pid):
    """`pid` and its children (nginx: the master and its workers)."""
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [pid] + [int(c) for c in f.read().split()]
    except OSError:
        return [pid]


def cpu_seconds(pids):
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def wrk(url, seconds, connections, threads=2, headers=(), pids=()):
    cmd = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency"]
    for h in headers:
        cmd += ["-H", h]
    cpu0 = cpu_seconds(pids) if pids else 0
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    cpu1 = cpu_seconds(pids) if pids else 0
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    r = {"rps": rps, "requests": requests, "p99": p99.group(1) + p99.group(2) if p99 else None,
         "non2xx": int(non2xx.group(1)) if non2xx else 0}
    if pids and requests:
        r["cpu_us_per_req"] = round((cpu1 - cpu0) * 1e6 / requests, 2)
    return r


SYSCALL_EVENTS = ["raw_syscalls:sys_enter", "syscalls:sys_enter_recvfrom", "syscalls:sys_enter_sendmsg", "syscalls:sys_enter_writev",
                  "syscalls:sys_enter_epoll_wait", "syscalls:sys_enter_epoll_ctl", "syscalls:sys_enter_futex",
                  "syscalls:sys_enter_write"]


def perf_usable():
    if not shutil.which("perf"):
        return False
    p = subprocess.run(["perf", "stat", "-x,", "-e", "raw_syscalls:sys_enter", "true"], capture_output=True, text=True)
    return p.returncode == 0 and "not supported" not in p.stderr and "<not" not in p.stderr


def syscalls_per_request(url, pids, connections, seconds=2):
    """System calls of `pids` per request over a short wrk run, counted by perf."""
    with tempfile.NamedTemporaryFile(prefix="apigw-perf-", delete=False) as f:
        out = f.name
    cmd = ["perf", "stat", "-x,", "-o", out]
    for e in SYSCALL_EVENTS:
        cmd += ["-e", e]
    perf = subprocess.Popen(cmd + ["-p", ",".join(str(p) for p in pids)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.3)
    try:
        r = wrk(url, seconds, connections)
    finally:
        perf.send_signal(signal.SIGINT)
        perf.wait()
    counts = {}
    with open(out) as f:
        for line in f:
            parts = line.strip().split(",")
            if len(parts) > 2 and parts[0].isdigit():
                name = parts[2].split(":")[-1].replace("sys_enter_", "")
                counts["all" if name == "sys_enter" else name] = round(int(parts[0]) / max(r["requests"], 1), 2)
    os.unlink(out)
    return counts


def start_nginx(tmp, static_port, proxy_port):
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write("""
worker_processes 2;
pid %(tmp)s/nginx.pid;
error_log %(tmp)s/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream backend { server 127.0.0.1:%(static)d; keepalive 64; }
  server { listen 127.0.0.1:%(static)d; location / { default_type application/json; return 200 '{"ok":true}'; } }
  server { listen 127.0.0.1:%(proxy)d; location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
""" % {"tmp": tmp, "static": static_port, "proxy": proxy_port})
    p = subprocess.Popen(["nginx", "-c", conf, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    wait_http("http://127.0.0.1:%d/" % static_port)
    wait_http("http://127.0.0.1:%d/" % proxy_port)
    return p


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def startup_ms(binary, runs=15):
    times = []
    for _ in range(runs):
        cp, dp = free_port(), free_port()
        t0 = time.perf_counter()
        p = subprocess.Popen([binary, "--in-memory", "--control-port", str(cp), "--data-port", str(dp),
                              "--log-level", "warn"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while True:
            try:
                s = socket.create_connection(("127.0.0.1", cp), timeout=1)
                s.sendall(b"GET /_emulator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    s.close()
                    break
                s.close()
            except OSError:
                pass
            time.sleep(0.0002)
        times.append((time.perf_counter() - t0) * 1000)
        p.send_signal(signal.SIGTERM)
        p.wait()
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--no-syscalls", action="store_true", help="skip the perf counts of system calls per request")
    args = ap.parse_args()
    count_syscalls = not args.no_syscalls and perf_usable()
    results = {}
    tmp = tempfile.mkdtemp(prefix="apigw-bench-")
    static_port, proxy_port = free_port(), free_port()
    nginx = start_nginx(tmp, static_port, proxy_port)
    emu = Emulator("--log-level", "warn", env={"APIGW_BINARY": args.binary})
    import harness
    harness.BINARY = args.binary
    emu.start()
    try:
        time.sleep(0.3)
        results["idle_rss_kb"] = rss_kb(emu.proc.pid)
        a = emu.client("apigateway")
        api = a.create_rest_api(name="bench")["id"]
        root = [r for r in a.get_resources(restApiId=api)["items"] if r["path"] == "/"][0]["id"]
        mock = a.create_resource(restApiId=api, parentId=root, pathPart="mock")["id"]
        a.put_method(restApiId=api, resourceId=mock, httpMethod="GET", authorizationType="NONE")
        a.put_integration(restApiId=api, resourceId=mock, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
        a.put_method_response(restApiId=api, resourceId=mock, httpMethod="GET", statusCode="200")
        a.put_integration_response(restApiId=api, resourceId=mock, httpMethod="GET", statusCode="200",
                                   responseTemplates={"application/json": '{"ok":true}'})
        proxy = a.create_resource(restApiId=api, parentId=root, pathPart="proxy")["id"]
        a.put_method(restApiId=api, resourceId=proxy, httpMethod="GET", authorizationType="NONE")
        a.put_integration(restApiId=api, resourceId=proxy, httpMethod="GET", type="HTTP_PROXY",
                          integrationHttpMethod="GET", uri="http://127.0.0.1:%d/" % static_port)
        a.create_deployment(restApiId=api, stageName="bench")
        base = emu.url(api, "bench")
        nginx_pids = process_tree(nginx.pid)
        targets = [("nginx_static", "http://127.0.0.1:%d/" % static_port, nginx_pids),
                   ("emulator_mock", base + "mock", [emu.proc.pid]),
                   ("nginx_proxy", "http://127.0.0.1:%d/" % proxy_port, nginx_pids),
                   ("emulator_http_proxy", base + "proxy", [emu.proc.pid])]
        for name, url, pids in targets:
            wrk(url, 2, args.connections)  # warm-up
            results[name] = wrk(url, args.seconds, args.connections, pids=pids)
            print("%-22s %10.0f req/s  p99 %s  non-2xx %d  CPU %.2f us/req" % (
                name, results[name]["rps"], results[name]["p99"], results[name]["non2xx"],
                results[name]["cpu_us_per_req"]), flush=True)
        if count_syscalls:
            for name, url, pids in targets:
                results[name]["syscalls_per_req"] = syscalls_per_request(url, pids, args.connections)
                print("%-22s syscalls/req %s" % (name, " ".join(
                    "%s=%s" % kv for kv in results[name]["syscalls_per_req"].items())), flush=True)
        auth = "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0"
        results["emulator_control_get_rest_api"] = wrk(emu.control_url + "/restapis/" + api, args.seconds, 16,
                                                       headers=[auth], pids=[emu.proc.pid])
        print("%-22s %10.0f calls/s  CPU %.2f us/call" % ("emulator GetRestApi", results["emulator_control_get_rest_api"]["rps"],
              results["emulator_control_get_rest_api"]["cpu_us_per_req"]), flush=True)
        results["loaded_rss_kb"] = rss_kb(emu.proc.pid)
    finally:
        emu.stop()
    if shutil.which("moto_server"):
        mport = free_port()
        moto = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(mport)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_http("http://127.0.0.1:%d/" % mport, 30)
            import boto3
            m = boto3.client("apigateway", endpoint_url="http://127.0.0.1:%d" % mport, region_name="us-east-1",
                             aws_access_key_id="test", aws_secret_access_key="test")
            mapi = m.create_rest_api(name="bench")["id"]
            results["moto_idle_rss_kb"] = rss_kb(moto.pid)
            results["moto_control_get_rest_api"] = wrk("http://127.0.0.1:%d/restapis/%s" % (mport, mapi),
                                                       args.seconds, 16, headers=[auth], pids=process_tree(moto.pid))
            print("%-22s %10.0f calls/s  CPU %.2f us/call" % ("moto GetRestApi", results["moto_control_get_rest_api"]["rps"],
                  results["moto_control_get_rest_api"]["cpu_us_per_req"]), flush=True)
        finally:
            moto.terminate()
            moto.wait()
    nginx.send_signal(signal.SIGQUIT)
    nginx.wait()
    med, best = startup_ms(args.binary)
    results["startup_ms_median"], results["startup_ms_min"] = med, best
    print("exec -> healthy: median %.1f ms, min %.1f ms" % (med, best))
    print("idle RSS: %.1f MB (after load: %.1f MB)" % (results["idle_rss_kb"] / 1024, results["loaded_rss_kb"] / 1024))
    r = results
    ratios = {"mock_vs_nginx": r["emulator_mock"]["rps"] / r["nginx_static"]["rps"],
              "proxy_vs_nginx": r["emulator_http_proxy"]["rps"] / r["nginx_proxy"]["rps"]}
    if "moto_control_get_rest_api" in r:
        ratios["control_vs_moto"] = r["emulator_control_get_rest_api"]["rps"] / r["moto_control_get_rest_api"]["rps"]
    results["ratios"] = ratios
    print("ratios: " + ", ".join("%s %.2f" % kv for kv in ratios.items()))
    results["load_average"] = os.getloadavg()[0]
    print("load average (1 min) at the end: %.2f" % results["load_average"])
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    with open(os.path.join(HERE, "out", "foundation.json"), "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
