output "table_names" {
  description = "Table names by key (jobs, assets, idempotency, uploads, limits, webhooks, webhook_deliveries)."
  value = {
    jobs               = aws_dynamodb_table.jobs.name
    assets             = aws_dynamodb_table.assets.name
    idempotency        = aws_dynamodb_table.idempotency.name
    uploads            = aws_dynamodb_table.uploads.name
    limits             = aws_dynamodb_table.limits.name
    webhooks           = aws_dynamodb_table.webhooks.name
    webhook_deliveries = aws_dynamodb_table.webhook_deliveries.name
  }
}

output "table_arns" {
  description = "Table ARNs by key (jobs, assets, idempotency, uploads, limits, webhooks, webhook_deliveries)."
  value = {
    jobs               = aws_dynamodb_table.jobs.arn
    assets             = aws_dynamodb_table.assets.arn
    idempotency        = aws_dynamodb_table.idempotency.arn
    uploads            = aws_dynamodb_table.uploads.arn
    limits             = aws_dynamodb_table.limits.arn
    webhooks           = aws_dynamodb_table.webhooks.arn
    webhook_deliveries = aws_dynamodb_table.webhook_deliveries.arn
  }
}

output "jobs_unfinished_index" {
  description = "Name of the sparse unfinished-jobs index (the recovery pass)."
  value       = var.jobs_unfinished_index
}

output "jobs_queued_index" {
  description = "Name of the sparse queued-jobs index."
  value       = var.jobs_queued_index
}

output "uploads_indexes" {
  description = "Index names of the uploads table by key (by_expiry, by_tenant)."
  value = {
    by_expiry = var.uploads_by_expiry_index
    by_tenant = var.uploads_by_tenant_index
  }
}

output "jobs_by_tenant_index" {
  description = "Name of the byTenant index."
  value       = var.jobs_by_tenant_index
}

output "webhooks_by_tenant_index" {
  description = "Name of the webhooks table's byTenant index."
  value       = var.webhooks_by_tenant_index
}
