// The jobs list with the upload panel: newest first with each asset's preview picture, rows update live from the
// event stream.
import { api } from '../api.js';
import { el, formatTime, replace, statusBadge } from '../dom.js';
import { onJobEvent } from '../events.js';
import { uploadPanel } from './upload.js';

export function render(main) {
  const jobs = new Map();
  const body = el('tbody');
  const note = el('p', { class: 'muted', id: 'jobs-note' }, 'Loading your jobs…');
  const table = el('table', { class: 'jobs', id: 'jobs-table' },
    el('caption', { class: 'visually-hidden' }, 'Your jobs, newest first'),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Preview')),
      el('th', { scope: 'col' }, 'File'), el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, 'Progress'),
      el('th', { scope: 'col' }, 'Type'), el('th', { scope: 'col' }, 'Started'))),
    body);

  main.append(
    el('h1', {}, 'Jobs'),
    uploadPanel(accepted => {
      if (accepted.length === 1) location.hash = `#/jobs/${accepted[0].jobId}`;
    }),
    el('section', { class: 'panel', 'aria-labelledby': 'jobs-heading' },
      el('h2', { id: 'jobs-heading' }, 'Your jobs'), note, el('div', { class: 'table-scroll' }, table)));

  function draw() {
    const sorted = [...jobs.values()].sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || ''));
    replace(body, sorted.map(row));
    note.textContent = sorted.length ? '' : 'No jobs yet: upload a file above.';
  }

  async function load() {
    try {
      const page = await api('/v1/jobs?limit=50');
      page.items.forEach(job => jobs.set(job.jobId, { ...jobs.get(job.jobId), ...job }));
      draw();
    } catch (error) {
      note.textContent = `Could not load your jobs: ${error.message}`;
    }
  }

  // Events carry the job, not its asset: a finished job's picture is read once from its asset.
  async function loadPreview(job) {
    try {
      const preview = previewOf(await api(`/v1/assets/${encodeURIComponent(job.assetId)}`));
      const current = jobs.get(job.jobId);
      if (preview && current) {
        jobs.set(job.jobId, { ...current, preview });
        draw();
      }
    } catch {
      // no picture is no error: the row keeps its text
    }
  }

  load();
  return onJobEvent(event => {
    if (event.type === 'ready') load();
    else {
      const known = jobs.get(event.job.jobId);
      jobs.set(event.job.jobId, { ...event.job, preview: event.job.preview || known?.preview });
      draw();
      if (event.job.status === 'SUCCEEDED' && !known?.preview) loadPreview(event.job);
    }
  });
}

function row(job) {
  return el('tr', { dataset: { jobId: job.jobId, status: job.status } },
    el('td', { class: 'preview-cell' }, job.preview
      ? el('img', { src: job.preview.url, alt: '', class: 'preview', loading: 'lazy',
        width: fit(job.preview).width, height: fit(job.preview).height })
      : null),
    el('td', {}, el('a', { href: `#/jobs/${job.jobId}` }, job.filename || job.jobId)),
    el('td', {}, statusBadge(job.status)),
    el('td', {}, el('progress', { max: 100, value: job.progress ?? 0, 'aria-label': `Progress of ${job.filename}` }),
      ` ${job.progress ?? 0} %`),
    el('td', {}, job.mediaType || ''),
    el('td', {}, formatTime(job.createdAt)));
}

// As the API picks it for the list: the smallest thumbnail of at least 128 px, else the largest there is.
function previewOf(asset) {
  const side = r => Math.max(r.width || 0, r.height || 0);
  const thumbnails = (asset.renditions || []).filter(r => r.kind === 'thumbnail').sort((a, b) => side(a) - side(b));
  return thumbnails.find(r => side(r) >= 128) || thumbnails[thumbnails.length - 1] || null;
}

// A preview box of at most 48 px a side, keeping the picture's shape.
function fit(preview) {
  const scale = 48 / Math.max(preview.width || 48, preview.height || 48);
  return { width: Math.round((preview.width || 48) * scale), height: Math.round((preview.height || 48) * scale) };
}
