// Drag-and-drop upload of several files with a progress bar each: presigned PUT (POST /v1/uploads) when the
// API offers it, else multipart POST /v1/upload. Both use XHR, whose upload progress fetch() does not report.
// A large file gets S3 multipart part URLs instead: parts go up two at a time, a failed part is sent again (after
// the connection is back), and an upload cut off with its page is resumed when the same file is chosen again.
import { api, authorization, send, ApiError } from '../api.js';
import { announce, el, formatBytes } from '../dom.js';
import { pendingUpload, uploadParts } from './resumable.js';

let presignedUploads = true; // until the API answers 404: then multipart for the rest of the session

export function uploadPanel(onUploaded) {
  const input = el('input', { type: 'file', id: 'upload-input', multiple: true, class: 'visually-hidden' });
  const rows = el('ul', { class: 'uploads', 'aria-label': 'Uploads' });
  const zone = el('label', { for: 'upload-input', class: 'dropzone', id: 'dropzone' },
    el('span', { class: 'dropzone-title' }, 'Drop files here'),
    el('span', { class: 'muted' }, ' or '),
    el('span', { class: 'button-like' }, 'choose files'),
    el('span', { class: 'muted block' }, 'Photos, audio, video, PDFs and text: each becomes a job.'));
  input.addEventListener('change', () => {
    start([...input.files]);
    input.value = '';
  });
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, event => { event.preventDefault(); zone.classList.add('dragging'); });
  }
  for (const type of ['dragleave', 'drop']) {
    zone.addEventListener(type, () => zone.classList.remove('dragging'));
  }
  zone.addEventListener('drop', event => {
    event.preventDefault();
    start([...event.dataTransfer.files]);
  });

  async function start(files) {
    if (!files.length) return;
    announce(`Uploading ${files.length} file${files.length > 1 ? 's' : ''}`);
    const results = await Promise.all(files.map(file => uploadOne(file, rows)));
    onUploaded(results.filter(Boolean));
  }

  return el('section', { class: 'panel', 'aria-labelledby': 'upload-heading' },
    el('h2', { id: 'upload-heading' }, 'Upload'), input, zone, rows);
}

async function uploadOne(file, rows) {
  const progress = el('progress', { max: 100, value: 0, 'aria-label': `Upload progress of ${file.name}` });
  const status = el('span', { class: 'upload-status' }, 'waiting');
  const row = el('li', { class: 'upload', dataset: { file: file.name } },
    el('span', { class: 'upload-name' }, file.name), el('span', { class: 'muted' }, formatBytes(file.size)), progress, status);
  rows.prepend(row);
  const onProgress = fraction => {
    progress.value = Math.round(fraction * 100);
    status.textContent = `${progress.value} %`;
  };
  try {
    const accepted = (presignedUploads && (await resumed(file, onProgress) || await presigned(file, onProgress)))
      || await multipart(file, onProgress);
    progress.value = 100;
    status.replaceChildren('uploaded → ', el('a', { href: `#/jobs/${accepted.jobId}` }, 'job'));
    row.dataset.jobId = accepted.jobId;
    row.classList.add('done');
    return accepted;
  } catch (error) {
    status.textContent = `failed: ${error.message}`;
    row.classList.add('failed');
    return null;
  }
}

// null when the API has no presigned uploads (404/405), so the caller falls back to multipart.
async function presigned(file, onProgress) {
  const contentType = file.type || 'application/octet-stream';
  let grant;
  try {
    grant = await api('/v1/uploads', { method: 'POST', body: { filename: file.name, contentType, sizeBytes: file.size } });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
      presignedUploads = false;
      return null;
    }
    throw error;
  }
  if (grant.method === 'MULTIPART') {
    return uploadParts(file, grant, onProgress);
  }
  await send('PUT', grant.uploadUrl, file, { headers: { 'Content-Type': contentType }, onProgress });
  return grant;
}

// A multipart upload of this very file (name, size, modification time) that an earlier page left unfinished.
async function resumed(file, onProgress) {
  const jobId = pendingUpload(file);
  if (!jobId) return null;
  try {
    const grant = await api(`/v1/uploads/${encodeURIComponent(jobId)}`);
    announce(`Resuming ${file.name}: ${grant.completedParts.length} of ${grant.partCount} parts were already sent`);
    return await uploadParts(file, grant, onProgress);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null; // finished, aborted or expired: start anew
    throw error;
  }
}

function multipart(file, onProgress) {
  const form = new FormData();
  form.append('file', file, file.name);
  return send('POST', '/v1/upload', form, { headers: authorization(), onProgress });
}
