// The web console end to end in headless Chromium: sign in on the login form, drop an image and a speech clip,
// watch both jobs succeed live, open the assets (thumbnail, transcript, playing audio), search, reprocess and delete
// an asset, add and delete a webhook, upload a large file in parts through a dropped connection, and as admin
// redrive a dead letter. ConsoleBrowserIT starts the app and passes what it prepared in environment variables.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';

const env = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (ConsoleBrowserIT sets it)`);
  return value;
};
const APP = env('AEGIS_URL').replace(/\/$/, '');
const IMAGE = env('AEGIS_IMAGE');
const AUDIO = env('AEGIS_AUDIO');
const SPOKEN = env('AEGIS_SPOKEN');
const DEAD_JOB = env('AEGIS_DEAD_LETTER_JOB');
const SHOTS = process.env.AEGIS_SCREENSHOTS || 'target/console-screenshots';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const JOB_TIMEOUT = 120_000;

let browser;
let context;
let page;
const pageErrors = [];
const apiReads = [];
const state = {};

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--mute-audio'],
  });
  ({ context, page } = await openPage(1280, 900));
  page.on('request', request => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && /^\/v1\/jobs(\/[\w-]+)?$/.test(url.pathname)) apiReads.push(url.pathname);
  });
});

after(async () => {
  await browser?.close();
});

async function openPage(width, height) {
  const newContext = await browser.newContext({ viewport: { width, height } });
  const newPage = await newContext.newPage();
  newPage.on('pageerror', error => pageErrors.push(error.message));
  newPage.setDefaultTimeout(30_000);
  return { context: newContext, page: newPage };
}

async function shot(target, name) {
  await target.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function signIn(target, username, password) {
  await target.goto(`${APP}/`);
  await target.getByRole('button', { name: 'Sign in to continue' }).click();
  await target.waitForURL(/\/login/);
  await target.fill('#username', username);
  await target.fill('#password', password);
  await Promise.all([target.waitForURL(url => !url.pathname.startsWith('/login') && !url.search.includes('code=')),
    target.locator('form button[type="submit"]').click()]);
  await target.locator('#who').getByText(username, { exact: true }).waitFor();
}

test('a user signs in with the login form and gets a tenant-scoped, in-memory token', async () => {
  await signIn(page, 'dev', 'dev');
  assert.match(await page.locator('#who').textContent(), /Signed in as dev \(tenant local\)/);
  assert.equal(await page.locator('#nav-admin').isHidden(), true, 'the dev user has no admin scope');
  assert.equal((await page.locator('#dev-mode').textContent()).trim(), 'Dev mode', 'the console says it runs in dev mode');
  assert.equal(await page.locator('#dev-mode').isVisible(), true);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.doesNotMatch(stored, /eyJ/, 'no token in web storage');
  await page.locator('#live-state[data-state="live"]').waitFor();
});

test('dropped files upload with progress bars and both jobs reach SUCCEEDED live, without a reload', async () => {
  await page.evaluate(() => { window.stillTheSamePage = true; });
  const files = [IMAGE, AUDIO].map(path => ({
    name: basename(path),
    type: path.endsWith('.jpg') ? 'image/jpeg' : 'audio/mpeg',
    base64: readFileSync(path).toString('base64'),
  }));
  const transfer = await page.evaluateHandle(list => {
    const data = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), c => c.charCodeAt(0));
      data.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return data;
  }, files);
  await page.dispatchEvent('#dropzone', 'drop', { dataTransfer: transfer });

  for (const file of files) {
    const row = page.locator(`.upload[data-file="${file.name}"]`);
    await row.and(page.locator('.done')).waitFor();
    assert.equal(await row.locator('progress').getAttribute('value'), '100');
    state[file.name] = await row.getAttribute('data-job-id');
  }
  await shot(page, '01-uploaded');
  const readsBefore = apiReads.length;
  for (const file of files) {
    await page.locator(`#jobs-table tr[data-job-id="${state[file.name]}"][data-status="SUCCEEDED"]`)
      .waitFor({ timeout: JOB_TIMEOUT });
  }
  assert.equal(await page.evaluate(() => window.stillTheSamePage), true, 'the page was not reloaded');
  assert.ok(apiReads.length - readsBefore <= 1,
    `the list followed the event stream instead of polling (${apiReads.length - readsBefore} reads)`);
  // The finished image's row shows its preview picture, loaded.
  await page.waitForFunction(id => {
    const img = document.querySelector(`#jobs-table tr[data-job-id="${id}"] img.preview`);
    return img && img.complete && img.naturalWidth > 0;
  }, state[basename(IMAGE)], { timeout: JOB_TIMEOUT });
  await shot(page, '02-jobs-succeeded');
});

