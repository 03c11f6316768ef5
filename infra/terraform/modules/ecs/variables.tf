variable "name" {
  description = "Name of the cluster and prefix of its services."
  type        = string
}

variable "image" {
  description = "Container image (the repository's Dockerfile), e.g. <account>.dkr.ecr.<region>.amazonaws.com/aegis:<tag>."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the services."
  type        = string
}

variable "vpc_cidr_block" {
  description = "VPC CIDR (the ALB may only talk to targets inside it)."
  type        = string
}

variable "public_subnet_ids" {
  description = "Subnets of the ALB."
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Subnets of the tasks."
  type        = list(string)
}

variable "services" {
  description = "One Fargate service per app role (keys: api, orchestrator, media, ai); environment adds role-specific variables."
  type = map(object({
    cpu                   = number
    memory                = number
    min_count             = number
    max_count             = number
    ephemeral_storage_gib = optional(number, 21)
    environment           = optional(map(string), {})
  }))

  validation {
    condition     = alltrue([for role in keys(var.services) : contains(["api", "orchestrator", "media", "ai"], role)])
    error_message = "Service keys are app roles: api, orchestrator, media, ai."
  }
}

variable "scaling_queues" {
  description = "Queue names whose visible messages drive each role's task count, e.g. { media = [\"aegis-media\"] }."
  type        = map(list(string))
  default     = {}
}

variable "environment" {
  description = "Environment variables of every role (AEGIS_* placeholders of application.yaml); AEGIS_ROLES is set per service, AEGIS_ISSUER_URI from issuer_uri."
  type        = map(string)
  default     = {}

  validation {
    condition     = !contains(keys(var.environment), "AEGIS_DEV_MODE") && !contains(keys(var.environment), "AEGIS_DEV_BIND_ADDRESS")
    error_message = "Dev mode (AEGIS_DEV_MODE: well-known dev accounts) is for a developer's machine only, never a deployment."
  }
}

variable "issuer_uri" {
  description = "The OAuth2 issuer whose tokens the API accepts (AEGIS_ISSUER_URI), e.g. the Cognito user pool's. Required: without it the app refuses to start."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+", var.issuer_uri))
    error_message = "issuer_uri must be the https URL of the token issuer (Cognito, Auth0, Keycloak)."
  }
}

variable "secrets" {
  description = "Container secrets: variable name => Secrets Manager or SSM parameter ARN (e.g. AEGIS_OPENAI_API_KEY)."
  type        = map(string)
  default     = {}
}

variable "task_role_arns" {
  description = "Task role per app role (iam module output)."
  type        = map(string)
}

variable "execution_role_arn" {
  description = "Task execution role (iam module output)."
  type        = string
}

variable "cpu_architecture" {
  description = "X86_64 or ARM64 (the image must be built for it)."
  type        = string
  default     = "X86_64"
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
  description = "Who may reach the ALB."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "egress_ports" {
  description = "TCP ports the tasks may open outbound (443: AWS APIs and AI providers; add 4318 for an OTLP collector)."
  type        = list(number)
  default     = [443]
}

variable "alb_idle_timeout_seconds" {
  description = "ALB idle timeout; large uploads stream through the API."
  type        = number
  default     = 300
}

variable "api_cpu_target_percent" {
  description = "api service: average CPU to keep."
  type        = number
  default     = 60
}

variable "api_requests_per_target" {
  description = "api service: requests per task per minute to keep."
  type        = number
  default     = 600
}

variable "backlog_per_step" {
  description = "Workers: visible messages at which one task is added (four times this adds three)."
  type        = number
  default     = 20
}

variable "scale_in_minutes" {
  description = "Workers: minutes a role's queues must stay empty before one task is removed."
  type        = number
  default     = 10
}

variable "log_retention_days" {
  description = "CloudWatch Logs retention of the task logs."
  type        = number
  default     = 30
}
