// The addresses the page links to on its own origin, for a scan that crawls: <a href> and
// <area href>, without their fragment, once each, in document order. Downloads are left out.
() => {
  const seen = new Set();
  const links = [];
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    if (a.hasAttribute('download')) continue;
    let url;
    try { url = new URL(a.href, document.baseURI); } catch { continue; }
    if (url.origin !== location.origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
    url.hash = '';
    if (!seen.has(url.href)) { seen.add(url.href); links.push(url.href); }
  }
  return links;
}
