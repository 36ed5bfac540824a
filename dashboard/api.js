// The REST API client of the dashboard: tokens from /auth, refreshed with /auth/token, kept in sessionStorage.
// Every request goes to the page's own origin (the dashboard port also serves the API), so no CORS is involved.

const KEY = "pharos.session";

export class APIError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Thrown when there is no usable session; the page shows the sign-in form with `message`. */
export class SessionError extends Error {}

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || "null");
  } catch {
    return null;
  }
}

function store(tokens, username) {
  sessionStorage.setItem(KEY, JSON.stringify({ ...tokens, username }));
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

async function errorOf(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body && body.message) message = body.message;
  } catch {
    // not JSON: keep the status line
  }
  return new APIError(response.status, message);
}

export async function signIn(username, password) {
  const response = await fetch("/auth", {
    headers: { Authorization: "Basic " + btoa(unescape(encodeURIComponent(`${username}:${password}`))) },
  });
  if (response.status === 401) throw new APIError(401, "Wrong username or password.");
  if (!response.ok) throw await errorOf(response);
  store(await response.json(), username);
}

export async function signOut() {
  const current = session();
  forget();
  if (!current) return;
  try {
    await fetch("/auth/logout", {
      method: "POST",
      headers: { Authorization: "Bearer " + current.access_token, "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: current.refresh_token }),
    });
  } catch {
    // signed out locally either way
  }
}

let refreshing = null;

async function refresh() {
  const current = session();
  if (!current) throw new SessionError("Please sign in.");
  refreshing ??= (async () => {
    const response = await fetch("/auth/token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: current.refresh_token }),
    });
    if (!response.ok) {
      forget();
      throw new SessionError("Your session has expired. Please sign in again.");
    }
    store(await response.json(), current.username);
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** The Authorization header value of the current session (refreshed first when it is about to expire). */
export async function authorization() {
  let current = session();
  if (!current) throw new SessionError("Please sign in.");
  if (current.expires_at && current.expires_at * 1000 < Date.now() + 5000) {
    await refresh();
    current = session();
  }
  return "Bearer " + current.access_token;
}

/**
 * One API request. `body` is sent as JSON unless it is a string (sent as is with `contentType`).
 * Returns the parsed JSON (or text for non-JSON answers, null for 204). A 401 refreshes the tokens once.
 */
export async function request(method, path, { body, contentType = "application/json", raw = false } = {}) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers = { Authorization: await authorization() };
    let payload;
    if (body !== undefined) {
      headers["Content-Type"] = contentType;
      payload = typeof body === "string" ? body : JSON.stringify(body);
    }
    const response = await fetch(path, { method, headers, body: payload });
    if (response.status === 401 && attempt === 0) {
      await refresh();
      continue;
    }
    if (response.status === 401) {
      forget();
      throw new SessionError("Your session has expired. Please sign in again.");
    }
    if (!response.ok) throw await errorOf(response);
    if (response.status === 204) return null;
    if (raw) return response.text();
    const type = response.headers.get("Content-Type") || "";
    return type.includes("json") ? response.json() : response.text();
  }
}

export const get = (path) => request("GET", path);
export const core = (namespace, collection, name) =>
  `/api/core/v2/namespaces/${encodeURIComponent(namespace)}/${collection}` +
  (name === undefined ? "" : "/" + encodeURIComponent(name));
