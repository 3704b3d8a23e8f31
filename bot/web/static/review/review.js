/* Service Coach trainer review page.
 *
 * Plain JS, no dependencies. Every piece of user/trainee text reaches the DOM
 * through textContent / createTextNode (never innerHTML). The API token lives in
 * sessionStorage for this tab only.
 */
(function () {
  "use strict";

  var TOKEN_KEY = "review-token";
  var LANG_KEY = "review-lang";
  var BEHAVIOURS = ["listening", "apologizing", "explaining", "committing"];
  var FLAGS = ["blame", "deflect", "dismiss"];
  var SVG_NS = "http://www.w3.org/2000/svg";
  var SESSION_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

  // --- strings ----------------------------------------------------------------
  var STRINGS = {
    en: {
      app_title: "Service Coach", app_subtitle: "Trainer review", nav_sessions: "Sessions", logout: "Log out",
      login_title: "Trainer login", username: "Username", password: "Password", login_button: "Log in",
      login_hint: "Accounts are created on the server with: bot trainer add USERNAME",
      login_failed: "Wrong username or password.", login_required: "Please log in.",
      session_expired: "Your login has expired. Please log in again.",
      sessions_title: "Role-play sessions", export_csv: "Export CSV", trainee: "Trainee", scenario: "Scenario",
      language: "Language", outcome: "Outcome", reviewed: "Reviewed", from: "From", to: "To", reset: "Reset",
      all: "All", not_reviewed: "Not reviewed", reviewed_only: "Reviewed",
      outcome_resolved: "resolved", outcome_unresolved: "unresolved", outcome_escalated: "escalated",
      outcome_hung_up: "hung up", outcome_in_progress: "in progress",
      col_date: "Date", col_trainee: "Trainee", col_scenario: "Scenario", col_language: "Lang",
      col_outcome: "Outcome", col_overall: "Overall", col_listening: "Listening", col_apologizing: "Apologizing",
      col_explaining: "Explaining", col_committing: "Committing", col_turns: "Turns", col_reviewed: "Reviewed",
      listening: "listening", apologizing: "apologizing", explaining: "explaining", committing: "committing",
      blame: "blame", deflect: "deflect", dismiss: "dismiss", overall: "overall",
      no_sessions: "No sessions match these filters.", loading: "Loading…", n_sessions: "{n} session(s)",
      progress_title: "Progress over time", no_progress: "No scored sessions for this trainee yet.",
      scenario_averages_title: "Averages per scenario", col_sessions: "Sessions", col_scored: "Scored",
      back: "← All sessions", scores_title: "Scores", automatic: "Automatic", trainer: "Trainer",
      mark_reviewed: "Mark reviewed", unmark_reviewed: "Mark not reviewed",
      reviewed_by: "Reviewed by {who} at {when}", not_reviewed_yet: "Not reviewed yet.",
      override_title: "Override a verdict", override_turn: "Applies to", whole_session: "Whole session (scores)",
      turn_n: "Turn {n}", override_dimension: "Behaviour / flag / score", override_value: "Trainer's value",
      comment: "Comment", save_override: "Save override", override_saved: "Override saved.",
      detected: "detected", not_detected: "not detected", automatic_was: "Automatic: {value}",
      session_overrides_title: "Session-level overrides", none: "None yet.",
      customer: "Customer", agent: "Trainee (agent)", evidence: "Evidence", mood: "mood",
      behaviours: "Behaviours", flags: "Flags", override_this_turn: "Override…",
      trainer_says: "trainer", by: "by", tips: "Tips given to the trainee",
      started: "Started", ended: "Ended", conversation: "conversation", in_progress: "in progress",
      bad_value: "Enter a whole number from 0 to 100.", error: "Something went wrong: {msg}",
      anonymous: "(no name)"
    },
    zh: {
      app_title: "客服陪练", app_subtitle: "培训师复盘", nav_sessions: "会话", logout: "退出登录",
      login_title: "培训师登录", username: "用户名", password: "密码", login_button: "登录",
      login_hint: "账号在服务器上创建:bot trainer add 用户名",
      login_failed: "用户名或密码错误。", login_required: "请先登录。",
      session_expired: "登录已过期,请重新登录。",
      sessions_title: "角色扮演会话", export_csv: "导出 CSV", trainee: "学员", scenario: "场景",
      language: "语言", outcome: "结果", reviewed: "已复盘", from: "从", to: "到", reset: "重置",
      all: "全部", not_reviewed: "未复盘", reviewed_only: "已复盘",
      outcome_resolved: "已解决", outcome_unresolved: "未解决", outcome_escalated: "升级投诉",
      outcome_hung_up: "挂断", outcome_in_progress: "进行中",
      col_date: "日期", col_trainee: "学员", col_scenario: "场景", col_language: "语言",
      col_outcome: "结果", col_overall: "总分", col_listening: "倾听", col_apologizing: "道歉",
      col_explaining: "解释", col_committing: "承诺", col_turns: "轮数", col_reviewed: "已复盘",
      listening: "倾听", apologizing: "道歉", explaining: "解释", committing: "承诺",
      blame: "指责", deflect: "推诿", dismiss: "敷衍", overall: "总分",
      no_sessions: "没有符合条件的会话。", loading: "加载中…", n_sessions: "共 {n} 个会话",
      progress_title: "进步曲线", no_progress: "该学员还没有已评分的会话。",
      scenario_averages_title: "各场景平均分", col_sessions: "会话数", col_scored: "已评分",
      back: "← 全部会话", scores_title: "分数", automatic: "自动", trainer: "培训师",
      mark_reviewed: "标记为已复盘", unmark_reviewed: "标记为未复盘",
      reviewed_by: "{who} 于 {when} 复盘", not_reviewed_yet: "尚未复盘。",
      override_title: "修改评判", override_turn: "适用于", whole_session: "整个会话(分数)",
      turn_n: "第 {n} 轮", override_dimension: "行为 / 问题 / 分数", override_value: "培训师的评判",
      comment: "备注", save_override: "保存修改", override_saved: "已保存。",
      detected: "有", not_detected: "没有", automatic_was: "自动评判:{value}",
      session_overrides_title: "会话级修改", none: "暂无。",
      customer: "客户", agent: "学员(客服)", evidence: "依据", mood: "情绪",
      behaviours: "行为", flags: "问题", override_this_turn: "修改…",
      trainer_says: "培训师", by: "由", tips: "给学员的建议",
      started: "开始", ended: "结束", conversation: "对话", in_progress: "进行中",
      bad_value: "请输入 0 到 100 的整数。", error: "出错了:{msg}",
      anonymous: "(未署名)"
    }
  };
  var lang = (function () {
    try { return localStorage.getItem(LANG_KEY) === "zh" ? "zh" : "en"; } catch (e) { return "en"; }
  })();

  function t(key, vars) {
    var text = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
    if (vars) {
      Object.keys(vars).forEach(function (name) { text = text.split("{" + name + "}").join(String(vars[name])); });
    }
    return text;
  }

  // --- DOM helpers (text only) ----------------------------------------------------
  function $(id) { return document.getElementById(id); }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = String(value);
      else if (name === "onclick") node.addEventListener("click", value);
      else node.setAttribute(name, value === true ? "" : String(value));
    });
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function show(id, visible) { $(id).hidden = !visible; }

  function applyStrings() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (node) {
      node.textContent = t(node.getAttribute("data-i18n"));
    });
    $("lang-toggle").textContent = lang === "zh" ? "English" : "中文";
  }

  function fmtDate(iso) {
    if (!iso) return "–";
    var d = new Date(iso);
    if (isNaN(d.getTime())) return "–";
    function two(n) { return n < 10 ? "0" + n : String(n); }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " +
      two(d.getHours()) + ":" + two(d.getMinutes());
  }

  function fmtScore(value) {
    return (typeof value === "number" && isFinite(value)) ? String(Math.round(value)) : "–";
  }

  function outcomeText(outcome) { return t("outcome_" + (outcome || "in_progress")); }

  // --- state --------------------------------------------------------------------------
  var state = {
    token: null, username: null,
    sort: "-started_at",
    allSessions: [],       // unfiltered, for the filter choices
    scenarios: {},         // id -> {title: {en, zh}}
    session: null          // the open session
  };
  try { state.token = sessionStorage.getItem(TOKEN_KEY); } catch (e) { state.token = null; }

  function scenarioTitle(id) {
    var card = state.scenarios[id];
    if (card && card.title && card.title[lang]) return card.title[lang];
    return id || "–";
  }

  // --- API ------------------------------------------------------------------------------
  function ApiError(status, message) { this.status = status; this.message = message; }

  function api(method, path, body) {
    var headers = { "Accept": "application/json" };
    if (state.token) headers["Authorization"] = "Bearer " + state.token;
    var init = { method: method, headers: headers, credentials: "same-origin", cache: "no-store" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var read = type.indexOf("application/json") >= 0 ? response.json() : response.text();
      return read.then(function (data) {
        if (response.ok) return data;
        var message = (data && data.error) ? data.error : ("HTTP " + response.status);
        if (response.status === 401 && path !== "/api/login") expired();
        throw new ApiError(response.status, message);
      });
    });
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (key) {
      if (params[key] !== "" && params[key] !== null && params[key] !== undefined) {
        parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(params[key]));
      }
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function showError(err) {
    if (err && err.status === 401) return;
    var box = $("global-error");
    box.textContent = t("error", { msg: (err && err.message) || String(err) });
    box.hidden = false;
    setTimeout(function () { box.hidden = true; }, 6000);
  }

  // --- login ------------------------------------------------------------------------------
  function setToken(token, username) {
    state.token = token;
    state.username = username;
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* private mode: keep it in memory */ }
  }

  function expired() {
    var had = !!state.token;
    setToken(null, null);
    showLogin(had ? t("session_expired") : "");
  }

  function showLogin(message) {
    ["sessions-view", "session-view"].forEach(function (id) { show(id, false); });
    show("nav", false);
    show("logout", false);
    $("whoami").textContent = "";
    show("login-view", true);
    $("login-error").textContent = message || "";
    $("login-username").focus();
  }

  function onLogin(event) {
    event.preventDefault();
    var username = $("login-username").value.trim();
    var password = $("login-password").value;
    $("login-error").textContent = "";
    if (!username || !password) { $("login-error").textContent = t("login_failed"); return; }
    var button = document.querySelector("[data-testid=login-submit]");
    button.disabled = true;
    api("POST", "/api/login", { username: username, password: password }).then(function (data) {
      setToken(data.token, data.username);
      $("login-password").value = "";
      loggedIn();
    }).catch(function (err) {
      $("login-error").textContent = err.status === 401 ? t("login_failed") : err.message;
    }).then(function () { button.disabled = false; });
  }

  function loggedIn() {
    show("login-view", false);
    show("nav", true);
    show("logout", true);
    $("whoami").textContent = state.username || "";
    loadScenarios().then(route);
  }

  function start() {
    applyStrings();
    if (!state.token) { showLogin(""); return; }
    api("GET", "/api/me").then(function (me) {
      state.username = me.username;
      loggedIn();
    }).catch(function (err) { if (err.status !== 401) showError(err); });
  }

  function loadScenarios() {
    return api("GET", "/api/scenarios").then(function (cards) {
      state.scenarios = {};
      (cards || []).forEach(function (card) { state.scenarios[card.id] = card; });
    }).catch(function () { state.scenarios = {}; });
  }

  // --- routing -----------------------------------------------------------------------------
  function route() {
    if (!state.token) { showLogin(""); return; }
    var hash = location.hash || "#/sessions";
    var match = /^#\/session\/(.+)$/.exec(hash);
    if (match) {
      var id = decodeURIComponent(match[1]);
      if (SESSION_ID_RE.test(id)) { openSession(id); return; }
    }
    show("session-view", false);
    show("sessions-view", true);
    loadDashboard();
  }

  // --- sessions list ---------------------------------------------------------------------------
  var COLUMNS = [
    { key: "started_at", label: "col_date" }, { key: "trainee", label: "col_trainee" },
    { key: "scenario", label: "col_scenario" }, { key: "language", label: "col_language" },
    { key: "outcome", label: "col_outcome" }, { key: "overall", label: "col_overall", num: true },
    { key: "listening", label: "col_listening", num: true }, { key: "apologizing", label: "col_apologizing", num: true },
    { key: "explaining", label: "col_explaining", num: true }, { key: "committing", label: "col_committing", num: true },
    { key: "turn_count", label: "col_turns", num: true }, { key: "reviewed", label: "col_reviewed" }
  ];

  function filterParams() {
    var params = {
      trainee: $("filter-trainee").value, scenario: $("filter-scenario").value,
      language: $("filter-language").value, outcome: $("filter-outcome").value,
      reviewed: $("filter-reviewed").value, sort: state.sort
    };
    var from = $("filter-from").value, to = $("filter-to").value;
    if (from) params.from = localDayStart(from, 0);
    if (to) params.to = localDayStart(to, 1);  // exclusive: the start of the next day
    return params;
  }

  function localDayStart(value, plusDays) {
    var parts = value.split("-").map(Number);
    var d = new Date(parts[0], parts[1] - 1, parts[2] + plusDays, 0, 0, 0);
    return d.toISOString();
  }

  function renderHead() {
    var row = $("sessions-head");
    clear(row);
    var current = state.sort.replace(/^-/, ""), desc = state.sort.charAt(0) === "-";
    COLUMNS.forEach(function (col) {
      var arrow = col.key === current ? (desc ? " ▼" : " ▲") : "";
      var button = el("button", { type: "button", "class": "sort", "data-sort": col.key,
        "aria-sort": col.key === current ? (desc ? "descending" : "ascending") : null }, t(col.label) + arrow);
      button.addEventListener("click", function () {
        if (current === col.key) state.sort = (desc ? "" : "-") + col.key;
        else state.sort = (col.num || col.key === "started_at" ? "-" : "") + col.key;
        loadSessions();
      });
      row.appendChild(el("th", { scope: "col", "class": col.num ? "num" : null }, button));
    });
  }

  function scoreCell(auto, trainer) {
    var cell = el("td", { "class": "num" }, fmtScore(auto));
    if (typeof trainer === "number") {
      cell.appendChild(el("span", { "class": "trainer-score", title: t("trainer") }, " → " + fmtScore(trainer)));
    }
    return cell;
  }

  function renderSessions(sessions) {
    var body = $("sessions-body");
    clear(body);
    sessions.forEach(function (s) {
      var dims = s.dimensions || {}, over = s.session_overrides || {};
      var link = el("a", { href: "#/session/" + encodeURIComponent(s.id), "data-testid": "session-link" },
        fmtDate(s.started_at));
      var trainee = s.trainee || t("anonymous");
      var row = el("tr", { "data-testid": "session-row", "data-session-id": s.id, "class": s.reviewed ? "is-reviewed" : null },
        el("td", null, link),
        el("td", { "class": "trainee" }, trainee),
        el("td", null, scenarioTitle(s.scenario)),
        el("td", null, s.language || "–"),
        el("td", null, el("span", { "class": "outcome outcome-" + (s.outcome || "in_progress") }, outcomeText(s.outcome))),
        scoreCell(s.overall, over.overall),
        scoreCell(dims.listening, over.listening), scoreCell(dims.apologizing, over.apologizing),
        scoreCell(dims.explaining, over.explaining), scoreCell(dims.committing, over.committing),
        el("td", { "class": "num" }, String(s.turn_count || 0)),
        el("td", null, s.reviewed ? "✓" : ""));
      row.addEventListener("click", function (event) {
        if (event.target.tagName !== "A") location.hash = "#/session/" + encodeURIComponent(s.id);
      });
      body.appendChild(row);
    });
    $("sessions-status").textContent = sessions.length ? t("n_sessions", { n: sessions.length }) : t("no_sessions");
  }

  function fillSelect(select, values, labelOf) {
    var keep = select.value;
    while (select.options.length > 1) select.remove(1);
    values.forEach(function (value) { select.appendChild(el("option", { value: value }, labelOf(value))); });
    if (values.indexOf(keep) >= 0) select.value = keep;
  }

  function unique(list) {
    var seen = {}, out = [];
    list.forEach(function (v) { if (v && !seen[v]) { seen[v] = true; out.push(v); } });
    return out.sort(function (a, b) { return a.localeCompare(b); });
  }

  function loadDashboard() {
    renderHead();
    clear($("sessions-body"));
    $("sessions-status").textContent = t("loading");
    api("GET", "/api/sessions" + query({ sort: "-started_at", limit: 5000 })).then(function (all) {
      state.allSessions = all;
      fillSelect($("filter-trainee"), unique(all.map(function (s) { return s.trainee; })), String);
      var scenarioIds = unique(all.map(function (s) { return s.scenario; }).concat(Object.keys(state.scenarios)));
      fillSelect($("filter-scenario"), scenarioIds, scenarioTitle);
      fillProgressTrainees();
      loadSessions();
    }).catch(showError);
    loadAverages();
  }

  function loadSessions() {
    renderHead();
    $("sessions-status").textContent = t("loading");
    api("GET", "/api/sessions" + query(filterParams())).then(renderSessions).catch(showError);
  }

  function exportCsv() {
    var params = filterParams();
    fetch("/api/sessions.csv" + query(params), { headers: { "Authorization": "Bearer " + state.token }, cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) { expired(); throw new ApiError(401, ""); }
        if (!response.ok) throw new ApiError(response.status, "HTTP " + response.status);
        return response.blob();
      }).then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = el("a", { href: url, download: "sessions.csv" });
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
      }).catch(showError);
  }

  // --- progress chart (inline SVG) -------------------------------------------------------------
  var SERIES = [
    { key: "overall", color: "#1f3a93", width: 3 },
    { key: "listening", color: "#1e8449", width: 1.5 },
    { key: "apologizing", color: "#b9770e", width: 1.5 },
    { key: "explaining", color: "#7d3c98", width: 1.5 },
    { key: "committing", color: "#c0392b", width: 1.5 }
  ];

  function fillProgressTrainees() {
    var select = $("progress-trainee");
    var names = unique(state.allSessions.map(function (s) { return s.trainee; }));
    var keep = select.value || $("filter-trainee").value || names[0] || "";
    clear(select);
    names.forEach(function (name) { select.appendChild(el("option", { value: name }, name)); });
    if (names.indexOf(keep) >= 0) select.value = keep;
    loadProgress();
  }

  function loadProgress() {
    var trainee = $("progress-trainee").value;
    var box = $("progress-chart");
    if (!trainee) { clear(box); $("progress-status").textContent = t("no_progress"); return; }
    api("GET", "/api/progress" + query({ trainee: trainee })).then(function (data) {
      drawProgress(box, data.sessions || []);
    }).catch(showError);
  }

  function drawProgress(box, points) {
    clear(box);
    $("progress-status").textContent = points.length ? "" : t("no_progress");
    var W = 640, H = 280, L = 40, R = 16, T = 16, B = 56;
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", "class": "progress-svg",
      role: "img", "aria-label": t("progress_title") });
    var times = points.map(function (p) { return new Date(p.started_at).getTime(); });
    var t0 = Math.min.apply(null, times.length ? times : [0]), t1 = Math.max.apply(null, times.length ? times : [1]);
    function x(i) {
      if (points.length <= 1) return L + (W - L - R) / 2;
      if (t1 === t0) return L + (W - L - R) * i / (points.length - 1);
      return L + (W - L - R) * (times[i] - t0) / (t1 - t0);
    }
    function y(v) { return T + (H - T - B) * (1 - v / 100); }
    [0, 25, 50, 75, 100].forEach(function (v) {
      chart.appendChild(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), "class": "grid" }));
      chart.appendChild(svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", "class": "axis" }, String(v)));
    });
    points.forEach(function (p, i) {
      var label = fmtDate(p.started_at).slice(5, 10);
      chart.appendChild(svg("text", { x: x(i), y: H - B + 16, "text-anchor": "middle", "class": "axis" }, label));
    });
    SERIES.forEach(function (series) {
      var coords = [];
      points.forEach(function (p, i) {
        var v = series.key === "overall" ? p.overall : (p.dimensions || {})[series.key];
        if (typeof v === "number") coords.push([x(i), y(v), v, p]);
      });
      if (coords.length > 1) {
        chart.appendChild(svg("polyline", { points: coords.map(function (c) { return c[0].toFixed(1) + "," + c[1].toFixed(1); }).join(" "),
          fill: "none", stroke: series.color, "stroke-width": series.width, "data-series": series.key }));
      }
      coords.forEach(function (c) {
        chart.appendChild(svg("circle", { cx: c[0].toFixed(1), cy: c[1].toFixed(1), r: series.key === "overall" ? 4 : 2.5,
          fill: series.color, "class": "point", "data-series": series.key },
          svg("title", null, t(series.key) + ": " + Math.round(c[2]) + " · " + scenarioTitle(c[3].scenario) + " · " + fmtDate(c[3].started_at))));
      });
    });
    // trainer overrides of the overall score, drawn as hollow diamonds
    points.forEach(function (p, i) {
      if (typeof p.final_overall === "number" && p.final_overall !== p.overall) {
        var cx = x(i), cy = y(p.final_overall);
        chart.appendChild(svg("path", { d: "M" + cx + " " + (cy - 6) + " L" + (cx + 6) + " " + cy + " L" + cx + " " + (cy + 6) + " L" + (cx - 6) + " " + cy + " Z",
          fill: "#fff", stroke: "#1f3a93", "stroke-width": 2, "class": "override-point" },
          svg("title", null, t("trainer") + " " + t("overall") + ": " + p.final_overall)));
      }
    });
    var lx = L;
    SERIES.forEach(function (series) {
      chart.appendChild(svg("rect", { x: lx, y: H - 22, width: 12, height: 4, fill: series.color }));
      var label = t(series.key);
      chart.appendChild(svg("text", { x: lx + 16, y: H - 16, "class": "legend" }, label));
      lx += 24 + label.length * (lang === "zh" ? 13 : 7);
    });
    box.appendChild(chart);
  }

  // --- per-scenario averages --------------------------------------------------------------------
  function loadAverages() {
    var head = $("averages-head");
    clear(head);
    ["col_scenario", "col_sessions", "col_scored", "col_overall", "col_listening", "col_apologizing",
      "col_explaining", "col_committing"].forEach(function (key, i) {
      head.appendChild(el("th", { scope: "col", "class": i ? "num" : null }, t(key)));
    });
    api("GET", "/api/stats/scenarios").then(function (rows) {
      var body = $("averages-body");
      clear(body);
      rows.forEach(function (row) {
        var dims = row.dimensions || {};
        var bar = el("span", { "class": "bar" });
        bar.style.width = Math.max(0, Math.min(100, row.overall || 0)) + "%";
        body.appendChild(el("tr", { "data-scenario": row.scenario || "" },
          el("td", null, scenarioTitle(row.scenario)),
          el("td", { "class": "num" }, String(row.sessions)),
          el("td", { "class": "num" }, String(row.scored)),
          el("td", { "class": "num overall-cell" }, el("span", { "class": "bar-track" }, bar), " " + fmtScore(row.overall)),
          el("td", { "class": "num" }, fmtScore(dims.listening)),
          el("td", { "class": "num" }, fmtScore(dims.apologizing)),
          el("td", { "class": "num" }, fmtScore(dims.explaining)),
          el("td", { "class": "num" }, fmtScore(dims.committing))));
      });
    }).catch(showError);
  }

  // --- one session -------------------------------------------------------------------------------
  function openSession(id) {
    show("sessions-view", false);
    show("session-view", true);
    $("override-saved").textContent = "";
    $("override-error").textContent = "";
    return api("GET", "/api/sessions/" + encodeURIComponent(id)).then(function (session) {
      var sameSession = state.session && state.session.id === session.id;
      state.session = session;
      renderSession(session, sameSession);
      window.scrollTo(0, 0);
    }).catch(function (err) {
      if (err.status === 404 || err.status === 400) { location.hash = "#/sessions"; }
      showError(err);
    });
  }

  function chip(name, auto, final, isFlag) {
    var overridden = typeof final === "boolean" && typeof auto === "boolean" && final !== auto;
    var on = typeof final === "boolean" ? final : auto;
    var cls = "chip " + (isFlag ? "flag " : "behaviour ") + (on ? "on" : "off") + (overridden ? " overridden" : "");
    var mark = on ? "✓ " : "✗ ";
    var node = el("span", { "class": cls, "data-dimension": name, title: t(auto ? "detected" : "not_detected") }, mark + t(name));
    if (overridden) node.appendChild(el("small", null, " (" + t("automatic") + ": " + (auto ? "✓" : "✗") + ")"));
    return node;
  }

  function overrideItem(o) {
    var valueText;
    if (typeof o.value === "boolean") valueText = o.value ? t("detected") : t("not_detected");
    else valueText = String(o.value);
    var autoText = o.automatic === null || o.automatic === undefined ? "–" :
      (typeof o.automatic === "boolean" ? (o.automatic ? t("detected") : t("not_detected")) : String(o.automatic));
    return el("li", { "class": "override", "data-testid": "override", "data-override-id": o.id },
      el("div", { "class": "override-head" },
        el("strong", null, t(o.dimension)), ": ",
        el("span", { "class": "auto-value" }, t("automatic") + " " + autoText), " → ",
        el("span", { "class": "trainer-value" }, t("trainer") + " " + valueText)),
      o.comment ? el("div", { "class": "override-comment" }, o.comment) : null,
      el("div", { "class": "muted small" }, (o.trainer || "") + " · " + fmtDate(o.created_at)));
  }

  function bubble(kind, label, text) {
    return el("div", { "class": "bubble " + kind }, el("span", { "class": "who" }, label), el("span", { "class": "said" }, text));
  }

  function renderSession(s, keepForm) {
    var trainee = s.trainee || t("anonymous");
    $("session-title").textContent = trainee + " · " + scenarioTitle(s.scenario);
    $("session-meta").textContent = [
      t("started") + " " + fmtDate(s.started_at),
      s.ended_at ? t("ended") + " " + fmtDate(s.ended_at) : t("in_progress"),
      (s.language || "–"),
      t("outcome") + ": " + outcomeText(s.outcome),
      t("conversation") + " " + s.sender_id
    ].join(" · ");
    var opening = $("session-opening");
    clear(opening);
    if (s.opening) append(opening, [el("span", { "class": "who" }, t("customer")), el("span", { "class": "said" }, s.opening)]);
    opening.hidden = !s.opening;

    var list = $("transcript");
    clear(list);
    (s.turns || []).forEach(function (turn) {
      var verdict = turn.verdict || {};
      var vd = verdict.dimensions || {}, vf = verdict.flags || {};
      var behaviours = el("div", { "class": "chips" }, BEHAVIOURS.map(function (name) {
        return chip(name, (vd[name] || {}).detected === true, (turn.final || {})[name], false);
      }));
      var flags = el("div", { "class": "chips" }, FLAGS.map(function (name) {
        return chip(name, (vf[name] || {}).detected === true, (turn.final || {})[name], true);
      }));
      var evidence = el("ul", { "class": "evidence" });
      Object.keys(turn.evidence || {}).forEach(function (name) {
        evidence.appendChild(el("li", null, el("strong", null, t(name) + ": "), el("q", null, turn.evidence[name])));
      });
      var overrides = el("ul", { "class": "overrides" }, (turn.overrides || []).map(overrideItem));
      var button = el("button", { type: "button", "class": "link-button small" }, t("override_this_turn"));
      button.addEventListener("click", function () { prepareForm(turn.turn); });
      list.appendChild(el("li", { "class": "turn", "data-testid": "turn", "data-turn": turn.turn },
        el("div", { "class": "turn-talk" },
          el("div", { "class": "turn-no" }, t("turn_n", { n: turn.turn })),
          bubble("agent", t("agent"), turn.reply),
          bubble("customer", t("customer") + (turn.mood_after ? " · " + t("mood") + ": " + turn.mood_after : ""), turn.customer_after)),
        el("div", { "class": "turn-verdict" },
          el("div", { "class": "label" }, t("behaviours")), behaviours,
          el("div", { "class": "label" }, t("flags")), flags,
          Object.keys(turn.evidence || {}).length ? el("div", { "class": "label" }, t("evidence")) : null,
          evidence, overrides, button)));
    });
    var tips = $("tips");
    clear(tips);
    if (s.tips && s.tips.length) {
      tips.appendChild(el("h3", null, t("tips")));
      tips.appendChild(el("ul", null, s.tips.map(function (tip) { return el("li", null, String(tip)); })));
    }

    var scores = $("scores-body");
    clear(scores);
    var over = s.session_overrides || {}, dims = s.dimensions || {};
    ["overall"].concat(BEHAVIOURS).forEach(function (name) {
      var auto = name === "overall" ? s.overall : dims[name];
      scores.appendChild(el("tr", { "class": name === "overall" ? "overall-row" : null },
        el("th", { scope: "row" }, t(name)),
        el("td", { "class": "num" }, fmtScore(auto)),
        el("td", { "class": "num trainer-score" }, typeof over[name] === "number" ? String(over[name]) : "")));
    });
    var flagCounts = s.flags || {};
    FLAGS.forEach(function (name) {
      scores.appendChild(el("tr", { "class": "flag-row" }, el("th", { scope: "row" }, t(name)),
        el("td", { "class": "num" }, flagCounts[name] === undefined || flagCounts[name] === null ? "–" : String(flagCounts[name])),
        el("td", null, "")));
    });
    renderReviewed(s);
    var sessionList = $("session-overrides");
    clear(sessionList);
    var sessionLevel = (s.overrides || []).filter(function (o) { return o.turn === null; });
    if (sessionLevel.length) sessionLevel.forEach(function (o) { sessionList.appendChild(overrideItem(o)); });
    else sessionList.appendChild(el("li", { "class": "muted" }, t("none")));
    if (!keepForm) prepareForm(null);
    else updateAutomatic();
  }

  function renderReviewed(s) {
    $("review-status").textContent = s.reviewed ? t("reviewed_by", { who: s.reviewed_by, when: fmtDate(s.reviewed_at) }) : t("not_reviewed_yet");
    var button = $("mark-reviewed");
    button.textContent = s.reviewed ? t("unmark_reviewed") : t("mark_reviewed");
    button.setAttribute("aria-pressed", s.reviewed ? "true" : "false");
    button.classList.toggle("secondary", !!s.reviewed);
  }

  function onMarkReviewed() {
    var s = state.session;
    if (!s) return;
    var button = $("mark-reviewed");
    button.disabled = true;
    api("POST", "/api/sessions/" + encodeURIComponent(s.id) + "/reviewed", { reviewed: !s.reviewed }).then(function (r) {
      s.reviewed = r.reviewed; s.reviewed_by = r.reviewed_by; s.reviewed_at = r.reviewed_at;
      renderReviewed(s);
    }).catch(showError).then(function () { button.disabled = false; });
  }

  // --- the override form -------------------------------------------------------------------------
  function prepareForm(turnNo) {
    var s = state.session;
    var turnSelect = $("override-turn");
    clear(turnSelect);
    turnSelect.appendChild(el("option", { value: "" }, t("whole_session")));
    (s.turns || []).forEach(function (turn) {
      var preview = (turn.reply || "").slice(0, 40);
      turnSelect.appendChild(el("option", { value: String(turn.turn) }, t("turn_n", { n: turn.turn }) + " — " + preview));
    });
    turnSelect.value = turnNo === null || turnNo === undefined ? "" : String(turnNo);
    fillDimensions();
    if (turnNo !== null && turnNo !== undefined) {
      $("override-form").scrollIntoView({ behavior: "smooth", block: "center" });
      $("override-dimension").focus();
    }
  }

  function selectedTurn() {
    var value = $("override-turn").value;
    return value === "" ? null : parseInt(value, 10);
  }

  function fillDimensions() {
    var select = $("override-dimension");
    var keep = select.value;
    clear(select);
    var names = selectedTurn() === null ? ["overall"].concat(BEHAVIOURS) : BEHAVIOURS.concat(FLAGS);
    names.forEach(function (name) { select.appendChild(el("option", { value: name }, t(name))); });
    if (names.indexOf(keep) >= 0) select.value = keep;
    buildValueControl();
  }

  function automaticValue() {
    var s = state.session, dim = $("override-dimension").value, turnNo = selectedTurn();
    if (turnNo === null) return dim === "overall" ? s.overall : (s.dimensions || {})[dim];
    var turn = (s.turns || []).filter(function (x) { return x.turn === turnNo; })[0];
    if (!turn) return null;
    var group = FLAGS.indexOf(dim) >= 0 ? "flags" : "dimensions";
    var entry = ((turn.verdict || {})[group] || {})[dim];
    return entry ? entry.detected === true : null;
  }

  function buildValueControl() {
    var slot = $("override-value-slot");
    clear(slot);
    var auto = automaticValue();
    var control;
    if (selectedTurn() === null) {
      control = el("input", { type: "number", min: 0, max: 100, step: 1, inputmode: "numeric",
        "data-testid": "override-value", id: "override-value", required: true });
      if (typeof auto === "number") control.value = String(Math.round(auto));
    } else {
      control = el("select", { "data-testid": "override-value", id: "override-value" },
        el("option", { value: "true" }, t("detected")), el("option", { value: "false" }, t("not_detected")));
      control.value = auto === true ? "false" : "true";  // an override usually flips the verdict
    }
    slot.appendChild(control);
    updateAutomatic();
  }

  function updateAutomatic() {
    var auto = automaticValue();
    var text = auto === null || auto === undefined ? "–" :
      (typeof auto === "boolean" ? (auto ? t("detected") : t("not_detected")) : fmtScore(auto));
    $("override-automatic").textContent = t("automatic_was", { value: text });
  }

  function onOverride(event) {
    event.preventDefault();
    var s = state.session;
    $("override-error").textContent = "";
    $("override-saved").textContent = "";
    var turnNo = selectedTurn();
    var raw = $("override-value").value;
    var value;
    if (turnNo === null) {
      if (!/^\s*\d{1,3}\s*$/.test(raw) || parseInt(raw, 10) > 100) { $("override-error").textContent = t("bad_value"); return; }
      value = parseInt(raw, 10);
    } else {
      value = raw === "true";
    }
    var body = { turn: turnNo, dimension: $("override-dimension").value, value: value,
      comment: $("override-comment").value };
    var button = document.querySelector("[data-testid=override-submit]");
    button.disabled = true;
    api("POST", "/api/sessions/" + encodeURIComponent(s.id) + "/overrides", body).then(function () {
      $("override-comment").value = "";
      return api("GET", "/api/sessions/" + encodeURIComponent(s.id));
    }).then(function (fresh) {
      state.session = fresh;
      renderSession(fresh, true);
      $("override-saved").textContent = t("override_saved");
    }).catch(function (err) {
      $("override-error").textContent = err.message || String(err);
    }).then(function () { button.disabled = false; });
  }

  // --- wiring ---------------------------------------------------------------------------------------
  document.addEventListener("DOMContentLoaded", function () {
    $("login-form").addEventListener("submit", onLogin);
    $("logout").addEventListener("click", function () {
      var token = state.token;
      setToken(null, null);
      if (token) {
        fetch("/api/logout", { method: "POST", headers: { "Authorization": "Bearer " + token } }).catch(function () {});
      }
      location.hash = "";
      showLogin("");
    });
    $("lang-toggle").addEventListener("click", function () {
      lang = lang === "zh" ? "en" : "zh";
      try { localStorage.setItem(LANG_KEY, lang); } catch (e) { /* ignore */ }
      applyStrings();
      state.session = null;  // rebuild the override form in the new language
      if (state.token) route();
    });
    ["filter-trainee", "filter-scenario", "filter-language", "filter-outcome", "filter-reviewed",
      "filter-from", "filter-to"].forEach(function (id) {
      $(id).addEventListener("change", function () {
        if (id === "filter-trainee" && $(id).value) { $("progress-trainee").value = $(id).value; loadProgress(); }
        loadSessions();
      });
    });
    $("filters").addEventListener("reset", function () { setTimeout(loadSessions, 0); });
    $("export-csv").addEventListener("click", exportCsv);
    $("progress-trainee").addEventListener("change", loadProgress);
    $("mark-reviewed").addEventListener("click", onMarkReviewed);
    $("override-form").addEventListener("submit", onOverride);
    $("override-turn").addEventListener("change", fillDimensions);
    $("override-dimension").addEventListener("change", buildValueControl);
    window.addEventListener("hashchange", route);
    start();
  });
})();
