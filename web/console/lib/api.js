// Calls to the management API (/api) with the operator's token. A missing or expired session
// sends the operator through sign-in again and comes back to the same page.
import { currentSession, startSignIn } from './auth.js';

// A failed call: the HTTP status and the error body's code (a Logto phrase key such as
// 'user.username_already_in_use'), message (for people only: never branch on it), details and
// field (the request body path the error concerns, when the API names it; see field_errors.js),
// and data (more about the failure: a custom JWT script's own error message).
export class ApiError extends Error {
  constructor(status, { code, message, details, field, data } = {}) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code ?? '';
    this.details = details;
    this.field = typeof field === 'string' ? field : '';
    this.data = data;
  }
}

function here() {
  return window.location.pathname + window.location.search;
}

// api('GET', '/applications', { query: { page: 1 } }) resolves with { data, total } (total from
// Total-Number, for lists) or throws ApiError.
export async function api(method, path, { body, query } = {}) {
  const session = currentSession();
  if (!session) {
    await startSignIn({ returnTo: here() });
    return new Promise(() => {}); // the page is leaving
  }
  const url = new URL(`/api${path}`, window.location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { authorization: `Bearer ${session.accessToken}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, { code: 'network', message: error.message });
  }
  if (res.status === 401) {
    await startSignIn({ returnTo: here() });
    return new Promise(() => {});
  }
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const body = data && typeof data === 'object' ? data : {};
    const { code, message, details, field } = body;
    throw new ApiError(res.status, {
      code,
      message: message ?? text,
      details,
      field,
      data: body.data,
    });
  }
  const total = res.headers.get('total-number');
  return { data, total: total === null ? undefined : Number(total) };
}

export const get = (path, query) => api('GET', path, { query });
export const post = (path, body) => api('POST', path, { body: body ?? {} });
export const patch = (path, body) => api('PATCH', path, { body });
export const put = (path, body) => api('PUT', path, { body });
export const del = (path) => api('DELETE', path);
