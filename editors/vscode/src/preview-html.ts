/**
 * The page of the preview webview. The SVG goes in as an <img> with a data: URL: an image can run
 * no script and load nothing, whatever the diagram holds, so the page needs no script at all and
 * its Content-Security-Policy allows only data: images and the one nonce'd style block below.
 */
import crypto from 'node:crypto';

/** The answer of the server's `journeyflow/preview` request. */
export type PreviewAnswer = { id: string; kind: string; svg: string } | { error: string };

export interface PreviewPage {
  /** The file's name, for the image's alternative text. */
  title: string;
  answer: PreviewAnswer;
  /** The last picture of the same file, shown faded under an error. */
  lastSvg?: string;
}

/** The policy of every preview page: nothing but data: images and the styles carrying `nonce`. */
export function contentSecurityPolicy(nonce: string): string {
  return `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const dataUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;

const STYLE = `
body { margin: 0; padding: 12px; }
img { display: block; max-width: 100%; height: auto; background: #fff; }
img.stale { opacity: 0.45; }
.error { margin: 0 0 12px; padding: 8px 10px; border-left: 3px solid var(--vscode-editorError-foreground, #e51400);
  background: var(--vscode-inputValidation-errorBackground, #5a1d1d22); font-family: var(--vscode-editor-font-family, monospace); white-space: pre-wrap; }
.note { margin: 0 0 8px; opacity: 0.8; font-size: 90%; }`;

export function previewHtml(page: PreviewPage, nonce = crypto.randomBytes(16).toString('base64')): string {
  const alt = escapeHtml(page.title);
  let body: string;
  if ('svg' in page.answer) body = `<img src="${dataUrl(page.answer.svg)}" alt="${alt}">`;
  else {
    body = `<p class="error">${escapeHtml(page.answer.error)}</p>`;
    if (page.lastSvg) body += `<p class="note">The last picture without errors:</p><img class="stale" src="${dataUrl(page.lastSvg)}" alt="${alt}">`;
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>${body}</body>
</html>`;
}
