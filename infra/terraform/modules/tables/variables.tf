variable "jobs_table_name" {
  description = "Jobs table (aegis.tables.jobs)."
  type        = string
  default     = "aegis-jobs"
}

variable "jobs_by_tenant_index" {
  description = "GSI of the jobs table by tenant + createdAt (aegis.tables.jobs-by-tenant-index)."
  type        = string
  default     = "byTenant"
}

variable "jobs_running_index" {
  description = "Sparse GSI of the jobs table over RUNNING jobs by tenant (aegis.tables.jobs-running-index)."
  type        = string
  default     = "runningByTenant"
}

variable "assets_table_name" {
  description = "Assets table (aegis.tables.assets)."
  type        = string
  default     = "aegis-assets"
}

variable "idempotency_table_name" {
  description = "Upload idempotency reservations (aegis.tables.idempotency)."
  type        = string
  default     = "aegis-idempotency"
}

variable "uploads_table_name" {
  description = "Presigned uploads not landed yet (aegis.tables.uploads)."
  type        = string
  default     = "aegis-uploads"
}

variable "limits_table_name" {
  description = "Shared counts of the tenant job limit (aegis.tables.limits)."
  type        = string
  default     = "aegis-limits"
}

variable "webhooks_table_name" {
  description = "Webhook endpoints (aegis.tables.webhooks)."
  type        = string
  default     = "aegis-webhooks"
}

variable "webhooks_by_tenant_index" {
  description = "GSI of the webhooks table by tenant (aegis.tables.webhooks-by-tenant-index)."
  type        = string
  default     = "byTenant"
}

variable "webhook_deliveries_table_name" {
  description = "Webhook deliveries and their tries (aegis.tables.webhook-deliveries)."
  type        = string
  default     = "aegis-webhook-deliveries"
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the tables; null = the AWS-managed aws/dynamodb key (then the task roles need no kms: actions)."
  type        = string
  default     = null
}

variable "deletion_protection" {
  description = "Refuse DeleteTable (turn off only to tear down a test environment)."
  type        = bool
  default     = true
}