test('the job page lists each step with status, attempts and duration, and opens the asset', async () => {
  const imageJob = state[basename(IMAGE)];
  await page.click(`#jobs-table tr[data-job-id="${imageJob}"] a`);
  await page.locator('#job-status [data-status="SUCCEEDED"]').waitFor();
  const steps = page.locator('table.steps tbody tr');
  assert.ok(await steps.count() >= 3, 'validate, metadata, thumbnails and more');
  await page.locator('table.steps tr[data-step="thumbnails"][data-status="SUCCEEDED"]').waitFor();
  assert.match(await page.locator('table.steps tr[data-step="thumbnails"]').textContent(), /Done/);
  await page.click('#open-asset');
  const thumbnail = page.locator('#asset-thumbnail');
  await thumbnail.waitFor();
  await page.waitForFunction(() => document.querySelector('#asset-thumbnail').complete
    && document.querySelector('#asset-thumbnail').naturalWidth > 0);
  assert.ok(await page.locator('table.metadata tr').count() > 3, 'a metadata table');
  const keys = await page.locator('table.metadata th').allTextContents();
  assert.deepEqual(keys.filter((key, i) => keys.indexOf(key) !== i), [], 'each metadata row once');
  assert.ok(!keys.includes('sizeBytes') && !keys.includes('mimeType'), `size and type shown once, as Size and MIME type: ${keys}`);
  // The smart-crop step (routes/steps/smart-crop.yaml) is shown by kind, with no code of its own: four loaded pictures.
  const crops = page.locator('#rendition-crop img');
  await crops.first().waitFor();
  assert.equal(await crops.count(), 4);
  await page.waitForFunction(() => [...document.querySelectorAll('#rendition-crop img')]
    .every(img => img.complete && img.naturalWidth > 0));
  const shapes = await page.locator('#rendition-crop figcaption').allTextContents();
  for (const ratio of ['(1:1)', '(4:5)', '(16:9)', '(9:16)']) {
    assert.ok(shapes.some(shape => shape.endsWith(ratio)), `a ${ratio} crop among ${shapes}`);
  }
  await shot(page, '03-image-asset');
});

test('the speech clip shows its transcript, plays, and a timestamp seeks the player', async () => {
  await page.goto(`${APP}/#/jobs/${state[basename(AUDIO)]}`);
  await page.locator('#job-status [data-status="SUCCEEDED"]').waitFor();
  await page.click('#open-asset');
  const segments = page.locator('#transcript .segments li');
  await segments.first().waitFor();
  const heard = (await page.locator('#transcript').textContent()).toLowerCase();
  const spoken = SPOKEN.toLowerCase().split(/\W+/).filter(w => w.length > 3);
  const recognised = spoken.filter(word => heard.includes(word));
  assert.ok(recognised.length >= spoken.length / 2, `transcript "${heard}" has most of "${SPOKEN}"`);
  assert.match(await page.locator('#transcript .provenance').textContent(), /Made by pocketsphinx/);

  const player = page.locator('#player');
  await page.waitForFunction(() => document.querySelector('#player').textTracks.length > 0);
  await page.locator('#transcript .timestamp').last().click();
  await page.waitForFunction(() => !document.querySelector('#player').paused
    && document.querySelector('#player').currentTime > 0.2, null, { timeout: 20_000 });
  assert.equal(await player.evaluate(media => media.tagName), 'AUDIO');
  await shot(page, '04-audio-asset');
  state.audioAsset = await page.locator('#asset-view').getAttribute('data-asset-id');
  // The waveform step's picture, shown generically by its kind.
  await page.waitForFunction(() => {
    const img = document.querySelector('#rendition-waveform img');
    return img && img.complete && img.naturalWidth === 1280;
  });
});

