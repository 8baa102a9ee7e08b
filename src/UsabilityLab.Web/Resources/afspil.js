// UsabilityLab workbench: plays a guided session's rrweb recording, or a clip of one, with the
// facilitator's notes as markers on the time line. Times shown count from the attempt's start, as
// the notes do.
(function () {
  "use strict";

  function clock(ms) {
    const seconds = Math.max(0, Math.floor(ms / 1000));
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  async function player(root) {
    const status = root.querySelector("[data-replay-status]");
    const stage = root.querySelector("[data-replay-stage]");
    const slider = root.querySelector("[data-replay-slider]");
    const play = root.querySelector("[data-replay-play]");
    const time = root.querySelector("[data-replay-time]");
    const markers = root.querySelector("[data-replay-markers]");

    let data;
    try {
      const response = await fetch(root.getAttribute("data-replay"), { headers: { "Accept": "application/json" }, credentials: "same-origin" });
      if (!response.ok) { status.textContent = "Optagelsen kunne ikke hentes (" + response.status + ")."; return; }
      data = await response.json();
    } catch (error) {
      status.textContent = "Optagelsen kunne ikke hentes: forbindelsen til workbenchen blev afbrudt.";
      return;
    }

    const events = Array.isArray(data) ? data : data.events;
    if (!events || events.length < 2) { status.textContent = "Optagelsen er tom."; return; }
    const replayer = new window.rrweb.Replayer(events, { root: stage, mouseTail: false, showWarning: false, skipInactive: false, triggerFocus: false });
    // rrweb's frame has no name of its own; a screen reader says what it is.
    const replayFrame = stage.querySelector("iframe");
    if (replayFrame) { replayFrame.title = "Den optagne side (afspilning)"; }
    const meta = replayer.getMetaData();
    // rrweb applies the events before an offset at once and the one at it a moment later, so the
    // end lies one millisecond past the last event (else a seek to the end misses the last page).
    const total = meta.totalTime + 1;

    // Recording time t is attempt time t - zero: the recording starts a moment after the attempt.
    const attemptStart = Number(root.getAttribute("data-attempt-start"));
    const zero = attemptStart > 0 ? attemptStart - meta.startTime : 0;
    const toRecording = function (attemptMs) { return Math.min(total, Math.max(0, attemptMs + zero)); };
    const toAttempt = function (recordingMs) { return recordingMs - zero; };

    let playing = false;
    let ticker = 0;

    function show(at) {
      slider.value = String(Math.round(at));
      time.textContent = clock(toAttempt(at)) + " / " + clock(toAttempt(total));
    }

    function seek(at, keepPlaying) {
      if (keepPlaying) { replayer.play(at); } else { replayer.pause(at); }
      show(at);
    }

    function setPlaying(value) {
      playing = value;
      play.textContent = playing ? "Pause" : "Afspil";
      window.clearInterval(ticker);
      if (playing) { ticker = window.setInterval(function () { show(replayer.getCurrentTime()); }, 200); }
    }

    function fit() {
      const frame = stage.querySelector("iframe");
      const wrapper = stage.querySelector(".replayer-wrapper");
      if (!frame || !wrapper) { return; }
      const width = Number(frame.getAttribute("width")) || frame.offsetWidth;
      const height = Number(frame.getAttribute("height")) || frame.offsetHeight;
      const scale = Math.min(1, (stage.clientWidth - 2) / width);
      wrapper.style.transform = "scale(" + scale + ")";
      stage.style.height = Math.ceil(height * scale) + 4 + "px";
    }

    replayer.on("resize", fit);
    replayer.on("finish", function () { setPlaying(false); show(total); });
    window.addEventListener("resize", fit);

    slider.max = String(total);
    slider.disabled = false;
    play.disabled = false;
    slider.addEventListener("input", function () { seek(Number(slider.value), playing); });
    play.addEventListener("click", function () {
      const at = Number(slider.value) >= total ? 0 : Number(slider.value);
      if (playing) { replayer.pause(); setPlaying(false); show(replayer.getCurrentTime()); } else { replayer.play(at); setPlaying(true); }
    });

    root.querySelectorAll("[data-replay-at]").forEach(function (button) {
      const at = toRecording(Number(button.getAttribute("data-replay-at")));
      const marker = document.createElement("span");
      marker.className = "markoer";
      marker.style.left = (total > 0 ? 100 * at / total : 0) + "%";
      marker.title = button.parentElement.textContent.trim();
      markers.append(marker);
      button.addEventListener("click", function () { seek(at, playing); stage.scrollIntoView({ block: "nearest" }); });
    });

    const startAt = root.getAttribute("data-start-at");
    const start = !Array.isArray(data) ? Math.min(total, data.start || 0) : startAt ? toRecording(Number(startAt)) : 0;
    seek(start, false);
    fit();
    status.textContent = "Klar: " + clock(total) + " optaget. Felternes indhold er maskeret.";
    root.setAttribute("data-replay-ready", "true");
  }

  document.querySelectorAll("[data-replay]").forEach(function (root) { player(root); });
})();
