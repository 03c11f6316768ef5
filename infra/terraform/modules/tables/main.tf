# The tables AwsResourceBootstrap creates locally, with the same keys and indexes (declared here at creation, as
# there), plus point-in-time recovery, encryption at rest (AWS-managed key unless kms_key_arn is set) and TTL where
# items expire (reservations, webhook deliveries).
resource "aws_dynamodb_table" "jobs" {
  name                        = var.jobs_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "jobId"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "jobId"
    type = "S"
  }

  attribute {
    name = "tenant"
    type = "S"
  }

  attribute {
    name = "createdAt"
    type = "S"
  }

  attribute {
    name = "runningTenant"
    type = "S"
  }

  # GET /v1/jobs: a tenant's jobs, newest first (createdAt is a fixed-width ISO instant).
  global_secondary_index {
    name            = var.jobs_by_tenant_index
    hash_key        = "tenant"
    range_key       = "createdAt"
    projection_type = "ALL"
  }

  # The per-tenant limit of running jobs counts here. Sparse: only a RUNNING job carries runningTenant.
  global_secondary_index {
    name            = var.jobs_running_index
    hash_key        = "runningTenant"
    projection_type = "KEYS_ONLY"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

resource "aws_dynamodb_table" "assets" {
  name                        = var.assets_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "assetId"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "assetId"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

# Idempotency-Key reservations of POST /v1/upload; DynamoDB deletes them after expiresAt (epoch seconds).
resource "aws_dynamodb_table" "idempotency" {
  name                        = var.idempotency_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "tenantKey"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "tenantKey"
    type = "S"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

# Presigned uploads whose object has not landed yet (POST /v1/uploads); an item lives only until then.
resource "aws_dynamodb_table" "uploads" {
  name                        = var.uploads_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "rawKey"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "rawKey"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

# Counts every process shares: each limited tenant's running jobs (one item per tenant), so the tenant job limit
# holds however many orchestrators claim at once.
resource "aws_dynamodb_table" "limits" {
  name                        = var.limits_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "limitKey"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "limitKey"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

# A tenant's webhook endpoints (POST/GET/DELETE /v1/webhooks), found by tenant through the index.
resource "aws_dynamodb_table" "webhooks" {
  name                        = var.webhooks_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "webhookId"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "webhookId"
    type = "S"
  }

  attribute {
    name = "tenant"
    type = "S"
  }

  global_secondary_index {
    name            = var.webhooks_by_tenant_index
    hash_key        = "tenant"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

# Each event's delivery to one endpoint, with its tries (GET /v1/webhooks/{id}/deliveries); expire after
# aegis.webhooks.delivery-retention through the TTL attribute.
resource "aws_dynamodb_table" "webhook_deliveries" {
  name                        = var.webhook_deliveries_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "webhookId"
  range_key                   = "deliveryId"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "webhookId"
    type = "S"
  }

  attribute {
    name = "deliveryId"
    type = "S"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}
