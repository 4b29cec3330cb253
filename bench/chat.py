"""The assistant under load, under `make serve` (deploy/serve.sh).

1. WebSocket /ws/chat against a local stub model (an OpenAI-compatible server
   streaming 20 ms a token): first-token and total latency per answer.
2. Offline HTTP chat (no model): throughput of POST /api/v1/chat/send under wrk.
"""

import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

import websockets
from common import ROOT, ensure_wrk, percentile, run_wrk, served_app

sys.path.insert(0, str(ROOT))
from chat_app.testing.fake_openai import FakeOpenAI

MESSAGES = 40
CONCURRENT_SOCKETS = 8
TOKEN_DELAY = 0.02
REPLY = (
    "The owner is a software engineer who builds FastAPI backends, retrieval-augmented "
    "assistants and Next.js frontends, and ships them with Docker and CI/CD."
)
QUESTIONS = ["What is his tech stack?", "Tell me about his projects", "Where has he worked?"]


async def one_socket(url, count, first_tokens, totals):
    async with websockets.connect(url, origin="http://localhost:3000") as ws:
        for n in range(count):
            started = time.perf_counter()
            await ws.send(json.dumps({"type": "message", "content": QUESTIONS[n % 3]}))
            first = None
            while True:
                frame = json.loads(await ws.recv())
                if frame["type"] == "token" and first is None:
                    first = time.perf_counter() - started
                if frame["type"] in ("done", "error"):
                    break
            first_tokens.append(first * 1000)
            totals.append((time.perf_counter() - started) * 1000)


async def websocket_latency(base):
    url = base.replace("http://", "ws://") + "/ws/chat"
    first_tokens, totals = [], []
    per_socket = MESSAGES // CONCURRENT_SOCKETS
    started = time.perf_counter()
    await asyncio.gather(
        *(one_socket(url, per_socket, first_tokens, totals) for _ in range(CONCURRENT_SOCKETS))
    )
    return first_tokens, totals, time.perf_counter() - started


def report(label, values):
    print(
        f"{label:34} p50 {percentile(values, 0.5):8.1f} ms   p99 {percentile(values, 0.99):8.1f} ms"
    )


def main():
    tokens = len(REPLY.split())
    delay_ms = TOKEN_DELAY * 1000
    print(f"\n== WebSocket chat: stub model streaming {tokens} tokens, {delay_ms:.0f} ms each")
    print(f"   {MESSAGES} answers over {CONCURRENT_SOCKETS} concurrent sockets, under `make serve`")
    with FakeOpenAI(reply=REPLY, token_delay=TOKEN_DELAY) as model:
        env = {
            "OPENAI_API_KEY": "bench",
            "OPENAI_BASE_URL": model.base_url,
            "LLM_DAILY_BUDGET_USD": "1000",
            "WS_RATE_LIMIT": "100000/min",
            "CHAT_RATE_LIMIT": "1000000/min",
        }
        with served_app(**env) as base:
            first_tokens, totals, elapsed = asyncio.run(websocket_latency(base))
    report("first token", first_tokens)
    report("whole answer", totals)
    print(f"{'answers per second':34} {len(totals) / elapsed:8.1f}")

    if not ensure_wrk():
        print("wrk is not available; skipping the HTTP chat throughput.", file=sys.stderr)
        return 1
    print("\n== Offline HTTP chat: POST /api/v1/chat/send under wrk (no model configured)")
    script = Path(tempfile.mkdtemp()) / "post.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        'wrk.body = \'{"message": "What is his tech stack?", "session_id": "bench"}\'\n'
    )
    with served_app(CHAT_RATE_LIMIT="1000000/min") as base:
        rps, p50, p99, errors = run_wrk(f"{base}/api/v1/chat/send", script=script)
    print(f"{'requests/s':34} {rps:8.0f}")
    print(f"{'latency':34} p50 {p50:8.1f} ms   p99 {p99:8.1f} ms   errors {errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
