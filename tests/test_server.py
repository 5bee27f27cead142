"""`replylint serve`: the API through Starlette's TestClient, a hypothesis
property test driven by the OpenAPI document (no 500, every response fits its
schema), and the review page end to end in headless Chromium."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette.testclient")  # the `server` extra and httpx2

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from replylint.config import default  # noqa: E402
from replylint.server import create_app, openapi_document  # noqa: E402

from .browser import free_port, headless_chrome, needs_chromium  # noqa: E402

REPLY = "Привет, Марко! Вы указали неверные настройки."
CUSTOMER = "Добрый день, сударь. Меня зовут Марко Сантино. Скажите, пожалуйста, это нормально?"
SCREENSHOT = Path(os.environ.get("REPLYLINT_SCREENSHOT", Path(__file__).resolve().parent.parent / "build"
                                 / "review-page.png"))


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(default(), max_body=4096)) as c:
        yield c


@pytest.fixture(scope="module")
def guarded():
    with TestClient(create_app(default(), token="s3cret")) as c:
        yield c


def test_check_and_fix_answer_the_hook_protocol(client):
    response = client.post("/v1/check", json={"reply": REPLY, "customer": CUSTOMER, "agent": "Игнат"})
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] is False and data["agent"] == "Игнат"
    assert {"ru.formality.familiar-greeting", "ru.blame.you-did-wrong"} <= {f["rule_id"] for f in data["findings"]}
    assert data["fixed_reply"] == "Здравствуйте, Марко! Указаны неверные настройки."
    fixed = client.post("/v1/fix", json={"reply": REPLY, "customer": [CUSTOMER]}).json()
    assert fixed["fixed_reply"] == data["fixed_reply"]
    assert {f["rule_id"] for f in fixed["findings"]} == {"ru.unanswered.question"}  # no safe rewrite for that one


def test_health_profile_rules_and_the_page(client):
    assert client.get("/healthz").json()["status"] == "ok"
    profile = client.post("/v1/profile", json={"text": CUSTOMER}).json()
    assert profile["tv"] == "V" and profile["register"] == "formal"
    assert client.post("/v1/profile", json={"text": "  "}).json() is None
    assert "why" in client.get("/v1/rules").json()["ru.blame.you-did-wrong"]
    page = client.get("/")
    assert page.status_code == 200 and "<textarea id=\"draft\"" in page.text
    assert "http://" not in page.text and "https://" not in page.text  # no external assets: works offline


def test_errors_are_json_with_the_right_status(client):
    assert client.post("/v1/check", content=b"{bad").status_code == 422
    assert client.post("/v1/check", content=b"\xff").json()["error"].startswith("request: the request is not UTF-8")
    assert client.post("/v1/check", json={"reply": ""}).status_code == 422
    assert client.post("/v1/check", json={"reply": "hi", "config": {"select": ["nosuch"]}}).status_code == 422
    assert client.post("/v1/check", content=b"x" * 5000).status_code == 413  # over this app's 4096 bytes
    assert client.post("/v1/profile", json={"txt": "x"}).status_code == 422
    assert client.get("/nope").json() == {"ok": False, "error": "Not Found"}
    assert client.get("/v1/check").status_code == 405


def test_the_bearer_token_guards_the_api(guarded):
    assert guarded.post("/v1/check", json={"reply": REPLY}).status_code == 401
    wrong = guarded.post("/v1/check", json={"reply": REPLY}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    right = guarded.post("/v1/check", json={"reply": REPLY}, headers={"Authorization": "Bearer s3cret"})
    assert right.status_code == 200
    assert guarded.get("/healthz").status_code == 200  # liveness needs no token


# ---------------------------------------------------------------- property test from the OpenAPI document

DOC = openapi_document()
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=3), max_leaves=8)
bodies = st.one_of(
    st.fixed_dictionaries({"reply": st.text(min_size=0, max_size=80)},
                          optional={"customer": st.text(max_size=60) | st.lists(st.text(max_size=30), max_size=3),
                                    "lang": st.sampled_from(["auto", "ru", "en", "xx"]),
                                    "agent": st.text(max_size=10), "config": json_values}),
    st.dictionaries(st.sampled_from(["reply", "customer", "lang", "agent", "config", "other"]), json_values,
                    max_size=4),
    json_values,
)


def _schema(path: str, status: int) -> dict:
    content = DOC["paths"][path]["post"]["responses"][str(status)]["content"]["application/json"]["schema"]
    return {**content, "components": DOC["components"]} if "$ref" in content else content


def _resolved(schema: dict) -> dict:
    """The schema with `#/components/...` references resolvable by jsonschema."""
    # (the definitions refer to each other too: a CheckResult's findings are Findings)
    return json.loads(json.dumps({"$defs": DOC["components"]["schemas"], **schema}).replace(
        "#/components/schemas/", "#/$defs/"))


@pytest.mark.parametrize("path", ["/v1/check", "/v1/fix"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_no_body_gets_a_500_or_a_response_outside_its_schema(client, path, body):
    jsonschema = pytest.importorskip("jsonschema")
    response = client.post(path, content=json.dumps(body).encode())
    assert response.status_code in (200, 413, 422), response.text
    documented = DOC["paths"][path]["post"]["responses"]
    assert str(response.status_code) in documented
    schema = documented[str(response.status_code)]["content"]["application/json"]["schema"]
    jsonschema.validate(response.json(), _resolved(schema))


# ---------------------------------------------------------------- the review page in headless Chromium

@pytest.fixture(scope="module")
def live_server():
    uvicorn = pytest.importorskip("uvicorn")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(default()), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not server.started and time.time() < deadline:
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@needs_chromium
def test_the_review_page_highlights_findings_and_accepts_rewrites(live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    with headless_chrome(1280, 900) as driver:
        driver.get(live_server + "/")
        driver.find_element(By.ID, "customer").send_keys(CUSTOMER)
        draft = driver.find_element(By.ID, "draft")
        draft.send_keys(REPLY)
        draft.send_keys(Keys.CONTROL, Keys.ENTER)  # the keyboard shortcut, not a click
        wait = WebDriverWait(driver, 30)
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#rendered mark")))
        marks = driver.find_elements(By.CSS_SELECTOR, "#rendered mark")
        assert [m.get_attribute("data-rule") for m in marks] == ["ru.formality.familiar-greeting",
                                                                "ru.blame.you-did-wrong"]
        assert marks[1].get_attribute("tabindex") == "0"
        # the customer's register and open question beside the draft
        wait.until(lambda d: d.find_element(By.ID, "reg-tv").text == "V")
        assert driver.find_element(By.ID, "reg-register").text == "formal"
        assert "нормально" in driver.find_element(By.ID, "questions").text
        # focus shows the finding's message and why
        driver.execute_script("arguments[0].focus()", marks[1])
        tip = marks[1].find_element(By.CSS_SELECTOR, ".tip")
        assert tip.is_displayed() and "Ошибка приписана клиенту" in tip.text
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SCREENSHOT))
        # accept one rewrite, then all
        driver.find_element(By.XPATH, "//button[starts-with(., 'Accept: Указаны')]").click()
        wait.until(lambda d: d.find_element(By.ID, "draft").get_attribute("value").startswith(
            "Привет, Марко! Указаны неверные настройки"))
        wait.until(ec.element_to_be_clickable((By.ID, "accept-all"))).click()
        wait.until(lambda d: d.find_element(By.ID, "draft").get_attribute("value")
                   == "Здравствуйте, Марко! Указаны неверные настройки.")


def test_the_serve_command_binds_localhost_and_answers(tmp_path):
    import http.client
    import subprocess
    import sys

    port = free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent.parent),
                                                                     os.environ.get("PYTHONPATH")])),
               REPLYLINT_TOKEN="t0ken")
    server = subprocess.Popen([sys.executable, "-m", "replylint", "serve", "--no-config", "--port", str(port)],
                              cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 120
        status = None
        while time.time() < deadline and status != 200:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/healthz")
                status = conn.getresponse().status
            except OSError:
                time.sleep(0.3)
        assert status == 200
        body = json.dumps({"reply": "Obviously it broke."})
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
        assert conn.getresponse().status == 401  # REPLYLINT_TOKEN is the --token
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", "/v1/check", body, {"Content-Type": "application/json", "Authorization": "Bearer t0ken"})
        response = conn.getresponse()
        assert response.status == 200 and json.loads(response.read())["ok"] is False
    finally:
        server.terminate()
        server.wait(timeout=30)
