// Helpers the MFA and passkey browser tests share: TOTP codes computed from the secret the page
// shows (RFC 6238: HMAC-SHA-1, 30 s, 6 digits), Chromium's virtual authenticator over CDP, and
// the sign-in URL on the endpoint's host (WebAuthn needs a domain as its RP ID: localhost, not
// 127.0.0.1).
import { createHmac } from 'node:crypto';
import { authorizeUrl } from './flow.mjs';

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The code of `secret` at time step `step` (default: now).
export function totp(secret, step = Math.floor(Date.now() / 30000)) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(number).padStart(6, '0');
}

// A platform authenticator with resident keys and user verification, as a laptop's.
export async function addVirtualAuthenticator(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

// The authorization URL on the endpoint's origin (http://localhost:PORT).
export function endpointAuthorizeUrl(stack, extra = {}) {
  return authorizeUrl(stack, extra).replace(stack.server.baseUrl, stack.server.endpoint);
}

// Drops the browser's cookies but the trusted-device one: a fresh sign-in on the same browser.
export async function forgetSession(context, { keepTrustedDevice = false } = {}) {
  const keep = (await context.cookies()).filter(
    (c) => keepTrustedDevice && c.name === '_latch_trusted_device',
  );
  await context.clearCookies();
  if (keep.length > 0) await context.addCookies(keep);
}
