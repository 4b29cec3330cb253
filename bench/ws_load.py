"""Many WebSocket chat clients at once against the app under `make serve`, on loopback.

Each client connects to /ws/chat, asks a question, reads the streamed answer to
its done frame, pauses, and asks again, until the time is up. Prints answers per
second, the latency percentiles of whole answers, and every kind of error.
"""

import argparse
import asyncio
import json
import sys
import time
from collections import Counter

import websockets
from common import percentile, served_app

QUESTIONS = [
    "What is his tech stack?",
    "Tell me about his projects",
    "Where has he worked?",
    "How can I contact him?",
    "Does he know Docker?",
]


async def client(url, deadline, think, latencies, errors, index):
    try:
        async with websockets.connect(url, origin="http://localhost:3000", open_timeout=30) as ws:
            n = index
            while time.monotonic() < deadline:
                started = time.perf_counter()
                await ws.send(json.dumps({"type": "message", "content": QUESTIONS[n % 5]}))
                n += 1
                while True:
                    frame = json.loads(await asyncio.wait_for(ws.recv(), timeout=60))
                    if frame["type"] == "done":
                        latencies.append((time.perf_counter() - started) * 1000)
                        break
                    if frame["type"] == "error":
                        errors[f"error frame: {frame['error'][:60]}"] += 1
                        break
                await asyncio.sleep(think)
    except Exception as exc:  # a bench counts failures instead of stopping on them
        errors[f"{type(exc).__name__}"] += 1


async def run(base, clients, seconds, think):
    url = base.replace("http://", "ws://") + "/ws/chat"
    latencies, errors = [], Counter()
    started = time.monotonic()
    deadline = started + seconds
    tasks = [client(url, deadline, think, latencies, errors, i) for i in range(clients)]
    await asyncio.gather(*tasks)
    return latencies, errors, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="pause between questions (s)")
    args = parser.parse_args()

    print(
        f"\n== WebSocket load: {args.clients} concurrent /ws/chat clients for {args.seconds} s, "
        f"{args.think:.1f} s pause between questions, offline responder, under `make serve`"
    )
    # Every client comes from 127.0.0.1: lift the per-IP limits the bench would hit.
    env = {
        "WS_RATE_LIMIT": "100000/min",
        "CHAT_RATE_LIMIT": "1000000/min",
        "LOG_LEVEL": "ERROR",
    }
    with served_app(**env) as base:
        latencies, errors, elapsed = asyncio.run(run(base, args.clients, args.seconds, args.think))
    print(f"{'answers':34} {len(latencies):8d}")
    print(f"{'answers per second':34} {len(latencies) / elapsed:8.1f}")
    print(
        f"{'whole answer latency':34} p50 {percentile(latencies, 0.5):8.1f} ms   "
        f"p99 {percentile(latencies, 0.99):8.1f} ms"
    )
    print(f"{'errors':34} {sum(errors.values()):8d}")
    for kind, count in errors.most_common():
        print(f"    {count:6d}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
