output "raw_bucket_name" {
  description = "Raw bucket name."
  value       = aws_s3_bucket.this["raw"].id
}

output "raw_bucket_arn" {
  description = "Raw bucket ARN."
  value       = aws_s3_bucket.this["raw"].arn
}

output "processed_bucket_name" {
  description = "Processed bucket name."
  value       = aws_s3_bucket.this["processed"].id
}

output "processed_bucket_arn" {
  description = "Processed bucket ARN."
  value       = aws_s3_bucket.this["processed"].arn
}


