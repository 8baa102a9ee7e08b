// Resolves after the browser has laid out and painted the next frame (e.g. after a viewport change).
() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))
