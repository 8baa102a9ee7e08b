// Helpers that UsabilityLab's own page scripts share, put into every document of its browser contexts.
window.__usabilityLab = Object.freeze({
  // A CSS selector a reviewer can read: the id, else the name, else the path of tags from body.
  selectorOf(el) {
    if (el.id) return '#' + CSS.escape(el.id);
    const name = el.getAttribute('name');
    if (name) return el.tagName.toLowerCase() + '[name="' + name.replace(/"/g, '\\"') + '"]';
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && node !== document.documentElement; node = node.parentElement) {
      const siblings = node.parentElement ? [...node.parentElement.children].filter(c => c.tagName === node.tagName) : [];
      parts.unshift(node.tagName.toLowerCase() + (siblings.length > 1 ? ':nth-of-type(' + (siblings.indexOf(node) + 1) + ')' : ''));
      if (node.tagName === 'BODY') break;
    }
    return parts.join(' > ');
  },
  // The start of an element's HTML, for a finding.
  html(el) {
    return el.outerHTML.length > 300 ? el.outerHTML.slice(0, 300) + '…' : el.outerHTML;
  },
});
