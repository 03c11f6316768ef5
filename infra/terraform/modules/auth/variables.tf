variable "name" {
  description = "User pool name."
  type        = string
}

variable "domain_prefix" {
  description = "Cognito hosted domain prefix (unique in the region); the token endpoint lives there."
  type        = string
}

variable "resource_server_identifier" {
  description = "Resource server identifier; Cognito scopes read \"<identifier>/media:read\"."
  type        = string
  default     = "aegis"
}

variable "clients" {
  description = "App clients (client-credentials) by name, with their scopes out of media:read, media:write, admin."
  type        = map(object({ scopes = list(string) }))
  default = {
    aegis-service = { scopes = ["media:read", "media:write"] }
  }

  validation {
    condition     = alltrue(flatten([for c in values(var.clients) : [for s in c.scopes : contains(["media:read", "media:write", "admin"], s)]]))
    error_message = "Scopes are media:read, media:write and admin."
  }
}

variable "access_token_minutes" {
  description = "Access token lifetime."
  type        = number
  default     = 60
}

variable "deletion_protection" {
  description = "Refuse to delete the user pool."
  type        = bool
  default     = true
}
