// The current document's navigation as the browser measured it: when it began (timeOrigin, to tell
// a new document from the same one) and how long the solution took to answer: its redirects, and
// from the document's request being sent until its response had arrived (requestStart to
// responseEnd). The browser's own work before the request (unloading the previous page) and the
// rendering after it are left out: they run on this machine's CPU, which the audit's checks and
// other audits share, not on the citizen's. Null fields when there is no navigation entry (about:blank).
() => {
  const entry = performance.getEntriesByType('navigation')[0];
  if (!entry || !(entry.responseEnd > 0)) {
    return { origin: performance.timeOrigin, waitMs: null };
  }

  const redirects = entry.redirectEnd > entry.redirectStart ? entry.redirectEnd - entry.redirectStart : 0;
  const request = entry.requestStart > 0 ? entry.responseEnd - entry.requestStart : entry.responseEnd - entry.startTime;
  return { origin: performance.timeOrigin, waitMs: Math.round(redirects + request) };
}
