// Focus lost to the page after an action (WCAG 2.4.3), for the keyboard pass: (element) =>
//   given the element about to be pressed: remembers it, the address and the heading; null;
//   given nothing, after the press: JSON { selector, html, box, name } of the pressed element when
//   it is gone or hidden and focus fell to the document, in the same document, on the same address
//   and under the same heading (a view that changed is a new page, not judged here); else null.
(element) => {
  const key = Symbol.for('usabilitylab.pressed');
  const heading = () => (document.querySelector('h1')?.textContent || '').trim();
  if (element instanceof Element) {
    const helpers = window.__usabilityLab;
    const r = element.getBoundingClientRect();
    window[key] = {
      element, url: location.href, heading: heading(),
      described: {
        selector: helpers ? helpers.selectorOf(element) : element.tagName.toLowerCase(),
        html: helpers ? helpers.html(element) : element.outerHTML.slice(0, 300),
        box: [r.left + scrollX, r.top + scrollY, r.width, r.height],
        name: (element.getAttribute('aria-label') || element.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60),
      },
    };
    return null;
  }
  const pressed = window[key];
  delete window[key];
  if (!pressed || pressed.url !== location.href || pressed.heading !== heading()) return null;
  const active = document.activeElement;
  const onDocument = !active || active === document.body || active === document.documentElement;
  const gone = !pressed.element.isConnected || !pressed.element.checkVisibility({ visibilityProperty: true });
  return onDocument && gone ? JSON.stringify(pressed.described) : null;
}
