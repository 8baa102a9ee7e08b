// The longest request a page made to fetch data (fetch or XMLHttpRequest) while a step's actions
// ran, as the browser measured it: from the request to the end of its response. "mark" notes when
// the actions begin; "read" returns the longest such request since, or null when there was none
// or this is another document (the navigation's own timing counts then).
(mode) => {
  if (mode === 'mark') {
    performance.setResourceTimingBufferSize(Math.max(1000, performance.getEntriesByType('resource').length + 500));
    window.__usabilitylabActions = performance.now();
    return null;
  }

  const start = window.__usabilitylabActions;
  if (typeof start !== 'number') {
    return null;
  }

  let longest = null;
  for (const entry of performance.getEntriesByType('resource')) {
    if ((entry.initiatorType === 'fetch' || entry.initiatorType === 'xmlhttprequest') && entry.startTime >= start && entry.responseEnd > 0) {
      const from = entry.requestStart > 0 ? entry.requestStart : entry.startTime;
      longest = Math.max(longest ?? 0, Math.round(entry.responseEnd - from));
    }
  }

  return longest;
}
