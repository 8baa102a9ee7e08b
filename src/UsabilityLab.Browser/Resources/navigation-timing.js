// The current document's navigation as the browser measured it: when it began (timeOrigin, to tell
// a new document from the same one) and how long the citizen waited for the solution to answer,
// from the request (redirects included) until the document had arrived (responseEnd). Rendering
// after that is left out: it runs on this machine's CPU, which the audit's own checks share, not
// on the citizen's. Null fields when the browser has no navigation entry (about:blank).
() => {
  const entry = performance.getEntriesByType('navigation')[0];
  return { origin: performance.timeOrigin, waitMs: entry && entry.responseEnd > 0 ? Math.round(entry.responseEnd - entry.startTime) : null };
}
