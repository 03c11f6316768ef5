// Policy tests over infra/terraform without the terraform binary: the HCL is parsed offline and each rule
// below is checked on every matching block, so a new queue, bucket, table or statement is covered too.
const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const { loadAll, blocksOf, defaultOf, expand, statementsOf } = require('./lib/terraform');
const { applicationYaml, javaSource } = require('./lib/app');

let modules;
let app;
before(async () => {
  modules = await loadAll();
  app = applicationYaml().aegis;
});

const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
const refersTo = (value, type, name) => new RegExp(`\\b${type}\\.${name}\\b`).test(text(value));
const one = (list) => (Array.isArray(list) ? list[0] : list) || {};

test('every SQS queue that is not a DLQ redrives to a DLQ after var.max_receive_count receives', () => {
  const queues = blocksOf(modules, 'aws_sqs_queue');
  assert.ok(queues.length > 0, 'no aws_sqs_queue found');
  const isDlq = ({ block }) => /dlq/i.test(text(block.name));
  const dlqs = queues.filter(isDlq);
  assert.ok(dlqs.length > 0, 'no DLQ found');
  for (const q of queues.filter((x) => !isDlq(x))) {
    const where = `${q.module.name}: aws_sqs_queue.${q.name}`;
    assert.ok(q.block.redrive_policy, `${where} has no redrive_policy`);
    const target = text(q.block.redrive_policy).match(/deadLetterTargetArn\s*=\s*aws_sqs_queue\.([a-z0-9_]+)(\[[^\]]+\])?\.arn/);
    assert.ok(target, `${where}: redrive_policy names no deadLetterTargetArn = aws_sqs_queue.<dlq>.arn`);
    const dlq = dlqs.find((d) => d.module === q.module && d.name === target[1]);
    assert.ok(dlq, `${where}: redrive target aws_sqs_queue.${target[1]} is not a DLQ (its name has no dlq suffix)`);
    assert.ok(!dlq.block.redrive_policy, `${where}: its DLQ must not redrive further`);
    // Same for_each and indexed by each.key: every queue gets its own DLQ, none shares one.
    assert.equal(text(dlq.block.for_each), text(q.block.for_each), `${where}: queue and DLQ iterate different sets`);
    if (q.block.for_each) assert.equal(target[2], '[each.key]', `${where}: DLQ must be indexed by each.key`);
    assert.match(text(q.block.redrive_policy), /maxReceiveCount\s*=\s*var\.max_receive_count\b/, `${where}: maxReceiveCount must come from var.max_receive_count`);
    assert.equal(defaultOf(q.module, 'max_receive_count'), app.queues['max-receive-count'],
      `${where}: var.max_receive_count default differs from aegis.queues.max-receive-count`);
  }
});

test('the queues are the ones the app reads (aegis.queues) and DLQ names use its dlq-suffix', () => {
  const [q] = blocksOf(modules, 'aws_sqs_queue').filter((x) => x.name === 'main');
  const names = Object.values(defaultOf(q.module, 'queues')).sort();
  const expected = ['jobs', 'jobs-priority', 'media', 'ai', 'ingest', 'webhooks'].map((k) => app.queues[k]).sort();
  assert.deepEqual(names, expected);
  assert.equal(defaultOf(q.module, 'dlq_suffix'), app.queues['dlq-suffix']);
  assert.equal(defaultOf(q.module, 'visibility_timeout_seconds'), app.queues['visibility-timeout-seconds']);
  for (const env of Object.values(modules).filter((m) => m.name.startsWith('envs/'))) {
    assert.equal(defaultOf(env, 'max_receive_count'), app.queues['max-receive-count'], `${env.name}: max_receive_count`);
  }
});

test('every DLQ has a CloudWatch alarm on visible messages > 0 that notifies SNS', () => {
  const dlqs = blocksOf(modules, 'aws_sqs_queue').filter(({ block }) => /dlq/i.test(text(block.name)));
  const alarms = blocksOf(modules, 'aws_cloudwatch_metric_alarm');
  for (const dlq of dlqs) {
    const alarm = alarms.find(({ module, block }) => module === dlq.module
      && refersTo(block.dimensions, 'aws_sqs_queue', dlq.name)
      && text(block.for_each) === text(dlq.block.for_each));
    assert.ok(alarm, `${dlq.module.name}: no alarm for every aws_sqs_queue.${dlq.name}`);
    const a = alarm.block;
    assert.equal(a.namespace, 'AWS/SQS');
    assert.equal(a.metric_name, 'ApproximateNumberOfMessagesVisible');
    assert.equal(a.threshold, 0);
    assert.equal(a.comparison_operator, 'GreaterThanThreshold');
    assert.match(text(a.alarm_actions), /aws_sns_topic\./, 'the alarm must notify an SNS topic');
  }
  // Job age: the oldest waiting message of every work queue.
  const main = blocksOf(modules, 'aws_sqs_queue').find(({ block }) => block.redrive_policy);
  assert.ok(alarms.some(({ block }) => block.metric_name === 'ApproximateAgeOfOldestMessage'
    && refersTo(block.dimensions, 'aws_sqs_queue', main.name) && text(block.for_each) === text(main.block.for_each)),
  'no ApproximateAgeOfOldestMessage alarm on every work queue');
});

