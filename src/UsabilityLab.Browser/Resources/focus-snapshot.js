// Remembers, once per document, how every focusable element looks without focus (outline, shadow,
// border, background, colour, underline), so each Tab stop can be compared with it. Elements added
// later are remembered on the next call. Returns how many elements take focus with Tab.
() => {
  const selector = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, iframe, summary, [contenteditable="true"], [tabindex]';
  if (!window.__usabilityLabUnfocused) {
    const look = (el) => {
      const s = getComputedStyle(el);
      return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderTopColor, s.borderTopWidth, s.borderBottomColor, s.backgroundColor, s.color, s.textDecorationLine].join('|');
    };
    window.__usabilityLabUnfocused = { snapshot: new WeakMap(), look };
  }
  const remembered = window.__usabilityLabUnfocused;
  let tabbable = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (!remembered.snapshot.has(el) && el !== document.activeElement) remembered.snapshot.set(el, remembered.look(el));
    if (el.tabIndex >= 0 && !el.disabled) tabbable++;
  }
  return tabbable;
}
