output "issuer_uri" {
  description = "JWT issuer of the pool: the app's AEGIS_ISSUER_URI."
  value       = "https://cognito-idp.${data.aws_region.current.name}.amazonaws.com/${aws_cognito_user_pool.this.id}"
}

output "token_endpoint" {
  description = "OAuth2 token endpoint (client-credentials grant)."
  value       = "https://${aws_cognito_user_pool_domain.this.domain}.auth.${data.aws_region.current.name}.amazoncognito.com/oauth2/token"
}

output "user_pool_id" {
  description = "User pool id."
  value       = aws_cognito_user_pool.this.id
}

output "resource_server_identifier" {
  description = "Resource server identifier (prefix of every scope)."
  value       = aws_cognito_resource_server.api.identifier
}

output "scope_prefix" {
  description = "What Cognito puts before each scope name."
  value       = "${aws_cognito_resource_server.api.identifier}/"
}

output "client_ids" {
  description = "App client ids by name."
  value       = { for n, c in aws_cognito_user_pool_client.this : n => c.id }
}

output "client_secrets" {
  description = "App client secrets by name."
  value       = { for n, c in aws_cognito_user_pool_client.this : n => c.client_secret }
  sensitive   = true
}
