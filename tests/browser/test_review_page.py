"""The trainer review page in headless Chromium against the real web app.

The SQLite database is written by Rasa's own SQLTrackerStore (realistic role-plays),
the web app runs as its own process (`python -m bot.web.app`), and the trainer
goes through the page like a person: log in, filter, open a session, override a
verdict, mark it reviewed. Screenshots: artifacts/screenshots/review-*.png.
"""
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests import test_review_helpers as helpers  # noqa: E402

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("review-page")
    db_file = workdir / "rasa.db"
    conversations = helpers.populate_sqlite(str(db_file))
    url = f"sqlite:///{db_file}"
    helpers.add_admin(url)
    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, PYTHONPATH=str(ROOT))
    log = open(workdir / "web.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "bot.web.app", "--host", "127.0.0.1", "--port", str(port)],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/review", timeout=2).read()
            break
        except Exception:
            if process.poll() is not None or time.time() > deadline:
                process.kill()
                pytest.fail("the web app did not start:\n" + (workdir / "web.log").read_text()[-3000:])
            time.sleep(0.3)
    yield {"base": base, "url": url, "sessions": helpers.expected_sessions(conversations)}
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it (make test-deps) or set CHROMIUM")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield b
        b.close()


def api_get(base, path, token):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read().decode())


