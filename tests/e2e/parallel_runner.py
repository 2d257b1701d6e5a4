"""Runs each tests/e2e/test_*.py module in its own process, a few at a time,
and prints a summary; exits non-zero when any module fails."""
import glob
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))


def run(module):
    start = time.time()
    p = subprocess.run([sys.executable, "-m", "unittest", "-v", module], cwd=HERE,
                       capture_output=True, text=True, timeout=900)
    return module, p.returncode, p.stdout + p.stderr, time.time() - start


def main():
    wanted = sys.argv[1:]
    modules = sorted(os.path.basename(f)[:-3] for f in glob.glob(os.path.join(HERE, "test_*.py")))
    if wanted:
        modules = [m for m in modules if m in wanted or m[5:] in wanted]
    jobs = int(os.environ.get("APIGW_E2E_JOBS", max(2, os.cpu_count() or 2)))
    failed = []
    with ThreadPoolExecutor(jobs) as pool:
        for module, code, out, secs in pool.map(run, modules):
            status = "ok" if code == 0 else "FAILED"
            print("e2e %-40s %s (%.1fs)" % (module, status, secs), flush=True)
            if code != 0:
                failed.append(module)
                print(out[-20000:], flush=True)
    print("e2e: %d modules, %d failed%s" % (len(modules), len(failed), (": " + ", ".join(failed)) if failed else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
