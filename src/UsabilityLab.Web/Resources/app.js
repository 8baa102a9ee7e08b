// UsabilityLab workbench. The pages are server-rendered and work without this file; it keeps the
// progress of a running audit live, and a guided session's timeline and notes on the facilitator's page.
(function () {
  "use strict";

  function clock(ms) {
    const seconds = Math.max(0, Math.floor(ms / 1000));
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function auditProgress(panel) {
    const url = panel.getAttribute("data-run-status");
    const bar = panel.querySelector(".fremdrift span");
    const text = panel.querySelector("[data-run-text]");
    const steps = panel.querySelector("[data-run-steps]");

    function render(run) {
      const done = run.finished.length;
      const percent = run.stepCount > 0 ? Math.round(100 * done / run.stepCount) : 0;
      bar.style.width = percent + "%";
      panel.querySelector(".fremdrift").setAttribute("aria-valuenow", String(percent));
      text.textContent = run.text;
      steps.replaceChildren(...run.finished.map(function (step) {
        const item = document.createElement("li");
        item.textContent = (step.passed ? "✓ " : "✗ ") + step.name + " · " + step.label;
        return item;
      }));
    }

    async function poll() {
      try {
        const response = await fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" });
        if (!response.ok) { text.textContent = "Status kunne ikke hentes (" + response.status + ")."; return; }
        const run = await response.json();
        render(run);
        if (run.state === "Completed" && run.auditUrl) { window.location.assign(run.auditUrl); return; }
        if (run.state === "Failed") { return; }
      } catch (error) {
        text.textContent = "Forbindelsen til workbenchen blev afbrudt; prøver igen ...";
      }
      window.setTimeout(poll, 500);
    }

    poll();
  }

  // The facilitator's page: the timeline and notes follow the citizen's window, and keys 1-5 add a
  // note with that tag at once (Alt+1-5 while typing in the note field).
  function liveAttempt(panel) {
    const url = panel.getAttribute("data-live-attempt");
    const wasLive = panel.getAttribute("data-live") === "true";
    const timeline = panel.querySelector("[data-timeline]");
    const notes = panel.querySelector("[data-notes]");
    const elapsed = panel.querySelector("[data-elapsed]");
    const seq = panel.querySelector("[data-seq]");
    const form = panel.querySelector("[data-note-form]");
    const status = form ? form.querySelector("[data-note-status]") : null;
    let timer = 0;
    let idle = 0;

    function line(at, parts, className) {
      const item = document.createElement("li");
      if (className) { item.className = className; }
      const time = document.createElement("span");
      time.className = "tid";
      time.textContent = clock(at);
      item.append(time, " ", ...parts);
      return item;
    }

    function render(attempt) {
      timeline.replaceChildren(...attempt.timeline.map(function (entry) {
        return line(entry.at, [entry.kind + ": " + entry.text], entry.error ? "fejl" : "");
      }));
      notes.replaceChildren(...attempt.notes.map(function (note) {
        const tag = document.createElement("span");
        tag.className = "maerke";
        tag.textContent = note.tag;
        return line(note.at, [tag, " " + note.text]);
      }));
      if (attempt.live) { elapsed.textContent = "Optager · " + clock(attempt.elapsedMs); }
      if (seq && attempt.seq) { seq.textContent = "SEQ: " + attempt.seq + " af 7"; }
    }

    async function poll() {
      window.clearTimeout(timer);
      try {
        const response = await fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" });
        if (response.ok) {
          const attempt = await response.json();
          render(attempt);
          // Finished from somewhere else (another tab): show the finished page.
          if (wasLive && !attempt.live && attempt.outcome) { window.location.reload(); return; }
          // After the outcome only the SEQ answer can still come; wait two minutes for it at most.
          if (!attempt.live && (attempt.seq || ++idle > 120)) { return; }
        }
      } catch (error) {
        elapsed.textContent = "Forbindelsen til workbenchen blev afbrudt; prøver igen ...";
      }
      timer = window.setTimeout(poll, 1000);
    }

    async function addNote(tag, label) {
      const data = new FormData(form);
      data.set("maerke", tag);
      const text = form.querySelector("textarea");
      status.textContent = "Gemmer noten (" + label + ") ...";
      try {
        const response = await fetch(form.action, { method: "POST", body: data, headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" });
        if (!response.ok) { status.textContent = await response.text(); return; }
        text.value = "";
        status.textContent = "Noten er gemt: " + label + ".";
        poll();
      } catch (error) {
        status.textContent = "Noten kunne ikke gemmes: forbindelsen til workbenchen blev afbrudt. Prøv igen.";
      }
    }

    if (form) {
      const buttons = Array.from(form.querySelectorAll("button[name=maerke]"));
      form.addEventListener("submit", function (event) {
        const button = event.submitter;
        if (!button || button.name !== "maerke") { return; }
        event.preventDefault();
        addNote(button.value, button.textContent.replace(/^\s*\d\s*/, "").trim());
      });
      document.addEventListener("keydown", function (event) {
        if (event.ctrlKey || event.metaKey || event.repeat) { return; }
        const button = buttons.find(function (b) { return b.value === event.key || ("Digit" + b.value) === event.code; });
        if (!button) { return; }
        const typing = event.target.closest && event.target.closest("input, textarea, select");
        if (typing && !event.altKey) { return; }
        event.preventDefault();
        addNote(button.value, button.textContent.replace(/^\s*\d\s*/, "").trim());
      });
    }

    poll();
  }

  const run = document.querySelector("[data-run-status]");
  if (run) { auditProgress(run); }
  const attempt = document.querySelector("[data-live-attempt]");
  if (attempt) { liveAttempt(attempt); }
})();
