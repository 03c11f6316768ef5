// The Grafana dashboard and the Prometheus alert rules may only use metrics the Java code registers
// (Micrometer names found in src/main/java, in their Prometheus form): a renamed meter breaks this test.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { applicationYaml, meterNames } = require('./lib/app');

const INFRA = path.resolve(__dirname, '..');
// Metrics that come from frameworks, not from our code: Spring Boot's HTTP server observation.
const FRAMEWORK_METRICS = new Set(['http_server_requests_seconds_count']);
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'and', 'or', 'unless', 'bool', 'le', 'inf', 'nan']);

function dashboardQueries() {
  const dashboard = JSON.parse(fs.readFileSync(path.join(INFRA, 'grafana/aegis-dashboard.json'), 'utf8'));
  const panels = dashboard.panels.flatMap((p) => [p].concat(p.panels || []));
  return panels.flatMap((p) => (p.targets || []).map((t) => ({ where: `panel "${p.title}"`, expr: t.expr })));
}

function alertRules() {
  const rules = YAML.parse(fs.readFileSync(path.join(INFRA, 'prometheus/alerts.yml'), 'utf8'));
  return rules.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: String(r.expr), rule: r })));
}

/** Metric names in a PromQL expression: what is left once strings, label matchers, groupings and functions go. */
function metricsIn(expr) {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\$[A-Za-z_]+/g, ' ')
    .replace(/(^|[^A-Za-z0-9_:])\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|[smhdwy])?/g, '$1 '); // numbers, durations
  const names = [];
  for (const m of stripped.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)) {
    if (m[2] || KEYWORDS.has(m[1].toLowerCase()) || /^\d/.test(m[1])) continue;
    names.push(m[1]);
  }
  return names;
}

function balanced(expr) {
  const pairs = { ')': '(', ']': '[', '}': '{' };
  const stack = [];
  for (const c of expr.replace(/"(?:[^"\\]|\\.)*"/g, '')) {
    if ('([{'.includes(c)) stack.push(c);
    else if (c in pairs && stack.pop() !== pairs[c]) return false;
  }
  return stack.length === 0;
}

const queries = () => dashboardQueries().concat(alertRules());

test('the metric-name extraction sees what the Java code registers', () => {
  const known = meterNames();
  // If the extraction broke, every later assertion would be vacuous.
  assert.ok(known.has('aegis_ai_model_latency_seconds_bucket'), [...known].join(', '));
  assert.ok(known.has('aegis_ai_failures_total'));
  assert.deepEqual(metricsIn('sum by (le, step) (rate(aegis_step_duration_seconds_bucket{outcome="x"}[5m])) offset 15m'),
    ['aegis_step_duration_seconds_bucket']);
});

test('every metric in the dashboard and the alert rules is registered by the Java code', () => {
  const known = meterNames();
  const all = queries();
  assert.ok(all.length >= 15, `only ${all.length} queries found`);
  for (const { where, expr } of all) {
    assert.ok(balanced(expr), `${where}: unbalanced brackets in ${expr}`);
    const metrics = metricsIn(expr);
    assert.ok(metrics.length > 0, `${where}: no metric in ${expr}`);
    for (const metric of metrics) {
      assert.ok(known.has(metric) || FRAMEWORK_METRICS.has(metric),
        `${where} uses ${metric}, which no Micrometer meter in src/main/java registers`);
    }
  }
});

