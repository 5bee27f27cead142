"""Latency of `replylint serve` under concurrent clients, beside in-process lint.

    python bench/serve.py                      # 8 clients, 1 worker per core
    python bench/serve.py --clients 8 --requests 200 --workers 2

Starts `replylint serve` on a free local port, sends the same typical
exchange from N client threads (keep-alive connections, stdlib http.client)
and prints p50/p99 latency and requests/s, beside the in-process
`Engine.lint` + fix time of the same request measured in this run. Target
(from the issue): p50 <= 2x the in-process time. Prints figures, never asserts.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REQUEST = {
    "reply": "Здравствуйте, Марко!\n\nСпасибо, что написали. Вы указали неверные настройки прокси, поэтому "
             "синхронизация останавливается. Откройте «Настройки → Сеть» и выберите «Автоматически».\n\n"
             "С уважением,\nИгнат",
    "customer": "Добрый день. Меня зовут Марко Сантино, мы воспользовались Вашими рекомендациями, но "
                "синхронизация всё равно останавливается через минуту. Скажите, пожалуйста, это нормально? "
                "И как это исправить?",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def in_process(rounds: int) -> float:
    """Median seconds of the same check in this process (lint, then fix)."""
    from replylint.config import default
    from replylint.hook import Checker, parse

    checker = Checker(default())
    request = parse(json.dumps(REQUEST).encode())
    for _ in range(5):
        checker.check(request)
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        checker.check(request)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def client(port: int, n: int, out: list[float], errors: list[str]) -> None:
    body = json.dumps(REQUEST).encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(n):
        t0 = time.perf_counter()
        conn.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        out.append(time.perf_counter() - t0)
        if response.status != 200:
            errors.append(str(response.status))
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=100, help="per client")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    port = free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    server = subprocess.Popen([sys.executable, "-m", "replylint", "serve", "--no-config", "--port", str(port),
                               "--workers", str(args.workers)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        else:
            sys.exit("the server did not start")
        client(port, 20, [], [])  # warm every worker's connection path
        latencies: list[float] = []
        errors: list[str] = []
        threads = [threading.Thread(target=client, args=(port, args.requests, latencies, errors))
                   for _ in range(args.clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=30)
    local = in_process(200)
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"{args.clients} clients x {args.requests} requests, {args.workers} worker(s), {os.cpu_count()} cores; "
          f"{len(errors)} non-200 responses")
    print(f"  in-process check (lint + fix) of the same request: {local * 1000:.1f} ms (median)")
    print(f"  POST /v1/check  p50 {p50 * 1000:.1f} ms   p99 {p99 * 1000:.1f} ms   {len(latencies) / wall:.0f} requests/s")
    ratio = p50 / local
    # closed-loop clients queue behind each other once they outnumber the cores doing the work
    bound = max(1.0, args.clients / min(args.workers, os.cpu_count() or 1))
    print(f"  RATIO p50 / in-process: {ratio:.2f}x  (target <= 2x: {'meets' if ratio <= 2 else 'ABOVE'}; "
          f"queueing alone makes it >= {bound:.1f}x with {args.clients} clients on "
          f"{min(args.workers, os.cpu_count() or 1)} busy core(s))")


if __name__ == "__main__":
    main()
