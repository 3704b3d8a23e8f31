"""The trainee chat page, driven in headless Chromium against the real product.

The `stack` fixture (tests/conftest.py) starts the action server, Rasa (REST +
socket.io, fresh SQLite tracker store) and the web app on free ports. Nothing
is mocked: the page talks to Rasa's socket.io channel exactly as a trainee's
browser does.

Screenshots go to artifacts/screenshots/ (desktop 1280x800 and phone 390x844),
the printed scorecard to artifacts/scorecard-<lang>.pdf.
"""
import json
import os
import socket
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
MOODS = ["furious", "angry", "annoyed", "calm", "satisfied"]
DIMENSIONS = ["listening", "apologizing", "explaining", "committing"]
BOT_TIMEOUT = 60_000  # ms: a reply goes through Rasa, the action server and the scorer

# A good queue-complaint role-play in each language: listen, apologise, explain, commit.
REPLIES = {
    "en": [
        "I'm the manager on duty. You've been standing here twenty minutes for one small transaction "
        "- that is really frustrating. What did you come in to do today?",
        "I'm very sorry you've had to wait so long. That's our fault, not yours.",
        "The reason is that two of our four counters are closed this afternoon for a system upgrade, "
        "so the queue is moving much more slowly than usual.",
        "I'll take you to counter 3 right now and handle your passbook and transfer myself, and I will "
        "put up a notice today so everyone knows the waiting time.",
    ],
    "zh": [
        "您好,我是值班经理。您为了办一点小事在这儿站了二十分钟,换谁都会着急。请问您今天要办什么业务?",
        "真的非常抱歉,让您等了这么久,这是我们的失误。",
        "原因是今天下午有两个窗口在做系统升级,所以排队比平时慢很多。",
        "我现在就带您去3号窗口,亲自帮您补登存折、办转账,今天就在大厅贴出等候时间的提示。",
    ],
}
MARKUP_REPLY = ('<script>window.__pwned = 1</script><b>Sorry</b> about the wait '
                '<img src=x onerror="window.__pwned = 2"> & <i>thanks</i> for your patience.')
MARKUP_NAME = 'Li Lei <b>#1047</b> <script>window.__pwned = 3</script>'


