// The page-wide keyboard walk (KeyboardTraps): ([op, index]) =>
//   ['mark']      lists the elements in the sequential focus order (focusable, tabindex >= 0, visible),
//                 keeps them on the page's window and returns how many there are;
//   ['focus', i]  focuses the i-th (after blurring whatever has focus);
//   ['where']     the index of the focused element: -1 when focus is on no listed element (the
//                 document itself, the browser's own interface, a frame's content);
//   ['describe', i] a short description of the i-th: tag, name, and whether an open modal dialog holds it.
// axe-core (in the page already) decides focusability and visibility.
([op, index]) => {
  const key = Symbol.for('usabilitylab.tabbables');
  if (op === 'mark') {
    if (typeof window.axe !== 'object' || window.axe === null) return 0;
    const axe = window.axe;
    axe.setup(document);
    try {
      window[key] = axe.utils.querySelectorAll(axe._tree[0], '*')
        .map(node => node.actualNode)
        .filter(element => element instanceof HTMLElement && element.tabIndex >= 0 && !element.closest('[inert]')
          && axe.commons.dom.isFocusable(element) && axe.commons.dom.isVisibleOnScreen(element));
    } finally {
      axe.teardown();
    }
    return window[key].length;
  }
  const list = window[key] || [];
  if (op === 'focus') {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    list[index]?.focus();
    return 0;
  }
  if (op === 'where') {
    const active = document.activeElement;
    if (!document.hasFocus() || !active || active === document.body || active === document.documentElement) return -1;
    return list.indexOf(active);
  }
  if (op === 'describe') {
    const element = list[index];
    if (!element) return null;
    const modal = element.closest('dialog:modal, [role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]');
    const name = (element.getAttribute('aria-label') || element.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return JSON.stringify({ tag: element.tagName.toLowerCase(), name, inModal: modal !== null });
  }
  return null;
}