def test_trainer_reviews_a_session(web, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    page = context.new_page()
    problems, dialogs = [], []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: problems.append(str(err)))
    page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/api/login") else None)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda req: problems.append("external request: " + req.url)
            if not req.url.startswith((web["base"], "data:", "blob:")) else None)

    # --- nothing without a login; a wrong password is refused -----------------------
    page.goto(web["base"] + "/review")
    page.get_by_test_id("login-username").wait_for()
    assert page.get_by_test_id("session-row").count() == 0
    page.get_by_test_id("login-username").fill(helpers.ADMIN)
    page.get_by_test_id("login-password").fill("not the password")
    page.get_by_test_id("login-submit").click()
    expect(page.locator("#login-error")).not_to_be_empty()
    assert page.get_by_test_id("session-row").count() == 0
    # Chromium logs the refused login (401) as a console error
    problems[:] = [p for p in problems if "status of 401" not in p]

    page.get_by_test_id("login-password").fill(helpers.ADMIN_PASSWORD)
    page.get_by_test_id("login-submit").click()
    rows = page.get_by_test_id("session-row")
    expect(rows).to_have_count(6)

    # trainee-typed markup is shown as text, never run
    carol = [s for s in web["sessions"].values() if s["trainee"].startswith("Carol")][0]
    carol_row = page.locator(f"[data-testid=session-row][data-session-id='{carol['id']}']")
    assert carol_row.locator("td.trainee").text_content() == carol["trainee"]
    assert page.locator("script:not([src])").count() == 0

    # progress chart and per-scenario averages
    page.locator("[data-testid=progress-chart] svg circle").first.wait_for()
    page.get_by_test_id("progress-trainee").select_option("Alice")
    expect(page.locator("[data-testid=progress-chart] circle[data-series=overall]")).to_have_count(3)
    averages = page.get_by_test_id("scenario-averages")
    expect(averages.locator("tbody tr")).to_have_count(3)
    assert "Queue complaint" in averages.text_content()

    # filters: trainee, then language, then scenario
    page.get_by_test_id("filter-trainee").select_option("Alice")
    expect(rows).to_have_count(3)
    page.get_by_test_id("filter-trainee").select_option("")
    page.get_by_test_id("filter-language").select_option("zh")
    expect(rows).to_have_count(2)
    page.get_by_test_id("filter-language").select_option("")
    page.get_by_test_id("filter-scenario").select_option("queue_complaint")
    expect(rows).to_have_count(3)
    page.get_by_test_id("filter-scenario").select_option("")
    expect(rows).to_have_count(6)
    # sorting by the overall score, highest first
    page.locator("button.sort[data-sort=overall]").click()
    expect(rows.first.locator("td.num").first).to_have_text(re.compile(r"^78"))

    # --- open Alice's resolved queue complaint ---------------------------------------
    target = [s for s in web["sessions"].values()
              if s["trainee"] == "Alice" and s["outcome"] == "resolved"][0]
    page.locator(f"[data-testid=session-row][data-session-id='{target['id']}'] [data-testid=session-link]").click()
    transcript = page.get_by_test_id("transcript")
    transcript.get_by_test_id("turn").first.wait_for()
    assert transcript.get_by_test_id("turn").count() == 3
    first_turn = transcript.get_by_test_id("turn").first
    assert "I'm so sorry about the wait" in first_turn.text_content()
    assert "forty minutes is too long" in first_turn.locator(".evidence").text_content()

    # a turn-level override: turn 2's "listening" was not detected; the trainer says it was
    page.get_by_test_id("override-turn").select_option("2")
    page.get_by_test_id("override-dimension").select_option("listening")
    page.get_by_test_id("override-value").select_option("true")
    page.get_by_test_id("override-comment").fill("She named the outage <b>and</b> the card: that is listening.")
    page.get_by_test_id("override-submit").click()
    turn2 = transcript.locator("[data-testid=turn][data-turn='2']")
    turn2.get_by_test_id("override").wait_for()
    assert "She named the outage <b>and</b> the card" in turn2.get_by_test_id("override").text_content()
    assert turn2.locator(".chip.overridden[data-dimension=listening]").count() == 1

    # a session-level override of the overall score
    page.get_by_test_id("override-turn").select_option("")
    page.get_by_test_id("override-dimension").select_option("overall")
    # bad input in the form is refused with a message, not sent
    page.get_by_test_id("override-value").fill("150")
    page.get_by_test_id("override-submit").click()
    expect(page.locator("#override-error")).not_to_be_empty()
    assert page.locator("#session-overrides [data-testid=override]").count() == 0
    page.get_by_test_id("override-value").fill("85")
    page.get_by_test_id("override-comment").fill("Model answer structure; worth more than 78.")
    page.get_by_test_id("override-submit").click()
    session_override = page.locator("#session-overrides [data-testid=override]")
    session_override.wait_for()
    text = session_override.text_content()
    assert "78" in text and "85" in text and "worth more than 78" in text

    page.get_by_test_id("mark-reviewed").click()
    expect(page.get_by_test_id("review-status")).to_contain_text("coach")
    page.get_by_test_id("override-comment").fill("")
    page.screenshot(path=str(SHOTS / "review-transcript.png"), full_page=True)

    # --- the server kept both (check through the API with the page's own token) -------
    token = page.evaluate("sessionStorage.getItem('review-token')")
    stored = api_get(web["base"], f"/api/sessions/{target['id']}", token)
    assert stored["reviewed"] is True and stored["reviewed_by"] == "coach"
    kinds = {(o["turn"], o["dimension"], json.dumps(o["value"])) for o in stored["overrides"]}
    assert kinds == {(2, "listening", "true"), (None, "overall", "85")}
    assert stored["overall"] == 78 and stored["final"]["overall"] == 85

    # back on the list the override shows beside the automatic score
    page.locator("#back-link").click()
    row = page.locator(f"[data-testid=session-row][data-session-id='{target['id']}']")
    expect(row).to_contain_text("→ 85")
    expect(row).to_contain_text("✓")
    page.screenshot(path=str(SHOTS / "review-list.png"), full_page=True)

    # the page in Chinese
    page.locator("#lang-toggle").click()
    expect(page.locator("[data-i18n=sessions_title]")).to_have_text("角色扮演会话")
    page.screenshot(path=str(SHOTS / "review-list-zh.png"), full_page=True)

    # a reload keeps the login for this tab; logging out forgets it
    page.reload()
    page.get_by_test_id("session-row").first.wait_for()
    page.locator("#logout").click()
    page.get_by_test_id("login-username").wait_for()
    assert page.evaluate("sessionStorage.getItem('review-token')") is None

    assert not dialogs, dialogs
    assert not problems, problems
    context.close()


def test_expired_login_returns_to_the_form(web, browser):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("sessionStorage.setItem('review-token', 'x'.repeat(43))")
    page.goto(web["base"] + "/review")
    page.get_by_test_id("login-username").wait_for()
    assert page.get_by_test_id("session-row").count() == 0
    context.close()
