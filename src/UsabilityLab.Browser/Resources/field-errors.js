// How a form field presents a validation error: aria-invalid, the text of the elements that
// aria-describedby and aria-errormessage point to, its current value, and whether the page has an
// error summary (role="alert" or a live region with text) or moved focus to an invalid field.
(el) => {
  const ids = [el.getAttribute('aria-describedby'), el.getAttribute('aria-errormessage')]
    .filter(Boolean).join(' ').split(/\s+/).filter(Boolean);
  const described = ids.map(id => document.getElementById(id)).filter(Boolean).map(e => e.innerText.trim()).filter(Boolean);
  const regions = [...document.querySelectorAll('[role="alert"], [aria-live="assertive"], [aria-live="polite"]')];
  const active = document.activeElement;
  const r = el.getBoundingClientRect();
  return {
    invalid: el.getAttribute('aria-invalid') === 'true' || el.matches(':invalid[aria-invalid="true"]'),
    described: described.join(' '),
    value: 'value' in el ? String(el.value) : '',
    summary: regions.some(e => e.innerText.trim().length > 0),
    focusOnError: !!active && active.getAttribute && active.getAttribute('aria-invalid') === 'true',
    html: window.__usabilityLab.html(el),
    box: [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height],
  };
}
