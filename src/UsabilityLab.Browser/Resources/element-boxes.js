// For each CSS selector, the first matching element's box in document coordinates
// (x, y, width, height), or null when nothing matches or the element takes no space.
(selectors) => selectors.map((selector) => {
  let element = null;
  try { element = document.querySelector(selector); } catch (e) { return null; }
  if (!element) return null;
  const r = element.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height];
})
