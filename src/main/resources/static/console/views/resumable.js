// Resumable uploads: the parts of an S3 multipart upload (POST /v1/uploads answered method MULTIPART) go straight to
// their presigned URLs, two at a time. A part that fails is sent again after a growing wait, and not before the
// browser is back online; URLs that expired are signed anew (GET /v1/uploads/{jobId}); when every part is there,
// POST .../complete starts the job. The job id is remembered (localStorage, keyed by the file's name, size and
// modification time, no token), so choosing the same file after the page was closed resumes with the parts S3
// already holds.
import { api, send, ApiError } from '../api.js';

const PARALLEL = 2;
const MAX_TRIES = 8;
const STORE = 'aegis.pendingUploads';

export function pendingUpload(file) {
  return remembered()[fingerprint(file)] || null;
}

export async function uploadParts(file, grant, onProgress) {
  remember(file, grant.jobId);
  const total = grant.sizeBytes;
  const done = new Map(); // partNumber -> bytes
  const moving = new Map(); // partNumber -> bytes sent so far of a part under way
  const sizeOf = number => (number < grant.partCount ? grant.partSize : total - (grant.partCount - 1) * grant.partSize);
  for (const number of grant.completedParts || []) done.set(number, sizeOf(number));
  const report = () => {
    let sent = 0;
    done.forEach(bytes => { sent += bytes; });
    moving.forEach(bytes => { sent += bytes; });
    onProgress(Math.min(1, sent / total));
  };
  report();
  let queue = [...grant.parts];
  let urlsExpireAt = Date.parse(grant.urlsExpireAt || 0);

  async function sendPart(part) {
    for (let attempt = 1; ; attempt++) {
      if (Date.now() > urlsExpireAt - 30_000) {
        // The signed URLs are about to lapse: fresh ones for the parts still missing.
        const fresh = await api(`/v1/uploads/${encodeURIComponent(grant.jobId)}`);
        urlsExpireAt = Date.parse(fresh.urlsExpireAt || 0);
        const again = fresh.parts.find(p => p.partNumber === part.partNumber);
        if (!again) { done.set(part.partNumber, part.sizeBytes); report(); return; }
        part = again;
        queue = queue.map(p => fresh.parts.find(f => f.partNumber === p.partNumber) || p);
      }
      try {
        await send('PUT', part.url, file.slice(part.offset, part.offset + part.sizeBytes), {
          onProgress: fraction => { moving.set(part.partNumber, fraction * part.sizeBytes); report(); },
        });
        moving.delete(part.partNumber);
        done.set(part.partNumber, part.sizeBytes);
        report();
        return;
      } catch (error) {
        moving.delete(part.partNumber);
        report();
        if (attempt >= MAX_TRIES) throw new ApiError(error.status || 0, { detail: `part ${part.partNumber} failed ${attempt} times: ${error.message}` });
        await online();
        await sleep(Math.min(30_000, 500 * 2 ** attempt));
      }
    }
  }

  async function worker() {
    while (queue.length) {
      await sendPart(queue.shift());
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
  const accepted = await api(`/v1/uploads/${encodeURIComponent(grant.jobId)}/complete`, { method: 'POST' });
  forget(file);
  return accepted;
}

function online() {
  if (navigator.onLine) return Promise.resolve();
  return new Promise(resolve => window.addEventListener('online', resolve, { once: true }));
}

function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function fingerprint(file) {
  return `${file.name}|${file.size}|${file.lastModified}`;
}

function remembered() {
  try {
    return JSON.parse(localStorage.getItem(STORE) || '{}');
  } catch {
    return {};
  }
}

function remember(file, jobId) {
  const all = remembered();
  all[fingerprint(file)] = jobId;
  localStorage.setItem(STORE, JSON.stringify(all));
}

function forget(file) {
  const all = remembered();
  delete all[fingerprint(file)];
  localStorage.setItem(STORE, JSON.stringify(all));
}
