/* MémoActiv tasks: one function per exercise, run by memoactiv.js (window.MemoActiv).
 * Each returns the trials to send (null for a practice round). Procedures: reference sheet §7. */
(function () {
  "use strict";
  function M() { return window.MemoActiv; }
  function round(x) { return Math.round(x * 10) / 10; }
  function sameList(a, b) { return a.length === b.length && a.every(function (v, i) { return v === b[i]; }); }

  function between(title, text) {
    var m = M();
    m.root.querySelector(".ma-between-title").textContent = title;
    m.root.querySelector(".ma-between-text").textContent = text;
    m.show("between");
    return new Promise(function (resolve) {
      var button = m.root.querySelector('[data-action="continue"]');
      button.addEventListener("click", function () { m.show("task"); resolve(); }, { once: true });
    });
  }
  function pauseFor(ms) { return M().uninterrupted(function () { return M().wait(ms); }); }

  // --- digit span (§7a) -------------------------------------------------------------------------
  function keypad() {
    var m = M();
    var entry = m.root.querySelector(".ma-entry");
    var shown = m.root.querySelector(".ma-typed");
    var typed = [];
    entry.hidden = false;
    shown.textContent = "";
    entry.querySelector(".ma-key").focus();
    return new Promise(function (resolve) {
      function press(key) {
        if (m.isPaused()) { return; }
        if (key === "done") { cleanup(); resolve(typed); return; }
        if (key === "back") { typed.pop(); } else if (typed.length < 12) { typed.push(Number(key)); }
        shown.textContent = typed.join(" ");
      }
      function onClick(event) {
        var button = event.target.closest("[data-digit]");
        if (button) { press(button.getAttribute("data-digit")); }
      }
      function onKey(event) {
        if (/^[1-9]$/.test(event.key)) { event.preventDefault(); press(event.key); }
        else if (event.key === "Backspace") { event.preventDefault(); press("back"); }
        else if (event.key === "Enter") { event.preventDefault(); press("done"); }
      }
      function cleanup() {
        entry.removeEventListener("click", onClick);
        document.removeEventListener("keydown", onKey);
        entry.hidden = true;
      }
      entry.addEventListener("click", onClick);
      document.addEventListener("keydown", onKey);
    });
  }

  async function spanTrial(digits) {
    var m = M();
    var plan = m.plan;
    var onset = await m.uninterrupted(async function () {
      m.setStimulus("", "");
      await m.wait(600);
      var first = null;
      for (var k = 0; k < digits.length; k++) {
        m.setStimulus(String(digits[k]), "ma-digit");
        var stamp = await m.frame();
        if (first === null) { first = m.toActive(stamp); }
        await m.wait(plan.on_ms);
        m.setStimulus("", "");
        await m.wait(plan.off_ms);
      }
      return first;
    });
    var start = m.activeNow();
    var answer = await keypad();
    return { answer: answer, rt: round(m.activeNow() - start), t: round(onset) };
  }

  async function span(isPractice) {
    var m = M();
    var plan = m.plan;
    var backward = plan.direction === "backward";
    function expected(digits) { return backward ? digits.slice().reverse() : digits; }
    if (isPractice) {
      for (var p = 0; p < plan.practice.length; p++) {
        m.counter(true, p + 1, plan.practice.length);
        var result = await spanTrial(plan.practice[p]);
        m.say(m.t(sameList(result.answer, expected(plan.practice[p])) ? "correct" : "wrong"));
        await pauseFor(1500);
        m.say("");
      }
      return null;
    }
    var out = [];
    for (var start = 0; start < plan.trials.length; start += 2) {
      var pair = [];
      for (var k = start; k < Math.min(start + 2, plan.trials.length); k++) {
        m.counter(false, k + 1, plan.trials.length);
        var item = plan.trials[k];
        var r = await spanTrial(item.digits);
        out.push({ i: out.length, answer: r.answer, rt: r.rt, t: r.t });
        pair.push(sameList(r.answer, expected(item.digits)));
        await pauseFor(600);
      }
      if (pair.indexOf(true) < 0) { break; }
    }
    return out;
  }

  // --- n-back (§7b) -----------------------------------------------------------------------------
  function nbackBlock(block, blockIndex, isPractice) {
    var m = M();
    var plan = m.plan;
    return m.uninterrupted(async function () {
      var rows = [];
      for (var i = 0; i < block.letters.length; i++) {
        m.counter(isPractice, i + 1, block.letters.length);
        var target = i >= block.n && block.letters[i - block.n] === block.letters[i];
        m.setStimulus(block.letters[i], "ma-letter");
        var stamp = await m.frame();
        m.wait(plan.on_ms).then(function () { m.setStimulus("", ""); }, function () {});
        var answer = await m.waitResponse(["same"], stamp, plan.on_ms + plan.off_ms, {
          full: true,
          onAnswer: function () { if (isPractice) { m.say(m.t(target ? "correct" : "wrong")); } }
        });
        if (isPractice) { m.say(!answer && target ? m.t("missed") : ""); }
        rows.push({ b: blockIndex, responded: !!answer, rt: answer ? answer.rt : null, t: round(m.toActive(stamp)) });
      }
      return rows;
    });
  }

  async function nback(isPractice) {
    var m = M();
    if (isPractice) { await nbackBlock(m.plan.practice, 0, true); return null; }
    var out = [];
    for (var b = 0; b < m.plan.blocks.length; b++) {
      await between(m.t("block-" + m.plan.blocks[b].n), m.t("block-" + m.plan.blocks[b].n + "-text"));
      var rows = await nbackBlock(m.plan.blocks[b], b, false);
      rows.forEach(function (row) { row.i = out.length; out.push(row); });
    }
    return out;
  }

  // --- reaction time (§7c) ------------------------------------------------------------------------
  async function rtTrial(foreperiod, side, isPractice) {
    var m = M();
    var values = side ? ["left", "right"] : ["press"];
    var early = 0;
    for (;;) {
      var result = await m.uninterrupted(async function () {
        m.setStimulus("", "ma-waiting");
        if (await m.waitQuiet(values, foreperiod)) { return { early: true }; }
        m.setStimulus("", "ma-circle" + (side ? " ma-" + side : ""));
        var stamp = await m.frame();
        var answer = await m.waitResponse(values, stamp, m.plan.limit_ms, { early: true });
        m.setStimulus("", "");
        if (answer && answer.early) { return { early: true }; }
        return { answer: answer, t: m.toActive(stamp) };
      });
      if (result.early) {
        early += 1;
        m.say(m.t("early"));
        await pauseFor(1200);
        m.say("");
        continue;
      }
      var answer = result.answer;
      if (isPractice) {
        if (!answer) { m.say(m.t("slow")); }
        else if (side) { m.say(m.t(answer.value === side ? "correct" : "wrong")); }
        else { m.say(m.t("ms", { ms: Math.round(answer.rt) })); }
      }
      await pauseFor(isPractice ? 1000 : 500);
      m.say("");
      return { rt: answer ? answer.rt : null, answer: answer ? answer.value : null, early: early, t: round(result.t) };
    }
  }

  function reaction(choice) {
    return async function (isPractice) {
      var m = M();
      var plan = m.plan;
      var foreperiods = isPractice ? plan.practice : plan.trials;
      var sides = choice ? (isPractice ? plan.practice_sides : plan.sides) : null;
      var out = [];
      for (var i = 0; i < foreperiods.length; i++) {
        m.counter(isPractice, i + 1, foreperiods.length);
        var r = await rtTrial(foreperiods[i], sides ? sides[i] : null, isPractice);
        var row = { i: i, rt: r.rt, early: r.early, t: r.t };
        if (choice) { row.answer = r.answer; }
        out.push(row);
      }
      return isPractice ? null : out;
    };
  }

  // --- Stroop and arrows (flanker), its colour-free alternative (§7d) ---------------------------------
  // Fixation, then the stimulus until an answer (at most max_ms), then the inter-trial interval.
  function interference(values, draw, isRight, recorded) {
    return async function (isPractice) {
      var m = M();
      var plan = m.plan;
      var items = isPractice ? plan.practice : plan.trials;
      var out = [];
      for (var i = 0; i < items.length; i++) {
        m.counter(isPractice, i + 1, items.length);
        var item = items[i];
        var result = await m.uninterrupted(async function () {
          m.setStimulus("+", "ma-fixation");
          await m.wait(plan.fixation_ms);
          draw(item);
          var stamp = await m.frame();
          var answer = await m.waitResponse(values, stamp, plan.max_ms);
          m.setStimulus("", "");
          return { answer: answer, t: m.toActive(stamp) };
        });
        var answer = result.answer;
        if (isPractice) { m.say(answer ? m.t(isRight(answer.value, item) ? "correct" : "wrong") : m.t("slow")); }
        await pauseFor(plan.iti_ms + (isPractice ? 600 : 0));
        m.say("");
        out.push({ i: i, rt: answer ? answer.rt : null, answer: answer ? recorded(answer.value) : null, t: round(result.t) });
      }
      return isPractice ? null : out;
    };
  }
  var stroop = interference(["0", "1", "2", "3"],
    function (item) { M().setStimulus(M().t("colour-" + item.word).toLocaleUpperCase(), "ma-word ma-ink-" + item.ink); },
    function (value, item) { return Number(value) === item.ink; }, Number);
  var ARROWS = { left: "\u2190", right: "\u2192" };
  // Five arrows: the middle one is the target; the flankers point the same way (congruent) or the other way.
  var flanker = interference(["left", "right"],
    function (item) {
      var flank = ARROWS[item.congruent ? item.target : (item.target === "left" ? "right" : "left")];
      M().setStimulus([flank, flank, ARROWS[item.target], flank, flank].join(" "), "ma-arrows");
    },
    function (value, item) { return value === item.target; }, function (value) { return value; });

  // --- word list (§7e) --------------------------------------------------------------------------
  function present(words) {
    var m = M();
    var step = m.plan.word_ms || 2000;
    return m.uninterrupted(async function () {
      m.setStimulus("", "");
      await m.wait(500);
      var first = null;
      for (var k = 0; k < words.length; k++) {
        m.setStimulus(words[k], "ma-word");
        var stamp = await m.frame();
        if (first === null) { first = m.toActive(stamp); }
        await m.wait(step - 200);
        m.setStimulus("", "");
        await m.wait(200);
      }
      return first;
    });
  }

  function recall() {
    var m = M();
    var box = m.root.querySelector(".ma-recall");
    var area = box.querySelector("textarea");
    var timer = box.querySelector(".ma-timer");
    var limit = m.plan.recall_ms;
    box.hidden = false;
    area.value = "";
    area.focus();
    var start = m.activeNow();
    return new Promise(function (resolve) {
      var done = box.querySelector('[data-action="recall-done"]');
      function finish() {
        clearInterval(ticker);
        done.removeEventListener("click", finish);
        box.hidden = true;
        resolve({ text: area.value.slice(0, 2000), rt: round(Math.min(m.activeNow() - start, limit)), start: start });
      }
      var ticker = setInterval(function () {
        var left = limit - (m.activeNow() - start);
        timer.textContent = m.t("time-left", { s: Math.max(0, Math.ceil(left / 1000)) });
        if (left <= 0) { finish(); }
      }, 250);
      done.addEventListener("click", finish);
    });
  }

  async function words(isPractice) {
    var m = M();
    var plan = m.plan;
    if (isPractice) {
      m.counter(true, 1, 1);
      await present(plan.practice);
      var typed = (await recall()).text.toLowerCase();
      var found = plan.practice.filter(function (w) { return typed.indexOf(w.toLowerCase()) >= 0; }).length;
      m.say(m.t("recalled", { n: found, total: plan.practice.length }));
      await pauseFor(2500);
      return null;
    }
    var out = [];
    for (var i = 0; i < plan.trials; i++) {
      if (i > 0) { await between(m.t("words-trial", { n: i + 1, total: plan.trials }), m.t("words-again")); }
      m.counter(false, i + 1, plan.trials);
      var onset = await present(plan.words);
      var r = await recall();
      out.push({ i: i, text: r.text, rt: r.rt, t: round(onset) });
    }
    return out;
  }

  async function wordsDelayed() {
    var m = M();
    m.counter(false, 1, 1);
    var r = await recall();
    return [{ i: 0, text: r.text, rt: r.rt, t: round(Math.max(0, r.start)) }];
  }

  window.MemoActivTasks = {
    span_forward: span,
    span_backward: span,
    nback: nback,
    rt_simple: reaction(false),
    rt_choice: reaction(true),
    stroop: stroop,
    flanker: flanker,
    words: words,
    words_delayed: wordsDelayed
  };
})();
