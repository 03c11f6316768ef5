variable "queues" {
  description = "Queues by key (the keys the iam and ecs modules use); values are the names in the app's aegis.queues."
  type        = map(string)
  default = {
    jobs          = "aegis-jobs"
    jobs_priority = "aegis-jobs-priority"
    media         = "aegis-media"
    ai            = "aegis-ai"
    ingest        = "aegis-ingest"
    webhooks      = "aegis-webhooks"
  }
}

variable "dlq_suffix" {
  description = "Suffix of each queue's dead letter queue (aegis.queues.dlq-suffix)."
  type        = string
  default     = "-dlq"
}

variable "max_receive_count" {
  description = "Receives before SQS moves a message to the DLQ; keep equal to aegis.queues.max-receive-count."
  type        = number
  default     = 5
}

variable "visibility_timeout_seconds" {
  description = "Queue visibility timeout; the app sets the same per receive (aegis.queues.visibility-timeout-seconds) and extends it for long steps."
  type        = number
  default     = 120
}

variable "message_retention_seconds" {
  description = "How long an unconsumed message stays on a work queue."
  type        = number
  default     = 345600
}

variable "ingest_queue_key" {
  description = "Key in var.queues of the queue that receives the raw bucket's S3 events."
  type        = string
  default     = "ingest"
}

variable "raw_bucket_arn" {
  description = "ARN of the raw bucket allowed to send events to the ingest queue."
  type        = string
}

variable "alarm_topic_name" {
  description = "SNS topic for the DLQ alarms."
  type        = string
  default     = "aegis-alarms"
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic (each must confirm)."
  type        = list(string)
  default     = []
}

variable "max_message_age_seconds" {
  description = "Alarm when the oldest message of a work queue is older than this."
  type        = number
  default     = 900
}

variable "job_events_topic_name" {
  description = "SNS topic every process publishes job changes to; each api instance reads it through a queue of its own."
  type        = string
  default     = "aegis-job-events"
}
