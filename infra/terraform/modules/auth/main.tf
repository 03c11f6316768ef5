# Cognito as the JWT issuer: a user pool, a resource server with the API's scopes and one app client per
# calling system (client-credentials grant). Cognito writes scopes as "<identifier>/<scope>" and access
# tokens carry client_id, not aud: see the README for how the app is configured for that.
data "aws_region" "current" {}

resource "aws_cognito_user_pool" "this" {
  name                     = var.name
  deletion_protection      = var.deletion_protection ? "ACTIVE" : "INACTIVE"
  mfa_configuration        = "OPTIONAL"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]

  software_token_mfa_configuration {
    enabled = true
  }

  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  password_policy {
    minimum_length                   = 14
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    temporary_password_validity_days = 3
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }
}

# Hosts the token endpoint: https://<domain>.auth.<region>.amazoncognito.com/oauth2/token
resource "aws_cognito_user_pool_domain" "this" {
  domain       = var.domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
}

resource "aws_cognito_resource_server" "api" {
  identifier   = var.resource_server_identifier
  name         = "Aegis API"
  user_pool_id = aws_cognito_user_pool.this.id

  scope {
    scope_name        = "media:read"
    scope_description = "Read jobs and assets"
  }

  scope {
    scope_name        = "media:write"
    scope_description = "Upload and cancel"
  }

  scope {
    scope_name        = "admin"
    scope_description = "Operators: /v1/admin/** (DLQs of every tenant)"
  }
}

resource "aws_cognito_user_pool_client" "this" {
  for_each                             = var.clients
  name                                 = each.key
  user_pool_id                         = aws_cognito_user_pool.this.id
  generate_secret                      = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = [for s in each.value.scopes : "${aws_cognito_resource_server.api.identifier}/${s}"]
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true
  access_token_validity                = var.access_token_minutes

  token_validity_units {
    access_token = "minutes"
  }
}
