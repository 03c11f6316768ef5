// ECS never stops a task in the middle of a step on scale-in (issue 15, item 7): checked on the HCL, offline.
// A step at work keeps its SQS message in flight (the consumer deletes it only when the step ends), so a worker
// service may shrink only while its queues hold nothing visible AND nothing in flight; and a task that is stopped
// anyway (deploy, Spot) gets the app's whole shutdown grace before SIGKILL.
const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const { loadAll, blocksOf } = require('./lib/terraform');
const { applicationYaml } = require('./lib/app');

let modules;
before(async () => {
  modules = await loadAll();
});

const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));

function ecs() {
  return modules['modules/ecs'];
}

test('scale-in fires only when the queues hold nothing visible and nothing in flight', () => {
  const m = ecs();
  const alarms = m.resource.aws_cloudwatch_metric_alarm;
  const policies = m.resource.aws_appautoscaling_policy;
  // Every policy that removes tasks, and the alarms that trigger it.
  const scaleIn = Object.entries(policies).filter(([, [p]]) => (p.step_scaling_policy_configuration || [])
    .some((c) => (c.step_adjustment || []).some((s) => Number(s.scaling_adjustment) < 0)));
  assert.ok(scaleIn.length > 0, 'no scale-in policy found');
  for (const [policy] of scaleIn) {
    const triggers = Object.entries(alarms).filter(([, [a]]) => new RegExp(`aws_appautoscaling_policy\\.${policy}[.[]`).test(text(a.alarm_actions)));
    assert.ok(triggers.length > 0, `nothing triggers ${policy}`);
    for (const [name, [alarm]] of triggers) {
      assert.match(alarm.comparison_operator, /LessThanOrEqualToThreshold|LessThanThreshold/, `${name}: scale-in on a low value`);
      assert.equal(Number(alarm.threshold), 0, `${name}: scale in only at zero`);
      const dynamicQueries = ((alarm.dynamic || {}).metric_query || []);
      assert.equal(dynamicQueries.length, 1, `${name}: one metric per queue and kind`);
      const query = dynamicQueries[0];
      // Both kinds for every queue of the role: the list crossed with the metric names.
      assert.match(text(query.for_each), /setproduct\(each\.value,\s*local\.scale_in_metrics\)/, `${name}: every queue x every metric`);
      assert.deepEqual([...m.localValues.scale_in_metrics].sort(),
        ['ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesVisible']);
      const metric = query.content[0].metric[0];
      assert.match(text(metric.metric_name), /metric_query\.value\.metric/);
      assert.match(text(metric.dimensions), /metric_query\.value\.queue/);
      const sum = alarm.metric_query.find((q) => q.return_data === true);
      assert.equal(sum.expression, 'SUM(METRICS())', `${name}: sums every queue's visible and in-flight messages`);
    }
  }
});

test('a stopped task gets the app\'s whole shutdown grace before SIGKILL', () => {
  const shutdown = Number(applicationYaml().camel.main['shutdown-timeout']);
  const [task] = ecs().resource.aws_ecs_task_definition.role;
  const match = text(task.container_definitions).match(/stopTimeout\s*=\s*(\d+)/);
  assert.ok(match, 'container definition sets stopTimeout');
  assert.ok(Number(match[1]) >= Math.min(shutdown, 120), `stopTimeout ${match[1]} < camel.main.shutdown-timeout ${shutdown}`);
});
