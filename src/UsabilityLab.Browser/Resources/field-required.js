// Whether the citizen must fill this field in. A field marked required (required or
// aria-required) is. In a form that marks its required fields, an unmarked field is optional;
// in a form that marks none (GOV.UK, DKFDS: every question is required unless it says otherwise),
// a field is optional when its label, legend or name says so ("(valgfrit)", "optional").
(el) => {
  if (el.required || el.getAttribute('aria-required') === 'true') return true;
  const form = el.form || el.closest('form');
  if (form && form.querySelector('[required], [aria-required="true"]')) return false;
  const texts = [...(el.labels || [])].map(l => l.innerText);
  const fieldset = el.closest('fieldset');
  const legend = fieldset && fieldset.querySelector('legend');
  if (legend) texts.push(legend.innerText);
  texts.push(el.getAttribute('aria-label') || '');
  return !/valgfri|frivillig|kan udelades|ikke påkrævet|optional/i.test(texts.join(' '));
}
