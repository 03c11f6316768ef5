variable "region" {
  description = "AWS region."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Environment name; part of every resource name (aegis-<environment>-...)."
  type        = string
  default     = "example"
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}

variable "image" {
  description = "Container image built from the repository's Dockerfile and pushed to ECR."
  type        = string
}

variable "vpc_cidr_block" {
  description = "VPC CIDR (/16)."
  type        = string
  default     = "10.40.0.0/16"
}

variable "az_count" {
  description = "Availability zones used."
  type        = number
  default     = 2
}

variable "nat_gateway_count" {
  description = "NAT gateways (1 = cheap, az_count = zone-redundant)."
  type        = number
  default     = 1
}

variable "interface_endpoints" {
  description = "Interface VPC endpoints to add, e.g. [\"sqs\", \"logs\", \"ecr.api\", \"ecr.dkr\"]."
  type        = list(string)
  default     = []
}

variable "raw_bucket_name" {
  description = "Raw bucket name; null = aegis-raw-<environment>-<account id> (bucket names are global)."
  type        = string
  default     = null
}

variable "processed_bucket_name" {
  description = "Processed bucket name; null = aegis-processed-<environment>-<account id>."
  type        = string
  default     = null
}

variable "max_receive_count" {
  description = "Receives before a message goes to its DLQ; keep equal to aegis.queues.max-receive-count (5)."
  type        = number
  default     = 5
}

variable "alarm_emails" {
  description = "E-mail addresses for the DLQ alarms."
  type        = list(string)
  default     = []
}

variable "cognito_domain_prefix" {
  description = "Cognito hosted domain prefix (unique per region)."
  type        = string
}

variable "cognito_clients" {
  description = "Cognito app clients (client-credentials) and their scopes."
  type        = map(object({ scopes = list(string) }))
  default = {
    aegis-service = { scopes = ["media:read", "media:write"] }
    aegis-ops     = { scopes = ["media:read", "media:write", "admin"] }
  }
}

variable "jwt_audience" {
  description = "AEGIS_AUDIENCE. Cognito access tokens carry no aud claim, so leave empty unless a pre-token-generation trigger adds one."
  type        = string
  default     = ""
}

variable "tenant_claim" {
  description = "Token claim naming the tenant. client_id (default) makes each Cognito app client a tenant; use a custom claim when a pre-token-generation trigger adds one."
  type        = string
  default     = "client_id"
}

variable "services" {
  description = "Fargate size and task-count bounds per app role. ai stays at 1 while aegis.search.store=memory (one process owns the embeddings file)."
  type = map(object({
    cpu                   = number
    memory                = number
    min_count             = number
    max_count             = number
    ephemeral_storage_gib = optional(number, 21)
    environment           = optional(map(string), {})
  }))
  default = {
    api          = { cpu = 1024, memory = 2048, min_count = 2, max_count = 6 }
    orchestrator = { cpu = 1024, memory = 2048, min_count = 1, max_count = 4 }
    media        = { cpu = 2048, memory = 4096, min_count = 1, max_count = 10, ephemeral_storage_gib = 60 }
    ai           = { cpu = 1024, memory = 3072, min_count = 1, max_count = 1 }
  }
}

variable "extra_environment" {
  description = "More AEGIS_* variables for every role, e.g. { AEGIS_AI_PROVIDER = \"bedrock\" }."
  type        = map(string)
  default     = {}
}

variable "container_secrets" {
  description = "Secret environment variables: name => Secrets Manager/SSM ARN, e.g. { AEGIS_OPENAI_API_KEY = \"arn:...\" }."
  type        = map(string)
  default     = {}
}

variable "bedrock_model_arns" {
  description = "Bedrock models the ai role may invoke (with AEGIS_AI_PROVIDER=bedrock)."
  type        = list(string)
  default     = []
}

variable "certificate_arn" {
  description = "ACM certificate for HTTPS on the ALB (required: HTTP only redirects to HTTPS)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+", var.certificate_arn))
    error_message = "certificate_arn must be the ARN of an ACM certificate: the ALB serves the API over HTTPS only."
  }
}

variable "allowed_cidrs" {
  description = "CIDRs allowed to reach the ALB."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "cpu_architecture" {
  description = "X86_64 or ARM64."
  type        = string
  default     = "X86_64"
}

variable "deletion_protection" {
  description = "Protect tables and the user pool from deletion."
  type        = bool
  default     = true
}

variable "force_destroy" {
  description = "Allow destroying non-empty buckets (test environments only)."
  type        = bool
  default     = false
}

variable "tenant_retention_days" {
  description = "Per-tenant retention in days (tenant => days): the app's sweep (AEGIS_RETENTION_DAYS) and the S3 lifecycle backstop."
  type        = map(number)
  default     = {}
}
