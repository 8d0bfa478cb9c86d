// Characters XML 1.0 forbids outright; they are dropped so every SVG parses.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Whatever escapeXml changes: the five markup characters, the forbidden ones above and any
 * surrogate (a lone one is dropped; a pair goes through the full path). Most labels, numbers and
 * colours hold none, and one test is cheaper than six replacements (an SVG has thousands).
 */
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;

/** Escapes text for XML content and attribute values: user text is only ever shown, never parsed. */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Only http(s) URLs, relative links to our own SVG outputs, and paths on the same site (what
 * `serve` and the docs-site plugins link to: `/view?file=…`, `/journeyflow/x.flow.svg`; no scheme,
 * no `//` host) may become hyperlinks.
 */
export function safeHref(href: string | undefined): string | undefined {
  if (!href) return undefined;
  if (/^https?:\/\/[^\s<>"']+$/i.test(href)) return href;
  if (/^(\.\.\/|\.\/)*[A-Za-z0-9_\-./\u0080-\uffff]+\.svg$/.test(href) && !href.includes('//') && !href.startsWith('/')) return href;
  if (/^\/(?!\/)[A-Za-z0-9_\-./~%\u0080-\uffff]*(\?[A-Za-z0-9_\-./~%=&\u0080-\uffff]*)?$/.test(href) && !href.includes('//')) return href;
  return undefined;
}
