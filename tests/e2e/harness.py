"""Starts the real apigw-emulator binary on free ports and gives tests clients for it.

Every end-to-end test drives the built binary (build/apigw-emulator) the way a
user does: boto3 and the AWS CLI against the control plane, plain HTTP against
the data plane. Ports are chosen by the emulator (port 0) and read back from its
`ready` line, so tests never collide.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

import boto3
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("APIGW_BINARY", os.path.join(ROOT, "build", "apigw-emulator"))
# The AWS CLI v2 from Debian's awscli package; `aws` on PATH may be v1.
AWS_CLI_V2 = "/usr/bin/aws" if os.path.exists("/usr/bin/aws") else shutil.which("aws")
READY_RE = re.compile(r"ready.*?(http://[^\s,]+).*?(http://[^\s,]+)")
CREDS = dict(aws_access_key_id="test", aws_secret_access_key="test")


class Emulator:
    """One emulator process. Use as a context manager or call start()/stop()."""

    def __init__(self, *args, state=None, in_memory=True, env=None):
        self.args = list(args)
        self.state = state
        self.in_memory = in_memory and state is None
        self.env = dict(os.environ, **(env or {}))
        self.proc = None
        self.control_url = None
        self.data_url = None
        self.output = []
        self._lines = threading.Condition()

    def start(self, timeout=10):
        cmd = [BINARY, "--host", "127.0.0.1", "--control-port", "0", "--data-port", "0"]
        if self.in_memory:
            cmd.append("--in-memory")
        elif self.state:
            cmd += ["--state", self.state]
        cmd += self.args
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=self.env)
        threading.Thread(target=self._pump, daemon=True).start()
        deadline = time.time() + timeout
        with self._lines:
            while self.control_url is None:
                if self.proc.poll() is not None:
                    raise RuntimeError("emulator exited %s: %s" % (self.proc.returncode, "".join(self.output)))
                left = deadline - time.time()
                if left <= 0:
                    raise RuntimeError("emulator not ready: %s" % "".join(self.output))
                self._lines.wait(left)
        return self

    def _pump(self):
        for raw in iter(self.proc.stdout.readline, b""):
            line = raw.decode("utf-8", "replace")
            with self._lines:
                self.output.append(line)
                m = READY_RE.search(line)
                if m and self.control_url is None:
                    self.control_url, self.data_url = m.group(1), m.group(2)
                self._lines.notify_all()

    def log_text(self):
        with self._lines:
            return "".join(self.output)

    def wait_for_log(self, pattern, timeout=5):
        deadline = time.time() + timeout
        with self._lines:
            while not re.search(pattern, "".join(self.output)):
                left = deadline - time.time()
                if left <= 0:
                    return False
                self._lines.wait(left)
        return True

    def stop(self, sig=signal.SIGTERM, timeout=10):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode if self.proc else None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # Clients -----------------------------------------------------------------
    def client(self, service, region="us-east-1"):
        return boto3.client(service, endpoint_url=self.control_url, region_name=region,
                            config=Config(retries={"max_attempts": 1}), **CREDS)

    def cli(self, *args, region="us-east-1", check=True, v2=True):
        """Runs the AWS CLI (v2 by default) against the control plane; returns parsed JSON or text."""
        exe = AWS_CLI_V2 if v2 else shutil.which("aws")
        env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                   AWS_DEFAULT_REGION=region, AWS_PAGER="", AWS_EC2_METADATA_DISABLED="true")
        cmd = [exe, "--endpoint-url", self.control_url, "--output", "json"] + list(args)
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
        if check and p.returncode != 0:
            raise AssertionError("aws %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr))
        if check:
            return json.loads(p.stdout) if p.stdout.strip() else None
        return p

    def url(self, api_id, stage, path=""):
        return "%s/%s/%s/%s" % (self.data_url, api_id, stage, path.lstrip("/"))


def http(method, url, body=None, headers=None, timeout=30):
    """A plain HTTP call that returns (status, headers dict lower-cased, body bytes) even for 4xx/5xx."""
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def raw_exchange(host, port, payload, timeout=5, read_until_close=True):
    """Sends raw bytes and returns what comes back (for malformed-request tests)."""
    s = socket.create_connection((host, port), timeout=timeout)
    try:
        s.sendall(payload)
        chunks = []
        while True:
            try:
                b = s.recv(65536)
            except socket.timeout:
                break
            if not b:
                break
            chunks.append(b)
            if not read_until_close:
                break
        return b"".join(chunks)
    finally:
        s.close()


def host_port(url):
    m = re.match(r"http://([^:/]+):(\d+)", url)
    return m.group(1), int(m.group(2))


class EmulatorTestCase(unittest.TestCase):
    """One emulator (in memory) shared by the tests of a class."""

    emulator_args = ()

    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator(*cls.emulator_args).start()
        cls.apigw = cls.emu.client("apigateway")

    @classmethod
    def tearDownClass(cls):
        code = cls.emu.stop()
        if code not in (0, None):
            raise AssertionError("emulator exited with %s:\n%s" % (code, cls.emu.log_text()[-3000:]))

    def new_rest_api(self, name="test-api", **kw):
        return self.apigw.create_rest_api(name=name, **kw)

    def root_id(self, api_id):
        return [r for r in self.apigw.get_resources(restApiId=api_id)["items"] if r["path"] == "/"][0]["id"]

    def assertClientError(self, code, fn, *args, status=None, message=None, **kw):
        from botocore.exceptions import ClientError
        with self.assertRaises(ClientError) as cm:
            fn(*args, **kw)
        err = cm.exception.response
        self.assertEqual(err["Error"]["Code"], code, err)
        if status is not None:
            self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], status, err)
        if message is not None:
            self.assertEqual(err["Error"]["Message"], message, err)
        return err
