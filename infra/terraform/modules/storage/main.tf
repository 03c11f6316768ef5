# Raw (uploads, inbox/ drop-in) and processed (renditions, transcripts) buckets. Both: SSE-S3 (AES256),
# versioning, every public access blocked, ACLs disabled, TLS only. SSE-S3 rather than KMS so the task roles need
# no KMS key policy or kms: actions.
locals {
  buckets = {
    raw       = var.raw_bucket_name
    processed = var.processed_bucket_name
  }
}

resource "aws_s3_bucket" "this" {
  for_each      = local.buckets
  bucket        = each.value
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each                = local.buckets
  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "raw" {
  bucket = aws_s3_bucket.this["raw"].id

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }
  }

  # Drops the ingest route could not attribute to a tenant; kept a while for ops to look at.
  rule {
    id     = "expire-rejected-drops"
    status = "Enabled"
    filter {
      prefix = var.rejected_prefix
    }
    expiration {
      days = var.rejected_retention_days
    }
  }

  rule {
    id     = "originals-to-infrequent-access"
    status = "Enabled"
    filter {}
    transition {
      days          = var.raw_infrequent_access_after_days
      storage_class = "STANDARD_IA"
    }
  }

  # Per-tenant retention, the same days as the app's sweep (AEGIS_RETENTION_DAYS) plus a grace: the app deletes
  # the asset (items, vectors, every object version) first; this only catches what a failed sweep left behind.
  dynamic "rule" {
    for_each = var.tenant_retention_days
    content {
      id     = "retention-${rule.key}"
      status = "Enabled"
      filter {
        prefix = "${rule.key}/"
      }
      expiration {
        days = rule.value + var.retention_grace_days
      }
      noncurrent_version_expiration {
        noncurrent_days = 1
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_bucket_lifecycle_configuration" "processed" {
  bucket = aws_s3_bucket.this["processed"].id

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }
  }

  rule {
    id     = "renditions-to-intelligent-tiering"
    status = "Enabled"
    filter {}
    transition {
      days          = var.processed_intelligent_tiering_after_days
      storage_class = "INTELLIGENT_TIERING"
    }
  }

  # Per-tenant retention, the same days as the app's sweep (AEGIS_RETENTION_DAYS) plus a grace: the app deletes
  # the asset (items, vectors, every object version) first; this only catches what a failed sweep left behind.
  dynamic "rule" {
    for_each = var.tenant_retention_days
    content {
      id     = "retention-${rule.key}"
      status = "Enabled"
      filter {
        prefix = "${rule.key}/"
      }
      expiration {
        days = rule.value + var.retention_grace_days
      }
      noncurrent_version_expiration {
        noncurrent_days = 1
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

# Every object created in the raw bucket is announced on aegis-ingest: inbox/ drops become jobs, presigned uploads
# (keys <tenant>/<asset>/original/...) start their waiting jobs, anything else is ignored (S3EventReader,
# UploadArrival). So the app needs no polling on AWS (AEGIS_PRESIGN_POLL=false).
resource "aws_s3_bucket_notification" "raw_created" {
  bucket = aws_s3_bucket.this["raw"].id

  queue {
    id        = "raw-created-to-ingest"
    queue_arn = var.ingest_queue_arn
    events    = ["s3:ObjectCreated:*"]
  }
}

# No CloudFront in front of the processed bucket: tenants' renditions are reached only through the 15-minute
# presigned URLs the API mints after its tenant check (an unsigned CDN would serve them to anyone with the path).

data "aws_iam_policy_document" "tls_only" {
  for_each = local.buckets

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.this[each.key].arn,
      "${aws_s3_bucket.this[each.key].arn}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id
  policy   = data.aws_iam_policy_document.tls_only[each.key].json

  depends_on = [aws_s3_bucket_public_access_block.this]
}
