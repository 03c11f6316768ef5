variable "name" {
  description = "Name prefix of the roles."
  type        = string
}

variable "queue_arns" {
  description = "Work queue ARNs by key: jobs, jobs_priority, media, ai, ingest (queues module output)."
  type        = map(string)
}

variable "dlq_arns" {
  description = "DLQ ARNs by key of their source queue (queues module output)."
  type        = map(string)
}

variable "raw_bucket_arn" {
  description = "Raw bucket ARN."
  type        = string
}

variable "processed_bucket_arn" {
  description = "Processed bucket ARN."
  type        = string
}

variable "inbox_prefix" {
  description = "Drop-in prefix of the raw bucket."
  type        = string
  default     = "inbox/"
}

variable "rejected_prefix" {
  description = "Prefix for rejected drops."
  type        = string
  default     = "rejected/"
}

variable "table_arns" {
  description = "Table ARNs by key: jobs, assets, idempotency, uploads, limits (tables module output)."
  type        = map(string)
}

variable "jobs_by_tenant_index" {
  description = "Name of the jobs table's byTenant index (the api queries it)."
  type        = string
  default     = "byTenant"
}

variable "jobs_unfinished_index" {
  description = "Name of the jobs table's sparse unfinished-jobs index (the orchestrator's recovery pass queries it)."
  type        = string
  default     = "unfinishedByUpdate"
}

variable "jobs_queued_index" {
  description = "Name of the sparse queued-jobs index (the per-tenant cap of waiting jobs)."
  type        = string
}

variable "uploads_indexes" {
  description = "Index names of the pending-uploads table: by_expiry (the check's walk), by_tenant (the cap)."
  type        = object({ by_expiry = string, by_tenant = string })
}

variable "webhooks_by_tenant_index" {
  description = "The webhooks table's index by tenant."
  type        = string
  default     = "byTenant"
}

variable "kms_key_arn" {
  description = "Customer-managed key of the tables, if any (then every role may use it)."
  type        = string
  default     = null
}

variable "bedrock_model_arns" {
  description = "Bedrock model ARNs the ai role may invoke (aegis.ai.provider=bedrock); empty = none."
  type        = list(string)
  default     = []
}

variable "secret_arns" {
  description = "Secrets Manager / SSM parameter ARNs the execution role may read for container secrets (e.g. AI provider keys)."
  type        = list(string)
  default     = []
}

variable "job_events_topic_arn" {
  description = "SNS topic of the live job events (queues module output)."
  type        = string
}

variable "job_event_queue_prefix" {
  description = "Name prefix of the queue each api instance creates for the job events (aegis.job-events.queue-prefix)."
  type        = string
  default     = "aegis-job-events-"
}