test('every object created in the raw bucket is announced on the ingest queue, whose policy lets only that bucket send', () => {
  const [n] = blocksOf(modules, 'aws_s3_bucket_notification');
  assert.ok(n, 'no aws_s3_bucket_notification');
  const queue = one(n.block.queue);
  assert.deepEqual(queue.events, ['s3:ObjectCreated:*']);
  // Whole bucket: inbox/ drops and presigned uploads (<tenant>/<asset>/original/...) alike, so no polling is needed.
  assert.equal(queue.filter_prefix, undefined, 'a prefix filter would leave presigned uploads to polling');
  assert.equal(queue.filter_suffix, undefined);
  assert.match(text(n.block.bucket), /\["raw"\]/);
  const env = modules['envs/example'];
  assert.match(text(env.module.storage[0].ingest_queue_arn), /module\.queues\.ingest_queue_arn/);
  assert.match(expand(env, env.localValues.app_environment), /AEGIS_PRESIGN_POLL\s*=\s*\\?"false/,
    'with every landing announced, the app must not poll for presigned uploads');
  const queues = modules['modules/queues'];
  assert.equal(defaultOf(queues, 'ingest_queue_key'), 'ingest');
  assert.equal(defaultOf(queues, 'queues').ingest, app.queues.ingest);
  const [policy] = blocksOf({ q: queues }, 'aws_iam_policy_document', 'data').filter((d) => d.name === 'ingest_from_s3');
  const [s] = policy.block.statement;
  assert.deepEqual(s.actions, ['sqs:SendMessage']);
  assert.deepEqual(one(s.principals).identifiers, ['s3.amazonaws.com']);
  assert.ok(s.condition.some((c) => c.variable === 'aws:SourceArn' && text(c.values).includes('var.raw_bucket_arn')),
    'S3 may send only for the raw bucket (aws:SourceArn condition)');
  // The notification waits for the policy (S3 validates the destination when the notification is created).
  assert.match(text(queues.output.ingest_queue_arn[0].depends_on), /aws_sqs_queue_policy\.ingest_from_s3/);
});