test('search finds the recording by what was said, with a snippet', async () => {
  await page.click('nav a[data-nav="search"]');
  await page.fill('#search-input', SPOKEN.split(' ').slice(0, 6).join(' '));
  await page.getByRole('button', { name: 'Search' }).click();
  const hit = page.locator(`#search-results .result[data-asset-id="${state.audioAsset}"]`);
  await hit.waitFor();
  assert.ok((await hit.locator('.snippet').textContent()).trim().length > 0);
  await shot(page, '05-search');
});

test('at phone width the jobs list and upload stay usable', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('nav a[data-nav="jobs"]');
  await page.locator('#jobs-table tbody tr').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scrolling of the page (${overflow}px)`);
  await shot(page, '06-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('an admin sees the dead letter with its reason and redrives it; the job then succeeds', async () => {
  const admin = await openPage(1280, 900);
  try {
    await signIn(admin.page, 'admin', 'admin');
    await admin.page.click('#nav-admin');
    const letter = admin.page.locator(`#dlq tr[data-job-id="${DEAD_JOB}"]`);
    const queue = admin.page.locator('#dlq article', { has: admin.page.locator(`tr[data-job-id="${DEAD_JOB}"]`) });
    await letter.waitFor();
    assert.match(await letter.textContent(), /injected transient fault/);
    await shot(admin.page, '07-admin-dlq');
    await queue.locator('button.redrive').click();
    await queue.getByText(/Moved \d+ message\(s\) back/).waitFor();
    await admin.page.goto(`${APP}/#/jobs/${DEAD_JOB}`);
    await admin.page.locator('#job-status [data-status="SUCCEEDED"]').waitFor({ timeout: JOB_TIMEOUT });
    await admin.page.click('#nav-admin');
    await admin.page.locator('#dlq article').first().waitFor();
    const routes = admin.page.locator('#routes-panel');
    // Hidden where the API has no GET /v1/admin/routes (404); otherwise it lists the loaded route files.
    if (await routes.isVisible()) assert.match(await routes.textContent(), /Route files/);
    await shot(admin.page, '08-redriven-job');
  } finally {
    await admin.context.close();
  }
});

test('an asset is reprocessed from its page (one step), shows both versions, then is deleted', async () => {
  await page.goto(`${APP}/#/jobs/${state[basename(IMAGE)]}`);
  await page.locator('#job-status [data-status="SUCCEEDED"]').waitFor();
  await page.click('#open-asset');
  await page.locator('#versions-table tbody tr').first().waitFor();
  assert.equal(await page.locator('#versions-table tbody tr').count(), 1);
  const assetId = await page.locator('#asset-view').getAttribute('data-asset-id');
  await page.check('#reprocess-form input[value="thumbnails"]');
  await page.click('#reprocess-button');
  await page.waitForURL(url => url.hash.startsWith('#/jobs/') && !url.hash.endsWith(state[basename(IMAGE)]));
  await page.locator('#job-status [data-status="SUCCEEDED"]').waitFor({ timeout: JOB_TIMEOUT });
  await page.goto(`${APP}/#/assets/${assetId}`);
  await page.locator('#versions-table tbody tr[data-status="SUCCEEDED"]').nth(1).waitFor();
  assert.match(await page.locator('#versions-table tbody tr').nth(1).textContent(), /thumbnails/);
  assert.doesNotMatch(await page.locator('#versions-table tbody tr').nth(1).textContent(), /analyze-image/);
  await shot(page, '08a-reprocessed-asset');

  page.once('dialog', dialog => dialog.accept());
  await page.click('#delete-asset');
  await page.waitForURL(url => url.hash === '#/jobs');
  await page.goto(`${APP}/#/assets/${assetId}`);
  await page.getByText('There is no such asset in your tenant.').waitFor();
});

test('a webhook is added (its secret shown once), lists its deliveries, and is deleted', async () => {
  await page.click('nav a[data-nav="webhooks"]');
  await page.getByText('No webhooks yet.').waitFor();
  await page.fill('#webhook-url', 'http://127.0.0.1:9/aegis-events');
  for (const box of await page.locator('#webhook-form input[name="events"]').all()) await box.uncheck();
  await page.check('#webhook-form input[value="asset.deleted"]');
  await page.fill('#webhook-description', 'browser test');
  await page.getByRole('button', { name: 'Add webhook' }).click();
  assert.match(await page.locator('#webhook-secret-value').textContent(), /^whsec_[A-Za-z0-9+/=]{40,}$/);
  const item = page.locator('#webhook-list article.webhook');
  await item.waitFor();
  assert.match(await item.textContent(), /asset\.deleted/);
  await shot(page, '08b-webhook-added');
  await page.getByRole('button', { name: 'I have copied it' }).click();
  assert.equal(await page.locator('#webhook-secret-value').count(), 0, 'the secret is gone from the page');
  await item.locator('button.show-deliveries').click();
  await item.getByText('Nothing delivered yet.').waitFor();
  page.once('dialog', dialog => dialog.accept());
  await item.locator('button.delete-webhook').click();
  await page.getByText('No webhooks yet.').waitFor();
});

