// Guided practice: one step of the routine at a time, with a timer per step.
//
// Progressive enhancement of the step list (routines/includes/routine_steps.html):
// without this file the page shows the plain ordered list, and the "Start guided
// practice" button stays hidden. Everything is read from the list itself (data
// attributes on each step, its picture and its text are cloned), so nothing here
// depends on the request and cached pages stay the same for every reader.
//
// Screen readers hear only meaningful changes (a new step, started, paused,
// resumed, halfway, whole minutes left on long steps, step finished), never every
// second. No sound unless the reader ticks the box; the beep is generated with
// the Web Audio API, and no AudioContext exists before that. No animation here:
// the stylesheet adds its few transitions only for prefers-reduced-motion:
// no-preference.
(function () {
  "use strict";

  var TICK_MS = 250;
  var panelCount = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") {
        node.textContent = attrs[name];
      } else {
        node.setAttribute(name, attrs[name]);
      }
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // 75 -> "01:15" (what the clock shows)
  function clock(seconds) {
    return pad(Math.floor(seconds / 60)) + ":" + pad(seconds % 60);
  }

  // 75 -> "1 minute 15 seconds" (what a screen reader says)
  function spoken(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    var parts = [];
    if (minutes) {
      parts.push(minutes + (minutes === 1 ? " minute" : " minutes"));
    }
    if (rest || !minutes) {
      parts.push(rest + (rest === 1 ? " second" : " seconds"));
    }
    return parts.join(" ");
  }

  function readSteps(list) {
    var steps = [];
    list.querySelectorAll("li[data-step-duration]").forEach(function (item) {
      var duration = parseInt(item.getAttribute("data-step-duration"), 10);
      if (!(duration > 0)) {
        return;
      }
      steps.push({
        item: item,
        order: item.getAttribute("data-step-order") || String(steps.length + 1),
        duration: duration,
        side: item.getAttribute("data-step-side") || "",
        code: item.getAttribute("data-point-code") || "",
        name: item.getAttribute("data-point-name") || "",
        english: item.getAttribute("data-point-english") || "",
      });
    });
    return steps;
  }

  // A copy of part of the step for the panel: no ids (they must stay unique),
  // pictures loaded at once, and headings one level down (the step's title is
  // the panel's h4).
  function cloneForPanel(source) {
    if (!source) {
      return null;
    }
    var copy = source.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (node) {
      node.removeAttribute("id");
    });
    copy.querySelectorAll("img[loading]").forEach(function (img) {
      img.removeAttribute("loading");
    });
    copy.querySelectorAll("h4").forEach(function (heading) {
      var lower = document.createElement("h5");
      lower.append.apply(lower, Array.prototype.slice.call(heading.childNodes));
      heading.replaceWith(lower);
    });
    return copy;
  }

  function Practice(list, startButton) {
    this.list = list;
    this.startButton = startButton;
    this.steps = readSteps(list);
    this.index = 0;
    this.remainingMs = 0;
    this.endAt = 0;
    this.running = false;
    this.started = false; // the current step's timer has run at some point
    this.finished = false;
    this.lastSecond = null;
    this.interval = null;
    this.audio = null;
    this.lastMessage = "";
  }

  Practice.prototype.build = function () {
    var id = "practice-" + ++panelCount;
    this.countText = el("p", { class: "practice__count" });
    this.heading = el("h3", { class: "practice__heading", id: id + "-heading", text: "Guided practice" });
    this.title = el("h4", { class: "practice__title" });
    this.figureSlot = el("div", { class: "practice__figure" });
    this.clockText = el("span", { class: "practice__clock", role: "timer", id: id + "-clock" });
    this.progress = el("progress", { class: "practice__progress", "aria-label": "Time pressed in this step" });
    this.toggleButton = el("button", { type: "button", class: "button practice__toggle" });
    this.previousButton = el("button", { type: "button", class: "button button--secondary", text: "Previous step" });
    this.nextButton = el("button", { type: "button", class: "button button--secondary", text: "Next step" });
    this.status = el("p", { class: "practice__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.autoAdvance = el("input", { type: "checkbox", id: id + "-auto" });
    this.sound = el("input", { type: "checkbox", id: id + "-sound" });
    this.exitButton = el("button", { type: "button", class: "button button--secondary practice__exit", text: "Exit guided practice" });
    this.detailsSlot = el("div", { class: "practice__details" });

    this.panel = el("section", { class: "practice", id: id, "aria-labelledby": id + "-heading", tabindex: "-1" }, [
      el("div", { class: "practice__top" }, [this.heading, this.countText]),
      this.title,
      el("div", { class: "practice__layout" }, [
        this.figureSlot,
        el("div", { class: "practice__main" }, [
          el("div", { class: "practice__timer" }, [
            el("p", { class: "practice__clock-line" }, [
              el("span", { class: "practice__clock-label", text: "Time left" }),
              this.clockText,
            ]),
            this.progress,
          ]),
          el("div", { class: "practice__controls", role: "group", "aria-label": "Timer and steps" }, [
            this.toggleButton,
            this.previousButton,
            this.nextButton,
          ]),
          this.status,
          el("fieldset", { class: "practice__options" }, [
            el("legend", { text: "Options" }),
            el("p", { class: "practice__option" }, [
              this.autoAdvance,
              el("label", { for: id + "-auto", text: "Go on to the next step by itself when the time is up" }),
            ]),
            el("p", { class: "practice__option" }, [
              this.sound,
              el("label", { for: id + "-sound", text: "Play a sound when a step ends" }),
            ]),
          ]),
          el("p", { class: "practice__exit-row" }, [this.exitButton]),
          this.detailsSlot,
        ]),
      ]),
    ]);
    this.panel.hidden = true;
    this.list.before(this.panel);

    this.startButton.setAttribute("aria-controls", id);
    this.startButton.setAttribute("aria-expanded", "false");
    this.startButton.hidden = false;

    var self = this;
    this.startButton.addEventListener("click", function () {
      self.open();
    });
    this.toggleButton.addEventListener("click", function () {
      self.toggle();
    });
    this.previousButton.addEventListener("click", function () {
      self.go(-1);
    });
    this.nextButton.addEventListener("click", function () {
      self.go(1);
    });
    this.exitButton.addEventListener("click", function () {
      self.close();
    });
    this.sound.addEventListener("change", function () {
      if (self.sound.checked) {
        self.prepareAudio();
      }
    });
    this.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        self.close();
      } else if (
        (event.key === " " || event.key === "Spacebar") &&
        (event.target === self.panel || event.target === self.clockText)
      ) {
        // Space on the panel itself (not on a control) starts or pauses.
        event.preventDefault();
        self.toggle();
      }
    });
    this.showStep(0, true);
  };

  Practice.prototype.step = function () {
    return this.steps[this.index];
  };

  Practice.prototype.announce = function (message) {
    // The same words twice in a row are not read again unless the text changes.
    if (message === this.lastMessage) {
      message += "\u00a0";
    }
    this.lastMessage = message;
    this.status.textContent = message;
  };

  Practice.prototype.describeStep = function () {
    var step = this.step();
    var text = "Step " + (this.index + 1) + " of " + this.steps.length + ": " + step.code + " " + step.name;
    if (step.english) {
      text += " (" + step.english + ")";
    }
    text += ". " + (step.side ? "Side: " + step.side + ". " : "") + "Time: " + spoken(step.duration) + ".";
    return text;
  };

  Practice.prototype.showStep = function (index, silent) {
    this.stopTicking();
    this.index = Math.max(0, Math.min(index, this.steps.length - 1));
    var step = this.step();
    this.remainingMs = step.duration * 1000;
    this.started = false;
    this.finished = false;
    this.lastSecond = step.duration;

    this.countText.textContent = "Step " + (this.index + 1) + " of " + this.steps.length;
    this.title.replaceChildren(el("span", { class: "point-code", text: step.code }), " " + step.name);
    if (step.english) {
      this.title.append(" ", el("span", { class: "subtle", text: "(" + step.english + ")" }));
    }
    var figure = cloneForPanel(step.item.querySelector(".step__figure"));
    this.figureSlot.replaceChildren.apply(this.figureSlot, figure ? [figure] : []);
    this.figureSlot.hidden = !figure;
    var details = cloneForPanel(step.item.querySelector(".step__text"));
    this.detailsSlot.replaceChildren.apply(this.detailsSlot, details ? [details] : []);
    this.progress.max = step.duration;
    this.setDisabled(this.previousButton, this.index === 0);
    this.setDisabled(this.nextButton, this.index === this.steps.length - 1);
    this.updateClock();
    this.updateToggle();
    if (!silent) {
      this.announce(this.describeStep() + " Select Start timer when you are ready.");
    }
  };

  // aria-disabled rather than disabled: a focused button keeps its focus.
  Practice.prototype.setDisabled = function (button, disabled) {
    if (disabled) {
      button.setAttribute("aria-disabled", "true");
    } else {
      button.removeAttribute("aria-disabled");
    }
  };

  Practice.prototype.secondsLeft = function () {
    return Math.max(0, Math.ceil(this.remainingMs / 1000));
  };

  Practice.prototype.updateClock = function () {
    var left = this.secondsLeft();
    this.clockText.textContent = clock(left);
    this.progress.value = this.step().duration - left;
  };

  Practice.prototype.updateToggle = function () {
    var label = "Start timer";
    if (this.running) {
      label = "Pause timer";
    } else if (this.finished) {
      label = "Start this step again";
    } else if (this.started) {
      label = "Resume timer";
    }
    this.toggleButton.textContent = label;
    this.panel.classList.toggle("practice--running", this.running);
  };

  Practice.prototype.open = function () {
    if (this.panel.hidden) {
      this.panel.hidden = false;
      this.startButton.setAttribute("aria-expanded", "true");
      // Opened again: the reader carries on where they left off.
      this.announce(
        this.describeStep() +
          (this.started && !this.finished
            ? " Paused with " + spoken(this.secondsLeft()) + " left."
            : " Select Start timer when you are ready.")
      );
    }
    this.panel.focus();
  };

  Practice.prototype.close = function () {
    this.stopTicking();
    this.updateToggle();
    this.panel.hidden = true;
    this.startButton.setAttribute("aria-expanded", "false");
    this.startButton.focus();
  };

  Practice.prototype.toggle = function () {
    if (this.running) {
      this.pause();
    } else {
      this.start();
    }
  };

  Practice.prototype.start = function (quiet) {
    var resuming = this.started && !this.finished;
    if (this.finished) {
      this.remainingMs = this.step().duration * 1000;
      this.lastSecond = this.step().duration;
      this.finished = false;
    }
    this.started = true;
    this.running = true;
    this.endAt = Date.now() + this.remainingMs;
    var self = this;
    this.interval = window.setInterval(function () {
      self.tick();
    }, TICK_MS);
    this.updateClock();
    this.updateToggle();
    if (!quiet) {
      this.announce(
        resuming
          ? "Resumed: " + spoken(this.secondsLeft()) + " left."
          : "Timer started: " + spoken(this.secondsLeft()) + "."
      );
    }
  };

  Practice.prototype.pause = function () {
    this.stopTicking();
    this.updateClock();
    this.updateToggle();
    this.announce("Paused with " + spoken(this.secondsLeft()) + " left.");
  };

  Practice.prototype.stopTicking = function () {
    if (this.running) {
      this.remainingMs = Math.max(0, this.endAt - Date.now());
    }
    this.running = false;
    if (this.interval !== null) {
      window.clearInterval(this.interval);
      this.interval = null;
    }
  };

  // Seconds left at which the reader hears how far along the step is: halfway,
  // and every whole minute on steps longer than two minutes.
  Practice.prototype.milestone = function (from, to) {
    var duration = this.step().duration;
    var half = Math.floor(duration / 2);
    for (var s = from - 1; s >= to; s--) {
      if (s <= 0) {
        break;
      }
      if (duration >= 20 && s === half) {
        return "Halfway: " + spoken(s) + " left.";
      }
      if (duration > 120 && s % 60 === 0) {
        return spoken(s) + " left.";
      }
    }
    return null;
  };

  Practice.prototype.tick = function () {
    this.remainingMs = Math.max(0, this.endAt - Date.now());
    if (this.remainingMs <= 0) {
      this.finish();
      return;
    }
    var left = this.secondsLeft();
    if (left !== this.lastSecond) {
      var message = this.milestone(this.lastSecond, left);
      this.lastSecond = left;
      this.updateClock();
      if (message) {
        this.announce(message);
      }
    }
  };

  Practice.prototype.finish = function () {
    this.stopTicking();
    this.remainingMs = 0;
    this.finished = true;
    this.updateClock();
    this.updateToggle();
    this.beep();
    var done = "Step " + (this.index + 1) + " finished.";
    if (this.index === this.steps.length - 1) {
      this.announce(done + " That was the last step: the routine is complete.");
    } else if (this.autoAdvance.checked) {
      this.showStep(this.index + 1, true);
      this.start(true);
      this.announce(done + " " + this.describeStep() + " Timer started.");
    } else {
      this.announce(done + " Select Next step when you are ready.");
    }
  };

  Practice.prototype.go = function (delta) {
    var target = this.index + delta;
    if (target < 0 || target >= this.steps.length) {
      return;
    }
    this.showStep(target);
  };

  // Made only when the reader asks for sound (a click, so the browser allows it).
  Practice.prototype.prepareAudio = function () {
    var AudioContextClass = window.AudioContext || window.webkitAudioContext;
    if (!this.audio && AudioContextClass) {
      try {
        this.audio = new AudioContextClass();
      } catch (error) {
        this.audio = null;
      }
    }
    if (this.audio && this.audio.state === "suspended") {
      this.audio.resume();
    }
  };

  // A short, soft beep (880 Hz for about 0.4 s): no audio file, nothing fetched.
  Practice.prototype.beep = function () {
    if (!this.sound.checked || !this.audio) {
      return;
    }
    var context = this.audio;
    var now = context.currentTime;
    var oscillator = context.createOscillator();
    var gain = context.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.4);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(now);
    oscillator.stop(now + 0.45);
  };

  function init() {
    document.querySelectorAll("[data-practice-steps]").forEach(function (list) {
      var scope = list.parentElement;
      var startButton = scope && scope.querySelector("[data-practice-start]");
      if (!startButton) {
        return;
      }
      var practice = new Practice(list, startButton);
      if (practice.steps.length) {
        practice.build();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
