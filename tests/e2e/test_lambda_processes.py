"""Function processes and the emulator's own life: no process outlives the
emulator (SIGTERM or SIGKILL), functions and their code survive a restart, and
the cold start is measured."""
import json
import os
import shutil
import signal
import tempfile
import time
import unittest

from harness import Emulator
from test_lambda_support import create_node, create_python


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purpose (its parent has not reaped it yet).
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def wait_gone(pid, timeout=5):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


def invoke(lam, name, payload=None):
    r = lam.invoke(FunctionName=name, Payload=json.dumps(payload or {}).encode())
    return json.loads(r["Payload"].read())


class ProcessLifetimeTest(unittest.TestCase):
    def test_sigterm_stops_function_processes(self):
        emu = Emulator().start()
        try:
            lam = emu.client("lambda")
            create_node(lam, "n")
            create_python(lam, "p")
            pids = [invoke(lam, "n")["pid"], invoke(lam, "p")["pid"]]
            for pid in pids:
                self.assertTrue(alive(pid))
        finally:
            self.assertEqual(emu.stop(signal.SIGTERM), 0)
        for pid in pids:
            self.assertTrue(wait_gone(pid), "function process %d outlived the emulator" % pid)

    def test_sigkill_of_the_emulator_leaves_no_orphans(self):
        emu = Emulator().start()
        lam = emu.client("lambda")
        create_node(lam, "n")
        create_python(lam, "p")
        pids = [invoke(lam, "n")["pid"], invoke(lam, "p")["pid"]]
        emu.stop(signal.SIGKILL)
        for pid in pids:
            self.assertTrue(wait_gone(pid), "function process %d outlived a SIGKILLed emulator" % pid)


class RestartTest(unittest.TestCase):
    def test_functions_and_code_survive_a_restart(self):
        folder = tempfile.mkdtemp(prefix="apigw-lambda-state-")
        self.addCleanup(shutil.rmtree, folder, True)
        state = os.path.join(folder, "state.db")
        cache = os.path.join(folder, "cache")
        with Emulator("--lambda-dir", cache, state=state) as emu:
            lam = emu.client("lambda")
            create_python(lam, "keep", source="def handler(e, c):\n    return 'kept'\n")
            lam.publish_version(FunctionName="keep")
            self.assertEqual(invoke(lam, "keep"), "kept")
        # Without its unpacked code: the package comes back from the state file.
        shutil.rmtree(cache)
        with Emulator("--lambda-dir", cache, state=state) as emu:
            lam = emu.client("lambda")
            self.assertEqual(invoke(lam, "keep"), "kept")
            r = lam.invoke(FunctionName="keep", Qualifier="1")
            self.assertEqual(json.loads(r["Payload"].read()), "kept")
            self.assertEqual(r["ExecutedVersion"], "1")


class ColdStartTest(unittest.TestCase):
    def test_cold_start_is_measured(self):
        with Emulator() as emu:
            lam = emu.client("lambda")
            create_node(lam, "cold-node", source="exports.handler = async () => 1;\n")
            create_python(lam, "cold-py", source="def handler(e, c):\n    return 1\n")
            for name in ("cold-node", "cold-py"):
                start = time.time()
                invoke(lam, name)
                cold = time.time() - start
                start = time.time()
                for _ in range(20):
                    invoke(lam, name)
                warm = (time.time() - start) / 20
                print("\n%s: cold start %.1f ms, warm invoke %.2f ms (boto3 round trip)" % (name, cold * 1000, warm * 1000))
                self.assertLess(cold, 5.0)
                self.assertLess(warm, cold)


if __name__ == "__main__":
    unittest.main()
