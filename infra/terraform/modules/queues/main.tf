# One queue per entry of var.queues, each with "<name><dlq_suffix>" as its dead letter queue, the same shape
# AwsResourceBootstrap creates locally. CloudWatch alarms on every DLQ publish to one SNS topic.
data "aws_caller_identity" "current" {}

resource "aws_sqs_queue" "dlq" {
  for_each                  = var.queues
  name                      = "${each.value}${var.dlq_suffix}"
  message_retention_seconds = 1209600 # 14 days, the SQS maximum: time for ops to redrive
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "main" {
  for_each                   = var.queues
  name                       = each.value
  visibility_timeout_seconds = var.visibility_timeout_seconds
  message_retention_seconds  = var.message_retention_seconds
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq[each.key].arn
    maxReceiveCount     = var.max_receive_count
  })
}

# A DLQ takes dead letters from its own queue only.
resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  for_each  = var.queues
  queue_url = aws_sqs_queue.dlq[each.key].id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.main[each.key].arn]
  })
}

# S3 may send the raw bucket's events to the ingest queue, and nothing else may use this grant.
data "aws_iam_policy_document" "ingest_from_s3" {
  statement {
    sid       = "RawBucketEvents"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.main[var.ingest_queue_key].arn]
    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [var.raw_bucket_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sqs_queue_policy" "ingest_from_s3" {
  queue_url = aws_sqs_queue.main[var.ingest_queue_key].id
  policy    = data.aws_iam_policy_document.ingest_from_s3.json
}

# Live job events: every process publishes each job change here; each api instance subscribes a queue of its own,
# created at its start and deleted at its stop (JobEventFanOut), and streams the changes to the console.
resource "aws_sns_topic" "job_events" {
  name = var.job_events_topic_name
}

# Not KMS-encrypted on purpose: CloudWatch cannot publish to a topic under the AWS-managed SNS key, and the
# notifications carry alarm names only.
resource "aws_sns_topic" "alarms" {
  name = var.alarm_topic_name
}

resource "aws_sns_topic_subscription" "email" {
  for_each  = toset(var.alarm_emails)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_metric_alarm" "dlq_not_empty" {
  for_each            = var.queues
  alarm_name          = "${aws_sqs_queue.dlq[each.key].name}-not-empty"
  alarm_description   = "Messages in ${aws_sqs_queue.dlq[each.key].name}: jobs or webhook deliveries failed after retries. See GET /v1/admin/dlq, then redrive."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.dlq[each.key].name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# Job age on AWS: the oldest message waiting on a work queue. Old means workers are missing, stuck or too few.
resource "aws_cloudwatch_metric_alarm" "oldest_message" {
  for_each            = var.queues
  alarm_name          = "${aws_sqs_queue.main[each.key].name}-oldest-message"
  alarm_description   = "A message has waited over ${var.max_message_age_seconds} s on ${aws_sqs_queue.main[each.key].name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = aws_sqs_queue.main[each.key].name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.max_message_age_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}
