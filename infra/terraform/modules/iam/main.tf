# One task role per app role, each allowed only what that role's code calls (see README "IAM"):
#   api          uploads originals (single PUT or multipart), enqueues jobs, reads jobs/assets, idempotency;
#                deletes (on request and by retention) and reprocesses assets; webhook endpoints; admin DLQ peek +
#                redrive, bulk reprocessing
#   orchestrator consumes jobs, jobs-priority, ingest; moves inbox drops; dispatches steps to media/ai; the recovery
#                pass reads every DLQ and the unfinished-jobs index, and announces stranded jobs again; delivers
#                webhooks (consumes aegis-webhooks); discards the parts of expired multipart uploads
#   media        consumes aegis-media; reads originals, writes renditions; hands the next step on; wakes the
#                tenant's oldest waiting job when it ends a job (every role that ends jobs does)
#   ai           consumes aegis-ai; reads originals and extracted text; hands the next step on
# Queue actions name queues by key (var.queue_arns["media"]), so infra/test can check who touches what.
data "aws_caller_identity" "current" {}

locals {
  roles     = toset(["api", "orchestrator", "media", "ai"])
  consume   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
  send      = ["sqs:SendMessage", "sqs:GetQueueUrl"]
  originals = "${var.raw_bucket_arn}/*/original/*"
  # DELETE /v1/assets/{id} and the retention sweep (api): every version under {tenant}/{assetId}/ of both buckets.
  asset_objects  = ["${var.raw_bucket_arn}/*", "${var.processed_bucket_arn}/*"]
  asset_buckets  = [var.raw_bucket_arn, var.processed_bucket_arn]
  all_queue_arns = concat(values(var.queue_arns), values(var.dlq_arns))
  # The per-instance job event queues (aegis.job-events.queue-prefix), by name prefix: they do not exist before.
  job_event_queues = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:${var.job_event_queue_prefix}*"
  policies = {
    api          = data.aws_iam_policy_document.api.json
    orchestrator = data.aws_iam_policy_document.orchestrator.json
    media        = data.aws_iam_policy_document.media.json
    ai           = data.aws_iam_policy_document.ai.json
  }
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

data "aws_region" "current" {}

# What every role calls: the readiness probes (HeadBucket on raw, GetQueueUrl on aegis-jobs, DescribeTable
# on aegis-jobs), the queue depth gauges (attributes only, never messages), and what every process that writes a
# job does: publish the change for the live event stream, and free the tenant's running-job slot when it ends.
data "aws_iam_policy_document" "shared" {
  statement {
    sid       = "ReadinessBucket"
    actions   = ["s3:ListBucket"]
    resources = [var.raw_bucket_arn]
  }

  statement {
    sid       = "QueueDepthOnly"
    actions   = ["sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
    resources = local.all_queue_arns
  }

  statement {
    sid       = "ReadinessTable"
    actions   = ["dynamodb:DescribeTable"]
    resources = [var.table_arns["jobs"]]
  }

  statement {
    sid       = "PublishJobEvents"
    actions   = ["sns:Publish"]
    resources = [var.job_events_topic_arn]
  }

  # Whichever role ends a job (or deletes an asset) puts the webhook event on aegis-webhooks (WebhookEvents).
  statement {
    sid       = "WebhookEvents"
    actions   = local.send
    resources = [var.queue_arns["webhooks"]]
  }

  # Whichever role ends a job gives its tenant's running slot back and wakes the oldest job waiting for one: a fresh
  # JOB_CREATED on aegis-jobs (or aegis-jobs-priority for a priority job) (TenantJobLimit, WaitingJobWaker).
  statement {
    sid       = "WakeWaitingJobs"
    actions   = local.send
    resources = [var.queue_arns["jobs"], var.queue_arns["jobs_priority"]]
  }

  # Acquired by the orchestrator's claim (which also lists a job that must wait), released by whichever process ends
  # the job (which also takes the woken job off the waiting list).
  statement {
    sid       = "TenantRunningSlots"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [var.table_arns["limits"]]
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [1]
    content {
      sid       = "TableKey"
      actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
      resources = [var.kms_key_arn]
    }
  }
}

data "aws_iam_policy_document" "api" {
  source_policy_documents = [data.aws_iam_policy_document.shared.json]

  statement {
    sid       = "UploadOriginals"
    actions   = ["s3:PutObject"]
    resources = [local.originals]
  }

  # Presigned GETs are authorised as the api role: renditions, and the original itself (originalUrl).
  statement {
    sid       = "PresignDownloads"
    actions   = ["s3:GetObject"]
    resources = ["${var.processed_bucket_arn}/*", local.originals]
  }

  statement {
    sid       = "EnqueueJobs"
    actions   = local.send
    resources = [var.queue_arns["jobs"], var.queue_arns["jobs_priority"]]
  }

  # /v1/admin/dlq (admin scope): peek every DLQ, redrive its messages back to their source queue.
  statement {
    sid       = "AdminDeadLetters"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
    resources = values(var.dlq_arns)
  }

  statement {
    sid       = "AdminRedrive"
    actions   = local.send
    resources = values(var.queue_arns)
  }

  # DELETE /v1/assets/{id} and the retention sweep (a tenant's old jobs by index) remove an asset's jobs.
  statement {
    sid     = "Jobs"
    actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:DeleteItem"]
    # The queued-jobs index: an upload is refused while the tenant's backlog is full.
    resources = [
      var.table_arns["jobs"],
      "${var.table_arns["jobs"]}/index/${var.jobs_by_tenant_index}",
      "${var.table_arns["jobs"]}/index/${var.jobs_queued_index}",
    ]
  }

  # An upload creates its asset with its job; reprocessing marks it, a job's end records its version, deletion
  # removes it, and the admin bulk form scans for a filter (tenant, media kind, dates); BatchGetItem: the job list
  # reads its assets' preview pictures in one call.
  statement {
    sid       = "Assets"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:BatchGetItem"]
    resources = [var.table_arns["assets"]]
  }

  # Resumable uploads: CreateMultipartUpload, UploadPart (presigned) and CompleteMultipartUpload are s3:PutObject.
  statement {
    sid       = "MultipartUploads"
    actions   = ["s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"]
    resources = [local.originals]
  }

  statement {
    sid       = "DeleteAssets"
    actions   = ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:AbortMultipartUpload"]
    resources = local.asset_objects
  }

  statement {
    sid       = "ListAssetObjects"
    actions   = ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"]
    resources = local.asset_buckets
  }

  statement {
    sid       = "Webhooks"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"]
    resources = [var.table_arns["webhooks"], "${var.table_arns["webhooks"]}/index/${var.webhooks_by_tenant_index}"]
  }

  statement {
    sid       = "WebhookDeliveries"
    actions   = ["dynamodb:Query"]
    resources = [var.table_arns["webhook_deliveries"]]
  }

  # The API's rate limits, one bucket per caller that every api task draws from (AEGIS_RATE_LIMIT_SHARED); the read
  # is the shared TenantRunningSlots statement's GetItem.
  statement {
    sid       = "SharedRateLimits"
    actions   = ["dynamodb:PutItem"]
    resources = [var.table_arns["limits"]]
  }

  # POST /v1/uploads records the awaited upload (after counting the tenant's); a multipart one is read back (status,
  # complete), landed by its complete call, forgotten when aborted, when its asset is deleted or its job cancelled.
  statement {
    sid       = "PendingUploads"
    actions   = ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:Query"]
    resources = [var.table_arns["uploads"], "${var.table_arns["uploads"]}/index/${var.uploads_indexes.by_tenant}"]
  }

  # Live job events: a queue of its own per api instance (created at start, deleted at stop), subscribed to the topic.
  statement {
    sid = "OwnJobEventQueue"
    actions = ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:SetQueueAttributes", "sqs:GetQueueAttributes", "sqs:GetQueueUrl",
    "sqs:ReceiveMessage", "sqs:DeleteMessage"]
    resources = [local.job_event_queues]
  }

  statement {
    sid       = "SubscribeJobEvents"
    actions   = ["sns:Subscribe", "sns:Unsubscribe"]
    resources = [var.job_events_topic_arn]
  }

  statement {
    sid       = "Idempotency"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
    resources = [var.table_arns["idempotency"]]
  }
}

data "aws_iam_policy_document" "orchestrator" {
  source_policy_documents = [data.aws_iam_policy_document.shared.json]

  statement {
    sid       = "ConsumeJobsAndEvents"
    actions   = local.consume
    resources = [var.queue_arns["jobs"], var.queue_arns["jobs_priority"], var.queue_arns["ingest"], var.queue_arns["webhooks"]]
  }

  # Inbox drops become JOB_CREATED on aegis-jobs; validated jobs go on to their first media/ai step.
  statement {
    sid       = "Dispatch"
    actions   = local.send
    resources = [var.queue_arns["jobs"], var.queue_arns["jobs_priority"], var.queue_arns["media"], var.queue_arns["ai"]]
  }

  statement {
    sid       = "OwnDeadLetters"
    actions   = local.send
    resources = [var.dlq_arns["jobs"], var.dlq_arns["jobs_priority"], var.dlq_arns["ingest"], var.dlq_arns["webhooks"]]
  }

  # Webhook deliveries: the tenant's endpoints, and each try recorded on its delivery.
  statement {
    sid       = "WebhookEndpoints"
    actions   = ["dynamodb:GetItem", "dynamodb:Query"]
    resources = [var.table_arns["webhooks"], "${var.table_arns["webhooks"]}/index/${var.webhooks_by_tenant_index}"]
  }

  statement {
    sid       = "WebhookDeliveries"
    actions   = ["dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [var.table_arns["webhook_deliveries"]]
  }

  # A multipart upload never completed: its parts are discarded when it expires (AwaitedUploads.expire).
  statement {
    sid       = "AbortExpiredUploads"
    actions   = ["s3:AbortMultipartUpload"]
    resources = [local.originals]
  }

  # The inbox poll lists inbox/ (the bucket-level ListBucket is in the shared statements).
  statement {
    sid       = "ReadInboxAndOriginals"
    actions   = ["s3:GetObject"]
    resources = ["${var.raw_bucket_arn}/${var.inbox_prefix}*", local.originals]
  }

  statement {
    sid       = "MoveInboxDrops"
    actions   = ["s3:PutObject"]
    resources = [local.originals, "${var.raw_bucket_arn}/${var.rejected_prefix}*"]
  }

  statement {
    sid       = "RemoveInboxDrops"
    actions   = ["s3:DeleteObject"]
    resources = ["${var.raw_bucket_arn}/${var.inbox_prefix}*"]
  }

  statement {
    sid       = "JobsAndAssets"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
    resources = [var.table_arns["jobs"], var.table_arns["assets"]]
  }

  # The pending-upload check: walks them by expiry, starts those whose file landed, expires the rest. (The tenant
  # running-job limit is the shared TenantRunningSlots statement: no query of the jobs table.)
  statement {
    sid       = "PendingUploads"
    actions   = ["dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:Query"]
    resources = [var.table_arns["uploads"], "${var.table_arns["uploads"]}/index/${var.uploads_indexes.by_expiry}"]
  }

  # The recovery pass finds jobs that stopped moving on the sparse unfinished-jobs index.
  statement {
    sid       = "StrandedJobs"
    actions   = ["dynamodb:Query"]
    resources = ["${var.table_arns["jobs"]}/index/${var.jobs_unfinished_index}"]
  }

  # The recovery pass peeks into every DLQ (a message SQS moved there fails its job, naming it); it leaves them there.
  statement {
    sid       = "ReadDeadLetters"
    actions   = ["sqs:ReceiveMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
    resources = values(var.dlq_arns)
  }
}

data "aws_iam_policy_document" "media" {
  source_policy_documents = [data.aws_iam_policy_document.shared.json]

  statement {
    sid       = "ConsumeMedia"
    actions   = local.consume
    resources = [var.queue_arns["media"]]
  }

  # After a step the plan's next step goes to its worker queue (media or ai, per aegis.steps.queue).
  statement {
    sid       = "NextStep"
    actions   = local.send
    resources = [var.queue_arns["media"], var.queue_arns["ai"]]
  }

  statement {
    sid       = "OwnDeadLetters"
    actions   = local.send
    resources = [var.dlq_arns["media"]]
  }

  statement {
    sid       = "ReadOriginals"
    actions   = ["s3:GetObject"]
    resources = [local.originals]
  }

  statement {
    sid       = "WriteRenditions"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${var.processed_bucket_arn}/*"]
  }

  # Without ListBucket a missing key answers 403, not 404: ProcessedObjects.headText expects NoSuchKey.
  statement {
    sid       = "ProcessedMissingIs404"
    actions   = ["s3:ListBucket"]
    resources = [var.processed_bucket_arn]
  }

  statement {
    sid       = "JobsAndAssets"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
    resources = [var.table_arns["jobs"], var.table_arns["assets"]]
  }
}

data "aws_iam_policy_document" "ai" {
  source_policy_documents = [data.aws_iam_policy_document.shared.json]

  statement {
    sid       = "ConsumeAi"
    actions   = local.consume
    resources = [var.queue_arns["ai"]]
  }

  statement {
    sid       = "NextStep"
    actions   = local.send
    resources = [var.queue_arns["ai"], var.queue_arns["media"]]
  }

  statement {
    sid       = "OwnDeadLetters"
    actions   = local.send
    resources = [var.dlq_arns["ai"]]
  }

  # analyze-image reads the original; summarize and embed read extracted text and transcripts.
  statement {
    sid       = "ReadOriginalsAndText"
    actions   = ["s3:GetObject"]
    resources = [local.originals, "${var.processed_bucket_arn}/*"]
  }

  statement {
    sid       = "ProcessedMissingIs404"
    actions   = ["s3:ListBucket"]
    resources = [var.processed_bucket_arn]
  }

  statement {
    sid       = "JobsAndAssets"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
    resources = [var.table_arns["jobs"], var.table_arns["assets"]]
  }

  dynamic "statement" {
    for_each = length(var.bedrock_model_arns) > 0 ? [1] : []
    content {
      sid       = "BedrockModels"
      actions   = ["bedrock:InvokeModel"]
      resources = var.bedrock_model_arns
    }
  }
}

resource "aws_iam_role" "task" {
  for_each           = local.roles
  name               = "${var.name}-${each.key}-task"
  description        = "Aegis ${each.key} role: only the queues, buckets and tables it uses"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy" "task" {
  for_each = local.roles
  name     = "${var.name}-${each.key}"
  role     = aws_iam_role.task[each.key].id
  policy   = local.policies[each.key]
}

# Execution role: pulls the image, writes the log stream, reads the container secrets.
resource "aws_iam_role" "execution" {
  name               = "${var.name}-task-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_partition" "current" {}

data "aws_iam_policy_document" "execution_secrets" {
  count = length(var.secret_arns) > 0 ? 1 : 0

  statement {
    sid       = "ContainerSecrets"
    actions   = ["secretsmanager:GetSecretValue", "ssm:GetParameters"]
    resources = var.secret_arns
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  count  = length(var.secret_arns) > 0 ? 1 : 0
  name   = "${var.name}-container-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution_secrets[0].json
}
