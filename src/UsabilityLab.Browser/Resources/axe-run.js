// Runs axe-core on the whole document and returns the result as JSON text, which crosses the
// Playwright protocol as one string instead of a deep object graph. Returns null when axe-core
// is not loaded in this document, so the caller can send the script and run again.
async (options) => {
  if (typeof window.axe !== 'object' || window.axe === null || typeof window.axe.run !== 'function') return null;
  return JSON.stringify(await window.axe.run(document, JSON.parse(options)));
}
