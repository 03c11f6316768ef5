// The live job stream (GET /v1/jobs/events). EventSource cannot send an Authorization header, so this reads the
// server-sent events from fetch()'s body stream; it reconnects after a drop, and 'ready' marks each (re)connect.
import { authorization } from './api.js';
import { signInAgain } from './auth.js';

const listeners = new Set();
let controller = null;

export function onJobEvent(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function startEvents(onState) {
  stopEvents();
  controller = new AbortController();
  run(controller.signal, onState);
}

export function stopEvents() {
  controller?.abort();
  controller = null;
}

async function run(signal, onState) {
  let delay = 1000;
  while (!signal.aborted) {
    try {
      const response = await fetch('/v1/jobs/events', {
        headers: { Accept: 'text/event-stream', ...authorization() },
        signal,
        cache: 'no-store',
      });
      if (response.status === 401 && signInAgain()) return;
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      delay = 1000;
      await read(response.body, signal, onState);
    } catch (error) {
      if (signal.aborted) return;
    }
    onState('reconnecting');
    await new Promise(resolve => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 30000);
  }
}

async function read(body, signal, onState) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  while (!signal.aborted) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, end), onState);
      buffer = buffer.slice(end + 2);
    }
  }
}

function dispatch(block, onState) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (name === 'ready') {
    onState('live');
    listeners.forEach(listener => listener({ type: 'ready' }));
  } else if (name === 'job' && data.length) {
    const job = JSON.parse(data.join('\n'));
    listeners.forEach(listener => listener({ type: 'job', job }));
  }
}
