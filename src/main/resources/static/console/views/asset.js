// An asset: pictures, a player with captions, transcript (click a time to seek), insights with their providers,
// its versions, the metadata table, and the actions: reprocess (all or some steps) and delete.
import { api } from '../api.js';
import { announce, clock, el, formatBytes, formatTime, replace } from '../dom.js';

export function render(main, assetId) {
  const container = el('div', { id: 'asset-view', dataset: { assetId } }, el('p', { class: 'muted' }, 'Loading the asset…'));
  main.append(container);
  api(`/v1/assets/${encodeURIComponent(assetId)}`)
    .then(asset => draw(container, asset))
    .catch(error => replace(container, el('h1', {}, 'Asset'), el('p', { class: 'error', role: 'alert' },
      error.status === 404 ? 'There is no such asset in your tenant.' : `Could not load the asset: ${error.message}`)));
}

function draw(container, asset) {
  const insights = asset.insights || {};
  const renditions = asset.renditions || [];
  const player = makePlayer(asset, renditions, insights.transcript);
  replace(container,
    el('p', {}, el('a', { href: `#/jobs/${asset.jobId}` }, '← The job')),
    el('h1', {}, asset.filename),
    el('p', { class: 'muted' }, `${asset.mediaType} · ${asset.mimeType} · ${formatBytes(asset.sizeBytes)}`),
    pictures(asset, renditions),
    madePictures(asset, renditions),
    player,
    transcript(insights.transcript, player),
    reprocessingNote(asset),
    insightPanels(insights),
    downloads(renditions),
    versionsTable(asset),
    metadataTable(asset),
    actions(asset));
}

function reprocessingNote(asset) {
  if (!asset.reprocessing) return null;
  return el('p', { class: 'notice', id: 'reprocessing-note', role: 'status' }, 'Reprocessing under way (',
    el('a', { href: `#/jobs/${asset.reprocessing.jobId}` }, 'its job'),
    '): the insights below are the ones from before it until it succeeds.');
}

