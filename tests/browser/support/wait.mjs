// Waits until `predicate(arg)` is true in the page, polling with page.evaluate. Playwright's
// waitForFunction, once it has to poll, evaluates the predicate as a string, which the pages'
// Content-Security-Policy (script-src 'self', no 'unsafe-eval') refuses; page.evaluate goes
// through the DevTools protocol and is not subject to it. Rejects after `timeout` ms.
export async function waitUntil(page, predicate, arg = null, { timeout = 5000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(predicate, arg)) return;
    if (Date.now() > deadline) throw new Error(`waitUntil: not true within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
