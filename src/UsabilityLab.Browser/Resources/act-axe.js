// For the W3C ACT implementation report: runs the axe-core rules named (every rule axe maps to an
// ACT rule, also those it switches off by default) and returns, per rule, the one outcome EARL
// names: failed, cantTell (axe's "incomplete"), passed or inapplicable. With no rules named it
// returns axe's rules that implement ACT rules, with their ACT ids and tags.
async (ruleIds) => {
  if (typeof window.axe !== 'object' || window.axe === null) return null;
  if (!ruleIds || ruleIds.length === 0) {
    return JSON.stringify(window.axe.getRules()
      .filter(rule => Array.isArray(rule.actIds) && rule.actIds.length > 0)
      .map(rule => ({ id: rule.ruleId, actIds: rule.actIds, tags: rule.tags })));
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
  for (const rule of result.violations) outcomes[rule.id] = 'failed';
  return JSON.stringify(outcomes);
}
