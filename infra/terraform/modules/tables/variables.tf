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

variable "jobs_unfinished_index" {
  description = "Sparse GSI of the jobs table over QUEUED and RUNNING jobs by shard and updatedAt (aegis.tables.jobs-unfinished-index)."
  type        = string
  default     = "unfinishedByUpdate"
}

variable "jobs_queued_index" {
  description = "Sparse index of QUEUED jobs by tenant (aegis.tables.jobs-queued-index)."
  type        = string
  default     = "queuedByTenant"
}

variable "uploads_table_name" {
  description = "Pending presigned uploads (aegis.tables.uploads)."
  type        = string
  default     = "aegis-uploads"
}

variable "uploads_by_expiry_index" {
  description = "Every pending upload by URL expiry (aegis.tables.uploads-by-expiry-index)."
  type        = string
  default     = "byExpiry"
}

variable "uploads_by_tenant_index" {
  description = "Pending uploads by tenant, keys only (aegis.tables.uploads-by-tenant-index)."
  type        = string
  default     = "byTenant"
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

variable "limits_table_name" {
  description = "Counts every process shares: tenant running-job slots, shared API rate buckets (aegis.tables.limits)."
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
