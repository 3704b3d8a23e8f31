/* Service Coach — trainee chat page.
 *
 * Talks to Rasa's socket.io channel (session persistence on). Everything the
 * trainee types and everything the customer says is rendered as text
 * (createTextNode / textContent), never as HTML.
 *
 * Outgoing messages go through a queue persisted in localStorage and are sent
 * one at a time; Rasa acknowledges a message once it has been processed (all of
 * the bot's answers to it were emitted before the ack), which tells us which
 * command the answers belong to (a reply, /hint, /end_roleplay, ...).
 */
(function () {
  "use strict";

  var I18N = window.SC_I18N;
  var MOODS = ["furious", "angry", "annoyed", "calm", "satisfied"];
  var DIMS = ["listening", "apologizing", "explaining", "committing"];
  var FLAGS = ["blame", "deflect", "dismiss"];
  var PAYLOAD_KEYS = ["roleplay_started", "turn_verdict", "hint", "scorecard", "system"];
  var KEY = { lang: "sc.lang", name: "sc.trainee", session: "sc.session_id", state: "sc.chat_state.v1" };
  var ACK_TIMEOUT_MS = 45000;   // give up waiting for Rasa's ack after this long
  var MIN_TYPING_MS = 600;      // the customer "thinks" at least this long

  // ------------------------------------------------------------------ helpers
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  /** Build an element. Strings/numbers in children become text nodes (never HTML). */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "class") el.className = v;
        else if (k === "text") el.textContent = String(v);
        else if (k.slice(0, 2) === "on" && typeof v === "function") el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? "" : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    if (typeof child === "string" || typeof child === "number") el.appendChild(document.createTextNode(String(child)));
    else el.appendChild(child);
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  function load(key, fallback) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) { return fallback; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode / quota */ }
  }
  function isObj(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function str(x) { return x === null || x === undefined ? "" : String(x); }
  function pick(x, language) {  // a {en, zh} mapping or a plain string
    if (isObj(x)) return str(x[language] || x.en || x.zh || "");
    return str(x);
  }

  // ------------------------------------------------------------------ language
  var lang = load(KEY.lang, null);
  if (lang !== "en" && lang !== "zh") {
    lang = /^zh/i.test(navigator.language || "") ? "zh" : "en";
  }
  function t(key, vars) {
    var table = I18N[lang] || I18N.en;
    var parts = key.split(".");
    var v = table;
    for (var i = 0; i < parts.length && v !== undefined; i++) v = v[parts[i]];
    if (v === undefined) {
      v = I18N.en;
      for (var j = 0; j < parts.length && v !== undefined; j++) v = v[parts[j]];
    }
    v = v === undefined ? key : String(v);
    if (vars) Object.keys(vars).forEach(function (k) { v = v.split("{" + k + "}").join(String(vars[k])); });
    return v;
  }

  // ------------------------------------------------------------------ state
  function freshState() {
    return {
      stage: "setup",      // setup | chat | score
      scenario: null,      // the scenario card {id, title, summary, trainee_role, starting_mood}
      roleplay: null,      // the roleplay_started payload
      language: lang,      // language of the role-play (fixed when it starts)
      trainee: "",
      mood: null,
      started: false,
      ended: false,
      outcome: null,
      items: [],           // transcript: {id, kind, text, status, verdict}
      queue: [],           // unsent: {id, text, kind, itemId}
      inflight: null,      // sent, waiting for Rasa's ack
      scorecard: null,
      summary: [],
      seq: 0
    };
  }
  var state = load(KEY.state, null);
  if (!isObj(state) || !Array.isArray(state.items) || !Array.isArray(state.queue)) state = freshState();
  // A message that was in flight when the page was left was almost certainly
  // received by the server (the socket was up): count it as sent.
  if (state.inflight) {
    markItem(state.inflight.itemId, "sent");
    state.inflight = null;
  }
  function persist() { save(KEY.state, state); }
  function nextId(prefix) { state.seq = (state.seq || 0) + 1; return prefix + state.seq; }
  function findItem(id) {
    for (var i = 0; i < state.items.length; i++) if (state.items[i].id === id) return state.items[i];
    return null;
  }
  function markItem(id, status) {
    var it = id ? findItem(id) : null;
    if (it) it.status = status;
  }

  // ------------------------------------------------------------------ DOM refs
  var els = {
    body: document.body,
    banner: $("[data-testid=connection-status]"),
    bannerText: $(".conn-text"),
    setup: $("#setup-view"),
    chat: $("#chat-view"),
    score: $("#score-view"),
    name: $("#trainee-name"),
    nameError: $("#name-error"),
    scenarios: $("#scenario-list"),
    chatTitle: $("#chat-title"),
    chatRole: $("#chat-role"),
    mood: $("[data-testid=mood]"),
    transcript: $("#transcript"),
    typing: $("#typing"),
    composer: $("#composer"),
    input: $("#message-input"),
    send: $("[data-testid=send]"),
    hint: $("#hint-btn"),
    end: $("#end-btn")
  };

  // ------------------------------------------------------------------ static texts
  function applyLanguage() {
    document.documentElement.lang = t("html_lang");
    document.title = t("app_title");
    $all("[data-i18n]").forEach(function (el) { el.textContent = t(el.getAttribute("data-i18n")); });
    $all("[data-i18n-placeholder]").forEach(function (el) { el.setAttribute("placeholder", t(el.getAttribute("data-i18n-placeholder"))); });
    $all("[data-i18n-aria]").forEach(function (el) { el.setAttribute("aria-label", t(el.getAttribute("data-i18n-aria"))); });
    $all(".lang-btn").forEach(function (b) {
      var on = b.getAttribute("data-lang") === lang;
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.classList.toggle("active", on);
    });
    renderScenarios();
    renderAll();
    renderBanner();
  }
  function setLanguage(l) {
    if (l !== "en" && l !== "zh") return;
    lang = l;
    save(KEY.lang, lang);
    if (state.stage === "setup") state.language = lang;
    persist();
    applyLanguage();
  }
  $all(".lang-btn").forEach(function (b) {
    b.addEventListener("click", function () { setLanguage(b.getAttribute("data-lang")); });
  });

  // ------------------------------------------------------------------ scenarios
  var scenarios = null;       // list from /api/scenarios
  var scenariosFailed = false;
  function loadScenarios() {
    fetch("/api/scenarios", { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (data) {
        var list = Array.isArray(data) ? data : (isObj(data) && Array.isArray(data.scenarios) ? data.scenarios : []);
        list = list.filter(function (s) { return isObj(s) && s.id; });
        // by `order` (scenarios without one last); Array.prototype.sort is stable
        var rank = function (s) { return typeof s.order === "number" ? s.order : Infinity; };
        list.sort(function (a, b) { return rank(a) === rank(b) ? 0 : (rank(a) < rank(b) ? -1 : 1); });
        scenarios = list;
        scenariosFailed = false;
        renderScenarios();
        renderChatHead();
      })
      .catch(function () {
        scenariosFailed = true;
        renderScenarios();
        window.setTimeout(loadScenarios, 3000);
      });
  }
  function scenarioById(id) {
    if (!scenarios) return null;
    for (var i = 0; i < scenarios.length; i++) if (scenarios[i].id === id) return scenarios[i];
    return null;
  }
  function renderScenarios() {
    var box = els.scenarios;
    clear(box);
    if (!scenarios) {
      box.appendChild(h("p", { class: scenariosFailed ? "field-error" : "muted", role: scenariosFailed ? "alert" : null },
        t(scenariosFailed ? "scenarios_failed" : "loading_scenarios")));
      return;
    }
    if (!scenarios.length) { box.appendChild(h("p", { class: "muted" }, t("no_scenarios"))); return; }
    scenarios.forEach(function (s) {
      var mood = MOODS.indexOf(s.starting_mood) >= 0 ? s.starting_mood : null;
      var card = h("button", {
        type: "button", class: "scenario-card", "data-testid": "scenario-" + s.id, "data-scenario": s.id,
        onclick: function () { startRoleplay(s); }
      },
        h("span", { class: "scenario-title" }, pick(s.title, lang) || s.id),
        h("span", { class: "scenario-summary" }, pick(s.summary, lang)),
        h("span", { class: "scenario-meta" },
          pick(s.trainee_role, lang) ? h("span", null, h("strong", null, t("you_play")), " ", pick(s.trainee_role, lang)) : null,
          mood ? h("span", { class: "mood-chip mood-" + mood }, t("starts"), " ", t("moods." + mood)) : null),
        h("span", { class: "scenario-go", "aria-hidden": "true" }, t("start") + " →"));
      box.appendChild(card);
    });
  }

  // ------------------------------------------------------------------ role-play flow
  function startRoleplay(s) {
    var name = els.name.value.trim();
    if (!name) {
      els.nameError.hidden = false;
      els.name.setAttribute("aria-invalid", "true");
      els.name.focus();
      return;
    }
    els.nameError.hidden = true;
    els.name.removeAttribute("aria-invalid");
    save(KEY.name, name);
    var seq = state.seq || 0;
    state = freshState();
    state.seq = seq;   // ids stay unique across role-plays (acks are matched by id)
    state.stage = "chat";
    state.scenario = s;
    state.language = lang;
    state.trainee = name;
    state.mood = MOODS.indexOf(s.starting_mood) >= 0 ? s.starting_mood : null;
    var note = addItem({ kind: "system", text: "", key: "starting" });
    var cmd = "/start_roleplay" + JSON.stringify({ scenario: s.id, language: lang, trainee: name });
    enqueue(cmd, "start", note.id);
    renderAll();
    els.input.focus();
  }

  function addItem(item) {
    item.id = item.id || nextId("m");
    state.items.push(item);
    persist();
    return item;
  }

  function enqueue(text, kind, itemId) {
    state.queue.push({ id: nextId("q"), text: text, kind: kind, itemId: itemId || null });
    persist();
    flush();
  }

  function sendReply() {
    var text = els.input.value;
    if (!text.trim() || state.stage !== "chat" || state.ended) return;
    els.input.value = "";
    var item = addItem({ kind: "trainee", text: text, status: "pending" });
    appendItem(item);
    enqueue(text, "reply", item.id);
    scrollToEnd();
  }

  function askHint() {
    if (state.stage !== "chat" || state.ended) return;
    enqueue("/hint", "hint", null);
  }

  function endRoleplay() {
    if (state.stage !== "chat") return;
    if (state.ended && state.scorecard) { showStage("score"); return; }
    els.end.disabled = true;
    els.end.textContent = t("ending");
    enqueue("/end_roleplay", "end", null);
  }

  function newRoleplay() {
    var seq = state.seq || 0;
    state = freshState();
    state.seq = seq;
    persist();
    renderAll();
    window.scrollTo(0, 0);
    els.name.focus();
  }

  els.composer.addEventListener("submit", function (e) { e.preventDefault(); sendReply(); });
  els.input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sendReply();
    }
  });
  els.hint.addEventListener("click", askHint);
  els.end.addEventListener("click", endRoleplay);
  $("#print-btn").addEventListener("click", function () { window.print(); });
  $("#new-btn").addEventListener("click", newRoleplay);
  els.name.addEventListener("input", function () {
    if (els.name.value.trim()) { els.nameError.hidden = true; els.name.removeAttribute("aria-invalid"); }
  });
  els.name.value = load(KEY.name, "") || "";

  // ------------------------------------------------------------------ socket
  var socket = null;
  var sessionId = load(KEY.session, null);
  var sessionReady = false;
  var conn = "connecting";   // connecting | connected | down
  var ackTimer = null;

  function renderBanner() {
    var b = els.banner;
    var pending = state.queue.length + (state.inflight ? 1 : 0);
    b.setAttribute("data-state", conn);
    if (!window.io) {
      b.hidden = false;
      b.setAttribute("data-state", "down");
      els.bannerText.textContent = t("conn_no_lib");
      return;
    }
    if (conn === "connected") { b.hidden = true; els.bannerText.textContent = t("conn_connected"); return; }
    b.hidden = false;
    if (conn === "connecting") els.bannerText.textContent = t("conn_connecting");
    else els.bannerText.textContent = pending ? t("conn_down_pending", { n: pending }) : t("conn_down");
  }
  function setConn(c) { conn = c; renderBanner(); }

  function connect(cfg) {
    if (!window.io) { renderBanner(); return; }
    var url = cfg && cfg.rasa_url ? cfg.rasa_url
      : window.location.protocol + "//" + window.location.hostname + ":" + ((cfg && cfg.rasa_port) || 5005);
    socket = window.io(url, {
      path: (cfg && cfg.socket_path) || "/socket.io",
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
      timeout: 8000
    });
    socket.on("connect", function () {
      sessionReady = false;
      socket.emit("session_request", { session_id: sessionId || null });
    });
    socket.on("session_confirm", function (data) {
      var id = isObj(data) ? data.session_id : data;
      if (id) { sessionId = String(id); save(KEY.session, sessionId); }
      sessionReady = true;
      setConn("connected");
      flush();
    });
    socket.on("disconnect", function () {
      sessionReady = false;
      if (state.inflight) {   // not acknowledged: send it again after reconnecting
        state.queue.unshift(state.inflight);
        markItem(state.inflight.itemId, "pending");
        state.inflight = null;
        persist();
        renderAll();
      }
      window.clearTimeout(ackTimer);
      setConn("down");
    });
    socket.on("connect_error", function () { sessionReady = false; setConn("down"); });
    socket.on("bot_uttered", function (msg) { receive(msg); });
  }

  function flush() {
    if (!socket || !socket.connected || !sessionReady || state.inflight || !state.queue.length) { renderBanner(); return; }
    var msg = state.queue.shift();
    state.inflight = msg;
    markItem(msg.itemId, "sent");
    persist();
    updateItemStatus(msg.itemId);
    renderBanner();
    if (msg.kind === "reply" || msg.kind === "start") showTyping();
    socket.emit("user_uttered", { message: msg.text, session_id: sessionId }, function () { inbox.push({ ack: msg.id }); pump(); });
    window.clearTimeout(ackTimer);
    ackTimer = window.setTimeout(function () {   // Rasa never answered: do not block the queue forever
      if (state.inflight && state.inflight.id === msg.id) { inbox.push({ ack: msg.id }); pump(); }
    }, ACK_TIMEOUT_MS);
  }

  // ------------------------------------------------------------------ incoming messages
  // Each bot message is tagged with the command in flight when it arrived and
  // handled in order; the first customer line waits until the typing indicator
  // has been visible for a moment.
  var inbox = [];
  var pumping = false;
  var typingSince = 0;
  var startBuffer = [];   // texts that arrive before roleplay_started

  function receive(msg) {
    inbox.push({ msg: msg, ctx: state.inflight ? state.inflight.kind : null });
    pump();
  }

  function extractPayload(msg) {
    if (!isObj(msg)) return null;
    var cands = [msg.custom, msg.attachment && msg.attachment.payload, msg.attachment, msg.data, msg.payload, msg];
    for (var i = 0; i < cands.length; i++) {
      var c = cands[i];
      if (!isObj(c)) continue;
      if (isObj(c.custom) && hasPayloadKey(c.custom)) return c.custom;
      if (hasPayloadKey(c)) return c;
    }
    if (typeof msg.text === "string" && /^\s*\{/.test(msg.text)) {
      try { var p = JSON.parse(msg.text); if (isObj(p) && hasPayloadKey(p)) return p; } catch (e) { /* plain text */ }
    }
    return null;
  }
  function hasPayloadKey(o) {
    for (var i = 0; i < PAYLOAD_KEYS.length; i++) if (o[PAYLOAD_KEYS[i]] !== undefined) return true;
    return false;
  }

  function pump() {
    if (pumping) return;
    pumping = true;
    (function step() {
      if (!inbox.length) { pumping = false; return; }
      var ev = inbox[0];
      var isText = ev.msg && !extractPayload(ev.msg) && typeof ev.msg.text === "string";
      var wait = isText && !els.typing.hidden ? Math.max(0, typingSince + MIN_TYPING_MS - Date.now()) : 0;
      window.setTimeout(function () {
        inbox.shift();
        try { handle(ev); } catch (e) { if (window.console) console.error(e); }
        step();
      }, wait);
    })();
  }

  function handle(ev) {
    if (ev.ack !== undefined) {
      window.clearTimeout(ackTimer);
      if (state.inflight && state.inflight.id === ev.ack) {
        var kind = state.inflight.kind;
        state.inflight = null;
        if (kind === "start" && startBuffer.length) {  // the bot answered but did not start a role-play
          startBuffer.forEach(function (txt) { appendItem(addItem({ kind: "system", text: txt })); });
          startBuffer = [];
        }
        if (kind === "end") { els.end.disabled = false; els.end.textContent = t("end"); }
        persist();
      }
      hideTyping();
      flush();
      return;
    }
    var msg = ev.msg;
    var payload = extractPayload(msg);
    if (payload) {
      if (payload.roleplay_started) onStarted(payload.roleplay_started);
      if (payload.turn_verdict) onVerdict(payload.turn_verdict);
      if (payload.hint) onHint(payload.hint);
      if (payload.system) onSystem(payload.system);
      if (payload.scorecard) onScorecard(payload.scorecard);
      persist();
      return;
    }
    if (!isObj(msg)) return;
    var text = typeof msg.text === "string" ? msg.text : "";
    if (!text) return;
    onText(text, ev.ctx);
    persist();
  }

  function onText(text, ctx) {
    var trimmed = text.trim();
    if (/^\s*⚠/.test(text)) {                       // the channel's "service not answering" notice
      appendItem(addItem({ kind: "system", text: text, level: "warn" }));
      return;
    }
    if (state.stage === "score" || state.ended || ctx === "end") {
      state.summary.push(text);
      if (state.stage === "score") renderScorecard();
      else appendItem(addItem({ kind: "system", text: text }));
      return;
    }
    if (ctx === "hint") {
      if (!hasRecentCoach(trimmed)) appendItem(addItem({ kind: "coach", text: text }));
      return;
    }
    if (hasRecentCoach(trimmed)) return;               // the hint text echoed after its payload
    if (state.stage === "chat" && !state.started && ctx === "start") { startBuffer.push(text); return; }
    if (state.stage === "chat" && (state.started || ctx === "reply" || ctx === null)) {
      hideTyping();
      appendItem(addItem({ kind: "customer", text: text }));
      return;
    }
    appendItem(addItem({ kind: "system", text: text }));
  }

  function hasRecentCoach(text) {
    for (var i = state.items.length - 1; i >= 0 && i >= state.items.length - 4; i--) {
      var it = state.items[i];
      if (it.kind === "coach" && str(it.text).trim() === text) return true;
    }
    return false;
  }

  function onStarted(p) {
    if (!isObj(p)) p = {};
    state.roleplay = p;
    state.started = true;
    if (state.stage !== "chat") state.stage = "chat";
    if (p.language === "en" || p.language === "zh") state.language = p.language;
    if (MOODS.indexOf(p.mood) >= 0) state.mood = p.mood;
    if (!state.scenario && p.scenario) state.scenario = scenarioById(p.scenario) || { id: p.scenario };
    // drop the "starting…" note
    state.items = state.items.filter(function (it) { return it.key !== "starting"; });
    var buffered = startBuffer; startBuffer = [];
    renderAll();
    buffered.forEach(function (txt) { appendItem(addItem({ kind: "customer", text: txt })); });
  }

  function onVerdict(v) {
    if (!isObj(v)) return;
    // attach to the oldest reply without a verdict
    var target = null;
    for (var i = 0; i < state.items.length; i++) {
      var it = state.items[i];
      if (it.kind === "trainee" && !it.verdict && it.status !== "pending") { target = it; break; }
    }
    if (!target) target = addItem({ kind: "trainee", text: str(v.reply), status: "sent" });
    target.verdict = v;
    if (MOODS.indexOf(v.mood) >= 0) state.mood = v.mood;
    if (v.outcome) { state.ended = true; state.outcome = v.outcome; }
    replaceItem(target);
    renderMood();
    renderComposer();
    if (v.outcome) appendItem(addItem({ kind: "system", text: "", key: "ended", outcome: v.outcome }));
  }

  function onHint(p) {
    var text = isObj(p) ? str(p.text) : str(p);
    if (!text) return;
    if (!hasRecentCoach(text.trim())) appendItem(addItem({ kind: "coach", text: text }));
  }

  /** {"system": {"kind", "text"}}: the coach/system speaking (menu, warnings, ...), never the customer. */
  function onSystem(p) {
    var text = isObj(p) ? str(p.text) : str(p);
    var kind = isObj(p) ? str(p.kind) : "";
    if (!text) return;
    if (kind === "hint") { onHint({ text: text }); return; }
    if (state.stage === "score") { state.summary.push(text); renderScorecard(); return; }
    if (state.stage !== "chat") return;            // e.g. a menu while the trainee is choosing a card
    appendItem(addItem({ kind: "system", text: text, level: /too_long|error|unavailable/.test(kind) ? "warn" : null }));
  }

  function onScorecard(sc) {
    if (!isObj(sc)) return;
    state.scorecard = sc;
    state.ended = true;
    state.outcome = sc.outcome || state.outcome;
    if (MOODS.indexOf(sc.mood) >= 0) state.mood = sc.mood;
    state.stage = "score";
    hideTyping();
    els.end.disabled = false;
    persist();
    renderAll();
    window.scrollTo(0, 0);
    var heading = $("#score-title");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({ preventScroll: true }); }
  }

  // ------------------------------------------------------------------ typing indicator
  function showTyping() {
    typingSince = Date.now();
    els.typing.hidden = false;
    scrollToEnd();
  }
  function hideTyping() { els.typing.hidden = true; }

  // ------------------------------------------------------------------ rendering
  function showStage(stage) {
    els.body.setAttribute("data-stage", stage);
    els.setup.hidden = stage !== "setup";
    els.chat.hidden = stage !== "chat";
    els.score.hidden = stage !== "score";
  }

  function renderAll() {
    showStage(state.stage);
    renderChatHead();
    renderMood();
    renderTranscript();
    renderComposer();
    if (state.stage === "score") renderScorecard();
    renderBanner();
  }

  function scenarioTitle() {
    var s = (state.scenario && scenarioById(state.scenario.id)) || state.scenario;
    var title = s && pick(s.title, lang);
    if (!title && state.roleplay) title = pick(state.roleplay.title, lang);
    return title || (s && s.id) || "";
  }
  function traineeRole() {
    var s = (state.scenario && scenarioById(state.scenario.id)) || state.scenario;
    var role = s && pick(s.trainee_role, lang);
    if (!role && state.roleplay) role = pick(state.roleplay.trainee_role, lang);
    return role || "";
  }

  function renderChatHead() {
    els.chatTitle.textContent = scenarioTitle();
    els.chatRole.textContent = traineeRole();
    $(".chat-role").hidden = !traineeRole();
  }

  function renderMood() {
    var m = state.mood;
    var idx = MOODS.indexOf(m);
    els.mood.setAttribute("data-mood", m || "");
    els.mood.hidden = idx < 0;
    $(".mood-label", els.mood).textContent = idx >= 0 ? t("moods." + m) : "";
    var meter = $(".mood-meter", els.mood);
    meter.setAttribute("aria-valuenow", String(idx + 1));
    meter.setAttribute("aria-valuetext", idx >= 0 ? t("moods." + m) : "");
    meter.setAttribute("aria-label", t("mood_caption"));
    $all("span", meter).forEach(function (s, i) { s.classList.toggle("on", i <= idx); });
    // face: mouth curve and brows follow the mood
    var mouths = ["M14 36 Q24 26 34 36", "M15 35 Q24 29 33 35", "M16 33 L32 33", "M15 31 Q24 37 33 31", "M13 29 Q24 41 35 29"];
    var browsL = ["M11 13 L21 18", "M12 14 L20 17", "M12 16 L20 16", "M12 15 L20 14", "M12 14 L20 12"];
    var browsR = ["M37 13 L27 18", "M36 14 L28 17", "M36 16 L28 16", "M36 15 L28 14", "M36 14 L28 12"];
    var k = idx < 0 ? 2 : idx;
    $(".face-mouth", els.mood).setAttribute("d", mouths[k]);
    $(".face-brow-l", els.mood).setAttribute("d", browsL[k]);
    $(".face-brow-r", els.mood).setAttribute("d", browsR[k]);
  }

  function renderComposer() {
    var active = state.stage === "chat" && !state.ended;
    els.input.disabled = !active;
    els.send.disabled = !active;
    els.hint.disabled = !active;
  }

  function renderTranscript() {
    clear(els.transcript);
    state.items.forEach(function (it) { els.transcript.appendChild(renderItem(it)); });
    scrollToEnd();
  }
  function appendItem(item) {
    if (state.stage !== "chat") return;
    els.transcript.appendChild(renderItem(item));
    scrollToEnd();
  }
  function replaceItem(item) {
    var old = els.transcript.querySelector('[data-item="' + item.id + '"]');
    var fresh = renderItem(item);
    if (old) els.transcript.replaceChild(fresh, old); else els.transcript.appendChild(fresh);
    scrollToEnd();
  }
  function updateItemStatus(id) {
    var it = id ? findItem(id) : null;
    if (it && it.kind === "trainee") replaceItem(it);
  }
  function scrollToEnd() {
    var tr = els.transcript;
    stickToEnd = true;
    window.requestAnimationFrame(function () { tr.scrollTop = tr.scrollHeight; });
  }
  // keep the latest line in view when the window changes size (phone keyboard, rotation)
  var stickToEnd = true;
  els.transcript.addEventListener("scroll", function () {
    var tr = els.transcript;
    stickToEnd = tr.scrollHeight - tr.scrollTop - tr.clientHeight < 40;
  });
  window.addEventListener("resize", function () {
    if (stickToEnd && state.stage === "chat") els.transcript.scrollTop = els.transcript.scrollHeight;
  });

  function renderItem(it) {
    if (it.kind === "customer") {
      return h("div", { class: "msg msg-customer", "data-item": it.id },
        h("span", { class: "msg-who" }, t("customer")),
        h("p", { class: "bubble", "data-testid": "customer-message" }, str(it.text)));
    }
    if (it.kind === "coach") {
      return h("div", { class: "msg msg-coach", "data-item": it.id, "data-testid": "coach-hint" },
        h("span", { class: "msg-who" }, t("coach")),
        h("p", { class: "bubble" }, str(it.text)));
    }
    if (it.kind === "trainee") return renderTrainee(it);
    // system notes
    var text = it.key === "starting" ? t("starting")
      : it.key === "ended" ? t("ended_outcome", { outcome: t("outcomes." + it.outcome) })
      : str(it.text);
    return h("div", { class: "msg msg-system" + (it.level === "warn" ? " warn" : ""), "data-item": it.id, "data-testid": "system-message" },
      h("p", null, text));
  }

  function renderTrainee(it) {
    var v = it.verdict;
    var bubble = h("p", { class: "bubble", "data-testid": "trainee-message" });
    var wrap = h("div", { class: "msg msg-trainee" + (it.status === "pending" ? " pending" : ""), "data-item": it.id, "data-status": it.status || "sent" },
      h("span", { class: "msg-who" }, t("you")), bubble);
    var evid = v ? evidenceList(v) : [];
    var placed = highlightInto(bubble, str(it.text), evid);
    if (it.status === "pending") {
      wrap.appendChild(h("span", { class: "pending-label", "data-testid": "pending" }, t("pending")));
    }
    if (v) wrap.appendChild(renderVerdict(v, it, placed));
    return wrap;
  }

  /** [{text, key, kind}] evidence phrases of a verdict (behaviours first, then mistakes). */
  function evidenceList(v) {
    var out = [];
    DIMS.forEach(function (d) {
      var x = v.dimensions && v.dimensions[d];
      if (isObj(x) && x.detected && x.evidence) out.push({ text: str(x.evidence), key: d, kind: "dim" });
    });
    FLAGS.forEach(function (f) {
      var x = v.flags && v.flags[f];
      if (isObj(x) && x.detected && x.evidence) out.push({ text: str(x.evidence), key: f, kind: "flag" });
    });
    return out;
  }

  /** Fill `el` with `text`, wrapping each evidence phrase found in it in <mark> — all as text nodes.
   *  Returns the set of evidence keys that were found. */
  function highlightInto(el, text, evid) {
    var lower = text.toLowerCase();
    var ranges = [];
    var found = {};
    evid.forEach(function (e) {
      var phrases = [e.text];
      if (lower.indexOf(e.text.toLowerCase().trim()) < 0) {
        phrases = e.text.split(/\s*(?:…|\.\.\.|\||;|；|\n)\s*/).filter(function (p) { return p.trim().length > 0; });
      }
      phrases.forEach(function (p) {
        var needle = p.toLowerCase().trim();
        if (!needle) return;
        var from = 0;
        var at;
        while ((at = lower.indexOf(needle, from)) >= 0) {
          var end = at + needle.length;
          var clash = ranges.some(function (r) { return at < r.end && end > r.start; });
          if (!clash) { ranges.push({ start: at, end: end, e: e }); found[e.key] = true; break; }
          from = at + 1;
        }
      });
    });
    ranges.sort(function (a, b) { return a.start - b.start; });
    var pos = 0;
    ranges.forEach(function (r) {
      if (r.start > pos) el.appendChild(document.createTextNode(text.slice(pos, r.start)));
      var label = r.e.kind === "dim" ? t("dims." + r.e.key) : t("flags." + r.e.key);
      el.appendChild(h("mark", { class: "ev ev-" + r.e.key + (r.e.kind === "flag" ? " ev-flag" : ""), title: label, "data-evidence": r.e.key },
        text.slice(r.start, r.end)));
      pos = r.end;
    });
    if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
    return found;
  }

  function renderVerdict(v, it, placed) {
    var card = h("section", { class: "verdict", "data-testid": "turn-verdict", "data-turn": v.turn !== undefined ? v.turn : null,
      "aria-label": t("verdict_heading", { n: v.turn !== undefined ? v.turn : "" }) });
    var head = h("div", { class: "verdict-head" },
      h("span", { class: "verdict-turn" }, t("verdict_heading", { n: v.turn !== undefined ? v.turn : "" })),
      MOODS.indexOf(v.mood) >= 0 ? h("span", { class: "mood-chip mood-" + v.mood }, t("mood_after") + ": " + t("moods." + v.mood)) : null);
    card.appendChild(head);
    var chips = h("ul", { class: "chips" });
    DIMS.forEach(function (d) {
      var x = (v.dimensions && v.dimensions[d]) || {};
      var on = !!x.detected;
      var li = h("li", { class: "chip chip-dim " + (on ? "on ev-" + d : "off"), "data-dimension": d, "data-detected": on ? "true" : "false",
        title: on && x.evidence ? t("evidence") + ": " + str(x.evidence) : null },
        h("span", { class: "chip-icon", "aria-hidden": "true" }, on ? "✓" : "✗"),
        h("span", { class: "visually-hidden" }, (on ? t("shown") : t("missing")) + ": "),
        t("dims." + d));
      if (on && x.evidence && !placed[d]) li.appendChild(h("q", { class: "chip-ev" }, str(x.evidence)));
      chips.appendChild(li);
    });
    FLAGS.forEach(function (f) {
      var x = (v.flags && v.flags[f]) || {};
      if (!x.detected) return;
      var li = h("li", { class: "chip chip-flag", "data-flag": f, "data-detected": "true",
        title: x.evidence ? t("evidence") + ": " + str(x.evidence) : null },
        h("span", { class: "chip-icon", "aria-hidden": "true" }, "⚠"),
        t("mistake") + ": " + t("flags." + f));
      if (x.evidence && !placed[f]) li.appendChild(h("q", { class: "chip-ev" }, str(x.evidence)));
      chips.appendChild(li);
    });
    card.appendChild(chips);
    // the text the scorer saw, when it differs from what was typed (e.g. markup stripped)
    if (v.reply !== undefined && str(v.reply).trim() && str(v.reply).trim() !== str(it.text).trim()) {
      var scored = h("p", { class: "scored-as" });
      var missing = evidenceList(v).filter(function (e) { return !placed[e.key]; });
      var p2 = h("span", { class: "scored-text" });
      highlightInto(p2, str(v.reply), missing);
      scored.appendChild(h("span", { class: "muted" }, t("scored_as") + " "));
      scored.appendChild(p2);
      card.appendChild(scored);
    }
    return card;
  }

  // ------------------------------------------------------------------ scorecard
  var chart = null;
  function num(x) { var n = Number(x); return isFinite(n) ? Math.round(n) : 0; }

  function renderScorecard() {
    var sc = state.scorecard;
    if (!isObj(sc)) return;
    var overall = num(sc.overall);
    $("#overall-score").textContent = String(overall);
    $("#overall-score").setAttribute("data-score", String(overall));
    var badge = $("#outcome-badge");
    badge.textContent = t("outcomes." + (sc.outcome || "unresolved"));
    badge.className = "outcome-badge outcome-" + (sc.outcome || "unresolved");
    badge.setAttribute("data-outcome", sc.outcome || "");

    var scen = scenarioById(sc.scenario) || state.scenario;
    var meta = $("#score-meta");
    clear(meta);
    append(meta, [
      h("span", null, h("strong", null, t("scenario") + ": "), (scen && pick(scen.title, lang)) || pick(sc.title, lang) || str(sc.scenario)),
      h("span", null, h("strong", null, t("trainee") + ": "), str(sc.trainee) || state.trainee || "—"),
      h("span", null, h("strong", null, t("date") + ": "),
        (Number(sc.ended_at) > 0 ? new Date(Number(sc.ended_at) * 1000) : new Date()).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB"))
    ]);

    var dims = isObj(sc.dimensions) ? sc.dimensions : {};
    var table = $("#dims-table");
    clear(table);
    table.appendChild(h("tbody", null, DIMS.map(function (d) {
      var val = num(dims[d]);
      return h("tr", { "data-dimension": d },
        h("th", { scope: "row" }, t("dims." + d)),
        h("td", { class: "bar-cell" }, h("span", { class: "bar" }, h("span", { class: "bar-fill ev-" + d, style: "width:" + Math.max(0, Math.min(100, val)) + "%" }))),
        h("td", { class: "num" }, String(val)));
    })));
    drawChart(DIMS.map(function (d) { return num(dims[d]); }));

    var tips = $("#tips");
    clear(tips);
    (Array.isArray(sc.tips) ? sc.tips : []).forEach(function (tip) { tips.appendChild(h("li", null, str(tip))); });

    var fl = $("#flag-counts");
    clear(fl);
    var flags = isObj(sc.flags) ? sc.flags : {};
    var anyFlag = false;
    FLAGS.forEach(function (f) {
      var n = num(flags[f]);
      if (n > 0) { anyFlag = true; fl.appendChild(h("li", { class: "flag-count", "data-flag": f }, t("flags." + f) + " × " + n)); }
    });
    if (!anyFlag) fl.appendChild(h("li", { class: "muted" }, t("no_mistakes")));
    if (sc.greeting === true || sc.greeting === false) {
      fl.appendChild(h("li", { class: sc.greeting ? "greeting-ok" : "flag-count" }, t(sc.greeting ? "greeting_yes" : "greeting_no")));
    }

    var summary = $("#summary-text");
    summary.textContent = (state.summary || []).join("\n");
    summary.hidden = !(state.summary && state.summary.length);

    var list = $("#turn-list");
    clear(list);
    (Array.isArray(sc.turns) ? sc.turns : []).forEach(function (tr) { list.appendChild(renderScoreTurn(tr)); });
  }

  function renderScoreTurn(tr) {
    var v = isObj(tr.verdict) ? tr.verdict : null;
    var evid = v ? evidenceList(v) : [];
    if (!evid.length && tr.evidence) {
      if (isObj(tr.evidence)) {
        Object.keys(tr.evidence).forEach(function (k) {
          var val = tr.evidence[k];
          (Array.isArray(val) ? val : [val]).forEach(function (x) {
            if (x) evid.push({ text: str(x), key: k, kind: FLAGS.indexOf(k) >= 0 ? "flag" : "dim" });
          });
        });
      } else if (Array.isArray(tr.evidence)) {
        tr.evidence.forEach(function (x) {
          if (isObj(x) && x.text) evid.push({ text: str(x.text), key: str(x.dimension || x.key || x.label), kind: FLAGS.indexOf(x.dimension || x.key) >= 0 ? "flag" : "dim" });
          else if (x) evid.push({ text: str(x), key: "any", kind: "dim" });
        });
      } else {
        evid.push({ text: str(tr.evidence), key: "any", kind: "dim" });
      }
    }
    var reply = h("p", { class: "turn-reply" });
    var placed = highlightInto(reply, str(tr.reply), evid);
    var chips = h("ul", { class: "chips" });
    if (v) {
      DIMS.forEach(function (d) {
        var on = !!(v.dimensions && v.dimensions[d] && v.dimensions[d].detected);
        chips.appendChild(h("li", { class: "chip chip-dim " + (on ? "on ev-" + d : "off"), "data-dimension": d, "data-detected": on ? "true" : "false" },
          h("span", { class: "chip-icon", "aria-hidden": "true" }, on ? "✓" : "✗"),
          h("span", { class: "visually-hidden" }, (on ? t("shown") : t("missing")) + ": "),
          t("dims_short." + d)));
      });
      FLAGS.forEach(function (f) {
        if (v.flags && v.flags[f] && v.flags[f].detected) {
          chips.appendChild(h("li", { class: "chip chip-flag", "data-flag": f }, h("span", { class: "chip-icon", "aria-hidden": "true" }, "⚠"), t("flags." + f)));
        }
      });
    } else if (tr.verdict) {
      chips.appendChild(h("li", { class: "chip" }, str(tr.verdict)));
    }
    if (MOODS.indexOf(tr.mood_after) >= 0) {
      chips.appendChild(h("li", { class: "mood-chip mood-" + tr.mood_after }, t("mood_after_turn") + ": " + t("moods." + tr.mood_after)));
    }
    var missingEv = evid.filter(function (e) { return !placed[e.key]; });
    return h("li", { class: "score-turn", "data-testid": "scorecard-turn", "data-turn": tr.turn },
      h("div", { class: "turn-no" }, t("verdict_heading", { n: tr.turn !== undefined ? tr.turn : "" })),
      h("div", { class: "turn-body" },
        tr.customer ? h("div", { class: "turn-line" }, h("span", { class: "who" }, t("customer_said")), h("p", { class: "turn-customer" }, str(tr.customer))) : null,
        h("div", { class: "turn-line turn-you" }, h("span", { class: "who" }, t("you_said")), reply),
        tr.customer_reply ? h("div", { class: "turn-line" }, h("span", { class: "who" }, t("customer_said")), h("p", { class: "turn-customer" }, str(tr.customer_reply))) : null,
        chips,
        missingEv.length ? h("p", { class: "muted small" }, t("evidence") + ": ", missingEv.map(function (e, i) { return [i ? " · " : "", h("q", null, e.text)]; })) : null));
  }

  function drawChart(values) {
    var canvas = $("#dims-chart");
    if (!window.Chart || !canvas) { if (canvas) canvas.parentNode.hidden = true; return; }
    var labels = DIMS.map(function (d) { return t("dims_short." + d); });
    if (chart) { chart.destroy(); chart = null; }
    chart = new window.Chart(canvas.getContext("2d"), {
      type: "radar",
      data: {
        labels: labels,
        datasets: [{
          label: t("scorecard_title"),
          data: values,
          fill: true,
          backgroundColor: "rgba(29, 78, 216, 0.18)",
          borderColor: "#1d4ed8",
          pointBackgroundColor: "#1d4ed8",
          borderWidth: 2
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false }, tooltip: { enabled: true } },
        scales: {
          r: {
            min: 0, max: 100,
            ticks: { stepSize: 25, color: "#374151", backdropColor: "rgba(255,255,255,0.8)", font: { size: 11 } },
            pointLabels: { color: "#111827", font: { size: 13, weight: "600" } },
            grid: { color: "#d1d5db" },
            angleLines: { color: "#d1d5db" }
          }
        }
      }
    });
  }
  window.addEventListener("beforeprint", function () { if (chart) chart.resize(); });
  window.addEventListener("afterprint", function () { if (chart) chart.resize(); });

  // ------------------------------------------------------------------ boot
  applyLanguage();
  loadScenarios();
  fetch("/config.json", { cache: "no-store" })
    .then(function (r) { return r.ok ? r.json() : {}; })
    .catch(function () { return {}; })
    .then(function (cfg) { connect(cfg || {}); });

  // test/debug hook (read-only view of the state)
  window.__serviceCoach = { state: function () { return JSON.parse(JSON.stringify(state)); }, sessionId: function () { return sessionId; } };
})();
