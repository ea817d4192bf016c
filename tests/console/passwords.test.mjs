// The passwords "Generate" fills in (web/console/lib/passwords.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePassword } from '../../web/console/lib/passwords.js';

test('a generated password has the asked length and every kind of character', () => {
  for (let i = 0; i < 200; i += 1) {
    const password = generatePassword();
    assert.equal(password.length, 16);
    assert.match(password, /[a-z]/);
    assert.match(password, /[A-Z]/);
    assert.match(password, /[2-9]/);
    assert.match(password, /[!@#$%^&*\-_=+?]/);
  }
  assert.equal(generatePassword(24).length, 24);
});

test('generated passwords leave out look-alike characters and do not repeat', () => {
  const seen = new Set();
  for (let i = 0; i < 200; i += 1) {
    const password = generatePassword();
    assert.doesNotMatch(password, /[lIO01]/);
    seen.add(password);
  }
  assert.equal(seen.size, 200);
});
