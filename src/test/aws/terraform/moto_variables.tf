# Test-only (make aws-e2e), beside moto_override.tf: an override file may not declare variables.
variable "moto_endpoint" {
  description = "moto_server URL (the e2e test passes it)."
  type        = string
}
