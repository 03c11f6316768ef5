// One job: status, steps with attempts, durations and errors in plain words; updated live from the event stream.
import { api } from '../api.js';
import { el, formatDuration, formatTime, replace, statusBadge } from '../dom.js';
import { onJobEvent } from '../events.js';

const PLAIN_ERRORS = {
  UNSUPPORTED_MEDIA_TYPE: 'This kind of file is not supported.',
  FILE_TOO_LARGE: 'The file is larger than allowed.',
  EMPTY_FILE: 'The file is empty.',
  CORRUPT_MEDIA: 'The file is damaged or not what its name says.',
  DECOMPRESSION_BOMB: 'The file would expand to an unsafe size, so it was refused.',
  LIMIT_EXCEEDED: 'The file goes beyond a processing limit.',
  PROCESSING_TIMEOUT: 'Processing took too long and was stopped.',
  PROVIDER_UNAVAILABLE: 'An outside service this step needs was not available.',
  INTERNAL: 'Something went wrong inside Aegis.',
};

const STEP_NAMES = {
  validate: 'Check the file', metadata: 'Read metadata', thumbnails: 'Make thumbnails', poster: 'Pick a poster frame',
  'extract-audio': 'Extract the audio', 'extract-text': 'Extract the text', ocr: 'Read text in the picture',
  transcribe: 'Transcribe speech', summarize: 'Summarise', 'analyze-image': 'Describe the picture', embed: 'Index for search',
};

export function plainError(error) {
  if (!error) return null;
  const plain = PLAIN_ERRORS[error.code] || 'It failed.';
  return `${plain}${error.message ? ` (${error.message})` : ''}`;
}

export function render(main, jobId) {
  const container = el('div', { id: 'job-view', dataset: { jobId } }, el('p', { class: 'muted' }, 'Loading the job…'));
  main.append(el('p', {}, el('a', { href: '#/jobs' }, '← All jobs')), container);
  let current = null;

  async function load() {
    try {
      const fetched = await api(`/v1/jobs/${encodeURIComponent(jobId)}`);
      // An event may have brought a newer state while this read was on its way: the newer one stays.
      if (notOlder(fetched, current)) {
        current = fetched;
        draw(container, current);
      }
    } catch (error) {
      replace(container, el('h1', {}, 'Job'), el('p', { class: 'error', role: 'alert' },
        error.status === 404
          ? 'No job with this id in your tenant yet. A file just uploaded appears here as soon as it has landed.'
          : `Could not load the job: ${error.message}`));
    }
  }

  load();
  return onJobEvent(event => {
    if (event.type === 'ready') load();
    else if (event.job.jobId === jobId && notOlder(event.job, current)) {
      current = event.job;
      draw(container, current);
    }
  });
}

// updatedAt is ISO-8601 with 0, 3 or 6 fraction digits ("…:51Z", "…:51.115Z"): compared as instants, not as text.
function notOlder(candidate, current) {
  const at = job => (job.updatedAt ? Date.parse(job.updatedAt) : -Infinity);
  return !current || at(candidate) >= at(current);
}

function draw(container, job) {
  const cancellable = job.status === 'QUEUED' || job.status === 'RUNNING';
  replace(container,
    el('h1', {}, job.filename || 'Job'),
    el('p', { class: 'job-status', id: 'job-status', 'aria-live': 'polite' }, 'Status: ', statusBadge(job.status),
      ` · ${job.progress ?? 0} % · ${job.mediaType || 'type not known yet'}${job.mimeType ? ` (${job.mimeType})` : ''}`),
    el('progress', { max: 100, value: job.progress ?? 0, 'aria-label': 'Job progress' }),
    job.error ? el('p', { class: 'error', role: 'alert' }, plainError(job.error)) : null,
    el('p', { class: 'actions' },
      job.status === 'SUCCEEDED' ? el('a', { class: 'button-like', id: 'open-asset', href: `#/assets/${job.assetId}` }, 'Open the asset') : null,
      cancellable ? el('button', { type: 'button', class: 'secondary', onclick: () => cancel(job) }, 'Cancel the job') : null),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Job'), el('dd', {}, el('code', {}, job.jobId)),
      el('dt', {}, 'Created'), el('dd', {}, formatTime(job.createdAt)),
      el('dt', {}, 'Last change'), el('dd', {}, formatTime(job.updatedAt))),
    el('h2', {}, 'Steps'),
    el('div', { class: 'table-scroll' }, el('table', { class: 'steps' },
      el('thead', {}, el('tr', {}, ['Step', 'Status', 'Attempts', 'Took', 'What happened'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, (job.steps || []).map(step => el('tr', { dataset: { step: step.name, status: step.status } },
        el('td', {}, STEP_NAMES[step.name] || step.name, el('span', { class: 'muted block' }, step.name)),
        el('td', {}, statusBadge(step.status)),
        el('td', {}, String(step.attempts ?? 0)),
        el('td', {}, step.startedAt && step.finishedAt ? formatDuration(Date.parse(step.finishedAt) - Date.parse(step.startedAt)) : ''),
        el('td', {}, step.error ? plainError(step.error) : describe(step))))))));
}

function describe(step) {
  switch (step.status) {
    case 'PENDING': return 'Waiting for earlier steps.';
    case 'RUNNING': return step.attempts > 1 ? `Running again (attempt ${step.attempts}).` : 'Running now.';
    case 'SUCCEEDED': return step.attempts > 1 ? `Done after ${step.attempts} attempts.` : 'Done.';
    case 'SKIPPED': return 'Not needed for this file.';
    default: return '';
  }
}

async function cancel(job) {
  try {
    await api(`/v1/jobs/${encodeURIComponent(job.jobId)}`, { method: 'DELETE' });
  } catch (error) {
    alert(`Could not cancel: ${error.message}`);
  }
}
