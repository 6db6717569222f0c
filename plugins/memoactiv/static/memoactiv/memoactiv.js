/* MémoActiv exercise runner: shows the trials of the plan the server issued, measures times with
 * performance.now() (stimulus onsets aligned with requestAnimationFrame), and posts trial-level JSON.
 * The server checks and scores everything. No inline script, no eval (the site's CSP forbids both).
 * Pausing (button or Escape) stops the clock; the interrupted trial (n-back: block) starts again on
 * resume. Hiding the page (another tab or app in front: visibilitychange) during the scored block voids
 * the block (reference sheet §7: timers and frames are throttled while hidden, so its times cannot be
 * trusted): nothing is sent but a notice that lets the server forget the plan, and the member starts
 * again. During the practice round hiding the page only pauses it. */
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
  var VOID = { voided: true };

  function t(key, params) {
    var text = texts[key] || key;
    Object.keys(params || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(params[name])); });
    return text;
  }

  // --- phases -----------------------------------------------------------------------------------
  var phase = "intro";
  var voided = false;
  var scoredBlock = false;
  function show(name) {
    if (voided && name !== "voided") { return; }
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
    if (isPaused || voided || phase !== "task") { return; }
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
    pending.forEach(function (w) { w.resolve(); });
  }
  function resumed() {
    if (voided) { return Promise.reject(VOID); }
    if (!isPaused) { return Promise.resolve(); }
    return new Promise(function (resolve, reject) { resumeWaiters.push({ resolve: resolve, reject: reject }); });
  }

  // The scored block is void once the page is hidden: every wait rejects with VOID, answers are ignored,
  // the page says so and offers to start again; the server forgets the plan (a fresh one next time).
  function voidBlock() {
    if (voided) { return; }
    voided = true;
    scoredBlock = false;
    isPaused = false;
    listening = null;
    var pending = waiters;
    waiters = [];
    pending.forEach(function (w) { w.reject(VOID); });
    var sleepers = resumeWaiters;
    resumeWaiters = [];
    sleepers.forEach(function (w) { w.reject(VOID); });
    show("voided");
    fetch(root.getAttribute("data-void"), { method: "POST", credentials: "same-origin", keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRFToken": root.getAttribute("data-csrf") },
      body: JSON.stringify({ token: root.getAttribute("data-token"), interrupted: true }) }).catch(function () {});
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { return; }
    if (scoredBlock) { voidBlock(); } else { pause(); }
  });

  // An interruptible wait: rejects with PAUSED when the member pauses.
  function wait(ms) {
    return new Promise(function (resolve, reject) {
      if (voided) { reject(VOID); return; }
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
    if (!listening || isPaused || voided) { return; }
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
    stroop: { 1: "0", 2: "1", 3: "2", 4: "3" },
    flanker: { ArrowLeft: "left", ArrowRight: "right" }
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
    isPaused: function () { return isPaused || voided; } };

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
      interruptions: interruptions, interrupted: voided, device: device(), trials: trials });
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
    if (!isPractice) { clock.origin = performance.now(); clock.pausedTotal = 0; scoredBlock = true; }
    var trials;
    try { trials = await task(isPractice); } catch (error) {
      if (error === VOID) { return; }
      throw error;
    }
    if (voided) { return; }
    scoredBlock = false;
    say("");
    if (isPractice) { show("ready"); return; }
    await send(trials);
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button || voided) { return; }
    var action = button.getAttribute("data-action");
    if (action === "practice") { clock.origin = performance.now(); run(true); }
    if (action === "start") { run(false); }
    if (action === "pause") { pause(); }
    if (action === "resume") { resume(); }
  });
})();
