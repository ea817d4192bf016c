// Launches Debian's chromium through playwright-core for the browser tests, and saves
// screenshots under $LATCH_ARTIFACTS/screenshots/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { importPackage, root } from '../../interop/support/server.mjs';

export const chromiumPath = process.env.LATCH_CHROMIUM ?? '/usr/bin/chromium';
export const screenshotDir = path.join(
  process.env.LATCH_ARTIFACTS ?? path.join(root, 'test-artifacts'),
  'screenshots',
);

export async function launchBrowser() {
  // playwright-core is CommonJS: loaded by file URL, its exports may sit under `default`.
  const playwright = await importPackage('playwright-core');
  const chromium = playwright.chromium ?? playwright.default.chromium;
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 30000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// Full-page screenshot of `page` as screenshots/<name>.png; resolves with the file's path.
export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
