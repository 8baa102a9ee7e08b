// For each selector, the first matching element's box in document coordinates (x, y, width,
// height), or null when nothing matches or the element takes no space. A selector as axe-core
// gives it for an element in a shadow root or a same-origin frame is its path, joined with " >>> ":
// each part is looked up inside the shadow root or the document of the element before it.
(selectors) => selectors.map((selector) => {
  let root = document;
  let offsetX = window.scrollX;
  let offsetY = window.scrollY;
  let element = null;
  const parts = selector.split(' >>> ');
  for (let i = 0; i < parts.length; i++) {
    try { element = root.querySelector(parts[i]); } catch (e) { return null; }
    if (!element) return null;
    if (i === parts.length - 1) break;
    if (element.shadowRoot) {
      root = element.shadowRoot;
    } else if (element.contentDocument) {
      const frame = element.getBoundingClientRect();
      offsetX += frame.left + element.clientLeft;
      offsetY += frame.top + element.clientTop;
      root = element.contentDocument;
    } else {
      return null;
    }
  }
  const r = element.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  return [r.left + offsetX, r.top + offsetY, r.width, r.height];
})
