// Which form field an API error belongs to. The answer comes from what the API says, never from
// its wording (words are for people and change with a translation or an edit):
// 1. `field` in the error body, a path into the request body: "username", "color.primaryColor",
//    "oidcClientMetadata.redirectUris.1" (the console's setup call sends it today);
// 2. else the error's `code` (Logto's phrase keys), through CODE_FIELDS;
// 3. else no field: the form shows the message in its own error line.
// Pure functions, no DOM: tests/console/field_errors.test.mjs runs them in node.

// A code, or a family of codes (ending in '.'), and the request body field it concerns.
export const CODE_FIELDS = [
  ['password.', 'password'],
  ['user.username_already_in_use', 'username'],
  ['user.invalid_username', 'username'],
  ['user.email_already_in_use', 'primaryEmail'],
  ['user.invalid_email', 'primaryEmail'],
  ['user.phone_already_in_use', 'primaryPhone'],
  ['user.invalid_phone', 'primaryPhone'],
  ['resource.resource_identifier_in_use', 'indicator'],
  ['scope.name_exists', 'name'],
  ['role.name_in_use', 'name'],
  ['connector.target_in_use', 'config.target'],
  ['single_sign_on.duplicate_connector_name', 'connectorName'],
];

// The path of the field `error` ({ code, field }) concerns, or '' when it concerns none.
export function errorField(error) {
  if (typeof error?.field === 'string' && error.field) return error.field;
  const code = String(error?.code ?? '');
  const found = CODE_FIELDS.find(([pattern]) =>
    pattern.endsWith('.') ? code.startsWith(pattern) : code === pattern,
  );
  return found ? found[1] : '';
}

// Where `error` shows among `fields` (an object from body paths to anything: field wrappers,
// list editors): the entry whose path is the error's field or its nearest parent, and the rest
// of the path below it ('1' for the second item of a list). null when none matches.
export function fieldAt(error, fields) {
  const path = errorField(error);
  if (!path) return null;
  let best = null;
  for (const [key, target] of Object.entries(fields)) {
    if (!target || (path !== key && !path.startsWith(`${key}.`))) continue;
    if (!best || key.length > best.key.length) best = { key, target };
  }
  return best && { target: best.target, rest: path.slice(best.key.length + 1) };
}

// The entry of `fields` that `error` belongs to, or null.
export function fieldFor(error, fields) {
  return fieldAt(error, fields)?.target ?? null;
}
