// How a form field presents a validation error: aria-invalid, the text of the elements that
// aria-describedby and aria-errormessage point to, its current value, and whether the page shows
// an error summary (role="alert" or a live region with text), or moved focus to an invalid field
// or to a summary whose links lead to the form's fields (the GOV.UK and DKFDS pattern).
(el) => {
  const ids = [el.getAttribute('aria-describedby'), el.getAttribute('aria-errormessage')]
    .filter(Boolean).join(' ').split(/\s+/).filter(Boolean);
  const fieldset = el.closest('fieldset');
  if (fieldset && fieldset.getAttribute('aria-describedby')) ids.push(...fieldset.getAttribute('aria-describedby').split(/\s+/));
  const described = [...new Set(ids)].map(id => document.getElementById(id)).filter(Boolean).map(e => e.innerText.trim()).filter(Boolean);
  const regions = [...document.querySelectorAll('[role="alert"], [aria-live="assertive"], [aria-live="polite"]')];
  const active = document.activeElement;
  const fieldIds = new Set([...document.querySelectorAll('input, select, textarea')].map(f => f.id).filter(Boolean));
  const linksToFields = (container) => [...container.querySelectorAll('a[href*="#"]')]
    .some(a => fieldIds.has(decodeURIComponent(a.getAttribute('href').split('#').pop())));
  const r = el.getBoundingClientRect();
  return {
    invalid: el.getAttribute('aria-invalid') === 'true',
    described: described.join(' '),
    value: 'value' in el ? String(el.value) : '',
    summary: regions.some(e => e.innerText.trim().length > 0),
    focusOnError: !!active && !!active.getAttribute && active.getAttribute('aria-invalid') === 'true',
    focusOnSummary: !!active && active !== document.body && linksToFields(active),
    html: window.__usabilityLab.html(el),
    box: [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height],
  };
}
