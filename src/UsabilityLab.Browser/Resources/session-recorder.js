// Runs in every document of a citizen's window, after rrweb. Records the DOM with every input value
// masked, and reports the timeline (pages, clicks, error messages shown) through the binding
// __ulSession. The binding answers false when nothing is being recorded; recording then stops.
(() => {
  if (window.top !== window || window.__ulRecorder || !window.rrweb) {
    return;
  }

  const queue = [];
  const seenErrors = new Set();
  let stop = null;
  let stopped = false;

  const text = (value, max) => (value || '').replace(/\s+/g, ' ').trim().slice(0, max);

  const flush = () => {
    if (stopped || queue.length === 0 || typeof window.__ulSession !== 'function') {
      return;
    }

    const batch = JSON.stringify(queue.splice(0, queue.length));
    window.__ulSession(batch).then(keep => {
      if (!keep && !stopped) {
        stopped = true;
        queue.length = 0;
        if (stop) {
          stop();
        }
      }
    }, () => {});
  };

  const report = (kind, message) => {
    queue.push({ k: kind, at: Date.now(), text: text(message, 300) });
    flush();
  };

  // What a citizen would call the thing they clicked; never the value typed into a field.
  const describe = element => {
    const target = element.closest('a, button, input, select, textarea, label, summary, [role=button], [role=link], [role=tab], [role=checkbox], [role=radio]') || element;
    const tag = target.tagName.toLowerCase();
    const labelled = target.getAttribute('aria-label')
      || (target.labels && target.labels[0] && target.labels[0].innerText)
      || (target.getAttribute('aria-labelledby') || '').split(/\s+/).map(id => document.getElementById(id)).filter(Boolean).map(e => e.innerText).join(' ');
    if (target.isContentEditable) {
      return `felt "${text(labelled || target.getAttribute('title') || target.id, 80)}"`;
    }

    if (tag === 'input' || tag === 'select' || tag === 'textarea') {
      const type = (target.getAttribute('type') || '').toLowerCase();
      if (type === 'submit' || type === 'button') {
        return `knap "${text(target.value || labelled, 80)}"`;
      }

      return `felt "${text(labelled || target.getAttribute('name') || target.id, 80)}"`;
    }

    const name = text(labelled || target.innerText || target.getAttribute('title') || target.getAttribute('alt'), 80);
    const kind = tag === 'a' ? 'link' : tag === 'button' || target.getAttribute('role') === 'button' ? 'knap' : tag;
    return name ? `${kind} "${name}"` : kind;
  };

  const visible = element => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0;
  };

  // Error messages the page shows: alerts, assertive live regions, the text tied to fields marked invalid.
  const scanErrors = () => {
    const messages = [];
    document.querySelectorAll('[role=alert], [aria-live=assertive], .error-summary, .form-error-message').forEach(element => {
      if (visible(element)) {
        messages.push(element.innerText);
      }
    });
    document.querySelectorAll('[aria-invalid=true]').forEach(field => {
      const ids = `${field.getAttribute('aria-describedby') || ''} ${field.getAttribute('aria-errormessage') || ''}`.split(/\s+/).filter(Boolean);
      const described = ids.map(id => document.getElementById(id)).filter(e => e && visible(e)).map(e => e.innerText).join(' ');
      const label = field.labels && field.labels[0] ? field.labels[0].innerText : field.getAttribute('name');
      messages.push(described || `Feltet "${text(label, 80)}" er markeret som ugyldigt`);
    });
    for (const message of messages.map(m => text(m, 300)).filter(Boolean)) {
      if (!seenErrors.has(message)) {
        seenErrors.add(message);
        report('error', message);
      }
    }
  };

  let scanPending = false;
  const scheduleScan = () => {
    if (!scanPending) {
      scanPending = true;
      setTimeout(() => { scanPending = false; scanErrors(); }, 150);
    }
  };

  window.__ulRecorder = { flush };
  stop = window.rrweb.record({
    emit(event) {
      queue.push({ k: 'rr', e: event });
    },
    maskAllInputs: true,
    // Text typed into an editable element is page text to rrweb; it is masked like a field's value.
    maskTextSelector: '[contenteditable]:not([contenteditable="false"])',
    // Hidden fields carry what the citizen typed from page to page; rrweb does not mask them, so they are left out.
    blockSelector: 'input[type=hidden]',
    sampling: { scroll: 150, media: 800, input: 'last' },
    slimDOMOptions: { script: true, comment: true, headFavicon: true, headWhitespace: true, headMetaSocial: true, headMetaRobots: true, headMetaHttpEquiv: true, headMetaVerification: true, headMetaAuthorship: true },
    recordCanvas: false,
    collectFonts: false,
  });

  document.addEventListener('click', event => {
    if (event.target instanceof Element) {
      report('click', describe(event.target));
    }
  }, true);

  const started = () => {
    report('page', `${document.title || '(uden titel)'} (${location.pathname})`);
    scanErrors();
    new MutationObserver(scheduleScan).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-invalid', 'hidden', 'class', 'style'] });
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', started, { once: true });
  } else {
    started();
  }

  setInterval(flush, 250);
  addEventListener('pagehide', flush);
})();
