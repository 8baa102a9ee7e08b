// The element's box in document coordinates and the start of its HTML, for a finding.
(element) => {
  const r = element.getBoundingClientRect();
  return {
    x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height,
    html: element.outerHTML.length > 600 ? element.outerHTML.slice(0, 600) + '…' : element.outerHTML,
  };
}
