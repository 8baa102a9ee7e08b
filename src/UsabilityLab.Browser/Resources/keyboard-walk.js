// The page-wide keyboard walk (KeyboardTraps, KeyboardExploration): ([op, index]) =>
//   ['mark']      lists the elements in the sequential focus order (focusable, tabindex >= 0, visible),
//                 keeps them on the page's window, puts an edge at each end of the body (see below)
//                 and returns how many there are; axe-core decides focusability and visibility where
//                 it is in the page (the ACT report), the browser's own tabIndex, :disabled and
//                 checkVisibility elsewhere (an audit's keyboard pass);
//   ['unmark']    takes the edges away again;
//   ['focus', i]  focuses the i-th (after blurring whatever has focus);
//   ['where']     the index of the focused element: -1 when focus is on no listed element (the
//                 document itself, the browser's own interface, a frame's content, an edge);
//   ['visit']     where, and whether the focused element is entirely hidden behind content that is
//                 position: fixed or sticky (WCAG 2.4.11): JSON { at, hidden: null | { ... } };
//   ['hidden', i] whether the i-th, focused, is entirely hidden so (asked again once scrolling settled);
//   ['describe', i] a short description of the i-th: tag, name, selector, HTML, box, and whether an
//                 open modal dialog holds it;
//   ['order']     the listed elements with a tabindex above 0, which put themselves first in the order;
//   ['start']     focus back to the start of the document, as on arrival, so Tab goes to the first element.
([op, index]) => {
  const key = Symbol.for('usabilitylab.tabbables');
  const helpers = window.__usabilityLab;
  const selectorOf = el => helpers ? helpers.selectorOf(el) : el.tagName.toLowerCase();
  const htmlOf = el => helpers ? helpers.html(el) : el.outerHTML.slice(0, 300);
  const boxOf = el => {
    const r = el.getBoundingClientRect();
    return [r.left + scrollX, r.top + scrollY, r.width, r.height];
  };
  const nameOf = el => (el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || el.getAttribute('value') || '')
    .trim().replace(/\s+/g, ' ').slice(0, 60);
  const nativelyTabbable = el => el instanceof HTMLElement && el.tabIndex >= 0 && !el.closest('[inert]')
    && !el.matches(':disabled') && !(el instanceof HTMLInputElement && el.type === 'hidden')
    && !(el instanceof HTMLAnchorElement && !el.hasAttribute('href') && !el.hasAttribute('tabindex'))
    && el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0;
  const coveredBy = el => {
    // Entirely hidden: every sampled point of its part in the viewport is on fixed or sticky content
    // that neither holds it nor is held by it. A part out of the viewport is not judged here.
    const r = el.getBoundingClientRect();
    const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
    if (right - left < 1 || bottom - top < 1) return null;
    let cover = null;
    for (const fx of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      for (const fy of [0.15, 0.5, 0.85]) {
        const hit = document.elementFromPoint(left + (right - left) * fx, top + (bottom - top) * fy);
        if (!hit || el.contains(hit) || hit.contains(el)) return null;
        let fixed = null;
        for (let node = hit; node && node !== document.documentElement; node = node.parentElement) {
          const position = getComputedStyle(node).position;
          if (position === 'fixed' || position === 'sticky') { fixed = node; break; }
        }
        if (!fixed || fixed.contains(el)) return null;
        cover = cover || fixed;
      }
    }
    return cover && { selector: selectorOf(el), html: htmlOf(el), box: boxOf(el), name: nameOf(el), by: selectorOf(cover), byHtml: htmlOf(cover) };
  };
  // Focus that leaves the page at either end lands on an edge: an invisible element in the focus
  // order, first and last in the body, put there for the walk. Without them, headless Chromium may
  // hand focus from the browser's own interface straight back to the other end of the page before
  // anyone sees it leave. A script that pulls focus back (on blur) still pulls it off the edge.
  const edgeKey = Symbol.for('usabilitylab.edges');
  const unmark = () => { (window[edgeKey] || []).forEach(edge => edge.remove()); window[edgeKey] = []; };
  if (op === 'mark') {
    unmark();
    const axe = window.axe;
    if (typeof axe === 'object' && axe !== null) {
      axe.setup(document);
      try {
        window[key] = axe.utils.querySelectorAll(axe._tree[0], '*')
          .map(node => node.actualNode)
          .filter(element => element instanceof HTMLElement && element.tabIndex >= 0 && !element.closest('[inert]')
            && axe.commons.dom.isFocusable(element) && axe.commons.dom.isVisibleOnScreen(element));
      } finally {
        axe.teardown();
      }
    } else {
      window[key] = [...document.querySelectorAll('*')].filter(nativelyTabbable);
    }
    if (document.body instanceof HTMLElement) {
      const edge = () => {
        const element = document.createElementNS('http://www.w3.org/1999/xhtml', 'span');
        element.tabIndex = 0;
        element.setAttribute('aria-hidden', 'true');
        element.style.cssText = 'position: fixed; left: 0; top: 0; width: 1px; height: 1px; overflow: hidden; opacity: 0; pointer-events: none';
        return element;
      };
      window[edgeKey] = [edge(), edge()];
      document.body.prepend(window[edgeKey][0]);
      document.body.append(window[edgeKey][1]);
    }
    return window[key].length;
  }
  const list = window[key] || [];
  const where = () => {
    const active = document.activeElement;
    if (!document.hasFocus() || !active || active === document.body || active === document.documentElement) return -1;
    if ((window[edgeKey] || []).includes(active)) return -1;
    return list.indexOf(active);
  };
  if (op === 'focus') {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    list[index]?.focus();
    return 0;
  }
  if (op === 'where') return where();
  if (op === 'visit') {
    const at = where();
    return JSON.stringify({ at, hidden: at >= 0 ? coveredBy(list[at]) : null });
  }
  if (op === 'hidden') {
    const element = list[index];
    return element && document.activeElement === element ? JSON.stringify(coveredBy(element)) : null;
  }
  if (op === 'describe') {
    const element = list[index];
    if (!element) return null;
    const modal = element.closest('dialog:modal, [role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]');
    return JSON.stringify({ tag: element.tagName.toLowerCase(), name: nameOf(element), selector: selectorOf(element), html: htmlOf(element), box: boxOf(element), inModal: modal !== null });
  }
  if (op === 'order') {
    return JSON.stringify(list.filter(element => element.tabIndex > 0)
      .map(element => ({ selector: selectorOf(element), html: htmlOf(element), box: boxOf(element), name: nameOf(element), tabindex: element.tabIndex })));
  }
  if (op === 'unmark') {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    unmark();
    return 0;
  }
  if (op === 'start') {
    unmark();
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    if (document.body instanceof HTMLElement) {
      const marker = document.createElementNS('http://www.w3.org/1999/xhtml', 'span');
      marker.tabIndex = -1;
      document.body.prepend(marker);
      marker.focus({ preventScroll: true });
      marker.remove();
    }
    scrollTo(0, 0);
    return 0;
  }
  return null;
}
