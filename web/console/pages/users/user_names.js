// What to call a user, on every user page.

// The name a person reads: name, then username, email, phone, then the id.
export function displayName(user) {
  return user.name || user.username || user.primaryEmail || user.primaryPhone || user.id;
}

// What the user types to sign in: username, email or phone (the id when there is none).
export function signInIdentifier(user) {
  return user.username || user.primaryEmail || user.primaryPhone || user.id;
}