/** Which instances of aws_s3_bucket.<name> a block configures: 'ALL' (same for_each, [each.key]) or the literal keys. */
function bucketsCovered(bucket, type, check) {
  const covered = new Set();
  for (const b of blocksOf({ m: bucket.module }, type).filter(({ block }) => refersTo(block.bucket, 'aws_s3_bucket', bucket.name))) {
    if (!check(b.block)) continue;
    const index = text(b.block.bucket).match(/aws_s3_bucket\.[a-z0-9_]+(\[([^\]]+)\])?/)[2];
    if (index === 'each.key' && text(b.block.for_each) === text(bucket.block.for_each)) covered.add('ALL');
    else if (index) covered.add(index.replace(/"/g, ''));
    else covered.add('ALL');
  }
  return covered;
}

function bucketKeys(bucket) {
  if (!bucket.block.for_each) return ['ALL'];
  const keys = Object.keys(JSON.parse(expand(bucket.module, bucket.block.for_each.replace(/^\$\{(.*)\}$/, '$1'))));
  assert.ok(keys.length > 0);
  return keys;
}

test('every bucket blocks all public access, encrypts, keeps versions and has lifecycle rules', () => {
  const buckets = blocksOf(modules, 'aws_s3_bucket');
  assert.ok(buckets.length > 0, 'no aws_s3_bucket found');
  const rules = {
    aws_s3_bucket_public_access_block: (b) => ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']
      .every((k) => b[k] === true),
    aws_s3_bucket_server_side_encryption_configuration: (b) => ['AES256', 'aws:kms', 'aws:kms:dsse']
      .includes(one(one(b.rule).apply_server_side_encryption_by_default).sse_algorithm),
    aws_s3_bucket_versioning: (b) => one(b.versioning_configuration).status === 'Enabled',
    aws_s3_bucket_lifecycle_configuration: (b) => (b.rule || []).some((r) => r.status === 'Enabled'),
    aws_s3_bucket_ownership_controls: (b) => one(b.rule).object_ownership === 'BucketOwnerEnforced',
    aws_s3_bucket_policy: (b) => /aws_iam_policy_document\.tls_only/.test(text(b.policy)),
  };
  for (const bucket of buckets) {
    for (const [type, check] of Object.entries(rules)) {
      const covered = bucketsCovered(bucket, type, check);
      for (const key of bucketKeys(bucket)) {
        assert.ok(covered.has('ALL') || covered.has(key),
          `${bucket.module.name}: aws_s3_bucket.${bucket.name}[${key}] lacks a compliant ${type}`);
      }
    }
  }
});

test('buckets deny plain HTTP, and no CDN serves tenants\' files without a signature', () => {
  const [doc] = blocksOf(modules, 'aws_iam_policy_document', 'data').filter((d) => d.name === 'tls_only');
  const statements = statementsOf(doc.module, doc.block);
  const deny = statements.find((s) => s.effect === 'Deny');
  assert.ok(deny && doc.block.statement[0].condition.some((c) => c.variable === 'aws:SecureTransport'));
  // The bucket policies grant nobody: the task roles read through IAM, browsers through 15-minute presigned URLs.
  assert.deepEqual(statements.filter((s) => s.effect === 'Allow'), [], 'a bucket policy grants access');
  // A CloudFront distribution in front of a bucket is allowed only if it serves signed URLs: a key group on every
  // cache behaviour, from a variable that refuses to be empty.
  for (const { module, name, block } of blocksOf(modules, 'aws_cloudfront_distribution')) {
    for (const behaviour of [].concat(block.default_cache_behavior || [], block.ordered_cache_behavior || [])) {
      const groups = text(behaviour.trusted_key_groups);
      const variable = (groups.match(/var\.([a-z0-9_]+)/) || [])[1];
      assert.ok(variable, `${module.name}: aws_cloudfront_distribution.${name} serves without signed URLs`);
      const validation = text(((module.variable || {})[variable] || [{}])[0].validation);
      assert.match(validation, /length\(var\.[a-z0-9_]+\)\s*>\s*0/, `${module.name}: var.${variable} may be empty (unsigned)`);
    }
  }
});

test('the ALB serves the API over HTTPS only: a certificate is required and HTTP only redirects', () => {
  const ecs = modules['modules/ecs'];
  const listeners = ecs.resource.aws_lb_listener;
  const https = listeners.https[0];
  assert.equal(https.count, undefined, 'the HTTPS listener must always exist');
  assert.equal(https.protocol, 'HTTPS');
  assert.match(text(https.certificate_arn), /var\.certificate_arn/);
  assert.match(https.ssl_policy, /TLS13/);
  for (const [name, [listener]] of Object.entries(listeners)) {
    if (listener.protocol === 'HTTPS') continue;
    const action = one(listener.default_action);
    assert.equal(action.type, 'redirect', `listener ${name} (${listener.protocol}) must only redirect`);
    assert.equal(one(action.redirect).protocol, 'HTTPS');
    assert.equal(action.target_group_arn, undefined, `listener ${name} forwards to the tasks`);
  }
  for (const module of [ecs, modules['envs/example']]) {
    const [variable] = module.variable.certificate_arn;
    assert.equal(variable.default, undefined, `${module.name}: certificate_arn has a default`);
    assert.match(text(variable.validation), /:acm:/, `${module.name}: certificate_arn is not checked to be an ACM ARN`);
  }
});

test('no deployment without a token issuer, and never in dev mode', () => {
  const ecs = modules['modules/ecs'];
  const [issuer] = ecs.variable.issuer_uri;
  assert.equal(issuer.default, undefined, 'issuer_uri has a default');
  assert.match(text(issuer.validation), /\^https:\/\//, 'issuer_uri is not required to be an https URL');
  const task = ecs.resource.aws_ecs_task_definition.role[0];
  // Set after the environment maps in the merge, so no extra_environment can replace or blank it.
  assert.match(task.container_definitions, /merge\([^)]*AEGIS_ISSUER_URI\s*=\s*var\.issuer_uri\s*}\)/);
  assert.match(text(ecs.variable.environment[0].validation), /AEGIS_DEV_MODE/);
  assert.match(text(modules['envs/example'].module.ecs[0].issuer_uri), /module\.auth\.issuer_uri/);
});