function versionsTable(asset) {
  const versions = asset.versions || [];
  if (!versions.length) return null;
  return el('section', { class: 'panel', 'aria-labelledby': 'versions-heading' },
    el('h2', { id: 'versions-heading' }, 'Versions'),
    el('div', { class: 'table-scroll' }, el('table', { class: 'versions', id: 'versions-table' },
      el('thead', {}, el('tr', {}, ['#', 'Job', 'Status', 'Steps', 'Made by', 'Finished'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, versions.map(version => el('tr', { dataset: { jobId: version.jobId, status: version.status } },
        el('td', {}, String(version.number)),
        el('td', {}, el('a', { href: `#/jobs/${version.jobId}` }, version.jobId === asset.jobId ? 'current' : 'job')),
        el('td', {}, (version.status || '').toLowerCase()),
        el('td', {}, (version.plan || []).join(', ')),
        el('td', {}, Object.entries(version.models || {}).map(([name, model]) => `${name}: ${model}`).join('; ')),
        el('td', {}, formatTime(version.finishedAt))))))));
}

// Steps a reprocessing may name: every step its jobs ran, in order, without validate and metadata (always run).
function reprocessableSteps(asset) {
  const steps = [];
  for (const version of asset.versions || []) {
    for (const step of version.plan || []) if (!steps.includes(step)) steps.push(step);
  }
  return steps.filter(step => step !== 'validate' && step !== 'metadata');
}

function actions(asset) {
  const result = el('p', { class: 'muted', 'aria-live': 'polite', id: 'asset-action-result' });
  const steps = reprocessableSteps(asset);
  const boxes = steps.map(step => el('label', { class: 'checkbox' },
    el('input', { type: 'checkbox', name: 'steps', value: step }), ' ', step));
  const reprocess = el('form', { id: 'reprocess-form' },
    el('h3', {}, 'Reprocess'),
    el('p', { class: 'muted' }, 'Runs the pipeline again over the stored original. Leave every step unticked for the '
      + 'whole plan. The current insights stay until the new job succeeds.'),
    boxes.length ? el('fieldset', {}, el('legend', {}, 'Only these steps'), boxes) : null,
    el('p', {}, el('button', { type: 'submit', id: 'reprocess-button', disabled: Boolean(asset.reprocessing) }, 'Reprocess')));
  reprocess.addEventListener('submit', async event => {
    event.preventDefault();
    const chosen = [...reprocess.querySelectorAll('input[name="steps"]:checked')].map(box => box.value);
    try {
      const accepted = await api(`/v1/assets/${encodeURIComponent(asset.assetId)}/reprocess`, { method: 'POST',
        body: chosen.length ? { steps: chosen } : {} });
      announce('Reprocessing started.');
      location.hash = `#/jobs/${accepted.jobId}`;
    } catch (error) {
      result.textContent = `Reprocessing refused: ${error.message}`;
    }
  });
  const remove = el('button', { type: 'button', class: 'danger', id: 'delete-asset', onclick: async event => {
    if (!confirm(`Delete ${asset.filename} with everything made from it? This cannot be undone.`)) return;
    event.target.disabled = true;
    try {
      await api(`/v1/assets/${encodeURIComponent(asset.assetId)}`, { method: 'DELETE' });
      announce(`${asset.filename} deleted.`);
      location.hash = '#/jobs';
    } catch (error) {
      result.textContent = `Delete failed: ${error.message}`;
      event.target.disabled = false;
    }
  } }, 'Delete this asset');
  return el('section', { class: 'panel', 'aria-labelledby': 'actions-heading', id: 'asset-actions' },
    el('h2', { id: 'actions-heading' }, 'Actions'), reprocess,
    el('h3', {}, 'Delete'),
    el('p', { class: 'muted' }, 'Removes the original, every rendition, the jobs and the search entries.'),
    el('p', {}, remove), result);
}

function pictures(asset, renditions) {
  const images = renditions.filter(r => r.kind === 'thumbnail' || r.kind === 'poster')
    .sort((a, b) => (a.width || 0) - (b.width || 0));
  if (!images.length) return null;
  const shown = images.find(r => r.kind === 'poster') || images.find(r => (r.width || 0) >= 256) || images[0];
  const heading = shown.kind === 'poster' ? 'Poster' : asset.mediaType === 'pdf' ? 'First page' : 'Thumbnail';
  return el('section', { class: 'panel', 'aria-labelledby': 'pictures-heading' },
    el('h2', { id: 'pictures-heading' }, heading),
    el('figure', { class: 'picture' },
      el('img', { src: shown.url, alt: `${shown.kind} of ${asset.filename}`, width: shown.width, height: shown.height,
        class: 'thumbnail', id: 'asset-thumbnail' }),
      el('figcaption', { class: 'muted' }, images.map(r => `${r.kind} ${r.width ?? '?'}×${r.height ?? '?'}`).join(' · '))));
}

// Pictures the other steps made (a YAML step's crops, waveform, scene strip, ...): one panel per kind, whatever the kind.
const SHOWN_ELSEWHERE = new Set(['thumbnail', 'poster']);
const PICTURE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif']);

function madePictures(asset, renditions) {
  const byKind = new Map();
  renditions.filter(r => !SHOWN_ELSEWHERE.has(r.kind) && PICTURE_FORMATS.has(r.format))
    .forEach(r => byKind.set(r.kind, [...(byKind.get(r.kind) || []), r]));
  if (!byKind.size) return null;
  return el('div', { class: 'made-pictures' }, [...byKind.entries()].map(([kind, pictures]) =>
    el('section', { class: 'panel', id: `rendition-${kind}`, 'aria-labelledby': `rendition-${kind}-heading` },
      el('h2', { id: `rendition-${kind}-heading` }, humanise(kind) + (pictures.length > 1 ? ` (${pictures.length})` : '')),
      el('div', { class: 'gallery' }, pictures.map(r => el('figure', { class: 'picture' },
        el('a', { href: r.url, rel: 'noopener' }, el('img', { src: r.url, alt: `${kind} of ${asset.filename}`,
          width: r.width, height: r.height, class: 'made', loading: 'lazy' })),
        el('figcaption', { class: 'muted' }, size(r))))))));
}

// "1080×1350 (4:5)": the shape of a crop is what a reader looks for.
function size(rendition) {
  const { width, height } = rendition;
  if (!width || !height) return rendition.format;
  const gcd = (a, b) => (b ? gcd(b, a % b) : a);
  const d = gcd(width, height);
  return `${width}×${height} (${width / d}:${height / d})`;
}

// "scene-strip" → "Scene strip", "invoiceFields" → "Invoice fields".
function humanise(name) {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function makePlayer(asset, renditions, transcriptInsight) {
  const captions = renditions.find(r => r.kind === 'captions');
  const audio = renditions.find(r => r.kind === 'audio');
  const poster = renditions.find(r => r.kind === 'poster');
  let media;
  if (asset.mediaType === 'video' && asset.originalUrl) {
    // No type hint: Tika calls ffmpeg's MP4 video/quicktime, which a browser would refuse without trying.
    media = el('video', { controls: true, preload: 'metadata', poster: poster?.url, src: asset.originalUrl,
      id: 'player', class: 'player' });
  } else if (asset.mediaType === 'audio' || asset.mediaType === 'video') {
    // The 16 kHz WAV the recogniser heard plays everywhere; the original may be a format the browser lacks.
    const source = audio?.url || asset.originalUrl;
    if (!source) return null;
    media = el('audio', { controls: true, preload: 'metadata', id: 'player', class: 'player',
      src: source });
  } else {
    return null;
  }
  if (captions) attachCaptions(media, captions.url, transcriptInsight);
  media.append(document.createTextNode('Your browser cannot play this file.'));
  return el('section', { class: 'panel', 'aria-labelledby': 'player-heading' },
    el('h2', { id: 'player-heading' }, asset.mediaType === 'video' ? 'Video' : 'Recording'), media);
}

// The WebVTT file is on S3, another origin: fetched (CORS) into a same-origin blob for the <track>, so the media
// itself needs no CORS. Where S3 allows no CORS, the same cues are built from the transcript's segments.
async function attachCaptions(media, url, transcriptInsight) {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const blob = new Blob([await response.text()], { type: 'text/vtt' });
    const track = el('track', { kind: 'captions', src: URL.createObjectURL(blob),
      srclang: transcriptInsight?.language || 'en', label: 'Captions', default: true });
    media.prepend(track);
  } catch {
    cuesFromTranscript(media, transcriptInsight);
  }
}

function cuesFromTranscript(media, transcriptInsight) {
  if (!transcriptInsight?.segments?.length || typeof VTTCue === 'undefined') return;
  const track = media.addTextTrack('captions', 'Captions (from the transcript)', transcriptInsight.language || 'en');
  transcriptInsight.segments.forEach(s => track.addCue(new VTTCue(s.start, Math.max(s.end, s.start + 0.5), s.text)));
  track.mode = 'showing';
}

function transcript(transcriptInsight, playerSection) {
  if (!transcriptInsight) return null;
  const media = playerSection?.querySelector('audio, video');
  const segments = transcriptInsight.segments || [];
  return el('section', { class: 'panel', 'aria-labelledby': 'transcript-heading', id: 'transcript' },
    el('h2', { id: 'transcript-heading' }, 'Transcript'),
    provenance(transcriptInsight.provider, null, transcriptInsight.language),
    segments.length
      ? el('ol', { class: 'segments' }, segments.map(segment => el('li', {},
        el('button', { type: 'button', class: 'timestamp', 'aria-label': `Play from ${clock(segment.start)}`,
          dataset: { start: segment.start },
          onclick: () => { if (media) { media.currentTime = segment.start; media.play().catch(() => {}); } } },
          clock(segment.start)),
        ' ', segment.text)))
      : el('p', { class: 'transcript-text' }, transcriptInsight.text || '(no speech recognised)'));
}

function insightPanels(insights) {
  const sources = insights.sources || {};
  const panels = [];
  if (insights.summary) {
    panels.push(panel('Summary', 'summary', provenance(insights.summary.provider, insights.summary.model),
      el('p', {}, insights.summary.text)));
  }
  if (insights.description) {
    panels.push(panel('Description', 'description', provenance(sources.description?.provider, sources.description?.model),
      el('p', {}, insights.description)));
  }
  if (insights.tags?.length) {
    panels.push(panel('Tags', 'tags', provenance(sources.tags?.provider, sources.tags?.model),
      el('ul', { class: 'tags' }, insights.tags.map(tag => el('li', {}, tag)))));
  }
  if (insights.ocrText) {
    panels.push(panel('Text in the picture (OCR)', 'ocr', provenance(sources.ocr?.provider || 'tesseract', sources.ocr?.model),
      el('pre', { class: 'ocr' }, insights.ocrText)));
  }
  if (insights.nsfw) {
    panels.push(panel('Safety', 'nsfw', provenance(insights.nsfw.provider),
      el('p', {}, `Adult-content score ${(insights.nsfw.score * 100).toFixed(0)} %`)));
  }
  const content = insights.content;
  if (content) {
    panels.push(panel('Content', 'content', provenance(sources.content?.provider, sources.content?.model),
      content.titleSuggestion ? el('p', {}, 'Suggested title: ', el('strong', {}, content.titleSuggestion)) : null,
      content.chapters?.length ? el('ol', { class: 'chapters' }, content.chapters.map(c =>
        el('li', {}, `${clock(c.start)}–${clock(c.end)} ${c.title}`))) : null));
  }
  // Insights of the steps declared in YAML (routes/steps/), whatever their shape: a table of their values.
  Object.entries(insights.declared || {}).forEach(([name, value]) => {
    const rows = [];
    flatten(value, '', rows);
    panels.push(panel(humanise(name), `declared-${name}`, provenance(sources[name]?.provider, sources[name]?.model),
      rows.length ? el('div', { class: 'table-scroll' }, el('table', { class: 'metadata-like declared' },
        el('tbody', {}, rows.slice(0, 200).map(([key, cell]) =>
          el('tr', {}, el('th', { scope: 'row' }, key || name), el('td', {}, String(cell)))))))
        : el('p', { class: 'muted' }, 'Nothing found.')));
  });
  const unavailable = Object.entries(insights.unavailable || {});
  if (unavailable.length) {
    panels.push(panel('Not available', 'unavailable', null,
      el('ul', {}, unavailable.map(([name, reason]) => el('li', {}, el('strong', {}, name), `: ${reason}`)))));
  }
  return panels.length ? el('div', { class: 'insights' }, panels) : null;
}

function panel(title, id, ...children) {
  return el('section', { class: 'panel', id: `insight-${id}`, 'aria-labelledby': `insight-${id}-heading` },
    el('h2', { id: `insight-${id}-heading` }, title), ...children);
}

function provenance(provider, model, language) {
  if (!provider) return null;
  return el('p', { class: 'provenance muted' }, `Made by ${provider}${model ? ` (${model})` : ''}${language ? ` · language ${language}` : ''}`);
}

function downloads(renditions) {
  const files = renditions.filter(r => !['thumbnail', 'poster'].includes(r.kind));
  if (!files.length) return null;
  return el('section', { class: 'panel', 'aria-labelledby': 'files-heading' },
    el('h2', { id: 'files-heading' }, 'Files made from it'),
    el('ul', {}, files.map(r => el('li', {}, el('a', { href: r.url, rel: 'noopener' }, `${r.kind} (${r.format})`)))));
}

// The asset's own size and type head the table; the metadata repeats them (validate records both), so they show once.
const SHOWN_ABOVE = new Set(['sizeBytes', 'mimeType']);

function metadataTable(asset) {
  const rows = [['SHA-256', asset.sha256], ['Size', `${asset.sizeBytes} bytes`], ['MIME type', asset.mimeType]];
  flatten(Object.fromEntries(Object.entries(asset.metadata || {}).filter(([key]) => !SHOWN_ABOVE.has(key))), '', rows);
  return el('section', { class: 'panel', 'aria-labelledby': 'metadata-heading' },
    el('h2', { id: 'metadata-heading' }, 'Metadata'),
    el('div', { class: 'table-scroll' }, el('table', { class: 'metadata' },
      el('tbody', {}, rows.slice(0, 300).map(([key, value]) =>
        el('tr', {}, el('th', { scope: 'row' }, key), el('td', {}, String(value))))))));
}

function flatten(value, prefix, rows) {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object') {
    rows.push([prefix, value]);
  } else if (Array.isArray(value) && value.every(v => typeof v !== 'object')) {
    rows.push([prefix, value.join(', ')]);
  } else {
    Object.entries(value).forEach(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key, rows));
  }
}
