// What a step's page shows, for UsabilityLab's own checks, in one call.
// Without reflowWidth: title, language, viewport, the main text as blocks, whether a step
// indicator marks the current step, the form fields with label, legend, autocomplete and whether
// they are filled, and (given { helpPattern, phonePattern }) the help and contact mechanisms with
// where they are relative to the content, and (given { auth: true }) the sign-in fields and puzzles.
// With { reflowWidth }: how wide the document is at the current (narrow) viewport, the
// outermost elements that stick out to the right, and elements that cut their text off.
(options) => {
  const { selectorOf, html } = window.__usabilityLab;
  const visible = (el) => {
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && (r.width > 0 || r.height > 0);
  };
  // Text meant for screen readers only (.sr-only, .govuk-visually-hidden, a skip link until it has
  // focus): a box of a pixel or less, or clipped away, on the element or one of its ancestors.
  const visuallyHidden = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const style = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      if (style.position === 'absolute' || style.position === 'fixed') {
        if (r.width <= 1 || r.height <= 1) return true;
        if (/rect\(\s*0(px)?[\s,]+0(px)?[\s,]+0(px)?[\s,]+0(px)?\s*\)/.test(style.clip)) return true;
      }
      if (/inset\(\s*50%|inset\(\s*100%|circle\(\s*0/.test(style.clipPath)) return true;
      if (style.opacity === '0') return true;
    }
    return false;
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
        if (visuallyHidden(el)) continue;
        clipped.push({ selector: selectorOf(el), right: Math.round(el.scrollWidth - el.clientWidth), html: html(el), ellipsis: style.textOverflow === 'ellipsis' });
      }
    }
    return { scrollWidth, culprits: culprits.slice(0, 3), clipped };
  }

  // Readability is measured on running prose only: paragraphs, quotes and list items that read as
  // sentences, in the main content. Headings, labels, tables, summary lists, option lists, links
  // and buttons, navigation and what only a screen reader hears are not prose.
  const blockTags = 'p,li,blockquote';
  const notProse = 'table,nav,header,footer,aside,form label,legend,select,button,dl,[role="navigation"],[role="menu"],[role="listbox"],[role="tablist"]';
  const root = document.querySelector('main, [role="main"]') || document.body;
  const blocks = [];
  if (root) {
    for (const el of root.querySelectorAll(blockTags)) {
      // A paragraph inside a list item is read once, as part of the item.
      if (el.parentElement && el.parentElement.closest(blockTags) && root.contains(el.parentElement.closest(blockTags))) continue;
      if (el.closest(notProse) || !visible(el) || visuallyHidden(el)) continue;
      const text = el.innerText.trim();
      if (!text) continue;
      // A paragraph that is only a link or a button is navigation, not prose.
      const controls = [...el.querySelectorAll('a, button')].map(a => a.innerText.trim()).join(' ').trim();
      if (controls === text) continue;
      // A list item reads as a sentence when it ends like one or has at least six words.
      if (el.tagName === 'LI' && !/[.!?:]$/.test(text) && text.split(/\s+/).length < 6) continue;
      blocks.push(text);
    }
  }

  const skipped = ['hidden', 'submit', 'button', 'reset', 'image', 'checkbox', 'radio', 'file', 'range', 'color'];
  // A field the citizen cannot fill in (disabled, read-only) asks for nothing.
  const fields = [...document.querySelectorAll('input, select, textarea')]
    .filter(el => !skipped.includes((el.getAttribute('type') || '').toLowerCase()) && visible(el))
    .filter(el => !el.disabled && !el.readOnly && el.getAttribute('aria-disabled') !== 'true' && !el.closest('[aria-disabled="true"], fieldset[disabled]'))
    .map(el => {
      const labels = el.labels ? [...el.labels].map(l => l.innerText.trim()).filter(Boolean) : [];
      const label = labels.join(' ') || el.getAttribute('aria-label') || el.getAttribute('placeholder')
        || el.getAttribute('title') || el.getAttribute('name') || el.id || '';
      const r = el.getBoundingClientRect();
      return {
        selector: selectorOf(el), label, autocomplete: el.getAttribute('autocomplete'), html: html(el),
        box: [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height],
        type: el.tagName === 'INPUT' ? (el.type || 'text').toLowerCase() : el.tagName.toLowerCase(),
        filled: el.tagName !== 'SELECT' && typeof el.value === 'string' && el.value.trim() !== '',
        legend: el.closest('fieldset')?.querySelector('legend')?.innerText.trim() || null,
      };
    });

  // Help and contact: tel: and mailto: links, links and buttons whose text names help or contact,
  // and phone numbers in the text; each placed before, in or after the content (the main landmark,
  // or the element around the first h1 on a page without one).
  const help = [];
  if (options && options.helpPattern && document.body) {
    const helpPattern = new RegExp(options.helpPattern, 'i');
    const phonePattern = new RegExp(options.phonePattern, 'i');
    const content = document.querySelector('main, [role="main"]') || document.querySelector('h1')?.parentElement || document.body;
    const regionOf = (el) => content.contains(el) ? 'main'
      : (content.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) ? 'before' : 'after';
    const seen = new Set();
    const add = (kind, el, text) => {
      if (seen.has(el) || help.length >= 20 || !visible(el)) return;
      seen.add(el);
      help.push({ kind, region: regionOf(el), text: text.trim().replace(/\s+/g, ' ').slice(0, 80), selector: selectorOf(el), html: html(el) });
    };
    for (const el of document.body.querySelectorAll('a[href], button, [role="button"], [role="link"]')) {
      const href = (el.getAttribute('href') || '').trim().toLowerCase();
      const text = el.innerText || el.getAttribute('aria-label') || '';
      if (href.startsWith('tel:')) add('phone', el, text);
      else if (href.startsWith('mailto:')) add('mail', el, text);
      else if (text.trim() && text.length <= 60 && helpPattern.test(text)) add('help', el, text);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('a[href^="tel:"], script, style, noscript')) continue;
      if (phonePattern.test(node.textContent)) add('phone', el, node.textContent);
    }
  }

  // Sign-in (given { auth: true }): user-name, password and one-time-code fields, whether they
  // turn autocomplete off and whether the page refuses a paste (a paste event the page cancels
  // without putting the text in any field itself; the values are put back), and what looks like
  // a puzzle (a CAPTCHA) for a reviewer to judge.
  const auth = [];
  const puzzles = [];
  if (options && options.auth && document.body) {
    const inputs = [...document.querySelectorAll('input')].filter(el => visible(el) && !el.disabled && !el.readOnly);
    const kindOf = (el) => {
      const type = (el.type || 'text').toLowerCase();
      const ac = (el.getAttribute('autocomplete') || '').toLowerCase();
      if (type === 'password' || /\b(current|new)-password\b/.test(ac)) return 'password';
      if (/\bone-time-code\b/.test(ac)) return 'code';
      if (/\busername\b/.test(ac)) return 'username';
      if (!['text', 'email', 'tel'].includes(type)) return null;
      // The text field just before a password field in the same form is its user name.
      const form = el.form || el.closest('form');
      const password = inputs.find(p => (p.type || '').toLowerCase() === 'password' && (p.form || p.closest('form')) === form);
      if (password && form && (el.compareDocumentPosition(password) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        const between = inputs.filter(i => ['text', 'email', 'tel'].includes((i.type || 'text').toLowerCase()) && (i.form || i.closest('form')) === form
          && (el.compareDocumentPosition(i) & Node.DOCUMENT_POSITION_FOLLOWING) && (i.compareDocumentPosition(password) & Node.DOCUMENT_POSITION_FOLLOWING));
        if (between.length === 0) return 'username';
      }
      return null;
    };
    const samples = { password: 'Kode-1234!', username: 'borger@eksempel.dk', code: '123456' };
    for (const el of inputs) {
      const kind = kindOf(el);
      if (!kind || auth.length >= 10) continue;
      const scope = [...(el.form || document).querySelectorAll('input, textarea')];
      const before = scope.map(i => i.value);
      let blocked = false;
      try {
        const data = new DataTransfer();
        data.setData('text/plain', samples[kind]);
        const paste = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data });
        el.dispatchEvent(paste);
        const changed = scope.some((i, n) => i.value !== before[n]);
        blocked = paste.defaultPrevented && !changed;
      } finally {
        scope.forEach((i, n) => { if (i.value !== before[n]) i.value = before[n]; });
      }
      const formOff = ((el.form && el.form.getAttribute('autocomplete')) || '').trim().toLowerCase() === 'off';
      const own = (el.getAttribute('autocomplete') || '').trim().toLowerCase();
      const labels = el.labels ? [...el.labels].map(l => l.innerText.trim()).filter(Boolean) : [];
      const r = el.getBoundingClientRect();
      auth.push({
        kind, selector: selectorOf(el), html: html(el), label: labels.join(' ') || el.getAttribute('aria-label') || el.getAttribute('name') || el.id || '',
        box: [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height],
        autocompleteOff: own === 'off' || (own === '' && formOff), pasteBlocked: blocked,
      });
    }
    const captcha = /captcha|recaptcha|hcaptcha|turnstile|arkose|funcaptcha/i;
    for (const el of document.querySelectorAll('iframe, img, div, canvas, input')) {
      if (puzzles.length >= 5) break;
      const text = [el.getAttribute('src'), el.getAttribute('alt'), el.id, el.getAttribute('class'), el.getAttribute('name'), el.getAttribute('title')].filter(Boolean).join(' ');
      if (captcha.test(text) && !puzzles.some(p => p.element.contains(el))) puzzles.push({ element: el });
    }
  }

  const viewport = document.querySelector('meta[name="viewport"]');
  return {
    contentType: document.contentType || '',
    title: document.title || '',
    lang: document.documentElement.getAttribute('lang'),
    viewport: viewport ? viewport.getAttribute('content') : null,
    blocks,
    text: document.body ? document.body.innerText : '',
    currentStep: document.querySelector('[aria-current="step"]') !== null,
    fields,
    help,
    auth,
    puzzles: puzzles.map(p => ({ selector: selectorOf(p.element), html: html(p.element) })),
  };
}
