"""The pre-commit hook (.pre-commit-hooks.yaml), run by the real `pre-commit
try-repo` against a temporary git repository of reply macros. Skipped where
pre-commit or git is missing, or this checkout is not a git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


@pytest.fixture
def macros(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of replylint")
    pytest.importorskip("pre_commit")
    repo = tmp_path / "macros"
    (repo / "ru").mkdir(parents=True)
    (repo / "ru" / "greeting.txt").write_text("Здравствуйте! Спасибо за обращение, уже проверяем.\n", encoding="utf-8")
    (repo / "ru" / "settings.txt").write_text("Вы указали неверные настройки.\n", encoding="utf-8")
    (repo / "notes.py").write_text("print('Obviously, you should have read the docs.')\n", encoding="utf-8")
    _git("init", "-q", cwd=repo)
    _git("add", ".", cwd=repo)
    return repo


def try_repo(repo: Path, tmp_path: Path, hook: str = "replylint"):
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never")
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_pre_commit_runs_replylint_on_the_reply_macros(macros, tmp_path):
    result = try_repo(macros, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ru/settings.txt:1:1  ru.blame.you-did-wrong" in result.stdout
    assert "greeting.txt" not in result.stdout.split("hook id: replylint")[-1]
    assert "notes.py" not in result.stdout  # code is not a reply: only macro files are linted
    (macros / "ru" / "settings.txt").write_text("При таких настройках синхронизация не запустится.\n",
                                                encoding="utf-8")
    result = try_repo(macros, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
