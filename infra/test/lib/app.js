// Facts from the application itself (application.yaml, Java source) that the infra must agree with.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const REPO = path.resolve(__dirname, '../../..');
const MAIN_JAVA = path.join(REPO, 'src/main/java');

function applicationYaml() {
  return YAML.parse(fs.readFileSync(path.join(REPO, 'src/main/resources/application.yaml'), 'utf8'));
}

function javaFiles(dir = MAIN_JAVA) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? javaFiles(p) : e.name.endsWith('.java') ? [p] : [];
  });
}

function javaSource(relative) {
  return fs.readFileSync(path.join(MAIN_JAVA, relative), 'utf8');
}

/**
 * Prometheus names of the meters the Java code registers, from the Micrometer builder calls
 * (Timer/Counter/Gauge/DistributionSummary/LongTaskTimer.builder("a.b.c") and registry.timer/counter/gauge("a.b.c")).
 * Micrometer's Prometheus naming: dots -> underscores; counters get _total; timers and summaries get _seconds (timers)
 * plus _count/_sum/_bucket/_max; gauges keep their name.
 */
function meterNames() {
  const names = new Map(); // micrometer name -> kind
  const kinds = 'Timer|Counter|Gauge|DistributionSummary|LongTaskTimer|FunctionCounter|FunctionTimer|TimeGauge|MultiGauge';
  const builder = new RegExp(`\\b(${kinds})\\.builder\\(\\s*"([a-z0-9_.]+)"`, 'g');
  const byConstant = new RegExp(`\\b(${kinds})\\.builder\\(\\s*([A-Z][A-Z0-9_]*)\\s*[,)]`, 'g');
  const registry = /\.(timer|counter|gauge|summary)\(\s*"([a-z0-9_.]+)"/g;
  const annotation = /@(Timed|Counted)\(\s*(?:value\s*=\s*)?"([a-z0-9_.]+)"/g;
  for (const file of javaFiles()) {
    const src = fs.readFileSync(file, 'utf8');
    for (const [, kind, name] of src.matchAll(builder)) names.set(name, kind.toLowerCase());
    for (const [, kind, name] of src.matchAll(registry)) names.set(name, kind.toLowerCase());
    for (const [, kind, name] of src.matchAll(annotation)) names.set(name, kind === 'Timed' ? 'timer' : 'counter');
    // A builder given a constant of the same class: Timer.builder(STEP_DURATION).
    for (const [, kind, constant] of src.matchAll(byConstant)) {
      const value = src.match(new RegExp(`String\\s+${constant}\\s*=\\s*"([a-z0-9_.]+)"`));
      if (value) names.set(value[1], kind.toLowerCase());
    }
  }
  const prometheus = new Set();
  for (const [name, kind] of names) {
    const base = name.replace(/\./g, '_');
    const series = {
      counter: [`${base}_total`],
      functioncounter: [`${base}_total`],
      timer: [`${base}_seconds`, `${base}_seconds_count`, `${base}_seconds_sum`, `${base}_seconds_bucket`, `${base}_seconds_max`],
      functiontimer: [`${base}_seconds_count`, `${base}_seconds_sum`],
      longtasktimer: [`${base}_seconds`, `${base}_seconds_active_count`, `${base}_seconds_duration_sum`, `${base}_seconds_max`],
      distributionsummary: [base, `${base}_count`, `${base}_sum`, `${base}_bucket`, `${base}_max`],
      summary: [base, `${base}_count`, `${base}_sum`, `${base}_bucket`, `${base}_max`],
      gauge: [base], timegauge: [`${base}_seconds`], multigauge: [base],
    }[kind] || [base, `${base}_total`, `${base}_seconds`, `${base}_seconds_count`, `${base}_seconds_sum`, `${base}_seconds_bucket`, `${base}_seconds_max`];
    series.forEach((s) => prometheus.add(s));
  }
  return prometheus;
}

module.exports = { REPO, applicationYaml, javaSource, meterNames };
