// Sign-in with the authorization code flow + PKCE. The access token lives in this module only (memory): a reload
// signs in again, which the authorization server's own session makes a quick round trip without the form.
const PENDING = 'aegis.console.pkce';
const LAST_SIGN_IN = 'aegis.console.last-sign-in';

let settings = null;
let endpoints = null;
let session = null; // { token, claims, scopes: Set, expiresAt }

export async function loadSettings() {
  const response = await fetch('/console-config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`console settings: HTTP ${response.status}`);
  settings = await response.json();
  endpoints = {
    authorization: settings.authorizationEndpoint,
    token: settings.tokenEndpoint,
  };
  if (!endpoints.authorization || !endpoints.token) {
    const discovery = await fetch(`${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (!discovery.ok) throw new Error(`OIDC discovery at ${settings.issuer}: HTTP ${discovery.status}`);
    const document = await discovery.json();
    endpoints.authorization ||= document.authorization_endpoint;
    endpoints.token ||= document.token_endpoint;
  }
  return settings;
}

/** The local authorization server accepts loopback IP redirects only; 'localhost' moves to 127.0.0.1 first. */
export function needsLoopbackAddress() {
  return settings?.localIssuer && location.hostname === 'localhost';
}

export function localIssuer() {
  return Boolean(settings?.localIssuer);
}

/** Dev mode: well-known dev accounts on a server only this machine can reach; the header says so. */
export function devMode() {
  return Boolean(settings?.devMode);
}

export function redirectUri() {
  return `${location.origin}/`;
}

export async function signIn() {
  sessionStorage.setItem(LAST_SIGN_IN, String(Date.now()));
  const verifier = randomString(48);
  const state = randomString(24);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash || '#/jobs' }));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: settings.scopes.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${endpoints.authorization}?${query}`);
}

/** Finishes a sign-in when the page was opened by the authorization server's redirect; true if it did. */
export async function completeSignIn() {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (query.has('error')) {
    history.replaceState(null, '', '/');
    throw new Error(`sign-in refused: ${query.get('error_description') || query.get('error')}`);
  }
  if (!pending || pending.state !== query.get('state')) {
    history.replaceState(null, '', '/');
    throw new Error('sign-in answer does not match a sign-in started here; please sign in again');
  }
  const response = await fetch(endpoints.token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code'),
      redirect_uri: redirectUri(),
      client_id: settings.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = await response.json().catch(() => ({}));
  history.replaceState(null, '', `/${pending.returnTo}`);
  if (!response.ok) throw new Error(`token request failed: ${body.error_description || body.error || response.status}`);
  const claims = decodeClaims(body.access_token);
  const scopeClaim = claims.scope ?? claims.scp ?? body.scope ?? '';
  session = {
    token: body.access_token,
    claims,
    scopes: new Set(Array.isArray(scopeClaim) ? scopeClaim : String(scopeClaim).split(' ').filter(Boolean)),
    expiresAt: Date.now() + (body.expires_in ?? 300) * 1000,
  };
  return true;
}

/**
 * After a 401: sign in again, unless that happened less than a minute ago (a token the API keeps refusing would
 * otherwise loop through the authorization server); true if it went.
 */
export function signInAgain() {
  const last = Number(sessionStorage.getItem(LAST_SIGN_IN) || 0);
  if (Date.now() - last < 60_000) return false;
  signIn();
  return true;
}

export function signOut() {
  session = null;
}

export function token() {
  return session && Date.now() < session.expiresAt - 5000 ? session.token : null;
}

export function signedIn() {
  return token() !== null;
}

export function hasScope(scope) {
  return Boolean(session?.scopes.has(scope));
}

export function userName() {
  return session?.claims.sub ?? '';
}

export function tenant() {
  return session?.claims.tenant ?? '';
}

function decodeClaims(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(payload))));
  } catch {
    return {};
  }
}

function randomString(bytes) {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes) {
  let binary = '';
  bytes.forEach(b => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
