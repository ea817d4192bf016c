// A small SMTP server for the node tests, the JavaScript sibling of fake_smtp_server.cpp: plain
// TCP on 127.0.0.1 and an ephemeral port (configure Latch with `--security none`), EHLO that
// advertises AUTH PLAIN LOGIN, AUTH, MAIL, RCPT, DATA (dot-unstuffed), RSET, NOOP and QUIT.
// Every message is kept with its envelope and decoded headers and body, so a test can read the
// one-time code a person would read in their mail.
import net from 'node:net';

// RFC 2047 encoded words in a header ("=?UTF-8?B?...?=" / "=?UTF-8?Q?...?=") -> text.
export function decodeHeader(value) {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, encoding, text) => {
    const bytes = /b/i.test(encoding)
      ? Buffer.from(text, 'base64')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-Fa-f]{2})/g, (__, hex) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        );
    return bytes.toString(/utf-?8/i.test(charset) ? 'utf8' : 'latin1');
  });
}

// Quoted-printable (RFC 2045 §6.7) -> bytes: soft line breaks dropped, =XX decoded.
function decodeQuotedPrintable(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

// Splits the DATA of one message into {headers (lower-case names, unfolded, decoded), body}
// with the body decoded from its Content-Transfer-Encoding.
export function parseMessage(data) {
  const split = data.search(/\r?\n\r?\n/);
  const head = split < 0 ? data : data.slice(0, split);
  const rawBody = split < 0 ? '' : data.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = decodeHeader(
        line.slice(colon + 1).trim(),
      );
    }
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let body;
  if (encoding === 'base64') {
    body = Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8');
  } else if (encoding === 'quoted-printable') {
    body = decodeQuotedPrintable(rawBody).toString('utf8');
  } else {
    body = rawBody;
  }
  return { headers, body };
}

// The first six-digit run of a decoded body: the code, as fake_smtp_server.cpp reads it.
export function extractCode(text) {
  return /(?<!\d)\d{6}(?!\d)/.exec(text)?.[0] ?? null;
}

// Starts the server. Resolves with {host, port, messages, waitForMessage, codeFor, clear, close}.
// `messages` holds {from, to: [..], auth, data, headers, subject, body, code} in arrival order.
export function startFakeSmtp() {
  const messages = [];
  const waiters = new Set();
  const sockets = new Set();

  const deliver = (message) => {
    messages.push(message);
    for (const waiter of [...waiters]) waiter();
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setEncoding('utf8');
    const say = (line) => socket.write(`${line}\r\n`);
    let buffer = '';
    let envelope = { from: null, to: [], auth: null };
    let mode = 'command'; // or 'data', 'auth-user', 'auth-pass'
    let dataLines = [];

    const command = (line) => {
      const verb = line.split(' ', 1)[0].toUpperCase();
      const rest = line.slice(verb.length).trim();
      switch (verb) {
        case 'EHLO':
          say('250-fake-smtp greets you');
          say('250-8BITMIME');
          say('250 AUTH PLAIN LOGIN');
          break;
        case 'HELO':
          say('250 fake-smtp');
          break;
        case 'AUTH': {
          const [mechanism, initial] = rest.split(/\s+/);
          if (/^plain$/i.test(mechanism) && initial) {
            const [, user, pass] = Buffer.from(initial, 'base64').toString('utf8').split('\0');
            envelope.auth = { mechanism: 'PLAIN', user, pass };
            say('235 2.7.0 authenticated');
          } else if (/^plain$/i.test(mechanism)) {
            mode = 'auth-plain';
            say('334 ');
          } else if (/^login$/i.test(mechanism)) {
            envelope.auth = { mechanism: 'LOGIN', user: null, pass: null };
            mode = 'auth-user';
            say(`334 ${Buffer.from('Username:').toString('base64')}`);
          } else {
            say('504 5.5.4 unrecognized authentication type');
          }
          break;
        }
        case 'MAIL':
          envelope.from = /<([^>]*)>/.exec(rest)?.[1] ?? rest.replace(/^FROM:/i, '');
          say('250 2.1.0 ok');
          break;
        case 'RCPT':
          envelope.to.push(/<([^>]*)>/.exec(rest)?.[1] ?? rest.replace(/^TO:/i, ''));
          say('250 2.1.5 ok');
          break;
        case 'DATA':
          if (!envelope.from || envelope.to.length === 0) {
            say('503 5.5.1 MAIL and RCPT first');
            break;
          }
          mode = 'data';
          dataLines = [];
          say('354 end data with <CR><LF>.<CR><LF>');
          break;
        case 'RSET':
          envelope = { from: null, to: [], auth: envelope.auth };
          say('250 ok');
          break;
        case 'NOOP':
          say('250 ok');
          break;
        case 'QUIT':
          say('221 2.0.0 bye');
          socket.end();
          break;
        default:
          say('502 5.5.2 command not implemented');
      }
    };

    const line = (text) => {
      if (mode === 'data') {
        if (text === '.') {
          const data = dataLines.join('\r\n') + '\r\n';
          const { headers, body } = parseMessage(data);
          deliver({
            ...envelope,
            to: [...envelope.to],
            data,
            headers,
            subject: headers.subject ?? '',
            body,
            code: extractCode(body),
          });
          envelope = { from: null, to: [], auth: envelope.auth };
          mode = 'command';
          say('250 2.0.0 queued');
        } else {
          // RFC 5321 §4.5.2: a leading dot was doubled by the client.
          dataLines.push(text.startsWith('.') ? text.slice(1) : text);
        }
        return;
      }
      const decoded = () => Buffer.from(text, 'base64').toString('utf8');
      if (mode === 'auth-plain') {
        const [, user, pass] = decoded().split('\0');
        envelope.auth = { mechanism: 'PLAIN', user, pass };
        mode = 'command';
        say('235 2.7.0 authenticated');
      } else if (mode === 'auth-user') {
        envelope.auth.user = decoded();
        mode = 'auth-pass';
        say(`334 ${Buffer.from('Password:').toString('base64')}`);
      } else if (mode === 'auth-pass') {
        envelope.auth.pass = decoded();
        mode = 'command';
        say('235 2.7.0 authenticated');
      } else {
        command(text);
      }
    };

    socket.on('data', (chunk) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        line(text);
      }
    });
    say('220 fake-smtp ESMTP ready');
  });

  // Resolves with the first message (from index `since` on) that `match` accepts.
  const waitForMessage = (match = () => true, { since = 0, timeoutMs = 5000 } = {}) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = messages.slice(since).find(match);
        if (!found) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        const seen = messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ');
        reject(new Error(`no matching mail within ${timeoutMs} ms (received: ${seen || 'none'})`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        host: '127.0.0.1',
        port,
        messages,
        waitForMessage,
        // The code of the next mail to `address` arriving after message index `since`.
        codeFor: async (address, options = {}) => {
          const mail = await waitForMessage((m) => m.to.includes(address), options);
          if (!mail.code)
            throw new Error(`no 6-digit code in the mail to ${address}:\n${mail.body}`);
          return mail.code;
        },
        clear: () => {
          messages.length = 0;
        },
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