test('every DynamoDB table has point-in-time recovery and encryption at rest', () => {
  const tables = blocksOf(modules, 'aws_dynamodb_table');
  assert.ok(tables.length >= 4, 'expected the jobs, assets, idempotency and uploads tables');
  for (const { module, name, block } of tables) {
    assert.equal(one(block.point_in_time_recovery).enabled, true, `${module.name}: aws_dynamodb_table.${name} has no PITR`);
    assert.equal(one(block.server_side_encryption).enabled, true, `${module.name}: aws_dynamodb_table.${name} has no SSE`);
  }
});

test('every table and index the app names (aegis.tables) exists with the keys, index and TTL the app uses', () => {
  const bootstrap = javaSource('io/aegis/platform/aws/AwsResourceBootstrap.java');
  const tables = blocksOf(modules, 'aws_dynamodb_table');
  const mod = tables[0].module;
  const nameOf = (t) => defaultOf(mod, text(t.block.name).match(/var\.([a-z_]+)/)[1]);
  const appTables = Object.entries(app.tables).filter(([key]) => !key.endsWith('-index'));
  assert.ok(appTables.length >= 5, 'expected jobs, assets, idempotency, uploads and limits in aegis.tables');
  for (const [key, name] of appTables) {
    const table = tables.find((t) => nameOf(t) === name);
    assert.ok(table, `aegis.tables.${key} = ${name}: no aws_dynamodb_table with that name`);
    const hashKey = table.block.hash_key;
    // The local bootstrap creates the same table (names.tables().<key>()) with the same hash key.
    const getter = key.replace(/-([a-z])/g, (m, c) => c.toUpperCase());
    assert.ok(bootstrap.includes(`names.tables().${getter}()`), `AwsResourceBootstrap does not create aegis.tables.${key}`);
    assert.ok(bootstrap.includes(`"${hashKey}"`), `${name}: hash key ${hashKey} is not one AwsResourceBootstrap creates`);
  }
  // Each index aegis.tables names is on the table of the same prefix (jobs-*-index on jobs, uploads-*-index on uploads).
  const indexesOf = (tableKey) => {
    const table = tables.find((t) => nameOf(t) === app.tables[tableKey]);
    const onTable = Object.fromEntries(table.block.global_secondary_index
      .map((i) => [defaultOf(mod, i.name.match(/var\.([a-z_]+)/)[1]), i]));
    const named = Object.entries(app.tables).filter(([key]) => key.startsWith(`${tableKey}-`) && key.endsWith('-index'))
      .map(([, name]) => name);
    assert.deepEqual(Object.keys(onTable).sort(), named.sort(), `the indexes of ${tableKey} are the ones aegis.tables names`);
    return onTable;
  };
  const indexes = indexesOf('jobs');
  const gsi = indexes[app.tables['jobs-by-tenant-index']];
  assert.deepEqual([gsi.hash_key, gsi.range_key], ['tenant', 'createdAt']);
  assert.ok(bootstrap.includes('attributeName("tenant").keyType(KeyType.HASH)'));
  assert.ok(bootstrap.includes('attributeName("createdAt").keyType(KeyType.RANGE)'));
  // The sparse unfinished-jobs index of the recovery pass: by shard, oldest updatedAt first, keys only.
  const unfinished = indexes[app.tables['jobs-unfinished-index']];
  assert.deepEqual([unfinished.hash_key, unfinished.range_key, unfinished.projection_type],
    ['unfinishedShard', 'updatedAt', 'KEYS_ONLY']);
  assert.ok(bootstrap.includes('attributeName("unfinishedShard").keyType(KeyType.HASH)'));
  assert.ok(bootstrap.includes('attributeName("updatedAt").keyType(KeyType.RANGE)'));
  assert.ok(javaSource('io/aegis/state/JobItems.java').includes('"unfinishedShard"'));
  // The sparse queued-jobs index: likewise, for QUEUED jobs (the per-tenant cap on waiting jobs).
  const queued = indexes[app.tables['jobs-queued-index']];
  assert.deepEqual([queued.hash_key, queued.range_key, queued.projection_type], ['queuedTenant', undefined, 'KEYS_ONLY']);
  assert.ok(bootstrap.includes('attributeName("queuedTenant").keyType(KeyType.HASH)'));
  assert.ok(javaSource('io/aegis/state/JobItems.java').includes('"queuedTenant"'));
  // Pending presigned uploads: the same keys and indexes as AwsResourceBootstrap's, names as application.yaml's.
  assert.equal(tables.find((t) => nameOf(t) === app.tables.uploads).block.hash_key, 'rawKey');
  const uploadIndexes = indexesOf('uploads');
  const byExpiry = uploadIndexes[app.tables['uploads-by-expiry-index']];
  const byTenant = uploadIndexes[app.tables['uploads-by-tenant-index']];
  assert.deepEqual([byExpiry.hash_key, byExpiry.range_key, byExpiry.projection_type], ['expiryShard', 'expiry', 'ALL']);
  assert.deepEqual([byTenant.hash_key, byTenant.range_key, byTenant.projection_type], ['tenant', 'expiry', 'KEYS_ONLY']);
  for (const attribute of ['rawKey', 'expiryShard', 'expiry']) {
    assert.ok(bootstrap.includes(`attribute("${attribute}")`), `AwsResourceBootstrap does not define ${attribute}`);
  }
  assert.ok(bootstrap.includes('attributeName("expiryShard").keyType(KeyType.HASH)'));
  assert.ok(bootstrap.includes('attributeName("expiry").keyType(KeyType.RANGE)'));
  const store = javaSource('io/aegis/state/PendingUploadStore.java');
  assert.ok(store.includes('"expiryShard"') && store.includes('"expiry"'), 'PendingUploadStore writes other attributes');
  const idempotency = tables.find((t) => nameOf(t) === app.tables.idempotency);
  const ttl = one(idempotency.block.ttl);
  assert.equal(ttl.enabled, true);
  assert.ok(bootstrap.includes(`enableTtl(table, "${ttl.attribute_name}")`), `TTL attribute ${ttl.attribute_name} is not the app's`);
  assert.ok(javaSource('io/aegis/state/UploadReservationStore.java').includes(`"${ttl.attribute_name}"`));
});

