output "api_url" {
  description = "Base URL of the API (ALB)."
  value       = module.ecs.api_url
}

output "token_endpoint" {
  description = "Cognito token endpoint (client-credentials)."
  value       = module.auth.token_endpoint
}

output "issuer_uri" {
  description = "JWT issuer the app validates (AEGIS_ISSUER_URI)."
  value       = module.auth.issuer_uri
}

output "cognito_client_ids" {
  description = "App client ids by name (with tenant_claim = client_id, each is a tenant)."
  value       = module.auth.client_ids
}

output "cognito_client_secrets" {
  description = "App client secrets by name."
  value       = module.auth.client_secrets
  sensitive   = true
}

output "raw_bucket" {
  description = "Raw bucket; drop files under inbox/<tenant>/ to start jobs."
  value       = module.storage.raw_bucket_name
}

output "processed_bucket" {
  description = "Processed bucket."
  value       = module.storage.processed_bucket_name
}

output "cloudfront_domain_name" {
  description = "CloudFront domain of the processed assets."
  value       = module.storage.cloudfront_domain_name
}

output "queue_urls" {
  description = "Work queue URLs by key."
  value       = module.queues.queue_urls
}

output "dlq_names" {
  description = "DLQ names by key of their source queue."
  value       = module.queues.dlq_names
}

output "table_names" {
  description = "DynamoDB tables by key."
  value       = module.tables.table_names
}

output "alarm_topic_arn" {
  description = "SNS topic of the DLQ and queue-age alarms."
  value       = module.queues.alarm_topic_arn
}

output "ecs_cluster" {
  description = "ECS cluster name."
  value       = module.ecs.cluster_name
}

output "log_groups" {
  description = "Log group per app role."
  value       = module.ecs.log_groups
}

output "app_environment" {
  description = "The environment every app role runs with (ECS adds AEGIS_ROLES and the database password secret)."
  value       = local.app_environment
}

output "job_events_topic_arn" {
  description = "SNS topic of the live job events."
  value       = module.queues.job_events_topic_arn
}
