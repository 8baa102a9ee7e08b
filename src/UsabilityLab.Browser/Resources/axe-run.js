// Runs axe-core on the whole document and returns the result as JSON text, which crosses the
// Playwright protocol in one string instead of a deep object graph.
async (options) => JSON.stringify(await window.axe.run(document, JSON.parse(options)))
