// Calls to the Aegis API with the signed-in user's bearer token; problems (RFC 7807) become ApiError.
import { signInAgain, token } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...authorization(), ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const parsed = text ? safeJson(text) : null;
  // An expired or revoked token: sign in again (quick while the authorization server's session lasts).
  if (response.status === 401) signInAgain();
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

export function authorization() {
  const current = token();
  return current ? { Authorization: `Bearer ${current}` } : {};
}

/** An XHR (fetch has no upload progress) whose progress reaches onProgress(0..1); resolves with the response. */
export function send(method, url, body, { headers = {}, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', event => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      const parsed = xhr.responseText ? safeJson(xhr.responseText) : null;
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed);
      else reject(new ApiError(xhr.status, parsed));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { detail: 'the connection failed' })));
    xhr.addEventListener('abort', () => reject(new ApiError(0, { detail: 'the upload was cancelled' })));
    xhr.send(body);
  });
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 300) };
  }
}