test('a large file goes up in parts and its progress bar survives a dropped connection', async () => {
  await page.click('nav a[data-nav="jobs"]');
  await page.locator('#dropzone').waitFor();
  const name = 'console-large.bin';
  let partTwoTries = 0;
  const s3Trouble = [];
  const onFailed = request => s3Trouble.push(`${request.method()} ${request.url().split('?')[0]}: ${request.failure()?.errorText}`);
  const onResponse = response => {
    if (response.status() >= 400) s3Trouble.push(`${response.request().method()} ${response.url().split('?')[0]}: HTTP ${response.status()}`);
  };
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  // The first try of part 2 loses the network; it comes back two seconds later.
  await context.route(/partNumber=2/, async route => {
    if (route.request().method() !== 'PUT') {
      await route.continue(); // the CORS preflight
      return;
    }
    partTwoTries += 1;
    if (partTwoTries === 1) {
      await context.setOffline(true);
      setTimeout(() => context.setOffline(false), 2000);
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  try {
    // Every value the file's progress bar shows, kept across the console's move to the job page.
    await page.evaluate(fileName => {
      window.largeProgress = [];
      new MutationObserver(records => records.forEach(r => {
        if (r.target.matches?.(`progress[aria-label="Upload progress of ${fileName}"]`)) {
          window.largeProgress.push(Number(r.target.getAttribute('value')));
        }
      })).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['value'] });
    }, name);
    const transfer = await page.evaluateHandle(fileName => {
      const data = new DataTransfer();
      const bytes = new Uint8Array(9 * 1024 * 1024); // over the test configuration's 8 MB multipart threshold
      for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
      data.items.add(new File([bytes], fileName, { type: 'application/octet-stream', lastModified: 1 }));
      return data;
    }, name);
    await page.dispatchEvent('#dropzone', 'drop', { dataTransfer: transfer });
    // One file uploaded: the console opens its job.
    try {
      await page.waitForURL(url => /^#\/jobs\/[\w-]+$/.test(url.hash), { timeout: JOB_TIMEOUT });
    } catch (error) {
      await shot(page, '09-large-upload-stuck');
      const row = await page.locator(`.upload[data-file="${name}"]`).textContent({ timeout: 1000 }).catch(() => '(none)');
      throw new Error(`upload row: "${row}"; part 2 tries ${partTwoTries}; S3 trouble: ${s3Trouble.join(' | ')}`);
    }
    await page.locator('h1', { hasText: name }).waitFor();
    const shown = await page.evaluate(() => window.largeProgress);
    assert.equal(shown[shown.length - 1], 100, `the bar ends full: ${shown}`);
    assert.ok(shown.some(v => v > 0 && v < 100), `the bar moved in between: ${shown}`);
    assert.equal(partTwoTries, 2, 'part 2 was sent again after the connection came back');
    // The bytes are no media kind Aegis handles: what matters is that the job ran, to its end.
    await page.locator('#job-status [data-status="FAILED"], #job-status [data-status="SUCCEEDED"]')
      .waitFor({ timeout: JOB_TIMEOUT });
    const pending = await page.evaluate(() => localStorage.getItem('aegis.pendingUploads'));
    assert.equal(pending, '{}', 'a finished upload is forgotten');
  } finally {
    await context.unroute(/partNumber=2/);
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
  }
});

test('signing out ends the session too: the next sign-in asks for the password again', async () => {
  await page.click('#sign-out');
  await page.waitForURL(/\/logout/);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(/\/login\?logout/);
  await page.goto(`${APP}/`);
  await page.getByRole('button', { name: 'Sign in to continue' }).click();
  await page.waitForURL(/\/login/);
  assert.equal(await page.locator('#password').isVisible(), true);
});

test('no script errors on any page', () => {
  assert.deepEqual(pageErrors, []);
});
