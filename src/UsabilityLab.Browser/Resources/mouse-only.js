// Elements that act on the mouse but that the keyboard cannot reach (WCAG 2.1.1), for the keyboard
// pass: () => JSON [{ selector, html, box, name }]. An element counts when the page listens to it
// for clicks (addEventListener, recorded by click-listeners.js, or an on* handler), it looks
// clickable (the pointer cursor), it is visible and smaller than half the window (not a backdrop),
// it shows something (text, an image, a name), and neither it, anything in it nor anything around
// it takes focus with Tab: a container whose links and buttons the keyboard reaches, a label, and
// a handler delegated to the document are not counted.
() => {
  const helpers = window.__usabilityLab;
  const listening = window[Symbol.for('usabilitylab.clickables')];
  const candidates = new Set(typeof listening === 'function' ? listening() : []);
  for (const element of document.querySelectorAll('body *')) {
    if (element.onclick || element.onmousedown || element.onmouseup || element.onpointerdown || element.onpointerup) candidates.add(element);
  }
  const reachable = 'a[href], button, input, select, textarea, summary, label, iframe, [contenteditable=""], [contenteditable="true"], [tabindex]:not([tabindex^="-"])';
  const area = innerWidth * innerHeight;
  const found = [...candidates].filter(element => {
    if (!(element instanceof HTMLElement || element instanceof SVGElement) || !element.isConnected) return false;
    if (element === document.body || element === document.documentElement || element.closest('[inert], [aria-disabled="true"]')) return false;
    if (element.matches(':disabled') || element.closest(reachable) || element.querySelector(reachable)) return false;
    if (element instanceof HTMLElement && element.tabIndex >= 0 && element.matches('[tabindex], a[href], button, input, select, textarea, summary')) return false;
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const rect = element.getBoundingClientRect();
    if (rect.width < 4 || rect.height < 4 || rect.right + scrollX < 0 || rect.bottom + scrollY < 0 || rect.width * rect.height > area / 2) return false;
    if (getComputedStyle(element).cursor !== 'pointer') return false;
    return (element.textContent || '').trim() !== '' || element.matches('img, svg, [role="img"], [aria-label]') || element.querySelector('img, svg, [role="img"]') !== null;
  });

  // An element inside another that counts is the same control.
  const outermost = found.filter(element => !found.some(other => other !== element && other.contains(element)));
  return JSON.stringify(outermost.slice(0, 20).map(element => {
    const rect = element.getBoundingClientRect();
    return {
      selector: helpers ? helpers.selectorOf(element) : element.tagName.toLowerCase(),
      html: helpers ? helpers.html(element) : element.outerHTML.slice(0, 300),
      box: [rect.left + scrollX, rect.top + scrollY, rect.width, rect.height],
      name: (element.getAttribute('aria-label') || element.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60),
    };
  }));
}
