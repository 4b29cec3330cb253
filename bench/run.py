"""`make bench`: runs every benchmark script in bench/ and prints their figures."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "http_lists.py",
    "chat.py",
    "ws_load.py",
    "cv_bench.py",
    "cv_upload.py",
    "cv_footprint.py",
]


def main():
    selected = sys.argv[1:] or SCRIPTS
    failed = []
    for script in selected:
        result = subprocess.run([sys.executable, str(HERE / script)], cwd=HERE)
        if result.returncode != 0:
            failed.append(script)
    if failed:
        print(f"\nFailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
