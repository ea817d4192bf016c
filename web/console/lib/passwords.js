// Strong random passwords for operators to hand over. Pure: tests/console runs it in node.

const SETS = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#$%^&*-_=+?'];

// One character of `chars`, every one equally likely (rejection sampling over random bytes).
function pick(chars) {
  const limit = 256 - (256 % chars.length);
  const buf = new Uint8Array(1);
  do crypto.getRandomValues(buf);
  while (buf[0] >= limit);
  return chars[buf[0] % chars.length];
}

// `length` characters from letters, digits and symbols, with at least one of each kind (the
// look-alikes l, I, O, 0 and 1 left out).
export function generatePassword(length = 16) {
  const all = SETS.join('');
  for (;;) {
    const out = Array.from({ length }, () => pick(all));
    if (SETS.every((set) => out.some((c) => set.includes(c)))) return out.join('');
  }
}
