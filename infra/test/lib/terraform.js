// Reads infra/terraform with @cdktf/hcl2json (HCL -> JSON, offline, no terraform binary). A directory is a
// module: its .tf files merged into { resource, data, variable, output, locals, module }.
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('@cdktf/hcl2json');

const TERRAFORM_DIR = path.resolve(__dirname, '../../terraform');

function tfDirs(dir = TERRAFORM_DIR) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  const here = entries.some((e) => e.isFile() && e.name.endsWith('.tf')) ? [dir] : [];
  return here.concat(entries.filter((e) => e.isDirectory()).flatMap((e) => tfDirs(path.join(dir, e.name))));
}

function mergeInto(target, source) {
  for (const [kind, byType] of Object.entries(source)) {
    if (kind === 'locals' || kind === 'terraform' || kind === 'provider') {
      target[kind] = (target[kind] || []).concat(byType);
      continue;
    }
    target[kind] = target[kind] || {};
    for (const [type, byName] of Object.entries(byType)) {
      if (Array.isArray(byName)) { // variable / output / module: name -> [block]
        target[kind][type] = (target[kind][type] || []).concat(byName);
        continue;
      }
      target[kind][type] = target[kind][type] || {};
      for (const [name, blocks] of Object.entries(byName)) {
        target[kind][type][name] = (target[kind][type][name] || []).concat(blocks);
      }
    }
  }
}

async function loadModule(dir) {
  const merged = { dir, name: path.relative(TERRAFORM_DIR, dir) };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.tf')).sort()) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    mergeInto(merged, await parse(path.join(dir, file), text));
  }
  merged.localValues = Object.assign({}, ...(merged.locals || []));
  return merged;
}

async function loadAll() {
  const modules = {};
  for (const dir of tfDirs()) {
    const m = await loadModule(dir);
    modules[m.name] = m;
  }
  return modules;
}

/** Every block of a resource (or data) type across modules: [{ module, name, block }]. */
function blocksOf(modules, type, kind = 'resource') {
  return Object.values(modules).flatMap((m) => Object.entries((m[kind] || {})[type] || {})
    .flatMap(([name, blocks]) => blocks.map((block) => ({ module: m, name, block }))));
}

/** A variable's default in a module (undefined when it has none). */
function defaultOf(module, variable) {
  const v = (module.variable || {})[variable];
  return v && v[0] ? v[0].default : undefined;
}

/** An expression (string, list, object) as text, local.X references replaced by their definitions. */
function expand(module, value, depth = 0) {
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (depth > 4 || text === undefined) return text || '';
  return text.replace(/local\.([A-Za-z0-9_]+)/g, (whole, name) =>
    name in module.localValues ? expand(module, module.localValues[name], depth + 1) : whole);
}

/** Statements of an aws_iam_policy_document, dynamic ones included, as { sid, effect, actions[], resourcesText }. */
function statementsOf(module, doc) {
  const plain = doc.statement || [];
  const dynamic = ((doc.dynamic || {}).statement || []).flatMap((d) => d.content || []);
  return plain.concat(dynamic).map((s) => {
    const actionsText = expand(module, s.actions);
    const actions = (actionsText.match(/[a-z0-9-]+:[A-Za-z*]+|"\*"/g) || []).map((a) => a.replace(/"/g, ''));
    return {
      sid: s.sid,
      effect: s.effect || 'Allow',
      actions,
      actionsText,
      resourcesText: expand(module, s.resources),
      notActions: s.not_actions,
      notResources: s.not_resources,
    };
  });
}

module.exports = { TERRAFORM_DIR, loadAll, blocksOf, defaultOf, expand, statementsOf };
