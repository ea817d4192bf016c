// The App Secret the console shows. As in Logto, an application read from the Management API
// carries no secret: its secrets are listed at /applications/:id/secrets. The one shown is the
// secret Logto hands on as the app's own: "Default secret" while it has not expired, else the
// oldest unexpired one.
import { get } from '../../lib/api.js';
import { confidential } from './app_kinds.js';

const DEFAULT_SECRET = 'Default secret';

// The value of the secret to show among `secrets` (oldest first), '' when none may be used.
export function shownSecret(secrets, now = Date.now()) {
  const usable = secrets.filter((s) => s.expiresAt === null || s.expiresAt > now);
  const picked = usable.find((s) => s.name === DEFAULT_SECRET) ?? usable[0];
  return picked?.value ?? '';
}

// `app` with `secret` set for a confidential app (fetched), unchanged otherwise.
export async function withSecret(app) {
  if (!confidential(app.type)) return app;
  const { data } = await get(`/applications/${encodeURIComponent(app.id)}/secrets`);
  return { ...app, secret: shownSecret(data ?? []) };
}