test('no IAM statement allows every action, a whole service, or every resource', () => {
  const docs = blocksOf(modules, 'aws_iam_policy_document', 'data');
  assert.ok(docs.length > 0);
  let checked = 0;
  for (const { module, name, block } of docs) {
    for (const s of statementsOf(module, block)) {
      const where = `${module.name}: ${name}/${s.sid || '(no sid)'}`;
      assert.equal(s.notActions, undefined, `${where}: NotAction`);
      assert.equal(s.notResources, undefined, `${where}: NotResource`);
      if (s.effect !== 'Allow') continue;
      checked += 1;
      assert.ok(s.actions.length > 0, `${where}: no actions read from ${s.actionsText}`);
      for (const a of s.actions) assert.ok(a !== '*' && !a.endsWith(':*'), `${where}: wildcard action ${a}`);
      if (s.actions.includes('sts:AssumeRole')) continue; // trust policies name principals, not resources
      assert.ok(s.resourcesText && s.resourcesText !== 'null', `${where}: no resources`);
      assert.doesNotMatch(s.resourcesText, /(^|[\["])\*(["\]]|$)/, `${where}: resource "*"`);
    }
  }
  assert.ok(checked > 10, `only ${checked} Allow statements found`);
  for (const { module, block } of blocksOf(modules, 'aws_iam_role_policy_attachment')) {
    assert.doesNotMatch(text(block.policy_arn), /Administrator|PowerUser|FullAccess/, `${module.name}: broad managed policy`);
  }
});

// What each role's code does with each queue (design.md §1 and the routes): consume = receive/delete/extend,
// send = SendMessage. "*" = every queue of that kind (api's admin DLQ peek and redrive).
// Every role ends jobs, so every role sends their webhook events to aegis-webhooks; the orchestrator delivers them.
// Ending a job gives its tenant's running slot back, which wakes the oldest waiting job on aegis-jobs(-priority).
const QUEUE_ACCESS = {
  api: { consume: { main: [], dlq: ['*'] }, send: { main: ['*'], dlq: [] }, mustSend: ['jobs', 'jobs_priority', 'webhooks'] },
  orchestrator: {
    consume: { main: ['jobs', 'jobs_priority', 'ingest', 'webhooks'], dlq: ['*'] }, // the recovery pass reads every DLQ
    send: { main: ['jobs', 'jobs_priority', 'media', 'ai', 'webhooks'], dlq: ['jobs', 'jobs_priority', 'ingest', 'webhooks'] },
  },
  media: { consume: { main: ['media'], dlq: [] }, send: { main: ['jobs', 'jobs_priority', 'media', 'ai', 'webhooks'], dlq: ['media'] } },
  ai: { consume: { main: ['ai'], dlq: [] }, send: { main: ['jobs', 'jobs_priority', 'ai', 'media', 'webhooks'], dlq: ['ai'] } },
};
const CONSUME = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'];
// Only on the api instance's own job events queue, which it creates at start and deletes at stop.
const OWN_QUEUE = ['sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:SetQueueAttributes'];
const METADATA = ['sqs:GetQueueUrl', 'sqs:GetQueueAttributes'];

