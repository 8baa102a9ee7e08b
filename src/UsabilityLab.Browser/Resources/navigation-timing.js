// The current document's navigation as the browser measured it: when it began (timeOrigin, to tell
// a new document from the same one) and how long the citizen waited for it, from the request to the
// end of its load event. Null fields when the browser has no navigation entry (about:blank).
() => {
  const entry = performance.getEntriesByType('navigation')[0];
  const end = entry ? (entry.loadEventEnd || entry.domContentLoadedEventEnd || entry.responseEnd) : 0;
  return { origin: performance.timeOrigin, waitMs: entry && end > 0 ? Math.round(end - entry.startTime) : null };
}
