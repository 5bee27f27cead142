"""Throughput, scaling and memory of `replylint audit` on generated conversations.

    python bench/audit.py                        # 100,000 conversations (long: tens of minutes)
    python bench/audit.py --conversations 10000  # shorter
    python bench/audit.py --memory 10000 100000  # peak memory per process as the input grows

Conversations are generated (mixed Russian/English, 2-6 messages each, seeded)
from the sentences below, written as JSONL, and audited in a subprocess with
--jobs 1 and --jobs 2. Prints replies/s for each, the scaling from 1 to 2
jobs (target >= 1.8x), and the peak RSS of the main process and of each
worker (sampled with psutil when it is installed; it comes with the dask
extra). On Linux the workers are forked from a parent that built the pipelines:
their RSS counts the pages they still share with it. Prints figures, never asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RU_CUSTOMER = ["Добрый день. Скажите, пожалуйста, это нормально?", "Здравствуйте! Не приходит код подтверждения.",
               "Можно ли перенести лицензию на другой компьютер?", "Синхронизация останавливается через минуту.",
               "Когда вернут деньги за заказ 88123?", "Привет, у меня не работает приложение, что делать?"]
RU_AGENT = ["Здравствуйте! Код приходит в течение пяти минут; если его нет, нажмите «Отправить ещё раз».",
            "Добрый день! Да, можно: деактивируйте лицензию в разделе «Лицензии».", "Вы указали неверные настройки.",
            "Привет! Перезагрузи телефон и попробуй снова.", "Деньги вернутся в течение трёх рабочих дней.",
            "Спасибо за обращение! Уточню у коллег и отвечу до пятницы.\n\nС уважением,\nИгнат"]
EN_CUSTOMER = ["Hi, my invoice is wrong. Is this normal?", "Hello, how do I reset my password?",
               "Dear support, the app crashes on start. Any idea why?", "When will my refund arrive?",
               "I already rebooted the router twice and it still drops.", "Can I change the delivery address?"]
EN_AGENT = ["Hi! Open Settings, choose Security and press Reset password.", "Obviously, you should have read the FAQ.",
            "Yes, this is normal: the invoice updates overnight.", "Have you tried rebooting the router?",
            "Refunds arrive within 3-5 business days.", "Hey!! did you even try reinstalling it?\n\nCheers, Sam"]
AGENTS = ["Игнат", "Ольга", "Sam", "Lee", "Anna", "Пётр"]


def generate(path: Path, n: int, seed: int = 1) -> int:
    """Write n conversations; return the number of agent replies."""
    rng = random.Random(seed)
    replies = 0
    with open(path, "w", encoding="utf-8") as f:
        for k in range(n):
            ru = rng.random() < 0.5
            customer, agent = (RU_CUSTOMER, RU_AGENT) if ru else (EN_CUSTOMER, EN_AGENT)
            size = rng.randint(2, 6)
            messages = []
            for m in range(size):
                role = "customer" if m % 2 == 0 else "agent"
                replies += role == "agent"
                text = rng.choice(customer if role == "customer" else agent)
                messages.append({"id": f"m{m}", "role": role, "author": rng.choice(AGENTS) if role == "agent"
                                 else "Customer", "created_at": f"2026-{1 + k % 12:02d}-{1 + k % 28:02d}T10:{m:02d}:00",
                                 "text": text})
            f.write(json.dumps({"id": f"c{k}", "messages": messages}, ensure_ascii=False) + "\n")
    return replies


def audit(source: Path, out: Path, jobs: int) -> tuple[float, float, float | None]:
    """(seconds, peak RSS in MB of the main process, of the largest worker
    process; None without workers or without psutil)."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    t0 = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "replylint", "audit", "--no-config", "--quiet", str(source),
                                "--out", str(out), "--jobs", str(jobs)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    sampled = _sample(process)
    seconds = time.perf_counter() - t0
    if sampled is None:  # no psutil: the largest waited-for child (the whole tree's maximum)
        return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, None
    return seconds, *sampled


def _sample(process) -> tuple[float, float | None] | None:
    try:
        import psutil
    except ImportError:
        process.wait()
        return None
    parent = psutil.Process(process.pid)
    main_peak, worker_peak = 0.0, None
    while process.poll() is None:
        try:
            main_peak = max(main_peak, parent.memory_info().rss / 1048576)
            for child in parent.children(recursive=True):
                if "resource_tracker" not in " ".join(child.cmdline()):  # a worker (spawned or forked), not the tracker
                    worker_peak = max(worker_peak or 0.0, child.memory_info().rss / 1048576)
        except psutil.Error:
            pass
        time.sleep(0.2)
    return main_peak, worker_peak


def _peaks(main: float, worker: float | None) -> str:
    return f"peak RSS: main process {main:.0f} MB" + (f", each worker <= {worker:.0f} MB" if worker else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--memory", type=int, nargs="*", default=None,
                        help="conversation counts for the memory run (default: a tenth of --conversations, and it)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "conversations.jsonl"
        replies = generate(source, args.conversations)
        print(f"{args.conversations:,} generated conversations (RU/EN, 2-6 messages), {replies:,} agent replies; "
              f"{os.cpu_count()} cores")
        rates = {}
        for jobs in (1, 2):
            seconds, main_peak, worker_peak = audit(source, tmp / f"out{jobs}", jobs)
            rates[jobs] = replies / seconds
            print(f"  --jobs {jobs}: {seconds:7.1f} s  {rates[jobs]:7.0f} replies/s   {_peaks(main_peak, worker_peak)}")
        scaling = rates[2] / rates[1]
        print(f"  SCALING 1 -> 2 jobs: {scaling:.2f}x  (target >= 1.8x: {'meets' if scaling >= 1.8 else 'BELOW'})")
        sizes = args.memory or [max(1, args.conversations // 10), args.conversations]
        peaks = []
        for n in sizes:
            generate(source, n, seed=2)
            _, main_peak, worker_peak = audit(source, tmp / "mem", 2)
            peaks.append((main_peak, worker_peak or main_peak))
            print(f"  memory, {n:,} conversations, --jobs 2: {_peaks(main_peak, worker_peak)}")
        if len(peaks) > 1:
            print(f"  MEMORY growth {sizes[0]:,} -> {sizes[-1]:,} conversations: per worker "
                  f"{peaks[-1][1] / peaks[0][1]:.2f}x, main process {peaks[-1][0] / peaks[0][0]:.2f}x (flat is ~1.0x)")


if __name__ == "__main__":
    main()