/**
 * Queue references in a statement's resources: [{ kind: main|dlq|events, key }] with key '*' for all of them; events =
 * the queues api instances create for themselves (local.job_event_queues, a name prefix).
 */
function queueRefs(resourcesText) {
  const refs = [];
  if (/aegis-job-events-|job_event_queue_prefix/.test(resourcesText)) refs.push({ kind: 'events', key: '*' });
  for (const [, v, key] of resourcesText.matchAll(/var\.(queue_arns|dlq_arns)\[\\?"([a-z_]+)\\?"\]/g)) {
    refs.push({ kind: v === 'queue_arns' ? 'main' : 'dlq', key });
  }
  for (const [, v] of resourcesText.matchAll(/values\(var\.(queue_arns|dlq_arns)\)/g)) {
    refs.push({ kind: v === 'queue_arns' ? 'main' : 'dlq', key: '*' });
  }
  return refs;
}

function roleStatements(role) {
  const iam = modules['modules/iam'];
  const docs = iam.data.aws_iam_policy_document;
  const doc = docs[role][0];
  const shared = (doc.source_policy_documents || []).flatMap((ref) => {
    const m = text(ref).match(/aws_iam_policy_document\.([a-z_]+)\.json/);
    return m ? statementsOf(iam, docs[m[1]][0]) : [];
  });
  return shared.concat(statementsOf(iam, doc));
}

test('each role touches only its own queues (messages), and every queue ARN it names is a known queue', () => {
  const iam = modules['modules/iam'];
  assert.match(text(iam.resource.aws_iam_role_policy.task[0].policy), /local\.policies\[each\.key\]/);
  assert.deepEqual(Object.keys(iam.localValues.policies).sort(), Object.keys(QUEUE_ACCESS).sort());
  for (const [role, rules] of Object.entries(QUEUE_ACCESS)) {
    const granted = { consume: new Set(), send: new Set() };
    for (const s of roleStatements(role)) {
      const sqs = s.actions.filter((a) => a.startsWith('sqs:'));
      if (sqs.length === 0) continue;
      const refs = queueRefs(s.resourcesText);
      assert.ok(refs.length > 0, `${role}/${s.sid}: SQS actions on something that is not var.queue_arns/var.dlq_arns: ${s.resourcesText}`);
      if (refs.some((r) => r.kind === 'events')) {
        assert.equal(role, 'api', `${role}/${s.sid}: only api instances have job event queues`);
        assert.equal(refs.length, 1, `${role}/${s.sid}: the job event queue grant must name nothing else`);
        for (const a of sqs) assert.ok([...CONSUME, ...METADATA, ...OWN_QUEUE].includes(a), `${role}/${s.sid}: ${a} on its event queue`);
        continue;
      }
      for (const a of sqs) {
        const kind = CONSUME.includes(a) ? 'consume' : a === 'sqs:SendMessage' ? 'send' : METADATA.includes(a) ? null : 'other';
        assert.notEqual(kind, 'other', `${role}/${s.sid}: unexpected SQS action ${a}`);
        if (!kind) continue; // queue depth and URL lookups carry no messages
        for (const ref of refs) {
          const allowed = rules[kind][ref.kind];
          assert.ok(allowed.includes('*') || (ref.key !== '*' && allowed.includes(ref.key)),
            `${role} may not ${a} on ${ref.kind === 'dlq' ? 'the DLQ of ' : ''}${ref.key === '*' ? 'every queue' : ref.key} (statement ${s.sid})`);
          granted[kind].add(`${ref.kind}:${ref.key}`);
        }
      }
    }
    // And it can still do its job: it consumes and sends where the design says it must.
    for (const key of rules.consume.main) assert.ok(granted.consume.has(`main:${key}`), `${role} cannot consume ${key}`);
    for (const key of rules.send.dlq) assert.ok(granted.send.has(`dlq:${key}`), `${role} cannot dead-letter ${key}`);
    for (const key of rules.mustSend || rules.send.main) {
      assert.ok(granted.send.has(`main:${key}`) || granted.send.has('main:*'), `${role} cannot send to ${key}`);
    }
  }
});

// Asset deletion (DELETE /v1/assets/{id} and the retention sweep, both in the api role) removes every version of an
// asset's objects in both buckets: only that role, only in statement DeleteAssets.
const ASSET_DELETERS = ['api'];

