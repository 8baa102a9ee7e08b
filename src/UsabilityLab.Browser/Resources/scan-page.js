// What a scan reads from a page in one call: its title, whether it is an HTML page (not an XML or
// SVG document, nor the browser's own viewer of one), and the addresses it links to on its own
// origin (<a href> and <area href>, without fragment, once each, in document order; downloads left
// out), for a scan that crawls.
() => {
  const html = document instanceof HTMLDocument && document.getElementById('webkit-xml-viewer-source-xml') === null;
  const seen = new Set();
  const links = [];
  for (const a of html ? document.querySelectorAll('a[href], area[href]') : []) {
    if (a.hasAttribute('download')) continue;
    let url;
    try { url = new URL(a.href, document.baseURI); } catch { continue; }
    if (url.origin !== location.origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
    url.hash = '';
    if (!seen.has(url.href)) { seen.add(url.href); links.push(url.href); }
  }
  return JSON.stringify({ title: document.title ?? '', html, links });
}
