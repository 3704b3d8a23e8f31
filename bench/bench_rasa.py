"""Benchmark of the running product: Rasa training time, server start-up time,
REST turn latency (p50/p95) at 1 and at 10 concurrent trainees.

    .venv/bin/python bench/bench_rasa.py [--turns 8] [--skip-train]

Starts the real action server and Rasa server (SQLite tracker store in a temp
dir) through tests/servers.py; sends traffic only to 127.0.0.1.
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import Stack  # noqa: E402

REPLIES = [
    "I'm very sorry you've had to wait so long.",
    "Could you tell me what you came in to do today?",
    "Today is payday and two counters are closed for a system update, so it's slower than usual.",
    "Twenty minutes with nobody explaining is really frustrating, I understand.",
    "I'll take you to the priority window right now and serve you myself.",
    "非常抱歉,让您久等了。",
    "我现在就带您去贵宾窗口办理。",
    "Thank you for your patience.",
]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def trainee(stack, turns, latencies, errors):
    sender = f"bench-{uuid.uuid4().hex[:8]}"
    try:
        stack.send(sender, '/start_roleplay{"scenario": "queue_complaint", "language": "en"}')
        for i in range(turns):
            started = time.perf_counter()
            replies = stack.send(sender, REPLIES[i % len(REPLIES)])
            latencies.append((time.perf_counter() - started) * 1000)
            if not replies:
                errors.append("empty reply")
    except Exception as error:  # a failed request is a result too
        errors.append(repr(error))


def load(stack, concurrency, turns):
    latencies, errors = [], []
    threads = [threading.Thread(target=trainee, args=(stack, turns, latencies, errors)) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--skip-train", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_train:
            started = time.perf_counter()
            subprocess.run([str(ROOT / ".venv/bin/rasa"), "train", "--out", tmp, "--quiet", "--force"],
                           cwd=ROOT, check=True, capture_output=True, env=Stack(Path(tmp)).env())
            print(f"rasa train (NLU + rules, from scratch): {time.perf_counter() - started:.1f} s")

        stack = Stack(Path(tmp) / "stack", web=False)
        started = time.perf_counter()
        stack.start_actions()
        actions_up = time.perf_counter() - started
        started = time.perf_counter()
        stack.start_rasa()
        rasa_up = time.perf_counter() - started
        print(f"start-up: action server {actions_up:.1f} s (incl. scorer load), Rasa server {rasa_up:.1f} s "
              f"(model loaded, ready)")
        try:
            load(stack, 1, 2)  # warm-up
            for concurrency in (1, 10):
                latencies, errors, elapsed = load(stack, concurrency, args.turns)
                print(f"REST turn latency, {concurrency:>2} concurrent trainee(s): "
                      f"p50 {percentile(latencies, 50):.0f} ms, p95 {percentile(latencies, 95):.0f} ms, "
                      f"mean {statistics.mean(latencies):.0f} ms over {len(latencies)} turns; "
                      f"{len(latencies) / elapsed:.1f} turns/s; errors {len(errors)}")
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
