// What `terraform validate` would catch, checked without the binary: every var./local./module./resource
// reference points at something declared, every module call passes declared variables (and all required ones),
// and every variable and output is documented.
const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { loadAll, TERRAFORM_DIR } = require('./lib/terraform');

let modules;
before(async () => {
  modules = await loadAll();
});

/** Every string inside a block, with the path to it, for reference scanning. */
function strings(value, at = '') {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
  return [];
}

/** Only the expression parts of a string: what sits inside ${ ... }. */
function expressions(text) {
  const out = [];
  let i = text.indexOf('${');
  while (i >= 0) {
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j += 1) {
      if (text[j] === '{') depth += 1;
      else if (text[j] === '}') { depth -= 1; if (depth === 0) break; }
    }
    out.push(text.slice(i + 2, j));
    i = text.indexOf('${', j);
  }
  return out.map((e) => e.replace(/"(?:[^"\\]|\\.)*"/g, '""')); // drop string literals (they may hold "${...}")
}

function declared(m) {
  const resources = new Set(Object.entries(m.resource || {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)));
  const data = new Set(Object.entries(m.data || {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)));
  return {
    variables: new Set(Object.keys(m.variable || {})),
    locals: new Set(Object.keys(m.localValues)),
    modules: new Set(Object.keys(m.module || {})),
    resources,
    data,
  };
}

test('every reference in every module points at something declared', () => {
  let checked = 0;
  for (const m of Object.values(modules)) {
    const d = declared(m);
    const all = strings({ resource: m.resource, data: m.data, output: m.output, locals: m.locals, module: m.module, variable: m.variable });
    for (const { at, text } of all) {
      for (const expr of expressions(text)) {
        for (const [, name] of expr.matchAll(/(?<![\w.])var\.([a-z0-9_]+)/g)) {
          checked += 1;
          assert.ok(d.variables.has(name), `${m.name}${at}: var.${name} is not declared`);
        }
        for (const [, name] of expr.matchAll(/(?<![\w.])local\.([a-z0-9_]+)/g)) {
          checked += 1;
          assert.ok(d.locals.has(name), `${m.name}${at}: local.${name} is not defined`);
        }
        for (const [, type, name] of expr.matchAll(/(?<![\w.])data\.([a-z0-9_]+)\.([a-z0-9_]+)/g)) {
          checked += 1;
          assert.ok(d.data.has(`${type}.${name}`), `${m.name}${at}: data.${type}.${name} is not declared`);
        }
        for (const [, type, name] of expr.matchAll(/(?<![\w.])(aws_[a-z0-9_]+)\.([a-z0-9_]+)/g)) {
          checked += 1;
          assert.ok(d.resources.has(`${type}.${name}`), `${m.name}${at}: ${type}.${name} is not declared`);
        }
        for (const [, name, output] of expr.matchAll(/(?<![\w.])module\.([a-z0-9_]+)\.([a-z0-9_]+)/g)) {
          checked += 1;
          assert.ok(d.modules.has(name), `${m.name}${at}: module.${name} is not declared`);
          const child = modules[path.relative(TERRAFORM_DIR, path.resolve(m.dir, m.module[name][0].source))];
          assert.ok(child && (child.output || {})[output], `${m.name}${at}: module.${name} has no output ${output}`);
        }
      }
    }
  }
  assert.ok(checked > 200, `only ${checked} references checked`);
});

test('every module call passes only declared variables and all required ones', () => {
  const meta = new Set(['source', 'version', 'providers', 'depends_on', 'count', 'for_each']);
  let calls = 0;
  for (const m of Object.values(modules)) {
    for (const [name, [call]] of Object.entries(m.module || {})) {
      calls += 1;
      const child = modules[path.relative(TERRAFORM_DIR, path.resolve(m.dir, call.source))];
      assert.ok(child, `${m.name}: module.${name} source ${call.source} not found`);
      const vars = child.variable || {};
      for (const arg of Object.keys(call).filter((k) => !meta.has(k))) {
        assert.ok(vars[arg], `${m.name}: module.${name} passes ${arg}, which ${child.name} does not declare`);
      }
      for (const [v, [decl]] of Object.entries(vars)) {
        if (!('default' in decl)) assert.ok(v in call, `${m.name}: module.${name} misses required variable ${v}`);
      }
    }
  }
  assert.ok(calls >= 7, `${calls} module calls`);
});

test('every variable and output is documented and typed, every module pins the AWS provider', () => {
  for (const m of Object.values(modules)) {
    for (const [name, [v]] of Object.entries(m.variable || {})) {
      assert.ok(v.description, `${m.name}: variable ${name} has no description`);
      assert.ok(v.type, `${m.name}: variable ${name} has no type`);
    }
    for (const [name, [o]] of Object.entries(m.output || {})) {
      assert.ok(o.description, `${m.name}: output ${name} has no description`);
    }
    const tf = (m.terraform || [])[0];
    assert.ok(tf, `${m.name}: no terraform block`);
    assert.match(tf.required_version, />= ?1\.5/, `${m.name}: required_version`);
    assert.equal(tf.required_providers[0].aws.source, 'hashicorp/aws');
    assert.match(tf.required_providers[0].aws.version, /5\.0/, `${m.name}: AWS provider 5.x`);
  }
});
