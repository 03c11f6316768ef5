// The jobs list with the upload panel: newest first, rows update live from the event stream.
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

  load();
  return onJobEvent(event => {
    if (event.type === 'ready') load();
    else {
      jobs.set(event.job.jobId, event.job);
      draw();
    }
  });
}

function row(job) {
  return el('tr', { dataset: { jobId: job.jobId, status: job.status } },
    el('td', {}, el('a', { href: `#/jobs/${job.jobId}` }, job.filename || job.jobId)),
    el('td', {}, statusBadge(job.status)),
    el('td', {}, el('progress', { max: 100, value: job.progress ?? 0, 'aria-label': `Progress of ${job.filename}` }),
      ` ${job.progress ?? 0} %`),
    el('td', {}, job.mediaType || ''),
    el('td', {}, formatTime(job.createdAt)));
}

