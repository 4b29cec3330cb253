"""Throughput and latency of the main read endpoints under wrk, on a real daphne server.

Prints requests/s and p50/p99; for the cached lists, also for a revalidation (304).
"""

import re
import shutil
import subprocess
import sys
import urllib.request

from common import served_app

DURATION = "10s"
CONNECTIONS = 32
THREADS = 2
PATHS = ["/api/v1/tools/list", "/api/v1/news/list", "/api/v1/tools/list?category=Presentation"]
# Read endpoints without ETags: one full 200 run each.
PLAIN_PATHS = [
    "/api/v1/projects/list",
    "/api/v1/resume/en",
    "/api/v1/news/generative-ai-beyond-text-and-images",
    "/api/v1/health",
]


def ensure_wrk():
    if shutil.which("wrk"):
        return True
    print("wrk not found; installing it from Debian's packages (needs root)...", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
    return shutil.which("wrk") is not None


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url, headers=(), script=None):
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def report(label, rps, p50, p99, errors):
    print(label.ljust(58), f"{rps:9.0f} {p50:8.2f} {p99:8.2f} {errors:7d}")


def main():
    if not ensure_wrk():
        print("wrk is not available; cannot run the HTTP list benchmark.", file=sys.stderr)
        return 1
    print(f"\n== HTTP reads: wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}, one daphne process")
    print(f"{'request':58} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    with served_app() as base:
        for path in PATHS:
            url = base + path
            etag = urllib.request.urlopen(url).headers["ETag"]
            for label, headers in (("200", ()), ("304", (f"If-None-Match: {etag}",))):
                rps, p50, p99, errors = run_wrk(url, headers)
                report(f"GET {path} ({label})", rps, p50, p99, errors)
        for path in PLAIN_PATHS:
            report(f"GET {path}", *run_wrk(base + path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
