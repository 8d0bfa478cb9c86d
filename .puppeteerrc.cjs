// Read by puppeteer's postinstall (it searches for this file from its own install folder upward):
// mermaid-cli's puppeteer must not download a Chrome. `--engine mermaid` and the browser tests use a
// Chromium already on the machine (CHROME_PATH, PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium), and
// without this a download that fails (offline, a proxy, a mirror) fails the postinstall, after which
// npm silently drops the whole optional @mermaid-js/mermaid-cli.
module.exports = {
  skipDownload: true,
};
