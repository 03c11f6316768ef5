variable "raw_bucket_name" {
  description = "Bucket for uploads and the inbox/ drop-in (the app's aegis.buckets.raw)."
  type        = string
}

variable "processed_bucket_name" {
  description = "Bucket for renditions and transcripts (the app's aegis.buckets.processed)."
  type        = string
}

variable "ingest_queue_arn" {
  description = "Queue that receives the raw bucket's ObjectCreated events (aegis-ingest); its policy must already allow S3."
  type        = string
}

variable "rejected_prefix" {
  description = "Where drops without a tenant are moved (aegis.inbox.rejected-prefix)."
  type        = string
  default     = "rejected/"
}

variable "rejected_retention_days" {
  description = "Days a rejected drop is kept."
  type        = number
  default     = 30
}

variable "noncurrent_version_days" {
  description = "Days an overwritten or deleted object version is kept (undo window)."
  type        = number
  default     = 30
}

variable "raw_infrequent_access_after_days" {
  description = "Originals move to STANDARD_IA after this many days (at least 30)."
  type        = number
  default     = 30
}

variable "processed_intelligent_tiering_after_days" {
  description = "Renditions move to INTELLIGENT_TIERING after this many days."
  type        = number
  default     = 30
}



variable "force_destroy" {
  description = "Let terraform destroy non-empty buckets (test environments only)."
  type        = bool
  default     = false
}

variable "tenant_retention_days" {
  description = "Per-tenant retention (the app's aegis.retention.tenant-days, AEGIS_RETENTION_DAYS): tenant => days. The app deletes such assets itself; S3 expires what is left under {tenant}/ retention_grace_days later, as a backstop."
  type        = map(number)
  default     = {}
}

variable "retention_grace_days" {
  description = "Days after the app's retention at which S3 expires a retained tenant's objects (never before the app would delete them)."
  type        = number
  default     = 1
}
