// Inside a composite widget a keyboard user moves with the arrow keys, not Tab (WAI-ARIA
// Authoring Practices): only the checked (or first) radio of a group is a Tab stop, and so is
// only one tab of a tablist, one option of a listbox, one item of a menu, tree or toolbar.
// When focus is on another item of the target's own group, returns the arrow key that moves
// toward the target and how many presses it takes; otherwise null.
(target) => {
  const active = document.activeElement;
  if (!active || active === target || target.contains(active)) return null;
  const nativeRadio = (e) => e instanceof HTMLInputElement && e.type === 'radio';
  let items;
  let vertical = true;
  if (nativeRadio(target) && target.name) {
    if (!nativeRadio(active) || active.name !== target.name || active.form !== target.form) return null;
    const scope = target.form || document;
    items = [...scope.querySelectorAll('input[type="radio"]')]
      .filter(r => r.name === target.name && r.form === target.form && !r.disabled);
  } else {
    const itemRoles = {
      radiogroup: ['radio'],
      listbox: ['option'],
      tablist: ['tab'],
      menu: ['menuitem', 'menuitemradio', 'menuitemcheckbox'],
      menubar: ['menuitem', 'menuitemradio', 'menuitemcheckbox'],
      tree: ['treeitem'],
    };
    const container = target.closest('[role="radiogroup"],[role="listbox"],[role="tablist"],[role="menu"],[role="menubar"],[role="tree"],[role="toolbar"]');
    if (!container || !container.contains(active)) return null;
    const role = container.getAttribute('role');
    const roles = itemRoles[role];
    items = roles
      ? [...container.querySelectorAll(roles.map(r => `[role="${r}"]`).join(','))]
      : [...container.querySelectorAll('button, a[href], input, select, textarea, [tabindex]')];
    const horizontalByDefault = ['tablist', 'menubar', 'toolbar'].includes(role);
    vertical = (container.getAttribute('aria-orientation') || (horizontalByDefault ? 'horizontal' : 'vertical')) === 'vertical';
  }
  const from = items.findIndex(i => i === active || i.contains(active));
  const to = items.findIndex(i => i === target || i.contains(target));
  if (from < 0 || to < 0) return null;
  const forward = to > from;
  return {
    key: vertical ? (forward ? 'ArrowDown' : 'ArrowUp') : (forward ? 'ArrowRight' : 'ArrowLeft'),
    presses: Math.abs(to - from),
  };
}
