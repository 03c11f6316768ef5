// Search by meaning and words over GET /v1/search, with each hit's passage and where it is (page or time).
import { api } from '../api.js';
import { clock, el, replace } from '../dom.js';

export function render(main, query = '') {
  const input = el('input', { type: 'search', id: 'search-input', name: 'q', required: true, maxlength: 500,
    value: query, autocomplete: 'off' });
  const results = el('div', { id: 'search-results', 'aria-live': 'polite' });
  const form = el('form', { role: 'search', class: 'search-form' },
    el('label', { for: 'search-input' }, 'Search your files by meaning'), input,
    el('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    history.replaceState(null, '', `#/search?q=${encodeURIComponent(q)}`);
    run(q, results);
  });
  main.append(el('h1', {}, 'Search'), form, results);
  if (query) run(query, results);
  input.focus();
}

async function run(q, results) {
  replace(results, el('p', { class: 'muted' }, 'Searching…'));
  try {
    const answer = await api(`/v1/search?q=${encodeURIComponent(q)}&limit=20`);
    const items = answer.items || [];
    replace(results,
      el('p', { class: 'muted' }, `${items.length} result${items.length === 1 ? '' : 's'} for “${q}”`),
      el('ol', { class: 'results' }, items.map(item => el('li', { class: 'result', dataset: { assetId: item.assetId } },
        el('h2', {}, el('a', { href: `#/assets/${item.assetId}` }, item.filename || item.assetId)),
        el('p', { class: 'muted' }, `${item.mediaType || ''} · relevance ${(item.score * 100).toFixed(0)} %${item.source ? ` · from the ${item.source}` : ''}${where(item)}${matched(item)}`),
        el('p', { class: 'snippet' }, mark(item.snippet || '', q))))));
  } catch (error) {
    replace(results, el('p', { class: 'error', role: 'alert' }, `Search failed: ${error.message}`));
  }
}

// Where in the asset the passage is: a PDF's page, a recording's time.
function where(item) {
  if (item.page) return ` · page ${item.page}`;
  if (item.start !== null && item.start !== undefined) return ` · at ${clock(item.start)}`;
  return '';
}

function matched(item) {
  return item.matchedBy?.length ? ` · matched by ${item.matchedBy.join(' and ')}` : '';
}

// Highlights the query's words in the snippet (as text nodes and <mark>s, never as HTML).
function mark(snippet, q) {
  const words = q.toLowerCase().split(/\W+/).filter(w => w.length > 2);
  if (!words.length) return snippet;
  const pattern = new RegExp(`(${words.map(w => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return snippet.split(pattern).map((part, i) => (i % 2 ? el('mark', {}, part) : part));
}
