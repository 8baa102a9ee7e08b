// Put into every document of the keyboard pass before the page's own scripts: remembers the
// elements the page listens to for clicks and presses on, so the page-wide keyboard walk can name
// elements that act on the mouse but cannot be reached with Tab (mouse-only.js). The listeners
// themselves are left exactly as the page adds them.
(() => {
  const key = Symbol.for('usabilitylab.clickables');
  if (window[key]) return;
  const kinds = new Set(['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup']);
  const seen = new WeakSet();
  const listened = [];
  const original = EventTarget.prototype.addEventListener;
  Object.defineProperty(window, key, { value: () => listened.map(ref => ref.deref()).filter(Boolean) });
  EventTarget.prototype.addEventListener = function addEventListener(type, listener, options) {
    if (kinds.has(type) && this instanceof Element && !seen.has(this)) {
      seen.add(this);
      listened.push(new WeakRef(this));
    }
    return original.call(this, type, listener, options);
  };
})();
