// Webhooks of the signed-in user's tenant: register one (its secret is shown once), list them with their latest
// deliveries and every try, delete one.
import { api } from '../api.js';
import { announce, el, formatTime, replace } from '../dom.js';

const EVENTS = [
  ['job.succeeded', 'A job succeeded'],
  ['job.failed', 'A job failed'],
  ['job.cancelled', 'A job was cancelled'],
  ['asset.deleted', 'An asset was deleted'],
];

export function render(main) {
  const list = el('div', { id: 'webhook-list' }, el('p', { class: 'muted' }, 'Loading webhooks…'));
  const secret = el('div', { id: 'webhook-secret', 'aria-live': 'polite' });
  main.append(el('h1', {}, 'Webhooks'),
    el('p', { class: 'muted' }, 'Aegis POSTs a signed JSON event to each URL when something happens in your tenant; '
      + 'a failed delivery is tried again with growing waits.'),
    registerForm(list, secret), secret,
    el('section', { class: 'panel', 'aria-labelledby': 'webhooks-heading' },
      el('h2', { id: 'webhooks-heading' }, 'Your webhooks'), list));
  load(list);
}

function registerForm(list, secretBox) {
  const url = el('input', { type: 'url', id: 'webhook-url', required: true, placeholder: 'https://example.com/aegis-events',
    autocomplete: 'off', size: 50 });
  const description = el('input', { type: 'text', id: 'webhook-description', maxlength: 200, size: 30 });
  const boxes = EVENTS.map(([name, label]) => el('label', { class: 'checkbox' },
    el('input', { type: 'checkbox', name: 'events', value: name, checked: name !== 'job.cancelled' }), ' ', label,
    ' ', el('code', {}, name)));
  const error = el('p', { class: 'error', role: 'alert', hidden: true });
  const form = el('form', { id: 'webhook-form', class: 'panel', 'aria-labelledby': 'webhook-form-heading' },
    el('h2', { id: 'webhook-form-heading' }, 'Add a webhook'),
    el('p', {}, el('label', { for: 'webhook-url' }, 'URL '), url),
    el('fieldset', {}, el('legend', {}, 'Events'), boxes),
    el('p', {}, el('label', { for: 'webhook-description' }, 'Description (optional) '), description),
    error,
    el('p', {}, el('button', { type: 'submit' }, 'Add webhook')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.hidden = true;
    const events = [...form.querySelectorAll('input[name="events"]:checked')].map(box => box.value);
    try {
      const created = await api('/v1/webhooks', { method: 'POST',
        body: { url: url.value.trim(), events, description: description.value.trim() || undefined } });
      form.reset();
      replace(secretBox, el('section', { class: 'panel secret', 'aria-labelledby': 'secret-heading' },
        el('h2', { id: 'secret-heading' }, 'Signing secret'),
        el('p', {}, 'Copy it now: it is shown only this once. Verify each delivery\'s ',
          el('code', {}, 'webhook-signature'), ' with it (Standard Webhooks).'),
        el('p', {}, el('code', { class: 'secret-value', id: 'webhook-secret-value' }, created.secret)),
        el('p', {}, el('button', { type: 'button', class: 'secondary', onclick: () => replace(secretBox) }, 'I have copied it'))));
      announce('Webhook added. Its signing secret is shown once.');
      load(list);
    } catch (problem) {
      error.textContent = `Could not add the webhook: ${problem.message}`;
      error.hidden = false;
    }
  });
  return form;
}

async function load(list) {
  try {
    const { webhooks } = await api('/v1/webhooks');
    replace(list, webhooks.length
      ? webhooks.map(webhook => item(webhook, list))
      : el('p', { class: 'muted' }, 'No webhooks yet.'));
  } catch (error) {
    replace(list, el('p', { class: 'error', role: 'alert' }, `Could not load the webhooks: ${error.message}`));
  }
}

function item(webhook, list) {
  const deliveries = el('div', { class: 'deliveries' });
  const result = el('p', { class: 'muted', 'aria-live': 'polite' });
  return el('article', { class: 'webhook', dataset: { webhookId: webhook.webhookId } },
    el('h3', {}, el('code', {}, webhook.url)),
    el('p', {}, webhook.description ? `${webhook.description} · ` : '', webhook.events.join(', '),
      ` · added ${formatTime(webhook.createdAt)}`),
    el('p', {},
      el('button', { type: 'button', class: 'secondary show-deliveries', onclick: () => showDeliveries(webhook, deliveries) },
        'Deliveries'), ' ',
      el('button', { type: 'button', class: 'danger delete-webhook', onclick: async event => {
        if (!confirm(`Delete the webhook to ${webhook.url}? Nothing more is delivered to it.`)) return;
        event.target.disabled = true;
        try {
          await api(`/v1/webhooks/${encodeURIComponent(webhook.webhookId)}`, { method: 'DELETE' });
          announce('Webhook deleted.');
          load(list);
        } catch (error) {
          result.textContent = `Delete failed: ${error.message}`;
          event.target.disabled = false;
        }
      } }, 'Delete')),
    result, deliveries);
}

async function showDeliveries(webhook, container) {
  replace(container, el('p', { class: 'muted' }, 'Loading deliveries…'));
  try {
    const { deliveries } = await api(`/v1/webhooks/${encodeURIComponent(webhook.webhookId)}/deliveries?limit=20`);
    replace(container, deliveries.length ? el('div', { class: 'table-scroll' }, el('table', { class: 'delivery-table' },
      el('thead', {}, el('tr', {}, ['Event', 'Status', 'Tries', 'Created'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, deliveries.map(delivery => el('tr', { dataset: { eventId: delivery.eventId, status: delivery.status } },
        el('td', {}, delivery.eventType, el('br'), el('code', { class: 'muted' }, delivery.eventId)),
        el('td', {}, delivery.status.toLowerCase()),
        el('td', {}, el('ol', { class: 'tries' }, delivery.attempts.map(attempt => el('li', {},
          `${formatTime(attempt.at)}: ${attempt.statusCode ? `HTTP ${attempt.statusCode}` : 'no answer'}`
          + `${attempt.error && !attempt.statusCode ? ` (${attempt.error})` : ''}, ${attempt.durationMs} ms`)))),
        el('td', {}, formatTime(delivery.createdAt)))))))
      : el('p', { class: 'muted' }, 'Nothing delivered yet.'));
  } catch (error) {
    replace(container, el('p', { class: 'error', role: 'alert' }, `Could not load the deliveries: ${error.message}`));
  }
}