# ----------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (run `make test-deps`)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, stack):
    """A fresh browser context (empty localStorage) that records errors and every request's host."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(BOT_TIMEOUT)
    pg = context.new_page()
    pg.errors = []
    pg.hosts = set()
    pg.on("pageerror", lambda error: pg.errors.append(str(error)))
    pg.on("request", lambda request: pg.hosts.add(urllib.parse.urlsplit(request.url).hostname))
    pg.on("websocket", lambda ws: pg.hosts.add(urllib.parse.urlsplit(ws.url).hostname))
    yield pg
    context.close()


@pytest.fixture(scope="module", autouse=True)
def screenshot_dir():
    SHOTS.mkdir(parents=True, exist_ok=True)


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read().decode())


def mood_of(page) -> str:
    return page.get_by_test_id("mood").get_attribute("data-mood")


def shoot(page, name: str, full_page: bool = False) -> None:
    """Screenshot at desktop size, then at phone size (same state), then back to desktop."""
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(150)
    page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=full_page)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(250)  # layout + chart resize
    # nothing sticks out sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
    page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=full_page)
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(150)


def send_reply(page, text: str, turn: int, typing: bool = False) -> dict:
    """Type a reply, press Enter, wait for its verdict; return what the page shows for it."""
    box = page.get_by_test_id("message-input")
    box.fill(text)
    box.press("Enter")
    expect(box).to_have_value("")
    if typing:  # the customer "thinks" before answering
        expect(page.get_by_test_id("typing-indicator")).to_be_visible()
    expect(page.get_by_test_id("turn-verdict")).to_have_count(turn, timeout=BOT_TIMEOUT)
    verdict = page.get_by_test_id("turn-verdict").nth(turn - 1)
    chips = verdict.locator("[data-dimension]")
    expect(chips).to_have_count(4)
    detected = [d for d in DIMENSIONS
                if verdict.locator(f'[data-dimension="{d}"]').get_attribute("data-detected") == "true"]
    flags = [f.get_attribute("data-flag") for f in verdict.locator("[data-flag]").all()]
    return {"detected": detected, "flags": flags, "mood": mood_of(page), "turn": verdict.get_attribute("data-turn")}


def choose_language(page, lang: str) -> None:
    page.get_by_test_id(f"language-{lang}").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN" if lang == "zh" else "en")
    expect(page.get_by_test_id(f"language-{lang}")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("label[for=trainee-name]")).to_have_text("你的姓名或工号" if lang == "zh" else "Your name or staff ID")


def start_queue_complaint(page, stack, lang: str, name: str) -> None:
    page.goto(stack.web_url + "/")
    choose_language(page, lang)
    # one card per scenario, titled in the page's language
    scenarios = get_json(stack.web_url + "/api/scenarios")
    assert any(s["id"] == "queue_complaint" for s in scenarios)
    for scenario in scenarios:
        card = page.get_by_test_id(f"scenario-{scenario['id']}")
        expect(card).to_be_visible()
        expect(card).to_contain_text(scenario["title"][lang])
    # a card does not start without a name
    page.get_by_test_id("scenario-queue_complaint").click()
    expect(page.locator("#name-error")).to_be_visible()
    expect(page.get_by_test_id("trainee-name")).to_be_focused()
    page.get_by_test_id("trainee-name").fill(name)
    # keyboard only: Tab from the name field onto the queue-complaint card, Enter starts it
    order = sorted(scenarios, key=lambda s: s["order"] if isinstance(s.get("order"), int) else float("inf"))
    for _ in range([s["id"] for s in order].index("queue_complaint") + 1):
        page.keyboard.press("Tab")
    expect(page.get_by_test_id("scenario-queue_complaint")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#chat-view")).to_be_visible()
    expect(page.get_by_test_id("customer-message")).to_have_count(1, timeout=BOT_TIMEOUT)
    expect(page.get_by_test_id("connection-status")).to_be_hidden()


# ----------------------------------------------------------------- tests
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_queue_complaint_roleplay(page, stack, lang):
    name = MARKUP_NAME if lang == "en" else "李雷 1047"
    start_queue_complaint(page, stack, lang, name)
    start_mood = mood_of(page)
    assert start_mood in MOODS
    expect(page.get_by_test_id("mood")).to_be_visible()

    verdicts = []
    moods_seen = [start_mood]
    turn = 0
    for i, reply in enumerate(REPLIES[lang]):
        turn += 1
        verdicts.append(send_reply(page, reply, turn, typing=(turn == 1)))
        moods_seen.append(verdicts[-1]["mood"])
        assert verdicts[-1]["mood"] in MOODS
        assert verdicts[-1]["turn"] == str(turn)
        expect(page.get_by_test_id("customer-message")).to_have_count(turn + 1)
        expect(page.get_by_test_id("typing-indicator")).to_be_hidden()
        if i == 1:
            # a reload continues the same conversation (session persistence + saved transcript)
            page.reload()
            expect(page.get_by_test_id("turn-verdict")).to_have_count(turn)
            expect(page.get_by_test_id("customer-message")).to_have_count(turn + 1)
            expect(page.get_by_test_id("connection-status")).to_be_hidden(timeout=BOT_TIMEOUT)
            assert mood_of(page) == verdicts[-1]["mood"]

    if lang == "en":
        # markup typed by the trainee is shown literally and runs nothing
        turn += 1
        send_reply(page, MARKUP_REPLY, turn)
        expect(page.get_by_test_id("trainee-message").last).to_have_text(MARKUP_REPLY)
        assert page.locator("#transcript script, #transcript img, #transcript b, #transcript i").count() == 0
        assert page.evaluate("window.__pwned") is None

    # verdicts: every behaviour was recognised somewhere; evidence is highlighted in the replies
    detected = {d for v in verdicts for d in v["detected"]}
    assert detected >= {"apologizing", "explaining", "committing"}, verdicts
    assert page.locator("[data-testid=trainee-message] mark.ev").count() >= 2
    # mood: the customer calmed down (the face/meter changed with the replies)
    assert MOODS.index(moods_seen[-1]) > MOODS.index(start_mood), moods_seen
    # hint: the coach's whisper appears, not as a customer line
    customers = page.get_by_test_id("customer-message").count()
    page.get_by_test_id("hint").click()
    expect(page.get_by_test_id("coach-hint")).to_have_count(1, timeout=BOT_TIMEOUT)
    assert page.get_by_test_id("coach-hint").inner_text().strip()
    assert page.get_by_test_id("customer-message").count() == customers
    shoot(page, f"chat-{lang}")

    # the scorecard
    page.get_by_test_id("end-session").click()
    card = page.get_by_test_id("scorecard")
    expect(card).to_be_visible(timeout=BOT_TIMEOUT)
    overall = page.get_by_test_id("overall-score").inner_text().strip()
    assert overall.isdigit() and 0 <= int(overall) <= 100
    assert int(overall) >= 40, overall  # a textbook role-play
    outcome = page.get_by_test_id("outcome").get_attribute("data-outcome")
    assert outcome in ("resolved", "unresolved"), outcome
    expect(page.locator("#dims-table tr")).to_have_count(4)
    expect(page.get_by_test_id("scorecard-turn")).to_have_count(turn)
    assert page.locator("#tips li").count() >= 1
    assert page.evaluate("typeof window.Chart") == "function"
    assert page.locator("#dims-chart").bounding_box()["height"] > 100
    if lang == "en":  # the name (markup and all) is text, never markup
        expect(page.locator("#score-meta")).to_contain_text("Li Lei")
        assert page.locator("#score-meta b, #score-meta script").count() == 0
        assert page.evaluate("window.__pwned") is None
    expect(page.get_by_test_id("save-pdf")).to_be_visible()
    shoot(page, f"scorecard-{lang}", full_page=True)

    # "Save as PDF": the print stylesheet shows the scorecard only
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    expect(page.get_by_test_id("save-pdf")).to_be_hidden()
    expect(card).to_be_visible()
    page.pdf(path=str(ARTIFACTS / f"scorecard-{lang}.pdf"), format="A4", print_background=True)
    page.emulate_media(media="screen")

    # the whole page ran on local assets only, without errors
    assert page.hosts <= {"127.0.0.1", "localhost"}, page.hosts
    assert not page.errors, page.errors


# ----------------------------------------------------------------- connection loss
class TcpProxy:
    """A TCP relay to Rasa that can be cut and restored, to simulate the bot going away."""

    def __init__(self, upstream_port: int):
        self.upstream = ("127.0.0.1", upstream_port)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.listener = None
        self.conns = []
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(32)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        listener, self.listener = self.listener, None
        if listener:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() blocked in the other thread
            except OSError:
                pass
            listener.close()
        with self.lock:
            conns, self.conns = self.conns, []
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if self.listener is not listener:  # stopped meanwhile
                client.close()
                return
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.conns += [client, server]
            threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client), daemon=True).start()

    @staticmethod
    def _pipe(src, dst) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def test_connection_loss_keeps_typed_messages(page, stack):
    proxy = TcpProxy(stack.rasa_port)
    proxy.start()
    config = {"rasa_port": proxy.port, "rasa_url": "", "socket_path": "/socket.io"}
    page.route("**/config.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(config)))
    try:
        start_queue_complaint(page, stack, "en", "Tester 7")
        send_reply(page, REPLIES["en"][1], 1)
        expect(page.get_by_test_id("connection-status")).to_be_hidden()

        # the bot goes away: a banner says so, and what is typed waits as "pending"
        proxy.stop()
        banner = page.get_by_test_id("connection-status")
        expect(banner).to_be_visible(timeout=20_000)
        expect(banner).to_have_attribute("data-state", "down")
        box = page.get_by_test_id("message-input")
        box.fill(REPLIES["en"][3])
        page.get_by_test_id("send").click()
        expect(page.get_by_test_id("pending")).to_have_count(1)
        expect(page.get_by_test_id("trainee-message").last).to_have_text(REPLIES["en"][3])
        expect(banner).to_contain_text("1")
        page.screenshot(path=str(SHOTS / "offline-en-desktop.png"))

        # even a reload while the bot is away keeps the transcript and the queue
        page.reload()
        expect(page.get_by_test_id("connection-status")).to_be_visible(timeout=20_000)
        expect(page.get_by_test_id("pending")).to_have_count(1)
        expect(page.get_by_test_id("turn-verdict")).to_have_count(1)

        # the bot is back: the page reconnects by itself and sends the queued reply
        proxy.start()
        expect(page.get_by_test_id("connection-status")).to_be_hidden(timeout=30_000)
        expect(page.get_by_test_id("pending")).to_have_count(0, timeout=BOT_TIMEOUT)
        expect(page.get_by_test_id("turn-verdict")).to_have_count(2, timeout=BOT_TIMEOUT)
        expect(page.get_by_test_id("customer-message")).to_have_count(3)

        page.get_by_test_id("end-session").click()
        expect(page.get_by_test_id("scorecard")).to_be_visible(timeout=BOT_TIMEOUT)
        expect(page.get_by_test_id("scorecard-turn")).to_have_count(2)
        assert not page.errors, page.errors
    finally:
        proxy.stop()
