// The console's entry point: sign-in, the live event stream, and a hash router over the views.
import { completeSignIn, devMode, hasScope, loadSettings, localIssuer, needsLoopbackAddress, signIn, signOut, signedIn, tenant, userName } from './auth.js';
import { startEvents, stopEvents } from './events.js';
import { el, replace } from './dom.js';
import * as jobs from './views/jobs.js';
import * as job from './views/job.js';
import * as asset from './views/asset.js';
import * as search from './views/search.js';
import * as admin from './views/admin.js';
import * as webhooks from './views/webhooks.js';

const main = document.getElementById('main');
let dispose = null;

const routes = [
  { pattern: /^#\/jobs\/([\w-]+)$/, view: job, nav: 'jobs' },
  { pattern: /^#\/assets\/([\w-]+)$/, view: asset, nav: 'jobs' },
  { pattern: /^#\/search(?:\?q=(.*))?$/, view: search, nav: 'search' },
  { pattern: /^#\/webhooks$/, view: webhooks, nav: 'webhooks' },
  { pattern: /^#\/admin$/, view: admin, nav: 'admin' },
  { pattern: /^(?:#\/jobs)?$/, view: jobs, nav: 'jobs' },
];

async function boot() {
  try {
    await loadSettings();
  } catch (error) {
    showProblem('The console cannot reach its settings', error.message);
    return;
  }
  if (needsLoopbackAddress()) {
    location.replace(location.href.replace('//localhost', '//127.0.0.1'));
    return;
  }
  document.getElementById('dev-mode').hidden = !devMode();
  try {
    await completeSignIn();
  } catch (error) {
    showProblem('Sign-in did not complete', error.message, true);
    return;
  }
  document.getElementById('sign-in').addEventListener('click', () => signIn());
  document.getElementById('sign-out').addEventListener('click', () => {
    signOut();
    stopEvents();
    // The local authorization server's session would sign the same user in again: end it too (its logout page).
    if (localIssuer()) {
      location.assign('/logout');
      return;
    }
    location.hash = '';
    renderSignedOut();
  });
  if (!signedIn()) {
    renderSignedOut();
    return;
  }
  renderHeader();
  startEvents(state => {
    const indicator = document.getElementById('live-state');
    indicator.hidden = false;
    indicator.textContent = state === 'live' ? 'Live updates on' : 'Reconnecting…';
    indicator.dataset.state = state;
  });
  window.addEventListener('hashchange', route);
  route();
}

function route() {
  if (!signedIn()) {
    signIn();
    return;
  }
  const hash = location.hash;
  const match = routes.map(r => ({ r, m: hash.match(r.pattern) })).find(x => x.m);
  dispose?.();
  dispose = null;
  if (!match) {
    location.hash = '#/jobs';
    return;
  }
  if (match.r.view === admin && !hasScope('admin')) {
    showProblem('Admin only', 'Your account has no admin scope.');
    return;
  }
  document.querySelectorAll('[data-nav]').forEach(link => {
    if (link.dataset.nav === match.r.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  main.replaceChildren();
  const param = match.m[1] ? decodeURIComponent(match.m[1]) : undefined;
  dispose = match.r.view.render(main, param) || null;
  main.focus({ preventScroll: true });
}

function renderHeader() {
  document.getElementById('sign-in').hidden = true;
  document.getElementById('sign-out').hidden = false;
  document.getElementById('nav-admin').hidden = !hasScope('admin');
  replace(document.getElementById('who'), 'Signed in as ', el('strong', {}, userName()),
    tenant() ? ` (tenant ${tenant()})` : '');
}

function renderSignedOut() {
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('nav-admin').hidden = true;
  document.getElementById('live-state').hidden = true;
  replace(document.getElementById('who'));
  replace(main,
    el('h1', {}, 'Aegis media console'),
    el('p', {}, 'Upload photos, recordings, videos and documents, watch them being processed, and explore what was found in them.'),
    el('p', {}, el('button', { type: 'button', id: 'sign-in-main', onclick: () => signIn() }, 'Sign in to continue')));
}

function showProblem(title, detail, offerSignIn = false) {
  replace(main, el('h1', {}, title), el('p', { class: 'error', role: 'alert' }, detail),
    offerSignIn ? el('p', {}, el('button', { type: 'button', onclick: () => signIn() }, 'Sign in again')) : null);
}

boot();
