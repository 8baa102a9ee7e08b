// What a step's page shows, for UsabilityLab's own checks, in one call.
// Without an argument: title, language, viewport, the main text as blocks, whether a step
// indicator marks the current step, and the form fields with label and autocomplete.
// With { reflowWidth }: how wide the document is at the current (narrow) viewport, the
// outermost elements that stick out to the right, and elements that cut their text off.
(options) => {
  const { selectorOf, html } = window.__usabilityLab;
  const visible = (el) => {
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && (r.width > 0 || r.height > 0);
  };

  if (options && options.reflowWidth) {
    const width = options.reflowWidth;
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0);
    const culprits = [];
    if (scrollWidth > width + 1 && document.body) {
      const overflows = (el) => el && el.getBoundingClientRect().right > width + 1;
      for (const el of [document.body, ...document.body.querySelectorAll('*')]) {
        if (!overflows(el) || !visible(el)) continue;
        if (el !== document.body && overflows(el.parentElement)) continue;
        culprits.push({ selector: selectorOf(el), right: Math.round(el.getBoundingClientRect().right), html: html(el) });
      }
      culprits.sort((a, b) => b.right - a.right);
    }
    // Text cut off: an element that hides what overflows it, holding text wider than itself.
    const clipped = [];
    if (document.body) {
      for (const el of document.body.querySelectorAll('*')) {
        if (clipped.length >= 3) break;
        const style = getComputedStyle(el);
        if (!['hidden', 'clip'].includes(style.overflowX) || !visible(el)) continue;
        if (el.scrollWidth <= el.clientWidth + 1 || !el.innerText || !el.innerText.trim()) continue;
        clipped.push({ selector: selectorOf(el), right: Math.round(el.scrollWidth - el.clientWidth), html: html(el) });
      }
    }
    return { scrollWidth, culprits: culprits.slice(0, 3), clipped };
  }

  const blockTags = 'h1,h2,h3,h4,h5,h6,p,li,dt,dd,label,legend,td,th,figcaption,blockquote,summary';
  const root = document.querySelector('main, [role="main"]') || document.body;
  const blocks = [];
  if (root) {
    for (const el of root.querySelectorAll(blockTags)) {
      // A paragraph inside a list item is read once, as part of the item.
      if (el.parentElement && el.parentElement.closest(blockTags) && root.contains(el.parentElement.closest(blockTags))) continue;
      if (!visible(el)) continue;
      const text = el.innerText.trim();
      if (text) blocks.push(text);
    }
  }

  const skipped = ['hidden', 'submit', 'button', 'reset', 'image', 'checkbox', 'radio', 'file', 'range', 'color'];
  const fields = [...document.querySelectorAll('input, select, textarea')]
    .filter(el => !skipped.includes((el.getAttribute('type') || '').toLowerCase()) && visible(el))
    .map(el => {
      const labels = el.labels ? [...el.labels].map(l => l.innerText.trim()).filter(Boolean) : [];
      const label = labels.join(' ') || el.getAttribute('aria-label') || el.getAttribute('placeholder')
        || el.getAttribute('title') || el.getAttribute('name') || el.id || '';
      const r = el.getBoundingClientRect();
      return {
        selector: selectorOf(el), label, autocomplete: el.getAttribute('autocomplete'), html: html(el),
        box: [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height],
      };
    });

  const viewport = document.querySelector('meta[name="viewport"]');
  return {
    title: document.title || '',
    lang: document.documentElement.getAttribute('lang'),
    viewport: viewport ? viewport.getAttribute('content') : null,
    blocks,
    text: document.body ? document.body.innerText : '',
    currentStep: document.querySelector('[aria-current="step"]') !== null,
    fields,
  };
}
