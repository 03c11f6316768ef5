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
    name = "unfinishedShard"
    type = "S"
  }

  attribute {
    name = "updatedAt"
    type = "S"
  }

  attribute {
    name = "queuedTenant"
    type = "S"
  }

  # GET /v1/jobs: a tenant's jobs, newest first (createdAt is a fixed-width ISO instant).
  global_secondary_index {
    name            = var.jobs_by_tenant_index
    hash_key        = "tenant"
    range_key       = "createdAt"
    projection_type = "ALL"
  }

  # The recovery pass finds stranded jobs here: sparse (only QUEUED and RUNNING jobs carry unfinishedShard, one of
  # 8 values so no partition takes every write), oldest updatedAt first.
  global_secondary_index {
    name            = var.jobs_unfinished_index
    hash_key        = "unfinishedShard"
    range_key       = "updatedAt"
    projection_type = "KEYS_ONLY"
  }

  # The per-tenant cap on waiting jobs counts here (uploads get 429 beyond it). Sparse: only a QUEUED job carries it.
  global_secondary_index {
    name            = var.jobs_queued_index
    hash_key        = "queuedTenant"
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

# Presigned uploads still awaiting their file (an item lives from POST /v1/uploads until the file lands, the upload
# expires or its job is cancelled; no TTL: the expiry sweep must fail the job first). The pending-upload check walks
# every one by when its URL expires (byExpiry, one partition: expiryShard is the same on every item); the per-tenant
# cap counts them by tenant (keys only).
resource "aws_dynamodb_table" "uploads" {
  name                        = var.uploads_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "rawKey"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "rawKey"
    type = "S"
  }

  attribute {
    name = "tenant"
    type = "S"
  }

  attribute {
    name = "expiryShard"
    type = "S"
  }

  attribute {
    name = "expiry"
    type = "S"
  }

  global_secondary_index {
    name            = var.uploads_by_expiry_index
    hash_key        = "expiryShard"
    range_key       = "expiry"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = var.uploads_by_tenant_index
    hash_key        = "tenant"
    range_key       = "expiry"
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

# Counts every process shares: each limited tenant's running jobs (one item per tenant), so the tenant job limit
# holds however many orchestrators claim at once; and, with AEGIS_RATE_LIMIT_SHARED, each caller's API rate bucket.
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
