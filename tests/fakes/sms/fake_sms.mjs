// A stand-in for an SMS provider behind Latch's generic HTTP SMS connector
// (`latch sms set-http --url ...`): it accepts POSTed JSON {to, from, text} on 127.0.0.1 and an
// ephemeral port, answers 200 (or `status` when a test wants the provider to refuse), and keeps
// every request so a test can read the code a person would read on their phone.
import http from 'node:http';

// The first six-digit run of an SMS text.
export function extractCode(text) {
  return /(?<!\d)\d{6}(?!\d)/.exec(text ?? '')?.[0] ?? null;
}

// Starts the receiver. Resolves with {url, port, messages, waitForMessage, codeFor, respondWith,
// clear, close}; `messages` holds {path, headers, body (parsed JSON or null), raw, to, from, text,
// code}.
export function startFakeSms({ path = '/sms' } = {}) {
  const messages = [];
  const waiters = new Set();
  let status = 200;

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      let body = null;
      try {
        body = JSON.parse(raw);
      } catch {
        // Kept as raw text: a test asserting the JSON shape then fails with the text in view.
      }
      messages.push({
        method: req.method,
        path: req.url,
        headers: req.headers,
        raw,
        body,
        to: body?.to,
        from: body?.from,
        text: body?.text,
        code: extractCode(body?.text),
      });
      for (const waiter of [...waiters]) waiter();
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status < 300 ? '{"ok":true}' : '{"error":"refused"}');
    });
  });

  const waitForMessage = (match = () => true, { since = 0, timeoutMs = 5000 } = {}) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = messages.slice(since).find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        const seen = messages.map((m) => `${m.to}: ${m.text}`).join('; ');
        reject(new Error(`no matching SMS within ${timeoutMs} ms (received: ${seen || 'none'})`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        port,
        url: `http://127.0.0.1:${port}${path}`,
        messages,
        waitForMessage,
        codeFor: async (phone, options = {}) => {
          const sms = await waitForMessage((m) => m.to === phone, options);
          if (!sms.code) throw new Error(`no 6-digit code in the SMS to ${phone}: ${sms.text}`);
          return sms.code;
        },
        // The HTTP status the next requests get (e.g. 503 for a failing provider).
        respondWith: (code) => {
          status = code;
        },
        clear: () => {
          messages.length = 0;
        },
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
