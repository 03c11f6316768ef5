// Operators (admin scope): queue and DLQ depths, dead letters with their reasons and a redrive button, bulk
// reprocessing by filter (a dry-run count first), and the loaded route files when the API lists them (the panel
// stays hidden where GET /v1/admin/routes is a 404).
import { api } from '../api.js';
import { announce, el, formatTime, replace } from '../dom.js';
import { plainError } from './job.js';

export function render(main) {
  const queues = el('div', { id: 'dlq' }, el('p', { class: 'muted' }, 'Loading queues…'));
  const routes = el('section', { class: 'panel', id: 'routes-panel', 'aria-labelledby': 'routes-heading', hidden: true });
  main.append(el('h1', {}, 'Admin'),
    el('section', { class: 'panel', 'aria-labelledby': 'queues-heading' },
      el('h2', { id: 'queues-heading' }, 'Queues and dead letters'),
      el('p', {}, el('button', { type: 'button', class: 'secondary', onclick: () => loadQueues(queues) }, 'Refresh')),
      queues),
    bulkReprocess(),
    routes);
  loadQueues(queues);
  loadRoutes(routes);
}

async function loadQueues(container) {
  try {
    const report = await api('/v1/admin/dlq');
    replace(container, report.queues.map(queue => queuePanel(queue, container)));
  } catch (error) {
    replace(container, el('p', { class: 'error', role: 'alert' }, `Could not read the queues: ${error.message}`));
  }
}

function queuePanel(queue, container) {
  const result = el('p', { class: 'muted', 'aria-live': 'polite' });
  return el('article', { class: 'queue', dataset: { queue: queue.queue } },
    el('h3', {}, queue.queue),
    el('p', {}, queue.queueDepth !== undefined ? `${queue.queueDepth} waiting · ` : '',
      el('span', { class: 'dlq-depth' }, `${queue.depth} in ${queue.dlq}`)),
    queue.messages.length ? el('div', { class: 'table-scroll' }, el('table', { class: 'dead-letters' },
      el('thead', {}, el('tr', {}, ['Job', 'Tenant', 'Step', 'Why it failed', 'When'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, queue.messages.map(message => el('tr', { dataset: { jobId: message.jobId || '' } },
        el('td', {}, message.jobId ? el('code', {}, message.jobId) : '—'),
        el('td', {}, message.tenant || ''),
        el('td', {}, message.step || ''),
        el('td', {}, message.error ? plainError(message.error)
          : 'A worker stopped before it could record why (the queue moved the message here).'),
        el('td', {}, formatTime(message.failedAt))))))) : null,
    queue.depth > 0 ? el('button', { type: 'button', class: 'redrive', onclick: async event => {
      event.target.disabled = true;
      try {
        const answer = await api(`/v1/admin/dlq/${encodeURIComponent(queue.queue)}/redrive`, { method: 'POST' });
        result.textContent = `Moved ${answer.redriven} message(s) back to ${queue.queue}.`;
        announce(result.textContent);
        setTimeout(() => loadQueues(container), 1500);
      } catch (error) {
        result.textContent = `Redrive failed: ${error.message}`;
        event.target.disabled = false;
      }
    } }, `Redrive ${queue.depth} message${queue.depth === 1 ? '' : 's'} to ${queue.queue}`) : null,
    result);
}

async function loadRoutes(section) {
  let report;
  try {
    report = await api('/v1/admin/routes');
  } catch (error) {
    section.hidden = true; // this API has no route listing (404), or it failed: nothing to show
    return;
  }
  const last = report.lastReload;
  replace(section,
    el('h2', { id: 'routes-heading' }, 'Route files'),
    last ? el('p', { class: last.error ? 'error' : '' },
      `Last reload: ${last.file} — ${last.result}${last.error ? `: ${last.error}` : ''} (${formatTime(last.at)})`) : null,
    el('div', { class: 'table-scroll' }, el('table', {},
      el('thead', {}, el('tr', {}, ['File', 'SHA-256', 'Routes', 'Loaded'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, (report.files || []).map(file => el('tr', {},
        el('td', {}, file.file), el('td', {}, el('code', { class: 'hash' }, file.sha256)),
        el('td', {}, (file.routeIds || []).join(', ')), el('td', {}, formatTime(file.loadedAt))))))));
  section.hidden = false;
}

function bulkReprocess() {
  const field = (id, label, attributes) => el('p', {}, el('label', { for: id }, label, ' '), el('input', { id, ...attributes }));
  const kind = el('select', { id: 'bulk-kind' }, ['', 'image', 'video', 'audio', 'pdf', 'text']
    .map(k => el('option', { value: k }, k || 'any kind')));
  const result = el('p', { 'aria-live': 'polite', id: 'bulk-result' });
  const form = el('form', { id: 'bulk-form' },
    field('bulk-tenant', 'Tenant (empty: every tenant)', { type: 'text', size: 20 }),
    el('p', {}, el('label', { for: 'bulk-kind' }, 'Media kind '), kind),
    field('bulk-from', 'Created from (UTC)', { type: 'datetime-local' }),
    field('bulk-to', 'Created before (UTC)', { type: 'datetime-local' }),
    field('bulk-steps', 'Only these steps (comma-separated, empty: the whole plan)', { type: 'text', size: 30 }),
    el('p', {},
      el('button', { type: 'submit', value: 'count', class: 'secondary' }, 'Count matching assets'), ' ',
      el('button', { type: 'submit', value: 'run', id: 'bulk-run' }, 'Reprocess them')),
    result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const run = event.submitter?.value === 'run';
    const value = id => form.querySelector(`#${id}`).value.trim();
    // datetime-local gives 2026-12-07T10:00 (or with seconds): read as UTC.
    const instant = id => (value(id) ? `${value(id)}${value(id).length === 16 ? ':00' : ''}Z` : undefined);
    const steps = value('bulk-steps') ? value('bulk-steps').split(',').map(s => s.trim()).filter(Boolean) : undefined;
    const body = { tenant: value('bulk-tenant') || undefined, mediaType: kind.value || undefined,
      from: instant('bulk-from'), to: instant('bulk-to'), steps, dryRun: !run, limit: 1000 };
    if (run && !confirm('Start a reprocessing job for every matching asset?')) return;
    try {
      const report = await api('/v1/admin/reprocess', { method: 'POST', body });
      result.textContent = run
        ? `Started ${report.started} job(s)${report.skipped.length ? `; ${report.skipped.length} asset(s) skipped (a job under way)` : ''}${report.more ? '; more match: run again' : ''}.`
        : `${report.matched}${report.more ? '+' : ''} asset(s) match.`;
      announce(result.textContent);
    } catch (error) {
      result.textContent = `Refused: ${error.message}`;
    }
  });
  return el('section', { class: 'panel', 'aria-labelledby': 'bulk-heading' },
    el('h2', { id: 'bulk-heading' }, 'Reprocess assets in bulk'), form);
}
