// Where an API error shows in a console form (web/console/lib/field_errors.js): decided by the
// field the API names or by the error's code, never by the message's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorField, fieldAt, fieldFor } from '../../web/console/lib/field_errors.js';

const userForm = {
  username: 'username field',
  primaryEmail: 'email field',
  primaryPhone: 'phone field',
  name: 'name field',
  password: 'password field',
};

test('rewording a message does not move it: the code decides', () => {
  const wordings = [
    'The password must be at least 8 characters.',
    'パスワードは 8 文字以上にしてください。',
    'username, email and phone are fine; this one is too short',
    '',
  ];
  for (const message of wordings) {
    assert.equal(fieldFor({ code: 'password.too_short', message }, userForm), 'password field');
  }
});

test('a message that names another field does not move the error there', () => {
  const error = { code: 'user.email_already_in_use', message: 'username taken' };
  assert.equal(fieldFor(error, userForm), 'email field');
});

test('codes of each user identifier go to that identifier', () => {
  const cases = [
    ['user.username_already_in_use', 'username field'],
    ['user.invalid_username', 'username field'],
    ['user.email_already_in_use', 'email field'],
    ['user.invalid_email', 'email field'],
    ['user.phone_already_in_use', 'phone field'],
    ['user.invalid_phone', 'phone field'],
    ['password.contains_user_info', 'password field'],
  ];
  for (const [code, expected] of cases) {
    assert.equal(fieldFor({ code, message: 'phone' }, userForm), expected, code);
  }
});

test('a role name in use goes to the name of the role forms', () => {
  const roleForm = { name: 'role name field', description: 'description field' };
  const error = { code: 'role.name_in_use', message: 'description' };
  assert.equal(fieldFor(error, roleForm), 'role name field');
});

test('a coarse code with no field goes to the form, whatever the message names', () => {
  const error = { code: 'guard.invalid_input', message: 'username must be letters, digits…' };
  assert.equal(errorField(error), '');
  assert.equal(fieldFor(error, userForm), null);
  assert.equal(fieldFor({ message: 'password too short' }, userForm), null);
  assert.equal(fieldFor(null, userForm), null);
});

test('the field the API names wins over the code', () => {
  const error = { code: 'guard.invalid_input', field: 'name', message: 'password' };
  assert.equal(fieldFor(error, userForm), 'name field');
  const setup = { code: 'password.too_short', field: 'username' };
  assert.equal(fieldFor(setup, userForm), 'username field');
});

test('a nested path finds its nearest field and tells the rest', () => {
  const form = {
    color: 'colors',
    'color.primaryColor': 'primary color',
    'oidcClientMetadata.redirectUris': 'redirect list',
    signIn: 'sign-in methods',
  };
  assert.deepEqual(fieldAt({ field: 'color.primaryColor' }, form), {
    target: 'primary color',
    rest: '',
  });
  assert.deepEqual(fieldAt({ field: 'color.darkPrimaryColor' }, form), {
    target: 'colors',
    rest: 'darkPrimaryColor',
  });
  assert.deepEqual(fieldAt({ field: 'oidcClientMetadata.redirectUris.1' }, form), {
    target: 'redirect list',
    rest: '1',
  });
  assert.equal(fieldFor({ field: 'signIn.methods.0.password' }, form), 'sign-in methods');
  assert.equal(fieldFor({ field: 'signInMode' }, form), null, 'a prefix of a word is no parent');
});

test('a form without the field leaves the error to the form', () => {
  assert.equal(fieldFor({ code: 'connector.target_in_use' }, { 'config.clientId': 'x' }), null);
  assert.equal(fieldFor({ code: 'connector.target_in_use' }, { 'config.target': 'x' }), 'x');
});

test('SSO connector errors: a taken name goes to the name, a domain error to the domains', () => {
  const ssoForm = { connectorName: 'name field', domains: 'domains field' };
  const taken = { code: 'single_sign_on.duplicate_connector_name', message: 'domains' };
  assert.equal(fieldFor(taken, ssoForm), 'name field');
  const forbidden = { code: 'single_sign_on.forbidden_domains', field: 'domains', message: 'x' };
  assert.equal(fieldFor(forbidden, ssoForm), 'domains field');
});