test('each role writes only where its steps write (S3 objects, idempotency table)', () => {
  const writers = {
    api: [/var\.raw_bucket_arn/], // uploads originals
    orchestrator: [/var\.raw_bucket_arn/], // moves inbox drops to originals / rejected
    media: [/var\.processed_bucket_arn/], // renditions, transcripts, extracted text
    ai: [],
  };
  for (const [role, allowed] of Object.entries(writers)) {
    let deletesAssets = false;
    for (const s of roleStatements(role)) {
      const assetDeletion = s.sid === 'DeleteAssets';
      if (assetDeletion) {
        assert.ok(ASSET_DELETERS.includes(role), `${role} must not delete assets (${s.sid})`);
        assert.deepEqual(s.actions.slice().sort(), ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:DeleteObjectVersion']);
        assert.equal(s.resourcesText, '${["${var.raw_bucket_arn}/*","${var.processed_bucket_arn}/*"]}');
        deletesAssets = true;
        continue;
      }
      if (s.actions.some((a) => ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'].includes(a))) {
        const resources = expand(modules['modules/iam'], s.resourcesText);
        assert.ok(allowed.length > 0, `${role} must not write to S3 (${s.sid})`);
        assert.ok(allowed.some((r) => r.test(resources)) && !(role !== 'media' && /processed_bucket_arn/.test(resources)),
          `${role}/${s.sid} writes outside its bucket: ${resources}`);
      }
      if (s.actions.includes('s3:DeleteObject')) {
        assert.match(s.resourcesText, /var\.inbox_prefix/, `${role}/${s.sid}: deletes only inbox drops`);
      }
      if (/table_arns\[\\?"idempotency\\?"\]/.test(s.resourcesText)) assert.equal(role, 'api', `${role} uses the idempotency table`);
    }
    assert.equal(deletesAssets, ASSET_DELETERS.includes(role), `${role}: DeleteAssets ${deletesAssets ? 'granted' : 'missing'}`);
  }
});

test('every ECS role service runs the app with its role, scales, and gets its own task role', () => {
  const ecs = modules['modules/ecs'];
  const env = modules['envs/example'];
  const services = defaultOf(env, 'services');
  assert.deepEqual(Object.keys(services).sort(), ['ai', 'api', 'media', 'orchestrator']);
  const task = ecs.resource.aws_ecs_task_definition.role[0];
  assert.match(task.container_definitions, /AEGIS_ROLES\s*=\s*each\.key/);
  assert.match(task.task_role_arn, /var\.task_role_arns\[each\.key\]/);
  const scaling = env.module.ecs[0].scaling_queues;
  for (const [role, keys] of Object.entries({ orchestrator: ['jobs', 'jobs_priority', 'ingest', 'webhooks'], media: ['media'], ai: ['ai'] })) {
    assert.deepEqual(scaling[role], keys.map((k) => `\${module.queues.queue_names["${k}"]}`), `${role} scales on its own queues`);
  }
  const alarm = ecs.resource.aws_cloudwatch_metric_alarm.backlog_high[0];
  assert.match(text(alarm.dynamic), /ApproximateNumberOfMessagesVisible/);
  assert.match(text(ecs.resource.aws_appautoscaling_policy.api_cpu[0]), /ECSServiceAverageCPUUtilization/);
  assert.match(text(ecs.resource.aws_appautoscaling_policy.api_requests[0]), /ALBRequestCountPerTarget/);
  // The app must not create resources or start embedded servers on AWS, and must trust Cognito.
  // (The issuer is not in it: the ECS module sets AEGIS_ISSUER_URI last, from the required issuer_uri; tested above.)
  assert.match(text(env.module.ecs[0].environment), /local\.app_environment/);
  const environment = expand(env, env.localValues.app_environment);
  for (const v of ['AEGIS_AWS_EMBEDDED\\s*=\\s*\\\\?"false', 'AEGIS_CREATE_RESOURCES\\s*=\\s*\\\\?"false', 'AEGIS_AUDIENCE',
    // SQS endpoints look up their own queue only (no sqs:ListQueues); search, live events and rate limits shared by
    // all processes.
    'AEGIS_AWS_ACCOUNT_ID\\s*=\\s*data\\.aws_caller_identity', 'AEGIS_SEARCH_STORE\\s*=\\s*\\\\?"pgvector',
    'AEGIS_JOB_EVENTS_TOPIC_ARN\\s*=\\s*module\\.queues\\.job_events_topic_arn', 'AEGIS_RATE_LIMIT_SHARED\\s*=\\s*\\\\?"true']) {
    assert.match(environment, new RegExp(v), `ECS environment lacks ${v}`);
  }
});

test('Cognito: a resource server with the API scopes and client-credentials app clients', () => {
  const auth = modules['modules/auth'];
  const rs = auth.resource.aws_cognito_resource_server.api[0];
  assert.deepEqual(rs.scope.map((s) => s.scope_name).sort(), ['admin', 'media:read', 'media:write']);
  const client = auth.resource.aws_cognito_user_pool_client.this[0];
  assert.deepEqual(client.allowed_oauth_flows, ['client_credentials']);
  assert.equal(client.generate_secret, true);
});

test('the webhook tables have the keys, index and TTL that the app (AwsResourceBootstrap, webhooks/) uses', () => {
  const bootstrap = javaSource('io/aegis/platform/aws/AwsResourceBootstrap.java');
  const tables = Object.fromEntries(blocksOf(modules, 'aws_dynamodb_table').map((t) => [t.name, t]));
  const mod = tables.webhooks.module;
  assert.equal(defaultOf(mod, 'webhooks_table_name'), app.tables.webhooks);
  assert.equal(defaultOf(mod, 'webhook_deliveries_table_name'), app.tables['webhook-deliveries']);
  assert.equal(defaultOf(mod, 'webhooks_by_tenant_index'), app.tables['webhooks-by-tenant-index']);
  assert.equal(tables.webhooks.block.hash_key, 'webhookId');
  const [gsi] = tables.webhooks.block.global_secondary_index;
  assert.deepEqual([gsi.name, gsi.hash_key, gsi.range_key, gsi.projection_type],
    ['${var.webhooks_by_tenant_index}', 'tenant', undefined, 'ALL']);
  assert.ok(bootstrap.includes('attribute("webhookId"), attribute("tenant")'));
  const deliveries = tables.webhook_deliveries.block;
  assert.deepEqual([deliveries.hash_key, deliveries.range_key], ['webhookId', 'deliveryId']);
  assert.ok(bootstrap.includes('attributeName("deliveryId").keyType(KeyType.RANGE)'));
  const ttl = one(deliveries.ttl);
  assert.equal(ttl.enabled, true);
  assert.ok(javaSource('io/aegis/webhooks/WebhookDeliveryStore.java').includes(`"${ttl.attribute_name}"`));
  assert.ok(bootstrap.includes(`enableTtl(table, "${ttl.attribute_name}")`));
  // The roles that use them: the api (endpoints, deliveries read), the orchestrator (delivery).
  const uses = (role, key) => roleStatements(role).some((s) => new RegExp(`table_arns\\[\\\\?"${key}\\\\?"\\]`).test(s.resourcesText));
  for (const role of ['api', 'orchestrator']) {
    assert.ok(uses(role, 'webhooks') && uses(role, 'webhook_deliveries'), `${role} lacks the webhook tables`);
  }
  for (const role of ['media', 'ai']) {
    assert.ok(!uses(role, 'webhooks') && !uses(role, 'webhook_deliveries'), `${role} must not use the webhook tables`);
  }
});

test('per-tenant retention: S3 lifecycle rules of both buckets agree with the app setting, never earlier', () => {
  const storage = modules['modules/storage'];
  const lifecycles = blocksOf({ s: storage }, 'aws_s3_bucket_lifecycle_configuration');
  assert.deepEqual(lifecycles.map((l) => l.name).sort(), ['processed', 'raw']);
  for (const { name, block } of lifecycles) {
    const rule = (block.dynamic && block.dynamic.rule || [])[0];
    assert.ok(rule, `${name}: no dynamic retention rule`);
    assert.equal(rule.for_each, '${var.tenant_retention_days}', `${name}: retention rules come from var.tenant_retention_days`);
    const content = one(rule.content);
    assert.equal(one(content.filter).prefix, '${rule.key}/', `${name}: a tenant's prefix is {tenant}/`);
    assert.equal(one(content.expiration).days, '${rule.value + var.retention_grace_days}');
  }
  assert.ok(defaultOf(storage, 'retention_grace_days') >= 0, 'S3 must not expire before the app deletes');
  // The app gets the same map: AEGIS_RETENTION_DAYS = tenant=days,...; application.yaml reads that variable.
  const env = modules['envs/example'];
  assert.match(text(env.module.storage[0].tenant_retention_days), /var\.tenant_retention_days/);
  assert.match(expand(env, env.localValues.app_environment), /AEGIS_RETENTION_DAYS\s*=\s*join\(",", \[for tenant, days in var\.tenant_retention_days : \\?"\$\{tenant\}=\$\{days\}\\?"\]\)/);
  assert.equal(app.retention['tenant-days'], '${AEGIS_RETENTION_DAYS:}');
  assert.ok(javaSource('io/aegis/manage/RetentionProperties.java').includes('split("=")'));
});
