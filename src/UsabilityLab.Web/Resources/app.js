// UsabilityLab workbench. The pages are server-rendered and work without this file; it only keeps
// the progress of a running audit live.
(function () {
  "use strict";
  const panel = document.querySelector("[data-run-status]");
  if (!panel) { return; }
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
      item.textContent = (step.passed ? "✓ " : "✗ ") + step.name + " · " + step.findings + " fund";
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
})();
