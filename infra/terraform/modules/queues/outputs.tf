output "queue_names" {
  description = "Work queue names by key."
  value       = { for k, q in aws_sqs_queue.main : k => q.name }
}

output "queue_arns" {
  description = "Work queue ARNs by key."
  value       = { for k, q in aws_sqs_queue.main : k => q.arn }
}

output "queue_urls" {
  description = "Work queue URLs by key."
  value       = { for k, q in aws_sqs_queue.main : k => q.id }
}

output "dlq_names" {
  description = "Dead letter queue names by key of their source queue."
  value       = { for k, q in aws_sqs_queue.dlq : k => q.name }
}

output "dlq_arns" {
  description = "Dead letter queue ARNs by key of their source queue."
  value       = { for k, q in aws_sqs_queue.dlq : k => q.arn }
}

output "ingest_queue_arn" {
  description = "ARN of the ingest queue, available once its policy lets S3 send (so the bucket notification validates)."
  value       = aws_sqs_queue.main[var.ingest_queue_key].arn
  depends_on  = [aws_sqs_queue_policy.ingest_from_s3]
}

output "alarm_topic_arn" {
  description = "SNS topic of the DLQ and queue-age alarms."
  value       = aws_sns_topic.alarms.arn
}

output "job_events_topic_arn" {
  description = "SNS topic of the live job events (aegis.job-events.topic-arn)."
  value       = aws_sns_topic.job_events.arn
}
