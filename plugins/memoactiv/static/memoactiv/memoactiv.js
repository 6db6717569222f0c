/* MémoActiv exercise runner: shows the trials of the plan the server issued, measures times with
 * performance.now() (stimulus onsets aligned with requestAnimationFrame), and posts trial-level JSON.
 * The server checks and scores everything. No inline script, no eval (the site's CSP forbids both).
 * Pausing (button, Escape, or leaving the tab) stops the clock; the interrupted trial (n-back: block)
 * starts again on resume. */
(function () {
  "use strict";
  var root = document.getElementById("ma-runner");
  if (!root) { return; }
  var plan = JSON.parse(root.getAttribute("data-plan"));
  var kind = root.getAttribute("data-exercise");
  var stage = root.querySelector(".ma-stage");
  var stim = root.querySelector(".ma-stimulus");
  var feedback = root.querySelector(".ma-feedback");
  var progress = root.querySelector(".ma-progress");
  var texts = {};
  root.querySelectorAll("[data-text]").forEach(function (el) { texts[el.getAttribute("data-text")] = el.textContent.trim(); });
  var PAUSED = { paused: true };

  function t(key, params) {
    var text = texts[key] || key;
    Object.keys(params || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(params[name])); });
    return text;
  }

  // --- phases -----------------------------------------------------------------------------------
  var phase = "intro";
  function show(name) {
    phase = name;
    root.querySelectorAll(".ma-phase").forEach(function (s) { s.hidden = s.getAttribute("data-phase") !== name; });
    var section = root.querySelector('[data-phase="' + name + '"]');
    var target = name === "task" ? null : section.querySelector("h2[tabindex], button, a.button");
    if (target) { target.focus(); }
  }

  // --- active-time clock and pausing --------------------------------------------------------------
  var clock = { origin: 0, pausedTotal: 0, pausedAt: null };
  function activeNow() {
    var now = performance.now();
    var paused = clock.pausedAt === null ? 0 : now - clock.pausedAt;
    return now - clock.origin - clock.pausedTotal - paused;
  }
  function toActive(stamp) { return stamp - clock.origin - clock.pausedTotal; }
  var isPaused = false;
  var waiters = [];
  var resumeWaiters = [];
  var interruptions = 0;

  function pause() {
    if (isPaused || phase !== "task") { return; }
    isPaused = true;
    clock.pausedAt = performance.now();
    interruptions += 1;
    var pending = waiters;
    waiters = [];
    pending.forEach(function (w) { w.reject(PAUSED); });
    show("paused");
  }
  function resume() {
    if (!isPaused) { return; }
    clock.pausedTotal += performance.now() - clock.pausedAt;
    clock.pausedAt = null;
    isPaused = false;
    show("task");
    var pending = resumeWaiters;
    resumeWaiters = [];
    pending.forEach(function (resolve) { resolve(); });
  }
  function resumed() {
    if (!isPaused) { return Promise.resolve(); }
    return new Promise(function (resolve) { resumeWaiters.push(resolve); });
  }
  document.addEventListener("visibilitychange", function () { if (document.hidden) { pause(); } });

  // An interruptible wait: rejects with PAUSED when the member pauses.
  function wait(ms) {
    return new Promise(function (resolve, reject) {
      if (isPaused) { reject(PAUSED); return; }
      var entry = { reject: function (e) { clearTimeout(timer); reject(e); } };
      var timer = setTimeout(function () { waiters = waiters.filter(function (w) { return w !== entry; }); resolve(); }, ms);
      waiters.push(entry);
    });
  }
  // The time of the next frame: the stimulus set before it is on screen from about then.
  function frame() {
    return new Promise(function (resolve) { requestAnimationFrame(function (stamp) { resolve(stamp); }); });
  }

  // --- responses --------------------------------------------------------------------------------
  var listening = null;
  var inputCounts = {};
  function respond(value, stamp, input) {
    if (!listening || isPaused) { return; }
    inputCounts[input] = (inputCounts[input] || 0) + 1;
    listening(value, stamp);
  }
  root.querySelectorAll(".ma-respond").forEach(function (button) {
    button.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      respond(button.getAttribute("data-value"), event.timeStamp || performance.now(), event.pointerType || "mouse");
    });
    button.addEventListener("click", function (event) {
      if (event.detail === 0) { respond(button.getAttribute("data-value"), performance.now(), "keyboard"); }
    });
  });
  var KEYS = {
    nback: { " ": "same", Enter: "same" },
    rt_simple: { " ": "press", Enter: "press" },
    rt_choice: { ArrowLeft: "left", ArrowRight: "right" },
    stroop: { 1: "0", 2: "1", 3: "2", 4: "3" }
  };
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || ((event.key === "p" || event.key === "P") && kind.indexOf("words") !== 0)) {
      if (phase === "task") { event.preventDefault(); pause(); }
      return;
    }
    var map = KEYS[kind];
    if (map && map[event.key] !== undefined && phase === "task") {
      event.preventDefault();
      if (!event.repeat) { respond(map[event.key], event.timeStamp || performance.now(), "keyboard"); }
    }
  });

  // Wait for one response within `limit` ms of `onset` (null when none); responses under 100 ms are ignored
  // unless `early` is given (reaction time: they count as too early). With `full`, wait the whole window.
  function waitResponse(values, onset, limit, options) {
    options = options || {};
    return new Promise(function (resolve, reject) {
      var answer = null;
      var entry = { reject: function (e) { clearTimeout(timer); listening = null; reject(e); } };
      function finish(result) {
        clearTimeout(timer);
        listening = null;
        waiters = waiters.filter(function (w) { return w !== entry; });
        resolve(result);
      }
      var timer = setTimeout(function () { finish(answer); }, Math.max(0, onset + limit - performance.now()));
      waiters.push(entry);
      listening = function (value, stamp) {
        if (values.indexOf(value) < 0 || answer) { return; }
        var rt = stamp - onset;
        if (rt < 100) {
          if (options.early) { finish({ early: true }); }
          return;
        }
        answer = { value: value, rt: Math.round(rt * 10) / 10 };
        if (options.onAnswer) { options.onAnswer(answer); }
        if (!options.full) { finish(answer); }
      };
    });
  }
  // Responses before the stimulus (reaction time foreperiod): resolves "early" on a press, else after ms.
  function waitQuiet(values, ms) {
    return new Promise(function (resolve, reject) {
      var entry = { reject: function (e) { clearTimeout(timer); listening = null; reject(e); } };
      var timer = setTimeout(function () { listening = null; waiters = waiters.filter(function (w) { return w !== entry; }); resolve(false); }, ms);
      waiters.push(entry);
      listening = function (value) {
        if (values.indexOf(value) < 0) { return; }
        clearTimeout(timer);
        listening = null;
        waiters = waiters.filter(function (w) { return w !== entry; });
        resolve(true);
      };
    });
  }

  // Run `step` until it completes without being paused (a paused trial starts again).
  async function uninterrupted(step) {
    for (;;) {
      try { return await step(); } catch (error) {
        if (error !== PAUSED) { throw error; }
        listening = null;
        await resumed();
      }
    }
  }

  function setStimulus(text, className) {
    stim.textContent = text;
    stim.className = "ma-stimulus" + (className ? " " + className : "");
  }
  function say(text) { feedback.textContent = text || ""; }
  function counter(isPractice, n, total) { progress.textContent = t(isPractice ? "practice" : "trial", { n: n, total: total }); }

  window.MemoActiv = { t: t, show: show, wait: wait, frame: frame, waitResponse: waitResponse, waitQuiet: waitQuiet,
    uninterrupted: uninterrupted, setStimulus: setStimulus, say: say, counter: counter, activeNow: activeNow,
    toActive: toActive, resumed: resumed, root: root, plan: plan, kind: kind, stage: stage, PAUSED: PAUSED,
    isPaused: function () { return isPaused; } };

  // --- device -----------------------------------------------------------------------------------
  var refreshHz = null;
  (function measureRefresh() {
    var stamps = [];
    function tick(stamp) {
      stamps.push(stamp);
      if (stamps.length < 21) { requestAnimationFrame(tick); return; }
      var gaps = stamps.slice(1).map(function (s, i) { return s - stamps[i]; }).sort(function (a, b) { return a - b; });
      var median = gaps[Math.floor(gaps.length / 2)];
      refreshHz = median > 0 ? Math.round(1000 / median) : null;
    }
    requestAnimationFrame(tick);
  })();
  function device() {
    var coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
    var small = Math.min(screen.width, screen.height) < 600;
    var input = Object.keys(inputCounts).sort(function (a, b) { return inputCounts[b] - inputCounts[a]; })[0];
    var ua = navigator.userAgent;
    var match = ua.match(/(Firefox|Edg|OPR|Chrome|Version)\/(\d+)/);
    var browser = match ? (match[1] === "Version" ? "Safari" : match[1]) + " " + match[2] : "other";
    return { class: coarse ? (small ? "phone" : "tablet") : "desktop", input: input || (coarse ? "touch" : "mouse"),
      browser: browser, refresh: refreshHz };
  }

  // --- running and sending ------------------------------------------------------------------------
  async function send(trials) {
    show("sending");
    var body = JSON.stringify({ token: root.getAttribute("data-token"), duration: Math.round(activeNow() * 10) / 10,
      interruptions: interruptions, device: device(), trials: trials });
    var response;
    try {
      response = await fetch(root.getAttribute("data-submit"), { method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": root.getAttribute("data-csrf") }, body: body });
    } catch (error) {
      root.querySelector(".ma-error-text").textContent = t("network");
      show("error");
      return;
    }
    var data = {};
    try { data = await response.json(); } catch (error) { data = {}; }
    if (response.ok && data.next) { window.location.assign(data.next); return; }
    root.querySelector(".ma-error-text").textContent = data.error || data.detail || t("network");
    show("error");
  }

  async function run(isPractice) {
    var task = window.MemoActivTasks && window.MemoActivTasks[kind];
    show("task");
    if (!isPractice) { clock.origin = performance.now(); clock.pausedTotal = 0; }
    var trials = await task(isPractice);
    say("");
    if (isPractice) { show("ready"); return; }
    await send(trials);
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) { return; }
    var action = button.getAttribute("data-action");
    if (action === "practice") { clock.origin = performance.now(); run(true); }
    if (action === "start") { run(false); }
    if (action === "pause") { pause(); }
    if (action === "resume") { resume(); }
  });
})();