test('the dashboard covers jobs by status, step and AI latency, queue and DLQ depth, and errors', () => {
  const exprs = dashboardQueries().map((q) => q.expr).join('\n');
  assert.match(exprs, /sum by \(status\) \(rate\(aegis_jobs_total/);
  assert.match(exprs, /histogram_quantile\(0\.5, [^\n]*aegis_step_duration_seconds_bucket/);
  assert.match(exprs, /histogram_quantile\(0\.95, [^\n]*aegis_step_duration_seconds_bucket/);
  assert.match(exprs, /histogram_quantile\([^\n]*aegis_ai_model_latency_seconds_bucket/);
  assert.match(exprs, /aegis_queue_depth\{queue!~"\.\+-dlq"\}/);
  assert.match(exprs, /aegis_queue_depth\{queue=~"\.\+-dlq"\}/);
  assert.match(exprs, /aegis_jobs_total\{status="FAILED"\}/);
  assert.match(exprs, /outcome="failed"/);
});

test('queue selectors match the queue names the app reports (aegis.queues + dlq-suffix)', () => {
  const queues = applicationYaml().aegis.queues;
  const names = ['jobs', 'jobs-priority', 'media', 'ai', 'ingest'].map((k) => queues[k]);
  const dlqs = names.map((n) => n + queues['dlq-suffix']);
  const dlqSelector = /^.+-dlq$/; // the dashboards' and alerts' queue=~".+-dlq"
  for (const d of dlqs) assert.match(d, dlqSelector);
  for (const n of names) assert.doesNotMatch(n, dlqSelector);
  for (const { where, expr } of queries()) {
    for (const [, op, value] of expr.matchAll(/queue\s*(=~|=|!~|!=)\s*"([^"]*)"/g)) {
      const re = new RegExp(`^(?:${value})$`);
      assert.ok(names.concat(dlqs).some((q) => (op.startsWith('=') ? re.test(q) : !re.test(q)) || op === '='),
        `${where}: queue selector ${op}"${value}" matches no queue`);
      if (op === '=' || op === '=~') assert.ok(names.concat(dlqs).some((q) => re.test(q)), `${where}: ${value} matches no queue`);
    }
  }
});

test('latency quantiles only read histograms the app publishes', () => {
  // Buckets exist for a timer with SLO boundaries (management.metrics.distribution.slo.<meter>) or a percentile
  // histogram (...percentiles-histogram.<meter or prefix>: true) in application.yaml.
  const distribution = (((applicationYaml().management || {}).metrics || {}).distribution) || {};
  const slo = Object.keys(distribution.slo || {});
  const histogram = Object.entries(distribution['percentiles-histogram'] || {}).filter(([, on]) => on === true).map(([k]) => k);
  const covered = (meter) => slo.concat(histogram).some((prefix) => meter === prefix || meter.startsWith(`${prefix}.`));
  let quantiles = 0;
  for (const { where, expr } of queries()) {
    for (const metric of metricsIn(expr).filter((m) => m.endsWith('_bucket'))) {
      quantiles += 1;
      const meter = metric.replace(/_seconds_bucket$|_bucket$/, '').replace(/_/g, '.');
      assert.ok(covered(meter),
        `${where}: ${metric} has no buckets unless application.yaml sets management.metrics.distribution.slo (or percentiles-histogram) for ${meter}`);
    }
  }
  assert.ok(quantiles >= 3, 'the step and AI latency panels read buckets');
});

test('alert rules: DLQ not empty, queue age, stuck jobs and error rates, each with severity and summary', () => {
  const rules = alertRules();
  const byName = Object.fromEntries(rules.map((r) => [r.rule.alert, r]));
  assert.match(byName.AegisDeadLetterQueueNotEmpty.expr, /aegis_queue_depth\{queue=~"\.\+-dlq"\}\) > 0/);
  assert.ok(byName.AegisQueueNotDraining && byName.AegisJobsStuckRunning, 'job age / stuck RUNNING rules');
  assert.ok(byName.AegisJobFailureRateHigh && byName.AegisApiErrorRateHigh, 'error rate rules');
  // The recovery pass: a job failed STRANDED pages someone; jobs announced again or dead-lettered by SQS warn.
  assert.match(byName.AegisJobsStranded.expr, /aegis_jobs_recovery_total\{outcome="stranded"\}/);
  assert.equal(byName.AegisJobsStranded.rule.labels.severity, 'critical');
  assert.match(byName.AegisJobsRecovered.expr, /aegis_jobs_recovery_total\{outcome=~"reannounced\|dead_lettered"\}/);
  for (const { where, rule } of rules) {
    assert.ok(['warning', 'critical'].includes(rule.labels.severity), `${where}: severity`);
    assert.ok(rule.annotations.summary, `${where}: summary`);
    assert.match(rule.for, /^\d+[smh]$/, `${where}: for`);
  }
});
