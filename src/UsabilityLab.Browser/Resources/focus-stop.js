// One Tab stop: is the script's target element (the argument) focused now, and does the focused
// element show a visible focus indicator (an outline, or a change of shadow, border, background,
// colour or underline compared with how it looked without focus)? An element that looks
// unfocused is looked at again after the next frame, since focus moving into a control's inner
// parts (the segments of a date field) can settle its style a frame late.
async (target) => {
  const active = document.activeElement;
  const reached = active !== null && (active === target || target.contains(active));
  if (!active || active === document.body || active === document.documentElement) {
    return { reached, stop: null };
  }
  const remembered = window.__usabilityLabUnfocused;
  const before = remembered ? remembered.snapshot.get(active) : undefined;
  const shows = () => {
    const style = getComputedStyle(active);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || (before !== undefined && remembered.look(active) !== before);
  };
  // Focus inside a native control's own parts (a date field's day, month or year) leaves the
  // control itself unmatched by :focus; Chromium highlights the focused part itself.
  const insideNativeControl = !active.matches(':focus');
  let visible = insideNativeControl || shows();
  if (!visible) {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    visible = shows();
  }
  const s = getComputedStyle(active);
  const r = active.getBoundingClientRect();
  const { selectorOf, html } = window.__usabilityLab;
  return {
    reached,
    stop: {
      selector: selectorOf(active),
      html: html(active),
      box: [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height],
      visible,
      outline: s.outlineStyle + ' ' + s.outlineWidth,
    },
  };
}
